//===- ConstexprEval.h - dense values of constexpr ops ----------*- C++ -*-===//
//
// Part of mil-mlir. Computes what a `constexpr_*` op materializes, with the
// kernels of lib/Compression, from the constant values of its parameters.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_CONSTEXPREVAL_H
#define MIL_DIALECT_CONSTEXPREVAL_H

#include "mil/Compression/ErrorStats.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>

namespace mil {

/// True for the `mil.constexpr_*` ops.
bool isConstexprOp(mlir::Operation *op);

/// The value of each result of constexpr op `op`. `valueOf` gives the
/// constant value of an operand (null if it has none); iOS16 parameters are
/// read from the op's attributes. Results are `dense_resource` attributes
/// named after `name`. Failures are emitted on `op`.
mlir::FailureOr<llvm::SmallVector<mlir::ElementsAttr>>
evaluateConstexpr(mlir::Operation *op,
                  llvm::function_ref<mlir::ElementsAttr(mlir::Value)> valueOf,
                  llvm::StringRef name);

/// evaluateConstexpr of `op` after the constexpr ops its operands come
/// from, each evaluated once: every result is memoized in `values` (the
/// caller owns them, e.g. to free them with releaseResourceData). Results
/// are named after their op's MIL name followed by `suffix`.
mlir::FailureOr<llvm::SmallVector<mlir::ElementsAttr>>
evaluateConstexprChain(mlir::Operation *op,
                       llvm::DenseMap<mlir::Value, mlir::ElementsAttr> &values,
                       llvm::StringRef suffix);

/// The error (ErrorStats.h) of the value of constexpr op `op` against
/// `reference`, for the ops whose kernel measures it while it reconstructs
/// it in small pieces (constexpr_blockwise_shift_scale): no dense value is
/// made, and the figures are those of measureError on evaluateConstexpr's
/// result. std::nullopt for other ops, for element types the error is not
/// measured in, and when the inputs do not check out (evaluateConstexpr
/// then reports why).
std::optional<compression::ErrorStats> measureConstexprError(
    mlir::Operation *op,
    llvm::function_ref<mlir::ElementsAttr(mlir::Value)> valueOf,
    mlir::ElementsAttr reference);

} // namespace mil

#endif // MIL_DIALECT_CONSTEXPREVAL_H
