//===- ErrorStats.cpp - how far a reconstruction is from a weight ---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ErrorStats.h"

#include "CpuFeatures.h"
#include "mil/Compression/Half.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <atomic>
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

/// Eight independent lanes of sums let the compiler vectorize the loop and
/// keep the additions from waiting on each other; element i of a range goes
/// to lane (i - begin) % 8 and the lanes are added pairwise.
struct Lanes {
  static constexpr unsigned kCount = 8;
  double err[kCount] = {}, ref[kCount] = {}, most[kCount] = {};

  void step(unsigned lane, double b, double a) {
    double d = a - b;
    err[lane] += d * d;
    ref[lane] += b * b;
    most[lane] = std::max(most[lane], std::abs(d));
  }

  ErrorStats reduce() {
    for (unsigned width = 1; width < kCount; width *= 2)
      for (unsigned lane = 0; lane + width < kCount; lane += 2 * width) {
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
};

/// Elements [i, end) of a chunk whose whole lanes end at i; `load` reads
/// element i of either tensor as a double.
template <typename LoadRef, typename LoadApprox>
ErrorStats finishChunk(Lanes &lanes, LoadRef loadRef, LoadApprox loadApprox,
                       uint64_t i, uint64_t end) {
  for (unsigned lane = 0; i < end; ++i, ++lane)
    lanes.step(lane, loadRef(i), loadApprox(i));
  return lanes.reduce();
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
/// chunkStats of two fp16 tensors, eight elements a step: vcvtph2ps gives
/// the table's floats exactly, and lanes 0-3 and 4-7 are two vectors of
/// doubles with the scalar loop's operations (no FMA), so every sum is the
/// same bit for bit.
MIL_TARGET_AVX2 ErrorStats halfStatsAVX2(const float *table, const uint8_t *ref,
                                         const uint8_t *app, uint64_t begin,
                                         uint64_t end) {
  __m256d err0 = _mm256_setzero_pd(), err1 = err0, ref0 = err0, ref1 = err0,
          most0 = err0, most1 = err0;
  const __m256d absMask =
      _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  uint64_t i = begin;
  for (; i + Lanes::kCount <= end; i += Lanes::kCount) {
    __m256 b = _mm256_cvtph_ps(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(ref + 2 * i)));
    __m256 a = _mm256_cvtph_ps(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(app + 2 * i)));
    __m256d b0 = _mm256_cvtps_pd(_mm256_castps256_ps128(b));
    __m256d b1 = _mm256_cvtps_pd(_mm256_extractf128_ps(b, 1));
    __m256d d0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(a)), b0);
    __m256d d1 =
        _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(a, 1)), b1);
    err0 = _mm256_add_pd(err0, _mm256_mul_pd(d0, d0));
    err1 = _mm256_add_pd(err1, _mm256_mul_pd(d1, d1));
    ref0 = _mm256_add_pd(ref0, _mm256_mul_pd(b0, b0));
    ref1 = _mm256_add_pd(ref1, _mm256_mul_pd(b1, b1));
    // max(x, most) keeps `most` when x is NaN or equal, as std::max(most,
    // x) does.
    most0 = _mm256_max_pd(_mm256_and_pd(d0, absMask), most0);
    most1 = _mm256_max_pd(_mm256_and_pd(d1, absMask), most1);
  }
  Lanes lanes;
  _mm256_storeu_pd(lanes.err, err0);
  _mm256_storeu_pd(lanes.err + 4, err1);
  _mm256_storeu_pd(lanes.ref, ref0);
  _mm256_storeu_pd(lanes.ref + 4, ref1);
  _mm256_storeu_pd(lanes.most, most0);
  _mm256_storeu_pd(lanes.most + 4, most1);
  auto at = [table](const uint8_t *p, uint64_t i) -> double {
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return table[h];
  };
  return finishChunk(
      lanes, [&](uint64_t i) { return at(ref, i); },
      [&](uint64_t i) { return at(app, i); }, i, end);
}
#endif

/// The same element type on both sides (every compressed weight): the type
/// is a template parameter, so the loop has no switch in it.
template <ElemType T>
ErrorStats sameTypeStats(const uint8_t *ref, const uint8_t *approx,
                         uint64_t begin, uint64_t end) {
  if constexpr (T == ElemType::Float16) {
    const float *table = halfTable();
#if defined(MIL_HAVE_AVX2_KERNELS)
    if (activeKernel().load(std::memory_order_relaxed) == StatsKernel::AVX2)
      return halfStatsAVX2(table, ref, approx, begin, end);
#endif
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
