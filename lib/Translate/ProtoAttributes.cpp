//===- ProtoAttributes.cpp - protobuf messages <-> MLIR attributes --------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "ProtoAttributes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

using namespace mlir;
using namespace mil::translate;
namespace pb = google::protobuf;

static constexpr llvm::StringLiteral kUnknown = "_unknown";

static Attribute scalarToAttr(Builder &b, const pb::Message &msg,
                              const pb::FieldDescriptor *field, int index) {
  const pb::Reflection *r = msg.GetReflection();
  bool rep = field->is_repeated();
  switch (field->cpp_type()) {
  case pb::FieldDescriptor::CPPTYPE_INT32:
    return b.getI32IntegerAttr(rep ? r->GetRepeatedInt32(msg, field, index)
                                   : r->GetInt32(msg, field));
  case pb::FieldDescriptor::CPPTYPE_INT64:
    return b.getI64IntegerAttr(rep ? r->GetRepeatedInt64(msg, field, index)
                                   : r->GetInt64(msg, field));
  case pb::FieldDescriptor::CPPTYPE_UINT32:
    return b.getIntegerAttr(b.getIntegerType(32, /*isSigned=*/false),
                            rep ? r->GetRepeatedUInt32(msg, field, index)
                                : r->GetUInt32(msg, field));
  case pb::FieldDescriptor::CPPTYPE_UINT64:
    return b.getIntegerAttr(
        b.getIntegerType(64, /*isSigned=*/false),
        APInt(64, rep ? r->GetRepeatedUInt64(msg, field, index)
                      : r->GetUInt64(msg, field)));
  case pb::FieldDescriptor::CPPTYPE_FLOAT:
    return b.getF32FloatAttr(rep ? r->GetRepeatedFloat(msg, field, index)
                                 : r->GetFloat(msg, field));
  case pb::FieldDescriptor::CPPTYPE_DOUBLE:
    return b.getF64FloatAttr(rep ? r->GetRepeatedDouble(msg, field, index)
                                 : r->GetDouble(msg, field));
  case pb::FieldDescriptor::CPPTYPE_BOOL:
    return b.getBoolAttr(rep ? r->GetRepeatedBool(msg, field, index)
                             : r->GetBool(msg, field));
  case pb::FieldDescriptor::CPPTYPE_STRING:
    return b.getStringAttr(rep ? r->GetRepeatedString(msg, field, index)
                               : r->GetString(msg, field));
  case pb::FieldDescriptor::CPPTYPE_ENUM: {
    int value = rep ? r->GetRepeatedEnumValue(msg, field, index)
                    : r->GetEnumValue(msg, field);
    if (const pb::EnumValueDescriptor *desc =
            field->enum_type()->FindValueByNumber(value))
      return b.getStringAttr(desc->name());
    return b.getI32IntegerAttr(value);
  }
  case pb::FieldDescriptor::CPPTYPE_MESSAGE:
    return messageToAttr(b.getContext(),
                         rep ? r->GetRepeatedMessage(msg, field, index)
                             : r->GetMessage(msg, field));
  }
  return {};
}

