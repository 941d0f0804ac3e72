//===- Gemm.h - GEMM, MIL matmul, linear and einsum -------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// All products run on oneDNN's dnnl_sgemm (chosen by measured speed over
// OpenBLAS, see bench/gemm-libraries.cpp), on getNumThreads() threads.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_GEMM_H
#define MIL_INTERPRETER_KERNELS_GEMM_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// Row-major C[M, N] = alpha * op(A)[M, K] * op(B)[K, N] + beta * C, where
/// op(A) = A ([M, K], leading dimension lda) or A^T (A is [K, M]) when
/// transA; likewise B. beta == 0 ignores C's previous contents (NaN too).
void gemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k,
          float alpha, const float *a, int64_t lda, const float *b, int64_t ldb,
          float beta, float *c, int64_t ldc);

/// Shape of MIL `matmul(x, y, transpose_x, transpose_y)`: numpy matmul
/// semantics after the optional transposes of the last two dimensions. A
/// rank-1 x is [1, K] with the 1 dropped from the result (never transposed);
/// a rank-1 y is [K, 1] with the 1 dropped. The batch dimensions (all but the
/// last two) broadcast numpy-style. Both ranks must be >= 1.
bool matmulShape(const Shape &xShape, const Shape &yShape, bool transposeX,
                 bool transposeY, Shape &outShape, std::string &error);

/// MIL `matmul`; `out` has matmulShape(...) elements.
void matmul(const float *x, const Shape &xShape, bool transposeX,
            const float *y, const Shape &yShape, bool transposeY, float *out);

/// MIL `linear`: out[r, :] = weight [dOut, dIn] * x[r, :] + bias, for the
/// `rows` rows of x ([rows, dIn], i.e. x's leading dimensions flattened).
/// `bias` ([dOut]) may be null (zeros).
void linear(const float *x, int64_t rows, int64_t dIn, const float *weight,
            int64_t dOut, const float *bias, float *out);

/// Output shape of a two-operand MIL `einsum` ("ab,bc->ac" form: one
/// lowercase or uppercase letter per dimension, no ellipsis, each letter at
/// most once per operand). Letters of the output appear in an input; letters
/// missing from the output are summed. A letter shared by both operands must
/// have equal sizes, or size 1 on one side (broadcast).
bool einsumShape(const std::string &equation, const Shape &aShape,
                 const Shape &bShape, Shape &outShape, std::string &error);

/// Two-operand einsum as one batched GEMM (transposes around it).
void einsum(const std::string &equation, const float *a, const Shape &aShape,
            const float *b, const Shape &bShape, float *out);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_GEMM_H
