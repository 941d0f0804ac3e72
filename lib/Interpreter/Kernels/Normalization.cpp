//===- Normalization.cpp - softmax and the MIL normalizations -------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Statistics accumulate in double: fp32 programs should agree with PyTorch
// up to summation order, and a double sum removes most of that order's
// error.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Normalization.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mil::kernels;

namespace {
/// Mean of `x[0..n)`, and its population variance in `var` (two passes).
double meanAndVariance(const float *x, int64_t n, double &var) {
  double mean = 0.0;
  for (int64_t i = 0; i < n; ++i)
    mean += x[i];
  mean /= n;
  var = 0.0;
  for (int64_t i = 0; i < n; ++i) {
    double d = x[i] - mean;
    var += d * d;
  }
  var /= n;
  return mean;
}

/// Softmax or log-softmax along the middle axis of [outer, axis, inner].
void softmaxImpl(const float *x, const Shape &shape, int64_t axis, float *out,
                 bool log) {
  AxisSplit s = splitAtAxis(shape, axis);
  if (s.outer * s.axis * s.inner == 0)
    return;
  parallelFor(s.outer * s.inner, std::max<int64_t>(1, 4096 / s.axis),
              [&](int64_t begin, int64_t end) {
                for (int64_t r = begin; r < end; ++r) {
                  int64_t o = r / s.inner, i = r % s.inner;
                  const float *xr = x + o * s.axis * s.inner + i;
                  float *yr = out + o * s.axis * s.inner + i;
                  float mx = -std::numeric_limits<float>::infinity();
                  for (int64_t a = 0; a < s.axis; ++a)
                    mx = std::max(mx, xr[a * s.inner]);
                  if (std::isinf(mx) && mx < 0)
                    mx = 0.0f; // all -inf: keep exp() finite
                  double sum = 0.0;
                  for (int64_t a = 0; a < s.axis; ++a)
                    sum += std::exp(static_cast<double>(xr[a * s.inner] - mx));
                  if (log) {
                    // (x - max) - log(sum): subtracting max + log(sum)
                    // at once would round it at max's magnitude.
                    float logSum = static_cast<float>(std::log(sum));
                    for (int64_t a = 0; a < s.axis; ++a)
                      yr[a * s.inner] = (xr[a * s.inner] - mx) - logSum;
                  } else {
                    double inv = 1.0 / sum;
                    for (int64_t a = 0; a < s.axis; ++a)
                      yr[a * s.inner] = static_cast<float>(
                          std::exp(static_cast<double>(xr[a * s.inner] - mx)) *
                          inv);
                  }
                }
              });
}
} // namespace

void mil::kernels::softmax(const float *x, const Shape &shape, int64_t axis,
                           float *out) {
  softmaxImpl(x, shape, axis, out, false);
}

void mil::kernels::logSoftmax(const float *x, const Shape &shape, int64_t axis,
                              float *out) {
  softmaxImpl(x, shape, axis, out, true);
}

void mil::kernels::layerNorm(const float *x, const Shape &shape,
                             const std::vector<int64_t> &axes,
                             const float *gamma, const float *beta,
                             float epsilon, float *out) {
  size_t rank = shape.size();
  std::vector<bool> reduced(rank, false);
  for (int64_t a : axes)
    reduced[a] = true;
  // Move the normalized axes last (kept order), normalize rows, move back.
  std::vector<int64_t> perm;
  for (size_t i = 0; i < rank; ++i)
    if (!reduced[i])
      perm.push_back(i);
  int64_t inner = 1;
  for (size_t i = 0; i < rank; ++i)
    if (reduced[i]) {
      perm.push_back(i);
      inner *= shape[i];
    }
  int64_t total = numElements(shape);
  if (total == 0)
    return;
  int64_t rows = total / inner;
  bool identity = true;
  for (size_t i = 0; i < rank; ++i)
    identity &= perm[i] == static_cast<int64_t>(i);
  std::vector<float> tmp;
  const float *src = x;
  float *dst = out;
  if (!identity) {
    tmp.resize(total);
    transpose(x, shape, perm, tmp.data());
    src = tmp.data();
    dst = tmp.data(); // in place on the permuted copy
  }
  parallelFor(rows, std::max<int64_t>(1, 4096 / inner),
              [&](int64_t begin, int64_t end) {
                for (int64_t r = begin; r < end; ++r) {
                  const float *xr = src + r * inner;
                  float *yr = dst + r * inner;
                  double var;
                  double mean = meanAndVariance(xr, inner, var);
                  double inv = 1.0 / std::sqrt(var + epsilon);
                  for (int64_t i = 0; i < inner; ++i) {
                    double v = (xr[i] - mean) * inv;
                    if (gamma)
                      v *= gamma[i];
                    if (beta)
                      v += beta[i];
                    yr[i] = static_cast<float>(v);
                  }
                }
              });
  if (!identity) {
    Shape permShape(rank);
    std::vector<int64_t> inverse(rank);
    for (size_t i = 0; i < rank; ++i) {
      permShape[i] = shape[perm[i]];
      inverse[perm[i]] = i;
    }
    transpose(tmp.data(), permShape, inverse, out);
  }
}

