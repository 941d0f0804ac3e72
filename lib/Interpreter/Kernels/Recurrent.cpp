//===- Recurrent.cpp - MIL lstm, gru and rnn ------------------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Recurrent.h"
#include "mil/Interpreter/Kernels/Gemm.h"

#include <algorithm>
#include <cmath>

using namespace mil::kernels;

bool mil::kernels::parseActivation(const std::string &name, ActivationFn &fn) {
  if (name == "sigmoid")
    fn = {Activation::Sigmoid, 1.0f, 0.0f};
  else if (name == "tanh")
    fn = {Activation::Tanh, 1.0f, 0.0f};
  else if (name == "relu")
    fn = {Activation::Relu, 1.0f, 0.0f};
  else if (name == "scaled_tanh")
    fn = {Activation::ScaledTanh, 1.0f, 1.0f};
  else if (name == "hard_sigmoid" || name == "sigmoid_hard")
    fn = {Activation::SigmoidHard, 0.2f, 0.5f};
  else if (name == "linear")
    fn = {Activation::Linear, 1.0f, 0.0f};
  else
    return false;
  return true;
}

void mil::kernels::applyActivation(const ActivationFn &fn, float *v,
                                   int64_t n) {
  switch (fn.kind) {
  case Activation::Sigmoid:
    for (int64_t i = 0; i < n; ++i)
      v[i] = 1.0f / (1.0f + std::exp(-v[i]));
    break;
  case Activation::Tanh:
    for (int64_t i = 0; i < n; ++i)
      v[i] = std::tanh(v[i]);
    break;
  case Activation::Relu:
    for (int64_t i = 0; i < n; ++i)
      v[i] = v[i] > 0.0f ? v[i] : 0.0f;
    break;
  case Activation::ScaledTanh:
    for (int64_t i = 0; i < n; ++i)
      v[i] = fn.alpha * std::tanh(fn.beta * v[i]);
    break;
  case Activation::SigmoidHard:
    for (int64_t i = 0; i < n; ++i)
      v[i] = std::min(std::max(fn.alpha * v[i] + fn.beta, 0.0f), 1.0f);
    break;
  case Activation::Linear:
    for (int64_t i = 0; i < n; ++i)
      v[i] = fn.alpha * v[i] + fn.beta;
    break;
  }
}

bool mil::kernels::parseRnnDirection(const std::string &name,
                                     RnnDirection &direction) {
  if (name == "forward")
    direction = RnnDirection::Forward;
  else if (name == "reverse")
    direction = RnnDirection::Reverse;
  else if (name == "bidirectional")
    direction = RnnDirection::Bidirectional;
  else
    return false;
  return true;
}

