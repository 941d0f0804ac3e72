//===- Prune.h - weight pruning (sparsification) kernels -------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The algorithms of coremltools' `prune_weights` (spec/compression.md 3.4):
// threshold, unstructured magnitude, block-structured magnitude and n:m
// pruning, and the encoding of the result as a mask plus the kept values.
//
// The results are byte-identical to coremltools under the numpy 1.x rules
// it ran with: magnitudes keep the weight's dtype (np.abs; int8 -128 stays
// -128), a threshold is compared in the weight's float type when it fits
// there (fp16 for |t| < 65000, so the threshold is rounded to fp16), the
// percentile interpolates in float64 from the two order statistics (whose
// difference is taken in the weight dtype), and n:m ties are broken the way
// numpy's argsort breaks them (a stable insertion sort for groups of up to
// 17, its introsort beyond).
//
// Weights may be Float16, Float32, Int8 or UInt8 (joint compression prunes
// decompressed values); integers are pruned by value. "Zero" is numpy's
// `== 0`: -0.0 is zero, NaN is not. Data must be aligned for its element
// type. Large tensors are processed on several threads; results do not
// depend on the thread count.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_PRUNE_H
#define MIL_COMPRESSION_PRUNE_H

#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mil::compression {

/// A pruned weight: coremltools' SparseParams, or a skip.
struct SparseParams {
  /// One byte (0/1) per weight element, 1 = kept (nonzero).
  std::vector<uint8_t> mask;
  /// The kept elements, row-major, raw bytes of the weight's ElemType.
  std::vector<uint8_t> nonzero;
  uint64_t numNonzero = 0;
  /// coremltools warns and leaves the weight dense.
  bool skipped = false;
  /// The warning text when skipped.
  std::string reason;
};

/// Threshold pruning (3.4.1): zeroes |w| <= threshold; skips (with
/// coremltools' warning) when the resulting fraction of zeros is below
/// `minimumSparsityPercentile`.
Status thresholdPrune(const TensorRef &w, double threshold,
                      double minimumSparsityPercentile, SparseParams &out);

/// Unstructured magnitude pruning (3.4.2): zeroes every element whose
/// magnitude is <= the `targetSparsity * 100` percentile of the magnitudes
/// (targetSparsity 1 zeroes everything, 0 changes nothing).
Status magnitudePrune(const TensorRef &w, double targetSparsity,
                      SparseParams &out);

/// Block-structured magnitude pruning (3.4.3): blocks of `blockSize`
/// consecutive elements along `dim` (0 or 1; the axis is zero-padded to a
/// multiple of blockSize) are ranked by their L2 norm with the 3.4.2 rule.
/// Skips when blockSize > shape[dim] / 2; rank must be 2..5.
Status blockMagnitudePrune(const TensorRef &w, double targetSparsity,
                           int64_t blockSize, int64_t dim, SparseParams &out);

/// n:m pruning (3.4.4): in every run of m consecutive elements along `dim`
/// (0 or 1; zero-padded to a multiple of m) the n smallest magnitudes are
/// zeroed. Skips when m > shape[dim] / 2; rank must be 2..5.
Status nmPrune(const TensorRef &w, int64_t n, int64_t m, int64_t dim,
               SparseParams &out);

/// Builds SparseParams from an already-pruned dense tensor (elements != 0
/// are kept); used by joint compression.
Status sparsify(const TensorRef &w, SparseParams &out);

/// Caller-owned storage for a pruning result, so that a pass can have the
/// kernel write straight into its resource blobs.
struct SparseStorage {
  /// packedSizeInBytes(numElements(w.shape), 1) bytes for the mask, packed
  /// LSB first as MIL stores uint1 (padding bits 0).
  uint8_t *packedMask = nullptr;
  /// Returns room for `bytes` bytes of kept values, called once. `bytes` may
  /// be an upper bound (up to one value per element: selection can then
  /// count and write in one pass over the weight); the kernel fills the
  /// first out.numNonzero values. A weight that turns out skipped may have
  /// asked for room too.
  llvm::function_ref<uint8_t *(uint64_t bytes)> allocateNonzero;
};

/// The kernels above writing the mask and the kept values to `storage`
/// instead of `out.mask` and `out.nonzero`, which stay empty.
Status thresholdPrune(const TensorRef &w, double threshold,
                      double minimumSparsityPercentile, SparseParams &out,
                      const SparseStorage &storage);
Status magnitudePrune(const TensorRef &w, double targetSparsity,
                      SparseParams &out, const SparseStorage &storage);
Status blockMagnitudePrune(const TensorRef &w, double targetSparsity,
                           int64_t blockSize, int64_t dim, SparseParams &out,
                           const SparseStorage &storage);
Status nmPrune(const TensorRef &w, int64_t n, int64_t m, int64_t dim,
               SparseParams &out, const SparseStorage &storage);
Status sparsify(const TensorRef &w, SparseParams &out,
                const SparseStorage &storage);

} // namespace mil::compression

#endif // MIL_COMPRESSION_PRUNE_H
