//===- InterpreterKernelsRecurrentTest.cpp - lstm, gru, rnn ---------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "InterpreterKernelsTestUtil.h"

#include "mil/Interpreter/Kernels/Recurrent.h"

using namespace mil::kernels;
using namespace mil::kernels::test;

namespace {
double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

/// One LSTM direction by the formulas, scalar loops; states [B, H].
void naiveLstmDirection(const std::vector<float> &x, const RnnDims &d,
                        const std::vector<float> &wih,
                        const std::vector<float> &whh,
                        const std::vector<float> &bias,
                        const std::vector<float> &peep, bool reverse,
                        float clip, std::vector<double> &h,
                        std::vector<double> &c,
                        std::vector<std::vector<double>> &perStep) {
  int64_t H = d.hiddenSize, I = d.inputSize;
  perStep.assign(d.seqLen, {});
  for (int64_t step = 0; step < d.seqLen; ++step) {
    int64_t t = reverse ? d.seqLen - 1 - step : step;
    std::vector<double> nh(h.size()), nc(c.size());
    for (int64_t b = 0; b < d.batch; ++b)
      for (int64_t j = 0; j < H; ++j) {
        double g[4];
        for (int q = 0; q < 4; ++q) {
          double s = bias[q * H + j];
          for (int64_t i = 0; i < I; ++i)
            s += wih[(q * H + j) * I + i] * x[(t * d.batch + b) * I + i];
          for (int64_t k = 0; k < H; ++k)
            s += whh[(q * H + j) * H + k] * h[b * H + k];
          g[q] = s;
        }
        double cp = c[b * H + j];
        double ig = sigmoid(g[0] + peep[j] * cp);
        double fg = sigmoid(g[1] + peep[H + j] * cp);
        double zg = std::tanh(g[3]);
        double cn = fg * cp + ig * zg;
        if (clip > 0)
          cn = std::min<double>(std::max<double>(cn, -clip), clip);
        double og = sigmoid(g[2] + peep[2 * H + j] * cn);
        nc[b * H + j] = cn;
        nh[b * H + j] = og * std::tanh(cn);
      }
    h = nh;
    c = nc;
    perStep[t] = h;
  }
}
} // namespace

TEST(InterpreterKernelsRecurrent, LstmHandComputed) {
  // H = I = 1, x = 1, weights [i, f, o, z] = [1, 2, 3, 4], no recurrence:
  // c = sigmoid(1) * tanh(4), h = sigmoid(3) * tanh(c).
  RnnDims d{1, 1, 1, 1};
  std::vector<float> x{1}, h0{0}, c0{0}, wih{1, 2, 3, 4}, whh{0, 0, 0, 0};
  std::vector<float> out(1), h(1), c(1);
  LstmWeights w{wih.data(), whh.data(), nullptr, nullptr};
  lstm(x.data(), d, h0.data(), c0.data(), w, {}, LstmOptions{}, out.data(),
       h.data(), c.data());
  EXPECT_NEAR(c[0], 0.7305682574505604, 1e-6);
  EXPECT_NEAR(h[0], 0.5938469802626662, 1e-6);
  EXPECT_EQ(out[0], h[0]);
}

