//===- Kernels.h - numeric kernels of the MIL interpreter -------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR, no LLVM types in the API.
//
// The heavy numeric work of the interpreter (lib/Interpreter): GEMM, N-d
// convolution, pooling, recurrent layers, normalizations, reductions and
// resampling, all on float32 buffers. The interpreter converts fp16 operands
// to float before a call and rounds the results after it.
//
// Conventions shared by every kernel (see Kernels/Common.h):
// - Tensors are dense, row-major (C order) float buffers described by a Shape
//   (one int64_t per dimension, outermost first).
// - Kernels do not validate: the caller checks shapes first with the *Shape /
//   compute* helpers, which return false and set `error` on a bad input.
//   Output buffers are allocated by the caller and fully overwritten.
// - Axes are non-negative (the caller normalizes negative MIL axes).
// - Work is split over setNumThreads() threads where it pays.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_H
#define MIL_INTERPRETER_KERNELS_H

#include "mil/Interpreter/Kernels/Common.h"
#include "mil/Interpreter/Kernels/Conv.h"
#include "mil/Interpreter/Kernels/Gemm.h"
#include "mil/Interpreter/Kernels/Normalization.h"
#include "mil/Interpreter/Kernels/Pool.h"
#include "mil/Interpreter/Kernels/Recurrent.h"
#include "mil/Interpreter/Kernels/Reduction.h"
#include "mil/Interpreter/Kernels/Resample.h"

#endif // MIL_INTERPRETER_KERNELS_H
