//===- MILTypes.cpp - MIL types builtins lack -------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILTypes.h"
#include "mil/Dialect/MILDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mil;

#define GET_TYPEDEF_CLASSES
#include "mil/Dialect/MILTypes.cpp.inc"

void MILDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "mil/Dialect/MILTypes.cpp.inc"
      >();
}

namespace {
/// One row of the MIL dtype table: the name MIL uses and how to build the
/// builtin type it maps to.
struct DTypeEntry {
  StringLiteral name;
  Type (*get)(MLIRContext *);
};
} // namespace

static Type signlessInt(MLIRContext *ctx, unsigned width) {
  return IntegerType::get(ctx, width);
}
static Type unsignedInt(MLIRContext *ctx, unsigned width) {
  return IntegerType::get(ctx, width, IntegerType::Unsigned);
}

// The MIL dtype <-> builtin type table (docs/Architecture.md repeats it).
static const DTypeEntry kDTypes[] = {
    {"bool", [](MLIRContext *c) { return signlessInt(c, 1); }},
    {"string", [](MLIRContext *c) -> Type { return StringType::get(c); }},
    {"fp16", [](MLIRContext *c) -> Type { return Float16Type::get(c); }},
    {"fp32", [](MLIRContext *c) -> Type { return Float32Type::get(c); }},
    {"fp64", [](MLIRContext *c) -> Type { return Float64Type::get(c); }},
    {"bf16", [](MLIRContext *c) -> Type { return BFloat16Type::get(c); }},
    {"fp8e4m3fn",
     [](MLIRContext *c) -> Type { return Float8E4M3FNType::get(c); }},
    {"fp8e5m2", [](MLIRContext *c) -> Type { return Float8E5M2Type::get(c); }},
    {"int4", [](MLIRContext *c) { return signlessInt(c, 4); }},
    {"int8", [](MLIRContext *c) { return signlessInt(c, 8); }},
    {"int16", [](MLIRContext *c) { return signlessInt(c, 16); }},
    {"int32", [](MLIRContext *c) { return signlessInt(c, 32); }},
    {"int64", [](MLIRContext *c) { return signlessInt(c, 64); }},
    {"uint1", [](MLIRContext *c) { return unsignedInt(c, 1); }},
    {"uint2", [](MLIRContext *c) { return unsignedInt(c, 2); }},
    {"uint3", [](MLIRContext *c) { return unsignedInt(c, 3); }},
    {"uint4", [](MLIRContext *c) { return unsignedInt(c, 4); }},
    {"uint6", [](MLIRContext *c) { return unsignedInt(c, 6); }},
    {"uint8", [](MLIRContext *c) { return unsignedInt(c, 8); }},
    {"uint16", [](MLIRContext *c) { return unsignedInt(c, 16); }},
    {"uint32", [](MLIRContext *c) { return unsignedInt(c, 32); }},
    {"uint64", [](MLIRContext *c) { return unsignedInt(c, 64); }},
};

StringRef mil::getMILDTypeName(Type type) {
  if (!type)
    return {};
  for (const DTypeEntry &entry : kDTypes)
    if (entry.get(type.getContext()) == type)
      return entry.name;
  return {};
}

Type mil::getElementTypeForMILDType(MLIRContext *ctx, StringRef name) {
  for (const DTypeEntry &entry : kDTypes)
    if (entry.name == name)
      return entry.get(ctx);
  return {};
}

bool mil::isMILElementType(Type type) { return !getMILDTypeName(type).empty(); }

bool mil::isMILValueType(Type type) {
  if (auto tensor = dyn_cast<TensorType>(type))
    return isMILElementType(tensor.getElementType());
  if (auto tuple = dyn_cast<TupleType>(type))
    return llvm::all_of(tuple.getTypes(), isMILValueType);
  return isa<ListType, DictType, StateType>(type);
}

unsigned mil::getMILElementBitWidth(Type type) {
  if (isa<StringType>(type))
    return 0;
  if (type.isInteger(1) && type.isSignlessInteger())
    return 8; // bool takes a byte in memory
  return type.getIntOrFloatBitWidth();
}

LogicalResult ListType::verify(function_ref<InFlightDiagnostic()> emitError,
                               Type elementType, int64_t length) {
  if (!isMILValueType(elementType))
    return emitError() << "list element type " << elementType
                       << " is not a MIL value type";
  if (length < -1)
    return emitError() << "list length must be -1 (unknown) or >= 0, got "
                       << length;
  return success();
}

LogicalResult StateType::verify(function_ref<InFlightDiagnostic()> emitError,
                                Type wrappedType) {
  auto tensor = llvm::dyn_cast<TensorType>(wrappedType);
  if (!tensor || !isMILElementType(tensor.getElementType()))
    return emitError() << "state must wrap a MIL tensor type, got "
                       << wrappedType;
  return success();
}