TEST(InterpreterKernelsRecurrent, LstmMatchesFormulas) {
  RnnDims d{5, 3, 4, 6};
  int64_t H = d.hiddenSize;
  auto x = randomValues(d.seqLen * d.batch * d.inputSize, 61);
  for (RnnDirection dir : {RnnDirection::Forward, RnnDirection::Reverse,
                           RnnDirection::Bidirectional})
    for (bool seq : {false, true})
      for (bool extras : {false, true}) {
        int64_t D = dir == RnnDirection::Bidirectional ? 2 : 1;
        std::vector<std::vector<float>> wih, whh, bias, peep;
        for (int k = 0; k < 2; ++k) {
          wih.push_back(randomValues(4 * H * d.inputSize, 62 + k));
          whh.push_back(randomValues(4 * H * H, 64 + k));
          bias.push_back(extras ? randomValues(4 * H, 66 + k)
                                : std::vector<float>(4 * H, 0.0f));
          peep.push_back(extras ? randomValues(3 * H, 68 + k)
                                : std::vector<float>(3 * H, 0.0f));
        }
        auto h0 = randomValues(d.batch * D * H, 70),
             c0 = randomValues(d.batch * D * H, 71);
        LstmOptions opt;
        opt.direction = dir;
        opt.outputSequence = seq;
        opt.hasClip = extras;
        opt.clip = 0.5f;
        auto weights = [&](int k) {
          return LstmWeights{wih[k].data(), whh[k].data(),
                             extras ? bias[k].data() : nullptr,
                             extras ? peep[k].data() : nullptr};
        };
        std::vector<float> out((seq ? d.seqLen : 1) * d.batch * D * H);
        std::vector<float> hOut(d.batch * D * H), cOut(d.batch * D * H);
        lstm(x.data(), d, h0.data(), c0.data(), weights(0), weights(1), opt,
             out.data(), hOut.data(), cOut.data());
        std::vector<float> refOut(out.size()), refH(hOut.size()),
            refC(cOut.size());
        for (int64_t k = 0; k < D; ++k) {
          std::vector<double> h(d.batch * H), c(d.batch * H);
          for (int64_t b = 0; b < d.batch; ++b)
            for (int64_t j = 0; j < H; ++j) {
              h[b * H + j] = h0[b * D * H + k * H + j];
              c[b * H + j] = c0[b * D * H + k * H + j];
            }
          std::vector<std::vector<double>> steps;
          bool rev = dir == RnnDirection::Reverse || k == 1;
          naiveLstmDirection(x, d, wih[k], whh[k], bias[k], peep[k], rev,
                             extras ? 0.5f : 0.0f, h, c, steps);
          for (int64_t b = 0; b < d.batch; ++b)
            for (int64_t j = 0; j < H; ++j) {
              int64_t o = b * D * H + k * H + j;
              refH[o] = float(h[b * H + j]);
              refC[o] = float(c[b * H + j]);
              if (!seq)
                refOut[o] = refH[o];
              else
                for (int64_t t = 0; t < d.seqLen; ++t)
                  refOut[t * d.batch * D * H + o] = float(steps[t][b * H + j]);
            }
        }
        SCOPED_TRACE(int(dir) * 4 + seq * 2 + extras);
        expectClose(out, refOut, 1e-5f);
        expectClose(hOut, refH, 1e-5f);
        expectClose(cOut, refC, 1e-5f);
      }
}

TEST(InterpreterKernelsRecurrent, GruHandComputedBothResetForms) {
  // H = I = 1, x = 1, h0 = 0.5, weight_ih [r, o, z] = [1, 2, -3],
  // weight_hh = [0.5, -1, 0.25], bias = [0.1, 0.2, 0.3].
  RnnDims d{1, 1, 1, 1};
  std::vector<float> x{1}, h0{0.5f}, wih{1, 2, -3}, whh{0.5f, -1, 0.25f},
      bias{0.1f, 0.2f, 0.3f};
  std::vector<float> out(1), h(1);
  GruWeights w{wih.data(), whh.data(), bias.data(), nullptr};
  GruOptions opt;
  gru(x.data(), d, h0.data(), w, opt, out.data(), h.data());
  EXPECT_NEAR(h[0], 0.9154695390169646, 1e-6);
  opt.resetAfter = true;
  gru(x.data(), d, h0.data(), w, opt, out.data(), h.data());
  EXPECT_NEAR(h[0], 0.9113718390321763, 1e-6);
  // input_bias adds outside the reset product: moving the output gate's
  // bias there under reset_after equals resetAfter = false's o.
  std::vector<float> hiddenBias{0.1f, 0.0f, 0.3f}, inputBias{0, 0.2f, 0};
  GruWeights w2{wih.data(), whh.data(), hiddenBias.data(), inputBias.data()};
  gru(x.data(), d, h0.data(), w2, opt, out.data(), h.data());
  double r = sigmoid(1.35), z = sigmoid(-2.575);
  double o = std::tanh(2 + 0.2 + r * -0.5);
  EXPECT_NEAR(h[0], (1 - z) * o + z * 0.5, 1e-6);
}

