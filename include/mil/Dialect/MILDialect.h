//===- MILDialect.h - the mil dialect ---------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_MILDIALECT_H
#define MIL_DIALECT_MILDIALECT_H

#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpImplementation.h"

#include "mil/Dialect/MILDialect.h.inc"

#endif // MIL_DIALECT_MILDIALECT_H
