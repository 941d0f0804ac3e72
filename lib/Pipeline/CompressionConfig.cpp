//===- CompressionConfig.cpp - weight compression configs -----------------===//
//
// Part of mil-mlir. Pure C++: LLVM Support only, no MLIR.
//
// Every config, however it is given, is validated by structuring a JSON field
// dict (coremltools' Cls._from_dict), in coremltools' order:
//   1. unknown keys (cattrs forbid_extra_keys),
//   2. field types, in declaration order (cattrs / attrs instance_of; our own
//      messages since Python's name Python types),
//   3. converters (dtype, granularity),
//   4. validators, in declaration order,
//   5. post-init defaults.
// Typed structs are serialized to that dict by finalize(), so the typed API,
// from_dict, from_yaml and pass options share one implementation.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/CompressionConfig.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace llvm;

namespace mil::pipeline {
namespace {

//===----------------------------------------------------------------------===//
// Errors and Python-style rendering
//===----------------------------------------------------------------------===//

Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// "{prefix}: {message}"; the error stays a plain string error.
Error prefixError(Error err, StringRef prefix) {
  if (!err || prefix.empty())
    return err;
  return makeError(prefix + ": " + toString(std::move(err)));
}

/// Python's repr(float): the shortest round-tripping digits, scientific
/// notation below 1e-4 and from 1e16 on.
std::string pyFloat(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  if (value == 0)
    return std::signbit(value) ? "-0.0" : "0.0";

  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*e", precision - 1, value);
    if (std::strtod(buf, nullptr) == value)
      break;
  }
  StringRef text(buf);
  bool negative = text.consume_front("-");
  auto [mantissa, exponentText] = text.split('e');
  int exponent = std::atoi(exponentText.str().c_str());
  std::string digits;
  for (char c : mantissa)
    if (c != '.')
      digits += c;
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();

  std::string out = negative ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1)
      out += "." + digits.substr(1);
    std::snprintf(buf, sizeof(buf), "e%c%02d", exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    return out + buf;
  }
  if (exponent < 0)
    return out + "0." + std::string(-exponent - 1, '0') + digits;
  size_t intDigits = exponent + 1;
  if (digits.size() <= intDigits)
    return out + digits + std::string(intDigits - digits.size(), '0') + ".0";
  return out + digits.substr(0, intDigits) + "." + digits.substr(intDigits);
}

std::string pyOptInt(std::optional<int64_t> value) {
  return value ? std::to_string(*value) : "None";
}

std::string pyQuote(StringRef s) {
  char quote = s.contains('\'') && !s.contains('"') ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) {
    if (c == '\\' || c == quote)
      out += '\\';
    out += c;
  }
  return out + quote;
}

std::string pyRepr(const json::Value &value);

/// Python's str(): strings bare, everything else as repr.
std::string pyStr(const json::Value &value) {
  if (auto s = value.getAsString())
    return s->str();
  return pyRepr(value);
}

std::vector<std::string> sortedKeys(const json::Object &object) {
  std::vector<std::string> keys;
  for (const auto &kv : object)
    keys.push_back(kv.first.str());
  llvm::sort(keys);
  return keys;
}

/// json::Value::getAsInteger without its undefined behaviour: a double of
/// 2^63 passes its range check (INT64_MAX rounds up to 2^63) and is then
/// converted. Integers (which getAsUINT64 reads) are not affected.
std::optional<int64_t> getAsInt64(const json::Value &value) {
  std::optional<double> d = value.getAsNumber();
  if (d && *d >= 0x1p63) {
    std::optional<uint64_t> u = value.getAsUINT64();
    if (u && *u <= uint64_t(INT64_MAX))
      return int64_t(*u);
    return std::nullopt;
  }
  return value.getAsInteger();
}

std::string pyRepr(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "None";
  case json::Value::Boolean:
    return *value.getAsBoolean() ? "True" : "False";
  case json::Value::Number:
    if (auto i = getAsInt64(value))
      return std::to_string(*i);
    return pyFloat(*value.getAsNumber());
  case json::Value::String:
    return pyQuote(*value.getAsString());
  case json::Value::Array:
    return "[" + join(map_range(*value.getAsArray(), pyRepr), ", ") + "]";
  case json::Value::Object: {
    const json::Object &object = *value.getAsObject();
    auto item = [&](const std::string &key) {
      return pyQuote(key) + ": " + pyRepr(*object.get(key));
    };
    return "{" + join(map_range(sortedKeys(object), item), ", ") + "}";
  }
  }
  llvm_unreachable("unknown JSON kind");
}

/// Python's type(v) as printed in coremltools' messages.
StringRef pyTypeName(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "<class 'NoneType'>";
  case json::Value::Boolean:
    return "<class 'bool'>";
  case json::Value::Number:
    return getAsInt64(value) ? "<class 'int'>" : "<class 'float'>";
  case json::Value::String:
    return "<class 'str'>";
  case json::Value::Array:
    return "<class 'list'>";
  case json::Value::Object:
    return "<class 'dict'>";
  }
  llvm_unreachable("unknown JSON kind");
}

std::string joinInts(ArrayRef<int64_t> values) {
  return join(map_range(values, [](int64_t v) { return std::to_string(v); }),
              ", ");
}

std::string pyTuple(ArrayRef<int64_t> values) {
  return "(" + joinInts(values) + (values.size() == 1 ? ",)" : ")");
}

std::string pyList(ArrayRef<int64_t> values) {
  return "[" + joinInts(values) + "]";
}

json::Value jsonOptInt(std::optional<int64_t> value) {
  return value ? json::Value(*value) : json::Value(nullptr);
}

/// Integers only: JSON booleans and non-integral numbers are refused (an
/// integral double such as 4.0 is accepted, as cattrs' int() does).
std::optional<int64_t> asInt(const json::Value &value) {
  if (value.kind() != json::Value::Number)
    return std::nullopt;
  return getAsInt64(value);
}

//===----------------------------------------------------------------------===//
// Field tables
//===----------------------------------------------------------------------===//

/// How a pass-option string converts to a field value.
enum class FieldKind {
  String,
  Int,
  OptInt,
  Number,
  OptNumber,
  Bool,
  IntOrList,
  OptIntList,
};

struct FieldSpec {
  StringLiteral name;
  FieldKind kind;
};

// In coremltools' declaration order (the order validators run in).
constexpr FieldSpec linearQuantizerFields[] = {
    {"mode", FieldKind::String},
    {"dtype", FieldKind::String},
    {"granularity", FieldKind::String},
    {"block_size", FieldKind::IntOrList},
    {"weight_threshold", FieldKind::OptInt},
};

constexpr FieldSpec palettizerFields[] = {
    {"mode", FieldKind::String},
    {"nbits", FieldKind::OptInt},
    {"lut_function", FieldKind::String},
    {"granularity", FieldKind::String},
    {"group_size", FieldKind::Int},
    {"channel_axis", FieldKind::OptInt},
    {"cluster_dim", FieldKind::Int},
    {"enable_per_channel_scale", FieldKind::Bool},
    {"num_kmeans_workers", FieldKind::Int},
    {"weight_threshold", FieldKind::OptInt},
};

constexpr FieldSpec thresholdPrunerFields[] = {
    {"threshold", FieldKind::Number},
    {"minimum_sparsity_percentile", FieldKind::Number},
    {"weight_threshold", FieldKind::OptInt},
};

