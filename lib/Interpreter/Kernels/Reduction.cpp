//===- Reduction.cpp - reductions, arg reductions, topk, cumsum -----------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Sums accumulate in double (see Normalization.cpp).
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Reduction.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace mil::kernels;

Shape mil::kernels::reduceShape(const Shape &shape,
                                const std::vector<int64_t> &axes,
                                bool keepDims) {
  std::vector<bool> reduced(shape.size(), false);
  for (int64_t a : axes)
    reduced[a] = true;
  Shape out;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (!reduced[i])
      out.push_back(shape[i]);
    else if (keepDims)
      out.push_back(1);
  }
  return out;
}

namespace {
/// Reduces `n` values at stride `stride` from `x`.
float reduceRun(ReduceKind kind, const float *x, int64_t n, int64_t stride) {
  switch (kind) {
  case ReduceKind::Sum:
  case ReduceKind::Mean:
  case ReduceKind::L1Norm:
  case ReduceKind::L2Norm:
  case ReduceKind::SumSquare:
  case ReduceKind::LogSum: {
    double acc = 0.0;
    for (int64_t i = 0; i < n; ++i) {
      double v = x[i * stride];
      if (kind == ReduceKind::L1Norm)
        v = std::fabs(v);
      else if (kind == ReduceKind::L2Norm || kind == ReduceKind::SumSquare)
        v *= v;
      acc += v;
    }
    if (kind == ReduceKind::Mean)
      acc = n == 0 ? std::numeric_limits<double>::quiet_NaN() : acc / n;
    else if (kind == ReduceKind::L2Norm)
      acc = std::sqrt(acc);
    else if (kind == ReduceKind::LogSum)
      acc = std::log(acc);
    return static_cast<float>(acc);
  }
  case ReduceKind::Prod: {
    double acc = 1.0;
    for (int64_t i = 0; i < n; ++i)
      acc *= x[i * stride];
    return static_cast<float>(acc);
  }
  case ReduceKind::Max:
  case ReduceKind::Min: {
    bool isMax = kind == ReduceKind::Max;
    float acc = isMax ? -std::numeric_limits<float>::infinity()
                      : std::numeric_limits<float>::infinity();
    for (int64_t i = 0; i < n; ++i) {
      float v = x[i * stride];
      if (std::isnan(v))
        return v;
      acc = isMax ? std::max(acc, v) : std::min(acc, v);
    }
    return acc;
  }
  case ReduceKind::LogSumExp: {
    float mx = -std::numeric_limits<float>::infinity();
    for (int64_t i = 0; i < n; ++i)
      mx = std::max(mx, x[i * stride]);
    if (std::isinf(mx))
      return mx;
    double acc = 0.0;
    for (int64_t i = 0; i < n; ++i)
      acc += std::exp(static_cast<double>(x[i * stride] - mx));
    return mx + static_cast<float>(std::log(acc));
  }
  }
  return 0.0f;
}
} // namespace

void mil::kernels::reduce(ReduceKind kind, const float *x, const Shape &shape,
                          const std::vector<int64_t> &axes, float *out) {
  size_t rank = shape.size();
  std::vector<bool> reduced(rank, false);
  for (int64_t a : axes)
    reduced[a] = true;
  int64_t total = numElements(shape);
  // The reduced axes as one contiguous block [outer, r, inner] needs no
  // copy; any other set is transposed to [kept..., reduced...] first.
  int64_t first = -1, last = -1;
  for (size_t i = 0; i < rank; ++i)
    if (reduced[i]) {
      if (first < 0)
        first = i;
      last = i;
    }
  bool contiguous = true;
  for (int64_t i = first; first >= 0 && i <= last; ++i)
    contiguous &= reduced[i] && shape[i] >= 0;
  int64_t outer = 1, r = 1, inner = 1;
  const float *src = x;
  std::vector<float> tmp;
  if (first < 0) {
    outer = total;
  } else if (contiguous) {
    for (int64_t i = 0; i < static_cast<int64_t>(rank); ++i)
      (i < first ? outer : i > last ? inner : r) *= shape[i];
  } else {
    std::vector<int64_t> perm;
    for (size_t i = 0; i < rank; ++i)
      if (!reduced[i]) {
        perm.push_back(i);
        outer *= shape[i];
      }
    for (size_t i = 0; i < rank; ++i)
      if (reduced[i]) {
        perm.push_back(i);
        r *= shape[i];
      }
    tmp.resize(total);
    transpose(x, shape, perm, tmp.data());
    src = tmp.data();
  }
  parallelFor(outer * inner,
              std::max<int64_t>(1, 4096 / std::max<int64_t>(r, 1)),
              [&](int64_t begin, int64_t end) {
                for (int64_t j = begin; j < end; ++j) {
                  int64_t o = j / inner, i = j % inner;
                  out[j] = reduceRun(kind, src + o * r * inner + i, r, inner);
                }
              });
}

