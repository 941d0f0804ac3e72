//===- InterpreterKernelsTestUtil.h - helpers of the kernel tests -*- C++
//-*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TEST_UNIT_INTERPRETERKERNELSTESTUTIL_H
#define MIL_TEST_UNIT_INTERPRETERKERNELSTESTUTIL_H

#include "mil/Interpreter/Kernels/Common.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace mil::kernels::test {

/// Standard-normal values from a fixed seed.
inline std::vector<float> randomValues(int64_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  std::vector<float> v(n);
  for (float &x : v)
    x = normal(rng);
  return v;
}

/// Element-wise |a - b| <= tol * (1 + |b|).
inline void expectClose(const std::vector<float> &a,
                        const std::vector<float> &b, float tol = 1e-4f) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_NEAR(a[i], b[i], tol * (1.0f + std::fabs(b[i]))) << "at " << i;
}

/// Row-major flat index of `idx` in `shape`.
inline int64_t flatIndex(const Shape &shape, const Shape &idx) {
  int64_t f = 0;
  for (size_t i = 0; i < shape.size(); ++i)
    f = f * shape[i] + idx[i];
  return f;
}

/// Advances `idx` over `shape` in row-major order; false after the last.
inline bool nextIndex(const Shape &shape, Shape &idx) {
  for (size_t d = shape.size(); d-- > 0;) {
    if (++idx[d] < shape[d])
      return true;
    idx[d] = 0;
  }
  return false;
}

} // namespace mil::kernels::test

#endif // MIL_TEST_UNIT_INTERPRETERKERNELSTESTUTIL_H
