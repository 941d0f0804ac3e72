//===- Resample.cpp - MIL upsample and resize -----------------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Resample.h"

#include <algorithm>
#include <cmath>

using namespace mil::kernels;

namespace {
/// Where each output index samples along one dimension: the two source
/// indices and the weight of the second.
struct Tap {
  int64_t lo, hi;
  float frac;
};

std::vector<Tap> tapsFromCoords(const std::vector<double> &coords, int64_t n) {
  std::vector<Tap> taps;
  taps.reserve(coords.size());
  for (double c : coords) {
    c = std::min<double>(std::max(c, 0.0), static_cast<double>(n - 1));
    int64_t lo = static_cast<int64_t>(std::floor(c));
    int64_t hi = std::min(lo + 1, n - 1);
    taps.push_back({lo, hi, static_cast<float>(c - lo)});
  }
  return taps;
}

/// Bilinear interpolation of every [H, W] plane of x with the given taps.
void bilinear(const float *x, const Shape &xShape, const std::vector<Tap> &th,
              const std::vector<Tap> &tw, float *out) {
  size_t r = xShape.size();
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  int64_t planes = numElements(xShape) / std::max<int64_t>(h * w, 1);
  int64_t oh = th.size(), ow = tw.size();
  if (h * w == 0)
    return;
  parallelFor(planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float *xp = x + p * h * w;
      float *op = out + p * oh * ow;
      for (int64_t i = 0; i < oh; ++i) {
        const float *r0 = xp + th[i].lo * w, *r1 = xp + th[i].hi * w;
        float fy = th[i].frac;
        for (int64_t j = 0; j < ow; ++j) {
          const Tap &t = tw[j];
          float top = r0[t.lo] + (r0[t.hi] - r0[t.lo]) * t.frac;
          float bottom = r1[t.lo] + (r1[t.hi] - r1[t.lo]) * t.frac;
          op[i * ow + j] = top + (bottom - top) * fy;
        }
      }
    }
  });
}

/// Copies of x's planes with the given source index per output row/column.
void gatherNearest(const float *x, const Shape &xShape,
                   const std::vector<int64_t> &rows,
                   const std::vector<int64_t> &cols, float *out) {
  size_t r = xShape.size();
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  int64_t planes = numElements(xShape) / std::max<int64_t>(h * w, 1);
  int64_t oh = rows.size(), ow = cols.size();
  if (h * w == 0)
    return;
  parallelFor(planes, 1, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p)
      for (int64_t i = 0; i < oh; ++i) {
        const float *src = x + p * h * w + rows[i] * w;
        float *dst = out + (p * oh + i) * ow;
        for (int64_t j = 0; j < ow; ++j)
          dst[j] = src[cols[j]];
      }
  });
}

std::vector<double> upsampleCoords(int64_t n, int64_t m, bool alignCorners,
                                   bool halfPixelCenters) {
  std::vector<double> c(m);
  for (int64_t o = 0; o < m; ++o) {
    if (alignCorners)
      c[o] = m == 1 ? 0.0 : static_cast<double>(o) * (n - 1) / (m - 1);
    else if (halfPixelCenters)
      c[o] = (o + 0.5) * n / m - 0.5;
    else
      c[o] = static_cast<double>(o) * n / m;
  }
  return c;
}

std::vector<int64_t> nearestIndices(int64_t n, int64_t m, double step) {
  std::vector<int64_t> idx(m);
  for (int64_t o = 0; o < m; ++o)
    idx[o] = std::min<int64_t>(
        std::max<int64_t>(0, static_cast<int64_t>(std::floor(o * step))),
        n - 1);
  return idx;
}
} // namespace

void mil::kernels::upsampleBilinear(const float *x, const Shape &xShape,
                                    float scaleH, float scaleW,
                                    bool alignCorners, bool halfPixelCenters,
                                    float *out, const Shape &outShape) {
  (void)scaleH;
  (void)scaleW;
  size_t r = xShape.size();
  if (r < 2 || outShape.size() != r)
    return;
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  int64_t oh = outShape[r - 2], ow = outShape[r - 1];
  bilinear(
      x, xShape,
      tapsFromCoords(upsampleCoords(h, oh, alignCorners, halfPixelCenters), h),
      tapsFromCoords(upsampleCoords(w, ow, alignCorners, halfPixelCenters), w),
      out);
}

