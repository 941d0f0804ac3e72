//===- Conv.cpp - N-d convolution, transposed convolution, pads -----------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Every convolution is computed in 3 spatial dimensions: 1-d and 2-d ones get
// leading spatial dimensions of size 1 (kernel 1, stride 1, no pad), which
// costs nothing and keeps one im2col and one depthwise kernel.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Conv.h"
#include "mil/Interpreter/Kernels/Gemm.h"

#include <algorithm>
#include <cmath>

using namespace mil::kernels;

bool mil::kernels::parsePadType(const std::string &name, PadType &padType) {
  if (name == "valid")
    padType = PadType::Valid;
  else if (name == "same")
    padType = PadType::Same;
  else if (name == "same_lower")
    padType = PadType::SameLower;
  else if (name == "custom")
    padType = PadType::Custom;
  else
    return false;
  return true;
}

namespace {
std::string dimText(size_t i) {
  return "spatial dimension " + std::to_string(i);
}

/// Checks the per-dimension vectors shared by conv, conv_transpose and the
/// pools; empty dilations become ones.
bool checkGeometry(const Shape &inSpatial, const Shape &kernel,
                   const Shape &strides, Shape &dilations, std::string &error) {
  size_t s = inSpatial.size();
  // MIL convolutions and pools have 1 to 3 spatial dimensions, the kernels
  // no more.
  if (s < 1 || s > 3) {
    error = "expected 1 to 3 spatial dimensions, got " + std::to_string(s);
    return false;
  }
  if (dilations.empty())
    dilations.assign(s, 1);
  if (kernel.size() != s || strides.size() != s || dilations.size() != s) {
    error = "kernel (" + std::to_string(kernel.size()) + "), strides (" +
            std::to_string(strides.size()) + ") and dilations (" +
            std::to_string(dilations.size()) +
            ") must have one entry per spatial dimension (" +
            std::to_string(s) + ")";
    return false;
  }
  for (size_t i = 0; i < s; ++i) {
    if (kernel[i] <= 0 || strides[i] <= 0 || dilations[i] <= 0) {
      error = "kernel size, stride and dilation must be positive (" +
              dimText(i) + ")";
      return false;
    }
    if (inSpatial[i] < 0) {
      error = "negative input size (" + dimText(i) + ")";
      return false;
    }
  }
  return true;
}

bool checkCustomPad(const Shape &customPad, size_t s, std::string &error) {
  if (customPad.size() != 2 * s) {
    error = "pad must have 2 entries per spatial dimension (" +
            std::to_string(2 * s) + "), got " +
            std::to_string(customPad.size());
    return false;
  }
  for (int64_t p : customPad)
    if (p < 0) {
      error = "pad values must be non-negative";
      return false;
    }
  return true;
}

void splitSame(PadType padType, int64_t total, int64_t &before,
               int64_t &after) {
  before = padType == PadType::SameLower ? (total + 1) / 2 : total / 2;
  after = total - before;
}
} // namespace

