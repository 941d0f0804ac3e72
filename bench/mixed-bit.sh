#!/usr/bin/env bash
# Time of mil-compress --mixed-bit (sensitivity sweep and choice) on the
# largest torch fixture and on a 26.5 M-parameter transformer from
# mil-synth, with the load average before and after each run (the machine
# may be shared). Not run by tests.
#
#   bench/mixed-bit.sh [BUILD_DIR] [EVAL_SETS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
sets=${2:-1}
fixtures=${MIL_FIXTURES:-$root/../shared/fixtures}/torch
bin="$build/bin"
[[ -x "$bin/mil-compress" && -x "$bin/mil-synth" ]] ||
  { echo "build mil-compress and mil-synth first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 6 layers of d_model 512, ffn 2048, vocabulary 8192: 26.5 M fp16 weights.
"$bin/mil-synth" --layers 6 --d-model 512 --ffn 2048 --vocab 8192 \
  -o "$work/synth.mlpackage" > /dev/null

run() {
  local name=$1; shift
  echo "== $name: load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$bin/mil-compress" "$@" --dry-run --palettize --mixed-bit \
    --report-json "$work/$name.json" |
    grep -E "bits per weight|sweep:|psnr" || true
  echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

run mobilenet_v3_small "$fixtures/mobilenet_v3_small/model.mlpackage" \
  --target-psnr 35 --eval "$fixtures/mobilenet_v3_small/inputs.npz"
run synth-26.5M "$work/synth.mlpackage" --target-psnr 40 --eval-random "$sets"
