//===- CompressionConfig.h - weight compression configs ---------*- C++ -*-===//
//
// Part of mil-mlir. Pure C++: LLVM Support only, no MLIR.
//
// The configuration model of coremltools.optimize.coreml (spec/compression.md
// 2.1-2.6): the four per-op compressor configs, their validation with
// coremltools' messages and order, OptimizationConfig with its
// global / op type / op name levels, and the from_dict / from_yaml readers.
//
// coremltools validates in attrs' order: cattrs structuring (type conversion,
// unknown keys), then converters, then validators in field declaration order.
// Every path here (typed structs, dicts, files, pass options) funnels into one
// structuring routine per class so that order and messages cannot drift.
// Errors are llvm::Error string errors; nothing throws.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PIPELINE_COMPRESSIONCONFIG_H
#define MIL_PIPELINE_COMPRESSIONCONFIG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mil::pipeline {

//===----------------------------------------------------------------------===//
// CompressionGranularity
//===----------------------------------------------------------------------===//

/// Values match coremltools' Enum (they appear in validation messages).
enum class CompressionGranularity {
  PerTensor = 1,
  PerGroupedChannel = 2,
  PerChannel = 3,
  PerBlock = 4,
};

/// Accepts the exact lower-case spellings ("per_tensor", ...); anything else
/// fails with "Invalid granularity={value}".
llvm::Expected<CompressionGranularity> parseGranularity(llvm::StringRef value);
/// The config spelling, e.g. "per_grouped_channel".
llvm::StringRef stringifyGranularity(CompressionGranularity granularity);

//===----------------------------------------------------------------------===//
// Per-op compressor configs
//===----------------------------------------------------------------------===//
//
// Plain aggregates with coremltools' defaults. Fill the fields, then call
// finalize(): it runs coremltools' validators in their order and applies the
// post-init derived values (OpMagnitudePrunerConfig::dim). Configs obtained
// from the parse functions below are already finalized.

enum class LinearQuantizationMode { LinearSymmetric, Linear };
enum class QuantizationDtype { Int4, UInt4, Int8, UInt8 };

/// The MIL type name: "int4", "uint4", "int8", "uint8".
llvm::StringRef stringifyDtype(QuantizationDtype dtype);

/// OpLinearQuantizerConfig.block_size: an int (block along the input-channel
/// axis), or one block length per weight axis (0 = the whole axis).
using QuantizationBlockSize = std::variant<int64_t, std::vector<int64_t>>;

struct OpLinearQuantizerConfig {
  static constexpr llvm::StringLiteral className = "OpLinearQuantizerConfig";

  LinearQuantizationMode mode = LinearQuantizationMode::LinearSymmetric;
  QuantizationDtype dtype = QuantizationDtype::Int8;
  CompressionGranularity granularity = CompressionGranularity::PerChannel;
  QuantizationBlockSize blockSize = int64_t(32);
  /// None is accepted here and refused when a pass evaluates a weight.
  std::optional<int64_t> weightThreshold = 2048;

  /// Derived from dtype (coremltools sets them in __attrs_post_init__).
  unsigned nbits() const;
  bool isSigned() const;

  llvm::Error finalize();
  /// The from_dict field dict (mode lower-case, as a user writes it).
  llvm::json::Object toJSON() const;
  std::string str() const;
  bool operator==(const OpLinearQuantizerConfig &other) const;
  bool operator!=(const OpLinearQuantizerConfig &other) const {
    return !(*this == other);
  }
};

enum class PalettizationMode { KMeans, Uniform, Unique, Custom };

struct OpPalettizerConfig {
  static constexpr llvm::StringLiteral className = "OpPalettizerConfig";

  PalettizationMode mode = PalettizationMode::KMeans;
  /// Required for KMEANS/UNIFORM, forbidden for UNIQUE/CUSTOM.
  std::optional<int64_t> nbits;
  /// coremltools takes a callable; we take the name of a LUT function
  /// registered with the palettization pass. Empty means None. Required iff
  /// mode is CUSTOM; whether the name is registered is the pass' concern.
  std::string lutFunctionName;
  CompressionGranularity granularity = CompressionGranularity::PerTensor;
  /// Channels per group (per_grouped_channel); 0 = one group.
  int64_t groupSize = 32;
  /// None = chosen from the consuming op.
  std::optional<int64_t> channelAxis;
  int64_t clusterDim = 1;
  bool enablePerChannelScale = false;
  int64_t numKmeansWorkers = 1;
  std::optional<int64_t> weightThreshold = 2048;