DictionaryAttr mil::translate::messageToAttr(MLIRContext *ctx,
                                             const pb::Message &msg) {
  Builder b(ctx);
  const pb::Reflection *r = msg.GetReflection();
  std::vector<const pb::FieldDescriptor *> fields;
  r->ListFields(msg, &fields);
  SmallVector<NamedAttribute> entries;
  for (const pb::FieldDescriptor *field : fields) {
    Attribute value;
    if (field->is_map()) {
      // map<K, V>: a dictionary keyed by the printed key.
      const pb::FieldDescriptor *keyField =
          field->message_type()->FindFieldByNumber(1);
      const pb::FieldDescriptor *valueField =
          field->message_type()->FindFieldByNumber(2);
      SmallVector<NamedAttribute> map;
      for (int i = 0, e = r->FieldSize(msg, field); i < e; ++i) {
        const pb::Message &entry = r->GetRepeatedMessage(msg, field, i);
        Attribute key = scalarToAttr(b, entry, keyField, -1);
        std::string keyText;
        if (auto str = dyn_cast<StringAttr>(key))
          keyText = str.str();
        else
          keyText = std::to_string(cast<IntegerAttr>(key).getInt());
        map.emplace_back(b.getStringAttr(keyText),
                         scalarToAttr(b, entry, valueField, -1));
      }
      value = b.getDictionaryAttr(map);
    } else if (field->is_repeated()) {
      SmallVector<Attribute> items;
      for (int i = 0, e = r->FieldSize(msg, field); i < e; ++i)
        items.push_back(scalarToAttr(b, msg, field, i));
      value = b.getArrayAttr(items);
    } else {
      value = scalarToAttr(b, msg, field, -1);
    }
    entries.emplace_back(b.getStringAttr(field->name()), value);
  }
  const pb::UnknownFieldSet &unknown = r->GetUnknownFields(msg);
  if (!unknown.empty()) {
    std::string bytes;
    unknown.SerializeToString(&bytes);
    entries.emplace_back(b.getStringAttr(kUnknown), b.getStringAttr(bytes));
  }
  return b.getDictionaryAttr(entries);
}

namespace {
/// Writes attributes into a message through reflection.
class AttrWriter {
public:
  explicit AttrWriter(Location loc) : loc(loc) {}

  LogicalResult write(DictionaryAttr attr, pb::Message &msg) {
    const pb::Descriptor *desc = msg.GetDescriptor();
    const pb::Reflection *r = msg.GetReflection();
    for (NamedAttribute entry : attr) {
      StringRef name = entry.getName().getValue();
      if (name == kUnknown) {
        auto bytes = dyn_cast<StringAttr>(entry.getValue());
        if (!bytes ||
            !r->MutableUnknownFields(&msg)->ParseFromString(bytes.str()))
          return fail("bad unknown-field bytes in " + desc->full_name());
        continue;
      }
      const pb::FieldDescriptor *field = desc->FindFieldByName(name.str());
      if (!field)
        return fail("message " + desc->full_name() + " has no field '" +
                    name.str() + "'");
      if (failed(writeField(msg, field, entry.getValue())))
        return failure();
    }
    return success();
  }

private:
  LogicalResult fail(const std::string &message) {
    return emitError(loc) << message;
  }

  LogicalResult writeField(pb::Message &msg, const pb::FieldDescriptor *field,
                           Attribute value) {
    const pb::Reflection *r = msg.GetReflection();
    if (field->is_map()) {
      auto dict = dyn_cast<DictionaryAttr>(value);
      if (!dict)
        return fail("map field '" + field->full_name() +
                    "' needs a dictionary");
      const pb::FieldDescriptor *keyField =
          field->message_type()->FindFieldByNumber(1);
      const pb::FieldDescriptor *valueField =
          field->message_type()->FindFieldByNumber(2);
      for (NamedAttribute item : dict) {
        pb::Message *entry = r->AddMessage(&msg, field);
        const pb::Reflection *er = entry->GetReflection();
        StringRef key = item.getName().getValue();
        switch (keyField->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_STRING:
          er->SetString(entry, keyField, key.str());
          break;
        default: {
          int64_t k;
          if (key.getAsInteger(10, k))
            return fail("bad map key '" + key.str() + "'");
          if (failed(
                  setScalar(*entry, keyField,
                            IntegerAttr::get(
                                IntegerType::get(value.getContext(), 64), k))))
            return failure();
        }
        }
        if (failed(setScalar(*entry, valueField, item.getValue())))
          return failure();
      }
      return success();
    }
    if (field->is_repeated()) {
      auto array = dyn_cast<ArrayAttr>(value);
      if (!array)
        return fail("repeated field '" + field->full_name() +
                    "' needs an array");
      for (Attribute item : array)
        if (failed(setScalar(msg, field, item)))
          return failure();
      return success();
    }
    return setScalar(msg, field, value);
  }

