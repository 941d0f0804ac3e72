//===- InterpreterKernelsConvTest.cpp - conv, conv_transpose, pads --------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Conv.h"
#include "mil/Interpreter/Kernels/ConvPlan.h"

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
/// conv by the definition, any number of spatial dimensions.
std::vector<float> naiveConv(const std::vector<float> &x, const Shape &xs,
                             const std::vector<float> &w, const Shape &ws,
                             const float *bias, const ConvParams &p,
                             const Shape &os) {
  size_t s = xs.size() - 2;
  int64_t cgIn = ws[1], cgOut = ws[0] / p.groups;
  std::vector<float> out(numElements(os));
  Shape o(os.size(), 0);
  Shape kShape(ws.begin() + 2, ws.end());
  do {
    int64_t n = o[0], co = o[1], g = co / cgOut;
    double acc = bias ? bias[co] : 0.0;
    for (int64_t ci = 0; ci < cgIn; ++ci) {
      Shape k(s, 0);
      do {
        Shape xi{n, g * cgIn + ci};
        bool inside = true;
        for (size_t d = 0; d < s; ++d) {
          int64_t i =
              o[2 + d] * p.strides[d] + k[d] * p.dilations[d] - p.padBefore[d];
          inside &= i >= 0 && i < xs[2 + d];
          xi.push_back(i);
        }
        if (!inside)
          continue;
        Shape wi{co, ci};
        wi.insert(wi.end(), k.begin(), k.end());
        acc += double(x[flatIndex(xs, xi)]) * w[flatIndex(ws, wi)];
      } while (nextIndex(kShape, k));
    }
    out[flatIndex(os, o)] = float(acc);
  } while (nextIndex(os, o));
  return out;
}

/// conv_transpose by scattering every input element.
std::vector<float> naiveConvTranspose(const std::vector<float> &x,
                                      const Shape &xs,
                                      const std::vector<float> &w,
                                      const Shape &ws, const float *bias,
                                      const ConvParams &p, const Shape &os) {
  size_t s = xs.size() - 2;
  int64_t cgIn = xs[1] / p.groups, cgOut = ws[1];
  std::vector<double> acc(numElements(os), 0.0);
  Shape i(xs.size(), 0);
  Shape kShape(ws.begin() + 2, ws.end());
  do {
    int64_t n = i[0], ci = i[1], g = ci / cgIn;
    for (int64_t co = 0; co < cgOut; ++co) {
      Shape k(s, 0);
      do {
        Shape oi{n, g * cgOut + co};
        bool inside = true;
        for (size_t d = 0; d < s; ++d) {
          int64_t o =
              i[2 + d] * p.strides[d] + k[d] * p.dilations[d] - p.padBefore[d];
          inside &= o >= 0 && o < os[2 + d];
          oi.push_back(o);
        }
        if (!inside)
          continue;
        Shape wi{ci, co};
        wi.insert(wi.end(), k.begin(), k.end());
        acc[flatIndex(os, oi)] +=
            double(x[flatIndex(xs, i)]) * w[flatIndex(ws, wi)];
      } while (nextIndex(kShape, k));
    }
  } while (nextIndex(xs, i));
  std::vector<float> out(acc.size());
  for (size_t j = 0; j < acc.size(); ++j)
    out[j] = float(
        acc[j] +
        (bias ? bias[(j / numElements(Shape(os.begin() + 2, os.end()))) % os[1]]
              : 0.0f));
  return out;
}

struct ConvCase {
  const char *name;
  Shape x, w;
  ConvParams p;
};

void checkConv(const ConvCase &c, bool withBias) {
  SCOPED_TRACE(c.name);
  Shape os;
  std::string err;
  ASSERT_TRUE(convShape(c.x, c.w, c.p, os, err)) << err;
  auto x = randomValues(numElements(c.x), 11),
       w = randomValues(numElements(c.w), 12);
  auto b = randomValues(c.w[0], 13);
  std::vector<float> out(numElements(os), 99.0f);
  const float *bias = withBias ? b.data() : nullptr;
  conv(x.data(), c.x, w.data(), c.w, bias, c.p, out.data(), os);
  expectClose(out, naiveConv(x, c.x, w, c.w, bias, c.p, os));
}
} // namespace