TEST(InterpreterKernelsRecurrent, GruSequenceMatchesFormulas) {
  RnnDims d{4, 2, 3, 5};
  int64_t H = d.hiddenSize;
  auto x = randomValues(d.seqLen * d.batch * d.inputSize, 81);
  auto wih = randomValues(3 * H * d.inputSize, 82),
       whh = randomValues(3 * H * H, 83), bias = randomValues(3 * H, 84),
       h0 = randomValues(d.batch * H, 85);
  for (bool reverse : {false, true})
    for (bool resetAfter : {false, true}) {
      GruOptions opt;
      opt.reverse = reverse;
      opt.outputSequence = true;
      opt.resetAfter = resetAfter;
      std::vector<float> out(d.seqLen * d.batch * H), hOut(d.batch * H);
      gru(x.data(), d, h0.data(),
          GruWeights{wih.data(), whh.data(), bias.data(), nullptr}, opt,
          out.data(), hOut.data());
      std::vector<double> h(h0.begin(), h0.end());
      std::vector<float> ref(out.size());
      for (int64_t step = 0; step < d.seqLen; ++step) {
        int64_t t = reverse ? d.seqLen - 1 - step : step;
        std::vector<double> nh(h.size());
        for (int64_t b = 0; b < d.batch; ++b)
          for (int64_t j = 0; j < H; ++j) {
            auto dotX = [&](int q) {
              double s = 0;
              for (int64_t i = 0; i < d.inputSize; ++i)
                s += wih[(q * H + j) * d.inputSize + i] *
                     x[(t * d.batch + b) * d.inputSize + i];
              return s;
            };
            auto dotH = [&](int q, const std::vector<double> &v) {
              double s = 0;
              for (int64_t k = 0; k < H; ++k)
                s += whh[(q * H + j) * H + k] * v[b * H + k];
              return s;
            };
            double r = sigmoid(dotX(0) + dotH(0, h) + bias[j]);
            double z = sigmoid(dotX(2) + dotH(2, h) + bias[2 * H + j]);
            double o;
            if (resetAfter) {
              o = std::tanh(dotX(1) + r * (dotH(1, h) + bias[H + j]));
            } else {
              // W_ho (r * h) needs r for every k: recompute per k.
              double s = 0;
              for (int64_t k = 0; k < H; ++k) {
                double rk = 0;
                {
                  double a = bias[k];
                  for (int64_t i = 0; i < d.inputSize; ++i)
                    a += wih[k * d.inputSize + i] *
                         x[(t * d.batch + b) * d.inputSize + i];
                  for (int64_t m = 0; m < H; ++m)
                    a += whh[k * H + m] * h[b * H + m];
                  rk = sigmoid(a);
                }
                s += whh[(H + j) * H + k] * rk * h[b * H + k];
              }
              o = std::tanh(dotX(1) + s + bias[H + j]);
            }
            nh[b * H + j] = (1 - z) * o + z * h[b * H + j];
          }
        h = nh;
        for (size_t i = 0; i < h.size(); ++i)
          ref[t * d.batch * H + i] = float(h[i]);
      }
      SCOPED_TRACE(reverse * 2 + resetAfter);
      expectClose(out, ref, 1e-5f);
      expectClose(hOut, std::vector<float>(h.begin(), h.end()), 1e-5f);
    }
}

TEST(InterpreterKernelsRecurrent, RnnAndActivations) {
  // h = tanh(2 x + 0.5 h + 0.1) over x = [1, -1].
  RnnDims d{2, 1, 1, 1};
  std::vector<float> x{1, -1}, h0{0}, wih{2}, whh{0.5f}, bias{0.1f};
  std::vector<float> out(2), h(1);
  ActivationFn act;
  ASSERT_TRUE(parseActivation("tanh", act));
  rnn(x.data(), d, h0.data(), wih.data(), whh.data(), bias.data(), false, true,
      act, out.data(), h.data());
  EXPECT_NEAR(out[0], 0.9704519366134539, 1e-6);
  EXPECT_NEAR(out[1], -0.8885036335155144, 1e-6);
  EXPECT_EQ(h[0], out[1]);

  std::vector<float> v{-10, -1, 0, 2};
  ASSERT_TRUE(parseActivation("hard_sigmoid", act));
  applyActivation(act, v.data(), 4);
  expectClose(v, {0, 0.3f, 0.5f, 0.9f}, 1e-6f);
  ASSERT_TRUE(parseActivation("sigmoid_hard", act));
  EXPECT_EQ(act.kind, Activation::SigmoidHard);
  ASSERT_TRUE(parseActivation("scaled_tanh", act));
  std::vector<float> t{0.5f};
  applyActivation(act, t.data(), 1);
  EXPECT_FLOAT_EQ(t[0], std::tanh(0.5f));
  std::vector<float> w{-1, 3};
  ASSERT_TRUE(parseActivation("relu", act));
  applyActivation(act, w.data(), 2);
  EXPECT_EQ(w, (std::vector<float>{0, 3}));
  EXPECT_FALSE(parseActivation("gelu", act));
  RnnDirection dir;
  EXPECT_TRUE(parseRnnDirection("bidirectional", dir));
  EXPECT_FALSE(parseRnnDirection("backward", dir));
}
