#!/usr/bin/env bash
# Benchmark (not a test): import + export throughput of mil-translate on a
# generated model with over 1 GB of fp16 weights, against `cp -r` of the
# same package, with peak memory split into anonymous memory (what we
# allocate) and file-backed memory (the mapped input weight file).
#
# Usage: bench/translate-throughput.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${2:-$build/bench}
mkdir -p "$work"
model="$work/big.mlpackage"

if [[ ! -d "$model" ]]; then
  echo "generating $model ..."
  "$build/bin/mil-synth" --layers 10 --d-model 2048 --ffn 8192 --vocab 32000 \
    --seq 16 -o "$model"
fi
bytes=$(stat -c %s "$model/Data/com.apple.CoreML/weights/weight.bin")
echo "weight.bin: $bytes bytes"

# Runs a command, sampling its memory every 50 ms; prints seconds and the
# peaks of VmRSS, RssAnon and RssFile in MiB.
measure() {
  local start end pid peak_rss=0 peak_anon=0 peak_file=0
  start=$(date +%s.%N)
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [[ -r /proc/$pid/status ]]; then
      read -r rss anon file < <(awk '/^VmRSS/{r=$2} /^RssAnon/{a=$2} /^RssFile/{f=$2} END{print r+0, a+0, f+0}' /proc/$pid/status 2>/dev/null || echo "0 0 0")
      (( rss > peak_rss )) && peak_rss=$rss
      (( anon > peak_anon )) && peak_anon=$anon
      (( file > peak_file )) && peak_file=$file
    fi
    sleep 0.05
  done
  wait "$pid"
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) s, peak RSS $((peak_rss / 1024)) MiB (anonymous $((peak_anon / 1024)) MiB, file-backed $((peak_file / 1024)) MiB)"
}

sync
echo -n "cp -r:                    "
rm -rf "$work/copy.mlpackage"
measure cp -r "$model" "$work/copy.mlpackage"
sync
echo -n "mil-translate import+export: "
rm -rf "$work/out.mlpackage"
measure "$build/bin/mil-translate" --export-mlpackage "$model" -o "$work/out.mlpackage"
"$build/bin/mil-compare-models" "$model" "$work/out.mlpackage"
