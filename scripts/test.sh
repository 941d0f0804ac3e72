#!/usr/bin/env bash
# Sets up a fresh machine, builds everything and runs every test (lit and
# GoogleTest) through ctest. Exits non-zero if any test fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j "$(nproc)"
