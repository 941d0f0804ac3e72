#!/usr/bin/env bash
# Benchmark (not a test): the cost of calling mil-mlir from Python. The same
# compression of the 168 MB benchmark package (6 layers, d_model 1024, ffn
# 4096, vocab 4096, CoreML8) through mil-compress and through
# milmlir.optimize.coreml, each a whole process (load, pass, write) timed by
# /usr/bin/time; best wall time of N runs and the peak RSS of that run.
#
# Usage: bench/python-overhead.sh [BUILD_DIR] [WORK_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${2:-$build/bench}
runs=${3:-3}
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$work"
ninja -C "$build" mil-synth mil-compress _milmlir >/dev/null
pkg="$work/py168.mlpackage"
if [[ ! -d "$pkg" ]]; then
  "$build/bin/mil-synth" --layers 6 --d-model 1024 --ffn 4096 --vocab 4096 \
    --opset CoreML8 --force -o "$pkg"
fi
cat "$pkg"/Data/com.apple.CoreML/weights/weight.bin >/dev/null # page cache

# best WALL RSS over the runs of a command
best() {
  local best_wall="" best_rss=""
  for _ in $(seq "$runs"); do
    local out wall rss
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -1)
    read -r wall rss <<<"$out"
    if [[ -z "$best_wall" ]] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall=$wall best_rss=$rss
    fi
  done
  echo "$best_wall $best_rss"
}

row() {
  local label=$1 flags=$2 pyfn=$3 pycfg=$4
  # shellcheck disable=SC2086
  read -r cw cr < <(best "$build/bin/mil-compress" "$pkg" -o "$work/cli.mlpackage" \
    --force --quiet $flags)
  read -r pw pr < <(best env PYTHONPATH="$build/python" "$python" -c "
import milmlir.optimize.coreml as cto
cfg = cto.OptimizationConfig(global_config=cto.$pycfg)
cto.$pyfn('$pkg', cfg).save('$work/py.mlpackage')")
  cmp -s "$work/cli.mlpackage/Data/com.apple.CoreML/weights/weight.bin" \
    "$work/py.mlpackage/Data/com.apple.CoreML/weights/weight.bin" &&
    same=identical || same=DIFFERENT
  printf "%-28s cli %6.2f s %5d MB   python %6.2f s %5d MB   %+6.1f%%  weight.bin %s\n" \
    "$label" "$cw" $((cr / 1024)) "$pw" $((pr / 1024)) \
    "$(awk "BEGIN{print ($pw / $cw - 1) * 100}")" "$same"
}

row "quantize int8 per-channel" "--quantize" linear_quantize_weights \
  "OpLinearQuantizerConfig()"
row "palettize uniform 4-bit" "--palettize --mode uniform --nbits 4" \
  palettize_weights "OpPalettizerConfig(mode='uniform', nbits=4)"
row "palettize kmeans 4-bit" "--palettize --mode kmeans --nbits 4" \
  palettize_weights "OpPalettizerConfig(mode='kmeans', nbits=4)"
row "prune magnitude 50%" "--prune --target-sparsity 0.5" prune_weights \
  "OpMagnitudePrunerConfig(target_sparsity=0.5)"
