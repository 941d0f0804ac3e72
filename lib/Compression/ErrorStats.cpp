//===- ErrorStats.cpp - how far a reconstruction is from a weight ---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ErrorStats.h"

#include "mil/Compression/Half.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

using namespace mil::compression;

double ErrorStats::relativeRms() const {
  return squaredReference > 0 ? std::sqrt(squaredError / squaredReference) : 0;
}

double ErrorStats::snrDb() const {
  return squaredError > 0 ? 10 * std::log10(squaredReference / squaredError)
                          : INFINITY;
}

namespace {

/// Every fp16 value as a float: a lookup is cheaper than the conversion.
const float *halfTable() {
  static const std::vector<float> table = [] {
    std::vector<float> t(65536);
    for (uint32_t h = 0; h < 65536; ++h)
      t[h] = halfToFloat(static_cast<uint16_t>(h));
    return t;
  }();
  return table.data();
}

double load(ElemType type, const uint8_t *p, uint64_t i) {
  switch (type) {
  case ElemType::Float16: {
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return halfTable()[h];
  }
  case ElemType::Float32: {
    float f;
    std::memcpy(&f, p + 4 * i, 4);
    return f;
  }
  case ElemType::Int8:
    return static_cast<int8_t>(p[i]);
  case ElemType::UInt8:
    return p[i];
  }
  return 0;
}

/// One chunk; `load` reads element i of either tensor as a double. Eight
/// independent lanes of sums let the compiler vectorize the loop and keep
/// the additions from waiting on each other; they are added pairwise.
template <typename LoadRef, typename LoadApprox>
ErrorStats chunkStats(LoadRef loadRef, LoadApprox loadApprox, uint64_t begin,
                      uint64_t end) {
  constexpr unsigned kLanes = 8;
  double err[kLanes] = {}, ref[kLanes] = {}, most[kLanes] = {};
  auto step = [&](unsigned lane, uint64_t i) {
    double b = loadRef(i), d = loadApprox(i) - b;
    err[lane] += d * d;
    ref[lane] += b * b;
    most[lane] = std::max(most[lane], std::abs(d));
  };
  uint64_t i = begin;
  for (; i + kLanes <= end; i += kLanes)
    for (unsigned lane = 0; lane < kLanes; ++lane)
      step(lane, i + lane);
  for (unsigned lane = 0; i < end; ++i, ++lane)
    step(lane, i);
  for (unsigned width = 1; width < kLanes; width *= 2)
    for (unsigned lane = 0; lane + width < kLanes; lane += 2 * width) {
      err[lane] += err[lane + width];
      ref[lane] += ref[lane + width];
      most[lane] = std::max(most[lane], most[lane + width]);
    }
  ErrorStats s;
  s.squaredError = err[0];
  s.squaredReference = ref[0];
  s.maxAbsError = most[0];
  return s;
}

/// The same element type on both sides (every compressed weight): the type
/// is a template parameter, so the loop has no switch in it.
template <ElemType T>
ErrorStats sameTypeStats(const uint8_t *ref, const uint8_t *approx,
                         uint64_t begin, uint64_t end) {
  if constexpr (T == ElemType::Float16) {
    const float *table = halfTable();
    auto at = [table](const uint8_t *p, uint64_t i) -> double {
      uint16_t h;
      std::memcpy(&h, p + 2 * i, 2);
      return table[h];
    };
    return chunkStats([&](uint64_t i) { return at(ref, i); },
                      [&](uint64_t i) { return at(approx, i); }, begin, end);
  }
  return chunkStats([&](uint64_t i) { return load(T, ref, i); },
                    [&](uint64_t i) { return load(T, approx, i); }, begin, end);
}

/// The stats of elements [begin, end) of `ref` and `app`.
ErrorStats rangeStats(ElemType referenceType, const uint8_t *ref,
                      ElemType approxType, const uint8_t *app, uint64_t begin,
                      uint64_t end) {
  if (referenceType != approxType)
    return chunkStats([&](uint64_t i) { return load(referenceType, ref, i); },
                      [&](uint64_t i) { return load(approxType, app, i); },
                      begin, end);
  switch (referenceType) {
  case ElemType::Float16:
    return sameTypeStats<ElemType::Float16>(ref, app, begin, end);
  case ElemType::Float32:
    return sameTypeStats<ElemType::Float32>(ref, app, begin, end);
  case ElemType::Int8:
    return sameTypeStats<ElemType::Int8>(ref, app, begin, end);
  case ElemType::UInt8:
    return sameTypeStats<ElemType::UInt8>(ref, app, begin, end);
  }
  return ErrorStats();
}

// 64 Ki elements a chunk: enough work per task, and sums of few terms.
constexpr uint64_t kChunk = 1 << 16;

/// Runs chunk(begin, end) over the chunks of `count` elements in parallel
/// and adds their stats pairwise, in a fixed order.
ErrorStats sumChunks(uint64_t count,
                     llvm::function_ref<ErrorStats(uint64_t, uint64_t)> chunk) {
  uint64_t chunks = (count + kChunk - 1) / kChunk;
  std::vector<ErrorStats> partial(chunks);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t begin = c * kChunk;
    partial[c] = chunk(begin, std::min(count, begin + kChunk));
  });
  for (uint64_t width = 1; width < chunks; width *= 2)
    for (uint64_t i = 0; i + width < chunks; i += 2 * width) {
      partial[i].squaredError += partial[i + width].squaredError;
      partial[i].squaredReference += partial[i + width].squaredReference;
      partial[i].maxAbsError =
          std::max(partial[i].maxAbsError, partial[i + width].maxAbsError);
    }
  return chunks ? partial[0] : ErrorStats();
}

} // namespace

ErrorStats mil::compression::measureError(ElemType referenceType,
                                          const void *reference,
                                          ElemType approxType,
                                          const void *approx, uint64_t count) {
  const auto *ref = static_cast<const uint8_t *>(reference);
  const auto *app = static_cast<const uint8_t *>(approx);
  return sumChunks(count, [&](uint64_t begin, uint64_t end) {
    return rangeStats(referenceType, ref, approxType, app, begin, end);
  });
}

ErrorStats mil::compression::measureErrorOf(
    ElemType referenceType, const void *reference, ElemType approxType,
    uint64_t count, llvm::function_ref<void(uint64_t, uint64_t, void *)> fill) {
  const auto *ref = static_cast<const uint8_t *>(reference);
  return sumChunks(count, [&](uint64_t begin, uint64_t end) {
    // One chunk's buffer per thread, reused: a fresh one per chunk would
    // fault its pages in every time.
    thread_local std::vector<uint8_t> buffer;
    buffer.resize(kChunk * elemTypeSize(approxType));
    fill(begin, end, buffer.data());
    // The lanes of chunkStats count from the start of the range, so a
    // range shifted to 0 sums exactly as measureError does.
    return rangeStats(referenceType, ref + begin * elemTypeSize(referenceType),
                      approxType, buffer.data(), 0, end - begin);
  });
}
