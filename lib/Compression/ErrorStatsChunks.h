//===- ErrorStatsChunks.h - the chunks and lanes of measureError -*- C++ -*-=//
//
// Part of mil-mlir. Private to lib/Compression: no MLIR.
//
// measureError's figures are defined by how they are summed: chunks of
// kStatsChunk elements added pairwise in a fixed order, and in each chunk
// eight lanes (element i of a chunk goes to lane i % 8) added pairwise.
// Kernels that produce a reconstruction and measure it in the same pass
// (blockwiseShiftScaleError) sum through these pieces, so that their
// figures are measureError's bit for bit.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_COMPRESSION_ERRORSTATSCHUNKS_H
#define MIL_LIB_COMPRESSION_ERRORSTATSCHUNKS_H

#include "CpuFeatures.h"
#include "mil/Compression/ErrorStats.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mil::compression::detail {

/// 64 Ki elements a chunk: enough work per task, and sums of few terms.
constexpr uint64_t kStatsChunk = 1 << 16;

/// Every fp16 value as a float: a lookup is cheaper than the conversion.
const float *halfTable();

/// Runs chunk(begin, end) over the chunks of `count` elements in parallel
/// and adds their stats pairwise, in a fixed order.
ErrorStats sumChunks(uint64_t count,
                     llvm::function_ref<ErrorStats(uint64_t, uint64_t)> chunk);

/// The stats of consecutive chunks added pairwise in sumChunks' order; for
/// callers that measure the chunks themselves. Clobbers `chunks`.
ErrorStats combineChunks(std::vector<ErrorStats> &chunks);

/// A run of elements of a chunk with one scale: those before `end` (from
/// the chunk's start) and after the previous run.
struct ScaleRun {
  uint32_t end;
  float scale;
};

/// With the AVX2 stats kernel in effect: the ErrorStats of a chunk of `n`
/// elements of int8 (isSigned) or uint8 data `in` (4-bit values packed two
/// a byte, LSB first, when `packed`) times finite fp16 scales, given as
/// `runs`, against the fp16 `ref`; the figures of blockwiseShiftScaleError's
/// chunk bit for bit. False when the kernel is not available.
bool shiftScaleChunkStats(bool isSigned, bool packed, const uint8_t *in,
                          const uint8_t *ref, uint32_t n, const ScaleRun *runs,
                          ErrorStats &stats);

/// Eight independent lanes of sums let the compiler vectorize the loop and
/// keep the additions from waiting on each other; element i of a chunk goes
/// to lane i % 8 and the lanes are added pairwise.
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

#if defined(MIL_HAVE_AVX2_KERNELS)
/// Lanes 0-3 and 4-7 of Lanes as two vectors of doubles, with the scalar
/// step's operations (no FMA): the same sums bit for bit, eight elements a
/// step. Fp16 inputs widened by vcvtph2ps are halfTable's floats exactly.
struct HalfLanesAVX2 {
  __m256d err0, err1, ref0, ref1, most0, most1;

  MIL_TARGET_AVX2 void clear() {
    err0 = err1 = ref0 = ref1 = most0 = most1 = _mm256_setzero_pd();
  }

  /// One step of lanes 0-7: reference `b`, approximation `a`.
  MIL_TARGET_AVX2 void step(__m256 b, __m256 a) {
    const __m256d absMask =
        _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
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

  /// The lanes as Lanes, for the tail and the reduction.
  MIL_TARGET_AVX2 void store(Lanes &lanes) const {
    _mm256_storeu_pd(lanes.err, err0);
    _mm256_storeu_pd(lanes.err + 4, err1);
    _mm256_storeu_pd(lanes.ref, ref0);
    _mm256_storeu_pd(lanes.ref + 4, ref1);
    _mm256_storeu_pd(lanes.most, most0);
    _mm256_storeu_pd(lanes.most + 4, most1);
  }
};

/// The stats of a chunk of fp16 pairs whose leading whole groups of eight
/// are already in `acc`: the `tail` (< 8) elements left, at `ref` and
/// `approx`, as the scalar loop adds them, then the reduction.
MIL_TARGET_AVX2 inline ErrorStats finishHalfChunk(const HalfLanesAVX2 &acc,
                                                  const uint8_t *ref,
                                                  const uint8_t *approx,
                                                  unsigned tail) {
  Lanes lanes;
  acc.store(lanes);
  const float *table = halfTable();
  auto at = [table](const uint8_t *p, uint64_t i) -> double {
    uint16_t h;
    std::memcpy(&h, p + 2 * i, 2);
    return table[h];
  };
  return finishChunk(
      lanes, [&](uint64_t i) { return at(ref, i); },
      [&](uint64_t i) { return at(approx, i); }, 0, tail);
}
#endif

} // namespace mil::compression::detail

#endif // MIL_LIB_COMPRESSION_ERRORSTATSCHUNKS_H