TEST(InterpreterKernelsConv, MatchesDefinition) {
  const ConvCase cases[] = {
      {"1-d stride 2 pads", {2, 3, 17}, {4, 3, 5}, {{2}, {1}, {2}, {1}, 1}},
      {"2-d 3x3 same",
       {1, 4, 9, 11},
       {6, 4, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}},
      {"2-d asymmetric pads stride",
       {2, 3, 10, 7},
       {5, 3, 3, 2},
       {{2, 1}, {1, 1}, {0, 2}, {1, 0}, 1}},
      {"2-d dilation",
       {1, 2, 12, 12},
       {3, 2, 3, 3},
       {{1, 2}, {2, 3}, {2, 1}, {2, 3}, 1}},
      {"2-d groups",
       {2, 6, 8, 8},
       {9, 2, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 3}},
      {"depthwise",
       {2, 4, 9, 9},
       {4, 1, 3, 3},
       {{2, 2}, {1, 1}, {1, 1}, {1, 1}, 4}},
      {"depthwise multiplier dilation",
       {1, 3, 10, 9},
       {6, 1, 3, 2},
       {{1, 2}, {2, 1}, {2, 0}, {1, 1}, 3}},
      {"pointwise",
       {2, 5, 6, 7},
       {4, 5, 1, 1},
       {{1, 1}, {1, 1}, {0, 0}, {0, 0}, 1}},
      {"pointwise strided",
       {1, 5, 6, 7},
       {4, 5, 1, 1},
       {{2, 2}, {1, 1}, {0, 0}, {0, 0}, 1}},
      {"3-d",
       {1, 2, 5, 6, 7},
       {3, 2, 2, 3, 2},
       {{1, 2, 1}, {1, 1, 2}, {1, 0, 1}, {0, 1, 1}, 1}},
      {"kernel larger than input with pads",
       {1, 1, 2, 2},
       {1, 1, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}},
  };
  for (const ConvCase &c : cases) {
    checkConv(c, true);
    checkConv(c, false);
  }
}

// oneDNN plans (split into one part per thread: output channel blocks of
// 16, or whole groups) compute what the definition says, called twice (the
// second call reuses the reorder buffers).
TEST(InterpreterKernelsConv, PlanMatchesDefinition) {
  const ConvCase cases[] = {
      {"3x3 40 channels: a part of 16 and one of 24",
       {1, 8, 12, 10},
       {40, 8, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}},
      {"batch 2, stride 2, asymmetric pads",
       {2, 5, 11, 9},
       {33, 5, 3, 2},
       {{2, 2}, {1, 1}, {0, 1}, {1, 0}, 1}},
      {"dilation 7x7",
       {1, 3, 20, 20},
       {16, 3, 7, 7},
       {{2, 2}, {2, 1}, {3, 3}, {3, 3}, 1}},
      {"depthwise 24, batch 2",
       {2, 24, 9, 9},
       {24, 1, 5, 5},
       {{2, 2}, {1, 1}, {2, 2}, {2, 2}, 24}},
      {"groups 4",
       {1, 8, 7, 7},
       {12, 2, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 4}},
      {"1-d", {2, 4, 30}, {20, 4, 5}, {{2}, {1}, {2}, {2}, 1}},
      {"3-d",
       {1, 4, 5, 6, 7},
       {17, 4, 2, 3, 3},
       {{1, 2, 1}, {1, 1, 1}, {1, 1, 1}, {0, 1, 1}, 1}},
  };
  int planned = 0;
  for (int threads : {1, 2, 3}) {
    setNumThreads(threads);
    for (const ConvCase &c : cases)
      for (bool withBias : {true, false}) {
        SCOPED_TRACE(std::string(c.name) + " threads " +
                     std::to_string(threads) + (withBias ? " bias" : ""));
        Shape os;
        std::string err;
        ASSERT_TRUE(convShape(c.x, c.w, c.p, os, err)) << err;
        auto x = randomValues(numElements(c.x), 21),
             w = randomValues(numElements(c.w), 22);
        auto b = randomValues(c.w[0], 23);
        const float *bias = withBias ? b.data() : nullptr;
        auto plan = ConvPlan::create(c.x, w.data(), c.w, bias, c.p, os);
        if (!plan)
          continue;
        ++planned;
        // The plan keeps its own copies of the weights and bias.
        std::vector<float> want = naiveConv(x, c.x, w, c.w, bias, c.p, os);
        std::fill(w.begin(), w.end(), 0.0f);
        std::fill(b.begin(), b.end(), 0.0f);
        for (int call = 0; call < 2; ++call) {
          std::vector<float> out(numElements(os), 99.0f);
          ASSERT_TRUE(plan->run(x.data(), out.data()));
          expectClose(out, want);
        }
      }
  }
  setNumThreads(0);
  // oneDNN has a fast convolution for at least the 2-d cases.
  EXPECT_GE(planned, 3 * 2 * 5);
}

