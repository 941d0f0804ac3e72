//===- ValueCounts.cpp - zeros and distinct values of a tensor ------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ValueCounts.h"

#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <vector>

using namespace mil::compression;

namespace {

constexpr uint64_t kChunk = 1 << 20;
/// Bytes per read of a mapped weight: pread's copy costs less than the
/// first touch of the mapping (FileBackedMemory.h).
constexpr uint64_t kPieceBytes = 1 << 17;

/// Calls fn(in, begin, end) on pieces [begin, end) of elements [first, last)
/// of `size`-byte elements at `data`, `in` holding the piece's bytes.
template <typename Fn>
void forEachPiece(const uint8_t *data, size_t size, uint64_t first,
                  uint64_t last, Fn &&fn) {
  thread_local ReadBuffer buffer;
  uint64_t step = kPieceBytes / size;
  for (uint64_t begin = first; begin < last; begin += step) {
    uint64_t end = std::min(last, begin + step);
    fn(buffer.read(data + begin * size, (end - begin) * size), begin, end);
  }
}

/// Zeros and the set bit patterns of 8- or 16-bit elements. `Key` maps a
/// pattern to its value class, with -0 and the NaNs folded into one each;
/// it is applied to the patterns seen, not to every element.
template <typename T, typename Key, typename IsZero>
ValueCounts countPatterns(const uint8_t *data, uint64_t count, Key key,
                          IsZero isZero) {
  constexpr size_t kPatterns = size_t(1) << (8 * sizeof(T));
  uint64_t chunks = (count + kChunk - 1) / kChunk;
  // A byte per pattern and chunk (64 KiB for 16-bit types): a plain store
  // per element, where a bitmap's read-modify-write makes each element wait
  // for the last one that hit the same word.
  std::vector<uint8_t> seen(chunks * kPatterns, 0);
  std::vector<uint64_t> zeros(chunks, 0);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint8_t *mine = seen.data() + c * kPatterns;
    uint64_t z = 0;
    uint64_t first = c * kChunk, last = std::min(count, first + kChunk);
    forEachPiece(data, sizeof(T), first, last,
                 [&](const void *in, uint64_t begin, uint64_t end) {
                   const auto *bytes = static_cast<const uint8_t *>(in);
                   for (uint64_t i = 0; i < end - begin; ++i) {
                     T v;
                     std::memcpy(&v, bytes + i * sizeof(T), sizeof(T));
                     mine[v] = 1;
                     z += isZero(v);
                   }
                 });
    zeros[c] = z;
  });
  ValueCounts out;
  for (uint64_t c = 0; c < chunks; ++c)
    out.zeros += zeros[c];
  for (uint64_t c = 1; c < chunks; ++c)
    for (size_t p = 0; p < kPatterns; ++p)
      seen[p] |= seen[c * kPatterns + p];
  std::vector<uint8_t> classes(kPatterns, 0);
  for (size_t p = 0; p < kPatterns && chunks; ++p)
    if (seen[p])
      classes[key(static_cast<T>(p))] = 1;
  for (uint8_t set : classes)
    out.distinct += set;
  return out;
}

/// fp32: canonical patterns sorted (a bitmap of 2^32 bits would be 512 MiB).
ValueCounts countFloat32(const uint8_t *data, uint64_t count) {
  std::vector<uint32_t> keys(count);
  std::atomic<uint64_t> zeros{0};
  uint64_t chunks = (count + kChunk - 1) / kChunk;
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t z = 0;
    uint64_t first = c * kChunk, last = std::min(count, first + kChunk);
    forEachPiece(
        data, 4, first, last,
        [&](const void *in, uint64_t begin, uint64_t end) {
          const auto *bytes = static_cast<const uint8_t *>(in);
          uint32_t *out = keys.data() + begin;
          for (uint64_t i = 0; i < end - begin; ++i) {
            float f;
            std::memcpy(&f, bytes + 4 * i, 4);
            z += std::abs(double(f)) <= 1e-12;
            out[i] = f == 0 ? 0 : std::isnan(f) ? 0x7FC00000u : floatToBits(f);
          }
        });
    zeros += z;
  });
  llvm::parallelSort(keys.begin(), keys.end());
  ValueCounts out;
  out.zeros = zeros;
  out.distinct = std::unique(keys.begin(), keys.end()) - keys.begin();
  return out;
}

} // namespace

ValueCounts mil::compression::countValues(ElemType type, const void *data,
                                          uint64_t count) {
  const auto *bytes = static_cast<const uint8_t *>(data);
  switch (type) {
  case ElemType::Float16:
    return countPatterns<uint16_t>(
        bytes, count,
        [](uint16_t h) -> uint32_t {
          if ((h & 0x7FFF) == 0)
            return 0; // -0 is +0
          if ((h & 0x7C00) == 0x7C00 && (h & 0x03FF))
            return 0x7E00; // every NaN is one value
          return h;
        },
        // No fp16 value but zero is within 1e-12 of it.
        [](uint16_t h) { return (h & 0x7FFF) == 0; });
  case ElemType::Float32:
    return countFloat32(bytes, count);
  case ElemType::Int8:
  case ElemType::UInt8:
    return countPatterns<uint8_t>(
        bytes, count, [](uint8_t v) -> uint32_t { return v; },
        [](uint8_t v) { return v == 0; });
  }
  return {};
}
