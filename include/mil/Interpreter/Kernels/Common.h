//===- Common.h - shapes, threads and layout helpers ------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_COMMON_H
#define MIL_INTERPRETER_KERNELS_COMMON_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mil::kernels {

/// Dimensions of a dense row-major tensor, outermost first. Rank 0 (empty)
/// is a scalar of one element.
using Shape = std::vector<int64_t>;

/// Product of the dimensions (1 for a scalar).
int64_t numElements(const Shape &shape);

/// Row-major strides of `shape`, in elements.
Shape stridesOf(const Shape &shape);

/// Threads the kernels use (GEMMs included: they split over the same
/// threads, the BLAS library runs single-threaded in each). `n <= 0`
/// means every core of the machine, the default. Not to be called while
/// another thread runs a kernel.
void setNumThreads(int n);
int getNumThreads();

/// Runs fn(begin, end) over [0, n) split into contiguous chunks of at least
/// `grain` items on the kernel threads; the calling thread takes part.
/// Runs inline when n <= grain or one thread is set. fn must not throw.
void parallelFor(int64_t n, int64_t grain,
                 const std::function<void(int64_t begin, int64_t end)> &fn);

/// out = x permuted: out.shape[i] = xShape[perm[i]] (MIL `transpose`).
/// `perm` is a permutation of [0, rank).
void transpose(const float *x, const Shape &xShape,
               const std::vector<int64_t> &perm, float *out);

/// The outer * axis * inner split of `shape` around `axis`: outer is the
/// product of the dimensions before it, inner of those after it.
struct AxisSplit {
  int64_t outer = 1, axis = 1, inner = 1;
};
AxisSplit splitAtAxis(const Shape &shape, int64_t axis);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_COMMON_H