constexpr FieldSpec magnitudePrunerFields[] = {
    {"target_sparsity", FieldKind::OptNumber},
    {"block_size", FieldKind::OptInt},
    {"n_m_ratio", FieldKind::OptIntList},
    {"dim", FieldKind::OptInt},
    {"weight_threshold", FieldKind::OptInt},
};

constexpr StringLiteral supportedConfigTypes =
    "('OpLinearQuantizerConfig', 'OpPalettizerConfig', "
    "'OpThresholdPrunerConfig', 'OpMagnitudePrunerConfig')";

std::optional<ArrayRef<FieldSpec>> fieldsOf(StringRef className) {
  if (className == OpLinearQuantizerConfig::className)
    return ArrayRef(linearQuantizerFields);
  if (className == OpPalettizerConfig::className)
    return ArrayRef(palettizerFields);
  if (className == OpThresholdPrunerConfig::className)
    return ArrayRef(thresholdPrunerFields);
  if (className == OpMagnitudePrunerConfig::className)
    return ArrayRef(magnitudePrunerFields);
  return std::nullopt;
}

Error unknownConfigType(StringRef name) {
  return makeError(formatv("Invalid config_type \"{0}\". Supported config "
                           "types are {1}.",
                           name, supportedConfigTypes));
}

/// cattrs' forbid_extra_keys (ForbiddenExtraKeysError's text).
Error checkExtraKeys(const json::Object &fields, ArrayRef<FieldSpec> specs,
                     StringRef className) {
  std::vector<std::string> extra;
  for (const std::string &key : sortedKeys(fields))
    if (llvm::none_of(specs, [&](const FieldSpec &s) { return s.name == key; }))
      extra.push_back(key);
  if (extra.empty())
    return Error::success();
  return makeError("Extra fields in constructor for " + className + ": " +
                   join(extra, ", "));
}

/// Reads typed fields, remembering the first type error (fields are read in
/// declaration order, so that is the one coremltools would report first).
class FieldReader {
public:
  explicit FieldReader(const json::Object &fields) : fields(fields) {}

  const json::Value *raw(StringRef key) const { return fields.get(key); }

  std::string getString(StringRef key, StringRef fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback.str();
    if (auto s = v->getAsString())
      return s->str();
    typeError(key, "a string", *v);
    return fallback.str();
  }

  int64_t getInt(StringRef key, int64_t fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback;
    if (auto i = asInt(*v))
      return *i;
    typeError(key, "an integer", *v);
    return fallback;
  }

  std::optional<int64_t> getOptInt(StringRef key,
                                   std::optional<int64_t> fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback;
    if (v->kind() == json::Value::Null)
      return std::nullopt;
    if (auto i = asInt(*v))
      return *i;
    typeError(key, "an integer or null", *v);
    return fallback;
  }

  /// cattrs converts ints to float, so both are numbers here.
  double getNumber(StringRef key, double fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback;
    if (v->kind() == json::Value::Number)
      return *v->getAsNumber();
    typeError(key, "a number", *v);
    return fallback;
  }

  std::optional<double> getOptNumber(StringRef key,
                                     std::optional<double> fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback;
    if (v->kind() == json::Value::Null)
      return std::nullopt;
    if (v->kind() == json::Value::Number)
      return *v->getAsNumber();
    typeError(key, "a number or null", *v);
    return fallback;
  }

  bool getBool(StringRef key, bool fallback) {
    const json::Value *v = raw(key);
    if (!v)
      return fallback;
    if (auto b = v->getAsBoolean())
      return *b;
    typeError(key, "a boolean", *v);
    return fallback;
  }

  std::optional<std::vector<int64_t>> getOptIntList(StringRef key) {
    const json::Value *v = raw(key);
    if (!v || v->kind() == json::Value::Null)
      return std::nullopt;
    std::vector<int64_t> out;
    if (const json::Array *array = v->getAsArray()) {
      for (const json::Value &item : *array) {
        std::optional<int64_t> i = asInt(item);
        if (!i) {
          typeError(key, "a list of integers or null", *v);
          return std::nullopt;
        }
        out.push_back(*i);
      }
      return out;
    }
    typeError(key, "a list of integers or null", *v);
    return std::nullopt;
  }

  Error takeError() {
    return firstError ? makeError(*firstError) : Error::success();
  }

private:
  void typeError(StringRef key, StringRef expected, const json::Value &v) {
    if (!firstError)
      firstError =
          formatv("\"{0}\" must be {1}, got {2}", key, expected, v).str();
  }

  const json::Object &fields;
  std::optional<std::string> firstError;
};

//===----------------------------------------------------------------------===//
// Shared validators
//===----------------------------------------------------------------------===//

Error checkWeightThreshold(std::optional<int64_t> weightThreshold) {
  if (weightThreshold && *weightThreshold < 0)
    return makeError(
        formatv("\"weight_threshold\" must be a non-negative integer. Got {0}.",
                *weightThreshold));
  return Error::success();
}

StringRef granularityEnumName(CompressionGranularity granularity) {
  switch (granularity) {
  case CompressionGranularity::PerTensor:
    return "PER_TENSOR";
  case CompressionGranularity::PerGroupedChannel:
    return "PER_GROUPED_CHANNEL";
  case CompressionGranularity::PerChannel:
    return "PER_CHANNEL";
  case CompressionGranularity::PerBlock:
    return "PER_BLOCK";
  }
  llvm_unreachable("unknown granularity");
}

/// `"granularity" must be one of (<CompressionGranularity.X: n>, ...), but
/// got CompressionGranularity.Y`.
Error checkGranularity(CompressionGranularity granularity,
                       ArrayRef<CompressionGranularity> allowed) {
  if (llvm::is_contained(allowed, granularity))
    return Error::success();
  auto repr = [](CompressionGranularity g) {
    return formatv("<CompressionGranularity.{0}: {1}>", granularityEnumName(g),
                   static_cast<int>(g))
        .str();
  };
  return makeError(formatv("\"granularity\" must be one of ({0}), but got "
                           "CompressionGranularity.{1}",
                           join(map_range(allowed, repr), ", "),
                           granularityEnumName(granularity)));
}

/// _normalize_granularity, applied to whatever the dict holds.
Expected<CompressionGranularity> convertGranularity(const json::Value &value) {
  if (auto s = value.getAsString())
    return parseGranularity(*s);
  return makeError("Invalid granularity=" + pyStr(value));
}

/// MIL type names known to types.string_to_builtin.
bool isMILTypeName(StringRef name) {
  return StringSwitch<bool>(name)
      .Cases("bool", "int4", "int8", "int16", "int32", "int64", true)
      .Cases("uint1", "uint2", "uint3", "uint4", "uint6", "uint8", true)
      .Cases("uint16", "uint32", "uint64", true)
      .Cases("fp16", "fp32", "fp64", "complex64", "complex128", "string", true)
      .Default(false);
}

//===----------------------------------------------------------------------===//
// Structuring (Cls._from_dict)
//===----------------------------------------------------------------------===//

