//===- Reduction.cpp - MIL Reduction ops -----------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/ReductionOps.cpp.inc"

/// The checks every reduction shares. `x` must be at least 1-D; with
/// `keepElementType` (reductions over `axes`) the output keeps the element
/// type of `x`. `numReduced` is how many dims are reduced when known (-1
/// otherwise); `keepDimsGiven` says whether `keep_dims` is an operand (when
/// it is not, it is false and the reduced dims are dropped).
static LogicalResult verifyReduction(Operation *op, Value xValue,
                                     Value outputValue, bool keepElementType,
                                     int64_t numReduced, bool keepDimsGiven) {
  auto xType = cast<ShapedType>(xValue.getType());
  auto outType = cast<ShapedType>(outputValue.getType());
  if (keepElementType && outType.getElementType() != xType.getElementType())
    return op->emitOpError()
           << "result 'output' must have the element type of 'x' ("
           << xType.getElementType() << "), got " << outType.getElementType();
  if (!xType.hasRank())
    return success();
  int64_t rank = xType.getRank();
  if (rank < 1)
    return op->emitOpError() << "input 'x' must be at least 1-D";
  if (numReduced < 0 || !outType.hasRank())
    return success();
  int64_t dropped = rank - numReduced;
  int64_t outRank = outType.getRank();
  if (!keepDimsGiven && outRank != dropped)
    return op->emitOpError()
           << "result 'output' must have rank " << dropped << " (rank " << rank
           << " of 'x' less " << numReduced
           << " reduced dims, 'keep_dims' being false), got " << outRank;
  if (keepDimsGiven && outRank != dropped && outRank != rank)
    return op->emitOpError() << "result 'output' must have rank " << rank
                             << " or " << dropped << " (with or without the "
                             << numReduced << " reduced dims), got " << outRank;
  return success();
}

/// Reductions over `axes`: `axes` is 1-D; without it every dim is reduced.
template <typename OpTy> static LogicalResult verifyAxesReduction(OpTy op) {
  int64_t numReduced = -1;
  auto xType = cast<ShapedType>(op.getX().getType());
  if (Value axes = op.getAxes()) {
    auto axesType = dyn_cast<RankedTensorType>(axes.getType());
    if (axesType && axesType.getRank() != 1)
      return op.emitOpError()
             << "input 'axes' must be 1-D, got rank " << axesType.getRank();
    if (axesType && !axesType.isDynamicDim(0))
      numReduced = axesType.getDimSize(0);
  } else if (xType.hasRank()) {
    numReduced = xType.getRank();
  }
  return verifyReduction(op, op.getX(), op.getOutput(),
                         /*keepElementType=*/true, numReduced,
                         static_cast<bool>(op.getKeepDims()));
}

/// reduce_argmax / reduce_argmin reduce the single dim `axis`.
template <typename OpTy> static LogicalResult verifyArgReduction(OpTy op) {
  return verifyReduction(op, op.getX(), op.getOutput(),
                         /*keepElementType=*/false, /*numReduced=*/1,
                         static_cast<bool>(op.getKeepDims()));
}

LogicalResult ReduceArgmaxOp::verify() { return verifyArgReduction(*this); }
LogicalResult ReduceArgminOp::verify() { return verifyArgReduction(*this); }
LogicalResult ReduceL1NormOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceL2NormOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceLogSumOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceLogSumExpOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceMaxOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceMeanOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceMinOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceProdOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceSumOp::verify() { return verifyAxesReduction(*this); }
LogicalResult ReduceSumSquareOp::verify() { return verifyAxesReduction(*this); }

void mil::detail::registerReductionOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ReductionOps.cpp.inc"
      >();
}
