//===- TensorOperation.cpp - MIL TensorOperation ops ------------*- C++ -*-===//
//
// Part of mil-mlir.
//
// Verifiers check what the coremltools definitions state and the types alone
// decide: ranks, element types shared by inputs of one type domain, and the
// output shapes that follow from static input shapes. Anything depending on
// the value of a const input is left alone.
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
#include "mil/Dialect/TensorOperationOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers shared by the family's verifiers
//===----------------------------------------------------------------------===//

/// `what` must have a shape compatible with that of `refName` when both are
/// ranked.
static LogicalResult verifyCompatibleShapeWith(Operation *op, StringRef what,
                                               Type type, StringRef refName,
                                               Type ref) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  auto refRanked = dyn_cast<RankedTensorType>(ref);
  if (!ranked || !refRanked || succeeded(verifyCompatibleShape(type, ref)))
    return success();
  return op->emitOpError() << what << " must have the shape of '" << refName
                           << "' (" << formatShape(refRanked.getShape())
                           << "), got " << formatShape(ranked.getShape());
}

/// `what` must have the type of `refName`: for tensors, its element type and
/// a compatible shape; for lists and dicts, the same type.
static LogicalResult verifySameTypeAs(Operation *op, StringRef what, Type type,
                                      StringRef refName, Type ref) {
  if (!isa<TensorType>(type) || !isa<TensorType>(ref)) {
    if (type == ref)
      return success();
    return op->emitOpError() << what << " must have the type of '" << refName
                             << "' (" << ref << "), got " << type;
  }
  if (failed(verifySameElementType(op, what, type, refName, ref)))
    return failure();
  return verifyCompatibleShapeWith(op, what, type, refName, ref);
}

/// Checks a tuple input: at least one value, one element type and one rank
/// throughout. Returns the rank of the ranked values, if any.
static FailureOr<std::optional<int64_t>>
verifyHomogeneousTuple(Operation *op, StringRef name, ValueRange values) {
  if (values.empty())
    return op->emitOpError()
           << "input '" << name << "' must hold at least one tensor";
  Type first = values.front().getType();
  std::optional<int64_t> rank;
  for (auto [i, value] : llvm::enumerate(values)) {
    Type type = value.getType();
    if (getElementTypeOrSelf(type) != getElementTypeOrSelf(first))
      return op->emitOpError() << "input '" << name << "' #" << i
                               << " must have the element type of '" << name
                               << "' #0 (" << getElementTypeOrSelf(first)
                               << "), got " << getElementTypeOrSelf(type);
    std::optional<int64_t> valueRank = rankOf(type);
    if (!valueRank)
      continue;
    if (rank && *rank != *valueRank)
      return op->emitOpError()
             << "input '" << name << "' #" << i << " must have rank " << *rank
             << " like the other values, got " << *valueRank;
    rank = valueRank;
  }
  return rank;
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult BandPartOp::verify() {
  return verifySameTypeAs(*this, "result 'output'", getOutput().getType(), "x",
                          getX().getType());
}

LogicalResult CumsumOp::verify() {
  return verifySameTypeAs(*this, "result 'output'", getOutput().getType(), "x",
                          getX().getType());
}

LogicalResult FillOp::verify() {
  Type shape = getShape().getType();
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "input 'shape'", shape, 1)))
    return failure();
  if (getValue() &&
      failed(verifySameElementType(*this, "result 'output'", output, "value",
                                   getValue().getType())))
    return failure();
  if (std::optional<int64_t> length = staticLength(shape))
    return verifyRank(*this, "result 'output'", output, *length,
                      "the length of 'shape'");
  return success();
}

LogicalResult FillLikeOp::verify() {
  Type output = getOutput().getType();
  if (getValue() &&
      failed(verifySameElementType(*this, "result 'output'", output, "value",
                                   getValue().getType())))
    return failure();
  return verifyCompatibleShapeWith(*this, "result 'output'", output,
                                   "ref_tensor", getRefTensor().getType());
}

