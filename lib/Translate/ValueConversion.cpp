//===- ValueConversion.cpp - MIL types and values <-> MLIR ----------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "ValueConversion.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Dialect/MILTypes.h"
#include "mil/Dialect/TensorData.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/Endian.h"

#include <cstring>

using namespace mlir;
using namespace mil;
using namespace mil::translate;

namespace {
struct DTypeRow {
  milspec::DataType dataType;
  const char *milName;
  std::optional<format::BlobDataType> blob;
};
} // namespace

static const DTypeRow kRows[] = {
    {milspec::BOOL, "bool", std::nullopt},
    {milspec::STRING, "string", std::nullopt},
    {milspec::FLOAT16, "fp16", format::BlobDataType::Float16},
    {milspec::FLOAT32, "fp32", format::BlobDataType::Float32},
    {milspec::FLOAT64, "fp64", std::nullopt},
    {milspec::BFLOAT16, "bf16", format::BlobDataType::BFloat16},
    {milspec::FLOAT8E4M3FN, "fp8e4m3fn", format::BlobDataType::Float8E4M3FN},
    {milspec::FLOAT8E5M2, "fp8e5m2", format::BlobDataType::Float8E5M2},
    {milspec::INT4, "int4", format::BlobDataType::Int4},
    {milspec::INT8, "int8", format::BlobDataType::Int8},
    {milspec::INT16, "int16", format::BlobDataType::Int16},
    {milspec::INT32, "int32", format::BlobDataType::Int32},
    {milspec::INT64, "int64", std::nullopt},
    {milspec::UINT1, "uint1", format::BlobDataType::UInt1},
    {milspec::UINT2, "uint2", format::BlobDataType::UInt2},
    {milspec::UINT3, "uint3", format::BlobDataType::UInt3},
    {milspec::UINT4, "uint4", format::BlobDataType::UInt4},
    {milspec::UINT6, "uint6", format::BlobDataType::UInt6},
    {milspec::UINT8, "uint8", format::BlobDataType::UInt8},
    {milspec::UINT16, "uint16", format::BlobDataType::UInt16},
    {milspec::UINT32, "uint32", format::BlobDataType::UInt32},
    {milspec::UINT64, "uint64", std::nullopt},
};

Type mil::translate::getElementType(MLIRContext *ctx, milspec::DataType type) {
  for (const DTypeRow &row : kRows)
    if (row.dataType == type)
      return getElementTypeForMILDType(ctx, row.milName);
  return {};
}

std::optional<milspec::DataType> mil::translate::getDataType(Type elementType) {
  StringRef name = getMILDTypeName(elementType);
  for (const DTypeRow &row : kRows)
    if (name == row.milName)
      return row.dataType;
  return std::nullopt;
}

