#!/usr/bin/env bash
# Per-call time of the interpreter (mil-run) on every torch fixture and on a
# 224x224 ResNet-18-shaped program, next to PyTorch 1.13 eager CPU (Debian
# python3-torch) on the same networks, measured in this run with the same
# thread count. Both sides: the fastest of REPEAT calls after warm-up (the
# machine is shared: the minimum is the least disturbed call). Not run by
# tests.
#
#   bench/interpreter.sh [BUILD_DIR] [THREADS] [REPEAT]
#
# PyTorch side: bench/torch_fixtures.py rebuilds each fixture's network in
# plain torch.nn (torchvision is not packaged by Debian) with the fixture's
# parameter count (checked) and feeds it the fixture's inputs.npz;
# bench/resnet18.py builds the ResNet-18 program and its torch twin.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
threads=${2:-2}
repeat=${3:-20}
fixtures=${MIL_FIXTURES:-$root/../shared/fixtures}/torch
run="$build/bin/mil-run"
python=${PYTHON:-/usr/bin/python3}
[[ -x "$run" ]] || { echo "build mil-run first (ninja -C $build mil-run)" >&2; exit 1; }
"$python" -c "import torch" 2>/dev/null ||
  { echo "PyTorch is needed (apt-get install python3-torch)" >&2; exit 1; }
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # as the fixtures' torch_ms

# The fastest call of mil-run on MODEL with the remaining arguments.
ours() {
  "$run" "$@" --quiet --repeat "$repeat" --num-threads "$threads" |
    sed -n 's/^time per call: .* min \([0-9.]*\) ms.*/\1/p'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" "$root/bench/torch_fixtures.py" "$fixtures" "$threads" "$repeat" >"$tmp/torch.txt"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $threads threads, best of $repeat"
printf '%-22s %10s %10s %7s\n' fixture ours_ms torch_ms ratio
row() {
  printf '%-22s %10s %10s %7s\n' "$1" "$2" "$3" \
    "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.2f", a / b }')"
}
while read -r name torch check; do
  [[ $check == params-ok ]] || echo "warning: $name: $check" >&2
  row "$name" "$(ours "$fixtures/$name/model.mlpackage" --inputs "$fixtures/$name/inputs.npz")" "$torch"
done <"$tmp/torch.txt"

"$python" "$root/bench/resnet18.py" mlir "$tmp/resnet18.mlir" 224
row resnet18_224 "$(ours "$tmp/resnet18.mlir" --random-inputs)" \
  "$("$python" "$root/bench/resnet18.py" torch "$threads" "$repeat" 224)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
