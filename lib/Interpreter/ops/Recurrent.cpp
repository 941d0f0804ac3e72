//===- Recurrent.cpp - lstm, gru, rnn
//--------------------------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Recurrent.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

/// Float values of input `name` with `count` elements (null when absent and
/// optional).
const float *param(OpContext &ctx, StringRef name, int64_t count,
                   std::vector<float> &storage, bool required) {
  if (!ctx.has(name)) {
    if (required)
      ctx.setError("missing input '" + name + "'");
    return nullptr;
  }
  const Tensor &t = ctx.in(name);
  if (ctx.failed())
    return nullptr;
  if (t.numElements() != count) {
    ctx.setError("'" + name + "' has " + Twine(t.numElements()) +
                 " elements, expected " + Twine(count));
    return nullptr;
  }
  storage = t.toFloats();
  return storage.data();
}

bool activation(OpContext &ctx, StringRef name, StringRef dflt,
                k::ActivationFn &fn) {
  std::string s = ctx.getString(name, dflt.str());
  if (ctx.failed())
    return false;
  std::string lower;
  for (char c : s)
    lower.push_back(static_cast<char>(std::tolower(c)));
  if (!k::parseActivation(lower, fn)) {
    ctx.setError("unsupported activation '" + s + "'");
    return false;
  }
  return true;
}

bool dims(OpContext &ctx, const Tensor &x, const Tensor &wih, int64_t gates,
          k::RnnDims &d) {
  if (x.rank() != 3 || wih.rank() != 2 || wih.shape()[0] % gates ||
      wih.shape()[1] != x.shape()[2]) {
    ctx.setError("x must be [S, B, I] and weight_ih [" + Twine(gates) +
                 "H, I]; got " + shapeToString(x.shape()) + " and " +
                 shapeToString(wih.shape()));
    return false;
  }
  d.seqLen = x.shape()[0];
  d.batch = x.shape()[1];
  d.inputSize = x.shape()[2];
  d.hiddenSize = wih.shape()[0] / gates;
  return true;
}

LogicalResult lstm(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &wih = ctx.in("weight_ih");
  if (ctx.failed())
    return failure();
  k::RnnDims d;
  if (!dims(ctx, x, wih, 4, d))
    return failure();
  k::LstmOptions opt;
  std::string dir = ctx.getString("direction", "forward");
  if (!k::parseRnnDirection(dir, opt.direction))
    return ctx.error("unknown direction '" + dir + "'");
  int64_t D = opt.direction == k::RnnDirection::Bidirectional ? 2 : 1;
  int64_t H = d.hiddenSize, I = d.inputSize, B = d.batch;
  opt.outputSequence = ctx.getBool("output_sequence", false);
  if (!activation(ctx, "recurrent_activation", "sigmoid",
                  opt.recurrentActivation) ||
      !activation(ctx, "cell_activation", "tanh", opt.cellActivation) ||
      !activation(ctx, "activation", "tanh", opt.activation))
    return failure();
  if (ctx.has("clip")) {
    opt.hasClip = true;
    opt.clip = static_cast<float>(ctx.getFloat("clip"));
  }
  std::vector<float> sx, sh, sc, s1, s2, s3, s4, s5, s6, s7, s8;
  const float *h0 = param(ctx, "initial_h", B * D * H, sh, true);
  const float *c0 = param(ctx, "initial_c", B * D * H, sc, true);
  k::LstmWeights fw, bw;
  fw.weightIh = param(ctx, "weight_ih", 4 * H * I, s1, true);
  fw.weightHh = param(ctx, "weight_hh", 4 * H * H, s2, true);
  fw.bias = param(ctx, "bias", 4 * H, s3, false);
  fw.peephole = param(ctx, "peephole", 3 * H, s4, false);
  if (D == 2) {
    bw.weightIh = param(ctx, "weight_ih_back", 4 * H * I, s5, true);
    bw.weightHh = param(ctx, "weight_hh_back", 4 * H * H, s6, true);
    bw.bias = param(ctx, "bias_back", 4 * H, s7, false);
    bw.peephole = param(ctx, "peephole_back", 3 * H, s8, false);
  }
  if (ctx.failed())
    return failure();
  int64_t steps = opt.outputSequence ? d.seqLen : 1;
  std::vector<float> out(steps * B * D * H), hOut(B * D * H), cOut(B * D * H);
  k::lstm(x.floats(sx), d, h0, c0, fw, bw, opt, out.data(), hOut.data(),
          cOut.data());
  ctx.setFloatResult(0, {steps, B, D * H}, std::move(out));
  ctx.setFloatResult(1, {B, D * H}, std::move(hOut));
  ctx.setFloatResult(2, {B, D * H}, std::move(cOut));
  return success();
}