void mil::kernels::instanceNorm(const float *x, const Shape &shape,
                                const float *gamma, const float *beta,
                                float epsilon, float *out) {
  int64_t n = shape[0], c = shape[1];
  int64_t inner = numElements(shape) / std::max<int64_t>(n * c, 1);
  if (n * c * inner == 0)
    return;
  parallelFor(n * c, 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      int64_t ch = r % c;
      const float *xr = x + r * inner;
      float *yr = out + r * inner;
      double var;
      double mean = meanAndVariance(xr, inner, var);
      double scale = (gamma ? gamma[ch] : 1.0) / std::sqrt(var + epsilon);
      double shift = beta ? beta[ch] : 0.0;
      for (int64_t i = 0; i < inner; ++i)
        yr[i] = static_cast<float>((xr[i] - mean) * scale + shift);
    }
  });
}

void mil::kernels::batchNorm(const float *x, const Shape &shape,
                             const float *mean, const float *variance,
                             const float *gamma, const float *beta,
                             float epsilon, float *out) {
  int64_t n = shape[0], c = shape[1];
  int64_t inner = numElements(shape) / std::max<int64_t>(n * c, 1);
  if (n * c * inner == 0)
    return;
  parallelFor(n * c, std::max<int64_t>(1, 4096 / inner),
              [&](int64_t begin, int64_t end) {
                for (int64_t r = begin; r < end; ++r) {
                  int64_t ch = r % c;
                  float scale = (gamma ? gamma[ch] : 1.0f) /
                                std::sqrt(variance[ch] + epsilon);
                  float shift = (beta ? beta[ch] : 0.0f) - mean[ch] * scale;
                  const float *xr = x + r * inner;
                  float *yr = out + r * inner;
                  for (int64_t i = 0; i < inner; ++i)
                    yr[i] = xr[i] * scale + shift;
                }
              });
}

void mil::kernels::l2Norm(const float *x, int64_t outer, int64_t inner,
                          float epsilon, float *out) {
  parallelFor(outer, std::max<int64_t>(1, 4096 / std::max<int64_t>(inner, 1)),
              [&](int64_t begin, int64_t end) {
                for (int64_t r = begin; r < end; ++r) {
                  const float *xr = x + r * inner;
                  float *yr = out + r * inner;
                  double sum = 0.0;
                  for (int64_t i = 0; i < inner; ++i)
                    sum += static_cast<double>(xr[i]) * xr[i];
                  double inv = 1.0 / std::sqrt(sum + epsilon);
                  for (int64_t i = 0; i < inner; ++i)
                    yr[i] = static_cast<float>(xr[i] * inv);
                }
              });
}

void mil::kernels::localResponseNorm(const float *x, const Shape &shape,
                                     int64_t size, float alpha, float beta,
                                     float k, float *out) {
  int64_t n = shape[0], c = shape[1];
  int64_t inner = numElements(shape) / std::max<int64_t>(n * c, 1);
  if (n * c * inner == 0)
    return;
  int64_t before = (size - 1) / 2, after = size / 2;
  parallelFor(n, 1, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; ++b) {
      const float *xb = x + b * c * inner;
      float *yb = out + b * c * inner;
      for (int64_t ch = 0; ch < c; ++ch) {
        int64_t lo = std::max<int64_t>(0, ch - before);
        int64_t hi = std::min<int64_t>(c - 1, ch + after);
        for (int64_t i = 0; i < inner; ++i) {
          double sum = 0.0;
          for (int64_t j = lo; j <= hi; ++j) {
            double v = xb[j * inner + i];
            sum += v * v;
          }
          double denom = std::pow(k + alpha / size * sum, beta);
          yb[ch * inner + i] = static_cast<float>(xb[ch * inner + i] / denom);
        }
      }
    }
  });
}