bool mil::kernels::computeSpatialPads(PadType padType, const Shape &inSpatial,
                                      const Shape &kernel, const Shape &strides,
                                      const Shape &dilationsIn,
                                      const Shape &customPad, bool ceilMode,
                                      Shape &padBefore, Shape &padAfter,
                                      Shape &outSpatial, std::string &error) {
  Shape dilations = dilationsIn;
  if (!checkGeometry(inSpatial, kernel, strides, dilations, error))
    return false;
  size_t s = inSpatial.size();
  if (padType == PadType::Custom && !checkCustomPad(customPad, s, error))
    return false;
  padBefore.assign(s, 0);
  padAfter.assign(s, 0);
  outSpatial.assign(s, 0);
  for (size_t i = 0; i < s; ++i) {
    int64_t in = inSpatial[i], st = strides[i];
    int64_t ke = (kernel[i] - 1) * dilations[i] + 1;
    switch (padType) {
    case PadType::Valid:
      break;
    case PadType::Same:
    case PadType::SameLower: {
      int64_t total =
          std::max<int64_t>(0, st * ((in + st - 1) / st) - in + ke - st);
      splitSame(padType, total, padBefore[i], padAfter[i]);
      break;
    }
    case PadType::Custom:
      padBefore[i] = customPad[2 * i];
      padAfter[i] = customPad[2 * i + 1];
      break;
    }
    int64_t total = padBefore[i] + padAfter[i];
    int64_t span = in + total - ke;
    int64_t out;
    if (!ceilMode) {
      out = span < 0 ? 0 : span / st + 1;
    } else {
      int64_t num = span + st - 1;
      out = num < 0 ? 0 : num / st + 1;
      if (total > 0 && static_cast<double>((out - 1) * st) >=
                           static_cast<double>(in) + total / 2.0)
        --out;
    }
    if (out <= 0) {
      error = "output size " + std::to_string(out) + " is not positive (" +
              dimText(i) + ": input " + std::to_string(in) +
              ", effective kernel " + std::to_string(ke) + ", pads " +
              std::to_string(total) + ")";
      return false;
    }
    outSpatial[i] = out;
  }
  return true;
}

namespace {
bool checkConvOperands(const Shape &xShape, const Shape &weightShape,
                       const ConvParams &params, bool transposed,
                       std::string &error) {
  const char *op = transposed ? "conv_transpose" : "conv";
  if (xShape.size() < 3 || xShape.size() > 5) {
    error = std::string(op) + " input must have rank 3 to 5, got " +
            std::to_string(xShape.size());
    return false;
  }
  size_t s = xShape.size() - 2;
  if (weightShape.size() != xShape.size()) {
    error = std::string(op) + " weight rank " +
            std::to_string(weightShape.size()) +
            " differs from the input rank " + std::to_string(xShape.size());
    return false;
  }
  if (params.strides.size() != s || params.dilations.size() != s ||
      params.padBefore.size() != s || params.padAfter.size() != s) {
    error = std::string(op) +
            " strides, dilations and pads need one entry per spatial "
            "dimension";
    return false;
  }
  for (size_t i = 0; i < s; ++i)
    if (params.strides[i] <= 0 || params.dilations[i] <= 0 ||
        params.padBefore[i] < 0 || params.padAfter[i] < 0 ||
        weightShape[2 + i] <= 0) {
      error = std::string(op) +
              ": strides, dilations and kernel sizes must be positive and "
              "pads non-negative";
      return false;
    }
  if (params.groups <= 0) {
    error = std::string(op) + " groups must be positive";
    return false;
  }
  int64_t cIn = xShape[1];
  if (cIn % params.groups != 0) {
    error = std::string(op) + " input channels " + std::to_string(cIn) +
            " not divisible by groups " + std::to_string(params.groups);
    return false;
  }
  if (!transposed) {
    if (weightShape[0] % params.groups != 0 ||
        weightShape[1] * params.groups != cIn) {
      error = "conv weight " + std::to_string(weightShape[0]) + "x" +
              std::to_string(weightShape[1]) + " does not match " +
              std::to_string(cIn) + " input channels in " +
              std::to_string(params.groups) + " groups";
      return false;
    }
  } else if (weightShape[0] != cIn) {
    error = "conv_transpose weight has " + std::to_string(weightShape[0]) +
            " input channels, the input " + std::to_string(cIn);
    return false;
  }
  return true;
}
} // namespace

bool mil::kernels::convShape(const Shape &xShape, const Shape &weightShape,
                             const ConvParams &params, Shape &outShape,
                             std::string &error) {
  if (!checkConvOperands(xShape, weightShape, params, false, error))
    return false;
  outShape = {xShape[0], weightShape[0]};
  for (size_t i = 0; i + 2 < xShape.size(); ++i) {
    int64_t ke = (weightShape[2 + i] - 1) * params.dilations[i] + 1;
    int64_t span =
        xShape[2 + i] + params.padBefore[i] + params.padAfter[i] - ke;
    if (span < 0) {
      error = "conv kernel larger than the padded input (" + dimText(i) + ")";
      return false;
    }
    outShape.push_back(span / params.strides[i] + 1);
  }
  return true;
}

