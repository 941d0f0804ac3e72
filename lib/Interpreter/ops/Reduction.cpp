//===- Reduction.cpp - reductions, arg reductions, topk, cumsum
//------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Reduction.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

LogicalResult reduce(OpContext &ctx, k::ReduceKind kind) {
  const Tensor &x = ctx.in("x");
  bool keep = ctx.getBool("keep_dims", false);
  if (ctx.failed())
    return failure();
  std::vector<int64_t> axes = axesOrAll(ctx, x.rank());
  if (!normalizeDistinctAxes(ctx, axes, x.rank()))
    return failure();
  k::Shape xs = OpContext::toShape(x.shape());
  k::Shape os = k::reduceShape(xs, axes, keep);
  k::Shape kept = k::reduceShape(xs, axes, true);
  std::vector<float> sx, out(k::numElements(kept));
  k::reduce(kind, x.floats(sx), xs, axes, out.data());
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

LogicalResult argReduce(OpContext &ctx, bool isMax) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis", -1);
  bool keep = ctx.getBool("keep_dims", false);
  if (ctx.failed() || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  if (x.rank() < 1)
    return ctx.error("x must have rank >= 1");
  k::Shape xs = OpContext::toShape(x.shape());
  k::Shape os = k::reduceShape(xs, {axis}, keep);
  std::vector<float> sx;
  std::vector<int32_t> idx(k::numElements(os));
  k::argReduce(isMax, x.floats(sx), xs, axis, idx.data());
  std::vector<int64_t> wide(idx.begin(), idx.end());
  ctx.setResult(
      0, Tensor::fromInts(ctx.resultType(0), OpContext::toDims(os), wide));
  return success();
}

LogicalResult topk(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t kk = ctx.getInt("k", 1);
  int64_t axis = ctx.getInt("axis", -1);
  bool ascending = ctx.getBool("ascending", false);
  if (ctx.failed() || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  if (x.rank() < 1)
    return ctx.error("x must have rank >= 1");
  if (kk < 0)
    kk = x.shape()[axis];
  if (kk > x.shape()[axis])
    return ctx.error("k = " + Twine(kk) + " exceeds the axis size " +
                     Twine(x.shape()[axis]));
  k::Shape xs = OpContext::toShape(x.shape()), os = xs;
  os[axis] = kk;
  std::vector<float> sx, values(k::numElements(os));
  std::vector<int32_t> idx(values.size());
  k::topk(x.floats(sx), xs, axis, kk, ascending, values.data(), idx.data());
  if (isInteger(ctx.resultType(0))) {
    std::vector<int64_t> iv(values.begin(), values.end());
    ctx.setResult(
        0, Tensor::fromInts(ctx.resultType(0), OpContext::toDims(os), iv));
  } else {
    ctx.setFloatResult(0, os, std::move(values));
  }
  if (ctx.getNumResults() > 1) {
    std::vector<int64_t> wide(idx.begin(), idx.end());
    ctx.setResult(
        1, Tensor::fromInts(ctx.resultType(1), OpContext::toDims(os), wide));
  }
  return success();
}

LogicalResult argsort(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis", -1);
  bool ascending = ctx.getBool("ascending", false);
  if (ctx.failed() || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  k::Shape xs = OpContext::toShape(x.shape());
  std::vector<float> sx;
  std::vector<int32_t> idx(x.numElements());
  k::argsort(x.floats(sx), xs, axis, ascending, idx.data());
  std::vector<int64_t> wide(idx.begin(), idx.end());
  ctx.setResult(0, Tensor::fromInts(ctx.resultType(0), x.shape(), wide));
  return success();
}

LogicalResult cumsum(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis", 0);
  bool exclusive = ctx.getBool("exclusive", false);
  bool reverse = ctx.getBool("reverse", false);
  if (ctx.failed() || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  std::vector<float> sx, out(x.numElements());
  k::cumsum(x.floats(sx), OpContext::toShape(x.shape()), axis, exclusive,
            reverse, out.data());
  ctx.setResult(
      0, Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(out)));
  return success();
}

} // namespace

void mil::interp::registerReductionOps(OpRegistry &r) {
  r["reduce_sum"] = [](OpContext &c) { return reduce(c, k::ReduceKind::Sum); };
  r["reduce_mean"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::Mean);
  };
  r["reduce_prod"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::Prod);
  };
  r["reduce_max"] = [](OpContext &c) { return reduce(c, k::ReduceKind::Max); };
  r["reduce_min"] = [](OpContext &c) { return reduce(c, k::ReduceKind::Min); };
  r["reduce_l1_norm"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::L1Norm);
  };
  r["reduce_l2_norm"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::L2Norm);
  };
  r["reduce_log_sum"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::LogSum);
  };
  r["reduce_log_sum_exp"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::LogSumExp);
  };
  r["reduce_sum_square"] = [](OpContext &c) {
    return reduce(c, k::ReduceKind::SumSquare);
  };
  r["reduce_argmax"] = [](OpContext &c) { return argReduce(c, true); };
  r["reduce_argmin"] = [](OpContext &c) { return argReduce(c, false); };
  r["topk"] = topk;
  r["argsort"] = argsort;
  r["cumsum"] = cumsum;
}
