//===- KMeans.h - k-means clustering for palettization ----------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The clustering algorithms behind KMEANS palettization, on plain float data
// and independent of tensors. coremltools uses kmeans1d (an exact 1-D
// dynamic program) or scikit-learn's k-means++ (a local optimum); we always
// solve the scalar problem exactly and run a seeded, restarted Lloyd for
// vectors, so the reconstruction error is never worse and the results are
// reproducible.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_KMEANS_H
#define MIL_COMPRESSION_KMEANS_H

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mil::compression {

/// Globally optimal weighted 1-D k-means: `values` sorted ascending and
/// distinct, `weights` their counts (positive); k clusters (k <= values.size()
/// is expected; a larger k is clamped to values.size()). Writes k centroids
/// (ascending; each the weighted mean of a non-empty run of consecutive
/// values) and, for each value, its cluster. Returns the total weighted
/// squared error.
///
/// The error is Monge, so OPT(k) is convex in k and an optimal k-partition is
/// the optimum of "error + lambda * clusters" for a suitable lambda: one
/// O(n log n) pass per lambda (usually a single full pass after tuning lambda
/// on a coarse grid). When no lambda yields exactly k clusters (ties in OPT's
/// convexity) or n * k is small, a layered DP runs instead, each layer a
/// SMAWK row-minima problem: O(k n). Exact up to the rounding of the
/// prefix-sum cost formula.
double kmeans1DOptimal(llvm::ArrayRef<double> values,
                       llvm::ArrayRef<double> weights, unsigned k,
                       std::vector<double> &centroids,
                       std::vector<uint32_t> &assignment);

/// k-means on `n = data.size() / dim` vectors of length `dim` (row-major in
/// `data`), k clusters, deterministic for a given `seed` regardless of the
/// thread count. Writes k * dim centroid values and n labels.
///
/// With at most k distinct vectors the centroids are exactly those vectors
/// in lexicographic order (as coremltools' UNIQUE would list them), the
/// remaining centroids zero and unused. Otherwise: three k-means++ starts
/// with Lloyd iterations to convergence (no label change, or the error
/// improving by less than 1e-7 relative; at most 300), on an evenly strided
/// sample of 2^16 vectors when there are more; the best start is then refined
/// by Lloyd on all vectors (at most 50 iterations).
void kmeansVectors(llvm::ArrayRef<float> data, size_t dim, unsigned k,
                   uint64_t seed, std::vector<float> &centroids,
                   std::vector<uint32_t> &labels);

/// Total squared error of `labels` against `centroids` (helper for callers
/// and tests).
double kmeansVectorsError(llvm::ArrayRef<float> data, size_t dim,
                          llvm::ArrayRef<float> centroids,
                          llvm::ArrayRef<uint32_t> labels);

} // namespace mil::compression

#endif // MIL_COMPRESSION_KMEANS_H
