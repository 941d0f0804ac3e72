//===- Resize.cpp - resize (iOS17)
//-----------------------------------------===//
//
// Part of mil-mlir. The last `resized_dims` dims of x take their sizes from
// the tail of `shape` (0 keeps x's size). Each resized dim is resampled on
// its own, which for LINEAR is exactly N-d linear interpolation. Output
// index o of m along a dim of input size n samples resize_bilinear's grid
// for `sampling_mode` (see mil/Interpreter/Kernels/Resample.h), clamped to
// [0, n - 1]; NEAREST_NEIGHBOR takes floor(o * n / m) for DEFAULT (as
// resize_nearest_neighbor) and the nearest index of the grid point (halves
// up) for the other modes.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Resample.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

/// The input coordinate that output index `o` of `m` samples in a dim of
/// size `n`.
double gridPoint(k::ResizeSamplingMode mode, int64_t o, int64_t n, int64_t m) {
  double c = 0;
  switch (mode) {
  case k::ResizeSamplingMode::StrictAlignCorners:
    c = m == 1 ? 0.0 : static_cast<double>(o) * (n - 1) / (m - 1);
    break;
  case k::ResizeSamplingMode::AlignCorners:
    c = m == 1 ? (n - 1) / 2.0 : static_cast<double>(o) * (n - 1) / (m - 1);
    break;
  case k::ResizeSamplingMode::Default:
    c = static_cast<double>(o) * n / m;
    break;
  case k::ResizeSamplingMode::OffsetCorners:
    c = (o + 0.5) * std::max<int64_t>(1, n - 1) / m;
    break;
  case k::ResizeSamplingMode::UnalignCorners:
    c = (o + 0.5) * n / m - 0.5;
    break;
  }
  return std::clamp(c, 0.0, static_cast<double>(n - 1));
}

/// `x` [outer, n, inner] resampled to [outer, m, inner].
std::vector<float> resizeAxis(const std::vector<float> &x, int64_t outer,
                              int64_t n, int64_t inner, int64_t m,
                              k::ResizeSamplingMode mode, bool linear) {
  std::vector<float> out(outer * m * inner);
  for (int64_t o = 0; o < m; ++o) {
    double c = gridPoint(mode, o, n, m);
    int64_t lo, hi;
    float frac = 0;
    if (linear) {
      lo = static_cast<int64_t>(std::floor(c));
      hi = std::min(lo + 1, n - 1);
      frac = static_cast<float>(c - lo);
    } else {
      lo = mode == k::ResizeSamplingMode::Default
               ? std::min<int64_t>(o * n / m, n - 1)
               : std::min<int64_t>(static_cast<int64_t>(std::floor(c + 0.5)),
                                   n - 1);
      hi = lo;
    }
    for (int64_t a = 0; a < outer; ++a) {
      const float *r0 = x.data() + (a * n + lo) * inner;
      const float *r1 = x.data() + (a * n + hi) * inner;
      float *dst = out.data() + (a * m + o) * inner;
      for (int64_t i = 0; i < inner; ++i)
        dst[i] = r0[i] + (r1[i] - r0[i]) * frac;
    }
  }
  return out;
}

LogicalResult resize(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> target = ctx.getInts("shape");
  int64_t dims = ctx.getInt("resized_dims");
  std::string interp = ctx.getString("interpolation_mode", "LINEAR");
  std::string sampling = ctx.getString("sampling_mode", "DEFAULT");
  if (ctx.failed())
    return failure();
  bool linear = interp == "LINEAR";
  if (!linear && interp != "NEAREST_NEIGHBOR")
    return ctx.error("unknown interpolation_mode '" + interp + "'");
  k::ResizeSamplingMode mode;
  if (!k::parseResizeSamplingMode(sampling, mode))
    return ctx.error("unknown sampling_mode '" + sampling + "'");
  int64_t rank = x.rank(), nt = target.size();
  if (nt > rank)
    return ctx.error("shape has " + Twine(nt) +
                     " entries, more than the rank " + Twine(rank) + " of x");
  if (dims < 0 || dims > nt)
    return ctx.error("resized_dims " + Twine(dims) + " is outside [0, " +
                     Twine(nt) + "]");
  SmallVector<int64_t> shape(x.shape());
  for (int64_t i = 0; i < dims; ++i) {
    int64_t t = target[nt - dims + i];
    if (t < 0)
      return ctx.error("negative size " + Twine(t) + " in shape");
    if (t != 0)
      shape[rank - dims + i] = t;
  }
  // The dims are resized one at a time: bound the largest intermediate.
  SmallVector<int64_t> largest(x.shape());
  for (int64_t d = 0; d < rank; ++d)
    largest[d] = std::max(largest[d], shape[d]);
  if (!checkResultSize(ctx, largest))
    return failure();
  std::vector<float> v = x.toFloats();
  SmallVector<int64_t> cur(x.shape());
  for (int64_t d = rank - dims; d < rank; ++d) {
    if (cur[d] == shape[d])
      continue;
    int64_t outer = 1, inner = 1;
    for (int64_t e = 0; e < d; ++e)
      outer *= cur[e];
    for (int64_t e = d + 1; e < rank; ++e)
      inner *= cur[e];
    if (cur[d] == 0) {
      // Nothing to sample from.
      return ctx.error("cannot resize an empty dim to " + Twine(shape[d]));
    }
    v = resizeAxis(v, outer, cur[d], inner, shape[d], mode, linear);
    cur[d] = shape[d];
  }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(v));
  return success();
}

} // namespace

void mil::interp::registerResizeOps(OpRegistry &r) { r["resize"] = resize; }
