//===- Pool.cpp - MIL Pool ops ---------------------------------*- C++ -*-===//
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
#include "mil/Dialect/PoolOps.cpp.inc"

/// The checks every pooling op shares: `x` has 1 to `maxSpatial` spatial
/// dims, the vectors have one (`pad`: two) entries per spatial dim, and the
/// output is `[n, C, *D_out]` with the element type of `x`.
static LogicalResult verifyPool(Operation *op, Value xValue, Value kernelSizes,
                                Value strides, Value pad, Value outputValue,
                                int64_t maxSpatial) {
  Type xElem = cast<ShapedType>(xValue.getType()).getElementType();
  Type outElem = cast<ShapedType>(outputValue.getType()).getElementType();
  if (outElem != xElem)
    return op->emitOpError()
           << "result 'output' must have the element type of 'x' (" << xElem
           << "), got " << outElem;
  RankedTensorType x = ranked(xValue), output = ranked(outputValue);
  if (!x)
    return success();
  int64_t rank = x.getRank();
  if (rank < 3 || rank > maxSpatial + 2)
    return op->emitOpError() << "input 'x' must have rank 3 to "
                             << maxSpatial + 2 << " ([n, C, *D_in] with 1 to "
                             << maxSpatial << " spatial dims), got " << rank;
  int64_t spatial = rank - 2;
  if (failed(verifyVector(op, kernelSizes, "kernel_sizes", spatial,
                          "one per spatial dim")) ||
      failed(verifyVector(op, strides, "strides", spatial,
                          "one per spatial dim")) ||
      failed(verifyVector(op, pad, "pad", 2 * spatial, "two per spatial dim")))
    return failure();
  if (!output)
    return success();
  if (output.getRank() != rank)
    return op->emitOpError() << "result 'output' must have the rank of 'x' ("
                             << rank << "), got " << output.getRank();
  for (int64_t i = 0; i < 2; ++i)
    if (conflict(output.getDimSize(i), x.getDimSize(i)))
      return op->emitOpError()
             << "result 'output' must match 'x' in dim " << i << " ("
             << x.getDimSize(i) << "), got " << output.getDimSize(i);
  return success();
}

LogicalResult AvgPoolOp::verify() {
  return verifyPool(*this, getX(), getKernelSizes(), getStrides(), getPad(),
                    getOutput(), /*maxSpatial=*/3);
}

LogicalResult L2PoolOp::verify() {
  return verifyPool(*this, getX(), getKernelSizes(), getStrides(), getPad(),
                    getOutput(), /*maxSpatial=*/2);
}

LogicalResult MaxPoolOp::verify() {
  return verifyPool(*this, getX(), getKernelSizes(), getStrides(), getPad(),
                    getOutput(), /*maxSpatial=*/3);
}

void mil::detail::registerPoolOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/PoolOps.cpp.inc"
      >();
}
