//===- Passes.h - mil-mlir passes -------------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_PASSES_H
#define MIL_PASSES_PASSES_H

#include "mil/Dialect/MILDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mil {

#define GEN_PASS_DECL
#include "mil/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mil/Passes/Passes.h.inc"

} // namespace mil

#endif // MIL_PASSES_PASSES_H