Expected<OpLinearQuantizerConfig>
structureLinearQuantizer(const json::Object &fields) {
  if (Error err = checkExtraKeys(fields, linearQuantizerFields,
                                 OpLinearQuantizerConfig::className))
    return err;

  OpLinearQuantizerConfig config;
  FieldReader reader(fields);
  std::string mode = reader.getString("mode", "linear_symmetric");
  const json::Value *dtype = reader.raw("dtype");
  const json::Value *granularity = reader.raw("granularity");
  const json::Value *blockSize = reader.raw("block_size");
  config.weightThreshold = reader.getOptInt("weight_threshold", 2048);
  if (Error err = reader.takeError())
    return err;

  // Converters.
  std::string dtypeName = "int8";
  if (dtype) {
    std::optional<StringRef> name = dtype->getAsString();
    if (!name)
      return makeError("dtype=" + pyStr(*dtype) +
                       " is unsupported for OpLinearQuantizerConfig.");
    if (!isMILTypeName(*name))
      return makeError("Invalid dtype " + *name +
                       ". Only support int8/uint8/int4/uint4.");
    dtypeName = name->str();
  }
  if (granularity) {
    Expected<CompressionGranularity> g = convertGranularity(*granularity);
    if (!g)
      return g.takeError();
    config.granularity = *g;
  }

  // Validators.
  std::string upperMode = StringRef(mode).upper();
  if (upperMode == "LINEAR_SYMMETRIC")
    config.mode = LinearQuantizationMode::LinearSymmetric;
  else if (upperMode == "LINEAR")
    config.mode = LinearQuantizationMode::Linear;
  else
    return makeError("Only mode ('LINEAR_SYMMETRIC', 'LINEAR') supported for "
                     "weight affine quantization. Got mode: \"" +
                     mode + "\".");

  std::optional<QuantizationDtype> quantDtype =
      StringSwitch<std::optional<QuantizationDtype>>(dtypeName)
          .Case("int4", QuantizationDtype::Int4)
          .Case("uint4", QuantizationDtype::UInt4)
          .Case("int8", QuantizationDtype::Int8)
          .Case("uint8", QuantizationDtype::UInt8)
          .Default(std::nullopt);
  if (!quantDtype)
    return makeError("Invalid dtype. Should be int4/8 or uint4/8, but got " +
                     dtypeName);
  config.dtype = *quantDtype;

  if (Error err = checkGranularity(config.granularity,
                                   {CompressionGranularity::PerTensor,
                                    CompressionGranularity::PerChannel,
                                    CompressionGranularity::PerBlock}))
    return err;

  if (blockSize) {
    if (auto b = asInt(*blockSize)) {
      if (*b < 0)
        return makeError(formatv(
            "The block_size must be non-negative values, but got {0}", *b));
      config.blockSize = *b;
    } else if (const json::Array *array = blockSize->getAsArray()) {
      std::vector<int64_t> perAxis;
      for (const json::Value &item : *array) {
        std::optional<int64_t> b = asInt(item);
        if (!b || *b < 0)
          return makeError(
              "All values in block_size must be non-negative values.");
        perAxis.push_back(*b);
      }
      config.blockSize = std::move(perAxis);
    } else {
      return makeError("The block_size should be int or list/tuple of int, "
                       "but got " +
                       pyTypeName(*blockSize) + ".");
    }
  }

  if (Error err = checkWeightThreshold(config.weightThreshold))
    return err;
  return config;
}

Expected<OpPalettizerConfig> structurePalettizer(const json::Object &fields,
                                                 bool allowLutFunction) {
  // coremltools checks this before handing the dict to cattrs.
  if (!allowLutFunction && fields.get("lut_function"))
    return makeError("_from_dict method does not support lut_function. Please "
                     "create the OpPalettizerConfig from scratch.");
  if (Error err = checkExtraKeys(fields, palettizerFields,
                                 OpPalettizerConfig::className))
    return err;

  OpPalettizerConfig config;
  FieldReader reader(fields);
  std::string mode = reader.getString("mode", "kmeans");
  config.nbits = reader.getOptInt("nbits", std::nullopt);
  const json::Value *lutFunction = reader.raw("lut_function");
  const json::Value *granularity = reader.raw("granularity");
  config.groupSize = reader.getInt("group_size", 32);
  config.channelAxis = reader.getOptInt("channel_axis", std::nullopt);
  config.clusterDim = reader.getInt("cluster_dim", 1);
  config.enablePerChannelScale =
      reader.getBool("enable_per_channel_scale", false);
  config.numKmeansWorkers = reader.getInt("num_kmeans_workers", 1);
  config.weightThreshold = reader.getOptInt("weight_threshold", 2048);
  if (Error err = reader.takeError())
    return err;

  // Converter.
  if (granularity) {
    Expected<CompressionGranularity> g = convertGranularity(*granularity);
    if (!g)
      return g.takeError();
    config.granularity = *g;
  }

  // Validators. Messages show the mode as given, before upper-casing.
  std::optional<PalettizationMode> paletteMode =
      StringSwitch<std::optional<PalettizationMode>>(StringRef(mode).upper())
          .Case("KMEANS", PalettizationMode::KMeans)
          .Case("UNIFORM", PalettizationMode::Uniform)
          .Case("UNIQUE", PalettizationMode::Unique)
          .Case("CUSTOM", PalettizationMode::Custom)
          .Default(std::nullopt);
  if (!paletteMode)
    return makeError("Only modes ('KMEANS', 'UNIFORM', 'UNIQUE', 'CUSTOM') "
                     "are supported for weight palettization. Got \"mode\": "
                     "\"" +
                     mode + "\".");
  config.mode = *paletteMode;
  bool needsNbits = config.mode == PalettizationMode::KMeans ||
                    config.mode == PalettizationMode::Uniform;
  bool isCustom = config.mode == PalettizationMode::Custom;

  if (!config.nbits && needsNbits)
    return makeError("\"nbits\" must be provided for " + mode + " mode");
  if (config.nbits && !needsNbits)
    return makeError("\"nbits\" must NOT be provided for " + mode + " mode");
  constexpr int64_t validNbits[] = {1, 2, 3, 4, 6, 8};
  if (config.nbits && !llvm::is_contained(validNbits, *config.nbits))
    return makeError(formatv("Invalid value of \"nbits\" ({0}) for "
                             "palettization. Supported \"nbits\" are (1, 2, "
                             "3, 4, 6, 8)",
                             *config.nbits));

  // An empty name stands for None, like a JSON null.
  bool hasLutFunction = lutFunction &&
                        lutFunction->kind() != json::Value::Null &&
                        lutFunction->getAsString().value_or("x") != "";
  if (!hasLutFunction && isCustom)
    return makeError(
        "\"lut_function\" can not be None, if \"mode\" is \"custom\".");
  if (hasLutFunction && !isCustom)
    return makeError(
        "\"lut_function\" must be None, if \"mode\" is not \"custom\".");
  if (hasLutFunction) {
    std::optional<StringRef> name = lutFunction->getAsString();
    if (!name)
      return makeError("A function object must be provided as "
                       "\"lut_function\". Got a \"lut_function\" as type " +
                       pyTypeName(*lutFunction));
    config.lutFunctionName = name->str();
  }

  if (Error err = checkGranularity(config.granularity,
                                   {CompressionGranularity::PerTensor,
                                    CompressionGranularity::PerGroupedChannel}))
    return err;
  if (Error err = checkWeightThreshold(config.weightThreshold))
    return err;
  return config;
}

Expected<OpThresholdPrunerConfig>
structureThresholdPruner(const json::Object &fields) {
  if (Error err = checkExtraKeys(fields, thresholdPrunerFields,
                                 OpThresholdPrunerConfig::className))
    return err;

  OpThresholdPrunerConfig config;
  FieldReader reader(fields);
  config.threshold = reader.getNumber("threshold", 1e-12);
  config.minimumSparsityPercentile =
      reader.getNumber("minimum_sparsity_percentile", 0.5);
  config.weightThreshold = reader.getOptInt("weight_threshold", 2048);
  if (Error err = reader.takeError())
    return err;

  if (config.threshold < 0)
    return makeError("Invalid value of \"threshold\": " +
                     pyFloat(config.threshold) + ". Needs to be in [0, inf)");
  if (config.minimumSparsityPercentile < 0 ||
      config.minimumSparsityPercentile > 1)
    return makeError("Invalid value of \"minimum_sparsity_percentile\": " +
                     pyFloat(config.minimumSparsityPercentile) +
                     ". Needs to be in [0, 1]");
  if (Error err = checkWeightThreshold(config.weightThreshold))
    return err;
  return config;
}