  llvm::Error finalize();
  llvm::json::Object toJSON() const;
  std::string str() const;
  bool operator==(const OpPalettizerConfig &other) const;
  bool operator!=(const OpPalettizerConfig &other) const {
    return !(*this == other);
  }
};

struct OpThresholdPrunerConfig {
  static constexpr llvm::StringLiteral className = "OpThresholdPrunerConfig";

  double threshold = 1e-12;
  double minimumSparsityPercentile = 0.5;
  std::optional<int64_t> weightThreshold = 2048;

  llvm::Error finalize();
  llvm::json::Object toJSON() const;
  std::string str() const;
  bool operator==(const OpThresholdPrunerConfig &other) const;
  bool operator!=(const OpThresholdPrunerConfig &other) const {
    return !(*this == other);
  }
};

struct OpMagnitudePrunerConfig {
  static constexpr llvm::StringLiteral className = "OpMagnitudePrunerConfig";

  /// Exactly one of targetSparsity / nMRatio must be set.
  std::optional<double> targetSparsity;
  std::optional<int64_t> blockSize;
  std::optional<std::pair<int64_t, int64_t>> nMRatio;
  /// finalize() defaults it to 0 with blockSize and to 1 with nMRatio.
  std::optional<int64_t> dim;
  std::optional<int64_t> weightThreshold = 2048;

  /// Block or n:m sparsity: only for the weight of conv and linear.
  bool isStructural() const { return blockSize || nMRatio; }

  llvm::Error finalize();
  llvm::json::Object toJSON() const;
  std::string str() const;
  bool operator==(const OpMagnitudePrunerConfig &other) const;
  bool operator!=(const OpMagnitudePrunerConfig &other) const {
    return !(*this == other);
  }
};

/// One of the four configs (coremltools' OpCompressorConfig subclasses).
/// Equality is by value and requires the same class, as attrs' __eq__.
class OpCompressorConfig {
public:
  using Storage =
      std::variant<OpLinearQuantizerConfig, OpPalettizerConfig,
                   OpThresholdPrunerConfig, OpMagnitudePrunerConfig>;

  OpCompressorConfig(OpLinearQuantizerConfig config)
      : storage(std::move(config)) {}
  OpCompressorConfig(OpPalettizerConfig config) : storage(std::move(config)) {}
  OpCompressorConfig(OpThresholdPrunerConfig config)
      : storage(std::move(config)) {}
  OpCompressorConfig(OpMagnitudePrunerConfig config)
      : storage(std::move(config)) {}

  template <typename T> bool isa() const {
    return std::holds_alternative<T>(storage);
  }
  template <typename T> const T *getIf() const {
    return std::get_if<T>(&storage);
  }
  template <typename T> const T &get() const { return std::get<T>(storage); }
  const Storage &getStorage() const { return storage; }

  /// "OpPalettizerConfig", ... (the from_dict config_type).
  llvm::StringRef getClassName() const;
  std::optional<int64_t> getWeightThreshold() const;

  /// coremltools' _validate_op_type: structural magnitude pruning only for
  /// conv and linear.
  llvm::Error validateOpType(llvm::StringRef opType) const;

  /// Field dict including "config_type".
  llvm::json::Object toJSON() const;
  /// attrs-like repr, e.g.
  /// OpPalettizerConfig(mode='KMEANS', nbits=4, lut_function=None, ...).
  std::string str() const;

  bool operator==(const OpCompressorConfig &other) const {
    return storage == other.storage;
  }
  bool operator!=(const OpCompressorConfig &other) const {
    return !(*this == other);
  }

private:
  Storage storage;
};

/// A config slot that may hold "do not compress" (None).
using OptionalCompressorConfig = std::optional<OpCompressorConfig>;

/// str() of a slot; "None" when empty (as coremltools' conflict message).
std::string toString(const OptionalCompressorConfig &config);

//===----------------------------------------------------------------------===//
// OptimizationConfig
//===----------------------------------------------------------------------===//

/// Insertion-ordered map from op type / op name to a config slot. A key whose
/// slot is None means "do not compress" and is distinct from an absent key.
class CompressorConfigMap {
public:
  using Entry = std::pair<std::string, OptionalCompressorConfig>;
  using const_iterator = std::vector<Entry>::const_iterator;

  /// Inserts or overwrites (keeping the key's original position, as a Python
  /// dict does).
  void set(llvm::StringRef key, OptionalCompressorConfig config);
  /// Null when the key is absent.
  const OptionalCompressorConfig *find(llvm::StringRef key) const;
  bool contains(llvm::StringRef key) const { return index.count(key); }

  const_iterator begin() const { return entries.begin(); }
  const_iterator end() const { return entries.end(); }
  size_t size() const { return entries.size(); }
  bool empty() const { return entries.empty(); }

