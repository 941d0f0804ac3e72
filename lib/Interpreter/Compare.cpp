//===- Compare.cpp - output error statistics
//-------------------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Compare.h"

#include <cmath>
#include <limits>

using namespace mil::interp;

ErrorStats mil::interp::compareTensors(const Tensor &ref, const Tensor &out) {
  ErrorStats stats;
  if (ref.isNull() || out.isNull() || ref.shape() != out.shape() ||
      ref.dtype() == DType::String || out.dtype() == DType::String)
    return stats;
  stats.comparable = true;
  double signal = 0, noise = 0, peak = 0, maxAbs = 0;
  bool broken = false;
  int64_t n = ref.numElements();
  for (int64_t i = 0; i < n; ++i) {
    double r = ref.getDouble(i), o = out.getDouble(i);
    if (std::isfinite(r) && !std::isfinite(o)) {
      broken = true;
      continue;
    }
    if (!std::isfinite(r)) {
      // Matching infinities (masked attention scores) are exact.
      if (r != o && !(std::isnan(r) && std::isnan(o)))
        broken = true;
      continue;
    }
    double e = o - r;
    signal += r * r;
    noise += e * e;
    peak = std::max(peak, std::fabs(r));
    maxAbs = std::max(maxAbs, std::fabs(e));
  }
  double inf = std::numeric_limits<double>::infinity();
  stats.maxAbsError = broken ? inf : maxAbs;
  if (broken) {
    stats.snr = stats.psnr = -inf;
  } else if (noise == 0) {
    stats.snr = stats.psnr = inf;
  } else {
    stats.snr = signal == 0 ? -inf : 10.0 * std::log10(signal / noise);
    double rms = std::sqrt(noise / std::max<int64_t>(n, 1));
    stats.psnr = peak == 0 ? -inf : 20.0 * std::log10(peak / rms);
  }
  return stats;
}

Summary mil::interp::summarize(const Tensor &t) {
  Summary s;
  int64_t n = t.numElements();
  if (!n || t.dtype() == DType::String)
    return s;
  s.min = s.max = t.getDouble(0);
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    double v = t.getDouble(i);
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    sum += v;
  }
  s.mean = sum / n;
  return s;
}
