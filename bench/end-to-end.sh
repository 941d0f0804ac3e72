#!/usr/bin/env bash
# Benchmark (not a test): mil-compress as a user runs it, whole process, on
# generated transformer packages, against the floor of copying the input
# weight.bin. For every row: process wall time, peak anonymous and peak
# file-backed RSS (RssAnon / RssFile sampled from /proc/PID/status every
# 20 ms by bench/sample.py), CPU time (user + system, all threads), the
# floor (`cat weight.bin > copy`, same run, best of three) and the ratio of
# wall time to it. On a
# shared machine wall times follow the load; CPU times much less so.
#
# Usage: bench/end-to-end.sh [BUILD_DIR] [WORK_DIR] [SIZES]
#   SIZES: any of 168m 2.7g 16g (default "168m 2.7g"); 16g makes a
#   Llama-3-8B-shaped package (about 16 GB of fp16 weights, 40+ GB of disk
#   for it and its outputs) and runs int4, k-means 4-bit and 50% pruning
#   on it, then decompresses one result.
# Packages are kept in WORK_DIR (default /tmp/mil-bench) between runs;
# outputs are removed after each row.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${2:-/tmp/mil-bench}
sizes=${3:-168m 2.7g}
mkdir -p "$work"
ninja -C "$build" mil-synth mil-compress >/dev/null
synth=$build/bin/mil-synth
compress=$build/bin/mil-compress

# run LABEL CMD...: runs CMD under bench/sample.py (peak RssAnon / RssFile
# sampled from /proc every 20 ms, CPU time of all threads), prints one row.
# Sets `secs` for the caller.
secs=0
floor=1
calc() { awk "BEGIN { print $* }"; }
run() {
  local label=$1
  shift
  local cpu anon file status
  # The previous row's output is removed and written back first: without
  # this, each row would pay part of the one before it.
  rm -rf "$work/out.mlpackage"
  sync
  read -r secs cpu anon file status < <(python3 "$root/bench/sample.py" \
    "$@" 2>"$work/stderr")
  if [[ $status != 0 ]]; then
    echo "FAILED: $label: $*" >&2
    cat "$work/stderr" >&2
  fi
  printf '%-36s %8.2f s %7.2f s %7.0f MB %7.0f MB %8.1fx\n' "$label" "$secs" \
    "$cpu" "$(calc "$anon / 1024")" "$(calc "$file / 1024")" \
    "$(calc "$secs / $floor")"
}

# reportCost PKG OUT: the report's cost over --quiet (int8 per channel) as
# medians of 15 alternating runs each: a single pair of 0.1-0.2 s runs varies
# by a third from one run to the next on this machine.
reportCost() {
  local -a quiet=() shown=()
  local s
  for _ in $(seq 15); do
    rm -rf "$2"
    sync
    read -r s _ < <(python3 "$root/bench/sample.py" "$compress" "$1" --quiet \
      --force -o "$2" --quantize --dtype int8)
    quiet+=("$s")
    rm -rf "$2"
    sync
    read -r s _ < <(python3 "$root/bench/sample.py" "$compress" "$1" --force \
      -o "$2" --quantize --dtype int8)
    shown+=("$s")
  done
  local q r
  q=$(printf '%s\n' "${quiet[@]}" | sort -n | sed -n 8p)
  r=$(printf '%s\n' "${shown[@]}" | sort -n | sed -n 8p)
  printf 'report cost (median of 15 alternating runs): --quiet %.3f s, report printed %.3f s: %+.0f%%\n' \
    "$q" "$r" "$(calc "100 * ($r / $q - 1)")"
}

# measureFloor WEIGHTS [TRIES]: `cat` to a new file, best of TRIES (3),
# not synced, as mil-compress's writes are not synced either.
measureFloor() {
  local best=1000000 t0 t1 s
  for _ in $(seq "${2:-3}"); do
    rm -f "$work/floor.bin"
    t0=$(date +%s.%N)
    cat "$1" >"$work/floor.bin"
    t1=$(date +%s.%N)
    s=$(calc "$t1 - $t0")
    if (($(calc "($s < $best) ? 1 : 0"))); then best=$s; fi
  done
  rm -f "$work/floor.bin"
  floor=$best
}

header() {
  printf '%-36s %10s %9s %10s %10s %9s\n' row wall "cpu" "peak anon" \
    "peak file" "/ floor"
}

