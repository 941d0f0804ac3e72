//===- Conv.cpp - MIL Conv ops ---------------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/ConvOps.cpp.inc"

LogicalResult ConvOp::verify() {
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  auto weight = dyn_cast<RankedTensorType>(getWeight().getType());
  if (x && (x.getRank() < 3 || x.getRank() > 5))
    return emitOpError() << "input 'x' must have rank 3, 4 or 5 "
                            "([n, C_in, *d_in] with 1 to 3 spatial dims), got "
                         << x.getRank();
  if (x && weight && weight.getRank() != x.getRank())
    return emitOpError() << "input 'weight' must have the rank of 'x' ("
                         << x.getRank() << "), got " << weight.getRank();
  return success();
}

void mil::detail::registerConvOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ConvOps.cpp.inc"
      >();
}
