//===- InterpreterKernelsNormalizationTest.cpp - softmax and norms --------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Normalization.h"

#include <map>

using namespace mil::kernels;
using namespace mil::kernels::test;

TEST(InterpreterKernelsNormalization, SoftmaxHandComputed) {
  // softmax([1, 2, 3]) = [0.0900306, 0.2447285, 0.6652410].
  std::vector<float> x{1, 2, 3, 1000, 1000, 1000}, out(6);
  softmax(x.data(), {2, 3}, 1, out.data());
  expectClose(
      out, {0.0900306f, 0.2447285f, 0.6652410f, 1.0f / 3, 1.0f / 3, 1.0f / 3},
      1e-6f);
  logSoftmax(x.data(), {2, 3}, 1, out.data());
  expectClose(out,
              {-2.4076059f, -1.4076059f, -0.4076059f, -1.0986123f, -1.0986123f,
               -1.0986123f},
              1e-6f);
  // Along axis 0 of [2, 3]: pairs (1, 1000) etc.
  softmax(x.data(), {2, 3}, 0, out.data());
  EXPECT_NEAR(out[0], 0.0f, 1e-6f);
  EXPECT_NEAR(out[3], 1.0f, 1e-6f);
}

TEST(InterpreterKernelsNormalization, LayerNormAnyAxes) {
  Shape s{2, 3, 4, 5};
  auto x = randomValues(120, 41);
  for (std::vector<int64_t> axes :
       {std::vector<int64_t>{3}, {2, 3}, {1, 3}, {0, 2}, {0, 1, 2, 3}}) {
    Shape gs;
    for (int64_t a : axes)
      gs.push_back(s[a]);
    auto gamma = randomValues(numElements(gs), 42),
         beta = randomValues(numElements(gs), 43);
    std::vector<float> out(120), ref(120);
    layerNorm(x.data(), s, axes, gamma.data(), beta.data(), 1e-5f, out.data());
    // Reference: group elements by their kept coordinates.
    std::vector<bool> red(4, false);
    for (int64_t a : axes)
      red[a] = true;
    Shape idx(4, 0);
    std::map<std::vector<int64_t>, std::vector<int64_t>> groups;
    do {
      std::vector<int64_t> key;
      for (int d = 0; d < 4; ++d)
        key.push_back(red[d] ? -1 : idx[d]);
      groups[key].push_back(flatIndex(s, idx));
    } while (nextIndex(s, idx));
    for (auto &[key, members] : groups) {
      double mean = 0, var = 0;
      for (int64_t m : members)
        mean += x[m];
      mean /= members.size();
      for (int64_t m : members)
        var += (x[m] - mean) * (x[m] - mean);
      var /= members.size();
      for (size_t j = 0; j < members.size(); ++j)
        ref[members[j]] =
            float((x[members[j]] - mean) / std::sqrt(var + 1e-5) * gamma[j] +
                  beta[j]);
    }
    SCOPED_TRACE(axes.size());
    expectClose(out, ref);
  }
  // No gamma/beta: zero mean, unit variance.
  std::vector<float> y{1, 2, 3, 4}, out(4);
  layerNorm(y.data(), {4}, {0}, nullptr, nullptr, 0.0f, out.data());
  expectClose(out, {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f}, 1e-6f);
}

TEST(InterpreterKernelsNormalization, InstanceAndBatchNorm) {
  // x [1, 2, 2]: channel 0 [1, 3] -> [-1, 1]; channel 1 [5, 5] -> [0, 0]
  // then gamma 2, beta 1 (a tiny epsilon keeps 0 / 0 away).
  std::vector<float> x{1, 3, 5, 5}, out(4);
  std::vector<float> gamma{1, 2}, beta{0, 1};
  instanceNorm(x.data(), {1, 2, 2}, gamma.data(), beta.data(), 1e-12f,
               out.data());
  expectClose(out, {-1, 1, 1, 1}, 1e-6f);
  std::vector<float> mean{1, 5}, var{4, 1};
  batchNorm(x.data(), {1, 2, 2}, mean.data(), var.data(), gamma.data(),
            beta.data(), 0.0f, out.data());
  expectClose(out, {0, 1, 1, 1}, 1e-6f);
  batchNorm(x.data(), {1, 2, 2}, mean.data(), var.data(), nullptr, nullptr,
            0.0f, out.data());
  expectClose(out, {0, 1, 0, 0}, 1e-6f);
}

TEST(InterpreterKernelsNormalization, L2NormAndLrn) {
  std::vector<float> x{3, 4, 0, 5}, out(4);
  l2Norm(x.data(), 2, 2, 0.0f, out.data());
  expectClose(out, {0.6f, 0.8f, 0.0f, 1.0f}, 1e-6f);
  // LRN over 3 channels, size 2: window [c, c + 1] (before 0, after 1).
  // alpha 1, beta 1, k 1: out_c = x_c / (1 + (sum of squares) / 2).
  std::vector<float> y{1, 2, 3}, lrn(3);
  localResponseNorm(y.data(), {1, 3, 1}, 2, 1.0f, 1.0f, 1.0f, lrn.data());
  expectClose(
      lrn,
      {1.0f / (1 + 5.0f / 2), 2.0f / (1 + 13.0f / 2), 3.0f / (1 + 9.0f / 2)},
      1e-6f);
  // size 3: window [c - 1, c + 1], PyTorch's for odd sizes.
  localResponseNorm(y.data(), {1, 3, 1}, 3, 1.0f, 0.75f, 2.0f, lrn.data());
  expectClose(lrn,
              {float(1 / std::pow(2 + 5.0 / 3, 0.75)),
               float(2 / std::pow(2 + 14.0 / 3, 0.75)),
               float(3 / std::pow(2 + 13.0 / 3, 0.75))},
              1e-6f);
}
