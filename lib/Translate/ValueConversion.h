//===- ValueConversion.h - MIL types and values <-> MLIR --------*- C++ -*-===//
//
// Part of mil-mlir. Private to lib/Translate.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_TRANSLATE_VALUECONVERSION_H
#define MIL_LIB_TRANSLATE_VALUECONVERSION_H

#include "MIL.pb.h"

#include "mil/Format/BlobStorage.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"

#include <optional>
#include <vector>

namespace mil::translate {

namespace milspec = CoreML::Specification::MILSpec;

/// The element type of a MIL DataType, or null (UNUSED_TYPE, unknown).
mlir::Type getElementType(mlir::MLIRContext *ctx, milspec::DataType type);
/// The DataType of an element type, or nullopt if it is not a MIL dtype.
std::optional<milspec::DataType> getDataType(mlir::Type elementType);
/// The blob data type storing `type`, or nullopt if it cannot be a blob.
std::optional<format::BlobDataType> getBlobDataType(milspec::DataType type);

/// ValueType <-> MLIR type.
mlir::FailureOr<mlir::Type> importValueType(mlir::MLIRContext *ctx,
                                            const milspec::ValueType &type,
                                            mlir::Location loc);
mlir::LogicalResult exportValueType(mlir::Type type, milspec::ValueType &out,
                                    mlir::Location loc);

/// TensorValue <-> ElementsAttr for immediate values.
mlir::FailureOr<mlir::ElementsAttr>
importTensorValue(mlir::ShapedType type, const milspec::TensorValue &value,
                  mlir::Location loc);
mlir::LogicalResult exportTensorValue(mlir::ElementsAttr attr,
                                      milspec::TensorValue &out,
                                      mlir::Location loc);

/// coremltools' rule for storing a tensor in weight.bin rather than inline
/// (formats.md 5.1): at least 10 elements of fp16/fp32/uint8/int8 or a
/// sub-byte type, plus int16/uint16/int32/uint32 from specification 9 on.
bool shouldUseBlob(mlir::ShapedType type, int specificationVersion);

} // namespace mil::translate

#endif // MIL_LIB_TRANSLATE_VALUECONVERSION_H
