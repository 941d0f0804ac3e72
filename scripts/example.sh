#!/usr/bin/env bash
# Sets up a fresh machine, builds mil-mlir and runs the main job on the
# bundled example model (a small transformer-like ML program): compress its
# weights with 4-bit k-means palettization and print the report (per weight:
# op, shape, dtypes, bytes before and after, reconstruction error), then
# check that the compressed package reads back. The example's weights are
# small, so the weight threshold is lowered from coremltools' 2048 to 1000.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_BUILD_DIR:-$root/build}
"$root/scripts/build.sh" mil-compress mil-translate
example="$root/examples/tiny_transformer.mlpackage"
out="$build/example/tiny_transformer_kmeans4.mlpackage"
mkdir -p "$build/example"
"$build/bin/mil-compress" "$example" -o "$out" --force \
  --palettize --mode kmeans --nbits 4 --weight-threshold 1000
"$build/bin/mil-translate" --import-mlpackage "$out" \
  --mlir-elide-resource-strings-if-larger=32 >/dev/null
echo "wrote $out"
