//===- Pool.h - N-d max, average and L2 pooling -----------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// MIL `max_pool`, `avg_pool`, `l2_pool` on x [N, C, *D]. The caller computes
// pads and output sizes with computeSpatialPads (Conv.h) from pad_type,
// ceil_mode and the kernel; windows that reach past the padding (ceil mode)
// are clipped.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_POOL_H
#define MIL_INTERPRETER_KERNELS_POOL_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// One entry per spatial dimension.
struct PoolParams {
  Shape kernel;
  Shape strides;
  Shape padBefore;
  Shape padAfter;
  /// avg_pool only: divide by the number of input elements in the window
  /// instead of the window size within [-padBefore, D + padAfter).
  bool excludePaddingFromAverage = false;
};

/// Max over the window's input elements (padding never wins; a window with
/// no input element gives -inf). NaN propagates.
void maxPool(const float *x, const Shape &xShape, const PoolParams &params,
             float *out, const Shape &outShape);

/// Sum over the window's input elements divided by the count described at
/// PoolParams::excludePaddingFromAverage (PyTorch's count_include_pad
/// semantics when false).
void avgPool(const float *x, const Shape &xShape, const PoolParams &params,
             float *out, const Shape &outShape);

/// sqrt(sum of squares) over the window's input elements (padding is 0).
void l2Pool(const float *x, const Shape &xShape, const PoolParams &params,
            float *out, const Shape &outShape);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_POOL_H
