#!/usr/bin/env bash
# Benchmark (not a test): the compression passes on the issue's model, a
# generated transformer with about 84 M fp16 parameters in 38 weight matrices
# (6 layers, d_model 1024, ffn 4096, vocab 4096), one row per coremltools
# configuration the issue times. Seconds are MLIR's pass timing of the
# compression pass alone (the input is bytecode whose weights are mapped;
# the output is discarded); peak RSS is the whole mil-opt process
# (/usr/bin/time), parse and all.
#
# Usage: bench/compress-throughput.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${2:-$build/bench}
mkdir -p "$work"
ninja -C "$build" mil-synth mil-translate mil-opt >/dev/null
pkg="$work/compress-84m.mlpackage"
bc="$work/compress-84m.mlirbc"
if [[ ! -f "$bc" ]]; then
  "$build/bin/mil-synth" --layers 6 --d-model 1024 --ffn 4096 --vocab 4096 \
    --seq 16 --force -o "$pkg"
  "$build/bin/mil-translate" --import-mlpackage "$pkg" --emit-bytecode -o "$bc"
fi
cat "$bc" >/dev/null # Warm the page cache.

row() {
  local label=$1 coreml=$2 pass=$3
  local out secs rss
  out=$( { /usr/bin/time -f "RSS %M" "$build/bin/mil-opt" "$bc" "$pass" \
    --mlir-timing --emit-bytecode -o /dev/null; } 2>&1 )
  secs=$(awk '/Weights$/ {print $1; exit}' <<<"$out")
  rss=$(awk '/^RSS/ {printf "%.0f", $2 / 1024}' <<<"$out")
  printf '%-34s %8s s %6s MB   coremltools %6s s   %s\n' "$label" "$secs" \
    "$rss" "$coreml" "$pass"
}

echo "model: $(stat -c %s "$pkg/Data/com.apple.CoreML/weights/weight.bin") bytes of weights"
row "linear int8 per-channel" 8.8 "--mil-linear-quantize-weights"
row "linear int4 per-block-32" 10.3 \
  "--mil-linear-quantize-weights=dtype=int4 granularity=per_block block-size=32"
row "k-means 4-bit per-tensor" 28.6 "--mil-palettize-weights=mode=kmeans nbits=4"
row "k-means 4-bit grouped 16" 184 \
  "--mil-palettize-weights=mode=kmeans nbits=4 granularity=per_grouped_channel group-size=16"
row "uniform 8-bit" 8.4 "--mil-palettize-weights=mode=uniform nbits=8"
row "threshold pruning (0.02)" 7.4 "--mil-prune-weights=threshold=0.02"
row "magnitude pruning 50%" 8.4 "--mil-prune-weights=target-sparsity=0.5"
