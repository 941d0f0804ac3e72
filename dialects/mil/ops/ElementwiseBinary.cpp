//===- ElementwiseBinary.cpp - MIL ElementwiseBinary ops ------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/ElementwiseBinaryOps.cpp.inc"

/// Verifies what coremltools' elementwise_binary checks: `x` and `y` share
/// the type domain "T" (so one dtype) and broadcast numpy-style; the result
/// has the broadcast shape and, unless `boolResult`, the inputs' dtype (the
/// bool result of comparisons and logical ops is left to the type
/// constraint).
static LogicalResult verifyBroadcastBinary(Operation *op, Value x, Value y,
                                           Value output, bool boolResult) {
  auto xType = cast<TensorType>(x.getType());
  auto yType = cast<TensorType>(y.getType());
  auto outType = cast<TensorType>(output.getType());
  if (xType.getElementType() != yType.getElementType())
    return op->emitOpError()
           << "input 'y' must have the dtype of 'x' ("
           << getMILDTypeName(xType.getElementType()) << "), got "
           << getMILDTypeName(yType.getElementType());
  if (!boolResult && outType.getElementType() != xType.getElementType())
    return op->emitOpError()
           << "result 'output' must have the dtype of the inputs ("
           << getMILDTypeName(xType.getElementType()) << "), got "
           << getMILDTypeName(outType.getElementType());
  if (!xType.hasRank() || !yType.hasRank())
    return success();

  ArrayRef<int64_t> xShape = xType.getShape(), yShape = yType.getShape();
  int64_t rank = std::max(xType.getRank(), yType.getRank());
  // The broadcast size of each dimension, counted from the right, where both
  // input sizes are known; dynamic otherwise.
  SmallVector<int64_t> bcast(rank, ShapedType::kDynamic);
  for (int64_t i = 1; i <= rank; ++i) {
    int64_t a = i <= xType.getRank() ? xShape[xShape.size() - i] : 1;
    int64_t b = i <= yType.getRank() ? yShape[yShape.size() - i] : 1;
    if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
      continue;
    if (a != b && a != 1 && b != 1)
      return op->emitOpError()
             << "input 'y' must be broadcast-compatible with 'x': " << yType
             << " vs " << xType;
    bcast[rank - i] = a == 1 ? b : a;
  }

  auto outRanked = dyn_cast<RankedTensorType>(outType);
  if (!outRanked)
    return success();
  if (outRanked.getRank() != rank)
    return op->emitOpError() << "result 'output' must have the broadcast rank "
                             << rank << ", got " << outRanked.getRank();
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = outRanked.getDimSize(i);
    if (!ShapedType::isDynamic(bcast[i]) && !ShapedType::isDynamic(d) &&
        d != bcast[i])
      return op->emitOpError()
             << "result 'output' must have the broadcast size " << bcast[i]
             << " in dimension " << i << ", got " << d;
  }
  return success();
}

#define MIL_BINARY_VERIFIER(Op, boolResult)                                    \
  LogicalResult Op::verify() {                                                 \
    return verifyBroadcastBinary(*this, getX(), getY(), getOutput(),           \
                                 boolResult);                                  \
  }

MIL_BINARY_VERIFIER(AddOp, false)
MIL_BINARY_VERIFIER(EqualOp, true)
MIL_BINARY_VERIFIER(FloorDivOp, false)
MIL_BINARY_VERIFIER(GreaterOp, true)
MIL_BINARY_VERIFIER(GreaterEqualOp, true)
MIL_BINARY_VERIFIER(LessOp, true)
MIL_BINARY_VERIFIER(LessEqualOp, true)
MIL_BINARY_VERIFIER(LogicalAndOp, true)
MIL_BINARY_VERIFIER(LogicalOrOp, true)
MIL_BINARY_VERIFIER(LogicalXorOp, true)
MIL_BINARY_VERIFIER(MaximumOp, false)
MIL_BINARY_VERIFIER(MinimumOp, false)
MIL_BINARY_VERIFIER(ModOp, false)
MIL_BINARY_VERIFIER(MulOp, false)
MIL_BINARY_VERIFIER(NotEqualOp, true)
MIL_BINARY_VERIFIER(PowOp, false)
MIL_BINARY_VERIFIER(RealDivOp, false)
MIL_BINARY_VERIFIER(SubOp, false)

#undef MIL_BINARY_VERIFIER

void mil::detail::registerElementwiseBinaryOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ElementwiseBinaryOps.cpp.inc"
      >();
}
