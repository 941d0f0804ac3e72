#!/usr/bin/env bash
# Per-call time of the interpreter (mil-run) on every torch fixture, next to
# PyTorch's eager CPU time from the fixture's meta.json (torch_ms: measured
# once on the fixture machine, 2 threads) and, when python3-torch is
# installed, a PyTorch eager matmul/conv reference measured in this run.
# Not run by tests.
#
#   bench/interpreter.sh [BUILD_DIR] [THREADS] [REPEAT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
threads=${2:-2}
repeat=${3:-10}
fixtures=${MIL_FIXTURES:-$root/../shared/fixtures}/torch
run="$build/bin/mil-run"
[[ -x "$run" ]] || { echo "build mil-run first (ninja -C $build mil-run)" >&2; exit 1; }

printf '%-22s %12s %12s %8s\n' fixture mil-run_ms torch_ms ratio
for dir in "$fixtures"/*/; do
  name=$(basename "$dir")
  [[ -f "$dir/inputs.npz" ]] || continue
  ms=$("$run" "$dir/model.mlpackage" --inputs "$dir/inputs.npz" --quiet \
         --repeat "$repeat" --num-threads "$threads" |
       sed -n 's/^time per call: \([0-9.]*\) ms.*/\1/p')
  torch=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('torch_ms', 'nan'))" "$dir/meta.json")
  ratio=$(python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b==b and b>0 else '-')" "$ms" "$torch")
  printf '%-22s %12s %12s %8s\n' "$name" "$ms" "$torch" "$ratio"
done

# A 224x224 ResNet-18-shaped program (bench/resnet18.py) against the same
# network in PyTorch eager (Debian python3-torch), both measured here.
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" "$root/bench/resnet18.py" mlir "$tmp/resnet18.mlir" 224
ms=$("$run" "$tmp/resnet18.mlir" --random-inputs --quiet --repeat "$repeat" \
       --num-threads "$threads" |
     sed -n 's/^time per call: \([0-9.]*\) ms.*/\1/p')
if "$python" -c "import torch" 2>/dev/null; then
  torch=$("$python" "$root/bench/resnet18.py" torch "$threads" "$repeat" 224)
  ratio=$("$python" -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$ms" "$torch")
else
  torch="(no torch)" ratio=-
fi
printf '%-22s %12s %12s %8s\n' resnet18_224 "$ms" "$torch" "$ratio"