bool mil::kernels::computeConvTransposePads(
    PadType padType, const Shape &inSpatial, const Shape &kernel,
    const Shape &strides, const Shape &dilationsIn, const Shape &customPad,
    const Shape &outputSpatial, Shape &padBefore, Shape &padAfter,
    Shape &outSpatial, std::string &error) {
  Shape dilations = dilationsIn;
  if (!checkGeometry(inSpatial, kernel, strides, dilations, error))
    return false;
  size_t s = inSpatial.size();
  if (padType == PadType::Custom && !checkCustomPad(customPad, s, error))
    return false;
  if (!outputSpatial.empty() && outputSpatial.size() != s) {
    error = "output_shape must have one entry per spatial dimension";
    return false;
  }
  padBefore.assign(s, 0);
  padAfter.assign(s, 0);
  outSpatial.assign(s, 0);
  for (size_t i = 0; i < s; ++i) {
    int64_t ke = (kernel[i] - 1) * dilations[i] + 1;
    int64_t full = (inSpatial[i] - 1) * strides[i] + ke;
    if (padType == PadType::Custom) {
      padBefore[i] = customPad[2 * i];
      padAfter[i] = customPad[2 * i + 1];
    }
    int64_t out;
    if (!outputSpatial.empty())
      out = outputSpatial[i];
    else if (padType == PadType::Same || padType == PadType::SameLower)
      out = inSpatial[i] * strides[i];
    else
      out = full - padBefore[i] - padAfter[i];
    if (padType == PadType::Same || padType == PadType::SameLower)
      splitSame(padType, std::max<int64_t>(0, full - out), padBefore[i],
                padAfter[i]);
    if (out <= 0) {
      error = "conv_transpose output size " + std::to_string(out) +
              " is not positive (" + dimText(i) + ")";
      return false;
    }
    outSpatial[i] = out;
  }
  return true;
}

bool mil::kernels::convTransposeShape(const Shape &xShape,
                                      const Shape &weightShape,
                                      const ConvParams &params, Shape &outShape,
                                      std::string &error) {
  if (!checkConvOperands(xShape, weightShape, params, true, error))
    return false;
  outShape = {xShape[0], weightShape[1] * params.groups};
  for (size_t i = 0; i + 2 < xShape.size(); ++i) {
    int64_t ke = (weightShape[2 + i] - 1) * params.dilations[i] + 1;
    int64_t out = (xShape[2 + i] - 1) * params.strides[i] + ke -
                  params.padBefore[i] - params.padAfter[i];
    if (out <= 0) {
      error = "conv_transpose output size is not positive (" + dimText(i) + ")";
      return false;
    }
    outShape.push_back(out);
  }
  return true;
}

