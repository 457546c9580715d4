# Weft — `make run` builds and opens the app; `make check` builds and runs every test.
# Both install the Debian packages Weft needs when run as root, and otherwise
# print the one apt-get line to run. This is the only list of packages.

PACKAGES := \
	gcc make meson ninja-build pkg-config \
	libglib2.0-dev libgtk-4-dev libadwaita-1-dev \
	libigraph-dev libjson-glib-dev libyajl-dev libmetis-dev \
	xvfb xauth xdotool dbus imagemagick poppler-utils libxml2-utils \
	python3 python3-networkx desktop-file-utils appstream \
	clang libclang-rt-14-dev

BUILD      := build
ASAN_BUILD := build-asan
BENCH_BUILD := build-release
FUZZ_BUILD := build-fuzz

# libFuzzer harnesses (tests/fuzz/): make fuzz runs each for FUZZ_SECONDS (make -j2 fuzz, two
# at once); make check runs each over its committed seed corpus and then FUZZ_SMOKE_SECONDS.
FUZZERS := fuzz-fabric fuzz-catalog fuzz-metrics fuzz-plan
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS := 10

# The fuzz-run-% rules are not .PHONY: make does not search pattern rules for phony targets.
.PHONY: all deps build run check bench examples screenshots clean fuzz fuzz-build fuzz-smoke

all: build

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Weft needs these Debian packages. Run:"; \
	    echo "  sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

# -Dwerror=true: the build is warning-free, and a new warning fails it (and CI).
MESON_SETUP := meson setup -Dwerror=true

$(BUILD)/build.ninja: | deps
	$(MESON_SETUP) $(BUILD)

build: deps $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: build
	./$(BUILD)/app/gui/weft

# Every suite in the normal build (the gui suite runs under Xvfb), then the
# display-less suites (core, render) again with AddressSanitizer and UBSan, then
# each fuzz harness briefly over its seed corpus (clang's UBSan checks what gcc's
# does not, such as NULL plus an offset).
check: build
	meson test -C $(BUILD) --print-errorlogs
	[ -f $(ASAN_BUILD)/build.ninja ] || $(MESON_SETUP) $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(ASAN_BUILD) --suite core --suite render --print-errorlogs --timeout-multiplier 4
	$(MAKE) --no-print-directory fuzz-smoke

# The harnesses in a clang build of their own: ASan and UBSan (fatal), libFuzzer's
# coverage everywhere, libFuzzer's main in the harnesses only. Not -Dwerror: the
# warning list is gcc's, and clang's -Wcast-align flags the GArray casts throughout.
$(FUZZ_BUILD)/build.ninja: | deps
	CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true -Db_sanitize=address,undefined \
	  -Db_lundef=false -Dc_args=-Wno-cast-align

fuzz-build: deps $(FUZZ_BUILD)/build.ninja
	meson compile -C $(FUZZ_BUILD) $(addprefix tests/fuzz/,$(FUZZERS))

# Each run starts from the committed seeds and the corpus earlier runs grew in $(FUZZ_BUILD)/fuzz.
fuzz: $(addprefix fuzz-run-,$(FUZZERS))

fuzz-run-%: fuzz-build
	tests/fuzz/run.sh $(FUZZ_BUILD) $* $(FUZZ_SECONDS) $(FUZZ_BUILD)/fuzz/$*

# A fresh work corpus and a fixed seed each time: the committed seeds, then a short search.
fuzz-smoke: fuzz-build
	rm -rf $(FUZZ_BUILD)/smoke
	status=0; \
	for f in $(FUZZERS); do \
	  tests/fuzz/run.sh $(FUZZ_BUILD) $$f $(FUZZ_SMOKE_SECONDS) $(FUZZ_BUILD)/smoke/$$f 1 || status=1; \
	done; \
	exit $$status

bench: deps
	[ -f $(BENCH_BUILD)/build.ninja ] || $(MESON_SETUP) $(BENCH_BUILD) --buildtype=release
	meson compile -C $(BENCH_BUILD)
	status=0; \
	./$(BENCH_BUILD)/tests/weft-bench || status=1; \
	xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- ./$(BENCH_BUILD)/tests/weft-bench-window || status=1; \
	exit $$status

# Regenerate data/examples/ from the generators (the tests check they match).
examples: build
	./$(BUILD)/app/cli/weft-cli generate rail-optimized --gpus 1024 -o data/examples/default.weft.json
	./$(BUILD)/app/cli/weft-cli generate leaf-spine --gpus 512 -o data/examples/leaf-spine-512.weft.json
	./$(BUILD)/app/cli/weft-cli generate fat-tree --k 8 -o data/examples/fat-tree-k8.weft.json
	./$(BUILD)/app/cli/weft-cli generate rail-optimized --gpus 2048 --oversubscription 2 -o data/examples/rail-optimized-2048-2to1.weft.json
	./$(BUILD)/app/cli/weft-cli generate rail-only --gpus 1024 -o data/examples/rail-only-1024.weft.json
	./$(BUILD)/app/cli/weft-cli generate rail-optimized --gpus 1024 --planes 2 -o data/examples/rail-optimized-1024-dual-plane.weft.json
	./$(BUILD)/app/cli/weft-cli generate dragonfly --p 2 --a 4 --h 2 -o data/examples/dragonfly-p2-a4-h2.weft.json
	./$(BUILD)/app/cli/weft-cli generate torus --dims 8x8x8 -o data/examples/torus-8x8x8.weft.json
	./$(BUILD)/app/cli/weft-cli generate dragonfly-plus --p 4 --leaves 4 --spines 4 --h 2 -o data/examples/dragonfly-plus-p4-l4-s4-h2.weft.json
	./$(BUILD)/app/cli/weft-cli generate slim-fly --q 5 -o data/examples/slim-fly-q5.weft.json
	./$(BUILD)/app/cli/weft-cli generate hyperx --dims 8x8 -o data/examples/hyperx-8x8.weft.json
	./$(BUILD)/app/cli/weft-cli generate jellyfish --gpus 256 --p 4 --r 8 -o data/examples/jellyfish-256.weft.json

# Regenerate screenshots/ from the CLI exports and the real window (README and metainfo use them).
screenshots: build
	tests/screenshots/take.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(BENCH_BUILD) $(FUZZ_BUILD)
