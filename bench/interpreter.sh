#!/usr/bin/env bash
# Per-call time of the interpreter (mil-run) on every torch fixture and on a
# 224x224 ResNet-18-shaped program, next to PyTorch 1.13 eager CPU (Debian
# python3-torch) on the same networks, measured in this run with the same
# thread count. Both sides: the fastest of REPEAT calls after warm-up, over
# ROUNDS (default 3) alternations of the two sides (the machine is shared:
# the minimum is the least disturbed call). Not run by tests.
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
  { echo "PyTorch is needed (scripts/bootstrap.sh --bench)" >&2; exit 1; }
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} # as the fixtures' torch_ms

# The fastest call of mil-run on MODEL with the remaining arguments.
ours() {
  "$run" "$@" --quiet --repeat "$repeat" --num-threads "$threads" |
    sed -n 's/^time per call: .* min \([0-9.]*\) ms.*/\1/p'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" "$root/bench/resnet18.py" mlir "$tmp/resnet18.mlir" 224

# ROUNDS alternations of the two sides, each keeping its best: the load of
# a shared machine changes by the second, so one side measured in a quiet
# moment and the other in a busy one would skew the ratio.
rounds=${ROUNDS:-3}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < rounds; ++r)); do
  "$python" "$root/bench/torch_fixtures.py" "$fixtures" "$threads" "$repeat" >>"$tmp/torch.txt"
  echo "resnet18_224 $("$python" "$root/bench/resnet18.py" torch "$threads" "$repeat" 224) params-ok" >>"$tmp/torch.txt"
  for dir in "$fixtures"/*/; do
    name=$(basename "$dir")
    [[ -f "$dir/inputs.npz" ]] || continue
    echo "$name $(ours "$dir/model.mlpackage" --inputs "$dir/inputs.npz")" >>"$tmp/ours.txt"
  done
  echo "resnet18_224 $(ours "$tmp/resnet18.mlir" --random-inputs)" >>"$tmp/ours.txt"
done

echo "load average: $load0 -> $(cut -d' ' -f1-3 /proc/loadavg); $threads threads; best of $repeat calls x $rounds rounds"
printf '%-22s %10s %10s %7s\n' program ours_ms torch_ms ratio
awk '$3 != "params-ok" { print "warning: " $1 ": " $3 > "/dev/stderr" }' "$tmp/torch.txt"
awk 'NR == FNR { if (!($1 in ours) || $2 < ours[$1]) ours[$1] = $2; next }
     { if (!($1 in torch)) order[n++] = $1
       if (!($1 in torch) || $2 < torch[$1]) torch[$1] = $2 }
     END { for (i = 0; i < n; ++i) { k = order[i]
             printf "%-22s %10.3f %10.3f %7.2f\n", k, ours[k], torch[k], ours[k] / torch[k] } }' \
  "$tmp/ours.txt" "$tmp/torch.txt"