Expected<OpMagnitudePrunerConfig>
structureMagnitudePruner(const json::Object &fields) {
  if (Error err = checkExtraKeys(fields, magnitudePrunerFields,
                                 OpMagnitudePrunerConfig::className))
    return err;

  OpMagnitudePrunerConfig config;
  FieldReader reader(fields);
  config.targetSparsity = reader.getOptNumber("target_sparsity", std::nullopt);
  config.blockSize = reader.getOptInt("block_size", std::nullopt);
  // Kept as a list until validated: coremltools reports a wrong length with
  // the validator's message.
  std::optional<std::vector<int64_t>> nMRatio =
      reader.getOptIntList("n_m_ratio");
  config.dim = reader.getOptInt("dim", std::nullopt);
  config.weightThreshold = reader.getOptInt("weight_threshold", 2048);
  if (Error err = reader.takeError())
    return err;

  if (config.targetSparsity.has_value() == nMRatio.has_value())
    return makeError("Either \"target_sparsity\" or \"n_m_ratio\" need to be "
                     "set. They cannot be set at the same time.");
  if (config.targetSparsity &&
      (*config.targetSparsity < 0 || *config.targetSparsity > 1))
    return makeError("Invalid value of \"target_sparsity\": " +
                     pyFloat(*config.targetSparsity) +
                     ". Needs to be in [0, 1].");
  if (config.blockSize && nMRatio)
    return makeError(
        "\"block_size\" and \"n_m_ratio\" cannot be set at the same time.");
  if (config.blockSize && *config.blockSize <= 1)
    return makeError(formatv("\"block_size\" must be an integer > 1. Got {0}.",
                             *config.blockSize));
  if (nMRatio) {
    if (nMRatio->size() != 2 || (*nMRatio)[0] > (*nMRatio)[1])
      return makeError("\"n_m_ratio\" must be a tuple of two integers (n, m). "
                       "n <= m. Got " +
                       pyTuple(*nMRatio));
    config.nMRatio = {(*nMRatio)[0], (*nMRatio)[1]};
  }
  if (config.dim && !config.blockSize && !config.nMRatio)
    return makeError("\"dim\" can only be set along with \"block_size\" or "
                     "\"n_m_ratio\".");
  if (config.dim && *config.dim != 0 && *config.dim != 1)
    return makeError(formatv("\"dim\" must be 1 or 0. Got {0}.", *config.dim));
  if (Error err = checkWeightThreshold(config.weightThreshold))
    return err;

  // __attrs_post_init__.
  if (config.blockSize && !config.dim)
    config.dim = 0;
  if (config.nMRatio && !config.dim)
    config.dim = 1;
  return config;
}

Expected<OpCompressorConfig> structureConfig(StringRef className,
                                             const json::Object &fields,
                                             bool allowLutFunction) {
  auto wrap = [](auto config) -> Expected<OpCompressorConfig> {
    if (!config)
      return config.takeError();
    return OpCompressorConfig(std::move(*config));
  };
  if (className == OpLinearQuantizerConfig::className)
    return wrap(structureLinearQuantizer(fields));
  if (className == OpPalettizerConfig::className)
    return wrap(structurePalettizer(fields, allowLutFunction));
  if (className == OpThresholdPrunerConfig::className)
    return wrap(structureThresholdPruner(fields));
  if (className == OpMagnitudePrunerConfig::className)
    return wrap(structureMagnitudePruner(fields));
  return unknownConfigType(className);
}

/// Runs the dict path on a typed struct and stores the normalized result.
template <typename Config, typename Structure>
Error finalizeVia(Config &config, Structure structure) {
  Expected<Config> result = structure(config.toJSON());
  if (!result)
    return result.takeError();
  config = std::move(*result);
  return Error::success();
}

//===----------------------------------------------------------------------===//
// YAML scalars (yaml.safe_load's YAML 1.1 resolver)
//===----------------------------------------------------------------------===//