TEST(InterpreterKernelsConv, ManyTilesOnAnyThreadCount) {
  // 1152 im2col rows make tiles of about a hundred output positions, so
  // tiles start mid-row and span output rows.
  const ConvCase cases[] = {
      {"tiled 3x3",
       {1, 128, 17, 19},
       {8, 128, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 1}},
      {"tiled strided",
       {2, 128, 23, 21},
       {6, 128, 3, 3},
       {{2, 1}, {1, 2}, {1, 0}, {0, 2}, 1}},
      {"tiled groups",
       {1, 256, 15, 16},
       {8, 128, 3, 3},
       {{1, 1}, {1, 1}, {1, 1}, {1, 1}, 2}},
  };
  for (int threads : {1, 2, 3}) {
    setNumThreads(threads);
    for (const ConvCase &c : cases)
      checkConv(c, true);
  }
  setNumThreads(0);
}

TEST(InterpreterKernelsConv, HandComputed) {
  // PyTorch: conv1d([1, 2, 3, 4], w = [1, 0, -1], padding=1) =
  // [-2, -2, -2, 3].
  std::vector<float> x{1, 2, 3, 4}, w{1, 0, -1}, out(4);
  ConvParams p{{1}, {1}, {1}, {1}, 1};
  conv(x.data(), {1, 1, 4}, w.data(), {1, 1, 3}, nullptr, p, out.data(),
       {1, 1, 4});
  EXPECT_EQ(out, (std::vector<float>{-2, -2, -2, 3}));
}

TEST(InterpreterKernelsConv, ShapeErrors) {
  Shape os;
  std::string err;
  ConvParams p{{1, 1}, {1, 1}, {0, 0}, {0, 0}, 1};
  EXPECT_FALSE(convShape({1, 3, 8, 8}, {4, 2, 3, 3}, p, os, err));
  EXPECT_NE(err.find("input channels"), std::string::npos);
  EXPECT_FALSE(convShape({1, 3, 2, 2}, {4, 3, 3, 3}, p, os, err));
  EXPECT_FALSE(convShape({1, 3, 8}, {4, 3, 3, 3}, p, os, err));
  ConvParams g = p;
  g.groups = 2;
  EXPECT_FALSE(convShape({1, 3, 8, 8}, {4, 3, 3, 3}, g, os, err));
  ConvParams zero = p;
  zero.strides = {0, 1};
  EXPECT_FALSE(convShape({1, 3, 8, 8}, {4, 3, 3, 3}, zero, os, err));
}

