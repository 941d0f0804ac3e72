//===- Normalization.cpp - batch/instance/layer/l2/lrn norms
//---------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Normalization.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

/// Optional per-channel parameter `name` with `count` elements, as floats
/// (null when absent).
const float *optionalParam(OpContext &ctx, StringRef name, int64_t count,
                           std::vector<float> &storage) {
  if (!ctx.has(name))
    return nullptr;
  const Tensor &t = ctx.in(name);
  if (ctx.failed())
    return nullptr;
  if (t.numElements() != count) {
    ctx.setError("'" + name + "' must have " + Twine(count) +
                 " elements, has " + Twine(t.numElements()));
    return nullptr;
  }
  storage = t.toFloats();
  return storage.data();
}

LogicalResult batchNorm(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  if (x.rank() < 2)
    return ctx.error("x must have rank >= 2");
  int64_t c = x.shape()[1];
  std::vector<float> sm, sv, sg, sb, sx;
  const float *mean = optionalParam(ctx, "mean", c, sm);
  const float *var = optionalParam(ctx, "variance", c, sv);
  const float *gamma = optionalParam(ctx, "gamma", c, sg);
  const float *beta = optionalParam(ctx, "beta", c, sb);
  float eps = static_cast<float>(ctx.getFloat("epsilon", 1e-5));
  if (ctx.failed())
    return failure();
  if (!mean || !var)
    return ctx.error("mean and variance are required");
  std::vector<float> out(x.numElements());
  k::batchNorm(x.floats(sx), OpContext::toShape(x.shape()), mean, var, gamma,
               beta, eps, out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

LogicalResult instanceNorm(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  if (x.rank() < 3)
    return ctx.error("x must have rank >= 3");
  int64_t c = x.shape()[1];
  std::vector<float> sg, sb, sx;
  const float *gamma = optionalParam(ctx, "gamma", c, sg);
  const float *beta = optionalParam(ctx, "beta", c, sb);
  float eps = static_cast<float>(ctx.getFloat("epsilon", 1e-5));
  if (ctx.failed())
    return failure();
  std::vector<float> out(x.numElements());
  k::instanceNorm(x.floats(sx), OpContext::toShape(x.shape()), gamma, beta, eps,
                  out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

LogicalResult layerNorm(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  std::vector<int64_t> axes = axesOrAll(ctx, x.rank());
  if (!normalizeDistinctAxes(ctx, axes, x.rank()))
    return failure();
  int64_t count = 1;
  for (int64_t a : axes)
    count *= x.shape()[a];
  std::vector<float> sg, sb, sx;
  const float *gamma = optionalParam(ctx, "gamma", count, sg);
  const float *beta = optionalParam(ctx, "beta", count, sb);
  float eps = static_cast<float>(ctx.getFloat("epsilon", 1e-5));
  if (ctx.failed())
    return failure();
  std::vector<float> out(x.numElements());
  k::layerNorm(x.floats(sx), OpContext::toShape(x.shape()), axes, gamma, beta,
               eps, out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

LogicalResult l2Norm(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  float eps = static_cast<float>(ctx.getFloat("epsilon", 1e-6));
  if (ctx.failed())
    return failure();
  int64_t outer = 1;
  for (int64_t d = 0; d + 3 < x.rank(); ++d)
    outer *= x.shape()[d];
  int64_t inner = x.numElements() / std::max<int64_t>(outer, 1);
  std::vector<float> sx, out(x.numElements());
  k::l2Norm(x.floats(sx), outer, inner, eps, out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

LogicalResult lrn(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t size = ctx.getInt("size");
  float alpha = static_cast<float>(ctx.getFloat("alpha", 1e-4));
  float beta = static_cast<float>(ctx.getFloat("beta", 0.75));
  float kk = static_cast<float>(ctx.getFloat("k", 1.0));
  if (ctx.failed())
    return failure();
  if (x.rank() < 3 || size <= 0)
    return ctx.error("x must have rank >= 3 and size be positive");
  std::vector<float> sx, out(x.numElements());
  k::localResponseNorm(x.floats(sx), OpContext::toShape(x.shape()), size, alpha,
                       beta, kk, out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

} // namespace

void mil::interp::registerNormalizationOps(OpRegistry &r) {
  r["batch_norm"] = batchNorm;
  r["instance_norm"] = instanceNorm;
  r["layer_norm"] = layerNorm;
  r["l2_norm"] = l2Norm;
  r["local_response_norm"] = lrn;
}