# package NAME SYNTH-ARGS...: makes WORK/NAME.mlpackage once.
package() {
  local name=$1
  shift
  local pkg=$work/$name.mlpackage
  if [[ ! -f $pkg/Manifest.json ]]; then
    rm -rf "$pkg"
    run "mil-synth $name" "$synth" "$@" --opset CoreML8 -o "$pkg" >&2
  fi
  echo "$pkg"
}

rows() {
  local pkg=$1 out=$work/out.mlpackage
  local weights=$pkg/Data/com.apple.CoreML/weights/weight.bin
  cat "$weights" >/dev/null # Warm the page cache.
  measureFloor "$weights"
  echo "package $(basename "$pkg"): $(stat -c %s "$weights") bytes of" \
    "weights; floor (cat weight.bin > copy) $(printf '%.3f' "$floor") s;" \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
  header
  local -a q=(--quiet --force -o "$out")
  run "quantize int8 per channel" "$compress" "$pkg" "${q[@]}" --quantize \
    --dtype int8
  run "quantize int4 per block 32" "$compress" "$pkg" "${q[@]}" --quantize \
    --dtype int4 --granularity per_block --block-size 32
  run "palettize kmeans 4-bit per tensor" "$compress" "$pkg" "${q[@]}" \
    --palettize --mode kmeans --nbits 4
  run "palettize uniform 8-bit" "$compress" "$pkg" "${q[@]}" --palettize \
    --mode uniform --nbits 8
  run "prune threshold 0.02" "$compress" "$pkg" "${q[@]}" --prune \
    --threshold 0.02
  run "prune magnitude 50%" "$compress" "$pkg" "${q[@]}" --prune \
    --target-sparsity 0.5
  run "palettize kmeans 4-bit grouped 16" "$compress" "$pkg" "${q[@]}" \
    --palettize --mode kmeans --nbits 4 --granularity per_grouped_channel \
    --group-size 16
  # The report's cost: the int8 row again with the report printed.
  run "quantize int8, report printed" "$compress" "$pkg" --force -o "$out" \
    --quantize --dtype int8
  run "quantize int8 --dry-run --quiet" "$compress" "$pkg" --quiet \
    --dry-run --quantize --dtype int8
  # Decompression of a compressed package (k-means 4-bit, made above).
  local lut=$work/lut.mlpackage
  "$compress" "$pkg" --quiet --force -o "$lut" --palettize --mode kmeans \
    --nbits 4
  run "decompress (k-means 4-bit package)" "$compress" "$lut" "${q[@]}" \
    --decompress
  run "--info" "$compress" --info "$pkg"
  reportCost "$pkg" "$out"
  rm -rf "$out" "$lut"
  echo
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date: $(date -u '+%F %H:%M UTC'); $(uptime)"
echo
for size in $sizes; do
  case $size in
  168m)
    rows "$(package synth-168m --layers 6 --d-model 1024 --ffn 4096 \
      --vocab 4096 --seq 16)"
    ;;
  2.7g)
    rows "$(package synth-2.7g --layers 24 --d-model 2048 --ffn 8192 \
      --vocab 32000 --seq 16)"
    ;;
  16g)
    pkg=$(package llama3-8b --shape llama3-8b)
    weights=$pkg/Data/com.apple.CoreML/weights/weight.bin
    out=$work/out.mlpackage
    measureFloor "$weights" 1
    echo "package llama3-8b: $(stat -c %s "$weights") bytes of weights;" \
      "floor $(printf '%.3f' "$floor") s; load $(cut -d' ' -f1-3 /proc/loadavg)"
    header
    q=(--quiet --force -o "$out")
    int4=$work/llama3-8b-int4.mlpackage
    run "quantize int4 per block 32" "$compress" "$pkg" --quiet --force \
      -o "$int4" --quantize --dtype int4 --granularity per_block \
      --block-size 32
    run "palettize kmeans 4-bit per tensor" "$compress" "$pkg" "${q[@]}" \
      --palettize --mode kmeans --nbits 4
    run "prune magnitude 50%" "$compress" "$pkg" "${q[@]}" --prune \
      --target-sparsity 0.5
    run "decompress the int4 result" "$compress" "$int4" "${q[@]}" \
      --decompress
    rm -rf "$out" "$int4"
    echo "swap used: $(awk '/SwapTotal/ {t=$2} /SwapFree/ {f=$2} END {print (t-f)/1024 " MB"}' /proc/meminfo)"
    ;;
  *)
    echo "unknown size $size (168m 2.7g 16g)" >&2
    exit 1
    ;;
  esac
done