TEST(InterpreterKernelsConv, SpatialPadRules) {
  Shape pb, pa, out;
  std::string err;
  // same, stride 2, kernel 3, input 7: out 4, total 2 -> 1/1.
  ASSERT_TRUE(computeSpatialPads(PadType::Same, {7}, {3}, {2}, {}, {}, false,
                                 pb, pa, out, err));
  EXPECT_EQ(out, Shape{4});
  EXPECT_EQ(pb, Shape{1});
  EXPECT_EQ(pa, Shape{1});
  // same, stride 2, kernel 4, input 8: total 2; even kernel 2x2 stride 1
  // input 5: total 1 -> same puts it after, same_lower before.
  ASSERT_TRUE(computeSpatialPads(PadType::Same, {5}, {2}, {1}, {}, {}, false,
                                 pb, pa, out, err));
  EXPECT_EQ(pb, Shape{0});
  EXPECT_EQ(pa, Shape{1});
  EXPECT_EQ(out, Shape{5});
  ASSERT_TRUE(computeSpatialPads(PadType::SameLower, {5}, {2}, {1}, {}, {},
                                 false, pb, pa, out, err));
  EXPECT_EQ(pb, Shape{1});
  EXPECT_EQ(pa, Shape{0});
  // Dilation widens the kernel: k 3, d 2 -> 5; same stride 1 total 4.
  ASSERT_TRUE(computeSpatialPads(PadType::Same, {9}, {3}, {1}, {2}, {}, false,
                                 pb, pa, out, err));
  EXPECT_EQ(pb, Shape{2});
  EXPECT_EQ(pa, Shape{2});
  // valid: floor((10 - 3) / 2) + 1 = 4.
  ASSERT_TRUE(computeSpatialPads(PadType::Valid, {10}, {3}, {2}, {}, {}, false,
                                 pb, pa, out, err));
  EXPECT_EQ(out, Shape{4});
  // ceil mode (PyTorch MaxPool2d(3, 2, ceil_mode=True) on 10: 5 outputs;
  // with padding 1 on 9: ceil((9 + 2 - 3) / 2) + 1 = 5, and the last
  // window starts at 8 - 1 = 7 < 9 + 1: kept).
  ASSERT_TRUE(computeSpatialPads(PadType::Valid, {10}, {3}, {2}, {}, {}, true,
                                 pb, pa, out, err));
  EXPECT_EQ(out, Shape{5});
  ASSERT_TRUE(computeSpatialPads(PadType::Custom, {9}, {3}, {2}, {}, {1, 1},
                                 true, pb, pa, out, err));
  EXPECT_EQ(out, Shape{5});
  // ceil mode drops a window that would start in the padding: input 4,
  // k 2, s 2, pads 1/1 -> floor((4 + 2 - 2 + 1) / 2) + 1 = 3, and
  // (3 - 1) * 2 = 4 >= 4 + 1 is false: 3 stays; input 5, k 3, s 3, pads
  // 1/1: floor((5 + 2 - 3 + 2) / 3) + 1 = 3, 6 >= 6: 2.
  ASSERT_TRUE(computeSpatialPads(PadType::Custom, {4}, {2}, {2}, {}, {1, 1},
                                 true, pb, pa, out, err));
  EXPECT_EQ(out, Shape{3});
  ASSERT_TRUE(computeSpatialPads(PadType::Custom, {5}, {3}, {3}, {}, {1, 1},
                                 true, pb, pa, out, err));
  EXPECT_EQ(out, Shape{2});
  // Errors.
  EXPECT_FALSE(computeSpatialPads(PadType::Valid, {2}, {3}, {1}, {}, {}, false,
                                  pb, pa, out, err));
  EXPECT_FALSE(computeSpatialPads(PadType::Custom, {8}, {3}, {1}, {}, {1},
                                  false, pb, pa, out, err));
  EXPECT_FALSE(computeSpatialPads(PadType::Custom, {8}, {3}, {1}, {}, {-1, 0},
                                  false, pb, pa, out, err));
  EXPECT_FALSE(computeSpatialPads(PadType::Valid, {8, 8}, {3}, {1}, {}, {},
                                  false, pb, pa, out, err));
  EXPECT_FALSE(computeSpatialPads(PadType::Valid, {}, {}, {}, {}, {}, false, pb,
                                  pa, out, err));
  EXPECT_FALSE(computeSpatialPads(PadType::Valid, {4, 4, 4, 4}, {1, 1, 1, 1},
                                  {1, 1, 1, 1}, {}, {}, false, pb, pa, out,
                                  err));
  PadType t;
  EXPECT_TRUE(parsePadType("same_lower", t));
  EXPECT_EQ(t, PadType::SameLower);
  EXPECT_FALSE(parsePadType("SAME", t));
}

