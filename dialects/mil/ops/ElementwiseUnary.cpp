//===- ElementwiseUnary.cpp - MIL ElementwiseUnary ops --------*- C++ -*-===//
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
#include "mil/Dialect/ElementwiseUnaryOps.cpp.inc"

/// An input in the type domain "T" of `x` must have `x`'s dtype.
static LogicalResult verifySameDType(Operation *op, Value x, Value input,
                                     StringRef inputName) {
  Type xElem = cast<TensorType>(x.getType()).getElementType();
  Type elem = cast<TensorType>(input.getType()).getElementType();
  if (xElem != elem)
    return op->emitOpError()
           << "input '" << inputName << "' must have the dtype of 'x' ("
           << getMILDTypeName(xElem) << "), got " << getMILDTypeName(elem);
  return success();
}

/// `epsilon` of inverse, log and rsqrt: in "T" (the dtype of `x`) before
/// iOS17, in its own domain "U" from iOS17 on.
static LogicalResult verifyEpsilonOp(Operation *op, Value x, Value epsilon,
                                     Value output) {
  if (epsilon && isBeforeIOS17(op) &&
      failed(verifySameDType(op, x, epsilon, "epsilon")))
    return failure();
  return verifyOutputLikeX(op, x, output);
}

#define MIL_UNARY_VERIFIER(Op)                                                 \
  LogicalResult Op::verify() {                                                 \
    return verifyOutputLikeX(*this, getX(), getOutput());                      \
  }

MIL_UNARY_VERIFIER(AbsOp)
MIL_UNARY_VERIFIER(AcosOp)
MIL_UNARY_VERIFIER(AsinOp)
MIL_UNARY_VERIFIER(AtanOp)
MIL_UNARY_VERIFIER(AtanhOp)
MIL_UNARY_VERIFIER(CeilOp)
MIL_UNARY_VERIFIER(CosOp)
MIL_UNARY_VERIFIER(CoshOp)
MIL_UNARY_VERIFIER(ErfOp)
MIL_UNARY_VERIFIER(ExpOp)
MIL_UNARY_VERIFIER(Exp2Op)
MIL_UNARY_VERIFIER(FloorOp)
MIL_UNARY_VERIFIER(LogicalNotOp)
MIL_UNARY_VERIFIER(RoundOp)
MIL_UNARY_VERIFIER(SignOp)
MIL_UNARY_VERIFIER(SinOp)
MIL_UNARY_VERIFIER(SinhOp)
MIL_UNARY_VERIFIER(SqrtOp)
MIL_UNARY_VERIFIER(SquareOp)
MIL_UNARY_VERIFIER(TanOp)
MIL_UNARY_VERIFIER(TanhOp)

#undef MIL_UNARY_VERIFIER

LogicalResult InverseOp::verify() {
  return verifyEpsilonOp(*this, getX(), getEpsilon(), getOutput());
}

LogicalResult LogOp::verify() {
  return verifyEpsilonOp(*this, getX(), getEpsilon(), getOutput());
}

LogicalResult RsqrtOp::verify() {
  return verifyEpsilonOp(*this, getX(), getEpsilon(), getOutput());
}

LogicalResult ClipOp::verify() {
  if (failed(verifySameDType(*this, getX(), getAlpha(), "alpha")) ||
      failed(verifySameDType(*this, getX(), getBeta(), "beta")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult ThresholdOp::verify() {
  if (failed(verifySameDType(*this, getX(), getAlpha(), "alpha")))
    return failure();
  return verifyOutputLikeX(*this, getX(), getOutput());
}

LogicalResult CastOp::verify() {
  auto xType = cast<TensorType>(getX().getType());
  auto outType = cast<TensorType>(getOutput().getType());
  if (isBeforeIOS17(*this)) {
    // iOS15's domain; iOS17 added int8, uint8, int16 and uint16.
    auto isIOS15CastType = [](Type t) {
      return t.isF16() || t.isF32() || t.isSignlessInteger(32) ||
             t.isSignlessInteger(1);
    };
    if (!isIOS15CastType(xType.getElementType()))
      return emitOpError() << "input 'x' must be fp16, fp32, int32 or bool "
                              "before iOS17, got "
                           << getMILDTypeName(xType.getElementType());
    if (!isIOS15CastType(outType.getElementType()))
      return emitOpError() << "result 'output' must be fp16, fp32, int32 or "
                              "bool before iOS17, got "
                           << getMILDTypeName(outType.getElementType());
  }
  if (failed(verifyCompatibleShape(xType, outType)))
    return emitOpError() << "result 'output' must have the shape of 'x', got "
                         << outType << " for " << xType;
  return success();
}

void mil::detail::registerElementwiseUnaryOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ElementwiseUnaryOps.cpp.inc"
      >();
}
