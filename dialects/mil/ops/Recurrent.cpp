//===- Recurrent.cpp - MIL recurrent layers --------------------*- C++ -*-===//
//
// Part of mil-mlir.
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
#include "mil/Dialect/RecurrentOps.cpp.inc"

namespace {
/// An input or result with its MIL name; `value` is null for an absent
/// optional input.
struct Named {
  StringRef name;
  Value value;
};
} // namespace

/// Dimension `i` of `value` when it is ranked and static there, else dynamic.
static int64_t getStaticDim(Value value, unsigned i) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || i >= type.getRank())
    return ShapedType::kDynamic;
  return type.getDimSize(i);
}

/// Every "T" input and every result holds the element type of `x`.
static LogicalResult checkElementTypes(Operation *op, Value x,
                                       ArrayRef<Named> inputs,
                                       ArrayRef<Named> results) {
  Type elem = getElementTypeOrSelf(x.getType());
  for (const Named &input : inputs)
    if (input.value && getElementTypeOrSelf(input.value.getType()) != elem)
      return op->emitOpError()
             << "input '" << input.name
             << "' must have the element type of 'x' (" << elem << "), got "
             << getElementTypeOrSelf(input.value.getType());
  for (const Named &result : results)
    if (getElementTypeOrSelf(result.value.getType()) != elem)
      return op->emitOpError()
             << "result '" << result.name
             << "' must have the element type of input 'x' (" << elem
             << "), got " << getElementTypeOrSelf(result.value.getType());
  return success();
}

/// `input` has rank `rank` when it is ranked.
static LogicalResult checkRank(Operation *op, Named input, int64_t rank,
                               StringRef layout) {
  auto type = dyn_cast<RankedTensorType>(input.value.getType());
  if (type && type.getRank() != rank)
    return op->emitOpError()
           << "input '" << input.name << "' must have rank " << rank << " ("
           << layout << "), got " << type.getRank();
  return success();
}

/// The ranks coremltools requires of `x` and the two weights.
static LogicalResult checkRanks(Operation *op, Value x, Value weightIh,
                                Value weightHh, StringRef ihLayout,
                                StringRef hhLayout) {
  if (failed(checkRank(op, {"x", x}, 3, "[s, b, I]")) ||
      failed(checkRank(op, {"weight_ih", weightIh}, 2, ihLayout)) ||
      failed(checkRank(op, {"weight_hh", weightHh}, 2, hhLayout)))
    return failure();
  return success();
}

/// The results have the shapes `[seq, b, hidden]` and, for the final states,
/// `[b, hidden]`; unknown sizes are dynamic.
static LogicalResult checkResultShapes(Operation *op, Value output,
                                       ArrayRef<Named> finalStates, int64_t seq,
                                       int64_t batch, int64_t hidden) {
  SmallVector<int64_t> expected = {seq, batch, hidden};
  auto check = [&](Named result, ArrayRef<int64_t> shape) -> LogicalResult {
    auto type = dyn_cast<RankedTensorType>(result.value.getType());
    if (type && failed(verifyCompatibleShape(type.getShape(), shape)))
      return op->emitOpError()
             << "result '" << result.name << "' must have shape "
             << formatShape(shape) << ", got " << formatShape(type.getShape());
    return success();
  };
  if (failed(check({"output", output}, expected)))
    return failure();
  for (const Named &state : finalStates)
    if (failed(check(state, ArrayRef<int64_t>(expected).drop_front())))
      return failure();
  return success();
}

/// Sequence length of the `output` result: that of `x` with
/// `output_sequence`, 1 without it (its default is False), unknown when it is
/// given (its value decides).
static int64_t getOutputSeqLen(Value outputSequence) {
  return outputSequence ? ShapedType::kDynamic : 1;
}

