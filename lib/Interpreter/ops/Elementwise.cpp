//===- Elementwise.cpp - elementwise unary, binary, compare, cast
//----------===//
//
// Part of mil-mlir. Float ops compute in float and round once to the result
// dtype; integer results compute in int64.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

template <typename F> LogicalResult unaryOp(OpContext &ctx, F f) {
  if (isInteger(ctx.resultType(0)) && ctx.resultType(0) != DType::Bool) {
    const Tensor &x = ctx.in("x");
    if (ctx.failed())
      return failure();
    std::vector<double> v = x.toDoubles();
    for (double &e : v)
      e = f(e);
    ctx.setResult(0, Tensor::fromDoubles(ctx.resultType(0), x.shape(), v));
    return success();
  }
  return unaryFloat(ctx, [&](float e) { return static_cast<float>(f(e)); });
}

template <typename F>
LogicalResult epsilonOp(OpContext &ctx, double dflt, F f) {
  float eps = static_cast<float>(ctx.getFloat("epsilon", dflt));
  return unaryFloat(ctx, [&](float e) { return f(e, eps); });
}

/// The broadcast shape of inputs `x` and `y`; false, with the error set, when
/// they do not broadcast.
bool broadcastXY(OpContext &ctx, const Tensor &x, const Tensor &y,
                 SmallVectorImpl<int64_t> &shape) {
  if (broadcastShapes(x.shape(), y.shape(), shape))
    return true;
  ctx.setError("shapes " + shapeToString(x.shape()) + " and " +
               shapeToString(y.shape()) + " do not broadcast");
  return false;
}

/// x (op) y with broadcasting; `ff` on floats, `fi` on int64 when the
/// result is an integer tensor.
template <typename FF, typename FI>
LogicalResult binaryOp(OpContext &ctx, FF ff, FI fi) {
  const Tensor &x = ctx.in("x");
  const Tensor &y = ctx.in("y");
  SmallVector<int64_t, 6> shape;
  if (ctx.failed() || !broadcastXY(ctx, x, y, shape))
    return failure();
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  DType out = ctx.resultType(0);
  if (isInteger(out) && out != DType::Bool) {
    std::vector<int64_t> a = x.toInts(), b = y.toInts(), r(n);
    bool divByZero = false;
    forEachBroadcast(shape, x.shape(), y.shape(),
                     [&](int64_t o, int64_t i, int64_t j) {
                       r[o] = fi(a[i], b[j], divByZero);
                     });
    if (divByZero)
      return ctx.error("integer division by zero");
    ctx.setResult(0, Tensor::fromInts(out, shape, r));
    return success();
  }
  std::vector<float> sa, sb;
  const float *a = x.floats(sa), *b = y.floats(sb);
  std::vector<float> r(n);
  forEachBroadcast(
      shape, x.shape(), y.shape(),
      [&](int64_t o, int64_t i, int64_t j) { r[o] = ff(a[i], b[j]); });
  ctx.setResult(0, Tensor::fromFloats(out, shape, std::move(r)));
  return success();
}

/// A comparison or logical op: bool result, computed on doubles.
template <typename F> LogicalResult compareOp(OpContext &ctx, F f) {
  const Tensor &x = ctx.in("x");
  const Tensor &y = ctx.in("y");
  SmallVector<int64_t, 6> shape;
  if (ctx.failed() || !broadcastXY(ctx, x, y, shape))
    return failure();
  Tensor out = Tensor::zeros(DType::Bool, shape);
  auto *r = out.mutableData<uint8_t>();
  std::vector<double> a = x.toDoubles(), b = y.toDoubles();
  forEachBroadcast(
      shape, x.shape(), y.shape(),
      [&](int64_t o, int64_t i, int64_t j) { r[o] = f(a[i], b[j]); });
  ctx.setResult(0, out);
  return success();
}

int64_t floorDivInt(int64_t a, int64_t b, bool &bad) {
  if (b == 0) {
    bad = true;
    return 0;
  }
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    --q;
  return q;
}

int64_t ipow(int64_t a, int64_t b) {
  if (b < 0)
    return a == 1 ? 1 : (a == -1 ? (b % 2 ? -1 : 1) : 0);
  int64_t r = 1;
  for (; b; b >>= 1, a *= a)
    if (b & 1)
      r *= a;
  return r;
}

LogicalResult castOp(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  DType to = ctx.resultType(0);
  if (x.dtype() == DType::String || to == DType::String)
    return ctx.error("cannot cast strings");
  ctx.setResult(0, x.castTo(to));
  return success();
}

LogicalResult clipOp(OpContext &ctx) {
  float lo = static_cast<float>(ctx.getFloat("alpha"));
  float hi = static_cast<float>(ctx.getFloat("beta"));
  return unaryFloat(ctx,
                    [&](float e) { return std::min(std::max(e, lo), hi); });
}