bool isNullWord(StringRef s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> resolveBool(StringRef s) {
  return StringSwitch<std::optional<bool>>(s)
      .Cases("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
             true)
      .Cases("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF",
             false)
      .Default(std::nullopt);
}

/// Decimal, 0x hex, 0b binary and 0-prefixed octal, with '_' separators.
/// Sets `overflow` for a well-formed integer that does not fit int64.
std::optional<int64_t> resolveInt(StringRef s, bool &overflow) {
  overflow = false;
  StringRef body = s;
  bool negative = body.consume_front("-");
  if (!negative)
    body.consume_front("+");
  unsigned radix = 10;
  if (body.consume_front("0x"))
    radix = 16;
  else if (body.consume_front("0b"))
    radix = 2;
  else if (body.size() > 1 && body.front() == '0') {
    radix = 8;
    body = body.drop_front();
  }
  if (body.empty() || body.front() == '_')
    return std::nullopt;
  std::string digits;
  for (char c : body) {
    if (c == '_')
      continue;
    unsigned digit;
    if (isDigit(c))
      digit = c - '0';
    else if (isHexDigit(c))
      digit = hexDigitValue(c);
    else
      return std::nullopt;
    if (digit >= radix)
      return std::nullopt;
    digits += c;
  }
  uint64_t magnitude;
  constexpr uint64_t maxPositive = std::numeric_limits<int64_t>::max();
  if (StringRef(digits).getAsInteger(radix, magnitude) ||
      magnitude > maxPositive + (negative ? 1 : 0)) {
    overflow = true;
    return std::nullopt;
  }
  return negative ? static_cast<int64_t>(0 - magnitude)
                  : static_cast<int64_t>(magnitude);
}

/// [-+]?(digits.digits*|.digits|digits)([eE][-+]?digits)? with a '.' or an
/// exponent, plus .inf / .nan.
std::optional<double> resolveFloat(StringRef s) {
  StringRef body = s;
  bool negative = body.consume_front("-");
  if (!negative)
    body.consume_front("+");
  if (body == ".inf" || body == ".Inf" || body == ".INF")
    return negative ? -HUGE_VAL : HUGE_VAL;
  if (s == ".nan" || s == ".NaN" || s == ".NAN")
    return std::nan("");

  auto takeDigits = [&](StringRef &rest) {
    size_t n = 0;
    while (n < rest.size() && (isDigit(rest[n]) || (n > 0 && rest[n] == '_')))
      ++n;
    StringRef taken = rest.take_front(n);
    rest = rest.drop_front(n);
    return taken;
  };
  StringRef rest = body;
  StringRef intPart = takeDigits(rest);
  bool hasDot = rest.consume_front(".");
  StringRef fracPart;
  if (hasDot && !rest.empty() && isDigit(rest.front()))
    fracPart = takeDigits(rest);
  bool hasExponent = false;
  if (!rest.empty() && (rest.front() == 'e' || rest.front() == 'E')) {
    rest = rest.drop_front();
    if (!rest.consume_front("-"))
      rest.consume_front("+");
    if (rest.empty() || !isDigit(rest.front()))
      return std::nullopt;
    takeDigits(rest);
    hasExponent = true;
  }
  if (!rest.empty() || (intPart.empty() && fracPart.empty()) ||
      (!hasDot && !hasExponent))
    return std::nullopt;
  std::string text;
  for (char c : s)
    if (c != '_')
      text += c;
  return std::strtod(text.c_str(), nullptr);
}

json::Value resolvePlainScalar(StringRef s) {
  if (isNullWord(s))
    return nullptr;
  if (std::optional<bool> b = resolveBool(s))
    return *b;
  bool overflow;
  if (std::optional<int64_t> i = resolveInt(s, overflow))
    return *i;
  if (overflow)
    return std::strtod(s.str().c_str(), nullptr);
  if (std::optional<double> d = resolveFloat(s))
    return *d;
  return s.str();
}

//===----------------------------------------------------------------------===//
// YAML to JSON
//===----------------------------------------------------------------------===//

/// Keeps the first diagnostic as "{file}:{line}:{col}: {message}".
struct FirstDiagnostic {
  std::optional<std::string> text;

  static void handle(const SMDiagnostic &diag, void *context) {
    auto *self = static_cast<FirstDiagnostic *>(context);
    if (!self->text)
      self->text =
          formatv("{0}:{1}:{2}: {3}", diag.getFilename(), diag.getLineNo(),
                  diag.getColumnNo() + 1, diag.getMessage())
              .str();
  }
};

class YAMLToJSON {
public:
  explicit YAMLToJSON(yaml::Stream &stream) : stream(stream) {}

  json::Value convert(yaml::Node *node, unsigned depth) {
    if (!node)
      return nullptr;
    // Aliases can nest anchors; bound the work instead of trusting the input.
    if (depth > 256) {
      error(node, "YAML nesting is too deep");
      return nullptr;
    }
    json::Value value = convertNode(node, depth);
    // llvm::yaml collections can be walked once, so aliases reuse the value.
    // An anchor name may be redefined; an alias sees the latest definition.
    if (!node->getAnchor().empty())
      anchors.insert_or_assign(node->getAnchor(), value);
    return value;
  }

  void error(yaml::Node *node, const Twine &message) {
    stream.printError(node, message);
  }

private:
  json::Value convertNode(yaml::Node *node, unsigned depth) {
    switch (node->getType()) {
    case yaml::Node::NK_Null:
      return nullptr;
    case yaml::Node::NK_Scalar: {
      auto *scalar = cast<yaml::ScalarNode>(node);
      SmallString<64> storage;
      StringRef text = scalar->getValue(storage);
      // json::Value holds UTF-8 only; escapes (\uD800) can make other bytes.
      if (!json::isUTF8(text)) {
        error(node, "string is not valid UTF-8");
        return nullptr;
      }
      if (isStringScalar(scalar))
        return text.str();
      return resolvePlainScalar(text);
    }
    case yaml::Node::NK_BlockScalar: {
      StringRef text = cast<yaml::BlockScalarNode>(node)->getValue();
      if (!json::isUTF8(text)) {
        error(node, "string is not valid UTF-8");
        return nullptr;
      }
      return text.str();
    }
    case yaml::Node::NK_Mapping: {
      json::Object object;
      for (yaml::KeyValueNode &entry : *cast<yaml::MappingNode>(node)) {
        yaml::Node *keyNode = entry.getKey();
        std::optional<std::string> key = keyText(keyNode);
        locationHint = keyNode;
        json::Value value = convert(entry.getValue(), depth + 1);
        if (!key) {
          error(keyNode, "mapping keys must be scalars");
          continue;
        }
        if (!json::isUTF8(*key)) {
          error(keyNode, "mapping key is not valid UTF-8");
          continue;
        }
        // yaml.safe_load keeps the last of duplicate keys.
        object[*key] = std::move(value);
      }
      return object;
    }
    case yaml::Node::NK_Sequence: {
      json::Array array;
      for (yaml::Node &item : *cast<yaml::SequenceNode>(node)) {
        locationHint = node;
        array.push_back(convert(&item, depth + 1));
      }
      return array;
    }
    case yaml::Node::NK_Alias: {
      StringRef name = cast<yaml::AliasNode>(node)->getName();
      auto it = anchors.find(name);
      if (it == anchors.end()) {
        // An alias node's location is the token after it; its key (or its
        // sequence) is where a reader looks.
        yaml::Node *at = locationHint && !isa<yaml::AliasNode>(locationHint)
                             ? locationHint
                             : node;
        error(at, "unknown or recursive alias *" + name);
        return nullptr;
      }
      return it->second;
    }
    case yaml::Node::NK_KeyValue:
      break;
    }
    error(node, "unexpected YAML node");
    return nullptr;
  }

  static bool isStringScalar(yaml::ScalarNode *scalar) {
    if (!scalar->getRawTag().empty() &&
        scalar->getVerbatimTag() == "tag:yaml.org,2002:str")
      return true;
    StringRef raw = scalar->getRawValue();
    return raw.starts_with("\"") || raw.starts_with("'");
  }

  /// Python's str() of the resolved key (a YAML `1:` key is the int 1).
  std::optional<std::string> keyText(yaml::Node *node) {
    if (!node || node->getType() == yaml::Node::NK_Null)
      return std::string("None");
    auto *scalar = dyn_cast<yaml::ScalarNode>(node);
    if (!scalar)
      return std::nullopt;
    SmallString<64> storage;
    StringRef text = scalar->getValue(storage);
    if (isStringScalar(scalar))
      return text.str();
    return pyStr(resolvePlainScalar(text));
  }

  yaml::Stream &stream;
  StringMap<json::Value> anchors;
  yaml::Node *locationHint = nullptr;
};

/// "[3:5, byte=40]: message" (json::ParseError) -> "{file}:3:5: message".
std::string formatJSONParseError(StringRef file, StringRef message) {
  if (message.consume_front("[")) {
    auto [location, rest] = message.split("]: ");
    auto [lineCol, byte] = location.split(", ");
    if (!rest.empty() && lineCol.contains(':'))
      return (file + ":" + lineCol + ": " + rest).str();
  }
  return (file + ": " + message).str();
}

//===----------------------------------------------------------------------===//
// Pass-option strings
//===----------------------------------------------------------------------===//

StringRef unquote(StringRef s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') &&
      s.back() == s.front())
    return s.drop_front().drop_back();
  return s;
}

/// A number as typed on a command line; anything else stays a string so that
/// the field check names it.
json::Value optionNumber(StringRef s) {
  // Decimal only: "010" on a command line means ten, not YAML 1.1's octal.
  StringRef body = s;
  bool negative = body.consume_front("-");
  if (!negative)
    body.consume_front("+");
  uint64_t magnitude;
  constexpr uint64_t maxPositive = std::numeric_limits<int64_t>::max();
  if (!body.empty() && llvm::all_of(body, isDigit) &&
      !body.getAsInteger(10, magnitude) &&
      magnitude <= maxPositive + (negative ? 1 : 0))
    return negative ? static_cast<int64_t>(0 - magnitude)
                    : static_cast<int64_t>(magnitude);
  if (std::optional<double> d = resolveFloat(s))
    return *d;
  return s.str();
}

