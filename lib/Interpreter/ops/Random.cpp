//===- Random.cpp - random_bernoulli/categorical/normal/uniform
//------------===//
//
// Part of mil-mlir. Core ML's random streams are not documented and cannot
// be reproduced, so the interpreter draws from its own generator, chosen to
// be deterministic: the same `seed` (default -1) gives the same values on
// every call and every machine. Element i of a result takes the uniform
//   u(i) = (splitmix64(seed * 2^32 + i) >> 40) * 2^-24   in [0, 1)
// (SplitMix64, Steele et al. 2014: one 64-bit counter per value), so values
// are independent of thread count and of the other elements.
//   random_uniform:     low + (high - low) * u(i)
//   random_bernoulli:   1 if u(i) < prob, else 0
//   random_normal:      Box-Muller on u(2j), u(2j + 1) for elements 2j and
//                       2j + 1: mean + stddev * sqrt(-2 ln(1 - u(2j)))
//                       * (cos, sin)(2 pi u(2j + 1))
//   random_categorical: sample t of distribution r draws u(r * size + t)
//                       and returns the first class whose cumulative
//                       probability exceeds it (softmax of the logits, or
//                       the probabilities normalized to sum 1).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

/// SplitMix64's output function of state `z`.
uint64_t splitmix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// The uniform in [0, 1) of element `i` of the stream of `seed`.
float uniformAt(int64_t seed, int64_t i) {
  uint64_t state =
      (static_cast<uint64_t>(seed) << 32) + static_cast<uint64_t>(i);
  return static_cast<float>(splitmix64(state) >> 40) * 0x1p-24f;
}

/// Reads the `shape` input and checks the result size.
bool randomShape(OpContext &ctx, SmallVectorImpl<int64_t> &shape) {
  std::vector<int64_t> s = ctx.getInts("shape");
  if (ctx.failed())
    return false;
  shape.assign(s.begin(), s.end());
  return checkResultSize(ctx, shape);
}

template <typename F> LogicalResult fill(OpContext &ctx, F valueAt) {
  SmallVector<int64_t> shape;
  int64_t seed = ctx.getInt("seed", -1);
  if (ctx.failed() || !randomShape(ctx, shape))
    return failure();
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i)
    v[i] = valueAt(seed, i);
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(v));
  return success();
}

LogicalResult uniform(OpContext &ctx) {
  float low = ctx.getFloat("low", 0.0), high = ctx.getFloat("high", 1.0);
  return fill(ctx, [&](int64_t seed, int64_t i) {
    return low + (high - low) * uniformAt(seed, i);
  });
}

LogicalResult bernoulli(OpContext &ctx) {
  float prob = ctx.getFloat("prob", 0.5);
  return fill(ctx, [&](int64_t seed, int64_t i) {
    return uniformAt(seed, i) < prob ? 1.0f : 0.0f;
  });
}

LogicalResult normal(OpContext &ctx) {
  float mean = ctx.getFloat("mean", 0.0), stddev = ctx.getFloat("stddev", 1.0);
  return fill(ctx, [&](int64_t seed, int64_t i) {
    int64_t pair = i & ~int64_t(1);
    double u1 = uniformAt(seed, pair), u2 = uniformAt(seed, pair + 1);
    // 1 - u1 is in (0, 1]: the log is finite.
    double radius = std::sqrt(-2.0 * std::log(1.0 - u1));
    double angle = 2.0 * M_PI * u2;
    double z = radius * (i & 1 ? std::sin(angle) : std::cos(angle));
    return static_cast<float>(mean + stddev * z);
  });
}

LogicalResult categorical(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::string mode = ctx.getString("mode", "logits");
  int64_t size = ctx.getInt("size", 1);
  int64_t seed = ctx.getInt("seed", -1);
  if (ctx.failed())
    return failure();
  if (mode != "logits" && mode != "probs")
    return ctx.error("mode must be \"logits\" or \"probs\", not \"" + mode +
                     "\"");
  if (x.rank() < 1 || x.shape().back() == 0)
    return ctx.error("x must have rank >= 1 and at least one class");
  if (size < 1)
    return ctx.error("size must be positive, is " + Twine(size));
  SmallVector<int64_t> shape(x.shape());
  shape.back() = size;
  if (!checkResultSize(ctx, shape))
    return failure();
  int64_t k = x.shape().back(), rows = x.numElements() / k;
  std::vector<float> sx, out(rows * size), cdf(k);
  const float *px = x.floats(sx);
  for (int64_t r = 0; r < rows; ++r) {
    const float *row = px + r * k;
    double total = 0;
    if (mode == "logits") {
      float mx = *std::max_element(row, row + k);
      for (int64_t c = 0; c < k; ++c)
        cdf[c] = static_cast<float>(total += std::exp(row[c] - mx));
    } else {
      for (int64_t c = 0; c < k; ++c)
        cdf[c] = static_cast<float>(total += std::max(row[c], 0.0f));
    }
    for (int64_t t = 0; t < size; ++t) {
      double u = uniformAt(seed, r * size + t) * total;
      int64_t c = 0;
      while (c < k - 1 && !(u < cdf[c]))
        ++c;
      out[r * size + t] = static_cast<float>(c);
    }
  }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

} // namespace

void mil::interp::registerRandomOps(OpRegistry &r) {
  r["random_uniform"] = uniform;
  r["random_bernoulli"] = bernoulli;
  r["random_normal"] = normal;
  r["random_categorical"] = categorical;
}
