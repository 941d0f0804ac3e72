#!/usr/bin/env bash
# Sets up a fresh machine, builds mil-mlir and runs the main job on the
# bundled example model (a small transformer-like ML program): import the
# .mlpackage into mil IR and print it, export it again, and check that the
# rewritten package equals the original (same program, byte-identical
# weights).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_BUILD_DIR:-$root/build}
"$root/scripts/build.sh" mil-translate mil-compare-models
example="$root/examples/tiny_transformer.mlpackage"
out="$build/example/tiny_transformer.mlpackage"
mkdir -p "$build/example"
"$build/bin/mil-translate" --import-mlpackage "$example" \
  --mlir-elide-resource-strings-if-larger=32
"$build/bin/mil-translate" --export-mlpackage "$example" -o "$out" --force
"$build/bin/mil-compare-models" "$example" "$out"
