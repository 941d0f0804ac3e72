//===- Normalization.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Normalization.h"

#include <cstdlib>

using namespace mil::kernels;

void mil::kernels::softmax(const float *x, const Shape &shape, int64_t axis,
                           float *out) {
  std::abort();
}

void mil::kernels::logSoftmax(const float *x, const Shape &shape, int64_t axis,
                              float *out) {
  std::abort();
}

void mil::kernels::layerNorm(const float *x, const Shape &shape,
                             const std::vector<int64_t> &axes,
                             const float *gamma, const float *beta,
                             float epsilon, float *out) {
  std::abort();
}

void mil::kernels::instanceNorm(const float *x, const Shape &shape,
                                const float *gamma, const float *beta,
                                float epsilon, float *out) {
  std::abort();
}

void mil::kernels::batchNorm(const float *x, const Shape &shape,
                             const float *mean, const float *variance,
                             const float *gamma, const float *beta,
                             float epsilon, float *out) {
  std::abort();
}

void mil::kernels::l2Norm(const float *x, int64_t outer, int64_t inner,
                          float epsilon, float *out) {
  std::abort();
}

void mil::kernels::localResponseNorm(const float *x, const Shape &shape,
                                     int64_t size, float alpha, float beta,
                                     float k, float *out) {
  std::abort();
}
