//===- Reduction.cpp - (stub, being implemented)
//---------------------------------===//

#include "mil/Interpreter/Kernels/Reduction.h"

#include <cstdlib>

using namespace mil::kernels;

Shape mil::kernels::reduceShape(const Shape &shape,
                                const std::vector<int64_t> &axes,
                                bool keepDims) {
  std::abort();
}

void mil::kernels::reduce(ReduceKind kind, const float *x, const Shape &shape,
                          const std::vector<int64_t> &axes, float *out) {
  std::abort();
}

void mil::kernels::argReduce(bool isMax, const float *x, const Shape &shape,
                             int64_t axis, int32_t *out) {
  std::abort();
}

void mil::kernels::topk(const float *x, const Shape &shape, int64_t axis,
                        int64_t k, bool ascending, float *values,
                        int32_t *indices) {
  std::abort();
}

void mil::kernels::argsort(const float *x, const Shape &shape, int64_t axis,
                           bool ascending, int32_t *indices) {
  std::abort();
}

void mil::kernels::cumsum(const float *x, const Shape &shape, int64_t axis,
                          bool exclusive, bool reverse, float *out) {
  std::abort();
}
