//===- Resample.cpp - resample and affine
//----------------------------------===//
//
// Part of mil-mlir. Sampling an image batch x [B, C, H, W] at arbitrary
// (x, y) points, as PyTorch's grid_sample (which coremltools maps to
// `resample`) and affine_grid + grid_sample (mapped to `affine`).
//
// A point is turned into pixel coordinates by `coordinates_mode` and
// `align_corners` (W is the input width; likewise for y):
//   unnormalized:                c
//   normalized_minus_one_to_one: (c + 1) / 2 * (W - 1)  | ((c + 1) * W - 1) / 2
//   normalized_zero_to_one:      c * (W - 1)            | c * W - 0.5
// (align_corners true | false). "bilinear" blends the four neighbouring
// pixels, "nearest" takes the nearest one (halves to even). Neighbours
// outside the image follow `padding_mode` on their integer index, as
// coremltools documents with |1, 2, 3|: "constant" is padding_value,
// "border" the edge pixel, "reflection" mirrors without repeating the edge
// (2, 3, 2, 1, 2, 3, 2, 1, 2) and "symmetric" with it (3, 2, 1, 1, 2, 3, 3,
// 2, 1).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

enum class Padding { Constant, Border, Reflection, Symmetric };
enum class Coords { Unnormalized, MinusOneToOne, ZeroToOne };

struct SampleParams {
  bool bilinear = true;
  Padding padding = Padding::Constant;
  float padValue = 0;
  Coords coords = Coords::MinusOneToOne;
  bool alignCorners = false;
};

/// Reads the five sampling inputs shared by resample and affine.
bool readSampleParams(OpContext &ctx, SampleParams &p) {
  std::string sampling = StringRef(ctx.getString("sampling_mode")).lower();
  std::string padding = StringRef(ctx.getString("padding_mode")).lower();
  std::string coords = StringRef(ctx.getString("coordinates_mode")).lower();
  p.padValue = ctx.getFloat("padding_value", 0.0);
  p.alignCorners = ctx.getBool("align_corners", false);
  if (ctx.failed())
    return false;
  if (sampling == "bilinear")
    p.bilinear = true;
  else if (sampling == "nearest")
    p.bilinear = false;
  else {
    ctx.setError("unknown sampling_mode '" + sampling + "'");
    return false;
  }
  if (padding == "constant")
    p.padding = Padding::Constant;
  else if (padding == "border")
    p.padding = Padding::Border;
  else if (padding == "reflection")
    p.padding = Padding::Reflection;
  else if (padding == "symmetric")
    p.padding = Padding::Symmetric;
  else {
    ctx.setError("unknown padding_mode '" + padding + "'");
    return false;
  }
  if (coords == "unnormalized")
    p.coords = Coords::Unnormalized;
  else if (coords == "normalized_minus_one_to_one")
    p.coords = Coords::MinusOneToOne;
  else if (coords == "normalized_zero_to_one")
    p.coords = Coords::ZeroToOne;
  else {
    ctx.setError("unknown coordinates_mode '" + coords + "'");
    return false;
  }
  return true;
}

/// The pixel coordinate of `c` along a dimension of size `n`.
double toPixel(const SampleParams &p, double c, int64_t n) {
  switch (p.coords) {
  case Coords::Unnormalized:
    return c;
  case Coords::MinusOneToOne:
    return p.alignCorners ? (c + 1) / 2 * (n - 1) : ((c + 1) * n - 1) / 2;
  case Coords::ZeroToOne:
    return p.alignCorners ? c * (n - 1) : c * n - 0.5;
  }
  return c;
}

/// Index `i` mapped into [0, n) by the padding mode; -1 for a constant pad.
int64_t padIndex(const SampleParams &p, int64_t i, int64_t n) {
  if (i >= 0 && i < n)
    return i;
  switch (p.padding) {
  case Padding::Constant:
    return -1;
  case Padding::Border:
    return i < 0 ? 0 : n - 1;
  case Padding::Reflection: {
    if (n == 1)
      return 0;
    int64_t period = 2 * (n - 1), m = i % period;
    if (m < 0)
      m += period;
    return m < n ? m : period - m;
  }
  case Padding::Symmetric: {
    int64_t period = 2 * n, m = i % period;
    if (m < 0)
      m += period;
    return m < n ? m : period - 1 - m;
  }
  }
  return -1;
}

/// Pixel (i, j) of `plane` [h, w] with padding.
float pixel(const SampleParams &p, const float *plane, int64_t h, int64_t w,
            int64_t i, int64_t j) {
  int64_t y = padIndex(p, i, h), x = padIndex(p, j, w);
  return y < 0 || x < 0 ? p.padValue : plane[y * w + x];
}

/// Coordinate `c` of a dimension of size `n` moved to within a few pixels of
/// the image without changing what it samples (the padding is constant
/// beyond one pixel, or periodic), so that index casts stay defined.
double bringNear(const SampleParams &p, double c, int64_t n) {
  if (c >= -2 && c <= n + 1)
    return c;
  if (!std::isfinite(c))
    return c < 0 ? -2.0 : n + 1.0;
  if (p.padding == Padding::Reflection && n > 1)
    return std::fmod(c, 2.0 * (n - 1));
  if (p.padding == Padding::Symmetric)
    return std::fmod(c, 2.0 * n);
  return c < 0 ? -2.0 : n + 1.0;
}