namespace {
/// proj[t*B + b, :] = x[t, b, :] * weight^T + bias (rows of `gates` width).
std::vector<float> inputProjection(const float *x, const RnnDims &d,
                                   const float *weight, int64_t gates,
                                   const float *bias) {
  std::vector<float> proj(d.seqLen * d.batch * gates);
  linear(x, d.seqLen * d.batch, d.inputSize, weight, gates, bias, proj.data());
  return proj;
}

/// Copies a [B, H] state into column block `block` of a [B, D*H] tensor.
void storeState(const float *state, const RnnDims &d, int64_t numDirs,
                int64_t block, float *dst) {
  int64_t h = d.hiddenSize;
  for (int64_t b = 0; b < d.batch; ++b)
    std::copy(state + b * h, state + (b + 1) * h,
              dst + b * numDirs * h + block * h);
}

void loadState(const float *src, const RnnDims &d, int64_t numDirs,
               int64_t block, float *state) {
  int64_t h = d.hiddenSize;
  for (int64_t b = 0; b < d.batch; ++b)
    std::copy(src + b * numDirs * h + block * h,
              src + b * numDirs * h + (block + 1) * h, state + b * h);
}

/// One LSTM direction over the whole sequence.
void lstmDirection(const float *x, const RnnDims &d, const LstmWeights &w,
                   const LstmOptions &opt, bool reverse, int64_t numDirs,
                   int64_t block, const float *initialH, const float *initialC,
                   float *output, float *hOut, float *cOut) {
  int64_t h = d.hiddenSize, bsz = d.batch, g4 = 4 * h;
  std::vector<float> proj = inputProjection(x, d, w.weightIh, g4, w.bias);
  std::vector<float> hs(bsz * h), cs(bsz * h), gates(bsz * g4);
  loadState(initialH, d, numDirs, block, hs.data());
  loadState(initialC, d, numDirs, block, cs.data());
  const float *pi = w.peephole, *pf = w.peephole ? w.peephole + h : nullptr,
              *po = w.peephole ? w.peephole + 2 * h : nullptr;
  for (int64_t step = 0; step < d.seqLen; ++step) {
    int64_t t = reverse ? d.seqLen - 1 - step : step;
    std::copy(proj.begin() + t * bsz * g4, proj.begin() + (t + 1) * bsz * g4,
              gates.begin());
    gemm(false, true, bsz, g4, h, 1.0f, hs.data(), h, w.weightHh, h, 1.0f,
         gates.data(), g4);
    for (int64_t b = 0; b < bsz; ++b) {
      float *gi = gates.data() + b * g4, *gf = gi + h, *go = gi + 2 * h,
            *gz = gi + 3 * h;
      float *c = cs.data() + b * h, *hh = hs.data() + b * h;
      if (pi)
        for (int64_t j = 0; j < h; ++j) {
          gi[j] += pi[j] * c[j];
          gf[j] += pf[j] * c[j];
        }
      applyActivation(opt.recurrentActivation, gi, h);
      applyActivation(opt.recurrentActivation, gf, h);
      applyActivation(opt.cellActivation, gz, h);
      for (int64_t j = 0; j < h; ++j) {
        c[j] = gf[j] * c[j] + gi[j] * gz[j];
        if (opt.hasClip)
          c[j] = std::min(std::max(c[j], -opt.clip), opt.clip);
      }
      if (po)
        for (int64_t j = 0; j < h; ++j)
          go[j] += po[j] * c[j];
      applyActivation(opt.recurrentActivation, go, h);
      std::copy(c, c + h, hh);
      applyActivation(opt.activation, hh, h);
      for (int64_t j = 0; j < h; ++j)
        hh[j] *= go[j];
    }
    if (opt.outputSequence)
      storeState(hs.data(), d, numDirs, block, output + t * bsz * numDirs * h);
  }
  if (!opt.outputSequence)
    storeState(hs.data(), d, numDirs, block, output);
  storeState(hs.data(), d, numDirs, block, hOut);
  storeState(cs.data(), d, numDirs, block, cOut);
}
} // namespace

void mil::kernels::lstm(const float *x, const RnnDims &dims,
                        const float *initialH, const float *initialC,
                        const LstmWeights &forward, const LstmWeights &backward,
                        const LstmOptions &options, float *output, float *hOut,
                        float *cOut) {
  bool bidir = options.direction == RnnDirection::Bidirectional;
  int64_t numDirs = bidir ? 2 : 1;
  lstmDirection(x, dims, forward, options,
                options.direction == RnnDirection::Reverse, numDirs, 0,
                initialH, initialC, output, hOut, cOut);
  if (bidir)
    lstmDirection(x, dims, backward, options, true, numDirs, 1, initialH,
                  initialC, output, hOut, cOut);
}

