#!/usr/bin/env bash
# Benchmark (not a test): mil-decompress-weights on generated models whose
# decompressed weights total about 1.27 GB of fp16 (10 layers, d_model 2048,
# ffn 8192, vocab 32000), one model per constexpr kind, against memcpy of the
# same output bytes. The pass time is MLIR's own pass timing (the input is
# bytecode whose weights are mapped, the output is discarded), so file I/O
# is not in the number.
#
# Usage: bench/decompress-throughput.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${2:-$build/bench}
mkdir -p "$work"
ninja -C "$build" mil-synth mil-translate mil-opt mil-bench-memcpy >/dev/null

out_bytes=0
for mode in int8 lut4 sparse; do
  pkg="$work/decompress-$mode.mlpackage"
  bc="$work/decompress-$mode.mlirbc"
  if [[ ! -f "$bc" ]]; then
    echo "generating $pkg ..."
    "$build/bin/mil-synth" --compress "$mode" --layers 10 --d-model 2048 \
      --ffn 8192 --vocab 32000 --seq 16 --force -o "$pkg"
    "$build/bin/mil-translate" --import-mlpackage "$pkg" --emit-bytecode \
      -o "$bc"
  fi
  cat "$bc" >/dev/null # Warm the page cache.
  for run in 1 2; do
    secs=$("$build/bin/mil-opt" "$bc" --mil-decompress-weights --mlir-timing \
      --emit-bytecode -o /dev/null 2>&1 |
      awk '/mil-decompress-weights|MILDecompressWeights|DecompressWeights/ {print $1; exit}')
    echo "$mode run $run: decompress pass ${secs} s (input $(stat -c %s "$bc") bytes bytecode)"
  done
done
# The fp16 output of every mode: the model's parameter count times 2.
params=$(( 32000*2048 + 10*(4*2048*2048 + 2*2048*8192) + 32000*2048 ))
out_bytes=$(( params * 2 ))
echo "decompressed weight bytes: $out_bytes"
"$build/bin/mil-bench-memcpy" "$out_bytes"
