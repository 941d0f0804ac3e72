//===- TensorTransformation.cpp - MIL TensorTransformation ops --*- C++ -*-===//
//
// Part of mil-mlir.
//
// Verifiers check what the coremltools definitions state and the types alone
// decide: ranks, lengths of per-dimension inputs, element types shared by
// inputs of one type domain, and element counts that a pure rearrangement
// preserves. Anything depending on the value of a const input is left alone.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"
#include "VerifyUtils.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mil;
using namespace mil::verify;

#define GET_OP_CLASSES
#include "mil/Dialect/TensorTransformationOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers shared by the family's verifiers
//===----------------------------------------------------------------------===//

/// Result 'output' must have the element type of input 'x' and a shape
/// compatible with it.
static LogicalResult verifyOutputTypeIsX(Operation *op, Type output, Type x) {
  if (failed(verifySameElementType(op, "result 'output'", output, "x", x)))
    return failure();
  auto ranked = dyn_cast<RankedTensorType>(output);
  auto xRanked = dyn_cast<RankedTensorType>(x);
  if (!ranked || !xRanked || succeeded(verifyCompatibleShape(output, x)))
    return success();
  return op->emitOpError() << "result 'output' must have the shape of 'x' ("
                           << xRanked << "), got " << ranked;
}

/// Result 'output' of a pure rearrangement must hold as many elements as
/// input `refName` when both shapes are static.
static LogicalResult verifySameNumElements(Operation *op, Type output,
                                           StringRef refName, Type ref) {
  std::optional<int64_t> count = staticNumElements(output);
  std::optional<int64_t> refCount = staticNumElements(ref);
  if (!count || !refCount || *count == *refCount)
    return success();
  return op->emitOpError() << "result 'output' must have as many elements as '"
                           << refName << "' (" << *refCount << "), got "
                           << *count;
}

/// A per-dimension input (`begin`, `perm`, masks, ...) is 1-D of length
/// rank(x).
static LogicalResult verifyPerDimInput(Operation *op, StringRef name, Type type,
                                       std::optional<int64_t> xRank) {
  std::string what = ("input '" + name + "'").str();
  if (failed(verifyRank(op, what, type, 1)))
    return failure();
  std::optional<int64_t> length = staticLength(type);
  if (!xRank || !length || *length == *xRank)
    return success();
  return op->emitOpError() << what << " must have length rank(x) = " << *xRank
                           << ", got " << *length;
}

/// The `[n, C, H, W]` rearrangements (depth_to_space, pixel_shuffle, ...):
/// rank-4 input and output of one element type and element count.
static LogicalResult verifyRank4Rearrangement(Operation *op, Type x,
                                              Type output) {
  if (failed(verifyRank(op, "input 'x'", x, 4, "[n, C, H, W]")) ||
      failed(verifyRank(op, "result 'output'", output, 4)) ||
      failed(verifySameElementType(op, "result 'output'", output, "x", x)))
    return failure();
  return verifySameNumElements(op, output, "x", x);
}

/// space_to_batch and batch_to_space: `x` is `[n, C, H, W]`, `block_shape`
/// is `[2]`, and `amounts` (paddings or crops) is `[2, 2]`.
static LogicalResult verifySpaceBatch(Operation *op, Type x, Type blockShape,
                                      StringRef amountsName, Type amounts,
                                      Type output) {
  if (failed(verifyRank(op, "input 'x'", x, 4, "[n, C, H, W]")) ||
      failed(verifyRank(op, "input 'block_shape'", blockShape, 1)))
    return failure();
  std::optional<int64_t> length = staticLength(blockShape);
  if (length && *length != 2)
    return op->emitOpError()
           << "input 'block_shape' must have length 2, got " << *length;
  if (auto ranked = dyn_cast<RankedTensorType>(amounts))
    if (failed(verifyCompatibleShape(ranked.getShape(), {2, 2})))
      return op->emitOpError() << "input '" << amountsName
                               << "' must have shape [2, 2], got " << ranked;
  if (failed(verifyRank(op, "result 'output'", output, 4)))
    return failure();
  return verifySameElementType(op, "result 'output'", output, "x", x);
}

/// slice_by_index and slice_update: the slice spec inputs.
static LogicalResult verifySliceSpec(Operation *op, Type x, Value begin,
                                     Value end, Value stride, Value beginMask,
                                     Value endMask, Value squeezeMask) {
  std::optional<int64_t> xRank = rankOf(x);
  if (failed(verifyPerDimInput(op, "begin", begin.getType(), xRank)) ||
      failed(verifyPerDimInput(op, "end", end.getType(), xRank)) ||
      failed(verifySameElementType(op, "input 'end'", end.getType(), "begin",
                                   begin.getType())))
    return failure();
  if (stride &&
      (failed(verifyPerDimInput(op, "stride", stride.getType(), xRank)) ||
       failed(verifySameElementType(op, "input 'stride'", stride.getType(),
                                    "begin", begin.getType()))))
    return failure();
  for (auto [name, mask] :
       {std::pair<StringRef, Value>{"begin_mask", beginMask},
        {"end_mask", endMask},
        {"squeeze_mask", squeezeMask}})
    if (mask && failed(verifyPerDimInput(op, name, mask.getType(), xRank)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult DepthToSpaceOp::verify() {
  return verifyRank4Rearrangement(*this, getX().getType(),
                                  getOutput().getType());
}

LogicalResult ExpandDimsOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "input 'axes'", getAxes().getType(), 1)) ||
      failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  std::optional<int64_t> xRank = rankOf(x);
  std::optional<int64_t> count = staticLength(getAxes().getType());
  if (xRank && count &&
      failed(verifyRank(*this, "result 'output'", output, *xRank + *count,
                        "rank(x) + len(axes)")))
    return failure();
  return verifySameNumElements(*this, output, "x", x);
}

