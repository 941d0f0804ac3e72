//===- MILTypes.h - MIL types builtins lack ---------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_MILTYPES_H
#define MIL_DIALECT_MILTYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#define GET_TYPEDEF_CLASSES
#include "mil/Dialect/MILTypes.h.inc"

namespace mil {

/// True if `type` is an element type a MIL tensor may hold.
bool isMILElementType(mlir::Type type);

/// True if `type` is a MIL value type: a tensor of a MIL element type, a
/// list, dictionary, tuple or state.
bool isMILValueType(mlir::Type type);

/// The MIL dtype name of an element type ("fp16", "int32", "uint4", ...), or
/// "" when `type` is not a MIL element type.
llvm::StringRef getMILDTypeName(mlir::Type type);

/// The element type for a MIL dtype name, or null for an unknown name.
mlir::Type getElementTypeForMILDType(mlir::MLIRContext *ctx,
                                     llvm::StringRef name);

/// Bits one element of `type` takes in a packed MIL tensor (1 for uint1, 16
/// for fp16, ...); 0 for strings.
unsigned getMILElementBitWidth(mlir::Type type);

} // namespace mil

#endif // MIL_DIALECT_MILTYPES_H