std::optional<format::BlobDataType>
mil::translate::getBlobDataType(milspec::DataType type) {
  for (const DTypeRow &row : kRows)
    if (row.dataType == type)
      return row.blob;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// The most elements a tensor type may have: its size in bits (up to 64
/// per element) still fits in 64 bits.
static constexpr int64_t kMaxTensorElements = int64_t(1) << 56;

FailureOr<Type> mil::translate::importValueType(MLIRContext *ctx,
                                                const milspec::ValueType &type,
                                                Location loc) {
  switch (type.type_case()) {
  case milspec::ValueType::kTensorType: {
    const milspec::TensorType &tensor = type.tensortype();
    Type element = getElementType(ctx, tensor.datatype());
    if (!element)
      return emitError(loc) << "unknown or unused tensor data type "
                            << static_cast<int>(tensor.datatype());
    if (!tensor.attributes().empty())
      return emitError(loc) << "tensor types with attributes are not "
                               "supported";
    if (tensor.rank() == -1)
      return Type(UnrankedTensorType::get(element));
    if (tensor.rank() < 0 || tensor.rank() != tensor.dimensions_size())
      return emitError(loc)
             << "tensor type of rank " << tensor.rank() << " has "
             << tensor.dimensions_size() << " dimensions";
    SmallVector<int64_t> shape;
    // Sizes come from the file: a product that overflows would make the
    // element count (and the byte size checked against a blob) wrap around.
    uint64_t numElements = 1;
    for (const milspec::Dimension &dim : tensor.dimensions()) {
      if (dim.has_constant()) {
        uint64_t size = dim.constant().size();
        if (size > uint64_t(kMaxTensorElements) ||
            __builtin_mul_overflow(numElements, size, &numElements) ||
            numElements > uint64_t(kMaxTensorElements))
          return emitError(loc) << "tensor dimension of size " << size
                                << " makes the tensor larger than 2^56 "
                                   "elements";
        shape.push_back(static_cast<int64_t>(size));
      } else if (dim.has_unknown() && !dim.unknown().variadic()) {
        shape.push_back(ShapedType::kDynamic);
      } else {
        return emitError(loc) << "variadic or empty tensor dimensions are "
                                 "not supported";
      }
    }
    return Type(RankedTensorType::get(shape, element));
  }
  case milspec::ValueType::kListType: {
    FailureOr<Type> element = importValueType(ctx, type.listtype().type(), loc);
    if (failed(element))
      return failure();
    int64_t length = -1;
    if (type.listtype().length().has_constant()) {
      uint64_t size = type.listtype().length().constant().size();
      // -1 is "unknown length": a wrapped size must not turn into it.
      if (size > uint64_t(INT64_MAX))
        return emitError(loc) << "list length " << size << " is too large";
      length = static_cast<int64_t>(size);
    }
    return Type(ListType::get(ctx, *element, length));
  }
  case milspec::ValueType::kTupleType: {
    SmallVector<Type> types;
    for (const milspec::ValueType &t : type.tupletype().types()) {
      FailureOr<Type> converted = importValueType(ctx, t, loc);
      if (failed(converted))
        return failure();
      types.push_back(*converted);
    }
    return Type(TupleType::get(ctx, types));
  }
  case milspec::ValueType::kDictionaryType: {
    FailureOr<Type> key =
        importValueType(ctx, type.dictionarytype().keytype(), loc);
    FailureOr<Type> value =
        importValueType(ctx, type.dictionarytype().valuetype(), loc);
    if (failed(key) || failed(value))
      return failure();
    return Type(DictType::get(ctx, *key, *value));
  }
  case milspec::ValueType::kStateType: {
    FailureOr<Type> wrapped =
        importValueType(ctx, type.statetype().wrappedtype(), loc);
    if (failed(wrapped))
      return failure();
    return Type(StateType::get(ctx, *wrapped));
  }
  case milspec::ValueType::TYPE_NOT_SET:
    break;
  }
  return emitError(loc) << "value type is not set";
}

LogicalResult mil::translate::exportValueType(Type type,
                                              milspec::ValueType &out,
                                              Location loc) {
  if (auto tensor = dyn_cast<TensorType>(type)) {
    std::optional<milspec::DataType> dt = getDataType(tensor.getElementType());
    if (!dt)
      return emitError(loc) << "type " << type << " has no MIL data type";
    milspec::TensorType *t = out.mutable_tensortype();
    t->set_datatype(*dt);
    if (!tensor.hasRank()) {
      t->set_rank(-1);
      return success();
    }
    t->set_rank(tensor.getRank());
    for (int64_t dim : tensor.getShape()) {
      milspec::Dimension *d = t->add_dimensions();
      if (ShapedType::isDynamic(dim))
        d->mutable_unknown();
      else
        d->mutable_constant()->set_size(static_cast<uint64_t>(dim));
    }
    return success();
  }
  if (auto list = dyn_cast<ListType>(type)) {
    milspec::ListType *l = out.mutable_listtype();
    if (failed(exportValueType(list.getElementType(), *l->mutable_type(), loc)))
      return failure();
    if (list.getLength() >= 0)
      l->mutable_length()->mutable_constant()->set_size(list.getLength());
    else
      l->mutable_length()->mutable_unknown();
    return success();
  }
  if (auto tuple = dyn_cast<TupleType>(type)) {
    milspec::TupleType *t = out.mutable_tupletype();
    for (Type element : tuple.getTypes())
      if (failed(exportValueType(element, *t->add_types(), loc)))
        return failure();
    return success();
  }
  if (auto dict = dyn_cast<DictType>(type)) {
    milspec::DictionaryType *d = out.mutable_dictionarytype();
    if (failed(
            exportValueType(dict.getKeyType(), *d->mutable_keytype(), loc)) ||
        failed(
            exportValueType(dict.getValueType(), *d->mutable_valuetype(), loc)))
      return failure();
    return success();
  }
  if (auto state = dyn_cast<StateType>(type))
    return exportValueType(state.getWrappedType(),
                           *out.mutable_statetype()->mutable_wrappedtype(),
                           loc);
  return emitError(loc) << "type " << type << " is not a MIL value type";
}

static bool isBool(Type element) { return element.isSignlessInteger(1); }

//===----------------------------------------------------------------------===//
// Immediate tensor values
//===----------------------------------------------------------------------===//

template <typename T>
static std::vector<uint8_t> toLittleEndian(ArrayRef<T> values, size_t width) {
  std::vector<uint8_t> bytes(values.size() * width);
  for (size_t i = 0; i < values.size(); ++i) {
    uint64_t v = static_cast<uint64_t>(values[i]);
    for (size_t b = 0; b < width; ++b)
      bytes[i * width + b] = static_cast<uint8_t>(v >> (8 * b));
  }
  return bytes;
}

FailureOr<ElementsAttr> mil::translate::importTensorValue(
    ShapedType type, const milspec::TensorValue &value, Location loc) {
  Type element = type.getElementType();
  uint64_t count = type.getNumElements();
  auto checkCount = [&](uint64_t got) -> LogicalResult {
    if (got != count)
      return emitError(loc)
             << "immediate value has " << got << " elements but its type "
             << type << " has " << count;
    return success();
  };
  switch (value.value_case()) {
  case milspec::TensorValue::kStrings: {
    if (!isa<StringType>(element))
      break;
    if (failed(checkCount(value.strings().values_size())))
      return failure();
    SmallVector<StringRef> strs(value.strings().values().begin(),
                                value.strings().values().end());
    return ElementsAttr(DenseStringElementsAttr::get(type, strs));
  }
  case milspec::TensorValue::kFloats: {
    const auto &v = value.floats().values();
    if (failed(checkCount(v.size())))
      return failure();
    if (element.isF32())
      return ElementsAttr(
          DenseElementsAttr::get(type, ArrayRef<float>(v.data(), v.size())));
    break;
  }
  case milspec::TensorValue::kDoubles: {
    const auto &v = value.doubles().values();
    if (failed(checkCount(v.size())))
      return failure();
    if (element.isF64())
      return ElementsAttr(
          DenseElementsAttr::get(type, ArrayRef<double>(v.data(), v.size())));
    break;
  }
  case milspec::TensorValue::kBools: {
    const auto &v = value.bools().values();
    if (failed(checkCount(v.size())))
      return failure();
    if (isBool(element)) {
      SmallVector<bool> bools(v.begin(), v.end());
      return ElementsAttr(DenseElementsAttr::get(type, bools));
    }
    break;
  }
  case milspec::TensorValue::kInts: {
    const auto &v = value.ints().values();
    if (failed(checkCount(v.size())))
      return failure();
    if (!element.isInteger() || element.getIntOrFloatBitWidth() < 8 ||
        element.getIntOrFloatBitWidth() > 32)
      break;
    unsigned width = element.getIntOrFloatBitWidth() / 8;
    return makeDenseFromPackedBytes(
        type, toLittleEndian(ArrayRef<int32_t>(v.data(), v.size()), width),
        loc);
  }
  case milspec::TensorValue::kLongInts: {
    const auto &v = value.longints().values();
    if (failed(checkCount(v.size())))
      return failure();
    if (!element.isInteger(64))
      break;
    return makeDenseFromPackedBytes(
        type, toLittleEndian(ArrayRef<int64_t>(v.data(), v.size()), 8), loc);
  }
  case milspec::TensorValue::kBytes: {
    // Raw bytes encode numbers only (not strings, whose width is unknown).
    if (!element.isIntOrFloat())
      break;
    const std::string &b = value.bytes().values();
    return makeDenseFromPackedBytes(
        type,
        ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(b.data()),
                          b.size()),
        loc);
  }
  case milspec::TensorValue::VALUE_NOT_SET:
    return emitError(loc) << "immediate tensor value is not set";
  }
  return emitError(loc) << "immediate value encoding does not fit its type "
                        << type;
}

