//===- MILDialect.h - the mil dialect ---------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_MILDIALECT_H
#define MIL_DIALECT_MILDIALECT_H

#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace mil {

/// How a MIL input (or an iOS16 constexpr parameter) maps onto the op.
enum class MILInputKind {
  Required,  ///< one operand
  Optional,  ///< zero or one operand
  Variadic,  ///< a tuple input: any number of operands
  Attribute, ///< an inherent attribute (iOS16 constexpr parameters)
};

/// One entry of an op's MIL input table.
struct MILInputInfo {
  const char *name;
  MILInputKind kind;
};

/// The MIL input table of op class `OpT`, in operand order; defined for
/// every MIL op by its generated code.
template <typename OpT> llvm::ArrayRef<MILInputInfo> getMILInputs();

} // namespace mil

#include "mil/Dialect/MILDialect.h.inc"

#endif // MIL_DIALECT_MILDIALECT_H
