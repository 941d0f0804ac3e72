//===- ReshapeLike.cpp - reshape_like
//--------------------------------------===//
//
// Part of mil-mlir. coremltools' iOS16 reshape_like: the result shape
// concatenates ref_tensors[i].shape[begins[i]:ends[i]] (to the end when
// end_masks[i]) over the tuples, with Python's slicing of negative bounds.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

using namespace mlir;
using namespace mil::interp;

namespace {

/// The scalar int of tuple element `v`.
bool tupleInt(OpContext &ctx, const RtValue *v, StringRef name, int64_t &out) {
  if (!v || v->kind != RtValue::Kind::Tensor || v->tensor.isNull() ||
      v->tensor.numElements() != 1 || v->tensor.dtype() == DType::String) {
    ctx.setError("every element of '" + name + "' must be a numeric scalar");
    return false;
  }
  out = v->tensor.getInt(0);
  return true;
}

LogicalResult reshapeLike(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  auto refs = ctx.variadic("ref_tensors");
  auto begins = ctx.variadic("begins");
  auto ends = ctx.variadic("ends");
  auto masks = ctx.variadic("end_masks");
  if (ctx.failed())
    return failure();
  if (begins.size() != refs.size() || ends.size() != refs.size() ||
      masks.size() != refs.size())
    return ctx.error("ref_tensors, begins, ends and end_masks must have one "
                     "length (" +
                     Twine(refs.size()) + ", " + Twine(begins.size()) + ", " +
                     Twine(ends.size()) + ", " + Twine(masks.size()) + ")");
  SmallVector<int64_t> shape;
  for (size_t i = 0; i < refs.size(); ++i) {
    if (refs[i]->kind != RtValue::Kind::Tensor || refs[i]->tensor.isNull())
      return ctx.error("ref_tensors[" + Twine(i) + "] is not a tensor");
    ArrayRef<int64_t> ref = refs[i]->tensor.shape();
    int64_t rank = ref.size(), begin, end, mask;
    if (!tupleInt(ctx, begins[i], "begins", begin) ||
        !tupleInt(ctx, ends[i], "ends", end) ||
        !tupleInt(ctx, masks[i], "end_masks", mask))
      return failure();
    if (mask)
      end = rank;
    // Python slice bounds: negative counts from the end, then clamp.
    auto clampBound = [&](int64_t b) {
      if (b < 0)
        b += rank;
      return std::clamp<int64_t>(b, 0, rank);
    };
    begin = clampBound(begin);
    end = clampBound(end);
    for (int64_t d = begin; d < end; ++d)
      shape.push_back(ref[d]);
  }
  int64_t n = 1;
  for (int64_t d : shape)
    n = d && n > x.numElements() / d ? x.numElements() + 1 : n * d;
  if (n != x.numElements())
    return ctx.error("cannot reshape " + shapeToString(x.shape()) + " to " +
                     shapeToString(shape));
  ctx.setResult(0, x.reshaped(shape));
  return success();
}

} // namespace

void mil::interp::registerReshapeLikeOps(OpRegistry &r) {
  r["reshape_like"] = reshapeLike;
}
