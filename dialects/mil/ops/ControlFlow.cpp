//===- ControlFlow.cpp - MIL control flow and list ops ---------*- C++ -*-===//
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
#include "mil/Dialect/ControlFlowOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// True if values of types `a` and `b` may flow into each other: equal types,
/// or tensors (lists) of one element type whose shapes (lengths) agree where
/// both are known. coremltools relaxes loop variable shapes this way.
static bool areCompatibleTypes(Type a, Type b) {
  if (a == b)
    return true;
  auto ta = dyn_cast<TensorType>(a);
  auto tb = dyn_cast<TensorType>(b);
  if (ta && tb)
    return ta.getElementType() == tb.getElementType() &&
           succeeded(verifyCompatibleShape(ta, tb));
  auto la = dyn_cast<ListType>(a);
  auto lb = dyn_cast<ListType>(b);
  if (la && lb)
    return areCompatibleTypes(la.getElementType(), lb.getElementType()) &&
           (la.getLength() == lb.getLength() || la.getLength() == -1 ||
            lb.getLength() == -1);
  return false;
}

/// The `mil.return` ending the single block of `region`, or null (and an
/// error naming the region).
static ReturnOp getReturn(Operation *op, Region &region, StringRef name) {
  Block &block = region.front();
  auto ret = block.mightHaveTerminator()
                 ? dyn_cast<ReturnOp>(block.getTerminator())
                 : ReturnOp();
  if (!ret)
    op->emitOpError() << "region '" << name << "' must end with mil.return";
  return ret;
}

/// `region` takes arguments of the types of `values` (loop variables).
static LogicalResult checkRegionArguments(Operation *op, Region &region,
                                          StringRef name, ValueRange values) {
  Block &block = region.front();
  if (block.getNumArguments() != values.size())
    return op->emitOpError()
           << "region '" << name << "' must take " << values.size()
           << " arguments (one per loop variable), got "
           << block.getNumArguments();
  for (auto [i, arg, value] : llvm::enumerate(block.getArguments(), values))
    if (!areCompatibleTypes(arg.getType(), value.getType()))
      return op->emitOpError()
             << "region '" << name << "' argument #" << i << " has type "
             << arg.getType() << ", but loop variable #" << i << " has type "
             << value.getType();
  return success();
}

/// The values `ret` returns from region `name` agree with `types`.
static LogicalResult checkReturnedTypes(Operation *op, ReturnOp ret,
                                        StringRef name, TypeRange types,
                                        StringRef what) {
  if (ret.getOutputs().size() != types.size())
    return op->emitOpError()
           << "region '" << name << "' must return " << types.size()
           << " values (" << what << "), got " << ret.getOutputs().size();
  for (auto [i, value, type] : llvm::enumerate(ret.getOutputs(), types))
    if (!areCompatibleTypes(value.getType(), type))
      return op->emitOpError()
             << "region '" << name << "' returns " << value.getType()
             << " as value #" << i << ", but " << what << " #" << i
             << " has type " << type;
  return success();
}

/// The tensor type of the elements of list `ls`, or null (and an error).
static TensorType getTensorElementType(Operation *op, Value ls) {
  Type elem = cast<ListType>(ls.getType()).getElementType();
  auto tensor = dyn_cast<TensorType>(elem);
  if (!tensor)
    op->emitOpError() << "input 'ls' must be a list of tensors, got "
                      << ls.getType();
  return tensor;
}

/// A list update returns the list `ls` it updates.
static LogicalResult checkOutputIsList(Operation *op, Value output, Value ls) {
  if (output.getType() != ls.getType())
    return op->emitOpError() << "output must have the type of input 'ls' ("
                             << ls.getType() << "), got " << output.getType();
  return success();
}

/// Input `name` is one-dimensional when ranked.
static LogicalResult checkVector(Operation *op, StringRef name, Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (type && type.getRank() != 1)
    return op->emitOpError()
           << "input '" << name << "' must have rank 1, got " << type.getRank();
  return success();
}

//===----------------------------------------------------------------------===//
// CondOp
//===----------------------------------------------------------------------===//

LogicalResult CondOp::verify() {
  for (auto [region, name] :
       {std::pair<Region *, StringRef>{&getTrueBranch(), "true_branch"},
        {&getFalseBranch(), "false_branch"}}) {
    if (region->front().getNumArguments() != 0)
      return emitOpError() << "region '" << name << "' must take no arguments";
    ReturnOp ret = getReturn(*this, *region, name);
    if (!ret || failed(checkReturnedTypes(*this, ret, name, getResultTypes(),
                                          "result")))
      return failure();
  }
  return success();
}

void CondOp::getSuccessorRegions(RegionBranchPoint point,
                                 SmallVectorImpl<RegionSuccessor> &regions) {
  if (point.isParent()) {
    regions.push_back(RegionSuccessor(&getTrueBranch()));
    regions.push_back(RegionSuccessor(&getFalseBranch()));
    return;
  }
  regions.push_back(RegionSuccessor(getResults()));
}

bool CondOp::areTypesCompatible(Type lhs, Type rhs) {
  return areCompatibleTypes(lhs, rhs);
}

//===----------------------------------------------------------------------===//
// WhileLoopOp
//===----------------------------------------------------------------------===//

