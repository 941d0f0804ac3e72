//===- InterpreterKernelsReductionTest.cpp - reduce, topk, cumsum ---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Reduction.h"

#include <limits>

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
/// Reduction by the definition: group by kept coordinates in order.
std::vector<float> naiveReduce(ReduceKind kind, const std::vector<float> &x,
                               const Shape &s,
                               const std::vector<int64_t> &axes) {
  Shape os = reduceShape(s, axes, true);
  std::vector<std::vector<double>> groups(numElements(os));
  Shape idx(s.size(), 0);
  do {
    Shape o = idx;
    for (int64_t a : axes)
      o[a] = 0;
    groups[flatIndex(os, o)].push_back(x[flatIndex(s, idx)]);
  } while (nextIndex(s, idx));
  std::vector<float> out;
  for (auto &g : groups) {
    double r = 0;
    switch (kind) {
    case ReduceKind::Sum:
      for (double v : g)
        r += v;
      break;
    case ReduceKind::Mean:
      for (double v : g)
        r += v / g.size();
      break;
    case ReduceKind::Prod:
      r = 1;
      for (double v : g)
        r *= v;
      break;
    case ReduceKind::Max:
      r = -INFINITY;
      for (double v : g)
        r = std::max(r, v);
      break;
    case ReduceKind::Min:
      r = INFINITY;
      for (double v : g)
        r = std::min(r, v);
      break;
    case ReduceKind::L1Norm:
      for (double v : g)
        r += std::fabs(v);
      break;
    case ReduceKind::L2Norm:
      for (double v : g)
        r += v * v;
      r = std::sqrt(r);
      break;
    case ReduceKind::LogSumExp:
      for (double v : g)
        r += std::exp(v);
      r = std::log(r);
      break;
    case ReduceKind::LogSum:
      for (double v : g)
        r += std::fabs(v);
      r = std::log(r);
      break;
    case ReduceKind::SumSquare:
      for (double v : g)
        r += v * v;
      break;
    }
    out.push_back(float(r));
  }
  return out;
}
} // namespace

TEST(InterpreterKernelsReduction, AllKindsAnyAxes) {
  Shape s{2, 3, 4, 5};
  auto x = randomValues(120, 51);
  std::vector<float> absX(x);
  for (float &v : absX)
    v = std::fabs(v);
  const ReduceKind kinds[] = {ReduceKind::Sum,    ReduceKind::Mean,
                              ReduceKind::Prod,   ReduceKind::Max,
                              ReduceKind::Min,    ReduceKind::L1Norm,
                              ReduceKind::L2Norm, ReduceKind::LogSumExp,
                              ReduceKind::LogSum, ReduceKind::SumSquare};
  for (std::vector<int64_t> axes : {std::vector<int64_t>{},
                                    {3},
                                    {0},
                                    {1, 2},
                                    {0, 2},
                                    {1, 3},
                                    {0, 1, 2, 3}}) {
    for (ReduceKind k : kinds) {
      const std::vector<float> &in = k == ReduceKind::LogSum ? absX : x;
      std::vector<float> out(numElements(reduceShape(s, axes, false)));
      reduce(k, in.data(), s, axes, out.data());
      SCOPED_TRACE(int(k));
      SCOPED_TRACE(axes.size());
      expectClose(out, naiveReduce(k, in, s, axes), 1e-4f);
    }
  }
  EXPECT_EQ(reduceShape(s, {1, 3}, false), (Shape{2, 4}));
  EXPECT_EQ(reduceShape(s, {1, 3}, true), (Shape{2, 1, 4, 1}));
}

TEST(InterpreterKernelsReduction, MaxPropagatesNaN) {
  std::vector<float> x{1, std::nanf(""), 3, 4}, out(2);
  reduce(ReduceKind::Max, x.data(), {2, 2}, {1}, out.data());
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_EQ(out[1], 4.0f);
}

TEST(InterpreterKernelsReduction, ArgReduceFirstIndexWins) {
  // [[1, 3, 3], [2, 2, 0]] along 1: argmax [1, 0], argmin [0, 2].
  std::vector<float> x{1, 3, 3, 2, 2, 0};
  std::vector<int32_t> out(3);
  argReduce(true, x.data(), {2, 3}, 1, out.data());
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], 0);
  argReduce(false, x.data(), {2, 3}, 1, out.data());
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 2);
  // Along axis 0: columns (1, 2), (3, 2), (3, 0).
  argReduce(true, x.data(), {2, 3}, 0, out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 0, 0}));
}

TEST(InterpreterKernelsReduction, TopkOrderAndTies) {
  std::vector<float> x{1, 5, 3, 5, 2, 3};
  std::vector<float> v(3);
  std::vector<int32_t> i(3);
  topk(x.data(), {6}, 0, 3, false, v.data(), i.data());
  EXPECT_EQ(v, (std::vector<float>{5, 5, 3}));
  EXPECT_EQ(i, (std::vector<int32_t>{1, 3, 2}));
  topk(x.data(), {6}, 0, 3, true, v.data(), i.data());
  EXPECT_EQ(v, (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(i, (std::vector<int32_t>{0, 4, 2}));
  // Along a middle axis of [2, 3, 2].
  std::vector<float> y{0, 9, 1, 8, 2, 7, 5, 5, 4, 6, 3, 4};
  std::vector<float> vy(8);
  std::vector<int32_t> iy(8);
  topk(y.data(), {2, 3, 2}, 1, 2, false, vy.data(), iy.data());
  EXPECT_EQ(vy, (std::vector<float>{2, 9, 1, 8, 5, 6, 4, 5}));
  EXPECT_EQ(iy, (std::vector<int32_t>{2, 0, 1, 1, 0, 1, 1, 0}));
  std::vector<int32_t> order(6);
  argsort(x.data(), {6}, 0, true, order.data());
  EXPECT_EQ(order, (std::vector<int32_t>{0, 4, 2, 5, 1, 3}));
  argsort(x.data(), {6}, 0, false, order.data());
  EXPECT_EQ(order, (std::vector<int32_t>{1, 3, 2, 5, 4, 0}));
}

TEST(InterpreterKernelsReduction, CumsumModes) {
  std::vector<float> x{1, 2, 3, 4}, out(4);
  cumsum(x.data(), {4}, 0, false, false, out.data());
  EXPECT_EQ(out, (std::vector<float>{1, 3, 6, 10}));
  cumsum(x.data(), {4}, 0, true, false, out.data());
  EXPECT_EQ(out, (std::vector<float>{0, 1, 3, 6}));
  cumsum(x.data(), {4}, 0, false, true, out.data());
  EXPECT_EQ(out, (std::vector<float>{10, 9, 7, 4}));
  cumsum(x.data(), {4}, 0, true, true, out.data());
  EXPECT_EQ(out, (std::vector<float>{9, 7, 4, 0}));
  cumsum(x.data(), {2, 2}, 0, false, false, out.data());
  EXPECT_EQ(out, (std::vector<float>{1, 2, 4, 6}));
}