  /// Order-insensitive, as Python dict equality.
  bool operator==(const CompressorConfigMap &other) const;
  bool operator!=(const CompressorConfigMap &other) const {
    return !(*this == other);
  }

private:
  std::vector<Entry> entries;
  llvm::StringMap<size_t> index;
};

/// Result of a level lookup: `found` tells a present key (whose config may be
/// None) from an absent one.
struct CompressorConfigLookup {
  bool found = false;
  OptionalCompressorConfig config;
};

class OptimizationConfig {
public:
  void setGlobal(OptionalCompressorConfig config);
  /// Fails (leaving the map unchanged) for structural pruning on an op type
  /// other than conv / linear. Later calls overwrite earlier ones.
  llvm::Error setOpType(llvm::StringRef opType,
                        OptionalCompressorConfig config);
  void setOpName(llvm::StringRef opName, OptionalCompressorConfig config);

  const OptionalCompressorConfig &global() const { return globalConfig; }
  const CompressorConfigMap &opTypeConfigs() const { return typeConfigs; }
  const CompressorConfigMap &opNameConfigs() const { return nameConfigs; }

  CompressorConfigLookup lookupOpName(llvm::StringRef opName) const;
  CompressorConfigLookup lookupOpType(llvm::StringRef opType) const;

  /// coremltools' _get_op_config for a non-const op: the op name entry if the
  /// key exists (even when None), else the op type entry if the key exists,
  /// else the global config.
  OptionalCompressorConfig resolve(llvm::StringRef opName,
                                   llvm::StringRef opType) const;

  /// A from_dict-compatible dict; every entry carries its own config_type.
  llvm::json::Value toJSON() const;

  bool operator==(const OptimizationConfig &other) const;
  bool operator!=(const OptimizationConfig &other) const {
    return !(*this == other);
  }

private:
  OptionalCompressorConfig globalConfig;
  CompressorConfigMap typeConfigs;
  CompressorConfigMap nameConfigs;
};

//===----------------------------------------------------------------------===//
// Readers
//===----------------------------------------------------------------------===//
//
// Every message is prefixed with "{origin}: " (nothing when origin is empty).
// Messages about one entry of a dict also name it, e.g.
// "cfg.yaml: op_name_configs["conv_1"]: Invalid value of "nbits" ...".

/// coremltools' OptimizationConfig.from_dict. JSON objects are unordered, so
/// keys are visited in sorted order (coremltools: file order); this only
/// matters for which of several errors is reported.
llvm::Expected<OptimizationConfig>
parseOptimizationConfig(const llvm::json::Value &dict, llvm::StringRef origin);

/// coremltools' OptimizationConfig.from_yaml on a path. A ".json" file is
/// parsed as JSON, anything else as YAML; the file name is the origin and
/// syntax errors read "{file}:{line}:{col}: {message}".
llvm::Expected<OptimizationConfig>
parseOptimizationConfigFile(llvm::StringRef path);

/// YAML text to a JSON value with yaml.safe_load's scalar typing: null / ~ /
/// empty -> null, true/false (and YAML 1.1's yes/no/on/off) -> bool,
/// integers -> int64, floats (also 1e-3, .5, .inf, .nan) -> double; quoted
/// and block scalars stay strings. `bufferName` names the text in syntax
/// errors ("{bufferName}:{line}:{col}: {message}").
llvm::Expected<llvm::json::Value> parseYAMLAsJSON(llvm::StringRef text,
                                                  llvm::StringRef bufferName);

/// coremltools' Cls._from_dict: `configType` is a class name
/// ("OpPalettizerConfig", ...); unknown keys are refused. A "lut_function"
/// key is refused as coremltools does unless `allowLutFunction` (then it
/// holds a registered LUT function name).
llvm::Expected<OpCompressorConfig>
parseOpConfigDict(llvm::StringRef configType, const llvm::json::Value &fields,
                  llvm::StringRef origin, bool allowLutFunction = false);

/// A single config from pass-option style key/value strings ("nbits"="4",
/// "granularity"="per_block", "n_m_ratio"="[2,4]", "weight_threshold"="none").
/// Values are converted to each field's type, then validated as a dict would
/// be; "lut_function" names a registered LUT function.
llvm::Expected<OpCompressorConfig>
parseOpConfig(llvm::StringRef configType,
              llvm::ArrayRef<std::pair<std::string, std::string>> fields,
              llvm::StringRef origin);

} // namespace mil::pipeline

#endif // MIL_PIPELINE_COMPRESSIONCONFIG_H
