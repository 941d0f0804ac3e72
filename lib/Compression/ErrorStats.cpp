//===- ErrorStats.cpp - how far a reconstruction is from a weight ---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ErrorStats.h"

#include "ErrorStatsChunks.h"
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <vector>

using namespace mil::compression;
using namespace mil::compression::detail;

double ErrorStats::relativeRms() const {
  return squaredReference > 0 ? std::sqrt(squaredError / squaredReference) : 0;
}

double ErrorStats::snrDb() const {
  return squaredError > 0 ? 10 * std::log10(squaredReference / squaredError)
                          : INFINITY;
}

const float *mil::compression::detail::halfTable() {
  static const std::vector<float> table = [] {
    std::vector<float> t(65536);
    for (uint32_t h = 0; h < 65536; ++h)
      t[h] = halfToFloat(static_cast<uint16_t>(h));
    return t;
  }();
  return table.data();
}

namespace {

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

/// One chunk.
template <typename LoadRef, typename LoadApprox>
ErrorStats chunkStats(LoadRef loadRef, LoadApprox loadApprox, uint64_t begin,
                      uint64_t end) {
  Lanes lanes;
  uint64_t i = begin;
  for (; i + Lanes::kCount <= end; i += Lanes::kCount)
    for (unsigned lane = 0; lane < Lanes::kCount; ++lane)
      lanes.step(lane, loadRef(i + lane), loadApprox(i + lane));
  return finishChunk(lanes, loadRef, loadApprox, i, end);
}

std::atomic<StatsKernel> &activeKernel() {
  static std::atomic<StatsKernel> kernel(bestStatsKernel());
  return kernel;
}

#if defined(MIL_HAVE_AVX2_KERNELS)
/// chunkStats of two fp16 tensors, eight elements a step (HalfLanesAVX2).
MIL_TARGET_AVX2 ErrorStats halfStatsAVX2(const uint8_t *ref, const uint8_t *app,
                                         uint64_t begin, uint64_t end) {
  HalfLanesAVX2 acc;
  acc.clear();
  uint64_t i = begin;
  for (; i + Lanes::kCount <= end; i += Lanes::kCount)
    acc.step(_mm256_cvtph_ps(_mm_loadu_si128(
                 reinterpret_cast<const __m128i *>(ref + 2 * i))),
             _mm256_cvtph_ps(_mm_loadu_si128(
                 reinterpret_cast<const __m128i *>(app + 2 * i))));
  return finishHalfChunk(acc, ref + 2 * i, app + 2 * i,
                         static_cast<unsigned>(end - i));
}
#endif

/// The same element type on both sides (every compressed weight): the type
/// is a template parameter, so the loop has no switch in it.
template <ElemType T>
ErrorStats sameTypeStats(const uint8_t *ref, const uint8_t *approx,
                         uint64_t begin, uint64_t end) {
  if constexpr (T == ElemType::Float16) {
#if defined(MIL_HAVE_AVX2_KERNELS)
    if (activeKernel().load(std::memory_order_relaxed) == StatsKernel::AVX2)
      return halfStatsAVX2(ref, approx, begin, end);
#endif
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

} // namespace

ErrorStats mil::compression::detail::sumChunks(
    uint64_t count, llvm::function_ref<ErrorStats(uint64_t, uint64_t)> chunk) {
  uint64_t chunks = (count + kStatsChunk - 1) / kStatsChunk;
  std::vector<ErrorStats> partial(chunks);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t begin = c * kStatsChunk;
    partial[c] = chunk(begin, std::min(count, begin + kStatsChunk));
  });
  return combineChunks(partial);
}

ErrorStats
mil::compression::detail::combineChunks(std::vector<ErrorStats> &partial) {
  uint64_t chunks = partial.size();
  for (uint64_t width = 1; width < chunks; width *= 2)
    for (uint64_t i = 0; i + width < chunks; i += 2 * width) {
      partial[i].squaredError += partial[i + width].squaredError;
      partial[i].squaredReference += partial[i + width].squaredReference;
      partial[i].maxAbsError =
          std::max(partial[i].maxAbsError, partial[i + width].maxAbsError);
    }
  return chunks ? partial[0] : ErrorStats();
}

StatsKernel mil::compression::bestStatsKernel() {
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (cpuHasAVX2F16C())
    return StatsKernel::AVX2;
#endif
  return StatsKernel::Scalar;
}

StatsKernel mil::compression::setStatsKernel(StatsKernel kernel) {
  StatsKernel best = bestStatsKernel();
  if (kernel > best)
    kernel = best;
  activeKernel().store(kernel, std::memory_order_relaxed);
  return kernel;
}

StatsKernel mil::compression::activeStatsKernel() {
  return activeKernel().load(std::memory_order_relaxed);
}

ErrorStats mil::compression::measureError(ElemType referenceType,
                                          const void *reference,
                                          ElemType approxType,
                                          const void *approx, uint64_t count) {
  const auto *ref = static_cast<const uint8_t *>(reference);
  const auto *app = static_cast<const uint8_t *>(approx);
  size_t refSize = elemTypeSize(referenceType),
         appSize = elemTypeSize(approxType);
  return sumChunks(count, [&](uint64_t begin, uint64_t end) {
    // Mapped weights are read with pread: cheaper than faulting their pages
    // in. The lanes of chunkStats count from the start of the range, so a
    // range shifted to 0 sums as the whole tensor's does.
    size_t n = end - begin;
    thread_local ReadBuffer refBuffer, appBuffer;
    const auto *r = static_cast<const uint8_t *>(
        refBuffer.read(ref + begin * refSize, n * refSize));
    const auto *a = static_cast<const uint8_t *>(
        appBuffer.read(app + begin * appSize, n * appSize));
    return rangeStats(referenceType, r, approxType, a, 0, n);
  });
}

ErrorStats mil::compression::measureErrorOf(
    ElemType referenceType, const void *reference, ElemType approxType,
    uint64_t count, llvm::function_ref<void(uint64_t, uint64_t, void *)> fill) {
  const auto *ref = static_cast<const uint8_t *>(reference);
  size_t refSize = elemTypeSize(referenceType);
  return sumChunks(count, [&](uint64_t begin, uint64_t end) {
    // Reused from chunk to chunk: a fresh buffer per chunk would fault its
    // pages in every time.
    thread_local std::vector<uint8_t> approx;
    approx.resize(std::max(approx.size(),
                           size_t(kStatsChunk) * elemTypeSize(approxType)));
    fill(begin, end, approx.data());
    size_t n = end - begin;
    thread_local ReadBuffer refBuffer;
    const auto *r = static_cast<const uint8_t *>(
        refBuffer.read(ref + begin * refSize, n * refSize));
    return rangeStats(referenceType, r, approxType, approx.data(), 0, n);
  });
}
