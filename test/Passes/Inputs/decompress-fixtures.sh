#!/usr/bin/env bash
# For every *_decompress_from-* fixture: import the package coremltools
# decompressed, run mil-decompress-weights, export, and compare with
# coremltools' result (protobuf-equal, byte-identical weights).
# Usage: decompress-fixtures.sh FIXTURES_DIR WORK_DIR
set -u
fixtures=$1/coremltools
work=$2
rm -rf "$work" && mkdir -p "$work"
status=0
count=0
for sidecar in "$fixtures"/*_decompress_from-*.json; do
  name=$(basename "$sidecar" .json)
  input=$(sed -n 's/^ *"input": "\(.*\)",$/\1/p' "$sidecar")
  count=$((count + 1))
  if mil-translate --import-mlpackage "$fixtures/$input" -o "$work/$name.in.mlir" 2> "$work/$name.err" &&
     mil-opt "$work/$name.in.mlir" --mil-decompress-weights -o "$work/$name.mlir" 2>> "$work/$name.err" &&
     mil-translate --export-mlpackage "$work/$name.mlir" -o "$work/$name.mlpackage" 2>> "$work/$name.err" &&
     mil-compare-models "$fixtures/$name.mlpackage" "$work/$name.mlpackage" > "$work/$name.diff"; then
    echo "OK $name"
  else
    echo "FAIL $name: $(head -c 500 "$work/$name.err") $(head -c 500 "$work/$name.diff")"
    status=1
  fi
done
echo "decompressed $count packages"
exit $status
