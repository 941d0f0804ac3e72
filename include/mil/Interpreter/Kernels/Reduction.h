//===- Reduction.h - reductions, arg reductions, topk, cumsum ---*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_REDUCTION_H
#define MIL_INTERPRETER_KERNELS_REDUCTION_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// The MIL reduce_* ops with a float result.
enum class ReduceKind {
  Sum,       ///< reduce_sum
  Mean,      ///< reduce_mean
  Prod,      ///< reduce_prod
  Max,       ///< reduce_max (NaN propagates)
  Min,       ///< reduce_min (NaN propagates)
  L1Norm,    ///< reduce_l1_norm: sum |x|
  L2Norm,    ///< reduce_l2_norm: sqrt(sum x^2)
  LogSumExp, ///< reduce_log_sum_exp: max + log(sum exp(x - max))
  LogSum,    ///< reduce_log_sum: log(sum x)
  SumSquare, ///< reduce_sum_square: sum x^2
};

/// Result shape of a reduction over `axes` (unique, in range):
/// the reduced dimensions become 1 with keepDims, else are dropped.
Shape reduceShape(const Shape &shape, const std::vector<int64_t> &axes,
                  bool keepDims);

/// Reduces x over `axes` (unique, in range; empty reduces nothing, a
/// copy-through of kind's per-element formula). `out` has the elements of
/// reduceShape (keepDims or not: same order). An empty reduced extent gives
/// the identity (sum 0, prod 1, max -inf, min +inf, mean NaN).
void reduce(ReduceKind kind, const float *x, const Shape &shape,
            const std::vector<int64_t> &axes, float *out);

/// MIL reduce_argmax / reduce_argmin along `axis`: the first index of the
/// extreme value (a NaN counts as the extreme, the first one wins).
/// `out` has the elements of shape without `axis`.
void argReduce(bool isMax, const float *x, const Shape &shape, int64_t axis,
               int32_t *out);

/// MIL `topk` along `axis`: the k largest (or smallest when ascending)
/// values in order, largest first (smallest first); equal values keep
/// their index order (stable, lower index first). values/indices have
/// shape with shape[axis] = k; k <= shape[axis].
void topk(const float *x, const Shape &shape, int64_t axis, int64_t k,
          bool ascending, float *values, int32_t *indices);

/// MIL `argsort` along `axis`: stable sort indices, descending unless
/// ascending.
void argsort(const float *x, const Shape &shape, int64_t axis, bool ascending,
             int32_t *indices);

/// MIL `cumsum` along `axis`: inclusive prefix sums; exclusive shifts by
/// one (the first is 0); reverse sums from the end.
void cumsum(const float *x, const Shape &shape, int64_t axis, bool exclusive,
            bool reverse, float *out);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_REDUCTION_H