json::Value convertOptionValue(FieldKind kind, StringRef text) {
  StringRef s = text.trim();
  switch (kind) {
  case FieldKind::String:
    return unquote(s).str();
  case FieldKind::OptInt:
  case FieldKind::OptNumber:
    if (isNullWord(s) || s == "none" || s == "None")
      return nullptr;
    [[fallthrough]];
  case FieldKind::Int:
  case FieldKind::Number:
    return optionNumber(s);
  case FieldKind::Bool:
    if (s == "1")
      return true;
    if (s == "0")
      return false;
    if (std::optional<bool> b = resolveBool(s))
      return *b;
    return s.str();
  case FieldKind::IntOrList:
  case FieldKind::OptIntList: {
    char close = s.starts_with("[") ? ']' : s.starts_with("(") ? ')' : 0;
    if (close && s.ends_with(StringRef(&close, 1))) {
      json::Array items;
      SmallVector<StringRef> parts;
      s.drop_front().drop_back().split(parts, ',');
      for (auto [index, part] : llvm::enumerate(parts)) {
        StringRef item = part.trim();
        // "[]" and a trailing comma ("(2,)") add no element.
        if (item.empty() && index + 1 == parts.size())
          continue;
        items.push_back(optionNumber(item));
      }
      return items;
    }
    if (kind == FieldKind::OptIntList &&
        (isNullWord(s) || s == "none" || s == "None"))
      return nullptr;
    return optionNumber(s);
  }
  }
  llvm_unreachable("unknown field kind");
}

} // namespace

//===----------------------------------------------------------------------===//
// CompressionGranularity
//===----------------------------------------------------------------------===//

Expected<CompressionGranularity> parseGranularity(StringRef value) {
  std::optional<CompressionGranularity> granularity =
      StringSwitch<std::optional<CompressionGranularity>>(value)
          .Case("per_tensor", CompressionGranularity::PerTensor)
          .Case("per_grouped_channel",
                CompressionGranularity::PerGroupedChannel)
          .Case("per_channel", CompressionGranularity::PerChannel)
          .Case("per_block", CompressionGranularity::PerBlock)
          .Default(std::nullopt);
  if (!granularity)
    return makeError("Invalid granularity=" + value);
  return *granularity;
}

StringRef stringifyGranularity(CompressionGranularity granularity) {
  switch (granularity) {
  case CompressionGranularity::PerTensor:
    return "per_tensor";
  case CompressionGranularity::PerGroupedChannel:
    return "per_grouped_channel";
  case CompressionGranularity::PerChannel:
    return "per_channel";
  case CompressionGranularity::PerBlock:
    return "per_block";
  }
  llvm_unreachable("unknown granularity");
}

StringRef stringifyDtype(QuantizationDtype dtype) {
  switch (dtype) {
  case QuantizationDtype::Int4:
    return "int4";
  case QuantizationDtype::UInt4:
    return "uint4";
  case QuantizationDtype::Int8:
    return "int8";
  case QuantizationDtype::UInt8:
    return "uint8";
  }
  llvm_unreachable("unknown dtype");
}

//===----------------------------------------------------------------------===//
// OpLinearQuantizerConfig
//===----------------------------------------------------------------------===//

unsigned OpLinearQuantizerConfig::nbits() const {
  return dtype == QuantizationDtype::Int4 || dtype == QuantizationDtype::UInt4
             ? 4
             : 8;
}

bool OpLinearQuantizerConfig::isSigned() const {
  return dtype == QuantizationDtype::Int4 || dtype == QuantizationDtype::Int8;
}

Error OpLinearQuantizerConfig::finalize() {
  return finalizeVia(*this, [](const json::Object &fields) {
    return structureLinearQuantizer(fields);
  });
}

json::Object OpLinearQuantizerConfig::toJSON() const {
  json::Value blockSizeValue = nullptr;
  if (const auto *perAxis = std::get_if<std::vector<int64_t>>(&blockSize))
    blockSizeValue = json::Array(*perAxis);
  else
    blockSizeValue = std::get<int64_t>(blockSize);
  return json::Object{
      {"mode",
       mode == LinearQuantizationMode::Linear ? "linear" : "linear_symmetric"},
      {"dtype", stringifyDtype(dtype)},
      {"granularity", stringifyGranularity(granularity)},
      {"block_size", std::move(blockSizeValue)},
      {"weight_threshold", jsonOptInt(weightThreshold)},
  };
}

std::string OpLinearQuantizerConfig::str() const {
  std::string blockSizeText;
  if (const auto *perAxis = std::get_if<std::vector<int64_t>>(&blockSize))
    blockSizeText = pyList(*perAxis);
  else
    blockSizeText = std::to_string(std::get<int64_t>(blockSize));
  return formatv("OpLinearQuantizerConfig(mode='{0}', dtype='{1}', "
                 "granularity='{2}', block_size={3}, weight_threshold={4})",
                 mode == LinearQuantizationMode::Linear ? "LINEAR"
                                                        : "LINEAR_SYMMETRIC",
                 stringifyDtype(dtype), stringifyGranularity(granularity),
                 blockSizeText, pyOptInt(weightThreshold));
}

bool OpLinearQuantizerConfig::operator==(
    const OpLinearQuantizerConfig &other) const {
  return mode == other.mode && dtype == other.dtype &&
         granularity == other.granularity && blockSize == other.blockSize &&
         weightThreshold == other.weightThreshold;
}

//===----------------------------------------------------------------------===//
// OpPalettizerConfig
//===----------------------------------------------------------------------===//

static StringRef stringifyPalettizationMode(PalettizationMode mode) {
  switch (mode) {
  case PalettizationMode::KMeans:
    return "kmeans";
  case PalettizationMode::Uniform:
    return "uniform";
  case PalettizationMode::Unique:
    return "unique";
  case PalettizationMode::Custom:
    return "custom";
  }
  llvm_unreachable("unknown palettization mode");
}

Error OpPalettizerConfig::finalize() {
  return finalizeVia(*this, [](const json::Object &fields) {
    return structurePalettizer(fields, /*allowLutFunction=*/true);
  });
}

json::Object OpPalettizerConfig::toJSON() const {
  json::Object fields{
      {"mode", stringifyPalettizationMode(mode)},
      {"nbits", jsonOptInt(nbits)},
      {"granularity", stringifyGranularity(granularity)},
      {"group_size", groupSize},
      {"channel_axis", jsonOptInt(channelAxis)},
      {"cluster_dim", clusterDim},
      {"enable_per_channel_scale", enablePerChannelScale},
      {"num_kmeans_workers", numKmeansWorkers},
      {"weight_threshold", jsonOptInt(weightThreshold)},
  };
  // from_dict refuses the key even when null, so it only appears when set.
  if (!lutFunctionName.empty())
    fields["lut_function"] = lutFunctionName;
  return fields;
}

std::string OpPalettizerConfig::str() const {
  return formatv(
      "OpPalettizerConfig(mode='{0}', nbits={1}, lut_function={2}, "
      "granularity='{3}', group_size={4}, channel_axis={5}, cluster_dim={6}, "
      "enable_per_channel_scale={7}, num_kmeans_workers={8}, "
      "weight_threshold={9})",
      StringRef(stringifyPalettizationMode(mode)).upper(), pyOptInt(nbits),
      lutFunctionName.empty() ? std::string("None") : pyQuote(lutFunctionName),
      stringifyGranularity(granularity), groupSize, pyOptInt(channelAxis),
      clusterDim, enablePerChannelScale ? "True" : "False", numKmeansWorkers,
      pyOptInt(weightThreshold));
}

