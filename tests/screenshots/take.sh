#!/usr/bin/env bash
# take.sh BUILD — regenerate screenshots/: exports of every example in both
# views, the three report-size exports, and captures of the real window.
# Run by `make screenshots`; needs the packages `make deps` installs.
set -euo pipefail
build=$(realpath "${1:-build}")
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/screenshots
cli=$build/app/cli/weft-cli
app=$build/app/gui/weft
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# Every example, logical and physical.
for f in "$root"/data/examples/*.weft.json; do
  name=$(basename "$f" .weft.json)
  for view in logical physical; do
    "$cli" export "$f" -o "$out/export-$name-$view.png" --view "$view" --width 1600 --height 1000
  done
done

# Report-size exports (A4 landscape at 150 dpi), the issue's three fabrics.
"$cli" generate dragonfly --p 8 --a 16 --h 8 --groups 129 -o "$tmp/dragonfly-16512.weft.json"
"$cli" generate rail-optimized --gpus 131072 --tiers 3 --protocol ethernet -o "$tmp/rail-optimized-131072.weft.json"
"$cli" export "$root/data/examples/default.weft.json" -o "$out/a4-rail-optimized-1024.png" --width 1754 --height 1240
"$cli" export "$tmp/dragonfly-16512.weft.json" -o "$out/a4-dragonfly-16512.png" --width 1754 --height 1240
"$cli" export "$tmp/rail-optimized-131072.weft.json" -o "$out/a4-rail-optimized-131072.png" --width 1754 --height 1240
"$cli" export "$root/data/examples/default.weft.json" -o "$out/a4-rail-optimized-1024-dark.png" --width 1754 --height 1240 --theme dark

# How each design grows, 1k to 128k GPUs (radix-128 Ethernet so that every Clos reaches).
"$cli" sweep --protocol ethernet -o "$out/sweep-1k-128k.png"

# The window, in a private X server with settings that start from defaults.
shoot () {  # shoot OUT.png KEYS [FILE] [ENV=VALUE...]; CLICK="X Y" clicks there first, ROOT=1
            # takes the whole screen (a dialog is a window of its own)
  local shot=$1 keys=$2 file=${3:-} target='$wid'
  [ -n "${ROOT:-}" ] && target=root
  shift 3 || shift $#
  cat > "$tmp/run.sh" <<SCRIPT
export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory $*
"$app" $file &
pid=\$!
sleep 4
wid=\$(xdotool search --onlyvisible --class weft | head -1)
xdotool windowfocus --sync \$wid
if [ -n "${CLICK:-}" ]; then xdotool mousemove --window \$wid ${CLICK:-} click 1; sleep 1; fi
for k in $keys; do xdotool key --clearmodifiers \$k; sleep 1; done
# The pointer off the window: no link lit up by hovering in the picture.
xdotool mousemove 1439 899
sleep 4
import -window $target "$shot"
kill \$pid
SCRIPT
  dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" bash "$tmp/run.sh" >/dev/null 2>&1
  echo "wrote $shot"
}
shoot "$out/window-logical.png" "" ""
shoot "$out/window-physical.png" "ctrl+2" ""
shoot "$out/window-dragonfly.png" "" "$root/data/examples/dragonfly-p2-a4-h2.weft.json"
shoot "$out/window-dark.png" "" "" ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot "$out/window-compare.png" "ctrl+3 alt+c" ""
# The training job open (Alt+J), TP 4 typed in (Alt+T): DP follows, the step and its delta.
shoot "$out/window-job.png" "alt+j alt+t ctrl+a 4 Tab Tab Tab Tab Tab" ""
# Links coloured by load (Preferences, Colour links by, the fourth choice) on a Dragonfly.
shoot "$out/window-load.png" "ctrl+comma Down Return Down Down Down Return Escape" \
  "$root/data/examples/dragonfly-p2-a4-h2.weft.json"
# A spine marked failed (a click on it, Ctrl+Shift+F) on 256 GPUs: drawn failed, the changes beside.
"$cli" generate leaf-spine --gpus 256 -o "$tmp/leaf-spine-256.weft.json"
CLICK="499 324" shoot "$out/window-failed.png" "ctrl+shift+f" "$tmp/leaf-spine-256.weft.json"
# Rail-only at 32,768 GPUs: each rail's leaves wrapped into bands, so the drawing fills the canvas.
"$cli" generate rail-only --gpus 32768 --tiers auto -o "$tmp/rail-only-32768.weft.json"
shoot "$out/window-rail-only-32k.png" "" "$tmp/rail-only-32768.weft.json"
# The bill of materials (Ctrl+B) of the default fabric.
ROOT=1 shoot "$out/window-bom.png" "ctrl+b" ""