TEST(InterpreterKernelsConv, TransposeMatchesScatter) {
  const ConvCase cases[] = {
      {"1-d stride 2", {2, 3, 7}, {3, 2, 4}, {{2}, {1}, {1}, {2}, 1}},
      {"2-d stride 2 pad 1",
       {1, 4, 5, 6},
       {4, 3, 3, 3},
       {{2, 2}, {1, 1}, {1, 1}, {1, 1}, 1}},
      {"2-d groups dilation",
       {2, 4, 4, 5},
       {4, 3, 2, 3},
       {{1, 2}, {2, 1}, {0, 1}, {1, 0}, 2}},
      {"3-d",
       {1, 2, 3, 4, 3},
       {2, 2, 2, 2, 3},
       {{2, 1, 2}, {1, 1, 1}, {0, 1, 1}, {1, 0, 0}, 1}},
  };
  for (const ConvCase &c : cases) {
    SCOPED_TRACE(c.name);
    Shape os;
    std::string err;
    ASSERT_TRUE(convTransposeShape(c.x, c.w, c.p, os, err)) << err;
    auto x = randomValues(numElements(c.x), 21),
         w = randomValues(numElements(c.w), 22);
    auto b = randomValues(os[1], 23);
    std::vector<float> out(numElements(os), 99.0f);
    convTranspose(x.data(), c.x, w.data(), c.w, b.data(), c.p, out.data(), os);
    expectClose(out, naiveConvTranspose(x, c.x, w, c.w, b.data(), c.p, os));
    // output_shape one larger per spatial dimension (output padding).
    Shape big = os;
    for (size_t d = 2; d < big.size(); ++d)
      ++big[d];
    std::vector<float> outBig(numElements(big));
    convTranspose(x.data(), c.x, w.data(), c.w, b.data(), c.p, outBig.data(),
                  big);
    expectClose(outBig, naiveConvTranspose(x, c.x, w, c.w, b.data(), c.p, big));
  }
}

TEST(InterpreterKernelsConv, TransposeHandComputedAndPads) {
  // PyTorch: conv_transpose1d([1, 2], w = [1, 1, 1], stride 2) =
  // [1, 1, 3, 2, 2].
  std::vector<float> x{1, 2}, w{1, 1, 1}, out(5);
  ConvParams p{{2}, {1}, {0}, {0}, 1};
  convTranspose(x.data(), {1, 1, 2}, w.data(), {1, 1, 3}, nullptr, p,
                out.data(), {1, 1, 5});
  EXPECT_EQ(out, (std::vector<float>{1, 1, 3, 2, 2}));

  Shape pb, pa, os;
  std::string err;
  // same: out = in * stride = 8; full = 3 * 2 + 3 = 9 -> total 1.
  ASSERT_TRUE(computeConvTransposePads(PadType::Same, {4}, {3}, {2}, {}, {}, {},
                                       pb, pa, os, err));
  EXPECT_EQ(os, Shape{8});
  EXPECT_EQ(pb, Shape{0});
  EXPECT_EQ(pa, Shape{1});
  ASSERT_TRUE(computeConvTransposePads(PadType::Valid, {4}, {3}, {2}, {}, {},
                                       {}, pb, pa, os, err));
  EXPECT_EQ(os, Shape{9});
  ASSERT_TRUE(computeConvTransposePads(PadType::Custom, {4}, {3}, {2}, {},
                                       {1, 1}, {}, pb, pa, os, err));
  EXPECT_EQ(os, Shape{7});
  // output_shape given with custom pads keeps them (output padding 1).
  ASSERT_TRUE(computeConvTransposePads(PadType::Custom, {4}, {3}, {2}, {},
                                       {1, 1}, {8}, pb, pa, os, err));
  EXPECT_EQ(os, Shape{8});
  EXPECT_EQ(pb, Shape{1});
  EXPECT_FALSE(computeConvTransposePads(PadType::Custom, {1}, {1}, {1}, {},
                                        {1, 1}, {}, pb, pa, os, err));
  EXPECT_FALSE(convTransposeShape({1, 3, 4, 4}, {2, 3, 3, 3},
                                  ConvParams{{1, 1}, {1, 1}, {0, 0}, {0, 0}, 1},
                                  os, err));
}