LogicalResult NonMaximumSuppressionOp::verify() {
  Type boxes = getBoxes().getType();
  Type scores = getScores().getType();
  if (failed(verifyRank(*this, "input 'boxes'", boxes, 3)) ||
      failed(verifyRank(*this, "input 'scores'", scores, 3)) ||
      failed(verifySameElementType(*this, "input 'scores'", scores, "boxes",
                                   boxes)) ||
      failed(verifySameElementType(*this, "input 'iou_threshold'",
                                   getIouThreshold().getType(), "boxes",
                                   boxes)))
    return failure();
  if (getScoreThreshold() &&
      failed(verifySameElementType(*this, "input 'score_threshold'",
                                   getScoreThreshold().getType(), "boxes",
                                   boxes)))
    return failure();
  // iOS15 has score_threshold and the per-batch count output; iOS17 neither.
  bool iOS15Form = static_cast<bool>(getScoreThreshold());
  if (iOS15Form != static_cast<bool>(getNumBoxes()))
    return emitOpError()
           << (iOS15Form ? "with input 'score_threshold' (iOS15 form) must "
                           "have the result 'num_boxes'"
                         : "without input 'score_threshold' (iOS17 form) must "
                           "not have the result 'num_boxes'");
  // Coordinates are [n, B, 4] in the iOS15 form and [n, 4, B] in iOS17's.
  if (auto ranked = dyn_cast<RankedTensorType>(boxes)) {
    unsigned coordDim = iOS15Form ? 2 : 1;
    int64_t size = ranked.getDimSize(coordDim);
    if (!ShapedType::isDynamic(size) && size != 4)
      return emitOpError() << "input 'boxes' must have size 4 in dimension "
                           << coordDim << " ("
                           << (iOS15Form ? "[n, B, 4]" : "[n, 4, B]")
                           << "), got " << size;
  }
  if (failed(verifySameElementType(*this, "result 'selected_boxes'",
                                   getSelectedBoxes().getType(), "boxes",
                                   boxes)) ||
      failed(verifySameElementType(*this, "result 'selected_scores'",
                                   getSelectedScores().getType(), "scores",
                                   scores)))
    return failure();
  return success();
}

LogicalResult NonZeroOp::verify() {
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "result 'output'", output, 2)))
    return failure();
  auto ranked = dyn_cast<RankedTensorType>(output);
  std::optional<int64_t> xRank = rankOf(getX().getType());
  if (ranked && xRank && !ranked.isDynamicDim(1) &&
      ranked.getDimSize(1) != *xRank)
    return emitOpError() << "result 'output' must have size rank(x) = "
                         << *xRank << " in dimension 1, got "
                         << ranked.getDimSize(1);
  return success();
}

LogicalResult OneHotOp::verify() {
  Type output = getOutput().getType();
  if (getOnValue() && getOffValue() &&
      failed(verifySameElementType(*this, "input 'off_value'",
                                   getOffValue().getType(), "on_value",
                                   getOnValue().getType())))
    return failure();
  if (getOnValue() &&
      failed(verifySameElementType(*this, "result 'output'", output, "on_value",
                                   getOnValue().getType())))
    return failure();
  if (getOffValue() &&
      failed(verifySameElementType(*this, "result 'output'", output,
                                   "off_value", getOffValue().getType())))
    return failure();
  if (std::optional<int64_t> rank = rankOf(getIndices().getType()))
    return verifyRank(*this, "result 'output'", output, *rank + 1,
                      "rank(indices) + 1");
  return success();
}

LogicalResult PadOp::verify() {
  Type x = getX().getType();
  Type pad = getPad().getType();
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "input 'pad'", pad, 1)))
    return failure();
  std::optional<int64_t> length = staticLength(pad);
  std::optional<int64_t> xRank = rankOf(x);
  if (length && (*length % 2 != 0 || (xRank && *length > 2 * *xRank))) {
    InFlightDiagnostic diag = emitOpError()
                              << "input 'pad' must have an even length";
    if (xRank)
      diag << " of at most 2 * rank(x) = " << 2 * *xRank;
    return diag << ", got " << *length;
  }
  if (getConstantVal() &&
      failed(verifySameElementType(*this, "input 'constant_val'",
                                   getConstantVal().getType(), "x", x)))
    return failure();
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (xRank)
    return verifyRank(*this, "result 'output'", output, *xRank, "rank(x)");
  return success();
}

LogicalResult Range1dOp::verify() {
  Type end = getEnd().getType();
  if (failed(verifySameElementType(*this, "input 'start'", getStart().getType(),
                                   "end", end)) ||
      failed(verifySameElementType(*this, "input 'step'", getStep().getType(),
                                   "end", end)) ||
      failed(verifySameElementType(*this, "result 'output'",
                                   getOutput().getType(), "end", end)))
    return failure();
  return verifyRank(*this, "result 'output'", getOutput().getType(), 1);
}

LogicalResult TileOp::verify() {
  Type x = getX().getType();
  Type reps = getReps().getType();
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "input 'reps'", reps, 1)))
    return failure();
  std::optional<int64_t> xRank = rankOf(x);
  std::optional<int64_t> length = staticLength(reps);
  if (xRank && length && *xRank != *length)
    return emitOpError() << "input 'reps' must have length rank(x) = " << *xRank
                         << ", got " << *length;
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)))
    return failure();
  if (xRank)
    return verifyRank(*this, "result 'output'", output, *xRank, "rank(x)");
  return success();
}

