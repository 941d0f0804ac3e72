//===- GuardNegativeGatherIndices.cpp - wrap negative gather indices ------===//
//
// Part of mil-mlir. coremltools' common::guard_negative_gather_indices: from
// iOS17 `gather` no longer wraps a negative index, so every gather of an
// iOS17+ function gets its indices rewritten into
//
//   select(greater_equal(i, 0), i, add(i, x.shape[axis]))
//
// (int8/int16 indices are cast to int32 first, so that the sum cannot
// overflow) and is rebuilt under its op name. coremltools adds the guard on
// every run of its pipeline, also around indices an earlier run guarded.
// The size along the axis comes from shape + slice_by_index; when it is
// static it is the const coremltools' const_elimination folds that chain to.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

namespace mil {
#define GEN_PASS_DEF_GUARDNEGATIVEGATHERINDICES
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

constexpr unsigned kIOS17Opset = 7;

Value int32Vector(OpBuilder &b, Location loc, int32_t value, StringRef name) {
  auto type = RankedTensorType::get({1}, b.getI32Type());
  auto op = b.create<ConstOp>(loc, type, DenseElementsAttr::get(type, value));
  setOpName(op, name);
  return op;
}

/// The int32 size of `x` along `axis`: a const when it is static, else
/// shape(x) followed by slice_by_index (coremltools' `value_at`).
Value axisSize(OpBuilder &b, Location loc, Value x, int64_t axis,
               AutoNamer &namer) {
  auto type = cast<RankedTensorType>(x.getType());
  std::string shapeName = namer.next("shape");
  std::string sliceName = namer.next("slice_by_index");
  Type i32 = b.getI32Type();
  if (!type.isDynamicDim(axis))
    return createScalarConst(
        b, loc, i32, static_cast<double>(type.getDimSize(axis)), sliceName);
  auto shape =
      b.create<ShapeOp>(loc, RankedTensorType::get({type.getRank()}, i32), x);
  setOpName(shape, shapeName);
  Value begin = int32Vector(b, loc, axis, sliceName + "_begin_0");
  Value end = int32Vector(b, loc, 0, sliceName + "_end_0");
  auto maskType = RankedTensorType::get({1}, b.getI1Type());
  auto mask =
      b.create<ConstOp>(loc, maskType, DenseElementsAttr::get(maskType, true));
  setOpName(mask, sliceName + "_squeeze_mask_0");
  auto slice = b.create<SliceByIndexOp>(
      loc, RankedTensorType::get({}, i32), shape, begin, end,
      /*stride=*/Value(), /*begin_mask=*/Value(), /*end_mask=*/Value(),
      /*squeeze_mask=*/mask);
  setOpName(slice, sliceName);
  return slice;
}

struct GuardNegativeGatherIndices
    : public mil::impl::GuardNegativeGatherIndicesBase<
          GuardNegativeGatherIndices> {
  void runOnOperation() override {
    AutoNamer namer(getOperation());
    SmallVector<GatherOp> gathers;
    getOperation().walk([&](GatherOp op) {
      if (getEnclosingOpsetVersion(op) >= kIOS17Opset)
        gathers.push_back(op);
    });
    for (GatherOp op : gathers)
      if (guard(op, namer))
        ++numGuarded;
  }

  bool guard(GatherOp op, AutoNamer &namer) {
    Value indices = op.getIndices();
    auto indexType = dyn_cast<RankedTensorType>(indices.getType());
    auto dataType = dyn_cast<RankedTensorType>(op.getX().getType());
    // An unsigned index cannot be negative; const indices (whose values are
    // known) are left as written: no fixture shows what coremltools does
    // with them.
    if (!indexType || !dataType || indices.getDefiningOp<ConstOp>() ||
        indexType.getElementType().isUnsignedInteger())
      return false;
    int64_t axis = 0;
    if (Value a = op.getAxis()) {
      std::optional<double> v = scalarConstValue(a);
      if (!v)
        return false;
      axis = static_cast<int64_t>(*v);
    }
    int64_t rank = dataType.getRank();
    int64_t positive = axis < 0 ? axis + rank : axis;
    if (positive < 0 || positive >= rank)
      return false; // The verifier reports it.

    OpBuilder b(op);
    Location loc = op.getLoc();
    Type i32 = b.getI32Type();
    if (!indexType.getElementType().isInteger(32)) {
      std::string name = namer.next("cast");
      Value dtype = createStringConst(b, loc, "int32", name + "_dtype_0");
      auto cast = b.create<CastOp>(
          loc, RankedTensorType::get(indexType.getShape(), i32), indices,
          dtype);
      setOpName(cast, name);
      indices = cast;
    }
    Type boolType = RankedTensorType::get(indexType.getShape(), b.getI1Type());
    std::string geName = namer.next("greater_equal");
    Value zero = createScalarConst(b, loc, i32, 0, geName + "_y_0");
    auto ge = b.create<GreaterEqualOp>(loc, boolType, indices, zero);
    setOpName(ge, geName);
    Value size = axisSize(b, loc, op.getX(), positive, namer);
    auto add = b.create<AddOp>(loc, indices.getType(), indices, size);
    setOpName(add, namer.next("add"));
    auto select = b.create<SelectOp>(loc, indices.getType(), ge, indices, add);
    setOpName(select, namer.next("select"));

    // Rebuilt under the op's name, with the axis as a new literal.
    std::string name = getMILOpName(op).str();
    std::string var = getMILResultName(op->getResult(0));
    Value axisConst = createScalarConst(b, loc, i32, static_cast<double>(axis),
                                        name + "_axis_0");
    auto gather =
        b.create<GatherOp>(loc, op.getType(), op.getX(), select, axisConst,
                           op.getBatchDims(), op.getValidateIndices());
    setOpName(gather, name);
    // A function output keeps its name.
    if (isBlockOutput(op.getResult()) && var != name)
      gather->setAttr(MILDialect::kOutputsAttr, b.getStrArrayAttr({var}));
    op.getResult().replaceAllUsesWith(gather.getResult());
    Value oldAxis = op.getAxis();
    op.erase();
    eraseDeadConst(oldAxis);
    return true;
  }
};

} // namespace
