//===- VerifyUtils.h - helpers shared by the op verifiers -------*- C++ -*-===//
//
// Part of mil-mlir. Private to the dialect library.
//
// Small type queries and checks that the verifiers of several op families
// share. Each check emits its error on `op` and returns failure.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_OPS_VERIFYUTILS_H
#define MIL_DIALECT_OPS_VERIFYUTILS_H

#include "mil/Dialect/MILOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace mil::verify {

//===----------------------------------------------------------------------===//
// Type queries
//===----------------------------------------------------------------------===//

/// The ranked type of `v`, or null when `v` is absent or unranked.
inline mlir::RankedTensorType ranked(mlir::Value v) {
  return v ? llvm::dyn_cast<mlir::RankedTensorType>(v.getType())
           : mlir::RankedTensorType();
}

/// The element type of the shaped value `v`.
inline mlir::Type elementType(mlir::Value v) {
  return llvm::cast<mlir::ShapedType>(v.getType()).getElementType();
}

/// Whether the dim size `dim` is static.
inline bool isStatic(int64_t dim) { return !mlir::ShapedType::isDynamic(dim); }

/// Whether two dim sizes are both static and differ.
inline bool conflict(int64_t a, int64_t b) {
  return isStatic(a) && isStatic(b) && a != b;
}

/// The rank of `type` when it is a ranked tensor.
inline std::optional<int64_t> rankOf(mlir::Type type) {
  if (auto ranked = llvm::dyn_cast<mlir::RankedTensorType>(type))
    return ranked.getRank();
  return std::nullopt;
}

/// The length of `type` when it is a 1-D tensor of static size.
inline std::optional<int64_t> staticLength(mlir::Type type) {
  auto ranked = llvm::dyn_cast<mlir::RankedTensorType>(type);
  if (!ranked || ranked.getRank() != 1 || ranked.isDynamicDim(0))
    return std::nullopt;
  return ranked.getDimSize(0);
}

/// The number of elements of `type` when its shape is static.
inline std::optional<int64_t> staticNumElements(mlir::Type type) {
  auto ranked = llvm::dyn_cast<mlir::RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return std::nullopt;
  return ranked.getNumElements();
}

/// True when `op` sits in a `mil.function` whose opset predates iOS17
/// (CoreML5 = iOS15, CoreML6 = iOS16); false when there is no such function.
inline bool isBeforeIOS17(mlir::Operation *op) {
  unsigned version = getEnclosingOpsetVersion(op);
  return version != 0 && version < 7;
}

/// Prints a shape as `[2, ?, 3]`.
inline std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string str;
  llvm::raw_string_ostream os(str);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (mlir::ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return str;
}

//===----------------------------------------------------------------------===//
// Checks
//===----------------------------------------------------------------------===//

/// `what` ("input 'x'", "result 'output'") must have rank `rank` when ranked;
/// `why`, when given, is printed after the expected rank.
inline mlir::LogicalResult verifyRank(mlir::Operation *op, llvm::StringRef what,
                                      mlir::Type type, int64_t rank,
                                      llvm::StringRef why = "") {
  std::optional<int64_t> actual = rankOf(type);
  if (!actual || *actual == rank)
    return mlir::success();
  mlir::InFlightDiagnostic diag = op->emitOpError()
                                  << what << " must have rank " << rank;
  if (!why.empty())
    diag << " (" << why << ")";
  return diag << ", got " << *actual;
}

/// `what` must have the element type of `refName` (of type `ref`).
inline mlir::LogicalResult verifySameElementType(mlir::Operation *op,
                                                 llvm::StringRef what,
                                                 mlir::Type type,
                                                 llvm::StringRef refName,
                                                 mlir::Type ref) {
  mlir::Type elem = mlir::getElementTypeOrSelf(type);
  mlir::Type refElem = mlir::getElementTypeOrSelf(ref);
  if (elem == refElem)
    return mlir::success();
  return op->emitOpError() << what << " must have the element type of '"
                           << refName << "' (" << refElem << "), got " << elem;
}

/// Checks that the optional int32 vector `v` (`name`) is 1-D with `len`
/// entries (`what` says why) when its size is static.
inline mlir::LogicalResult verifyVector(mlir::Operation *op, mlir::Value v,
                                        llvm::StringRef name, int64_t len,
                                        llvm::StringRef what) {
  mlir::RankedTensorType type = ranked(v);
  if (!type)
    return mlir::success();
  if (type.getRank() != 1)
    return op->emitOpError()
           << "input '" << name << "' must be 1-D, got rank " << type.getRank();
  if (conflict(type.getDimSize(0), len))
    return op->emitOpError()
           << "input '" << name << "' must have " << len << " entries (" << what
           << "), got " << type.getDimSize(0);
  return mlir::success();
}

/// Result `output` must have the type of `x`: the same dtype and a compatible
/// shape.
inline mlir::LogicalResult verifyOutputLikeX(mlir::Operation *op, mlir::Value x,
                                             mlir::Value output) {
  auto xType = llvm::cast<mlir::TensorType>(x.getType());
  auto outType = llvm::cast<mlir::TensorType>(output.getType());
  if (xType.getElementType() != outType.getElementType())
    return op->emitOpError()
           << "result 'output' must have the dtype of 'x' ("
           << getMILDTypeName(xType.getElementType()) << "), got "
           << getMILDTypeName(outType.getElementType());
  if (failed(mlir::verifyCompatibleShape(xType, outType)))
    return op->emitOpError()
           << "result 'output' must have the shape of 'x', got " << outType
           << " for " << xType;
  return mlir::success();
}

} // namespace mil::verify

#endif // MIL_DIALECT_OPS_VERIFYUTILS_H
