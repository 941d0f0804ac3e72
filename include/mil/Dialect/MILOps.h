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

/// The MIL var name of `result`: its entry in the op's `outputs`
/// attribute, else the op's `name` (one result) or `name_i` (several);
/// "" when the op has no names.
std::string getMILResultName(mlir::OpResult result);

/// The operand range (start, length) of each non-attribute input of op
/// `op`'s MIL input table `table`, in table order.
llvm::SmallVector<std::pair<unsigned, unsigned>>
getMILInputOperandRanges(mlir::Operation *op,
                         llvm::ArrayRef<MILInputInfo> table);

/// A non-attribute input of an op's MIL input table and its operands.
struct MILInputOperands {
  const MILInputInfo *info;
  unsigned start;
  unsigned length;
};

/// Each non-attribute input of `table` with its operand range in `op`, in
/// table order: the walk every reader of an op's inputs by name needs.
llvm::SmallVector<MILInputOperands>
getMILInputOperandGroups(mlir::Operation *op,
                         llvm::ArrayRef<MILInputInfo> table);

/// One MIL input of an op being built: its MIL name and bound values (one,
/// or several for a tuple input).
struct MILInput {
  llvm::StringRef name;
  llvm::SmallVector<mlir::Value, 1> values;
};

/// Creates the MIL op of type `opType` ("linear") at `builder`'s insertion
/// point, placing `inputs` by their MIL names with the op's input table.
/// Unknown or missing required inputs, and op types the dialect does not
/// have, are errors at `loc`. `attrs` are added as they are; the op gets
/// `numRegions` empty regions.
mlir::FailureOr<mlir::Operation *>
buildMILOp(mlir::OpBuilder &builder, mlir::Location loc, llvm::StringRef opType,
           llvm::ArrayRef<MILInput> inputs, mlir::TypeRange resultTypes,
           llvm::ArrayRef<mlir::NamedAttribute> attrs = {},
           unsigned numRegions = 0);

/// The version of an ML program opset: 5 for "CoreML5" (iOS15) through 9 for
/// "CoreML9"; 0 for anything else.
unsigned getOpsetVersion(llvm::StringRef opset);

/// The opset version of the `mil.function` enclosing `op`, or 0 when `op` is
/// not inside one.
unsigned getEnclosingOpsetVersion(mlir::Operation *op);

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
