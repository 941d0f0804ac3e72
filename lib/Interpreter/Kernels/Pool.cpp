//===- Pool.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Pool.h"

#include <cstdlib>

using namespace mil::kernels;

void mil::kernels::maxPool(const float *x, const Shape &xShape,
                           const PoolParams &params, float *out,
                           const Shape &outShape) {
  std::abort();
}

void mil::kernels::avgPool(const float *x, const Shape &xShape,
                           const PoolParams &params, float *out,
                           const Shape &outShape) {
  std::abort();
}

void mil::kernels::l2Pool(const float *x, const Shape &xShape,
                          const PoolParams &params, float *out,
                          const Shape &outShape) {
  std::abort();
}
