//===- Quantize.cpp - quantize and dequantize
//------------------------------===//
//
// Part of mil-mlir. coremltools' iOS17 value inference:
//   quantize:   clip(round_half_even(input / scale) + zero_point)
//   dequantize: scale * (input - zero_point)
// with scale and zero_point scalars, or vectors along `axis`.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

/// The per-element parameter index function of `scale` / `zero_point`:
/// `stride` and `size` of the axis (size 1 and stride 0 for scalars).
struct AxisParams {
  std::vector<double> scale, zeroPoint;
  int64_t stride = 1, size = 1;
  int64_t at(int64_t i) const { return size == 1 ? 0 : (i / stride) % size; }
};

bool readAxisParams(OpContext &ctx, const Tensor &input, AxisParams &p) {
  const Tensor &scale = ctx.in("scale");
  if (ctx.failed())
    return false;
  p.scale = scale.toDoubles();
  if (ctx.has("zero_point")) {
    const Tensor &zp = ctx.in("zero_point");
    if (ctx.failed())
      return false;
    if (zp.rank() != scale.rank() || zp.numElements() != scale.numElements()) {
      ctx.setError("scale and zero_point must both be scalars or vectors of "
                   "one size");
      return false;
    }
    p.zeroPoint = zp.toDoubles();
  } else {
    p.zeroPoint.assign(p.scale.size(), 0.0);
  }
  if (scale.rank() == 0) {
    if (ctx.has("axis")) {
      ctx.setError("axis must not be given for scalar scale and zero_point");
      return false;
    }
    return true;
  }
  if (scale.rank() != 1) {
    ctx.setError("scale must be a scalar or a vector");
    return false;
  }
  if (!ctx.has("axis")) {
    ctx.setError("axis is required for vector scale and zero_point");
    return false;
  }
  int64_t axis = ctx.getInt("axis");
  if (ctx.failed() || !ctx.normalizeAxis(axis, input.rank()))
    return false;
  if (scale.numElements() != input.shape()[axis]) {
    ctx.setError("scale has " + Twine(scale.numElements()) +
                 " elements, input has " + Twine(input.shape()[axis]) +
                 " along axis " + Twine(axis));
    return false;
  }
  p.size = input.shape()[axis];
  p.stride = stridesOf(input.shape())[axis];
  return true;
}

LogicalResult quantize(OpContext &ctx) {
  const Tensor &input = ctx.in("input");
  std::string dtypeName = ctx.getString("output_dtype");
  if (ctx.failed())
    return failure();
  DType out;
  if (dtypeName == "int8")
    out = DType::Int8;
  else if (dtypeName == "uint8")
    out = DType::UInt8;
  else
    return ctx.error("output_dtype must be \"int8\" or \"uint8\", not \"" +
                     dtypeName + "\"");
  AxisParams p;
  if (!readAxisParams(ctx, input, p))
    return failure();
  float lo = out == DType::Int8 ? -128 : 0, hi = out == DType::Int8 ? 127 : 255;
  std::vector<float> v = input.toFloats();
  std::vector<int64_t> q(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    int64_t k = p.at(i);
    // numpy's around rounds half to even, as nearbyint does by default.
    // In float, as numpy computes on fp32 data.
    float r = std::nearbyint(v[i] / static_cast<float>(p.scale[k])) +
              static_cast<float>(p.zeroPoint[k]);
    // NaN (0 / 0) goes to the low end rather than to an undefined cast.
    q[i] = static_cast<int64_t>(r >= lo ? std::min(r, hi) : lo);
  }
  ctx.setResult(0, Tensor::fromInts(out, input.shape(), q));
  return success();
}

LogicalResult dequantize(OpContext &ctx) {
  const Tensor &input = ctx.in("input");
  if (ctx.failed())
    return failure();
  AxisParams p;
  if (!readAxisParams(ctx, input, p))
    return failure();
  std::vector<float> v(input.numElements());
  for (size_t i = 0; i < v.size(); ++i) {
    int64_t k = p.at(i);
    v[i] = static_cast<float>(p.scale[k]) *
           (static_cast<float>(input.getDouble(i)) -
            static_cast<float>(p.zeroPoint[k]));
  }
  ctx.setFloatResult(0, OpContext::toShape(input.shape()), std::move(v));
  return success();
}

} // namespace

void mil::interp::registerQuantizeOps(OpRegistry &r) {
  r["quantize"] = quantize;
  r["dequantize"] = dequantize;
}
