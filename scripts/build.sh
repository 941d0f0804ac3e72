#!/usr/bin/env bash
# Configures (once) and builds mil-mlir into build/ (or $MIL_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_BUILD_DIR:-$root/build}
"$root/scripts/bootstrap.sh"
if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" "$@"