LogicalResult WhileLoopOp::verify() {
  if (getNumResults() != getLoopVars().size())
    return emitOpError() << "must have one result per loop variable ("
                         << getLoopVars().size() << "), got "
                         << getNumResults();
  if (failed(checkRegionArguments(*this, getCond(), "cond", getLoopVars())) ||
      failed(checkRegionArguments(*this, getBody(), "body", getLoopVars())))
    return failure();

  ReturnOp condRet = getReturn(*this, getCond(), "cond");
  if (!condRet)
    return failure();
  // coremltools' PyTorch frontend returns a one-element bool tensor
  // (tensor<1xi1>) from a loop condition; Core ML accepts it.
  auto isBoolScalar = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return tensor && tensor.getElementType().isSignlessInteger(1) &&
           llvm::all_of(tensor.getShape(), [](int64_t d) { return d == 1; });
  };
  if (condRet.getOutputs().size() != 1 ||
      !isBoolScalar(condRet.getOutputs().front().getType()))
    return emitOpError() << "region 'cond' must return one bool scalar "
                            "(tensor<i1>), got ("
                         << condRet.getOutputs().getTypes() << ")";

  ReturnOp bodyRet = getReturn(*this, getBody(), "body");
  if (!bodyRet ||
      failed(checkReturnedTypes(*this, bodyRet, "body",
                                getBody().getArgumentTypes(),
                                "loop variable")) ||
      failed(checkReturnedTypes(*this, bodyRet, "body", getResultTypes(),
                                "result")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::verify() {
  if (failed(verifySameElementType(*this, "input 'b'", getB().getType(), "a",
                                   getA().getType())))
    return failure();
  Type elem = getElementTypeOrSelf(getA().getType());
  if (getElementTypeOrSelf(getOutput().getType()) != elem)
    return emitOpError() << "output must have the element type of input 'a' ("
                         << elem << "), got "
                         << getElementTypeOrSelf(getOutput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// List ops
//===----------------------------------------------------------------------===//

LogicalResult MakeListOp::verify() {
  auto list = cast<ListType>(getOutput().getType());
  auto elem = dyn_cast<TensorType>(list.getElementType());
  if (!elem)
    return emitOpError() << "output must be a list of tensors, got " << list;
  // `elem_shape` holds one entry per dimension of the elements.
  if (elem.hasRank() && !getElemShape().empty() &&
      elem.getRank() != static_cast<int64_t>(getElemShape().size()))
    return emitOpError() << "output elements must have rank "
                         << getElemShape().size()
                         << " (one dimension per 'elem_shape' entry), got "
                         << elem.getRank();
  // `dtype` defaults to "fp32".
  if (!getDtype() && !elem.getElementType().isF32())
    return emitOpError() << "output elements must be fp32 (the default "
                            "'dtype'), got "
                         << elem.getElementType();
  return success();
}

LogicalResult ListWriteOp::verify() {
  Type elem = cast<ListType>(getLs().getType()).getElementType();
  if (!areCompatibleTypes(getValue().getType(), elem))
    return emitOpError() << "input 'value' must have the element type of "
                            "list 'ls' ("
                         << elem << "), got " << getValue().getType();
  return checkOutputIsList(*this, getOutput(), getLs());
}

LogicalResult ListReadOp::verify() {
  Type elem = cast<ListType>(getLs().getType()).getElementType();
  if (!areCompatibleTypes(getOutput().getType(), elem))
    return emitOpError() << "output must have the element type of list 'ls' ("
                         << elem << "), got " << getOutput().getType();
  return success();
}

LogicalResult ListGatherOp::verify() {
  TensorType elem = getTensorElementType(*this, getLs());
  if (!elem || failed(checkVector(*this, "indices", getIndices())))
    return failure();
  auto output = cast<TensorType>(getOutput().getType());
  if (output.getElementType() != elem.getElementType())
    return emitOpError() << "output must have the element type of the "
                            "elements of 'ls' ("
                         << elem.getElementType() << "), got "
                         << output.getElementType();
  // The output stacks the selected elements: [len(indices)] + element shape.
  auto indices = cast<TensorType>(getIndices().getType());
  if (output.hasRank() && elem.hasRank() && indices.hasRank()) {
    SmallVector<int64_t> expected = {indices.getDimSize(0)};
    llvm::append_range(expected, elem.getShape());
    if (failed(verifyCompatibleShape(output.getShape(), expected)))
      return emitOpError()
             << "output must have the shape [len(indices)] + element shape ("
             << RankedTensorType::get(expected, elem.getElementType())
             << "), got " << output;
  }
  return success();
}

LogicalResult ListScatterOp::verify() {
  TensorType elem = getTensorElementType(*this, getLs());
  if (!elem || failed(checkVector(*this, "indices", getIndices())))
    return failure();
  auto value = cast<TensorType>(getValue().getType());
  if (value.getElementType() != elem.getElementType())
    return emitOpError() << "input 'value' must have the element type of the "
                            "elements of 'ls' ("
                         << elem.getElementType() << "), got "
                         << value.getElementType();
  if (value.hasRank()) {
    if (value.getRank() < 1)
      return emitOpError() << "input 'value' must have rank at least 1";
    auto indices = cast<TensorType>(getIndices().getType());
    int64_t numIndices =
        indices.hasRank() ? indices.getDimSize(0) : ShapedType::kDynamic;
    int64_t numValues = value.getDimSize(0);
    if (!ShapedType::isDynamic(numIndices) &&
        !ShapedType::isDynamic(numValues) && numIndices != numValues)
      return emitOpError() << "input 'value' must hold one slice per index ("
                           << numIndices << "), got " << numValues;
    if (elem.hasRank() && failed(verifyCompatibleShape(
                              value.getShape().drop_front(), elem.getShape())))
      return emitOpError() << "input 'value' slices must have the shape of "
                              "the elements of 'ls' ("
                           << elem << "), got " << value;
  }
  return checkOutputIsList(*this, getOutput(), getLs());
}

void mil::detail::registerControlFlowOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ControlFlowOps.cpp.inc"
      >();
}