bool OpPalettizerConfig::operator==(const OpPalettizerConfig &other) const {
  return mode == other.mode && nbits == other.nbits &&
         lutFunctionName == other.lutFunctionName &&
         granularity == other.granularity && groupSize == other.groupSize &&
         channelAxis == other.channelAxis && clusterDim == other.clusterDim &&
         enablePerChannelScale == other.enablePerChannelScale &&
         numKmeansWorkers == other.numKmeansWorkers &&
         weightThreshold == other.weightThreshold;
}

//===----------------------------------------------------------------------===//
// OpThresholdPrunerConfig
//===----------------------------------------------------------------------===//

Error OpThresholdPrunerConfig::finalize() {
  return finalizeVia(*this, [](const json::Object &fields) {
    return structureThresholdPruner(fields);
  });
}

json::Object OpThresholdPrunerConfig::toJSON() const {
  return json::Object{
      {"threshold", threshold},
      {"minimum_sparsity_percentile", minimumSparsityPercentile},
      {"weight_threshold", jsonOptInt(weightThreshold)},
  };
}

std::string OpThresholdPrunerConfig::str() const {
  return formatv("OpThresholdPrunerConfig(threshold={0}, "
                 "minimum_sparsity_percentile={1}, weight_threshold={2})",
                 pyFloat(threshold), pyFloat(minimumSparsityPercentile),
                 pyOptInt(weightThreshold));
}

bool OpThresholdPrunerConfig::operator==(
    const OpThresholdPrunerConfig &other) const {
  return threshold == other.threshold &&
         minimumSparsityPercentile == other.minimumSparsityPercentile &&
         weightThreshold == other.weightThreshold;
}

//===----------------------------------------------------------------------===//
// OpMagnitudePrunerConfig
//===----------------------------------------------------------------------===//

Error OpMagnitudePrunerConfig::finalize() {
  return finalizeVia(*this, [](const json::Object &fields) {
    return structureMagnitudePruner(fields);
  });
}

json::Object OpMagnitudePrunerConfig::toJSON() const {
  json::Value ratio = nullptr;
  if (nMRatio)
    ratio = json::Array{nMRatio->first, nMRatio->second};
  return json::Object{
      {"target_sparsity",
       targetSparsity ? json::Value(*targetSparsity) : json::Value(nullptr)},
      {"block_size", jsonOptInt(blockSize)},
      {"n_m_ratio", std::move(ratio)},
      {"dim", jsonOptInt(dim)},
      {"weight_threshold", jsonOptInt(weightThreshold)},
  };
}

std::string OpMagnitudePrunerConfig::str() const {
  return formatv("OpMagnitudePrunerConfig(target_sparsity={0}, block_size={1}, "
                 "n_m_ratio={2}, dim={3}, weight_threshold={4})",
                 targetSparsity ? pyFloat(*targetSparsity)
                                : std::string("None"),
                 pyOptInt(blockSize),
                 nMRatio ? pyTuple({nMRatio->first, nMRatio->second})
                         : std::string("None"),
                 pyOptInt(dim), pyOptInt(weightThreshold));
}

bool OpMagnitudePrunerConfig::operator==(
    const OpMagnitudePrunerConfig &other) const {
  return targetSparsity == other.targetSparsity &&
         blockSize == other.blockSize && nMRatio == other.nMRatio &&
         dim == other.dim && weightThreshold == other.weightThreshold;
}

//===----------------------------------------------------------------------===//
// OpCompressorConfig
//===----------------------------------------------------------------------===//

StringRef OpCompressorConfig::getClassName() const {
  return std::visit(
      [](const auto &config) -> StringRef {
        return std::decay_t<decltype(config)>::className;
      },
      storage);
}

std::optional<int64_t> OpCompressorConfig::getWeightThreshold() const {
  return std::visit([](const auto &config) { return config.weightThreshold; },
                    storage);
}

Error OpCompressorConfig::validateOpType(StringRef opType) const {
  const auto *pruner = getIf<OpMagnitudePrunerConfig>();
  if (pruner && pruner->isStructural() && opType != "conv" &&
      opType != "linear")
    return makeError("block sparsity or n:m pruning does not support op type " +
                     opType + ".");
  return Error::success();
}

json::Object OpCompressorConfig::toJSON() const {
  json::Object fields =
      std::visit([](const auto &config) { return config.toJSON(); }, storage);
  fields["config_type"] = getClassName();
  return fields;
}

std::string OpCompressorConfig::str() const {
  return std::visit([](const auto &config) { return config.str(); }, storage);
}

std::string toString(const OptionalCompressorConfig &config) {
  return config ? config->str() : "None";
}

//===----------------------------------------------------------------------===//
// OptimizationConfig
//===----------------------------------------------------------------------===//

void CompressorConfigMap::set(StringRef key, OptionalCompressorConfig config) {
  auto [it, inserted] = index.try_emplace(key, entries.size());
  if (inserted)
    entries.emplace_back(key.str(), std::move(config));
  else
    entries[it->second].second = std::move(config);
}

const OptionalCompressorConfig *CompressorConfigMap::find(StringRef key) const {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &entries[it->second].second;
}

bool CompressorConfigMap::operator==(const CompressorConfigMap &other) const {
  if (size() != other.size())
    return false;
  return llvm::all_of(entries, [&](const Entry &entry) {
    const OptionalCompressorConfig *theirs = other.find(entry.first);
    return theirs && *theirs == entry.second;
  });
}

void OptimizationConfig::setGlobal(OptionalCompressorConfig config) {
  globalConfig = std::move(config);
}

Error OptimizationConfig::setOpType(StringRef opType,
                                    OptionalCompressorConfig config) {
  if (config)
    if (Error err = config->validateOpType(opType))
      return err;
  typeConfigs.set(opType, std::move(config));
  return Error::success();
}

void OptimizationConfig::setOpName(StringRef opName,
                                   OptionalCompressorConfig config) {
  nameConfigs.set(opName, std::move(config));
}

static CompressorConfigLookup lookupIn(const CompressorConfigMap &map,
                                       StringRef key) {
  if (const OptionalCompressorConfig *config = map.find(key))
    return {true, *config};
  return {};
}

CompressorConfigLookup OptimizationConfig::lookupOpName(StringRef name) const {
  return lookupIn(nameConfigs, name);
}

CompressorConfigLookup OptimizationConfig::lookupOpType(StringRef type) const {
  return lookupIn(typeConfigs, type);
}

OptionalCompressorConfig OptimizationConfig::resolve(StringRef opName,
                                                     StringRef opType) const {
  if (const OptionalCompressorConfig *config = nameConfigs.find(opName))
    return *config;
  if (const OptionalCompressorConfig *config = typeConfigs.find(opType))
    return *config;
  return globalConfig;
}

json::Value OptimizationConfig::toJSON() const {
  auto slot = [](const OptionalCompressorConfig &config) -> json::Value {
    return config ? json::Value(config->toJSON()) : json::Value(nullptr);
  };
  // Entries carry their own config_type; the top-level one is required by
  // from_dict and only needs to be a valid class name.
  StringRef topLevelType = OpLinearQuantizerConfig::className;
  std::vector<const OptionalCompressorConfig *> all{&globalConfig};
  for (const auto &entry : typeConfigs)
    all.push_back(&entry.second);
  for (const auto &entry : nameConfigs)
    all.push_back(&entry.second);
  for (const OptionalCompressorConfig *config : all)
    if (*config) {
      topLevelType = (*config)->getClassName();
      break;
    }

  json::Object typeObject, nameObject;
  for (const auto &[key, config] : typeConfigs)
    typeObject[key] = slot(config);
  for (const auto &[key, config] : nameConfigs)
    nameObject[key] = slot(config);
  return json::Object{
      {"config_type", topLevelType},
      {"global_config", slot(globalConfig)},
      {"op_type_configs", std::move(typeObject)},
      {"op_name_configs", std::move(nameObject)},
  };
}

