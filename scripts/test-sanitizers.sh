#!/usr/bin/env bash
# Builds mil-mlir with AddressSanitizer + UndefinedBehaviorSanitizer (clang-19)
# into build-sanitize/ (or $MIL_SANITIZE_BUILD_DIR) and runs the same lit +
# ctest suite as scripts/test.sh. Any sanitizer report fails the test that
# triggered it.
#
#   scripts/test-sanitizers.sh                 build everything, run ctest
#   scripts/test-sanitizers.sh --build T...    only configure and build T...
#                                              (scripts/fuzz.sh uses this)
#
# The same build carries libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link) and the fuzz targets of fuzz/, so fuzzing and
# the sanitizer suite share one (slow) build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MIL_SANITIZE_BUILD_DIR:-$root/build-sanitize}
jobs=${MIL_JOBS:-$(nproc)}

"$root/scripts/bootstrap.sh"
"$root/scripts/bootstrap.sh" --sanitizers

if [[ ! -f "$build/build.ninja" ]]; then
  flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined"
  flags+=" -fno-omit-frame-pointer -gline-tables-only"
  # RelWithDebInfo without NDEBUG: -O1 for speed, assertions stay on.
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_PROJECT_INCLUDE="$root/fuzz/Fuzzers.cmake" >/dev/null
fi

if [[ "${1:-}" == "--build" ]]; then
  shift
  ninja -C "$build" -j "$jobs" "$@"
  exit 0
fi

ninja -C "$build" -j "$jobs"
# Leaks are reported (the tools free what they allocate); the suppressions
# cover one-time allocations inside the uninstrumented libLLVM/libMLIR.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:detect_odr_violation=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# test/Embedding/consumer.test builds an outside project against the
# installed libraries with the default compiler and flags; instrumented
# libraries do not link there (the sanitizer runtimes are missing), and lit
# does not pass compiler settings through. The normal suite covers it.
export LIT_FILTER_OUT=${LIT_FILTER_OUT:-Embedding/consumer.test}
cd "$build"
ctest --output-on-failure -j "$jobs"
