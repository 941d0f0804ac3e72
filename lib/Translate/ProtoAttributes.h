//===- ProtoAttributes.h - protobuf messages <-> MLIR attributes -*- C++
//-*-===//
//
// Part of mil-mlir. Private to lib/Translate.
//
// Mirrors any protobuf message as a DictionaryAttr, field by field, through
// reflection: what the dialect does not model (model description, metadata,
// program and op attributes) is carried this way and written back unchanged.
//
//   message  -> DictionaryAttr keyed by field name (set fields only; an empty
//               dictionary for a set empty message, so oneof cases survive)
//   repeated -> ArrayAttr; map<string, V> -> DictionaryAttr
//   integers -> IntegerAttr (i32/i64/ui32/ui64), float/double -> FloatAttr,
//   bool -> BoolAttr, string/bytes -> StringAttr, enum -> its value's name
//   unknown fields -> "_unknown": their raw bytes
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_TRANSLATE_PROTOATTRIBUTES_H
#define MIL_LIB_TRANSLATE_PROTOATTRIBUTES_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

namespace google::protobuf {
class Message;
} // namespace google::protobuf

namespace mil::translate {

/// The dictionary mirroring `message`.
mlir::DictionaryAttr messageToAttr(mlir::MLIRContext *ctx,
                                   const google::protobuf::Message &message);

/// Fills `message` (which must be empty) from `attr`; fails with a
/// diagnostic at `loc` if the attribute does not fit the message.
mlir::LogicalResult attrToMessage(mlir::DictionaryAttr attr,
                                  google::protobuf::Message &message,
                                  mlir::Location loc);

} // namespace mil::translate

#endif // MIL_LIB_TRANSLATE_PROTOATTRIBUTES_H