bool OptimizationConfig::operator==(const OptimizationConfig &other) const {
  return globalConfig == other.globalConfig &&
         typeConfigs == other.typeConfigs && nameConfigs == other.nameConfigs;
}

//===----------------------------------------------------------------------===//
// Readers
//===----------------------------------------------------------------------===//

/// One from_dict entry (_get_cls_instance): None, or a field dict whose own
/// config_type overrides the top-level class.
static Expected<OptionalCompressorConfig>
structureEntry(StringRef configType, const json::Value &value) {
  if (value.kind() == json::Value::Null)
    return std::nullopt;
  const json::Object *object = value.getAsObject();
  if (!object)
    return makeError("config must be type of OpCompressorConfig. Got " +
                     pyTypeName(value) + ".");
  json::Object fields = *object;
  std::string className = configType.str();
  if (const json::Value *override = fields.get("config_type")) {
    std::optional<StringRef> name = override->getAsString();
    if (!name)
      return makeError(
          formatv("\"config_type\" must be a string, got {0}", *override));
    className = name->str();
    fields.erase("config_type");
  }
  Expected<OpCompressorConfig> config =
      structureConfig(className, fields, /*allowLutFunction=*/false);
  if (!config)
    return config.takeError();
  return OptionalCompressorConfig(std::move(*config));
}

static Expected<OptimizationConfig>
structureOptimizationConfig(const json::Value &dict) {
  const json::Object *object = dict.getAsObject();
  if (!object)
    return makeError("an OptimizationConfig must be built from a dict. Got " +
                     pyTypeName(dict));

  constexpr StringLiteral validKeys[] = {"config_type", "global_config",
                                         "op_name_configs", "op_type_configs"};
  for (const std::string &key : sortedKeys(*object))
    if (!llvm::is_contained(validKeys, key))
      return makeError(
          "Invalid key " + key +
          " to construct an OptimizationConfig object. Supported keys are "
          "('config_type', 'global_config', 'op_name_configs', "
          "'op_type_configs').");

  const json::Value *configTypeValue = object->get("config_type");
  std::optional<StringRef> configType =
      configTypeValue ? configTypeValue->getAsString() : std::nullopt;
  if (!configType)
    return makeError("config_type must be provided with type of string.");

  // Entries are all built before OptimizationConfig's own validators run.
  OptionalCompressorConfig globalConfig;
  if (const json::Value *value = object->get("global_config")) {
    Expected<OptionalCompressorConfig> config =
        structureEntry(*configType, *value);
    if (!config)
      return prefixError(config.takeError(), "global_config");
    globalConfig = std::move(*config);
  }

  std::vector<std::pair<std::string, OptionalCompressorConfig>> levels[2];
  StringLiteral levelKeys[2] = {"op_type_configs", "op_name_configs"};
  for (int level = 0; level < 2; ++level) {
    StringRef levelKey = levelKeys[level];
    const json::Value *value = object->get(levelKey);
    if (!value || value->kind() == json::Value::Null)
      continue;
    const json::Object *entries = value->getAsObject();
    if (!entries)
      return makeError(levelKey + " must be type of dict. Got " +
                       pyTypeName(*value));
    for (const std::string &key : sortedKeys(*entries)) {
      Expected<OptionalCompressorConfig> config =
          structureEntry(*configType, *entries->get(key));
      if (!config)
        return prefixError(config.takeError(),
                           (levelKey + "[\"" + key + "\"]").str());
      levels[level].emplace_back(key, std::move(*config));
    }
  }

  OptimizationConfig result;
  result.setGlobal(std::move(globalConfig));
  for (auto &[opType, config] : levels[0])
    if (Error err = result.setOpType(opType, std::move(config)))
      return err;
  for (auto &[opName, config] : levels[1])
    result.setOpName(opName, std::move(config));
  return result;
}

Expected<OptimizationConfig> parseOptimizationConfig(const json::Value &dict,
                                                     StringRef origin) {
  Expected<OptimizationConfig> config = structureOptimizationConfig(dict);
  if (!config)
    return prefixError(config.takeError(), origin);
  return config;
}

Expected<json::Value> parseYAMLAsJSON(StringRef text, StringRef bufferName) {
  SourceMgr sourceMgr;
  FirstDiagnostic diagnostic;
  sourceMgr.setDiagHandler(FirstDiagnostic::handle, &diagnostic);
  yaml::Stream stream(MemoryBufferRef(text, bufferName), sourceMgr,
                      /*ShowColors=*/false);
  YAMLToJSON converter(stream);

  json::Value result = nullptr;
  yaml::document_iterator it = stream.begin(), end = stream.end();
  if (it != end) {
    result = converter.convert(it->getRoot(), 0);
    // yaml.safe_load reads exactly one document.
    if (!diagnostic.text && ++it != end)
      converter.error(it->getRoot(), "expected a single document in the "
                                     "stream but found another document");
  }
  if (diagnostic.text)
    return makeError(*diagnostic.text);
  if (stream.failed())
    return makeError(bufferName + ": invalid YAML");
  return result;
}

Expected<OptimizationConfig> parseOptimizationConfigFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return makeError(path + ": " + buffer.getError().message());
  StringRef text = (*buffer)->getBuffer();

  json::Value dict = nullptr;
  if (sys::path::extension(path).equals_insensitive(".json")) {
    Expected<json::Value> parsed = json::parse(text);
    if (!parsed)
      return makeError(
          formatJSONParseError(path, toString(parsed.takeError())));
    dict = std::move(*parsed);
  } else {
    Expected<json::Value> parsed = parseYAMLAsJSON(text, path);
    if (!parsed)
      return parsed.takeError();
    dict = std::move(*parsed);
  }
  return parseOptimizationConfig(dict, path);
}

Expected<OpCompressorConfig> parseOpConfigDict(StringRef configType,
                                               const json::Value &fields,
                                               StringRef origin,
                                               bool allowLutFunction) {
  const json::Object *object = fields.getAsObject();
  if (!object)
    return prefixError(makeError("the fields of " + configType +
                                 " must be type of dict. Got " +
                                 pyTypeName(fields)),
                       origin);
  Expected<OpCompressorConfig> config =
      structureConfig(configType, *object, allowLutFunction);
  if (!config)
    return prefixError(config.takeError(), origin);
  return config;
}

Expected<OpCompressorConfig>
parseOpConfig(StringRef configType,
              ArrayRef<std::pair<std::string, std::string>> fields,
              StringRef origin) {
  std::optional<ArrayRef<FieldSpec>> specs = fieldsOf(configType);
  if (!specs)
    return prefixError(unknownConfigType(configType), origin);
  json::Object object;
  for (const auto &[key, text] : fields) {
    const FieldSpec *spec = llvm::find_if(
        *specs, [&](const FieldSpec &s) { return s.name == key; });
    // Unknown keys are refused by structuring; keep them as typed.
    object[key] = spec == specs->end() ? json::Value(text)
                                       : convertOptionValue(spec->kind, text);
  }
  Expected<OpCompressorConfig> config =
      structureConfig(configType, object, /*allowLutFunction=*/true);
  if (!config)
    return prefixError(config.takeError(), origin);
  return config;
}

} // namespace mil::pipeline
