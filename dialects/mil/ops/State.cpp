//===- State.cpp - MIL state ops -------------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/StateOps.cpp.inc"

/// The tensor type the state `input` wraps.
static Type getWrappedType(Value state) {
  return cast<StateType>(state.getType()).getWrappedType();
}

LogicalResult ReadStateOp::verify() {
  Type wrapped = getWrappedType(getInput());
  if (getOutput().getType() != wrapped)
    return emitOpError() << "output must have the type wrapped by input "
                            "'input' ("
                         << wrapped << "), got " << getOutput().getType();
  return success();
}

LogicalResult WriteStateOp::verify() {
  Type wrapped = getWrappedType(getInput());
  if (getData().getType() != wrapped)
    return emitOpError() << "input 'data' must have the type wrapped by "
                            "input 'input' ("
                         << wrapped << "), got " << getData().getType();
  return success();
}

void mil::detail::registerStateOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/StateOps.cpp.inc"
      >();
}