void mil::kernels::upsampleNearestNeighbor(const float *x, const Shape &xShape,
                                           float scaleH, float scaleW,
                                           float *out, const Shape &outShape) {
  size_t r = xShape.size();
  if (r < 2 || outShape.size() != r)
    return;
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  gatherNearest(x, xShape, nearestIndices(h, outShape[r - 2], 1.0 / scaleH),
                nearestIndices(w, outShape[r - 1], 1.0 / scaleW), out);
}

bool mil::kernels::parseResizeSamplingMode(const std::string &name,
                                           ResizeSamplingMode &mode) {
  if (name == "STRICT_ALIGN_CORNERS")
    mode = ResizeSamplingMode::StrictAlignCorners;
  else if (name == "ALIGN_CORNERS")
    mode = ResizeSamplingMode::AlignCorners;
  else if (name == "DEFAULT")
    mode = ResizeSamplingMode::Default;
  else if (name == "OFFSET_CORNERS")
    mode = ResizeSamplingMode::OffsetCorners;
  else if (name == "UNALIGN_CORNERS")
    mode = ResizeSamplingMode::UnalignCorners;
  else
    return false;
  return true;
}

namespace {
std::vector<double> resizeCoords(int64_t n, int64_t m,
                                 ResizeSamplingMode mode) {
  std::vector<double> c(m);
  for (int64_t o = 0; o < m; ++o) {
    switch (mode) {
    case ResizeSamplingMode::StrictAlignCorners:
      c[o] = m == 1 ? 0.0 : static_cast<double>(o) * (n - 1) / (m - 1);
      break;
    case ResizeSamplingMode::AlignCorners:
      c[o] =
          m == 1 ? (n - 1) / 2.0 : static_cast<double>(o) * (n - 1) / (m - 1);
      break;
    case ResizeSamplingMode::Default:
      c[o] = static_cast<double>(o) * n / m;
      break;
    case ResizeSamplingMode::OffsetCorners:
      c[o] = (o + 0.5) * std::max<int64_t>(1, n - 1) / m;
      break;
    case ResizeSamplingMode::UnalignCorners:
      c[o] = (o + 0.5) * n / m - 0.5;
      break;
    }
  }
  return c;
}
} // namespace

void mil::kernels::resizeBilinear(const float *x, const Shape &xShape,
                                  ResizeSamplingMode mode, float *out,
                                  const Shape &outShape) {
  size_t r = xShape.size();
  if (r < 2 || outShape.size() != r)
    return;
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  bilinear(x, xShape, tapsFromCoords(resizeCoords(h, outShape[r - 2], mode), h),
           tapsFromCoords(resizeCoords(w, outShape[r - 1], mode), w), out);
}

void mil::kernels::resizeNearestNeighbor(const float *x, const Shape &xShape,
                                         float *out, const Shape &outShape) {
  size_t r = xShape.size();
  if (r < 2 || outShape.size() != r)
    return;
  int64_t h = xShape[r - 2], w = xShape[r - 1];
  int64_t oh = outShape[r - 2], ow = outShape[r - 1];
  gatherNearest(
      x, xShape,
      nearestIndices(h, oh, static_cast<double>(h) / std::max<int64_t>(oh, 1)),
      nearestIndices(w, ow, static_cast<double>(w) / std::max<int64_t>(ow, 1)),
      out);
}

bool mil::kernels::parseBoxCoordinateMode(const std::string &name,
                                          BoxCoordinateMode &mode) {
  if (name == "CORNERS_HEIGHT_FIRST")
    mode = BoxCoordinateMode::CornersHeightFirst;
  else if (name == "CORNERS_WIDTH_FIRST")
    mode = BoxCoordinateMode::CornersWidthFirst;
  else if (name == "CENTER_SIZE_HEIGHT_FIRST")
    mode = BoxCoordinateMode::CenterSizeHeightFirst;
  else if (name == "CENTER_SIZE_WIDTH_FIRST")
    mode = BoxCoordinateMode::CenterSizeWidthFirst;
  else
    return false;
  return true;
}

namespace {
/// Sample positions of m outputs over the box [start, end].
std::vector<double> boxCoords(double start, double end, int64_t m,
                              ResizeSamplingMode mode) {
  double len = end - start;
  std::vector<double> c(m);
  for (int64_t o = 0; o < m; ++o) {
    double p = 0.0;
    switch (mode) {
    case ResizeSamplingMode::StrictAlignCorners:
      p = m == 1 ? 0.0 : o * len / (m - 1);
      break;
    case ResizeSamplingMode::AlignCorners:
      p = m == 1 ? len / 2 : o * len / (m - 1);
      break;
    case ResizeSamplingMode::Default:
      p = o * (len + 1) / m;
      break;
    case ResizeSamplingMode::OffsetCorners:
      p = (o + 0.5) * std::max(1.0, len) / m;
      break;
    case ResizeSamplingMode::UnalignCorners:
      p = (o + 0.5) * (len + 1) / m - 0.5;
      break;
    }
    c[o] =
        start + std::min(std::max(p, std::min(0.0, len)), std::max(0.0, len));
  }
  return c;
}
} // namespace

