//===- Gemm.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Gemm.h"

#include <cstdlib>

using namespace mil::kernels;

void mil::kernels::gemm(bool transA, bool transB, int64_t m, int64_t n,
                        int64_t k, float alpha, const float *a, int64_t lda,
                        const float *b, int64_t ldb, float beta, float *c,
                        int64_t ldc) {
  std::abort();
}

bool mil::kernels::matmulShape(const Shape &xShape, const Shape &yShape,
                               bool transposeX, bool transposeY,
                               Shape &outShape, std::string &error) {
  std::abort();
}

void mil::kernels::matmul(const float *x, const Shape &xShape, bool transposeX,
                          const float *y, const Shape &yShape, bool transposeY,
                          float *out) {
  std::abort();
}

void mil::kernels::linear(const float *x, int64_t rows, int64_t dIn,
                          const float *weight, int64_t dOut, const float *bias,
                          float *out) {
  std::abort();
}

bool mil::kernels::einsumShape(const std::string &equation, const Shape &aShape,
                               const Shape &bShape, Shape &outShape,
                               std::string &error) {
  std::abort();
}

void mil::kernels::einsum(const std::string &equation, const float *a,
                          const Shape &aShape, const float *b,
                          const Shape &bShape, float *out) {
  std::abort();
}