/// `plane` sampled at pixel coordinates (py, px); NaN samples padding_value.
float sample(const SampleParams &p, const float *plane, int64_t h, int64_t w,
             double py, double px) {
  if (std::isnan(py) || std::isnan(px))
    return p.padValue;
  py = bringNear(p, py, h);
  px = bringNear(p, px, w);
  if (!p.bilinear)
    return pixel(p, plane, h, w, static_cast<int64_t>(std::nearbyint(py)),
                 static_cast<int64_t>(std::nearbyint(px)));
  double fy = std::floor(py), fx = std::floor(px);
  int64_t y0 = static_cast<int64_t>(fy), x0 = static_cast<int64_t>(fx);
  float wy = static_cast<float>(py - fy), wx = static_cast<float>(px - fx);
  float a = pixel(p, plane, h, w, y0, x0),
        b = pixel(p, plane, h, w, y0, x0 + 1);
  float c = pixel(p, plane, h, w, y0 + 1, x0),
        d = pixel(p, plane, h, w, y0 + 1, x0 + 1);
  float top = a + (b - a) * wx, bottom = c + (d - c) * wx;
  return top + (bottom - top) * wy;
}

bool checkImage(OpContext &ctx, const Tensor &x) {
  if (x.rank() != 4) {
    ctx.setError("x must have rank 4, has shape " + shapeToString(x.shape()));
    return false;
  }
  if (x.shape()[2] == 0 || x.shape()[3] == 0) {
    ctx.setError("x has an empty image");
    return false;
  }
  return true;
}

LogicalResult resample(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &coords = ctx.in("coordinates");
  SampleParams p;
  if (ctx.failed() || !checkImage(ctx, x) || !readSampleParams(ctx, p))
    return failure();
  if (coords.rank() != 4 || coords.shape()[0] != x.shape()[0] ||
      coords.shape()[3] != 2)
    return ctx.error("coordinates must be [" + Twine(x.shape()[0]) +
                     ", H2, W2, 2], is " + shapeToString(coords.shape()));
  int64_t b = x.shape()[0], c = x.shape()[1], h = x.shape()[2],
          w = x.shape()[3], oh = coords.shape()[1], ow = coords.shape()[2];
  if (!checkResultSize(ctx, {b, c, oh, ow}))
    return failure();
  std::vector<float> sx;
  const float *px = x.floats(sx);
  std::vector<double> pc = coords.toDoubles();
  std::vector<float> out(b * c * oh * ow);
  for (int64_t n = 0; n < b; ++n)
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        const double *pt = pc.data() + ((n * oh + i) * ow + j) * 2;
        double xx = toPixel(p, pt[0], w), yy = toPixel(p, pt[1], h);
        for (int64_t ch = 0; ch < c; ++ch)
          out[((n * c + ch) * oh + i) * ow + j] =
              sample(p, px + (n * c + ch) * h * w, h, w, yy, xx);
      }
  ctx.setFloatResult(0, {b, c, oh, ow}, std::move(out));
  return success();
}

/// The normalized coordinate of output index `o` of `m` (affine_grid's).
double gridCoord(const SampleParams &p, int64_t o, int64_t m) {
  switch (p.coords) {
  case Coords::Unnormalized:
    return static_cast<double>(o);
  case Coords::MinusOneToOne:
    if (p.alignCorners)
      return m == 1 ? 0.0 : -1.0 + 2.0 * o / (m - 1);
    return (2.0 * o + 1) / m - 1;
  case Coords::ZeroToOne:
    if (p.alignCorners)
      return m == 1 ? 0.5 : static_cast<double>(o) / (m - 1);
    return (o + 0.5) / m;
  }
  return 0;
}

LogicalResult affine(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &m = ctx.in("transform_matrix");
  int64_t oh = ctx.getInt("output_height"), ow = ctx.getInt("output_width");
  SampleParams p;
  if (ctx.failed() || !checkImage(ctx, x) || !readSampleParams(ctx, p))
    return failure();
  int64_t b = x.shape()[0], c = x.shape()[1], h = x.shape()[2],
          w = x.shape()[3];
  if (m.rank() != 2 || m.shape()[1] != 6 ||
      (m.shape()[0] != 1 && m.shape()[0] != b))
    return ctx.error("transform_matrix must be [1, 6] or [B, 6] for x's "
                     "batch B = " +
                     Twine(b) + ", is " + shapeToString(m.shape()));
  if (oh <= 0 || ow <= 0)
    return ctx.error("output size " + Twine(oh) + "x" + Twine(ow) +
                     " is not positive");
  SmallVector<int64_t> shape{b, c, oh, ow};
  if (!checkResultSize(ctx, shape))
    return failure();
  std::vector<float> sx;
  const float *px = x.floats(sx);
  std::vector<double> mv = m.toDoubles();
  std::vector<float> out(b * c * oh * ow);
  for (int64_t n = 0; n < b; ++n) {
    const double *a = mv.data() + (m.shape()[0] == 1 ? 0 : n * 6);
    for (int64_t i = 0; i < oh; ++i)
      for (int64_t j = 0; j < ow; ++j) {
        double gx = gridCoord(p, j, ow), gy = gridCoord(p, i, oh);
        double sxn = a[0] * gx + a[1] * gy + a[2];
        double syn = a[3] * gx + a[4] * gy + a[5];
        double xx = toPixel(p, sxn, w), yy = toPixel(p, syn, h);
        for (int64_t ch = 0; ch < c; ++ch)
          out[((n * c + ch) * oh + i) * ow + j] =
              sample(p, px + (n * c + ch) * h * w, h, w, yy, xx);
      }
  }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

} // namespace

void mil::interp::registerResampleOps(OpRegistry &r) {
  r["resample"] = resample;
  r["affine"] = affine;
}