void mil::kernels::cropResize(const float *x, const Shape &xShape,
                              const float *roi, int64_t numBoxes,
                              int64_t roiWidth, const CropResizeParams &params,
                              float *out) {
  if (xShape.size() != 4 || (roiWidth != 4 && roiWidth != 5))
    return;
  int64_t batch = xShape[0], ch = xShape[1], h = xShape[2], w = xShape[3];
  int64_t th = params.targetHeight, tw = params.targetWidth;
  int64_t images = roiWidth == 4 ? batch : 1;
  int64_t plane = th * tw;
  parallelFor(numBoxes * images, 1, [&](int64_t begin, int64_t end) {
    for (int64_t job = begin; job < end; ++job) {
      int64_t n = job / images, img = job % images;
      const float *box = roi + n * roiWidth;
      int64_t b = img;
      bool valid = true;
      if (roiWidth == 5) {
        // Range-checked as a float: converting NaN or a huge value is UB.
        valid = box[0] >= 0.0f && box[0] < static_cast<float>(batch);
        b = valid ? static_cast<int64_t>(box[0]) : 0;
        ++box;
      }
      float *dst = out + job * ch * plane;
      if (!valid) {
        std::fill(dst, dst + ch * plane, params.padValue);
        continue;
      }
      double v[4] = {box[0], box[1], box[2], box[3]};
      double h0, w0, h1, w1;
      switch (params.boxMode) {
      case BoxCoordinateMode::CornersHeightFirst:
        h0 = v[0], w0 = v[1], h1 = v[2], w1 = v[3];
        break;
      case BoxCoordinateMode::CornersWidthFirst:
        w0 = v[0], h0 = v[1], w1 = v[2], h1 = v[3];
        break;
      case BoxCoordinateMode::CenterSizeHeightFirst:
        h0 = v[0] - v[2] / 2, h1 = v[0] + v[2] / 2;
        w0 = v[1] - v[3] / 2, w1 = v[1] + v[3] / 2;
        break;
      case BoxCoordinateMode::CenterSizeWidthFirst:
      default:
        w0 = v[0] - v[2] / 2, w1 = v[0] + v[2] / 2;
        h0 = v[1] - v[3] / 2, h1 = v[1] + v[3] / 2;
        break;
      }
      double sh = params.normalizedCoordinates ? h - 1 : 1.0;
      double sw = params.normalizedCoordinates ? w - 1 : 1.0;
      sh *= params.spatialScale;
      sw *= params.spatialScale;
      std::vector<double> ys =
          boxCoords(h0 * sh, h1 * sh, th, params.samplingMode);
      std::vector<double> xs =
          boxCoords(w0 * sw, w1 * sw, tw, params.samplingMode);
      for (int64_t c = 0; c < ch; ++c) {
        const float *xp = x + (b * ch + c) * h * w;
        float *op = dst + c * plane;
        for (int64_t i = 0; i < th; ++i) {
          double y = ys[i];
          bool yIn = y >= 0 && y <= h - 1;
          int64_t y0 = yIn ? static_cast<int64_t>(std::floor(y)) : 0;
          int64_t y1 = std::min(y0 + 1, h - 1);
          float fy = static_cast<float>(y - y0);
          for (int64_t j = 0; j < tw; ++j) {
            double xv = xs[j];
            if (!yIn || !(xv >= 0 && xv <= w - 1)) {
              op[i * tw + j] = params.padValue;
              continue;
            }
            int64_t x0 = static_cast<int64_t>(std::floor(xv));
            int64_t x1 = std::min(x0 + 1, w - 1);
            float fx = static_cast<float>(xv - x0);
            float top =
                xp[y0 * w + x0] + (xp[y0 * w + x1] - xp[y0 * w + x0]) * fx;
            float bot =
                xp[y1 * w + x0] + (xp[y1 * w + x1] - xp[y1 * w + x0]) * fx;
            op[i * tw + j] = top + (bot - top) * fy;
          }
        }
      }
    }
  });
}