LogicalResult GruOp::verify() {
  if (failed(checkElementTypes(
          *this, getX(),
          {{"initial_h", getInitialH()},
           {"weight_ih", getWeightIh()},
           {"weight_hh", getWeightHh()},
           {"bias", getBias()},
           {"input_bias", getInputBias()}},
          {{"output", getOutput()}, {"output_h", getOutputH()}})) ||
      failed(checkRanks(*this, getX(), getWeightIh(), getWeightHh(), "[3*H, I]",
                        "[3*H, H]")))
    return failure();
  // weight_hh is [3*H, H] (coremltools compares H to its first dim // 3).
  int64_t gates = getStaticDim(getWeightHh(), 0);
  int64_t hidden = getStaticDim(getWeightHh(), 1);
  if (!ShapedType::isDynamic(gates) && !ShapedType::isDynamic(hidden) &&
      gates / 3 != hidden)
    return emitOpError() << "input 'weight_hh' must have shape [3*H, H], got "
                         << formatShape({gates, hidden});
  return checkResultShapes(*this, getOutput(), {{"output_h", getOutputH()}},
                           getOutputSeqLen(getOutputSequence()),
                           getStaticDim(getX(), 1), hidden);
}

LogicalResult LstmOp::verify() {
  if (failed(checkElementTypes(*this, getX(),
                               {{"initial_h", getInitialH()},
                                {"initial_c", getInitialC()},
                                {"weight_ih", getWeightIh()},
                                {"weight_hh", getWeightHh()},
                                {"bias", getBias()},
                                {"peephole", getPeephole()},
                                {"weight_ih_back", getWeightIhBack()},
                                {"weight_hh_back", getWeightHhBack()},
                                {"bias_back", getBiasBack()},
                                {"peephole_back", getPeepholeBack()},
                                {"clip", getClip()}},
                               {{"output", getOutput()},
                                {"output_h", getOutputH()},
                                {"output_c", getOutputC()}})) ||
      failed(checkRanks(*this, getX(), getWeightIh(), getWeightHh(), "[4*H, I]",
                        "[4*H, H]")))
    return failure();
  // Both weights have 4*H rows, H being the second dim of weight_hh
  // (coremltools compares first dim // H to 4).
  int64_t hidden = getStaticDim(getWeightHh(), 1);
  if (!ShapedType::isDynamic(hidden) && hidden > 0) {
    for (Named weight : {Named{"weight_ih", getWeightIh()},
                         Named{"weight_hh", getWeightHh()}}) {
      int64_t rows = getStaticDim(weight.value, 0);
      if (!ShapedType::isDynamic(rows) && rows / hidden != 4)
        return emitOpError()
               << "input '" << weight.name
               << "' must have 4*H rows, H = " << hidden
               << " being the second dimension of 'weight_hh', got " << rows;
    }
  }
  // Without `direction` (default "forward") the states hold H values;
  // a bidirectional LSTM holds 2*H.
  int64_t stateSize = getDirection() ? ShapedType::kDynamic : hidden;
  return checkResultShapes(
      *this, getOutput(),
      {{"output_h", getOutputH()}, {"output_c", getOutputC()}},
      getOutputSeqLen(getOutputSequence()), getStaticDim(getX(), 1), stateSize);
}

LogicalResult RnnOp::verify() {
  if (failed(checkElementTypes(
          *this, getX(),
          {{"initial_h", getInitialH()},
           {"weight_ih", getWeightIh()},
           {"weight_hh", getWeightHh()},
           {"bias", getBias()}},
          {{"output", getOutput()}, {"output_h", getOutputH()}})) ||
      failed(checkRanks(*this, getX(), getWeightIh(), getWeightHh(), "[H, I]",
                        "[H, H]")))
    return failure();
  // H is the first dim of weight_ih.
  return checkResultShapes(*this, getOutput(), {{"output_h", getOutputH()}},
                           getOutputSeqLen(getOutputSequence()),
                           getStaticDim(getX(), 1),
                           getStaticDim(getWeightIh(), 0));
}

void mil::detail::registerRecurrentOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/RecurrentOps.cpp.inc"
      >();
}
