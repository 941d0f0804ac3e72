//===- InterpreterKernelsPoolTest.cpp - max, avg and l2 pools -------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Conv.h"
#include "mil/Interpreter/Kernels/Pool.h"

#include <limits>

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
enum class Kind { Max, Avg, L2 };

/// Pooling by the definition (PyTorch's divisor rules for avg).
std::vector<float> naivePool(Kind kind, const std::vector<float> &x,
                             const Shape &xs, const PoolParams &p,
                             const Shape &os) {
  size_t s = xs.size() - 2;
  std::vector<float> out(numElements(os));
  Shape o(os.size(), 0);
  do {
    double acc = kind == Kind::Max ? -INFINITY : 0.0;
    int64_t inside = 0, padded = 1;
    for (size_t d = 0; d < s; ++d) {
      int64_t start = o[2 + d] * p.strides[d] - p.padBefore[d];
      int64_t end = std::min(start + p.kernel[d], xs[2 + d] + p.padAfter[d]);
      padded *= end - start;
    }
    Shape k(s, 0);
    do {
      Shape xi{o[0], o[1]};
      bool in = true;
      for (size_t d = 0; d < s; ++d) {
        int64_t i = o[2 + d] * p.strides[d] + k[d] - p.padBefore[d];
        in &= i >= 0 && i < xs[2 + d];
        xi.push_back(i);
      }
      if (!in)
        continue;
      double v = x[flatIndex(xs, xi)];
      ++inside;
      if (kind == Kind::Max)
        acc = std::max(acc, v);
      else if (kind == Kind::Avg)
        acc += v;
      else
        acc += v * v;
    } while (nextIndex(p.kernel, k));
    if (kind == Kind::Avg)
      acc /= p.excludePaddingFromAverage ? inside : padded;
    if (kind == Kind::L2)
      acc = std::sqrt(acc);
    out[flatIndex(os, o)] = float(acc);
  } while (nextIndex(os, o));
  return out;
}

void checkPool(const Shape &xs, const Shape &kernel, const Shape &strides,
               PadType padType, const Shape &customPad, bool ceilMode) {
  Shape inSpatial(xs.begin() + 2, xs.end());
  PoolParams p;
  p.kernel = kernel;
  p.strides = strides;
  Shape outSpatial;
  std::string err;
  ASSERT_TRUE(computeSpatialPads(padType, inSpatial, kernel, strides, {},
                                 customPad, ceilMode, p.padBefore, p.padAfter,
                                 outSpatial, err))
      << err;
  Shape os{xs[0], xs[1]};
  os.insert(os.end(), outSpatial.begin(), outSpatial.end());
  auto x = randomValues(numElements(xs), 31);
  std::vector<float> out(numElements(os));
  maxPool(x.data(), xs, p, out.data(), os);
  expectClose(out, naivePool(Kind::Max, x, xs, p, os));
  l2Pool(x.data(), xs, p, out.data(), os);
  expectClose(out, naivePool(Kind::L2, x, xs, p, os));
  for (bool exclude : {false, true}) {
    p.excludePaddingFromAverage = exclude;
    avgPool(x.data(), xs, p, out.data(), os);
    expectClose(out, naivePool(Kind::Avg, x, xs, p, os));
  }
}
} // namespace

TEST(InterpreterKernelsPool, MatchesDefinition) {
  checkPool({2, 3, 11}, {3}, {2}, PadType::Custom, {1, 1}, false);
  checkPool({1, 2, 9, 10}, {3, 3}, {2, 2}, PadType::Valid, {}, true);
  checkPool({1, 2, 9, 10}, {3, 2}, {2, 1}, PadType::Same, {}, false);
  checkPool({2, 2, 8, 7}, {2, 3}, {2, 2}, PadType::SameLower, {}, false);
  checkPool({1, 3, 7, 7}, {3, 3}, {2, 2}, PadType::Custom, {1, 0, 0, 1}, true);
  checkPool({1, 2, 5, 6, 7}, {2, 3, 2}, {1, 2, 2}, PadType::Custom,
            {1, 0, 1, 1, 0, 1}, false);
}

TEST(InterpreterKernelsPool, HandComputedAverageDivisors) {
  // x = [1, 2, 3, 4], kernel 2, stride 2, pads 1/1: windows {pad, 1},
  // {2, 3}, {4, pad}. PyTorch count_include_pad: [0.5, 2.5, 2];
  // exclude: [1, 2.5, 4].
  std::vector<float> x{1, 2, 3, 4}, out(3);
  PoolParams p{{2}, {2}, {1}, {1}, false};
  avgPool(x.data(), {1, 1, 4}, p, out.data(), {1, 1, 3});
  EXPECT_EQ(out, (std::vector<float>{0.5f, 2.5f, 2.0f}));
  p.excludePaddingFromAverage = true;
  avgPool(x.data(), {1, 1, 4}, p, out.data(), {1, 1, 3});
  EXPECT_EQ(out, (std::vector<float>{1.0f, 2.5f, 4.0f}));
  // Ceil mode without pads: the last window is clipped to the input and
  // divides by what is inside (PyTorch: avg_pool1d([1..5], 2, 2,
  // ceil_mode=True) = [1.5, 3.5, 5]).
  std::vector<float> y{1, 2, 3, 4, 5};
  PoolParams q{{2}, {2}, {0}, {0}, false};
  avgPool(y.data(), {1, 1, 5}, q, out.data(), {1, 1, 3});
  EXPECT_EQ(out, (std::vector<float>{1.5f, 3.5f, 5.0f}));
  maxPool(y.data(), {1, 1, 5}, q, out.data(), {1, 1, 3});
  EXPECT_EQ(out, (std::vector<float>{2.0f, 4.0f, 5.0f}));
}

TEST(InterpreterKernelsPool, MaxIgnoresPaddingAndKeepsNaN) {
  std::vector<float> x{-5, -6, std::nanf(""), -1}, out(2);
  PoolParams p{{2}, {2}, {0}, {0}, false};
  maxPool(x.data(), {1, 1, 4}, p, out.data(), {1, 1, 2});
  EXPECT_EQ(out[0], -5.0f);
  EXPECT_TRUE(std::isnan(out[1]));
  std::vector<float> y{-3, -4}, one(1);
  PoolParams q{{3}, {1}, {1}, {0}, false};
  maxPool(y.data(), {1, 1, 2}, q, one.data(), {1, 1, 1});
  EXPECT_EQ(one[0], -3.0f);
}