namespace {
/// A convolution's geometry in exactly 3 spatial dimensions.
struct Geometry3 {
  int64_t n, cIn, cOut, groups;
  int64_t in[3], k[3], out[3], stride[3], dil[3], pad[3];
  int64_t inVol() const { return in[0] * in[1] * in[2]; }
  int64_t kVol() const { return k[0] * k[1] * k[2]; }
  int64_t outVol() const { return out[0] * out[1] * out[2]; }
};

/// `spatialIn` are the input-side sizes (x for conv, out for transpose).
Geometry3 toGeometry3(const Shape &xShape, const Shape &weightShape,
                      const ConvParams &params, const Shape &outShape,
                      bool transposed) {
  Geometry3 g;
  g.n = xShape[0];
  g.groups = params.groups;
  g.cIn = xShape[1];
  g.cOut = outShape[1];
  size_t s = xShape.size() - 2, lead = 3 - s;
  for (size_t i = 0; i < 3; ++i) {
    bool real = i >= lead;
    size_t j = i - lead;
    g.in[i] = real ? xShape[2 + j] : 1;
    g.k[i] = real ? weightShape[2 + j] : 1;
    g.out[i] = real ? outShape[2 + j] : 1;
    g.stride[i] = real ? params.strides[j] : 1;
    g.dil[i] = real ? params.dilations[j] : 1;
    g.pad[i] = real ? params.padBefore[j] : 0;
  }
  (void)transposed;
  return g;
}

/// Columns [j0, j1) of the im2col matrix of the `channels` channels at x:
/// col[(c, kd, kh, kw), j - j0] = x[c, od * s + kd * d - p, ...] (0 in the
/// padding) for output position j = (od, oh, ow); `ld` is col's row length.
void im2colTile(const float *x, int64_t channels, const Geometry3 &g,
                int64_t j0, int64_t j1, float *col, int64_t ld) {
  int64_t kVol = g.kVol(), inVol = g.inVol();
  for (int64_t r = 0; r < channels * kVol; ++r) {
    int64_t c = r / kVol, kk = r % kVol;
    int64_t kw = kk % g.k[2], kh = (kk / g.k[2]) % g.k[1],
            kd = kk / (g.k[2] * g.k[1]);
    const float *xc = x + c * inVol;
    float *dst = col + r * ld - j0;
    int64_t base = kw * g.dil[2] - g.pad[2];
    // Output columns ow with 0 <= ow * s + base < in[2].
    int64_t lo = base >= 0 ? 0 : (-base + g.stride[2] - 1) / g.stride[2];
    int64_t hi = g.in[2] - base <= 0
                     ? 0
                     : (g.in[2] - base + g.stride[2] - 1) / g.stride[2];
    lo = std::min(lo, g.out[2]);
    hi = std::max(lo, std::min(hi, g.out[2]));
    // Walk the tile one output row (od, oh) segment at a time.
    for (int64_t j = j0; j < j1;) {
      int64_t ow0 = j % g.out[2], row = j / g.out[2];
      int64_t oh = row % g.out[1], od = row / g.out[1];
      int64_t ow1 = std::min(g.out[2], ow0 + (j1 - j));
      float *out = dst + j - ow0; // indexable by ow
      int64_t id = od * g.stride[0] + kd * g.dil[0] - g.pad[0];
      int64_t ih = oh * g.stride[1] + kh * g.dil[1] - g.pad[1];
      if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) {
        std::fill(out + ow0, out + ow1, 0.0f);
      } else {
        const float *src = xc + (id * g.in[1] + ih) * g.in[2] + base;
        int64_t a = std::max(ow0, lo), b = std::min(ow1, hi);
        if (a >= b) {
          std::fill(out + ow0, out + ow1, 0.0f);
        } else {
          std::fill(out + ow0, out + a, 0.0f);
          if (g.stride[2] == 1)
            std::copy(src + a, src + b, out + a);
          else
            for (int64_t ow = a; ow < b; ++ow)
              out[ow] = src[ow * g.stride[2]];
          std::fill(out + b, out + ow1, 0.0f);
        }
      }
      j += ow1 - ow0;
    }
  }
}

/// y += a * x; the restrict qualifiers let the compiler vectorize.
void axpy(float *__restrict y, const float *__restrict x, float a, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] += a * x[i];
}

void axpyStrided(float *__restrict y, const float *__restrict x, int64_t stride,
                 float a, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] += a * x[i * stride];
}

