#!/usr/bin/env bash
# Sets up a fresh machine, builds mil-mlir and runs it on the bundled example
# program: parse, verify, canonicalize and print it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_BUILD_DIR:-$root/build}
"$root/scripts/build.sh" mil-opt
"$build/bin/mil-opt" "$root/examples/conv_block.mlir" --canonicalize
