//===- memcpy-speed.cpp - memory copy speed, the decompression yardstick --===//
//
// Part of mil-mlir. Benchmark helper (not a test): copies N bytes from one
// buffer to another, with 1 thread and with all hardware threads, and prints
// the best time of a few runs in seconds and GB/s. Decompression writes its
// output once and reads a smaller input, so "as fast as memcpy of the output
// bytes" is the bar it is measured against.
//
//   mil-bench-memcpy BYTES
//
//===----------------------------------------------------------------------===//

#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

static double copySeconds(char *dst, const char *src, size_t bytes,
                          bool parallel) {
  auto start = std::chrono::steady_clock::now();
  if (!parallel) {
    std::memcpy(dst, src, bytes);
  } else {
    constexpr size_t kChunk = 16 << 20;
    size_t chunks = (bytes + kChunk - 1) / kChunk;
    llvm::parallelFor(0, chunks, [&](size_t i) {
      size_t begin = i * kChunk, len = std::min(kChunk, bytes - begin);
      std::memcpy(dst + begin, src + begin, len);
    });
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s BYTES\n", argv[0]);
    return 1;
  }
  size_t bytes = std::strtoull(argv[1], nullptr, 10);
  std::unique_ptr<char[]> src(new char[bytes]), dst(new char[bytes]);
  std::memset(src.get(), 1, bytes);
  std::memset(dst.get(), 0, bytes); // Fault the pages in before timing.
  for (bool parallel : {false, true}) {
    double best = 1e30;
    for (int run = 0; run < 5; ++run)
      best = std::min(best, copySeconds(dst.get(), src.get(), bytes, parallel));
    std::printf("memcpy %zu bytes, %s: %.3f s, %.2f GB/s\n", bytes,
                parallel ? "all threads" : "1 thread", best,
                bytes / best / 1e9);
  }
  return 0;
}
