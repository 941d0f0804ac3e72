//===- Activation.cpp - MIL Activation ops ---------------------*- C++ -*-===//
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
#include "mil/Dialect/ActivationOps.cpp.inc"

/// Before iOS17 the constant parameters share the type domain "T" of `x`;
/// iOS17 gave them their own domain "U".
static LogicalResult verifyParamDType(Operation *op, Value x, Value param,
                                      StringRef paramName) {
  if (!isBeforeIOS17(op))
    return success();
  Type xElem = cast<TensorType>(x.getType()).getElementType();
  Type pElem = cast<TensorType>(param.getType()).getElementType();
  if (xElem != pElem)
    return op->emitOpError()
           << "input '" << paramName << "' must have the dtype of 'x' ("
           << getMILDTypeName(xElem) << ") before iOS17, got "
           << getMILDTypeName(pElem);
  return success();
}

/// A per-channel parameter: rank 1, as long as dimension 1 of `x`.
static LogicalResult verifyPerChannelParam(Operation *op, Value x, Value param,
                                           StringRef paramName) {
  auto pType = dyn_cast<RankedTensorType>(param.getType());
  if (!pType)
    return success();
  if (pType.getRank() != 1)
    return op->emitOpError() << "input '" << paramName
                             << "' must have rank 1, got " << pType.getRank();
  auto xType = dyn_cast<RankedTensorType>(x.getType());
  if (!xType || xType.getRank() < 2)
    return success();
  int64_t channels = xType.getDimSize(1);
  int64_t length = pType.getDimSize(0);
  if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(length) &&
      channels != length)
    return op->emitOpError()
           << "input '" << paramName
           << "' must have as many elements as dimension 1 of 'x' (" << channels
           << "), got " << length;
  return success();
}

LogicalResult ClampedReluOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyParamDType(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult EluOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult GeluOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult LeakyReluOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult LinearActivationOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyParamDType(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult PreluOp::verify() {
  auto xType = dyn_cast<RankedTensorType>(getX().getType());
  if (xType && (xType.getRank() < 3 || xType.getRank() > 5))
    return emitOpError() << "input 'x' must have rank 3, 4 or 5 ([B, C, *d]), "
                            "got "
                         << xType.getRank();
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyPerChannelParam(*this, getX(), getAlpha(), "alpha")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult ReluOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult Relu6Op::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult ScaledTanhOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyParamDType(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SigmoidOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SigmoidHardOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyParamDType(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SiluOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SoftplusOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SoftplusParametricOp::verify() {
  auto xType = dyn_cast<RankedTensorType>(getX().getType());
  if (xType && xType.getRank() < 3)
    return emitOpError()
           << "input 'x' must have rank at least 3 ([b, C, ...]), "
              "got "
           << xType.getRank();
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyParamDType(*this, getX(), getBeta(), "beta")) ||
      failed(verifyPerChannelParam(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifyPerChannelParam(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SoftmaxOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult SoftsignOp::verify() {
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult ThresholdedReluOp::verify() {
  if (failed(verifyParamDType(*this, getX(), getAlpha(), "alpha")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

void mil::detail::registerActivationOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ActivationOps.cpp.inc"
      >();
}