LogicalResult ArgsortOp::verify() {
  return verifyCompatibleShapeWith(
      *this, "result 'output'", getOutput().getType(), "x", getX().getType());
}

LogicalResult TopkOp::verify() {
  Type x = getX().getType();
  Type values = getValues().getType();
  if (failed(verifySameElementType(*this, "result 'values'", values, "x", x)))
    return failure();
  if (std::optional<int64_t> xRank = rankOf(x))
    if (failed(verifyRank(*this, "result 'values'", values, *xRank, "rank(x)")))
      return failure();
  if (getIndices())
    return verifyCompatibleShapeWith(*this, "result 'indices'",
                                     getIndices().getType(), "values", values);
  return success();
}

LogicalResult Flatten2dOp::verify() {
  Type x = getX().getType();
  Type output = getOutput().getType();
  if (failed(verifySameElementType(*this, "result 'output'", output, "x", x)) ||
      failed(verifyRank(*this, "result 'output'", output, 2)))
    return failure();
  std::optional<int64_t> inCount = staticNumElements(x);
  std::optional<int64_t> outCount = staticNumElements(output);
  if (inCount && outCount && *inCount != *outCount)
    return emitOpError() << "result 'output' must have as many elements as "
                            "'x' ("
                         << *inCount << "), got " << *outCount;
  return success();
}

LogicalResult ShapeOp::verify() {
  Type output = getOutput().getType();
  if (failed(verifyRank(*this, "result 'output'", output, 1)))
    return failure();
  std::optional<int64_t> xRank = rankOf(getX().getType());
  std::optional<int64_t> length = staticLength(output);
  if (xRank && length && *xRank != *length)
    return emitOpError() << "result 'output' must have length rank(x) = "
                         << *xRank << ", got " << *length;
  return success();
}

LogicalResult ConcatOp::verify() {
  FailureOr<std::optional<int64_t>> rank =
      verifyHomogeneousTuple(*this, "values", getValues());
  if (failed(rank))
    return failure();
  Type output = getOutput().getType();
  if (failed(verifySameElementType(*this, "result 'output'", output, "values",
                                   getValues().front().getType())))
    return failure();
  // Scalars concatenate into a 1-D tensor.
  if (*rank)
    return verifyRank(*this, "result 'output'", output,
                      std::max<int64_t>(**rank, 1), "the rank of 'values'");
  return success();
}

LogicalResult SplitOp::verify() {
  if (!getNumSplits() && !getSplitSizes())
    return emitOpError()
           << "requires input 'num_splits' or input 'split_sizes'";
  Type x = getX().getType();
  if (getSplitSizes()) {
    Type sizes = getSplitSizes().getType();
    if (failed(verifyRank(*this, "input 'split_sizes'", sizes, 1)))
      return failure();
    std::optional<int64_t> length = staticLength(sizes);
    if (length && static_cast<int64_t>(getOutputs().size()) != *length)
      return emitOpError() << "must have one result per entry of input "
                              "'split_sizes' ("
                           << *length << "), got " << getOutputs().size();
  }
  std::optional<int64_t> xRank = rankOf(x);
  for (Value result : getOutputs()) {
    if (failed(verifySameElementType(*this, "result 'outputs'",
                                     result.getType(), "x", x)))
      return failure();
    if (xRank && failed(verifyRank(*this, "result 'outputs'", result.getType(),
                                   *xRank, "rank(x)")))
      return failure();
  }
  return success();
}

LogicalResult StackOp::verify() {
  FailureOr<std::optional<int64_t>> rank =
      verifyHomogeneousTuple(*this, "values", getValues());
  if (failed(rank))
    return failure();
  Type first = getValues().front().getType();
  auto firstRanked = dyn_cast<RankedTensorType>(first);
  for (auto [i, value] : llvm::enumerate(getValues())) {
    auto ranked = dyn_cast<RankedTensorType>(value.getType());
    if (firstRanked && ranked &&
        failed(verifyCompatibleShape(firstRanked, ranked)))
      return emitOpError() << "input 'values' #" << i
                           << " must have the shape of 'values' #0 ("
                           << formatShape(firstRanked.getShape()) << "), got "
                           << formatShape(ranked.getShape());
  }
  Type output = getOutput().getType();
  if (failed(verifySameElementType(*this, "result 'output'", output, "values",
                                   first)))
    return failure();
  if (*rank)
    return verifyRank(*this, "result 'output'", output, **rank + 1,
                      "the rank of 'values' + 1");
  return success();
}

LogicalResult IdentityOp::verify() {
  return verifySameTypeAs(*this, "result 'output'", getOutput().getType(), "x",
                          getX().getType());
}

void mil::detail::registerTensorOperationOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/TensorOperationOps.cpp.inc"
      >();
}
