//===- MILOps.h - every op of the mil dialect -------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_MILOPS_H
#define MIL_DIALECT_MILOPS_H

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILTypes.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mil {

/// Names the results of a MIL op after its MIL output names (the `outputs`
/// attribute, else the `name` attribute) when IR is printed.
void setMILResultNames(mlir::Operation *op, mlir::OpAsmSetValueNameFn setName);

/// The MIL name of `op` (its `name` attribute), or "" if it has none.
llvm::StringRef getMILOpName(mlir::Operation *op);

} // namespace mil

#define GET_OP_CLASSES
#include "mil/Dialect/CoreOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ActivationOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ElementwiseBinaryOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ElementwiseUnaryOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ConvOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/LinearOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/NormalizationOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/PoolOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ReductionOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/TensorOperationOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/TensorTransformationOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ScatterGatherOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ControlFlowOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/StateOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/RecurrentOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ImageOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ClassifyOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/RandomOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/QuantizationOps.h.inc"
#define GET_OP_CLASSES
#include "mil/Dialect/ConstexprOps.h.inc"

#endif // MIL_DIALECT_MILOPS_H