LogicalResult ReshapeOp::verify() {
  Type x = getX().getType();
  Type shape = getShape().getType();
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "input 'shape'", shape, 1)) ||
      failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (std::optional<int64_t> length = staticLength(shape))
    if (failed(verifyRank(*this, "result 'output'", output, *length,
                          "the length of 'shape'")))
      return failure();
  return verifySameNumElements(*this, output, "x", x);
}

LogicalResult ReshapeLikeOp::verify() {
  size_t count = getRefTensors().size();
  for (auto [name, size] :
       {std::pair<StringRef, size_t>{"begins", getBegins().size()},
        {"ends", getEnds().size()},
        {"end_masks", getEndMasks().size()}})
    if (size != count)
      return emitOpError() << "input '" << name
                           << "' must have as many values as 'ref_tensors' ("
                           << count << "), got " << size;
  Type x = getX().getType();
  Type output = getOutput().getType();
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  return verifySameNumElements(*this, output, "x", x);
}

LogicalResult ReverseOp::verify() {
  if (getAxes() &&
      failed(verifyRank(*this, "input 'axes'", getAxes().getType(), 1)))
    return failure();
  return verifyOutputTypeIsX(*this, getOutput().getType(), getX().getType());
}

LogicalResult ReverseSequenceOp::verify() {
  if (failed(verifyRank(*this, "input 'lengths'", getLengths().getType(), 1)))
    return failure();
  return verifyOutputTypeIsX(*this, getOutput().getType(), getX().getType());
}

LogicalResult SliceByIndexOp::verify() {
  Type x = getX().getType();
  if (failed(verifySliceSpec(*this, x, getBegin(), getEnd(), getStride(),
                             getBeginMask(), getEndMask(), getSqueezeMask())))
    return failure();
  return verifySameElementType(*this, "result 'output'", getOutput().getType(),
                               "x", x);
}

LogicalResult SliceBySizeOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  std::optional<int64_t> xRank = rankOf(x);
  if (failed(verifyPerDimInput(*this, "begin", getBegin().getType(), xRank)) ||
      failed(verifyPerDimInput(*this, "size", getSize().getType(), xRank)) ||
      failed(verifySameElementType(*this, "input 'size'", getSize().getType(),
                                   "begin", getBegin().getType())) ||
      failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (xRank)
    return verifyRank(*this, "result 'output'", output, *xRank, "rank(x)");
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  return verifyRank4Rearrangement(*this, getX().getType(),
                                  getOutput().getType());
}

LogicalResult SpaceToBatchOp::verify() {
  return verifySpaceBatch(*this, getX().getType(), getBlockShape().getType(),
                          "paddings", getPaddings().getType(),
                          getOutput().getType());
}

LogicalResult BatchToSpaceOp::verify() {
  return verifySpaceBatch(*this, getX().getType(), getBlockShape().getType(),
                          "crops", getCrops().getType(), getOutput().getType());
}

LogicalResult SqueezeOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  std::optional<int64_t> xRank = rankOf(x);
  if (xRank && *xRank < 1)
    return emitOpError() << "input 'x' must have rank at least 1, got "
                         << *xRank;
  if (getAxes() &&
      failed(verifyRank(*this, "input 'axes'", getAxes().getType(), 1)))
    return failure();
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  std::optional<int64_t> count =
      getAxes() ? staticLength(getAxes().getType()) : std::nullopt;
  if (xRank && count &&
      failed(verifyRank(*this, "result 'output'", output, *xRank - *count,
                        "rank(x) - len(axes)")))
    return failure();
  return verifySameNumElements(*this, output, "x", x);
}

LogicalResult TransposeOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  std::optional<int64_t> xRank = rankOf(x);
  if (failed(verifyPerDimInput(*this, "perm", getPerm().getType(), xRank)) ||
      failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (xRank &&
      failed(verifyRank(*this, "result 'output'", output, *xRank, "rank(x)")))
    return failure();
  return verifySameNumElements(*this, output, "x", x);
}

LogicalResult PixelShuffleOp::verify() {
  return verifyRank4Rearrangement(*this, getX().getType(),
                                  getOutput().getType());
}

LogicalResult PixelUnshuffleOp::verify() {
  return verifyRank4Rearrangement(*this, getX().getType(),
                                  getOutput().getType());
}

LogicalResult SlidingWindowsOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (std::optional<int64_t> xRank = rankOf(x))
    return verifyRank(*this, "result 'output'", output, *xRank + 1,
                      "rank(x) + 1");
  return success();
}

LogicalResult SliceUpdateOp::verify() {
  Type x = getX().getType();
  Type update = getUpdate().getType();
  if (failed(verifySameElementType(*this, "input 'update'", update, "x", x)))
    return failure();
  if (std::optional<int64_t> rank = rankOf(update); rank && *rank == 0)
    return emitOpError() << "input 'update' must have rank at least 1, got 0";
  if (failed(verifySliceSpec(*this, x, getBegin(), getEnd(), getStride(),
                             getBeginMask(), getEndMask(), getSqueezeMask())))
    return failure();
  return verifyOutputTypeIsX(*this, getOutput().getType(), x);
}

void mil::detail::registerTensorTransformationOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/TensorTransformationOps.cpp.inc"
      >();
}