LogicalResult gru(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &wih = ctx.in("weight_ih");
  if (ctx.failed())
    return failure();
  k::RnnDims d;
  if (!dims(ctx, x, wih, 3, d))
    return failure();
  k::GruOptions opt;
  std::string dir = ctx.getString("direction", "forward");
  if (dir != "forward" && dir != "reverse")
    return ctx.error("unsupported gru direction '" + dir + "'");
  opt.reverse = dir == "reverse";
  opt.outputSequence = ctx.getBool("output_sequence", false);
  opt.resetAfter = ctx.getBool("reset_after", false);
  if (!activation(ctx, "recurrent_activation", "sigmoid",
                  opt.recurrentActivation) ||
      !activation(ctx, "activation", "tanh", opt.activation))
    return failure();
  int64_t H = d.hiddenSize, I = d.inputSize, B = d.batch;
  std::vector<float> sx, sh, s1, s2, s3, s4;
  const float *h0 = param(ctx, "initial_h", B * H, sh, true);
  k::GruWeights w;
  w.weightIh = param(ctx, "weight_ih", 3 * H * I, s1, true);
  w.weightHh = param(ctx, "weight_hh", 3 * H * H, s2, true);
  w.bias = param(ctx, "bias", 3 * H, s3, false);
  w.inputBias = param(ctx, "input_bias", 3 * H, s4, false);
  if (ctx.failed())
    return failure();
  int64_t steps = opt.outputSequence ? d.seqLen : 1;
  std::vector<float> out(steps * B * H), hOut(B * H);
  k::gru(x.floats(sx), d, h0, w, opt, out.data(), hOut.data());
  ctx.setFloatResult(0, {steps, B, H}, std::move(out));
  ctx.setFloatResult(1, {B, H}, std::move(hOut));
  return success();
}

LogicalResult rnn(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &wih = ctx.in("weight_ih");
  if (ctx.failed())
    return failure();
  k::RnnDims d;
  if (!dims(ctx, x, wih, 1, d))
    return failure();
  std::string dir = ctx.getString("direction", "forward");
  if (dir != "forward" && dir != "reverse")
    return ctx.error("unsupported rnn direction '" + dir + "'");
  bool outputSequence = ctx.getBool("output_sequence", false);
  k::ActivationFn act;
  if (!activation(ctx, "activation", "tanh", act))
    return failure();
  int64_t H = d.hiddenSize, I = d.inputSize, B = d.batch;
  std::vector<float> sx, sh, s1, s2, s3;
  const float *h0 = param(ctx, "initial_h", B * H, sh, true);
  const float *w1 = param(ctx, "weight_ih", H * I, s1, true);
  const float *w2 = param(ctx, "weight_hh", H * H, s2, true);
  const float *b = param(ctx, "bias", H, s3, false);
  if (ctx.failed())
    return failure();
  int64_t steps = outputSequence ? d.seqLen : 1;
  std::vector<float> out(steps * B * H), hOut(B * H);
  k::rnn(x.floats(sx), d, h0, w1, w2, b, dir == "reverse", outputSequence, act,
         out.data(), hOut.data());
  ctx.setFloatResult(0, {steps, B, H}, std::move(out));
  ctx.setFloatResult(1, {B, H}, std::move(hOut));
  return success();
}

} // namespace

void mil::interp::registerRecurrentOps(OpRegistry &r) {
  r["lstm"] = lstm;
  r["gru"] = gru;
  r["rnn"] = rnn;
}