void mil::kernels::argReduce(bool isMax, const float *x, const Shape &shape,
                             int64_t axis, int32_t *out) {
  AxisSplit s = splitAtAxis(shape, axis);
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < s.inner; ++i) {
      const float *xr = x + o * s.axis * s.inner + i;
      int64_t best = 0;
      float bv = s.axis > 0 ? xr[0] : 0.0f;
      for (int64_t a = 1; a < s.axis && !std::isnan(bv); ++a) {
        float v = xr[a * s.inner];
        if (std::isnan(v) || (isMax ? v > bv : v < bv)) {
          bv = v;
          best = a;
        }
      }
      out[o * s.inner + i] = static_cast<int32_t>(best);
    }
}

namespace {
/// Index order along one row: descending (NaN first, as the largest) or
/// ascending (NaN last), ties by index.
void sortRow(const float *xr, int64_t n, int64_t stride, bool ascending,
             int64_t k, std::vector<int32_t> &idx) {
  idx.resize(n);
  std::iota(idx.begin(), idx.end(), 0);
  auto less = [&](int32_t a, int32_t b) {
    float va = xr[a * stride], vb = xr[b * stride];
    bool na = std::isnan(va), nb = std::isnan(vb);
    if (na || nb) {
      if (na && nb)
        return a < b;
      return ascending ? nb : na;
    }
    if (va != vb)
      return ascending ? va < vb : va > vb;
    return a < b;
  };
  if (k < n)
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), less);
  else
    std::sort(idx.begin(), idx.end(), less);
}
} // namespace

void mil::kernels::topk(const float *x, const Shape &shape, int64_t axis,
                        int64_t k, bool ascending, float *values,
                        int32_t *indices) {
  AxisSplit s = splitAtAxis(shape, axis);
  k = std::min(k, s.axis);
  parallelFor(s.outer * s.inner, 16, [&](int64_t begin, int64_t end) {
    std::vector<int32_t> idx;
    for (int64_t j = begin; j < end; ++j) {
      int64_t o = j / s.inner, i = j % s.inner;
      const float *xr = x + o * s.axis * s.inner + i;
      sortRow(xr, s.axis, s.inner, ascending, k, idx);
      for (int64_t a = 0; a < k; ++a) {
        int64_t dst = (o * k + a) * s.inner + i;
        if (values)
          values[dst] = xr[idx[a] * s.inner];
        if (indices)
          indices[dst] = idx[a];
      }
    }
  });
}

void mil::kernels::argsort(const float *x, const Shape &shape, int64_t axis,
                           bool ascending, int32_t *indices) {
  AxisSplit s = splitAtAxis(shape, axis);
  topk(x, shape, axis, s.axis, ascending, nullptr, indices);
}

void mil::kernels::cumsum(const float *x, const Shape &shape, int64_t axis,
                          bool exclusive, bool reverse, float *out) {
  AxisSplit s = splitAtAxis(shape, axis);
  for (int64_t o = 0; o < s.outer; ++o)
    for (int64_t i = 0; i < s.inner; ++i) {
      const float *xr = x + o * s.axis * s.inner + i;
      float *yr = out + o * s.axis * s.inner + i;
      double acc = 0.0;
      for (int64_t step = 0; step < s.axis; ++step) {
        int64_t a = reverse ? s.axis - 1 - step : step;
        if (exclusive) {
          yr[a * s.inner] = static_cast<float>(acc);
          acc += xr[a * s.inner];
        } else {
          acc += xr[a * s.inner];
          yr[a * s.inner] = static_cast<float>(acc);
        }
      }
    }
}
