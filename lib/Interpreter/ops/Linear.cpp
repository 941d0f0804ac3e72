//===- Linear.cpp - linear, matmul, einsum
//---------------------------------===//
//
// Part of mil-mlir. GEMMs run in the interpreter kernels (OpenBLAS).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Gemm.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

LogicalResult linear(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &w = ctx.in("weight");
  const Tensor *b = ctx.has("bias") ? &ctx.in("bias") : nullptr;
  if (ctx.failed())
    return failure();
  if (x.rank() < 1 || w.rank() != 2 || x.shape().back() != w.shape()[1])
    return ctx.error("x " + shapeToString(x.shape()) + " and weight " +
                     shapeToString(w.shape()) + " do not match");
  int64_t dOut = w.shape()[0], dIn = w.shape()[1];
  if (b && b->numElements() != dOut)
    return ctx.error("bias must have " + Twine(dOut) + " elements");
  int64_t rows = x.numElements() / std::max<int64_t>(dIn, 1);
  std::vector<float> sx, sw, sb;
  std::vector<float> out(rows * dOut);
  k::linear(x.floats(sx), rows, dIn, w.floats(sw), dOut,
            b ? b->floats(sb) : nullptr, out.data());
  SmallVector<int64_t> shape(x.shape());
  shape.back() = dOut;
  ctx.setResult(0,
                Tensor::fromFloats(ctx.resultType(0), shape, std::move(out)));
  return success();
}

LogicalResult matmul(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &y = ctx.in("y");
  bool tx = ctx.getBool("transpose_x", false),
       ty = ctx.getBool("transpose_y", false);
  if (ctx.failed())
    return failure();
  k::Shape xs = OpContext::toShape(x.shape()),
           ys = OpContext::toShape(y.shape()), os;
  std::string err;
  if (!k::matmulShape(xs, ys, tx, ty, os, err))
    return ctx.error(err);
  std::vector<float> sx, sy, out(k::numElements(os));
  k::matmul(x.floats(sx), xs, tx, y.floats(sy), ys, ty, out.data());
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

LogicalResult einsum(OpContext &ctx) {
  auto values = ctx.variadic("values");
  std::string eq = ctx.getString("equation");
  if (ctx.failed())
    return failure();
  if (values.size() != 2 || values[0]->kind != RtValue::Kind::Tensor ||
      values[1]->kind != RtValue::Kind::Tensor)
    return ctx.error("only two-operand einsum is supported");
  const Tensor &a = values[0]->tensor, &b = values[1]->tensor;
  k::Shape as = OpContext::toShape(a.shape()),
           bs = OpContext::toShape(b.shape()), os;
  std::string err;
  if (!k::einsumShape(eq, as, bs, os, err))
    return ctx.error(err);
  std::vector<float> sa, sb, out(k::numElements(os));
  k::einsum(eq, a.floats(sa), as, b.floats(sb), bs, out.data());
  ctx.setFloatResult(0, os, std::move(out));
  return success();
}

} // namespace

void mil::interp::registerLinearOps(OpRegistry &r) {
  r["linear"] = linear;
  r["matmul"] = matmul;
  r["einsum"] = einsum;
}
