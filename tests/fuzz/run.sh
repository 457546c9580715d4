#!/usr/bin/env bash
# tests/fuzz/run.sh BUILD HARNESS SECONDS WORK [SEED] — run one libFuzzer harness.
#
# It first runs every input of the committed seed corpus (tests/fuzz/corpus/HARNESS), so a
# regression on a known reproducer fails at once, then fuzzes for SECONDS, adding what it
# finds to WORK (never to the committed corpus). Crashes go to WORK/../crashes-HARNESS/.
# It prints one summary line — executions, coverage, corpus, crashes — and exits non-zero
# if the harness found anything.
set -uo pipefail

build=$1 harness=$2 seconds=$3 work=$4 seed=${5:-0}
root="$(cd "$(dirname "$0")/../.." && pwd)"
seeds="$root/tests/fuzz/corpus/$harness"
crashes="$(dirname "$work")/crashes-$harness"
log="$(dirname "$work")/$harness.log"

mkdir -p "$work" "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# -timeout: an input slower than 10 s is a hang; -max_len: a fabric of a few hundred nodes.
"$build/tests/fuzz/$harness" -max_total_time="$seconds" -seed="$seed" -timeout=10 \
  -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/" \
  "$work" "$seeds" >"$log" 2>&1
status=$?

done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$done_line")
found=$(find "$crashes" -type f | wc -l)

printf '%s: %s execs in %s s (%s/s), cov %s, ft %s, corpus %s, crashes %s\n' \
  "$harness" "${execs:-?}" "$seconds" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$found"
if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
  echo "$harness: FAILED (exit $status); the log is $log, the inputs are in $crashes/" >&2
  grep -E 'ERROR|runtime error|weft-fuzz:|SUMMARY' "$log" | head -n 20 >&2
  exit 1
fi