  /// Sets a singular field, or appends to a repeated one.
  LogicalResult setScalar(pb::Message &msg, const pb::FieldDescriptor *field,
                          Attribute value) {
    const pb::Reflection *r = msg.GetReflection();
    bool rep = field->is_repeated();
    auto wrongKind = [&](StringRef expected) {
      return fail("field '" + field->full_name() + "' needs " + expected.str());
    };
    switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
    case pb::FieldDescriptor::CPPTYPE_INT64:
    case pb::FieldDescriptor::CPPTYPE_UINT32:
    case pb::FieldDescriptor::CPPTYPE_UINT64: {
      auto i = dyn_cast<IntegerAttr>(value);
      if (!i)
        return wrongKind("an integer");
      APInt v = i.getValue();
      switch (field->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_INT32:
        rep ? r->AddInt32(&msg, field, v.getSExtValue())
            : r->SetInt32(&msg, field, v.getSExtValue());
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        rep ? r->AddInt64(&msg, field, v.getSExtValue())
            : r->SetInt64(&msg, field, v.getSExtValue());
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        rep ? r->AddUInt32(&msg, field, v.getZExtValue())
            : r->SetUInt32(&msg, field, v.getZExtValue());
        break;
      default:
        rep ? r->AddUInt64(&msg, field, v.getZExtValue())
            : r->SetUInt64(&msg, field, v.getZExtValue());
        break;
      }
      return success();
    }
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
    case pb::FieldDescriptor::CPPTYPE_DOUBLE: {
      auto f = dyn_cast<FloatAttr>(value);
      if (!f)
        return wrongKind("a float");
      double v = f.getValueAsDouble();
      if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_FLOAT)
        rep ? r->AddFloat(&msg, field, static_cast<float>(v))
            : r->SetFloat(&msg, field, static_cast<float>(v));
      else
        rep ? r->AddDouble(&msg, field, v) : r->SetDouble(&msg, field, v);
      return success();
    }
    case pb::FieldDescriptor::CPPTYPE_BOOL: {
      auto bv = dyn_cast<BoolAttr>(value);
      if (!bv)
        return wrongKind("a bool");
      rep ? r->AddBool(&msg, field, bv.getValue())
          : r->SetBool(&msg, field, bv.getValue());
      return success();
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      auto s = dyn_cast<StringAttr>(value);
      if (!s)
        return wrongKind("a string");
      rep ? r->AddString(&msg, field, s.str())
          : r->SetString(&msg, field, s.str());
      return success();
    }
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      int number;
      if (auto s = dyn_cast<StringAttr>(value)) {
        const pb::EnumValueDescriptor *desc =
            field->enum_type()->FindValueByName(s.str());
        if (!desc)
          return fail("enum " + field->enum_type()->full_name() +
                      " has no value '" + s.str() + "'");
        number = desc->number();
      } else if (auto i = dyn_cast<IntegerAttr>(value)) {
        number = static_cast<int>(i.getInt());
      } else {
        return wrongKind("an enum name");
      }
      rep ? r->AddEnumValue(&msg, field, number)
          : r->SetEnumValue(&msg, field, number);
      return success();
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
      auto dict = dyn_cast<DictionaryAttr>(value);
      if (!dict)
        return wrongKind("a dictionary");
      pb::Message *sub =
          rep ? r->AddMessage(&msg, field) : r->MutableMessage(&msg, field);
      return write(dict, *sub);
    }
    }
    return failure();
  }

  Location loc;
};
} // namespace

LogicalResult mil::translate::attrToMessage(DictionaryAttr attr,
                                            pb::Message &message,
                                            Location loc) {
  return AttrWriter(loc).write(attr, message);
}