void mil::kernels::gru(const float *x, const RnnDims &d, const float *initialH,
                       const GruWeights &w, const GruOptions &opt,
                       float *output, float *hOut) {
  int64_t h = d.hiddenSize, bsz = d.batch, g3 = 3 * h;
  // Biases outside the recurrent product: the input bias, and the hidden
  // bias too except for the output gate's under reset_after.
  std::vector<float> outerBias(g3, 0.0f);
  for (int64_t j = 0; j < g3; ++j) {
    if (w.inputBias)
      outerBias[j] += w.inputBias[j];
    bool inner = opt.resetAfter && j >= h && j < 2 * h;
    if (w.bias && !inner)
      outerBias[j] += w.bias[j];
  }
  std::vector<float> proj =
      inputProjection(x, d, w.weightIh, g3, outerBias.data());
  std::vector<float> hs(initialH, initialH + bsz * h), rec(bsz * g3),
      rh(bsz * h), newO(bsz * h);
  const float *weightHo = w.weightHh + h * h;
  for (int64_t step = 0; step < d.seqLen; ++step) {
    int64_t t = opt.reverse ? d.seqLen - 1 - step : step;
    const float *xp = proj.data() + t * bsz * g3;
    gemm(false, true, bsz, g3, h, 1.0f, hs.data(), h, w.weightHh, h, 0.0f,
         rec.data(), g3);
    std::vector<float> r(bsz * h), z(bsz * h);
    for (int64_t b = 0; b < bsz; ++b)
      for (int64_t j = 0; j < h; ++j) {
        r[b * h + j] = xp[b * g3 + j] + rec[b * g3 + j];
        z[b * h + j] = xp[b * g3 + 2 * h + j] + rec[b * g3 + 2 * h + j];
      }
    applyActivation(opt.recurrentActivation, r.data(), bsz * h);
    applyActivation(opt.recurrentActivation, z.data(), bsz * h);
    if (opt.resetAfter) {
      for (int64_t b = 0; b < bsz; ++b)
        for (int64_t j = 0; j < h; ++j)
          newO[b * h + j] = xp[b * g3 + h + j] +
                            r[b * h + j] * (rec[b * g3 + h + j] +
                                            (w.bias ? w.bias[h + j] : 0.0f));
    } else {
      for (int64_t i = 0; i < bsz * h; ++i)
        rh[i] = r[i] * hs[i];
      gemm(false, true, bsz, h, h, 1.0f, rh.data(), h, weightHo, h, 0.0f,
           newO.data(), h);
      for (int64_t b = 0; b < bsz; ++b)
        for (int64_t j = 0; j < h; ++j)
          newO[b * h + j] += xp[b * g3 + h + j];
    }
    applyActivation(opt.activation, newO.data(), bsz * h);
    for (int64_t i = 0; i < bsz * h; ++i)
      hs[i] = (1.0f - z[i]) * newO[i] + z[i] * hs[i];
    if (opt.outputSequence)
      std::copy(hs.begin(), hs.end(), output + t * bsz * h);
  }
  if (!opt.outputSequence)
    std::copy(hs.begin(), hs.end(), output);
  std::copy(hs.begin(), hs.end(), hOut);
}

void mil::kernels::rnn(const float *x, const RnnDims &d, const float *initialH,
                       const float *weightIh, const float *weightHh,
                       const float *bias, bool reverse, bool outputSequence,
                       const ActivationFn &activation, float *output,
                       float *hOut) {
  int64_t h = d.hiddenSize, bsz = d.batch;
  std::vector<float> proj = inputProjection(x, d, weightIh, h, bias);
  std::vector<float> hs(initialH, initialH + bsz * h), next(bsz * h);
  for (int64_t step = 0; step < d.seqLen; ++step) {
    int64_t t = reverse ? d.seqLen - 1 - step : step;
    std::copy(proj.begin() + t * bsz * h, proj.begin() + (t + 1) * bsz * h,
              next.begin());
    gemm(false, true, bsz, h, h, 1.0f, hs.data(), h, weightHh, h, 1.0f,
         next.data(), h);
    applyActivation(activation, next.data(), bsz * h);
    hs.swap(next);
    if (outputSequence)
      std::copy(hs.begin(), hs.end(), output + t * bsz * h);
  }
  if (!outputSequence)
    std::copy(hs.begin(), hs.end(), output);
  std::copy(hs.begin(), hs.end(), hOut);
}