/// Depthwise (one input channel per group): a direct loop per output channel.
void depthwiseConv(const float *x, const float *weight, const float *bias,
                   const Geometry3 &g, float *out) {
  int64_t mult = g.cOut / g.groups;
  int64_t kVol = g.kVol(), outVol = g.outVol();
  parallelFor(g.n * g.cOut, 1, [&](int64_t begin, int64_t end) {
    for (int64_t nc = begin; nc < end; ++nc) {
      int64_t n = nc / g.cOut, co = nc % g.cOut, ci = co / mult;
      const float *xc = x + (n * g.cIn + ci) * g.inVol();
      const float *w = weight + co * kVol;
      float *o = out + nc * outVol;
      std::fill(o, o + outVol, bias ? bias[co] : 0.0f);
      for (int64_t kd = 0; kd < g.k[0]; ++kd)
        for (int64_t kh = 0; kh < g.k[1]; ++kh)
          for (int64_t kw = 0; kw < g.k[2]; ++kw) {
            float wv = w[(kd * g.k[1] + kh) * g.k[2] + kw];
            int64_t base = kw * g.dil[2] - g.pad[2];
            int64_t lo =
                base >= 0 ? 0 : (-base + g.stride[2] - 1) / g.stride[2];
            int64_t hi = g.in[2] - base <= 0
                             ? 0
                             : (g.in[2] - base + g.stride[2] - 1) / g.stride[2];
            lo = std::min(lo, g.out[2]);
            hi = std::max(lo, std::min(hi, g.out[2]));
            for (int64_t od = 0; od < g.out[0]; ++od) {
              int64_t id = od * g.stride[0] + kd * g.dil[0] - g.pad[0];
              if (id < 0 || id >= g.in[0])
                continue;
              for (int64_t oh = 0; oh < g.out[1]; ++oh) {
                int64_t ih = oh * g.stride[1] + kh * g.dil[1] - g.pad[1];
                if (ih < 0 || ih >= g.in[1])
                  continue;
                const float *src = xc + (id * g.in[1] + ih) * g.in[2] + base;
                float *row = o + (od * g.out[1] + oh) * g.out[2];
                if (g.stride[2] == 1)
                  axpy(row + lo, src + lo, wv, hi - lo);
                else
                  axpyStrided(row + lo, src + lo * g.stride[2], g.stride[2], wv,
                              hi - lo);
              }
            }
          }
    }
  });
}
} // namespace

void mil::kernels::conv(const float *x, const Shape &xShape,
                        const float *weight, const Shape &weightShape,
                        const float *bias, const ConvParams &params, float *out,
                        const Shape &outShape) {
  Geometry3 g = toGeometry3(xShape, weightShape, params, outShape, false);
  int64_t cgIn = g.cIn / g.groups, cgOut = g.cOut / g.groups;
  if (numElements(outShape) == 0)
    return;
  if (cgIn == 1 && g.groups > 1) {
    depthwiseConv(x, weight, bias, g, out);
    return;
  }
  int64_t kVol = g.kVol(), outVol = g.outVol(), rows = cgIn * kVol;
  bool pointwise = kVol == 1 && g.pad[0] == 0 && g.pad[1] == 0 &&
                   g.pad[2] == 0 && g.stride[0] == 1 && g.stride[1] == 1 &&
                   g.stride[2] == 1 && outVol == g.inVol();
  // im2col one tile of output positions at a time, sized to stay in the L2
  // cache next to the GEMM that consumes it; tiles go to the threads.
  int64_t tile = std::max<int64_t>(
      32, (int64_t(128) * 1024 / std::max<int64_t>(rows, 1)) / 16 * 16);
  tile = std::min(tile, outVol);
  int64_t tiles = (outVol + tile - 1) / tile;
  // A multiple of the thread count keeps the threads equally busy.
  int64_t threads = getNumThreads();
  if (tiles > 1 && tiles % threads != 0) {
    int64_t want = (tiles + threads - 1) / threads * threads;
    tile = std::max<int64_t>(16, ((outVol + want - 1) / want + 15) / 16 * 16);
    tiles = (outVol + tile - 1) / tile;
  }
  for (int64_t n = 0; n < g.n; ++n) {
    for (int64_t grp = 0; grp < g.groups; ++grp) {
      const float *xg = x + (n * g.cIn + grp * cgIn) * g.inVol();
      float *og = out + (n * g.cOut + grp * cgOut) * outVol;
      const float *w = weight + grp * cgOut * rows;
      float beta = 0.0f;
      if (bias) {
        for (int64_t co = 0; co < cgOut; ++co)
          std::fill(og + co * outVol, og + (co + 1) * outVol,
                    bias[grp * cgOut + co]);
        beta = 1.0f;
      }
      if (pointwise) {
        gemm(false, false, cgOut, outVol, rows, 1.0f, w, rows, xg, outVol, beta,
             og, outVol);
        continue;
      }
      parallelFor(tiles, 1, [&](int64_t begin, int64_t end) {
        std::vector<float> col(rows * tile);
        for (int64_t t = begin; t < end; ++t) {
          int64_t j0 = t * tile, j1 = std::min(outVol, j0 + tile);
          im2colTile(xg, cgIn, g, j0, j1, col.data(), j1 - j0);
          gemm(false, false, cgOut, j1 - j0, rows, 1.0f, w, rows, col.data(),
               j1 - j0, beta, og + j0, outVol);
        }
      });
    }
  }
}

