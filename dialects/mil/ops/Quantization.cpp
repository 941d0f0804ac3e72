//===- Quantization.cpp - MIL Quantization ops -------------------*- C++
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
#include "mil/Dialect/QuantizationOps.cpp.inc"

/// Fails when the optional input `v` is present and does not have the element
/// type `expected` (that of `refName`).
static LogicalResult verifyElementTypeOf(Operation *op, StringRef name, Value v,
                                         StringRef refName, Type expected) {
  if (!v || elementType(v) == expected)
    return success();
  return op->emitOpError() << name << " must have the element type of "
                           << refName << " (" << expected << "), got "
                           << elementType(v);
}

/// What quantize and dequantize share: `input` has rank >= 1 and the result
/// its shape; `scale` is a scalar or a vector, `zero_point` matches it, and
/// `axis` is given exactly when they are vectors.
static LogicalResult verifyQuantParams(Operation *op, Value input, Value scale,
                                       Value zeroPoint, Value axis,
                                       Value result) {
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  if (inputType && inputType.getRank() < 1)
    return op->emitOpError() << "input 'input' must have rank >= 1, got 0";
  auto resultType = dyn_cast<RankedTensorType>(result.getType());
  if (inputType && resultType &&
      failed(verifyCompatibleShape(inputType, resultType)))
    return op->emitOpError() << "result must have the shape of 'input' ("
                             << inputType << "), got " << resultType;
  auto scaleType = dyn_cast<RankedTensorType>(scale.getType());
  if (!scaleType)
    return success();
  if (scaleType.getRank() > 1)
    return op->emitOpError() << "input 'scale' must be a scalar or a vector, "
                                "got rank "
                             << scaleType.getRank();
  bool vector = scaleType.getRank() == 1;
  if (vector && !axis)
    return op->emitOpError() << "input 'axis' is required when 'scale' is a "
                                "vector";
  if (!vector && axis)
    return op->emitOpError() << "input 'axis' must be absent when 'scale' is "
                                "a scalar";
  auto zpType =
      zeroPoint ? dyn_cast<RankedTensorType>(zeroPoint.getType()) : nullptr;
  if (!zpType)
    return success();
  if (zpType.getRank() != scaleType.getRank())
    return op->emitOpError()
           << "input 'zero_point' must be a " << (vector ? "vector" : "scalar")
           << " like 'scale', got rank " << zpType.getRank();
  if (vector && !zpType.isDynamicDim(0) && !scaleType.isDynamicDim(0) &&
      zpType.getDimSize(0) != scaleType.getDimSize(0))
    return op->emitOpError()
           << "input 'zero_point' must have the size of "
              "'scale' ("
           << scaleType.getDimSize(0) << "), got " << zpType.getDimSize(0);
  return success();
}

LogicalResult QuantizeOp::verify() {
  // input and scale share "SrcT"; zero_point has the output dtype.
  if (failed(verifyElementTypeOf(*this, "input 'scale'", getScale(), "'input'",
                                 elementType(getInput()))) ||
      failed(verifyElementTypeOf(*this, "input 'zero_point'", getZeroPoint(),
                                 "the result", elementType(getOutput()))))
    return failure();
  return verifyQuantParams(*this, getInput(), getScale(), getZeroPoint(),
                           getAxis(), getOutput());
}

LogicalResult DequantizeOp::verify() {
  // input and zero_point share "SrcT"; the result has the dtype of scale.
  if (failed(verifyElementTypeOf(*this, "input 'zero_point'", getZeroPoint(),
                                 "'input'", elementType(getInput()))) ||
      failed(verifyElementTypeOf(*this, "result", getOutput(), "'scale'",
                                 elementType(getScale()))))
    return failure();
  return verifyQuantParams(*this, getInput(), getScale(), getZeroPoint(),
                           getAxis(), getOutput());
}

void mil::detail::registerQuantizationOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/QuantizationOps.cpp.inc"
      >();
}
