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
