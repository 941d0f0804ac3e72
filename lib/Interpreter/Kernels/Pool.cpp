//===- Pool.cpp - N-d max, average and L2 pooling -------------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Like the convolutions, pools run in 3 spatial dimensions (leading size-1
// dimensions for 1-d and 2-d).
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Pool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace mil::kernels;

namespace {
enum class PoolKind { Max, Avg, L2 };

struct Window3 {
  int64_t in[3], out[3], k[3], stride[3], padB[3], padA[3];
};

Window3 toWindow3(const Shape &xShape, const PoolParams &p,
                  const Shape &outShape) {
  Window3 w;
  size_t s = xShape.size() - 2, lead = 3 - s;
  for (size_t i = 0; i < 3; ++i) {
    bool real = i >= lead;
    size_t j = i - lead;
    w.in[i] = real ? xShape[2 + j] : 1;
    w.out[i] = real ? outShape[2 + j] : 1;
    w.k[i] = real ? p.kernel[j] : 1;
    w.stride[i] = real ? p.strides[j] : 1;
    w.padB[i] = real ? p.padBefore[j] : 0;
    w.padA[i] = real ? p.padAfter[j] : 0;
  }
  return w;
}

/// max(a, v), NaN when either is NaN.
inline float stickyMax(float a, float v) { return v > a || v != v ? v : a; }

void maxInto(float *__restrict acc, const float *__restrict row, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    acc[i] = stickyMax(acc[i], row[i]);
}

/// The pool over every [D, H, W] plane; Kind is a template argument so that
/// the inner loops carry no per-element dispatch.
template <PoolKind Kind>
void pool(const float *x, const Shape &xShape, const PoolParams &params,
          float *out, const Shape &outShape) {
  if (numElements(outShape) == 0)
    return;
  Window3 w = toWindow3(xShape, params, outShape);
  int64_t planes = xShape[0] * xShape[1];
  int64_t inVol = w.in[0] * w.in[1] * w.in[2];
  int64_t outVol = w.out[0] * w.out[1] * w.out[2];
  // Per output column: the clipped input range and the padded extent.
  std::vector<int64_t> wLo(w.out[2]), wHi(w.out[2]), wPad(w.out[2]);
  for (int64_t ow = 0; ow < w.out[2]; ++ow) {
    int64_t w0 = ow * w.stride[2] - w.padB[2];
    wLo[ow] = std::max<int64_t>(w0, 0);
    wHi[ow] = std::max(wLo[ow], std::min(w0 + w.k[2], w.in[2]));
    wPad[ow] = std::min(w0 + w.k[2], w.in[2] + w.padA[2]) - w0;
  }
  parallelFor(planes, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> colMax(Kind == PoolKind::Max ? w.in[2] : 0);
    for (int64_t p = begin; p < end; ++p) {
      const float *xp = x + p * inVol;
      float *op = out + p * outVol;
      for (int64_t od = 0; od < w.out[0]; ++od) {
        int64_t d0 = od * w.stride[0] - w.padB[0];
        int64_t dLo = std::max<int64_t>(d0, 0),
                dHi = std::max(dLo, std::min(d0 + w.k[0], w.in[0]));
        int64_t dPad = std::min(d0 + w.k[0], w.in[0] + w.padA[0]) - d0;
        for (int64_t oh = 0; oh < w.out[1]; ++oh) {
          int64_t h0 = oh * w.stride[1] - w.padB[1];
          int64_t hLo = std::max<int64_t>(h0, 0),
                  hHi = std::max(hLo, std::min(h0 + w.k[1], w.in[1]));
          int64_t hPad = std::min(h0 + w.k[1], w.in[1] + w.padA[1]) - h0;
          float *orow = op + (od * w.out[1] + oh) * w.out[2];
          if constexpr (Kind == PoolKind::Max) {
            // The maximum is exact in any order: first over the window's
            // input rows into one row (a vector loop), then along it. A
            // NaN sticks, so a window holding one gives NaN.
            std::fill(colMax.begin(), colMax.end(),
                      -std::numeric_limits<float>::infinity());
            for (int64_t d = dLo; d < dHi; ++d)
              for (int64_t h = hLo; h < hHi; ++h)
                maxInto(colMax.data(), xp + (d * w.in[1] + h) * w.in[2],
                        w.in[2]);
            for (int64_t ow = 0; ow < w.out[2]; ++ow) {
              float acc = -std::numeric_limits<float>::infinity();
              for (int64_t c = wLo[ow]; c < wHi[ow]; ++c)
                acc = stickyMax(acc, colMax[c]);
              orow[ow] = acc;
            }
            continue;
          }
          for (int64_t ow = 0; ow < w.out[2]; ++ow) {
            float acc = 0.0f;
            for (int64_t d = dLo; d < dHi; ++d)
              for (int64_t h = hLo; h < hHi; ++h) {
                const float *row = xp + (d * w.in[1] + h) * w.in[2];
                for (int64_t c = wLo[ow]; c < wHi[ow]; ++c) {
                  float v = row[c];
                  acc += Kind == PoolKind::Avg ? v : v * v;
                }
              }
            if constexpr (Kind == PoolKind::Avg) {
              int64_t count =
                  params.excludePaddingFromAverage
                      ? (dHi - dLo) * (hHi - hLo) * (wHi[ow] - wLo[ow])
                      : dPad * hPad * wPad[ow];
              acc = count > 0 ? acc / static_cast<float>(count) : 0.0f;
            } else {
              acc = std::sqrt(acc);
            }
            orow[ow] = acc;
          }
        }
      }
    }
  });
}
} // namespace

void mil::kernels::maxPool(const float *x, const Shape &xShape,
                           const PoolParams &params, float *out,
                           const Shape &outShape) {
  pool<PoolKind::Max>(x, xShape, params, out, outShape);
}

void mil::kernels::avgPool(const float *x, const Shape &xShape,
                           const PoolParams &params, float *out,
                           const Shape &outShape) {
  pool<PoolKind::Avg>(x, xShape, params, out, outShape);
}

void mil::kernels::l2Pool(const float *x, const Shape &xShape,
                          const PoolParams &params, float *out,
                          const Shape &outShape) {
  pool<PoolKind::L2>(x, xShape, params, out, outShape);
}