template <typename T>
static void fromLittleEndian(ArrayRef<uint8_t> bytes, size_t width,
                             bool isSigned, T add) {
  for (size_t i = 0; i + width <= bytes.size(); i += width) {
    uint64_t v = 0;
    for (size_t b = 0; b < width; ++b)
      v |= static_cast<uint64_t>(bytes[i + b]) << (8 * b);
    if (isSigned && width < 8 && (v >> (8 * width - 1)) & 1)
      v |= ~0ull << (8 * width);
    add(v);
  }
}

LogicalResult mil::translate::exportTensorValue(ElementsAttr attr,
                                                milspec::TensorValue &out,
                                                Location loc) {
  auto type = cast<ShapedType>(attr.getType());
  Type element = type.getElementType();
  if (isa<StringType>(element)) {
    auto strings = dyn_cast<DenseStringElementsAttr>(attr);
    if (!strings)
      return emitError(loc) << "string constant is not a dense string array";
    auto *values = out.mutable_strings()->mutable_values();
    for (StringRef s : strings.getRawStringData())
      values->Add(s.str());
    if (strings.isSplat())
      for (int64_t i = 1; i < type.getNumElements(); ++i)
        values->Add(std::string(strings.getRawStringData()[0]));
    return success();
  }
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
  if (failed(bytes))
    return failure();
  std::optional<milspec::DataType> dt = getDataType(element);
  switch (dt.value_or(milspec::UNUSED_TYPE)) {
  case milspec::BOOL: {
    auto *values = out.mutable_bools()->mutable_values();
    for (uint8_t b : *bytes)
      values->Add(b != 0);
    return success();
  }
  case milspec::FLOAT32: {
    auto *values = out.mutable_floats()->mutable_values();
    fromLittleEndian(*bytes, 4, false, [&](uint64_t v) {
      uint32_t bits = static_cast<uint32_t>(v);
      float f;
      std::memcpy(&f, &bits, 4);
      values->Add(f);
    });
    return success();
  }
  case milspec::FLOAT64: {
    auto *values = out.mutable_doubles()->mutable_values();
    fromLittleEndian(*bytes, 8, false, [&](uint64_t v) {
      double d;
      std::memcpy(&d, &v, 8);
      values->Add(d);
    });
    return success();
  }
  case milspec::INT16:
  case milspec::UINT16:
  case milspec::INT32: {
    auto *values = out.mutable_ints()->mutable_values();
    size_t width = element.getIntOrFloatBitWidth() / 8;
    fromLittleEndian(*bytes, width, !element.isUnsignedInteger(),
                     [&](uint64_t v) { values->Add(static_cast<int32_t>(v)); });
    return success();
  }
  case milspec::INT64:
  case milspec::UINT64: {
    auto *values = out.mutable_longints()->mutable_values();
    fromLittleEndian(*bytes, 8, false,
                     [&](uint64_t v) { values->Add(static_cast<int64_t>(v)); });
    return success();
  }
  case milspec::UNUSED_TYPE:
  case milspec::STRING:
    return emitError(loc) << "type " << type << " has no MIL encoding";
  default:
    // fp16, bf16, fp8, int8, uint8, uint32 and sub-byte types: raw bytes.
    out.mutable_bytes()->set_values(std::string(
        reinterpret_cast<const char *>(bytes->data()), bytes->size()));
    return success();
  }
}

bool mil::translate::shouldUseBlob(ShapedType type, int specificationVersion) {
  if (!type.hasStaticShape() || type.getNumElements() < 10)
    return false;
  std::optional<milspec::DataType> dt = getDataType(type.getElementType());
  if (!dt)
    return false;
  switch (*dt) {
  case milspec::FLOAT16:
  case milspec::FLOAT32:
  case milspec::UINT8:
  case milspec::INT8:
  case milspec::INT4:
  case milspec::UINT1:
  case milspec::UINT2:
  case milspec::UINT3:
  case milspec::UINT4:
  case milspec::UINT6:
    return true;
  case milspec::INT16:
  case milspec::UINT16:
  case milspec::INT32:
  case milspec::UINT32:
    return specificationVersion >= 9;
  default:
    return false;
  }
}
