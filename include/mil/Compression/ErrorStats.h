//===- ErrorStats.h - how far a reconstruction is from a weight -*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The error figures of mil-compress's report, computed in parallel chunks
// straight from the two tensors' bytes: no widened copy of either tensor.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_ERRORSTATS_H
#define MIL_COMPRESSION_ERRORSTATS_H

#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>

namespace mil::compression {

/// Sums over the elements of (reference, approximation) pairs.
struct ErrorStats {
  /// Sum of (approx - reference)^2 and of reference^2.
  double squaredError = 0, squaredReference = 0;
  /// Largest |approx - reference| (NaN differences are skipped).
  double maxAbsError = 0;

  /// sqrt(squaredError / squaredReference), 0 for an all-zero reference.
  double relativeRms() const;
  /// 10 log10(squaredReference / squaredError), +inf for an exact match.
  double snrDb() const;
};

/// Both levels give the same bits; Scalar exists to test that.
enum class StatsKernel { Scalar, AVX2 };

/// The best level this build and CPU support (AVX2 and F16C are detected at
/// run time).
StatsKernel bestStatsKernel();

/// Makes measureError use `kernel` (or the best supported level below it)
/// from now on, in the whole process; returns the level in effect. For tests
/// and benchmarks.
StatsKernel setStatsKernel(StatsKernel kernel);

/// The level in effect (also for blockwiseShiftScaleError's tables).
StatsKernel activeStatsKernel();

/// Compares the first `count` elements at `reference` and `approx` (fp16,
/// fp32, int8 or uint8 each), as doubles. Chunk sums are added in a fixed
/// order, so the result does not depend on the number of threads.
ErrorStats measureError(ElemType referenceType, const void *reference,
                        ElemType approxType, const void *approx,
                        uint64_t count);

/// measureError of an approximation that is never whole in memory:
/// fill(begin, end, out) writes its elements [begin, end) (of `approxType`)
/// to `out`, a buffer of the calling thread. The chunks and the order of
/// the sums are measureError's, so the result is the same bit for bit.
ErrorStats
measureErrorOf(ElemType referenceType, const void *reference,
               ElemType approxType, uint64_t count,
               llvm::function_ref<void(uint64_t, uint64_t, void *)> fill);

} // namespace mil::compression

#endif // MIL_COMPRESSION_ERRORSTATS_H
