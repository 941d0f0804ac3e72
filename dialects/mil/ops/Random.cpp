//===- Random.cpp - MIL Random ops -------------------------------*- C++
//-*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"
#include "VerifyUtils.h"

using namespace mlir;
using namespace mil;
using namespace mil::verify;

#define GET_OP_CLASSES
#include "mil/Dialect/RandomOps.cpp.inc"

/// The ops that draw a tensor of a given shape: `shape` is 1-D and, when its
/// length is static, gives the rank of the result. The result has the dtype
/// of the distribution parameters `param` and `other` (one MIL type domain)
/// when they are given.
static LogicalResult verifyShapedDraw(Operation *op, Value shape, Value result,
                                      StringRef paramName, Value param,
                                      StringRef otherName = {},
                                      Value other = {}) {
  auto shapeType = dyn_cast<RankedTensorType>(shape.getType());
  if (shapeType && shapeType.getRank() != 1)
    return op->emitOpError()
           << "input 'shape' must have rank 1, got " << shapeType.getRank();
  auto resultType = dyn_cast<RankedTensorType>(result.getType());
  if (shapeType && resultType && !shapeType.isDynamicDim(0) &&
      resultType.getRank() != shapeType.getDimSize(0))
    return op->emitOpError()
           << "result must have rank " << shapeType.getDimSize(0)
           << " (the length of 'shape'), got " << resultType.getRank();
  if (param && other && elementType(param) != elementType(other))
    return op->emitOpError()
           << "input '" << otherName << "' must have the element type of '"
           << paramName << "' (" << elementType(param) << "), got "
           << elementType(other);
  Value typed = param ? param : other;
  StringRef typedName = param ? paramName : otherName;
  if (typed && elementType(result) != elementType(typed))
    return op->emitOpError()
           << "result must have the element type of '" << typedName << "' ("
           << elementType(typed) << "), got " << elementType(result);
  return success();
}

LogicalResult RandomBernoulliOp::verify() {
  return verifyShapedDraw(*this, getShape(), getOutput(), "prob", getProb());
}

LogicalResult RandomCategoricalOp::verify() {
  Value x = getX(), out = getOutput();
  if (elementType(out) != elementType(x))
    return emitOpError() << "result must have the element type of 'x' ("
                         << elementType(x) << "), got " << elementType(out);
  auto xType = dyn_cast<RankedTensorType>(x.getType());
  auto outType = dyn_cast<RankedTensorType>(out.getType());
  if (!xType || !outType)
    return success();
  // The result is x.shape[:-1] + [size].
  int64_t rank = std::max<int64_t>(xType.getRank(), 1);
  if (outType.getRank() != rank)
    return emitOpError() << "result must have rank " << rank
                         << " (x.shape[:-1] + [size]), got "
                         << outType.getRank();
  for (int64_t i = 0, e = xType.getRank() - 1; i < e; ++i)
    if (!xType.isDynamicDim(i) && !outType.isDynamicDim(i) &&
        xType.getDimSize(i) != outType.getDimSize(i))
      return emitOpError() << "result dim " << i << " ("
                           << outType.getDimSize(i) << ") must match dim " << i
                           << " of 'x' (" << xType.getDimSize(i) << ")";
  return success();
}

LogicalResult RandomNormalOp::verify() {
  return verifyShapedDraw(*this, getShape(), getOutput(), "mean", getMean(),
                          "stddev", getStddev());
}

LogicalResult RandomUniformOp::verify() {
  return verifyShapedDraw(*this, getShape(), getOutput(), "low", getLow(),
                          "high", getHigh());
}

void mil::detail::registerRandomOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/RandomOps.cpp.inc"
      >();
}
