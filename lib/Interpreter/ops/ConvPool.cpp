//===- ConvPool.cpp - convolutions and pooling
//-----------------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Conv.h"
#include "mil/Interpreter/Kernels/Pool.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

/// Reads a per-spatial-dimension parameter (default `dflt` each).
bool spatialParam(OpContext &ctx, StringRef name, size_t n, int64_t dflt,
                  k::Shape &out) {
  std::vector<int64_t> v = ctx.getInts(name, std::vector<int64_t>(n, dflt));
  if (ctx.failed())
    return false;
  if (v.size() != n) {
    ctx.setError("'" + name + "' needs " + Twine(n) + " entries, has " +
                 Twine(v.size()));
    return false;
  }
  out.assign(v.begin(), v.end());
  return true;
}

/// Reads "pad_type" (default "valid"); false, with the error set, when it is
/// unknown.
bool padTypeParam(OpContext &ctx, k::PadType &padType) {
  std::string name = ctx.getString("pad_type", "valid");
  if (k::parsePadType(name, padType))
    return true;
  ctx.setError("unknown pad_type '" + name + "'");
  return false;
}

} // namespace

LogicalResult mil::interp::evalConv(OpContext &ctx, bool transposed,
                                    const Tensor &w, const Tensor *b) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  if (x.rank() < 3 || w.rank() != x.rank())
    return ctx.error("x " + shapeToString(x.shape()) + " and weight " +
                     shapeToString(w.shape()) + " do not match");
  size_t sp = x.rank() - 2;
  k::ConvParams params;
  k::Shape customPad;
  k::PadType padType;
  if (!padTypeParam(ctx, padType))
    return failure();
  if (!spatialParam(ctx, "strides", sp, 1, params.strides) ||
      !spatialParam(ctx, "dilations", sp, 1, params.dilations) ||
      !spatialParam(ctx, "pad", 2 * sp, 0, customPad))
    return failure();
  params.groups = ctx.getInt("groups", 1);
  if (ctx.failed())
    return failure();
  if (params.groups <= 0)
    return ctx.error("groups must be positive");
  k::Shape xs = OpContext::toShape(x.shape()),
           ws = OpContext::toShape(w.shape());
  k::Shape in(xs.begin() + 2, xs.end()), kernel(ws.begin() + 2, ws.end()),
      outSp;
  k::Shape os;
  std::string err;
  if (!transposed) {
    if (!k::computeSpatialPads(padType, in, kernel, params.strides,
                               params.dilations, customPad, false,
                               params.padBefore, params.padAfter, outSp, err) ||
        !k::convShape(xs, ws, params, os, err))
      return ctx.error(err);
  } else {
    k::Shape outputSpatial;
    if (ctx.has("output_shape")) {
      std::vector<int64_t> s = ctx.getInts("output_shape");
      if (s.size() >= sp)
        outputSpatial.assign(s.end() - sp, s.end());
    }
    if (!k::computeConvTransposePads(
            padType, in, kernel, params.strides, params.dilations, customPad,
            outputSpatial, params.padBefore, params.padAfter, outSp, err) ||
        !k::convTransposeShape(xs, ws, params, os, err))
      return ctx.error(err);
    for (size_t i = 0; i < sp; ++i)
      os[2 + i] = std::max(os[2 + i], outSp[i]);
  }
  if (b && b->numElements() != os[1])
    return ctx.error("bias must have " + Twine(os[1]) + " elements");
  std::vector<float> sx, sw, sb, out(k::numElements(os));
  if (!transposed)
    k::conv(x.floats(sx), xs, w.floats(sw), ws, b ? b->floats(sb) : nullptr,
            params, out.data(), os);
  else
    k::convTranspose(x.floats(sx), xs, w.floats(sw), ws,
                     b ? b->floats(sb) : nullptr, params, out.data(), os);
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

namespace {

LogicalResult conv(OpContext &ctx, bool transposed) {
  const Tensor &w = ctx.in("weight");
  const Tensor *b = ctx.has("bias") ? &ctx.in("bias") : nullptr;
  if (ctx.failed())
    return failure();
  return evalConv(ctx, transposed, w, b);
}

enum class PoolKind { Max, Avg, L2 };

LogicalResult pool(OpContext &ctx, PoolKind kind) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  if (x.rank() < 3)
    return ctx.error("x must have rank >= 3");
  size_t sp = x.rank() - 2;
  k::PoolParams params;
  k::Shape customPad;
  k::PadType padType;
  if (!padTypeParam(ctx, padType))
    return failure();
  std::vector<int64_t> ks = ctx.getInts("kernel_sizes");
  if (ks.size() != sp)
    return ctx.error("kernel_sizes needs " + Twine(sp) + " entries");
  params.kernel.assign(ks.begin(), ks.end());
  if (!spatialParam(ctx, "strides", sp, 1, params.strides) ||
      !spatialParam(ctx, "pad", 2 * sp, 0, customPad))
    return failure();
  bool ceil = ctx.getBool("ceil_mode", false);
  params.excludePaddingFromAverage =
      ctx.getBool("exclude_padding_from_average", false);
  if (ctx.failed())
    return failure();
  k::Shape xs = OpContext::toShape(x.shape());
  k::Shape in(xs.begin() + 2, xs.end()), outSp;
  std::string err;
  if (!k::computeSpatialPads(padType, in, params.kernel, params.strides, {},
                             customPad, ceil, params.padBefore, params.padAfter,
                             outSp, err))
    return ctx.error(err);
  k::Shape os{xs[0], xs[1]};
  os.insert(os.end(), outSp.begin(), outSp.end());
  std::vector<float> sx, out(k::numElements(os));
  const float *px = x.floats(sx);
  if (kind == PoolKind::Max)
    k::maxPool(px, xs, params, out.data(), os);
  else if (kind == PoolKind::Avg)
    k::avgPool(px, xs, params, out.data(), os);
  else
    k::l2Pool(px, xs, params, out.data(), os);
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

} // namespace

void mil::interp::registerConvPoolOps(OpRegistry &r) {
  r["conv"] = [](OpContext &c) { return conv(c, false); };
  r["conv_transpose"] = [](OpContext &c) { return conv(c, true); };
  r["max_pool"] = [](OpContext &c) { return pool(c, PoolKind::Max); };
  r["avg_pool"] = [](OpContext &c) { return pool(c, PoolKind::Avg); };
  r["l2_pool"] = [](OpContext &c) { return pool(c, PoolKind::L2); };
}
