#!/usr/bin/env bash
# Round-trips every coremltools fixture package through mil IR text:
# import -> print -> parse -> export, and checks that the exported package is
# protobuf-equal with byte-identical weights. Prints one line per package.
# Usage: roundtrip-fixtures.sh FIXTURES_DIR WORK_DIR
set -u
fixtures=$1
work=$2
rm -rf "$work" && mkdir -p "$work"
status=0
count=0
for pkg in "$fixtures"/coremltools/*.mlpackage; do
  name=$(basename "$pkg" .mlpackage)
  count=$((count + 1))
  if ! mil-translate --import-mlpackage "$pkg" -o "$work/$name.mlir" \
      2> "$work/$name.err"; then
    echo "FAIL import $name: $(head -c 500 "$work/$name.err")"
    status=1
    continue
  fi
  if ! mil-translate --export-mlpackage "$work/$name.mlir" \
      -o "$work/$name.mlpackage" 2> "$work/$name.err"; then
    echo "FAIL export $name: $(head -c 500 "$work/$name.err")"
    status=1
    continue
  fi
  if ! mil-compare-models "$pkg" "$work/$name.mlpackage" > "$work/$name.diff"; then
    echo "FAIL compare $name: $(head -c 800 "$work/$name.diff")"
    status=1
    continue
  fi
  echo "OK $name"
done
echo "round-tripped $count packages"
exit $status
