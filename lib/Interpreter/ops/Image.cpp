//===- Image.cpp - upsampling and resizing
//---------------------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Resample.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

/// Output shape of x with its last two dims set to `h`, `w`.
bool resizedShape(OpContext &ctx, const Tensor &x, int64_t h, int64_t w,
                  k::Shape &os) {
  if (x.rank() < 2) {
    ctx.setError("x must have rank >= 2");
    return false;
  }
  if (h <= 0 || w <= 0 || h > (1 << 20) || w > (1 << 20)) {
    ctx.setError("bad output size " + Twine(h) + "x" + Twine(w));
    return false;
  }
  os = OpContext::toShape(x.shape());
  os[os.size() - 2] = h;
  os[os.size() - 1] = w;
  return true;
}

LogicalResult upsample(OpContext &ctx, bool bilinear) {
  const Tensor &x = ctx.in("x");
  double sh = ctx.getFloat("scale_factor_height", 1.0);
  double sw = ctx.getFloat("scale_factor_width", 1.0);
  bool align = ctx.getBool("align_corners", false);
  // iOS15 has no half_pixel_centers: it is the opposite of align_corners.
  bool half = ctx.getBool("half_pixel_centers", !align);
  if (ctx.failed())
    return failure();
  if (x.rank() < 2 || !(sh > 0) || !(sw > 0))
    return ctx.error("bad scale factors");
  int64_t h = static_cast<int64_t>(std::floor(x.shape()[x.rank() - 2] * sh));
  int64_t w = static_cast<int64_t>(std::floor(x.shape()[x.rank() - 1] * sw));
  k::Shape os;
  if (!resizedShape(ctx, x, h, w, os))
    return failure();
  std::vector<float> sx, out(k::numElements(os));
  k::Shape xs = OpContext::toShape(x.shape());
  if (bilinear)
    k::upsampleBilinear(x.floats(sx), xs, static_cast<float>(sh),
                        static_cast<float>(sw), align, half, out.data(), os);
  else
    k::upsampleNearestNeighbor(x.floats(sx), xs, static_cast<float>(sh),
                               static_cast<float>(sw), out.data(), os);
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

LogicalResult resizeBilinear(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed() || x.rank() < 2)
    return ctx.error("x must have rank >= 2");
  int64_t h = ctx.getInt("target_size_height", x.shape()[x.rank() - 2]);
  int64_t w = ctx.getInt("target_size_width", x.shape()[x.rank() - 1]);
  std::string modeName = ctx.getString("sampling_mode", "DEFAULT");
  if (ctx.failed())
    return failure();
  k::ResizeSamplingMode mode;
  if (!k::parseResizeSamplingMode(modeName, mode))
    return ctx.error("unknown sampling_mode '" + modeName + "'");
  k::Shape os;
  if (!resizedShape(ctx, x, h, w, os))
    return failure();
  std::vector<float> sx, out(k::numElements(os));
  k::resizeBilinear(x.floats(sx), OpContext::toShape(x.shape()), mode,
                    out.data(), os);
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

LogicalResult resizeNearest(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t h = ctx.getInt("target_size_height");
  int64_t w = ctx.getInt("target_size_width");
  if (ctx.failed())
    return failure();
  k::Shape os;
  if (!resizedShape(ctx, x, h, w, os))
    return failure();
  std::vector<float> sx, out(k::numElements(os));
  k::resizeNearestNeighbor(x.floats(sx), OpContext::toShape(x.shape()),
                           out.data(), os);
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

LogicalResult crop(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> ch = ctx.getInts("crop_height");
  std::vector<int64_t> cw = ctx.getInts("crop_width");
  if (ctx.failed())
    return failure();
  if (x.rank() < 2 || ch.size() != 2 || cw.size() != 2)
    return ctx.error("crop_height and crop_width need two entries");
  SmallVector<int64_t> begin(x.rank(), 0), step(x.rank(), 1);
  SmallVector<int64_t> shape(x.shape());
  int64_t r = x.rank();
  begin[r - 2] = ch[0];
  begin[r - 1] = cw[0];
  shape[r - 2] -= ch[0] + ch[1];
  shape[r - 1] -= cw[0] + cw[1];
  if (ch[0] < 0 || ch[1] < 0 || cw[0] < 0 || cw[1] < 0 || shape[r - 2] < 0 ||
      shape[r - 1] < 0)
    return ctx.error("crop larger than the input");
  ctx.setResult(0, stridedGather(x, begin, step, shape));
  return success();
}

} // namespace

void mil::interp::registerImageOps(OpRegistry &r) {
  r["upsample_bilinear"] = [](OpContext &c) { return upsample(c, true); };
  r["upsample_nearest_neighbor"] = [](OpContext &c) {
    return upsample(c, false);
  };
  r["resize_bilinear"] = resizeBilinear;
  r["resize_nearest_neighbor"] = resizeNearest;
  r["crop"] = crop;
}
