#!/usr/bin/env bash
# Installs the Debian packages mil-mlir builds with, if any is missing.
# Idempotent and quiet when everything is already there.
#
#   scripts/bootstrap.sh               what the normal build and tests need
#   scripts/bootstrap.sh --sanitizers  clang-19 and its sanitizer/libFuzzer
#                                      runtimes (scripts/fuzz.sh and
#                                      scripts/test-sanitizers.sh only)
#   scripts/bootstrap.sh --bench       python3-torch, PyTorch's side of
#                                      bench/interpreter.sh (never the tests)
set -euo pipefail

packages=(
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  protobuf-compiler libprotobuf-dev
  ninja-build cmake g++ python3 libgtest-dev
  libdnnl-dev
  pybind11-dev python3-dev python3-numpy python3-pytest
)
if [[ "${1:-}" == "--sanitizers" ]]; then
  # libomp-19-dev: clang finds OpenMP (lib/Interpreter/Kernels) only with it.
  packages=(clang-19 libclang-rt-19-dev libomp-19-dev)
elif [[ "${1:-}" == "--bench" ]]; then
  packages=(python3-torch)
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