LogicalResult selectOp(OpContext &ctx) {
  const Tensor &c = ctx.in("cond");
  const Tensor &a = ctx.in("a");
  const Tensor &b = ctx.in("b");
  if (ctx.failed())
    return failure();
  SmallVector<int64_t, 6> ab, shape;
  if (!broadcastShapes(a.shape(), b.shape(), ab) ||
      !broadcastShapes(c.shape(), ab, shape))
    return ctx.error("cond, a and b do not broadcast");
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  // Pick element indices, then gather from the right source.
  std::vector<int64_t> ia(n), ib(n);
  std::vector<uint8_t> pick(n);
  forEachBroadcast(shape, a.shape(), b.shape(),
                   [&](int64_t o, int64_t i, int64_t j) {
                     ia[o] = i;
                     ib[o] = j;
                   });
  std::vector<int64_t> ic(n);
  forEachBroadcast(shape, c.shape(), shape,
                   [&](int64_t o, int64_t i, int64_t) { ic[o] = i; });
  DType out = ctx.resultType(0);
  if (isFloat(out)) {
    std::vector<float> sa, sb;
    const float *pa = a.floats(sa), *pb = b.floats(sb);
    std::vector<float> r(n);
    for (int64_t o = 0; o < n; ++o)
      r[o] = c.getDouble(ic[o]) != 0 ? pa[ia[o]] : pb[ib[o]];
    ctx.setResult(0, Tensor::fromFloats(out, shape, std::move(r)));
  } else {
    std::vector<int64_t> r(n);
    for (int64_t o = 0; o < n; ++o)
      r[o] = c.getDouble(ic[o]) != 0 ? a.getInt(ia[o]) : b.getInt(ib[o]);
    ctx.setResult(0, Tensor::fromInts(out, shape, r));
  }
  return success();
}

LogicalResult logicalNot(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  Tensor out = Tensor::zeros(DType::Bool, x.shape());
  for (int64_t i = 0, n = x.numElements(); i < n; ++i)
    out.mutableData<uint8_t>()[i] = x.getDouble(i) == 0;
  ctx.setResult(0, out);
  return success();
}

} // namespace

void mil::interp::registerElementwiseOps(OpRegistry &r) {
  // Unary.
  r["abs"] = [](OpContext &c) {
    return unaryOp(c, [](double x) { return std::fabs(x); });
  };
  r["acos"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::acos(x); });
  };
  r["asin"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::asin(x); });
  };
  r["atan"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::atan(x); });
  };
  r["atanh"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::atanh(x); });
  };
  r["ceil"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::ceil(x); });
  };
  r["cos"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::cos(x); });
  };
  r["cosh"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::cosh(x); });
  };
  r["erf"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::erf(x); });
  };
  r["exp"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::exp(x); });
  };
  r["exp2"] = [](OpContext &c) {
    return unaryOp(c, [](double x) { return std::exp2(x); });
  };
  r["floor"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::floor(x); });
  };
  r["round"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::nearbyint(x); });
  };
  r["sign"] = [](OpContext &c) {
    return unaryOp(c, [](double x) { return double((x > 0) - (x < 0)); });
  };
  r["sin"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::sin(x); });
  };
  r["sinh"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::sinh(x); });
  };
  r["sqrt"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::sqrt(x); });
  };
  r["square"] = [](OpContext &c) {
    return unaryOp(c, [](double x) { return x * x; });
  };
  r["tan"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::tan(x); });
  };
  r["tanh"] = [](OpContext &c) {
    return unaryFloat(c, [](float x) { return std::tanh(x); });
  };
  r["inverse"] = [](OpContext &c) {
    return epsilonOp(c, 1e-4, [](float x, float e) { return 1.0f / (x + e); });
  };
  r["log"] = [](OpContext &c) {
    return epsilonOp(c, 1e-45,
                     [](float x, float e) { return std::log(x + e); });
  };
  r["rsqrt"] = [](OpContext &c) {
    return epsilonOp(c, 1e-12,
                     [](float x, float e) { return 1.0f / std::sqrt(x + e); });
  };
  r["threshold"] = [](OpContext &c) {
    float a = static_cast<float>(c.getFloat("alpha"));
    return unaryFloat(c, [&](float x) { return std::max(x, a); });
  };
  r["clip"] = clipOp;
  r["cast"] = castOp;
  r["logical_not"] = logicalNot;
  r["select"] = selectOp;

  // Binary arithmetic.
  r["add"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return a + b; },
        [](int64_t a, int64_t b, bool &) { return a + b; });
  };
  r["sub"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return a - b; },
        [](int64_t a, int64_t b, bool &) { return a - b; });
  };
  r["mul"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return a * b; },
        [](int64_t a, int64_t b, bool &) { return a * b; });
  };
  r["real_div"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return a / b; },
        [](int64_t a, int64_t b, bool &bad) { return floorDivInt(a, b, bad); });
  };
  r["floor_div"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return std::floor(a / b); }, floorDivInt);
  };
  r["mod"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return a - std::floor(a / b) * b; },
        [](int64_t a, int64_t b, bool &bad) {
          return a - floorDivInt(a, b, bad) * b;
        });
  };
  r["pow"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return std::pow(a, b); },
        [](int64_t a, int64_t b, bool &) { return ipow(a, b); });
  };
  r["maximum"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return std::max(a, b); },
        [](int64_t a, int64_t b, bool &) { return std::max(a, b); });
  };
  r["minimum"] = [](OpContext &c) {
    return binaryOp(
        c, [](float a, float b) { return std::min(a, b); },
        [](int64_t a, int64_t b, bool &) { return std::min(a, b); });
  };

  // Comparisons and logic.
  r["equal"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a == b; });
  };
  r["not_equal"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a != b; });
  };
  r["greater"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a > b; });
  };
  r["greater_equal"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a >= b; });
  };
  r["less"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a < b; });
  };
  r["less_equal"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a <= b; });
  };
  r["logical_and"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a != 0 && b != 0; });
  };
  r["logical_or"] = [](OpContext &c) {
    return compareOp(c, [](double a, double b) { return a != 0 || b != 0; });
  };
  r["logical_xor"] = [](OpContext &c) {
    return compareOp(c,
                     [](double a, double b) { return (a != 0) != (b != 0); });
  };
}
