//===- Activation.cpp - activation functions
//-------------------------------===//
//
// Part of mil-mlir. coremltools ops/defs/iOS15/activation.py semantics.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Normalization.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
float softplus(float x) { return x > 20.0f ? x : std::log1p(std::exp(x)); }

LogicalResult gelu(OpContext &ctx) {
  std::string mode = ctx.getString("mode", "EXACT");
  if (mode == "EXACT")
    return unaryFloat(ctx, [](float x) {
      return 0.5f * x * (1.0f + std::erf(x * static_cast<float>(M_SQRT1_2)));
    });
  if (mode == "TANH_APPROXIMATION")
    return unaryFloat(ctx, [](float x) {
      const float k = std::sqrt(2.0f / static_cast<float>(M_PI));
      return 0.5f * x * (1.0f + std::tanh(k * (x + 0.044715f * x * x * x)));
    });
  if (mode == "SIGMOID_APPROXIMATION")
    return unaryFloat(ctx, [](float x) { return x * sigmoid(1.702f * x); });
  return ctx.error("unknown gelu mode '" + mode + "'");
}

/// Channel-wise (axis 1) parameters `alpha`/`beta` of prelu and
/// softplus_parametric.
template <typename F> LogicalResult perChannel(OpContext &ctx, F f) {
  const Tensor &x = ctx.in("x");
  const Tensor &alpha = ctx.in("alpha");
  const Tensor *beta = ctx.has("beta") ? &ctx.in("beta") : nullptr;
  if (ctx.failed())
    return failure();
  if (x.rank() < 2)
    return ctx.error("x must have rank >= 2");
  int64_t c = x.shape()[1];
  if (alpha.numElements() != c && alpha.numElements() != 1)
    return ctx.error("alpha must have one value per channel");
  int64_t inner = 1;
  for (int64_t d = 2; d < x.rank(); ++d)
    inner *= x.shape()[d];
  std::vector<float> v = x.toFloats(), a = alpha.toFloats(), b;
  if (beta)
    b = beta->toFloats();
  for (int64_t i = 0, n = v.size(); i < n; ++i) {
    int64_t ch = (i / inner) % c;
    float av = a[a.size() == 1 ? 0 : ch];
    float bv = b.empty() ? 0 : b[b.size() == 1 ? 0 : ch];
    v[i] = f(v[i], av, bv);
  }
  ctx.setResult(0,
                Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(v)));
  return success();
}

LogicalResult softmax(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis", -1);
  if (ctx.failed() || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  std::vector<float> scratch, out(x.numElements());
  if (x.rank() == 0)
    return ctx.error("x must have rank >= 1");
  mil::kernels::softmax(x.floats(scratch), OpContext::toShape(x.shape()), axis,
                        out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

} // namespace

void mil::interp::registerActivationOps(OpRegistry &r) {
  r["relu"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return x > 0 ? x : 0.0f; });
  };
  r["relu6"] = [](OpContext &c) {
    return unaryFloat(
        c, [](float x) { return std::min(std::max(x, 0.0f), 6.0f); });
  };
  r["sigmoid"] = [](OpContext &c) { return unaryFloat(c, sigmoid); };
  r["silu"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return x * sigmoid(x); });
  };
  r["softplus"] = [](OpContext &c) { return unaryFloat(c, softplus); };
  r["softsign"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return x / (1.0f + std::fabs(x)); });
  };
  r["elu"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 1.0));
    return unaryFloat(
        c, [&](float x) { return x > 0 ? x : a * (std::exp(x) - 1.0f); });
  };
  r["leaky_relu"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 0.01));
    return unaryFloat(c, [&](float x) { return x >= 0 ? x : a * x; });
  };
  r["thresholded_relu"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 1.0));
    return unaryFloat(c, [&](float x) { return x > a ? x : 0.0f; });
  };
  r["clamped_relu"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 0.0));
    float b = static_cast<float>(c.getFloat("beta", 6.0));
    return unaryFloat(c,
                      [&](float x) { return std::min(x >= 0 ? x : a * x, b); });
  };
  r["linear_activation"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 1.0));
    float b = static_cast<float>(c.getFloat("beta", 0.0));
    return unaryFloat(c, [&](float x) { return a * x + b; });
  };
  r["scaled_tanh"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 1.0));
    float b = static_cast<float>(c.getFloat("beta", 1.0));
    return unaryFloat(c, [&](float x) { return a * std::tanh(b * x); });
  };
  r["sigmoid_hard"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha", 0.2));
    float b = static_cast<float>(c.getFloat("beta", 0.5));
    return unaryFloat(
        c, [&](float x) { return std::min(std::max(a * x + b, 0.0f), 1.0f); });
  };
  r["gelu"] = gelu;
  r["prelu"] = [](OpContext &c) {
    return perChannel(
        c, [](float x, float a, float) { return x >= 0 ? x : a * x; });
  };
  r["softplus_parametric"] = [](OpContext &c) {
    return perChannel(
        c, [](float x, float a, float b) { return a * softplus(b * x); });
  };
  r["softmax"] = softmax;
}