void mil::kernels::convTranspose(const float *x, const Shape &xShape,
                                 const float *weight, const Shape &weightShape,
                                 const float *bias, const ConvParams &params,
                                 float *out, const Shape &outShape) {
  Geometry3 g = toGeometry3(xShape, weightShape, params, outShape, true);
  int64_t cgIn = g.cIn / g.groups, cgOut = g.cOut / g.groups;
  int64_t kVol = g.kVol(), inVol = g.inVol(), outVol = g.outVol();
  if (numElements(outShape) == 0)
    return;
  for (int64_t nc = 0; nc < g.n * g.cOut; ++nc)
    std::fill(out + nc * outVol, out + (nc + 1) * outVol,
              bias ? bias[nc % g.cOut] : 0.0f);
  int64_t rows = cgOut * kVol;
  std::vector<float> col(rows * inVol);
  for (int64_t n = 0; n < g.n; ++n) {
    for (int64_t grp = 0; grp < g.groups; ++grp) {
      const float *xg = x + (n * g.cIn + grp * cgIn) * inVol;
      // col[(co, k), i] = sum_ci w[ci, co, k] * x[ci, i]
      gemm(true, false, rows, inVol, cgIn, 1.0f, weight + grp * cgIn * rows,
           rows, xg, inVol, 0.0f, col.data(), inVol);
      float *og = out + (n * g.cOut + grp * cgOut) * outVol;
      // col2im: each output channel is written by one thread.
      parallelFor(cgOut, 1, [&](int64_t begin, int64_t end) {
        for (int64_t co = begin; co < end; ++co) {
          float *o = og + co * outVol;
          for (int64_t kk = 0; kk < kVol; ++kk) {
            int64_t kw = kk % g.k[2], kh = (kk / g.k[2]) % g.k[1],
                    kd = kk / (g.k[2] * g.k[1]);
            const float *src = col.data() + (co * kVol + kk) * inVol;
            for (int64_t id = 0; id < g.in[0]; ++id) {
              int64_t od = id * g.stride[0] + kd * g.dil[0] - g.pad[0];
              if (od < 0 || od >= g.out[0])
                continue;
              for (int64_t ih = 0; ih < g.in[1]; ++ih) {
                int64_t oh = ih * g.stride[1] + kh * g.dil[1] - g.pad[1];
                if (oh < 0 || oh >= g.out[1])
                  continue;
                const float *s = src + (id * g.in[1] + ih) * g.in[2];
                float *row = o + (od * g.out[1] + oh) * g.out[2];
                for (int64_t iw = 0; iw < g.in[2]; ++iw) {
                  int64_t ow = iw * g.stride[2] + kw * g.dil[2] - g.pad[2];
                  if (ow >= 0 && ow < g.out[2])
                    row[ow] += s[iw];
                }
              }
            }
          }
        }
      });
    }
  }
}
