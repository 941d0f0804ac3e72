//===- ScatterGather.cpp - MIL gather and scatter ops ----------*- C++ -*-===//
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
#include "mil/Dialect/ScatterGatherOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The output holds the element type of input `refName`.
static LogicalResult checkOutputElementType(Operation *op, Value output,
                                            StringRef refName, Value ref) {
  Type elem = getElementTypeOrSelf(output.getType());
  Type refElem = getElementTypeOrSelf(ref.getType());
  if (elem != refElem)
    return op->emitOpError()
           << "output must have the element type of input '" << refName << "' ("
           << refElem << "), got " << elem;
  return success();
}

/// The output has the type of input `data` (the scatters return it).
static LogicalResult checkOutputIsData(Operation *op, Value output,
                                       Value data) {
  auto outType = cast<ShapedType>(output.getType());
  auto dataType = cast<ShapedType>(data.getType());
  if (outType.getElementType() != dataType.getElementType() ||
      failed(verifyCompatibleShape(outType, dataType)))
    return op->emitOpError() << "output must have the type of input 'data' ("
                             << dataType << "), got " << outType;
  return success();
}

/// Input `name` has a rank of at least `minRank` when ranked.
static LogicalResult checkMinRank(Operation *op, StringRef name, Value value,
                                  int64_t minRank) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (type && type.getRank() < minRank)
    return op->emitOpError()
           << "input '" << name << "' must have rank at least " << minRank
           << ", got " << type.getRank();
  return success();
}

/// The static last dimension of ranked `indices` (the index depth of the _nd
/// ops), or std::nullopt.
static std::optional<int64_t> getIndexDepth(Value indices) {
  auto type = dyn_cast<RankedTensorType>(indices.getType());
  if (!type || type.getRank() < 1 || type.isDynamicDim(type.getRank() - 1))
    return std::nullopt;
  return type.getDimSize(type.getRank() - 1);
}

/// The index depth of an _nd op may not exceed the rank of `data`.
static LogicalResult checkIndexDepth(Operation *op, Value indices,
                                     StringRef dataName, Value data) {
  std::optional<int64_t> depth = getIndexDepth(indices);
  auto dataType = dyn_cast<RankedTensorType>(data.getType());
  if (depth && dataType && *depth > dataType.getRank())
    return op->emitOpError()
           << "input 'indices' must have a last dimension of at most the rank "
              "of '"
           << dataName << "' (" << dataType.getRank() << "), got " << *depth;
  return success();
}

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::verify() {
  if (failed(checkMinRank(*this, "x", getX(), 1)) ||
      failed(checkOutputElementType(*this, getOutput(), "x", getX())))
    return failure();
  // Without `batch_dims` (0 by default) the output rank is
  // rank(x) - 1 + rank(indices).
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto output = dyn_cast<RankedTensorType>(getOutput().getType());
  if (!getBatchDims() && x && indices && output) {
    int64_t expected = x.getRank() - 1 + indices.getRank();
    if (output.getRank() != expected)
      return emitOpError() << "output must have rank " << expected
                           << " (rank(x) - 1 + rank(indices)), got "
                           << output.getRank();
  }
  return success();
}

LogicalResult GatherAlongAxisOp::verify() {
  if (failed(checkMinRank(*this, "x", getX(), 1)) ||
      failed(checkOutputElementType(*this, getOutput(), "x", getX())))
    return failure();
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  if (x && indices && x.getRank() != indices.getRank())
    return emitOpError() << "input 'indices' must have the rank of 'x' ("
                         << x.getRank() << "), got " << indices.getRank();
  auto output = cast<ShapedType>(getOutput().getType());
  if (failed(verifyCompatibleShape(output, getIndices().getType())))
    return emitOpError() << "output must have the shape of input 'indices' ("
                         << getIndices().getType() << "), got " << output;
  return success();
}

LogicalResult GatherNdOp::verify() {
  if (failed(checkMinRank(*this, "indices", getIndices(), 1)) ||
      failed(checkOutputElementType(*this, getOutput(), "x", getX())))
    return failure();
  // The checks below take `batch_dims` as its default, 0.
  if (getBatchDims())
    return success();
  if (failed(checkIndexDepth(*this, getIndices(), "x", getX())))
    return failure();
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto output = dyn_cast<RankedTensorType>(getOutput().getType());
  std::optional<int64_t> depth = getIndexDepth(getIndices());
  if (x && indices && output && depth) {
    SmallVector<int64_t> expected(indices.getShape().drop_back());
    llvm::append_range(expected, x.getShape().drop_front(*depth));
    if (failed(verifyCompatibleShape(output.getShape(), expected)))
      return emitOpError()
             << "output must have shape " << formatShape(expected)
             << " (indices.shape[:-1] + x.shape[indices.shape[-1]:]), got "
             << formatShape(output.getShape());
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

/// What the three scatters share: "T" agreement and the output type.
static LogicalResult verifyScatterCommon(Operation *op, Value data,
                                         Value updates, Value output) {
  if (failed(verifySameElementType(op, "input 'updates'", updates.getType(),
                                   "data", data.getType())))
    return failure();
  return checkOutputIsData(op, output, data);
}

LogicalResult ScatterOp::verify() {
  if (failed(
          verifyScatterCommon(*this, getData(), getUpdates(), getOutput())) ||
      failed(checkMinRank(*this, "data", getData(), 1)))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto updates = dyn_cast<RankedTensorType>(getUpdates().getType());
  if (data && indices && updates) {
    int64_t expected = data.getRank() - 1 + indices.getRank();
    if (updates.getRank() != expected)
      return emitOpError() << "input 'updates' must have rank " << expected
                           << " (rank(data) - 1 + rank(indices)), got "
                           << updates.getRank();
  }
  return success();
}

LogicalResult ScatterAlongAxisOp::verify() {
  if (failed(
          verifyScatterCommon(*this, getData(), getUpdates(), getOutput())) ||
      failed(checkMinRank(*this, "data", getData(), 1)))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  if (data && indices && data.getRank() != indices.getRank())
    return emitOpError() << "input 'indices' must have the rank of 'data' ("
                         << data.getRank() << "), got " << indices.getRank();
  if (failed(verifyCompatibleShape(getUpdates().getType(),
                                   getIndices().getType())))
    return emitOpError() << "input 'updates' must have the shape of 'indices' ("
                         << getIndices().getType() << "), got "
                         << getUpdates().getType();
  return success();
}

LogicalResult ScatterNdOp::verify() {
  if (failed(
          verifyScatterCommon(*this, getData(), getUpdates(), getOutput())) ||
      failed(checkMinRank(*this, "indices", getIndices(), 1)) ||
      failed(checkIndexDepth(*this, getIndices(), "data", getData())))
    return failure();
  auto data = dyn_cast<RankedTensorType>(getData().getType());
  auto indices = dyn_cast<RankedTensorType>(getIndices().getType());
  auto updates = dyn_cast<RankedTensorType>(getUpdates().getType());
  std::optional<int64_t> depth = getIndexDepth(getIndices());
  if (data && indices && updates && depth) {
    SmallVector<int64_t> expected(indices.getShape().drop_back());
    llvm::append_range(expected, data.getShape().drop_front(*depth));
    if (failed(verifyCompatibleShape(updates.getShape(), expected)))
      return emitOpError()
             << "input 'updates' must have shape " << formatShape(expected)
             << " (indices.shape[:-1] + data.shape[indices.shape[-1]:]), got "
             << formatShape(updates.getShape());
  }
  return success();
}

void mil::detail::registerScatterGatherOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ScatterGatherOps.cpp.inc"
      >();
}
