//===- CompressionConfigTest.cpp - compression config tests ---------------===//
//
// Part of mil-mlir.
//
// coremltools' configuration model (spec/compression.md 2.1-2.6, 5.2, 5.7,
// 5.8): defaults, every validation message and its order, from_dict,
// from_yaml (YAML and JSON files) and pass-option parsing.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/CompressionConfig.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace mil::pipeline;
using llvm::json::Value;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::string errorOf(llvm::Error err) {
  if (!err)
    return "<success>";
  return llvm::toString(std::move(err));
}

template <typename T> std::string errorOf(llvm::Expected<T> value) {
  if (value)
    return "<success>";
  return llvm::toString(value.takeError());
}

/// The value, or a test failure naming the error.
template <typename T> std::optional<T> takeOk(llvm::Expected<T> value) {
  if (!value) {
    ADD_FAILURE() << llvm::toString(value.takeError());
    return std::nullopt;
  }
  return std::move(*value);
}

Value parseJSON(llvm::StringRef text) {
  llvm::Expected<Value> value = llvm::json::parse(text);
  if (!value) {
    ADD_FAILURE() << "bad test JSON: " << llvm::toString(value.takeError());
    return nullptr;
  }
  return std::move(*value);
}

/// Cls._from_dict(fields) with fields written as JSON text.
llvm::Expected<OpCompressorConfig> fromDict(llvm::StringRef configType,
                                            llvm::StringRef fields) {
  return parseOpConfigDict(configType, parseJSON(fields), "");
}

std::string dictError(llvm::StringRef configType, llvm::StringRef fields) {
  return errorOf(fromDict(configType, fields));
}

/// OptimizationConfig.from_dict with origin "cfg".
llvm::Expected<OptimizationConfig> fromConfigDict(llvm::StringRef text) {
  return parseOptimizationConfig(parseJSON(text), "cfg");
}

template <typename T> std::string finalizeError(T config) {
  return errorOf(config.finalize());
}

/// A finalized config; typed construction is how coremltools' tests build the
/// expected side of every from_dict comparison.
template <typename T> OpCompressorConfig made(T config) {
  EXPECT_EQ(errorOf(config.finalize()), "<success>");
  return config;
}

OpLinearQuantizerConfig lqc(LinearQuantizationMode mode,
                            QuantizationDtype dtype,
                            std::optional<int64_t> weightThreshold = 2048) {
  OpLinearQuantizerConfig c;
  c.mode = mode;
  c.dtype = dtype;
  c.weightThreshold = weightThreshold;
  return c;
}

OpPalettizerConfig pc(PalettizationMode mode, std::optional<int64_t> nbits,
                      std::optional<int64_t> weightThreshold = 2048) {
  OpPalettizerConfig c;
  c.mode = mode;
  c.nbits = nbits;
  c.weightThreshold = weightThreshold;
  return c;
}

OpThresholdPrunerConfig tpc(double threshold, double minimum,
                            std::optional<int64_t> weightThreshold = 2048) {
  OpThresholdPrunerConfig c;
  c.threshold = threshold;
  c.minimumSparsityPercentile = minimum;
  c.weightThreshold = weightThreshold;
  return c;
}

OpMagnitudePrunerConfig mpcSparsity(double targetSparsity) {
  OpMagnitudePrunerConfig c;
  c.targetSparsity = targetSparsity;
  return c;
}

OpMagnitudePrunerConfig mpcNM(int64_t n, int64_t m) {
  OpMagnitudePrunerConfig c;
  c.nMRatio = std::make_pair(n, m);
  return c;
}

/// A file in the temp directory, removed at scope exit.
class TempFile {
public:
  TempFile(llvm::StringRef suffix, llvm::StringRef contents) {
    int fd;
    std::error_code ec =
        llvm::sys::fs::createTemporaryFile("mil-config", suffix, fd, path);
    EXPECT_FALSE(ec) << ec.message();
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << contents;
  }
  ~TempFile() { llvm::sys::fs::remove(path); }
  llvm::StringRef getPath() const { return path; }

private:
  llvm::SmallString<128> path;
};

constexpr llvm::StringLiteral supportedKeys =
    "Supported keys are ('config_type', 'global_config', 'op_name_configs', "
    "'op_type_configs').";

//===----------------------------------------------------------------------===//
// 2.1 CompressionGranularity
//===----------------------------------------------------------------------===//

TEST(CompressionGranularity, ParsesTheFourSpellings) {
  for (CompressionGranularity g :
       {CompressionGranularity::PerTensor,
        CompressionGranularity::PerGroupedChannel,
        CompressionGranularity::PerChannel, CompressionGranularity::PerBlock}) {
    std::optional<CompressionGranularity> parsed =
        takeOk(parseGranularity(stringifyGranularity(g)));
    EXPECT_EQ(parsed, g);
  }
  EXPECT_EQ(stringifyGranularity(CompressionGranularity::PerGroupedChannel),
            "per_grouped_channel");
  EXPECT_EQ(static_cast<int>(CompressionGranularity::PerBlock), 4);
}

TEST(CompressionGranularity, RejectsOtherSpellings) {
  EXPECT_EQ(errorOf(parseGranularity("per_xyz")),
            "Invalid granularity=per_xyz");
  // Exact, lower case.
  EXPECT_EQ(errorOf(parseGranularity("PER_TENSOR")),
            "Invalid granularity=PER_TENSOR");
}

//===----------------------------------------------------------------------===//
// 2.2 OpLinearQuantizerConfig
//===----------------------------------------------------------------------===//

TEST(OpLinearQuantizerConfig, Defaults) {
  OpLinearQuantizerConfig c;
  EXPECT_EQ(c.mode, LinearQuantizationMode::LinearSymmetric);
  EXPECT_EQ(c.dtype, QuantizationDtype::Int8);
  EXPECT_EQ(c.granularity, CompressionGranularity::PerChannel);
  EXPECT_EQ(c.blockSize, QuantizationBlockSize(int64_t(32)));
  EXPECT_EQ(c.weightThreshold, 2048);
  EXPECT_EQ(errorOf(c.finalize()), "<success>");
  std::optional<OpCompressorConfig> fromEmpty =
      takeOk(fromDict("OpLinearQuantizerConfig", "{}"));
  ASSERT_TRUE(fromEmpty);
  EXPECT_EQ(*fromEmpty, OpCompressorConfig(c));
}

TEST(OpLinearQuantizerConfig, DerivedNbitsAndSigned) {
  struct Case {
    QuantizationDtype dtype;
    unsigned nbits;
    bool isSigned;
  } cases[] = {{QuantizationDtype::Int4, 4, true},
               {QuantizationDtype::UInt4, 4, false},
               {QuantizationDtype::Int8, 8, true},
               {QuantizationDtype::UInt8, 8, false}};
  for (const Case &c : cases) {
    OpLinearQuantizerConfig config;
    config.dtype = c.dtype;
    EXPECT_EQ(config.nbits(), c.nbits);
    EXPECT_EQ(config.isSigned(), c.isSigned);
  }
}

TEST(OpLinearQuantizerConfig, ModeIsCaseInsensitive) {
  std::optional<OpCompressorConfig> c =
      takeOk(fromDict("OpLinearQuantizerConfig", R"({"mode": "Linear"})"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->get<OpLinearQuantizerConfig>().mode,
            LinearQuantizationMode::Linear);
}

TEST(OpLinearQuantizerConfig, InvalidModeShowsTheGivenSpelling) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"mode": "DUMMY"})"),
            "Only mode ('LINEAR_SYMMETRIC', 'LINEAR') supported for weight "
            "affine quantization. Got mode: \"DUMMY\".");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"mode": "dummy"})"),
            "Only mode ('LINEAR_SYMMETRIC', 'LINEAR') supported for weight "
            "affine quantization. Got mode: \"dummy\".");
}

TEST(OpLinearQuantizerConfig, DtypeStringThatIsNotAMILType) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": "int2"})"),
            "Invalid dtype int2. Only support int8/uint8/int4/uint4.");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": "float16"})"),
            "Invalid dtype float16. Only support int8/uint8/int4/uint4.");
}

TEST(OpLinearQuantizerConfig, DtypeThatIsNotAString) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": 8})"),
            "dtype=8 is unsupported for OpLinearQuantizerConfig.");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": null})"),
            "dtype=None is unsupported for OpLinearQuantizerConfig.");
}

TEST(OpLinearQuantizerConfig, DtypeMILTypeOfTheWrongKind) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": "int32"})"),
            "Invalid dtype. Should be int4/8 or uint4/8, but got int32");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": "fp16"})"),
            "Invalid dtype. Should be int4/8 or uint4/8, but got fp16");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"dtype": "uint1"})"),
            "Invalid dtype. Should be int4/8 or uint4/8, but got uint1");
}

TEST(OpLinearQuantizerConfig, GroupedChannelGranularityIsRefused) {
  const char *expected =
      "\"granularity\" must be one of (<CompressionGranularity.PER_TENSOR: 1>, "
      "<CompressionGranularity.PER_CHANNEL: 3>, "
      "<CompressionGranularity.PER_BLOCK: 4>), but got "
      "CompressionGranularity.PER_GROUPED_CHANNEL";
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"granularity": "per_grouped_channel"})"),
            expected);
  OpLinearQuantizerConfig typed;
  typed.granularity = CompressionGranularity::PerGroupedChannel;
  EXPECT_EQ(finalizeError(typed), expected);
}

TEST(OpLinearQuantizerConfig, UnknownGranularityIsAConversionError) {
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig", R"({"granularity": "per_xyz"})"),
      "Invalid granularity=per_xyz");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"granularity": 3})"),
            "Invalid granularity=3");
}

TEST(OpLinearQuantizerConfig, NegativeIntBlockSize) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": -1})"),
            "The block_size must be non-negative values, but got -1");
  OpLinearQuantizerConfig typed;
  typed.blockSize = int64_t(-4);
  EXPECT_EQ(finalizeError(typed),
            "The block_size must be non-negative values, but got -4");
}

TEST(OpLinearQuantizerConfig, BadPerAxisBlockSize) {
  const char *expected =
      "All values in block_size must be non-negative values.";
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": [1, -1]})"),
            expected);
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": [1, "a"]})"),
            expected);
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": [1.5]})"),
            expected);
  OpLinearQuantizerConfig typed;
  typed.blockSize = std::vector<int64_t>{0, -1};
  EXPECT_EQ(finalizeError(typed), expected);
}

TEST(OpLinearQuantizerConfig, BlockSizeOfAnotherType) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": "a"})"),
            "The block_size should be int or list/tuple of int, but got "
            "<class 'str'>.");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": 1.5})"),
            "The block_size should be int or list/tuple of int, but got "
            "<class 'float'>.");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"block_size": null})"),
            "The block_size should be int or list/tuple of int, but got "
            "<class 'NoneType'>.");
}

TEST(OpLinearQuantizerConfig, PerAxisBlockSize) {
  std::optional<OpCompressorConfig> c = takeOk(
      fromDict("OpLinearQuantizerConfig",
               R"({"granularity": "per_block", "block_size": [0, 1, 0, 0]})"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->get<OpLinearQuantizerConfig>().blockSize,
            QuantizationBlockSize(std::vector<int64_t>{0, 1, 0, 0}));
  EXPECT_EQ(c->str(),
            "OpLinearQuantizerConfig(mode='LINEAR_SYMMETRIC', dtype='int8', "
            "granularity='per_block', block_size=[0, 1, 0, 0], "
            "weight_threshold=2048)");
}

TEST(OpLinearQuantizerConfig, NegativeWeightThreshold) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"weight_threshold": -9})"),
            "\"weight_threshold\" must be a non-negative integer. Got -9.");
  OpLinearQuantizerConfig typed;
  typed.weightThreshold = -1;
  EXPECT_EQ(finalizeError(typed),
            "\"weight_threshold\" must be a non-negative integer. Got -1.");
}

TEST(OpLinearQuantizerConfig, NullWeightThresholdIsAccepted) {
  std::optional<OpCompressorConfig> c = takeOk(
      fromDict("OpLinearQuantizerConfig", R"({"weight_threshold": null})"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->getWeightThreshold(), std::nullopt);
}

TEST(OpLinearQuantizerConfig, TypeErrorsNameFieldAndType) {
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"mode": 5})"),
            "\"mode\" must be a string, got 5");
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig", R"({"weight_threshold": "abc"})"),
      "\"weight_threshold\" must be an integer or null, got \"abc\"");
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig", R"({"weight_threshold": 1.5})"),
      "\"weight_threshold\" must be an integer or null, got 1.5");
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig", R"({"weight_threshold": true})"),
      "\"weight_threshold\" must be an integer or null, got true");
}

TEST(OpLinearQuantizerConfig, ErrorOrderIsTypesConvertersValidators) {
  // Field types (cattrs) come before the dtype converter.
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"dtype": "int2", "weight_threshold": "x"})"),
            "\"weight_threshold\" must be an integer or null, got \"x\"");
  // Converters (dtype, then granularity) come before any validator.
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"mode": "DUMMY", "dtype": "int2"})"),
            "Invalid dtype int2. Only support int8/uint8/int4/uint4.");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"dtype": "int32", "granularity": "bad"})"),
            "Invalid granularity=bad");
  // Validators run in field order: mode, dtype, granularity, block_size,
  // weight_threshold.
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"mode": "x", "dtype": "int32"})"),
            "Only mode ('LINEAR_SYMMETRIC', 'LINEAR') supported for weight "
            "affine quantization. Got mode: \"x\".");
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig",
                R"({"dtype": "int32", "granularity": "per_grouped_channel"})"),
      "Invalid dtype. Should be int4/8 or uint4/8, but got int32");
  EXPECT_EQ(
      dictError("OpLinearQuantizerConfig",
                R"({"block_size": -1, "granularity": "per_grouped_channel"})")
          .substr(0, 34),
      "\"granularity\" must be one of (<Com");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"block_size": -1, "weight_threshold": -1})"),
            "The block_size must be non-negative values, but got -1");
}

// 5.8 item 62: _from_dict equals direct construction.
TEST(OpLinearQuantizerConfig, FromDictEqualsConstruction) {
  const std::pair<const char *, LinearQuantizationMode> modes[] = {
      {"linear", LinearQuantizationMode::Linear},
      {"linear_symmetric", LinearQuantizationMode::LinearSymmetric}};
  const std::pair<const char *, QuantizationDtype> dtypes[] = {
      {"int4", QuantizationDtype::Int4},
      {"uint4", QuantizationDtype::UInt4},
      {"int8", QuantizationDtype::Int8},
      {"uint8", QuantizationDtype::UInt8}};
  const char *granularities[] = {"per_tensor", "per_channel", "per_block"};
  const std::pair<const char *, QuantizationBlockSize> blockSizes[] = {
      {"0", int64_t(0)},
      {"1", int64_t(1)},
      {"2", int64_t(2)},
      {"[0, 1]", std::vector<int64_t>{0, 1}}};
  const std::pair<const char *, std::optional<int64_t>> thresholds[] = {
      {"1024", 1024}, {"null", std::nullopt}};
  int checked = 0;
  for (const auto &[modeText, mode] : modes)
    for (const auto &[dtypeText, dtype] : dtypes)
      for (const char *granularity : granularities)
        for (const auto &[blockText, blockSize] : blockSizes)
          for (const auto &[thresholdText, threshold] : thresholds) {
            std::string json = llvm::formatv(
                R"({{"mode": "{0}", "dtype": "{1}", )"
                R"("granularity": "{2}", "block_size": {3}, )"
                R"("weight_threshold": {4}})",
                modeText, dtypeText, granularity, blockText, thresholdText);
            OpLinearQuantizerConfig expected;
            expected.mode = mode;
            expected.dtype = dtype;
            expected.granularity = *takeOk(parseGranularity(granularity));
            expected.blockSize = blockSize;
            expected.weightThreshold = threshold;
            std::optional<OpCompressorConfig> got =
                takeOk(fromDict("OpLinearQuantizerConfig", json));
            ASSERT_TRUE(got) << json;
            EXPECT_EQ(*got, made(expected)) << json;
            ++checked;
          }
  EXPECT_EQ(checked, 2 * 4 * 3 * 4 * 2);
}

//===----------------------------------------------------------------------===//
// 2.3 OpPalettizerConfig
//===----------------------------------------------------------------------===//

TEST(OpPalettizerConfig, Defaults) {
  OpPalettizerConfig c;
  EXPECT_EQ(c.mode, PalettizationMode::KMeans);
  EXPECT_EQ(c.nbits, std::nullopt);
  EXPECT_TRUE(c.lutFunctionName.empty());
  EXPECT_EQ(c.granularity, CompressionGranularity::PerTensor);
  EXPECT_EQ(c.groupSize, 32);
  EXPECT_EQ(c.channelAxis, std::nullopt);
  EXPECT_EQ(c.clusterDim, 1);
  EXPECT_FALSE(c.enablePerChannelScale);
  EXPECT_EQ(c.numKmeansWorkers, 1);
  EXPECT_EQ(c.weightThreshold, 2048);
  // KMEANS without nbits is invalid; the typed message uses the lower-case
  // spelling that coremltools' default mode has.
  EXPECT_EQ(finalizeError(c), "\"nbits\" must be provided for kmeans mode");
}

TEST(OpPalettizerConfig, InvalidMode) {
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"mode": "dummy"})"),
            "Only modes ('KMEANS', 'UNIFORM', 'UNIQUE', 'CUSTOM') are "
            "supported for weight palettization. Got \"mode\": \"dummy\".");
}

TEST(OpPalettizerConfig, NbitsRequiredForKmeansAndUniform) {
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"mode": "UNIFORM"})"),
            "\"nbits\" must be provided for UNIFORM mode");
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"mode": "kmeans"})"),
            "\"nbits\" must be provided for kmeans mode");
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({})"),
            "\"nbits\" must be provided for kmeans mode");
}

TEST(OpPalettizerConfig, NbitsForbiddenForUniqueAndCustom) {
  EXPECT_EQ(
      dictError("OpPalettizerConfig", R"({"mode": "unique", "nbits": 4})"),
      "\"nbits\" must NOT be provided for unique mode");
  OpPalettizerConfig custom = pc(PalettizationMode::Custom, 4);
  custom.lutFunctionName = "myLut";
  EXPECT_EQ(finalizeError(custom),
            "\"nbits\" must NOT be provided for custom mode");
}

TEST(OpPalettizerConfig, UnsupportedNbits) {
  for (int nbits : {0, 5, 7, 16})
    EXPECT_EQ(dictError("OpPalettizerConfig",
                        llvm::formatv(R"({{"nbits": {0}})", nbits).str()),
              llvm::formatv("Invalid value of \"nbits\" ({0}) for "
                            "palettization. Supported \"nbits\" are (1, 2, 3, "
                            "4, 6, 8)",
                            nbits)
                  .str());
  for (int nbits : {1, 2, 3, 4, 6, 8})
    EXPECT_EQ(finalizeError(pc(PalettizationMode::Uniform, nbits)),
              "<success>");
}

TEST(OpPalettizerConfig, LutFunctionRequiredForCustom) {
  EXPECT_EQ(finalizeError(pc(PalettizationMode::Custom, std::nullopt)),
            "\"lut_function\" can not be None, if \"mode\" is \"custom\".");
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"mode": "custom"})"),
            "\"lut_function\" can not be None, if \"mode\" is \"custom\".");
}

TEST(OpPalettizerConfig, LutFunctionOnlyForCustom) {
  OpPalettizerConfig c = pc(PalettizationMode::KMeans, 4);
  c.lutFunctionName = "myLut";
  EXPECT_EQ(finalizeError(c),
            "\"lut_function\" must be None, if \"mode\" is not \"custom\".");
}

TEST(OpPalettizerConfig, LutFunctionMustNameAFunction) {
  EXPECT_EQ(errorOf(parseOpConfigDict(
                "OpPalettizerConfig",
                parseJSON(R"({"mode": "custom", "lut_function": 5})"), "",
                /*allowLutFunction=*/true)),
            "A function object must be provided as \"lut_function\". Got a "
            "\"lut_function\" as type <class 'int'>");
  std::optional<OpCompressorConfig> named = takeOk(parseOpConfigDict(
      "OpPalettizerConfig",
      parseJSON(R"({"mode": "custom", "lut_function": "topK"})"), "",
      /*allowLutFunction=*/true));
  ASSERT_TRUE(named);
  EXPECT_EQ(named->get<OpPalettizerConfig>().lutFunctionName, "topK");
}

TEST(OpPalettizerConfig, FromDictRefusesLutFunction) {
  const char *expected = "_from_dict method does not support lut_function. "
                         "Please create the OpPalettizerConfig from scratch.";
  EXPECT_EQ(dictError("OpPalettizerConfig",
                      R"({"mode": "custom", "lut_function": "topK"})"),
            expected);
  // Checked on the key alone, before unknown keys.
  EXPECT_EQ(
      dictError("OpPalettizerConfig", R"({"lut_function": null, "bogus": 1})"),
      expected);
}

TEST(OpPalettizerConfig, GranularityMustBeTensorOrGroupedChannel) {
  EXPECT_EQ(
      dictError("OpPalettizerConfig",
                R"({"nbits": 4, "granularity": "per_channel"})"),
      "\"granularity\" must be one of (<CompressionGranularity.PER_TENSOR: "
      "1>, <CompressionGranularity.PER_GROUPED_CHANNEL: 2>), but got "
      "CompressionGranularity.PER_CHANNEL");
  OpPalettizerConfig typed = pc(PalettizationMode::KMeans, 4);
  typed.granularity = CompressionGranularity::PerBlock;
  EXPECT_EQ(
      finalizeError(typed),
      "\"granularity\" must be one of (<CompressionGranularity.PER_TENSOR: "
      "1>, <CompressionGranularity.PER_GROUPED_CHANNEL: 2>), but got "
      "CompressionGranularity.PER_BLOCK");
}

TEST(OpPalettizerConfig, NegativeWeightThreshold) {
  EXPECT_EQ(finalizeError(pc(PalettizationMode::KMeans, 2, -10)),
            "\"weight_threshold\" must be a non-negative integer. Got -10.");
}

TEST(OpPalettizerConfig, TypeErrorsNameFieldAndType) {
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"nbits": "4"})"),
            "\"nbits\" must be an integer or null, got \"4\"");
  EXPECT_EQ(
      dictError("OpPalettizerConfig", R"({"nbits": 4, "group_size": null})"),
      "\"group_size\" must be an integer, got null");
  EXPECT_EQ(
      dictError("OpPalettizerConfig", R"({"nbits": 4, "channel_axis": "x"})"),
      "\"channel_axis\" must be an integer or null, got \"x\"");
  EXPECT_EQ(
      dictError("OpPalettizerConfig", R"({"nbits": 4, "cluster_dim": 1.5})"),
      "\"cluster_dim\" must be an integer, got 1.5");
  EXPECT_EQ(dictError("OpPalettizerConfig",
                      R"({"nbits": 4, "enable_per_channel_scale": 1})"),
            "\"enable_per_channel_scale\" must be a boolean, got 1");
  EXPECT_EQ(dictError("OpPalettizerConfig",
                      R"({"nbits": 4, "num_kmeans_workers": [2]})"),
            "\"num_kmeans_workers\" must be an integer, got [2]");
}

TEST(OpPalettizerConfig, ValidatorOrder) {
  // mode before nbits, nbits before lut_function, lut_function before
  // granularity, granularity before weight_threshold.
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"mode": "x", "nbits": 5})")
                .substr(0, 10),
            "Only modes");
  EXPECT_EQ(errorOf(parseOpConfig("OpPalettizerConfig",
                                  {{"nbits", "5"}, {"lut_function", "f"}}, "")),
            "Invalid value of \"nbits\" (5) for palettization. Supported "
            "\"nbits\" are (1, 2, 3, 4, 6, 8)");
  EXPECT_EQ(errorOf(parseOpConfig("OpPalettizerConfig",
                                  {{"nbits", "4"},
                                   {"lut_function", "f"},
                                   {"granularity", "per_channel"}},
                                  "")),
            "\"lut_function\" must be None, if \"mode\" is not \"custom\".");
  EXPECT_EQ(dictError("OpPalettizerConfig",
                      R"({"nbits": 4, "granularity": "per_block",
                          "weight_threshold": -1})")
                .substr(0, 13),
            "\"granularity\"");
}

TEST(OpPalettizerConfig, FromDictEqualsConstruction) {
  int checked = 0;
  for (const char *mode : {"kmeans", "uniform"})
    for (int nbits : {1, 2, 3, 4, 6, 8})
      for (const char *granularity : {"per_tensor", "per_grouped_channel"})
        for (int groupSize : {0, 1, 32})
          for (const char *channelAxis : {"null", "0", "1"})
            for (int workers : {1, 4}) {
              std::string json = llvm::formatv(
                  R"({{"mode": "{0}", "nbits": {1}, "granularity": "{2}", )"
                  R"("group_size": {3}, "channel_axis": {4}, )"
                  R"("num_kmeans_workers": {5}})",
                  mode, nbits, granularity, groupSize, channelAxis, workers);
              OpPalettizerConfig expected;
              expected.mode = llvm::StringRef(mode) == "kmeans"
                                  ? PalettizationMode::KMeans
                                  : PalettizationMode::Uniform;
              expected.nbits = nbits;
              expected.granularity = *takeOk(parseGranularity(granularity));
              expected.groupSize = groupSize;
              if (llvm::StringRef(channelAxis) != "null")
                expected.channelAxis = std::stoi(channelAxis);
              expected.numKmeansWorkers = workers;
              std::optional<OpCompressorConfig> got =
                  takeOk(fromDict("OpPalettizerConfig", json));
              ASSERT_TRUE(got) << json;
              EXPECT_EQ(*got, made(expected)) << json;
              ++checked;
            }
  EXPECT_EQ(checked, 2 * 6 * 2 * 3 * 3 * 2);
}

//===----------------------------------------------------------------------===//
// 2.4 OpThresholdPrunerConfig
//===----------------------------------------------------------------------===//

TEST(OpThresholdPrunerConfig, Defaults) {
  OpThresholdPrunerConfig c;
  EXPECT_EQ(c.threshold, 1e-12);
  EXPECT_EQ(c.minimumSparsityPercentile, 0.5);
  EXPECT_EQ(c.weightThreshold, 2048);
  EXPECT_EQ(finalizeError(c), "<success>");
}

TEST(OpThresholdPrunerConfig, NegativeThreshold) {
  EXPECT_EQ(finalizeError(tpc(-0.5, 0.5)),
            "Invalid value of \"threshold\": -0.5. Needs to be in [0, inf)");
  EXPECT_EQ(dictError("OpThresholdPrunerConfig", R"({"threshold": -1})"),
            "Invalid value of \"threshold\": -1.0. Needs to be in [0, inf)");
}

TEST(OpThresholdPrunerConfig, ValuesPrintAsPythonFloats) {
  auto message = [](double threshold) {
    return finalizeError(tpc(threshold, 0.5));
  };
  EXPECT_EQ(message(-1e-05),
            "Invalid value of \"threshold\": -1e-05. Needs to be in [0, inf)");
  EXPECT_EQ(message(-0.0001),
            "Invalid value of \"threshold\": -0.0001. Needs to be in [0, inf)");
  EXPECT_EQ(message(-1e16),
            "Invalid value of \"threshold\": -1e+16. Needs to be in [0, inf)");
  EXPECT_EQ(
      message(-123456.0),
      "Invalid value of \"threshold\": -123456.0. Needs to be in [0, inf)");
  EXPECT_EQ(message(-0.1),
            "Invalid value of \"threshold\": -0.1. Needs to be in [0, inf)");
  EXPECT_EQ(
      message(-2.5e-07),
      "Invalid value of \"threshold\": -2.5e-07. Needs to be in [0, inf)");
}

TEST(OpThresholdPrunerConfig, MinimumSparsityPercentileOutOfRange) {
  EXPECT_EQ(finalizeError(tpc(0.8, 1.2)),
            "Invalid value of \"minimum_sparsity_percentile\": 1.2. Needs to "
            "be in [0, 1]");
  EXPECT_EQ(finalizeError(tpc(0.8, -9.0)),
            "Invalid value of \"minimum_sparsity_percentile\": -9.0. Needs to "
            "be in [0, 1]");
}

TEST(OpThresholdPrunerConfig, NegativeWeightThreshold) {
  EXPECT_EQ(finalizeError(tpc(0.8, 0.5, -9)),
            "\"weight_threshold\" must be a non-negative integer. Got -9.");
}

TEST(OpThresholdPrunerConfig, ValidatorOrder) {
  EXPECT_EQ(finalizeError(tpc(-1.0, 2.0, -1)),
            "Invalid value of \"threshold\": -1.0. Needs to be in [0, inf)");
  EXPECT_EQ(finalizeError(tpc(1.0, 2.0, -1)),
            "Invalid value of \"minimum_sparsity_percentile\": 2.0. Needs to "
            "be in [0, 1]");
}

TEST(OpThresholdPrunerConfig, NumbersAndTypeErrors) {
  // cattrs structures ints as floats.
  std::optional<OpCompressorConfig> c =
      takeOk(fromDict("OpThresholdPrunerConfig",
                      R"({"threshold": 0, "minimum_sparsity_percentile": 1})"));
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, made(tpc(0.0, 1.0)));
  EXPECT_EQ(dictError("OpThresholdPrunerConfig", R"({"threshold": "abc"})"),
            "\"threshold\" must be a number, got \"abc\"");
  EXPECT_EQ(dictError("OpThresholdPrunerConfig",
                      R"({"minimum_sparsity_percentile": null})"),
            "\"minimum_sparsity_percentile\" must be a number, got null");
}

TEST(OpThresholdPrunerConfig, FromDictEqualsConstruction) {
  for (double threshold : {0.0, 1.0})
    for (double minimum : {0.0, 1.0}) {
      std::string json = llvm::formatv(
          R"({{"threshold": {0}, "minimum_sparsity_percentile": {1}})",
          threshold, minimum);
      std::optional<OpCompressorConfig> got =
          takeOk(fromDict("OpThresholdPrunerConfig", json));
      ASSERT_TRUE(got);
      EXPECT_EQ(*got, made(tpc(threshold, minimum)));
    }
}

//===----------------------------------------------------------------------===//
// 2.5 OpMagnitudePrunerConfig
//===----------------------------------------------------------------------===//

TEST(OpMagnitudePrunerConfig, Defaults) {
  OpMagnitudePrunerConfig c;
  EXPECT_EQ(c.targetSparsity, std::nullopt);
  EXPECT_EQ(c.blockSize, std::nullopt);
  EXPECT_EQ(c.nMRatio, std::nullopt);
  EXPECT_EQ(c.dim, std::nullopt);
  EXPECT_EQ(c.weightThreshold, 2048);
  EXPECT_FALSE(c.isStructural());
}

TEST(OpMagnitudePrunerConfig, SparsityOrNMRatioExactlyOnce) {
  const char *expected = "Either \"target_sparsity\" or \"n_m_ratio\" need to "
                         "be set. They cannot be set at the same time.";
  EXPECT_EQ(finalizeError(OpMagnitudePrunerConfig()), expected);
  OpMagnitudePrunerConfig both = mpcNM(2, 10);
  both.targetSparsity = 0.0;
  EXPECT_EQ(finalizeError(both), expected);
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig", "{}"), expected);
}

TEST(OpMagnitudePrunerConfig, TargetSparsityOutOfRange) {
  EXPECT_EQ(
      finalizeError(mpcSparsity(-0.9)),
      "Invalid value of \"target_sparsity\": -0.9. Needs to be in [0, 1].");
  EXPECT_EQ(
      finalizeError(mpcSparsity(1.1)),
      "Invalid value of \"target_sparsity\": 1.1. Needs to be in [0, 1].");
}

TEST(OpMagnitudePrunerConfig, BlockSizeWithNMRatio) {
  OpMagnitudePrunerConfig c = mpcNM(2, 2);
  c.blockSize = 9;
  EXPECT_EQ(finalizeError(c),
            "\"block_size\" and \"n_m_ratio\" cannot be set at the same time.");
}

TEST(OpMagnitudePrunerConfig, BlockSizeMustExceedOne) {
  for (int64_t blockSize : {1, -9}) {
    OpMagnitudePrunerConfig c = mpcSparsity(0.9);
    c.blockSize = blockSize;
    EXPECT_EQ(finalizeError(c),
              llvm::formatv("\"block_size\" must be an integer > 1. Got {0}.",
                            blockSize)
                  .str());
  }
}

TEST(OpMagnitudePrunerConfig, BadNMRatio) {
  EXPECT_EQ(finalizeError(mpcNM(6, 1)),
            "\"n_m_ratio\" must be a tuple of two integers (n, m). n <= m. "
            "Got (6, 1)");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig", R"({"n_m_ratio": [2, 2, 2]})"),
            "\"n_m_ratio\" must be a tuple of two integers (n, m). n <= m. "
            "Got (2, 2, 2)");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig", R"({"n_m_ratio": [2]})"),
            "\"n_m_ratio\" must be a tuple of two integers (n, m). n <= m. "
            "Got (2,)");
}

TEST(OpMagnitudePrunerConfig, DimOnlyWithStructuredPruning) {
  OpMagnitudePrunerConfig c = mpcSparsity(1.0);
  c.dim = 1;
  EXPECT_EQ(finalizeError(c), "\"dim\" can only be set along with "
                              "\"block_size\" or \"n_m_ratio\".");
}

TEST(OpMagnitudePrunerConfig, DimMustBeZeroOrOne) {
  OpMagnitudePrunerConfig nm = mpcNM(1, 1);
  nm.dim = -1;
  EXPECT_EQ(finalizeError(nm), "\"dim\" must be 1 or 0. Got -1.");
  OpMagnitudePrunerConfig block = mpcSparsity(1.0);
  block.blockSize = 2;
  block.dim = 2;
  EXPECT_EQ(finalizeError(block), "\"dim\" must be 1 or 0. Got 2.");
}

TEST(OpMagnitudePrunerConfig, NegativeWeightThreshold) {
  OpMagnitudePrunerConfig c = mpcSparsity(1.0);
  c.weightThreshold = -8;
  EXPECT_EQ(finalizeError(c),
            "\"weight_threshold\" must be a non-negative integer. Got -8.");
}

TEST(OpMagnitudePrunerConfig, ValidatorOrder) {
  EXPECT_EQ(
      dictError("OpMagnitudePrunerConfig",
                R"({"target_sparsity": 1.5, "block_size": 1})"),
      "Invalid value of \"target_sparsity\": 1.5. Needs to be in [0, 1].");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig",
                      R"({"n_m_ratio": [3, 2], "block_size": 1})"),
            "\"block_size\" and \"n_m_ratio\" cannot be set at the same time.");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig",
                      R"({"target_sparsity": 0.5, "block_size": 1, "dim": 5})"),
            "\"block_size\" must be an integer > 1. Got 1.");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig",
                      R"({"n_m_ratio": [3, 2], "dim": 5})"),
            "\"n_m_ratio\" must be a tuple of two integers (n, m). n <= m. "
            "Got (3, 2)");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig",
                      R"({"n_m_ratio": [2, 4], "dim": 5,
                          "weight_threshold": -1})"),
            "\"dim\" must be 1 or 0. Got 5.");
}

TEST(OpMagnitudePrunerConfig, DimDefaultsAfterValidation) {
  OpMagnitudePrunerConfig block = mpcSparsity(0.5);
  block.blockSize = 4;
  ASSERT_EQ(errorOf(block.finalize()), "<success>");
  EXPECT_EQ(block.dim, 0);
  OpMagnitudePrunerConfig nm = mpcNM(2, 4);
  ASSERT_EQ(errorOf(nm.finalize()), "<success>");
  EXPECT_EQ(nm.dim, 1);
  OpMagnitudePrunerConfig nmDim0 = mpcNM(2, 4);
  nmDim0.dim = 0;
  ASSERT_EQ(errorOf(nmDim0.finalize()), "<success>");
  EXPECT_EQ(nmDim0.dim, 0);
  OpMagnitudePrunerConfig plain = mpcSparsity(0.5);
  ASSERT_EQ(errorOf(plain.finalize()), "<success>");
  EXPECT_EQ(plain.dim, std::nullopt);
  // Value equality sees the defaulted dim, as coremltools' does.
  OpMagnitudePrunerConfig explicitDim = mpcNM(2, 4);
  explicitDim.dim = 1;
  EXPECT_EQ(made(mpcNM(2, 4)), made(explicitDim));
}

TEST(OpMagnitudePrunerConfig, TypeErrorsNameFieldAndType) {
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig", R"({"n_m_ratio": "2:4"})"),
            "\"n_m_ratio\" must be a list of integers or null, got \"2:4\"");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig", R"({"n_m_ratio": [1.5, 2]})"),
            "\"n_m_ratio\" must be a list of integers or null, got [1.5,2]");
  EXPECT_EQ(
      dictError("OpMagnitudePrunerConfig", R"({"target_sparsity": "half"})"),
      "\"target_sparsity\" must be a number or null, got \"half\"");
  EXPECT_EQ(dictError("OpMagnitudePrunerConfig",
                      R"({"target_sparsity": 0.5, "block_size": 2.5})"),
            "\"block_size\" must be an integer or null, got 2.5");
}

TEST(OpMagnitudePrunerConfig, StructuralPruningOnlyForConvAndLinear) {
  OpCompressorConfig nm = made(mpcNM(2, 4));
  OpMagnitudePrunerConfig blockConfig = mpcSparsity(0.5);
  blockConfig.blockSize = 2;
  OpCompressorConfig block = made(blockConfig);
  OpCompressorConfig unstructured = made(mpcSparsity(0.5));
  for (const char *opType : {"conv", "linear"}) {
    EXPECT_EQ(errorOf(nm.validateOpType(opType)), "<success>");
    EXPECT_EQ(errorOf(block.validateOpType(opType)), "<success>");
  }
  EXPECT_EQ(errorOf(nm.validateOpType("matmul")),
            "block sparsity or n:m pruning does not support op type matmul.");
  EXPECT_EQ(errorOf(block.validateOpType("conv_transpose")),
            "block sparsity or n:m pruning does not support op type "
            "conv_transpose.");
  EXPECT_EQ(errorOf(unstructured.validateOpType("matmul")), "<success>");
  EXPECT_EQ(
      errorOf(made(pc(PalettizationMode::KMeans, 4)).validateOpType("matmul")),
      "<success>");
}

TEST(OpMagnitudePrunerConfig, FromDictEqualsConstruction) {
  // n:m: a list or (in YAML dumps) a tuple becomes the pair.
  for (const char *ratio : {"[1, 1]", "[2, 3]"})
    for (int dim : {0, 1}) {
      std::string json =
          llvm::formatv(R"({{"n_m_ratio": {0}, "dim": {1}})", ratio, dim);
      std::optional<OpCompressorConfig> got =
          takeOk(fromDict("OpMagnitudePrunerConfig", json));
      ASSERT_TRUE(got) << json;
      OpMagnitudePrunerConfig expected =
          llvm::StringRef(ratio) == "[1, 1]" ? mpcNM(1, 1) : mpcNM(2, 3);
      expected.dim = dim;
      EXPECT_EQ(*got, made(expected)) << json;
    }
  // Block sparsity.
  for (double target : {0.0, 1.0})
    for (const char *blockSize : {"null", "2"})
      for (const char *dim : {"null", "0", "1"}) {
        bool hasBlock = llvm::StringRef(blockSize) != "null";
        bool hasDim = llvm::StringRef(dim) != "null";
        if (hasDim && !hasBlock)
          continue;
        std::string json =
            llvm::formatv(R"({{"target_sparsity": {0}, "block_size": {1}, )"
                          R"("dim": {2}})",
                          target, blockSize, dim);
        OpMagnitudePrunerConfig expected = mpcSparsity(target);
        if (hasBlock)
          expected.blockSize = 2;
        if (hasDim)
          expected.dim = std::stoi(dim);
        std::optional<OpCompressorConfig> got =
            takeOk(fromDict("OpMagnitudePrunerConfig", json));
        ASSERT_TRUE(got) << json;
        EXPECT_EQ(*got, made(expected)) << json;
      }
}

//===----------------------------------------------------------------------===//
// OpCompressorConfig
//===----------------------------------------------------------------------===//

// 5.8 item 61: cattrs' forbid_extra_keys.
TEST(OpCompressorConfig, UnknownKeysAreRefused) {
  for (const char *cls : {"OpLinearQuantizerConfig", "OpThresholdPrunerConfig",
                          "OpMagnitudePrunerConfig", "OpPalettizerConfig"})
    EXPECT_EQ(dictError(cls, R"({"invalid": 2})"),
              std::string("Extra fields in constructor for ") + cls +
                  ": invalid");
  EXPECT_EQ(dictError("OpLinearQuantizerConfig",
                      R"({"zeta": 1, "alpha": 2, "mode": "linear"})"),
            "Extra fields in constructor for OpLinearQuantizerConfig: alpha, "
            "zeta");
  // Derived attributes are not fields; palettization has no block_size.
  EXPECT_EQ(dictError("OpLinearQuantizerConfig", R"({"nbits": 8})"),
            "Extra fields in constructor for OpLinearQuantizerConfig: nbits");
  EXPECT_EQ(dictError("OpPalettizerConfig", R"({"nbits": 4, "block_size": 2})"),
            "Extra fields in constructor for OpPalettizerConfig: block_size");
  // Before any field type error.
  EXPECT_EQ(dictError("OpThresholdPrunerConfig",
                      R"({"threshold": "x", "invalid": 2})"),
            "Extra fields in constructor for OpThresholdPrunerConfig: invalid");
}

TEST(OpCompressorConfig, ValueEquality) {
  OpCompressorConfig a = made(pc(PalettizationMode::KMeans, 4));
  EXPECT_EQ(a, made(pc(PalettizationMode::KMeans, 4)));
  EXPECT_NE(a, made(pc(PalettizationMode::KMeans, 2)));
  EXPECT_NE(a, made(pc(PalettizationMode::KMeans, 4, 30)));
  EXPECT_NE(a, made(pc(PalettizationMode::Uniform, 4)));
  // Different classes never compare equal.
  EXPECT_NE(made(OpLinearQuantizerConfig()),
            OpCompressorConfig(made(tpc(1e-12, 0.5))));
  EXPECT_EQ(made(tpc(0.1, 0.2)), made(tpc(0.1, 0.2)));
  EXPECT_NE(made(tpc(0.1, 0.2)), made(tpc(0.1, 0.3)));
  EXPECT_TRUE(a.isa<OpPalettizerConfig>());
  EXPECT_FALSE(a.isa<OpLinearQuantizerConfig>());
  EXPECT_EQ(a.getIf<OpLinearQuantizerConfig>(), nullptr);
}

TEST(OpCompressorConfig, ClassNameAndWeightThreshold) {
  EXPECT_EQ(made(OpLinearQuantizerConfig()).getClassName(),
            "OpLinearQuantizerConfig");
  EXPECT_EQ(made(pc(PalettizationMode::Unique, std::nullopt)).getClassName(),
            "OpPalettizerConfig");
  EXPECT_EQ(made(tpc(0, 0)).getClassName(), "OpThresholdPrunerConfig");
  EXPECT_EQ(made(mpcSparsity(0.5)).getClassName(), "OpMagnitudePrunerConfig");
  EXPECT_EQ(made(tpc(0, 0, 7)).getWeightThreshold(), 7);
  EXPECT_EQ(made(lqc(LinearQuantizationMode::Linear, QuantizationDtype::Int8,
                     std::nullopt))
                .getWeightThreshold(),
            std::nullopt);
}

TEST(OpCompressorConfig, Str) {
  EXPECT_EQ(made(OpLinearQuantizerConfig()).str(),
            "OpLinearQuantizerConfig(mode='LINEAR_SYMMETRIC', dtype='int8', "
            "granularity='per_channel', block_size=32, weight_threshold=2048)");
  EXPECT_EQ(made(lqc(LinearQuantizationMode::Linear, QuantizationDtype::UInt4,
                     std::nullopt))
                .str(),
            "OpLinearQuantizerConfig(mode='LINEAR', dtype='uint4', "
            "granularity='per_channel', block_size=32, weight_threshold=None)");
  EXPECT_EQ(made(pc(PalettizationMode::KMeans, 4)).str(),
            "OpPalettizerConfig(mode='KMEANS', nbits=4, lut_function=None, "
            "granularity='per_tensor', group_size=32, channel_axis=None, "
            "cluster_dim=1, enable_per_channel_scale=False, "
            "num_kmeans_workers=1, weight_threshold=2048)");
  OpPalettizerConfig custom = pc(PalettizationMode::Custom, std::nullopt, 50);
  custom.lutFunctionName = "topK";
  custom.granularity = CompressionGranularity::PerGroupedChannel;
  custom.channelAxis = 1;
  custom.enablePerChannelScale = true;
  EXPECT_EQ(made(custom).str(),
            "OpPalettizerConfig(mode='CUSTOM', nbits=None, "
            "lut_function='topK', granularity='per_grouped_channel', "
            "group_size=32, channel_axis=1, cluster_dim=1, "
            "enable_per_channel_scale=True, num_kmeans_workers=1, "
            "weight_threshold=50)");
  EXPECT_EQ(made(OpThresholdPrunerConfig()).str(),
            "OpThresholdPrunerConfig(threshold=1e-12, "
            "minimum_sparsity_percentile=0.5, weight_threshold=2048)");
  EXPECT_EQ(made(mpcNM(2, 4)).str(),
            "OpMagnitudePrunerConfig(target_sparsity=None, block_size=None, "
            "n_m_ratio=(2, 4), dim=1, weight_threshold=2048)");
  EXPECT_EQ(made(mpcSparsity(0.75)).str(),
            "OpMagnitudePrunerConfig(target_sparsity=0.75, block_size=None, "
            "n_m_ratio=None, dim=None, weight_threshold=2048)");
  EXPECT_EQ(toString(OptionalCompressorConfig()), "None");
  EXPECT_EQ(toString(OptionalCompressorConfig(made(tpc(1.0, 0.0)))),
            "OpThresholdPrunerConfig(threshold=1.0, "
            "minimum_sparsity_percentile=0.0, weight_threshold=2048)");
}

TEST(OpCompressorConfig, ToJSONRoundTrips) {
  OpLinearQuantizerConfig block = lqc(LinearQuantizationMode::Linear,
                                      QuantizationDtype::Int4, std::nullopt);
  block.granularity = CompressionGranularity::PerBlock;
  block.blockSize = std::vector<int64_t>{1, 32};
  OpPalettizerConfig grouped = pc(PalettizationMode::Uniform, 6, 0);
  grouped.granularity = CompressionGranularity::PerGroupedChannel;
  grouped.groupSize = 16;
  grouped.channelAxis = 0;
  grouped.clusterDim = 2;
  grouped.enablePerChannelScale = true;
  grouped.numKmeansWorkers = 4;
  OpMagnitudePrunerConfig blockSparsity = mpcSparsity(0.25);
  blockSparsity.blockSize = 4;
  for (const OpCompressorConfig &config :
       {made(block), made(grouped), made(tpc(0.01, 0.3, 5)),
        made(blockSparsity), made(mpcNM(3, 4))}) {
    llvm::json::Object object = config.toJSON();
    llvm::StringRef cls = *object.getString("config_type");
    object.erase("config_type");
    std::optional<OpCompressorConfig> parsed = takeOk(parseOpConfigDict(
        cls, Value(std::move(object)), "", /*allowLutFunction=*/true));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, config) << config.str();
  }
}

//===----------------------------------------------------------------------===//
// 2.6 OptimizationConfig
//===----------------------------------------------------------------------===//

TEST(OptimizationConfig, EmptyByDefault) {
  OptimizationConfig config;
  EXPECT_EQ(config.global(), std::nullopt);
  EXPECT_TRUE(config.opTypeConfigs().empty());
  EXPECT_TRUE(config.opNameConfigs().empty());
  EXPECT_FALSE(config.lookupOpName("conv_1").found);
  EXPECT_FALSE(config.lookupOpType("conv").found);
  EXPECT_EQ(config.resolve("conv_1", "conv"), std::nullopt);
}

TEST(OptimizationConfig, SetOpTypeChecksStructuralPruning) {
  OptimizationConfig config;
  EXPECT_EQ(errorOf(config.setOpType("matmul", made(mpcNM(2, 4)))),
            "block sparsity or n:m pruning does not support op type matmul.");
  EXPECT_FALSE(config.lookupOpType("matmul").found);
  EXPECT_EQ(errorOf(config.setOpType("linear", made(mpcNM(2, 4)))),
            "<success>");
  EXPECT_EQ(errorOf(config.setOpType("matmul", std::nullopt)), "<success>");
  EXPECT_EQ(errorOf(config.setOpType("matmul", made(mpcSparsity(0.5)))),
            "<success>");
}

TEST(OptimizationConfig, NullEntriesAreNotAbsentEntries) {
  OptimizationConfig config;
  config.setGlobal(made(pc(PalettizationMode::KMeans, 2)));
  ASSERT_FALSE(bool(config.setOpType("conv", std::nullopt)));
  config.setOpName("conv1", std::nullopt);

  CompressorConfigLookup byType = config.lookupOpType("conv");
  EXPECT_TRUE(byType.found);
  EXPECT_EQ(byType.config, std::nullopt);
  CompressorConfigLookup byName = config.lookupOpName("conv1");
  EXPECT_TRUE(byName.found);
  EXPECT_EQ(byName.config, std::nullopt);
  EXPECT_FALSE(config.lookupOpType("linear").found);
  EXPECT_FALSE(config.lookupOpName("conv2").found);
}

// 5.2 items 19-21: op name, then op type, then global.
TEST(OptimizationConfig, ResolutionOrder) {
  OpCompressorConfig global = made(pc(PalettizationMode::KMeans, 8));
  OpCompressorConfig conv = made(pc(PalettizationMode::KMeans, 6));
  OpCompressorConfig conv1 = made(pc(PalettizationMode::KMeans, 2));
  OptimizationConfig config;
  config.setGlobal(global);
  ASSERT_FALSE(bool(config.setOpType("conv", conv)));
  ASSERT_FALSE(bool(config.setOpType("linear", std::nullopt)));
  config.setOpName("conv1", conv1);
  config.setOpName("linear2", std::nullopt);

  EXPECT_EQ(config.resolve("conv1", "conv"), conv1);
  EXPECT_EQ(config.resolve("conv2", "conv"), conv);
  EXPECT_EQ(config.resolve("linear1", "linear"), std::nullopt);
  EXPECT_EQ(config.resolve("linear2", "linear"), std::nullopt);
  EXPECT_EQ(config.resolve("mm", "matmul"), global);
  // A None op name entry wins over the op type and the global config.
  config.setOpName("conv2", std::nullopt);
  EXPECT_EQ(config.resolve("conv2", "conv"), std::nullopt);
  // An op name entry wins over a None op type entry.
  config.setOpName("linear1", conv);
  EXPECT_EQ(config.resolve("linear1", "linear"), conv);
}

TEST(OptimizationConfig, LaterSetsOverwriteInPlace) {
  OptimizationConfig config;
  config.setOpName("a", made(pc(PalettizationMode::KMeans, 2)));
  config.setOpName("b", made(pc(PalettizationMode::KMeans, 4)));
  config.setOpName("a", std::nullopt);
  ASSERT_EQ(config.opNameConfigs().size(), 2u);
  EXPECT_EQ(config.opNameConfigs().begin()->first, "a");
  EXPECT_EQ(config.opNameConfigs().begin()->second, std::nullopt);
  ASSERT_FALSE(bool(config.setOpType("conv", made(tpc(0.1, 0.1)))));
  ASSERT_FALSE(bool(config.setOpType("conv", made(tpc(0.2, 0.1)))));
  EXPECT_EQ(config.lookupOpType("conv").config, made(tpc(0.2, 0.1)));
}

TEST(OptimizationConfig, EqualityIgnoresInsertionOrder) {
  OptimizationConfig a, b;
  a.setOpName("x", std::nullopt);
  a.setOpName("y", made(tpc(0.1, 0.1)));
  b.setOpName("y", made(tpc(0.1, 0.1)));
  b.setOpName("x", std::nullopt);
  EXPECT_EQ(a, b);
  b.setGlobal(made(tpc(0.1, 0.1)));
  EXPECT_NE(a, b);
  a.setGlobal(made(tpc(0.1, 0.1)));
  EXPECT_EQ(a, b);
  a.setOpName("z", std::nullopt);
  EXPECT_NE(a, b);
}

//===----------------------------------------------------------------------===//
// 2.6 / 5.8 from_dict
//===----------------------------------------------------------------------===//

TEST(FromDict, SpecDictExample) {
  std::optional<OptimizationConfig> config = takeOk(fromConfigDict(R"({
      "config_type": "OpPalettizerConfig",
      "global_config": {"mode": "kmeans", "nbits": 6,
                        "granularity": "per_grouped_channel",
                        "group_size": 16},
      "op_type_configs": {"matmul": null},
      "op_name_configs": {"lm_head_weight": {"mode": "uniform", "nbits": 8}}
    })"));
  ASSERT_TRUE(config);
  OpPalettizerConfig global = pc(PalettizationMode::KMeans, 6);
  global.granularity = CompressionGranularity::PerGroupedChannel;
  global.groupSize = 16;
  EXPECT_EQ(config->global(), made(global));
  CompressorConfigLookup matmul = config->lookupOpType("matmul");
  EXPECT_TRUE(matmul.found);
  EXPECT_EQ(matmul.config, std::nullopt);
  EXPECT_EQ(config->lookupOpName("lm_head_weight").config,
            made(pc(PalettizationMode::Uniform, 8)));
}

TEST(FromDict, SpecYAMLExample) {
  std::optional<Value> dict = takeOk(parseYAMLAsJSON(R"(
config_type: OpMagnitudePrunerConfig
global_config:
    target_sparsity: 0.5
    weight_threshold: 4096
op_type_configs:
    linear:
        n_m_ratio: [2, 4]
op_name_configs:
    conv_3_weight:
        config_type: OpThresholdPrunerConfig
        threshold: 0.001
        minimum_sparsity_percentile: 0.3
)",
                                                     "example.yaml"));
  ASSERT_TRUE(dict);
  std::optional<OptimizationConfig> config =
      takeOk(parseOptimizationConfig(*dict, "example.yaml"));
  ASSERT_TRUE(config);
  OpMagnitudePrunerConfig global = mpcSparsity(0.5);
  global.weightThreshold = 4096;
  EXPECT_EQ(config->global(), made(global));
  EXPECT_EQ(config->lookupOpType("linear").config, made(mpcNM(2, 4)));
  EXPECT_EQ(
      config->lookupOpType("linear").config->get<OpMagnitudePrunerConfig>().dim,
      1);
  EXPECT_EQ(config->lookupOpName("conv_3_weight").config,
            made(tpc(0.001, 0.3)));
}

// 5.8 item 63.
TEST(FromDict, InvalidTopLevelKey) {
  EXPECT_EQ(errorOf(fromConfigDict(R"({"bobby_joe": 56})")),
            std::string("cfg: Invalid key bobby_joe to construct an "
                        "OptimizationConfig object. ") +
                supportedKeys.str());
  // Checked before config_type.
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "OpPalettizerConfig", "op_configs": {}})")),
            std::string("cfg: Invalid key op_configs to construct an "
                        "OptimizationConfig object. ") +
                supportedKeys.str());
}

TEST(FromDict, ConfigTypeRequiredAndAString) {
  const char *expected = "cfg: config_type must be provided with type of "
                         "string.";
  EXPECT_EQ(errorOf(fromConfigDict(R"({"global_config": null})")), expected);
  EXPECT_EQ(errorOf(fromConfigDict(R"({})")), expected);
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": 5})")), expected);
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": null})")), expected);
  // Before any entry is parsed.
  EXPECT_EQ(errorOf(fromConfigDict(R"({"global_config": {"nbits": 99}})")),
            expected);
}

TEST(FromDict, LevelsMustBeDicts) {
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "OpLinearQuantizerConfig",
                    "op_type_configs": 123})")),
            "cfg: op_type_configs must be type of dict. Got <class 'int'>");
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "OpLinearQuantizerConfig",
                    "op_name_configs": "eric"})")),
            "cfg: op_name_configs must be type of dict. Got <class 'str'>");
}

TEST(FromDict, TopLevelMustBeADict) {
  EXPECT_EQ(errorOf(parseOptimizationConfig(Value(nullptr), "cfg")),
            "cfg: an OptimizationConfig must be built from a dict. Got "
            "<class 'NoneType'>");
  EXPECT_EQ(errorOf(parseOptimizationConfig(parseJSON("[1]"), "")),
            "an OptimizationConfig must be built from a dict. Got "
            "<class 'list'>");
}

// 5.8 item 64.
TEST(FromDict, AbsentAndNullEntries) {
  std::optional<OptimizationConfig> empty =
      takeOk(fromConfigDict(R"({"config_type": "OpLinearQuantizerConfig"})"));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->global(), std::nullopt);
  EXPECT_TRUE(empty->opTypeConfigs().empty());
  EXPECT_TRUE(empty->opNameConfigs().empty());
  EXPECT_EQ(*empty, OptimizationConfig());

  std::optional<OptimizationConfig> nulls = takeOk(fromConfigDict(R"({
      "config_type": "OpLinearQuantizerConfig", "global_config": null,
      "op_type_configs": {"conv": null}, "op_name_configs": {"op_1": null}})"));
  ASSERT_TRUE(nulls);
  EXPECT_EQ(nulls->global(), std::nullopt);
  EXPECT_EQ(nulls->opTypeConfigs().size(), 1u);
  EXPECT_TRUE(nulls->lookupOpType("conv").found);
  EXPECT_EQ(nulls->lookupOpType("conv").config, std::nullopt);
  EXPECT_TRUE(nulls->lookupOpName("op_1").found);
  EXPECT_EQ(nulls->lookupOpName("op_1").config, std::nullopt);
  EXPECT_NE(*nulls, *empty);

  std::optional<OptimizationConfig> nullLevels = takeOk(fromConfigDict(R"({
      "config_type": "OpLinearQuantizerConfig", "op_type_configs": null,
      "op_name_configs": null})"));
  ASSERT_TRUE(nullLevels);
  EXPECT_EQ(*nullLevels, *empty);
}

// 5.8 item 65.
TEST(FromDict, LinearQuantizerDict) {
  std::optional<OptimizationConfig> config = takeOk(fromConfigDict(R"({
      "config_type": "OpLinearQuantizerConfig",
      "global_config": {"mode": "linear", "dtype": "int8",
                        "weight_threshold": null},
      "op_type_configs": {"linear": {"mode": "linear_symmetric",
                                     "dtype": "uint8",
                                     "weight_threshold": null}},
      "op_name_configs": {
        "op_1": {"mode": "linear_symmetric", "dtype": "int8",
                 "weight_threshold": 2047},
        "op_2": {"mode": "linear", "dtype": "uint8",
                 "weight_threshold": 1}}})"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->global(), made(lqc(LinearQuantizationMode::Linear,
                                       QuantizationDtype::Int8, std::nullopt)));
  EXPECT_EQ(config->lookupOpType("linear").config,
            made(lqc(LinearQuantizationMode::LinearSymmetric,
                     QuantizationDtype::UInt8, std::nullopt)));
  EXPECT_EQ(config->lookupOpName("op_1").config,
            made(lqc(LinearQuantizationMode::LinearSymmetric,
                     QuantizationDtype::Int8, 2047)));
  EXPECT_EQ(
      config->lookupOpName("op_2").config,
      made(lqc(LinearQuantizationMode::Linear, QuantizationDtype::UInt8, 1)));
}

// 5.8 item 66.
TEST(FromDict, PrunerDictWithPerEntryConfigType) {
  std::optional<OptimizationConfig> config = takeOk(fromConfigDict(R"({
      "config_type": "OpThresholdPrunerConfig",
      "global_config": {"config_type": "OpMagnitudePrunerConfig",
                        "target_sparsity": 0.3},
      "op_type_configs": {
        "linear": {"config_type": "OpMagnitudePrunerConfig",
                   "n_m_ratio": [4, 5], "dim": 0, "weight_threshold": 2},
        "conv": {"threshold": 0.01, "minimum_sparsity_percentile": 0.01,
                 "weight_threshold": 45}},
      "op_name_configs": {
        "op_1": {"threshold": 0.1, "minimum_sparsity_percentile": 0.1,
                 "weight_threshold": 1},
        "op_2": {"config_type": "OpMagnitudePrunerConfig",
                 "target_sparsity": 0.5, "block_size": 100}}})"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->global(), made(mpcSparsity(0.3)));
  OpMagnitudePrunerConfig linear = mpcNM(4, 5);
  linear.dim = 0;
  linear.weightThreshold = 2;
  EXPECT_EQ(config->lookupOpType("linear").config, made(linear));
  // The override applies to its entry only.
  EXPECT_EQ(config->lookupOpType("conv").config, made(tpc(0.01, 0.01, 45)));
  EXPECT_EQ(config->lookupOpName("op_1").config, made(tpc(0.1, 0.1, 1)));
  OpMagnitudePrunerConfig op2 = mpcSparsity(0.5);
  op2.blockSize = 100;
  EXPECT_EQ(config->lookupOpName("op_2").config, made(op2));
}

// 5.8 item 67.
TEST(FromDict, PalettizerDict) {
  std::optional<OptimizationConfig> config = takeOk(fromConfigDict(R"({
      "config_type": "OpPalettizerConfig",
      "global_config": {"mode": "kmeans", "nbits": 1, "weight_threshold": 2},
      "op_type_configs": {"linear": {"mode": "uniform", "nbits": 6,
                                     "weight_threshold": null}},
      "op_name_configs": {"op_1": {"mode": "unique"}}})"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->global(), made(pc(PalettizationMode::KMeans, 1, 2)));
  EXPECT_EQ(config->lookupOpType("linear").config,
            made(pc(PalettizationMode::Uniform, 6, std::nullopt)));
  EXPECT_EQ(config->lookupOpName("op_1").config,
            made(pc(PalettizationMode::Unique, std::nullopt)));
}

TEST(FromDict, EntryThatIsNotADict) {
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "global_config": "str"})")),
            "cfg: global_config: config must be type of OpCompressorConfig. "
            "Got <class 'str'>.");
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "op_type_configs": {"op": 123}})")),
            "cfg: op_type_configs[\"op\"]: config must be type of "
            "OpCompressorConfig. Got <class 'int'>.");
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "op_name_configs": {"name": []}})")),
            "cfg: op_name_configs[\"name\"]: config must be type of "
            "OpCompressorConfig. Got <class 'list'>.");
}

TEST(FromDict, UnknownConfigType) {
  const char *supported =
      "Supported config types are ('OpLinearQuantizerConfig', "
      "'OpPalettizerConfig', 'OpThresholdPrunerConfig', "
      "'OpMagnitudePrunerConfig').";
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "Bogus", "global_config": {}})")),
            std::string("cfg: global_config: Invalid config_type \"Bogus\". ") +
                supported);
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "OpPalettizerConfig",
                    "op_name_configs": {"w": {"config_type": "Nope"}}})")),
            std::string("cfg: op_name_configs[\"w\"]: Invalid config_type "
                        "\"Nope\". ") +
                supported);
  // As in coremltools, the class is only looked up to build an entry.
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "Bogus", "op_type_configs": {"c": null}})")),
            "<success>");
  EXPECT_EQ(errorOf(fromConfigDict(
                R"({"config_type": "OpPalettizerConfig",
                    "global_config": {"config_type": 5}})")),
            "cfg: global_config: \"config_type\" must be a string, got 5");
}

TEST(FromDict, EntryErrorsNameTheEntry) {
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "op_name_configs": {
                                         "op_1": {"nbits": 5}}})")),
            "cfg: op_name_configs[\"op_1\"]: Invalid value of \"nbits\" (5) "
            "for palettization. Supported \"nbits\" are (1, 2, 3, 4, 6, 8)");
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "global_config": {"nbits": 4,
                                                         "block_size": 2}})")),
            "cfg: global_config: Extra fields in constructor for "
            "OpPalettizerConfig: block_size");
  EXPECT_EQ(errorOf(fromConfigDict(R"({"config_type": "OpPalettizerConfig",
                                       "op_type_configs": {"conv": {
                                         "mode": "custom",
                                         "lut_function": "topK"}}})")),
            "cfg: op_type_configs[\"conv\"]: _from_dict method does not "
            "support lut_function. Please create the OpPalettizerConfig from "
            "scratch.");
}

TEST(FromDict, OpTypeCheckRunsAfterAllEntries) {
  EXPECT_EQ(errorOf(fromConfigDict(R"({
      "config_type": "OpMagnitudePrunerConfig",
      "op_type_configs": {"conv": {"n_m_ratio": [2, 4]},
                          "matmul": {"n_m_ratio": [2, 4]}}})")),
            "cfg: block sparsity or n:m pruning does not support op type "
            "matmul.");
  // An invalid op name entry is reported first.
  EXPECT_EQ(errorOf(fromConfigDict(R"({
      "config_type": "OpMagnitudePrunerConfig",
      "op_type_configs": {"matmul": {"n_m_ratio": [2, 4]}},
      "op_name_configs": {"w": {}}})")),
            "cfg: op_name_configs[\"w\"]: Either \"target_sparsity\" or "
            "\"n_m_ratio\" need to be set. They cannot be set at the same "
            "time.");
  // Unstructured pruning is fine on any op type.
  EXPECT_EQ(errorOf(fromConfigDict(R"({
      "config_type": "OpMagnitudePrunerConfig",
      "op_type_configs": {"matmul": {"target_sparsity": 0.5}}})")),
            "<success>");
}

TEST(FromDict, EmptyOriginHasNoPrefix) {
  EXPECT_EQ(errorOf(parseOptimizationConfig(parseJSON(R"({"x": 1})"), "")),
            std::string("Invalid key x to construct an OptimizationConfig "
                        "object. ") +
                supportedKeys.str());
}

TEST(FromDict, ToJSONRoundTrips) {
  OptimizationConfig config;
  config.setGlobal(made(mpcSparsity(0.5)));
  ASSERT_FALSE(bool(config.setOpType("linear", made(mpcNM(2, 4)))));
  ASSERT_FALSE(bool(config.setOpType("matmul", std::nullopt)));
  config.setOpName("w", made(tpc(0.001, 0.3)));
  config.setOpName("v", std::nullopt);
  // Through text, as a dump / load would.
  std::string text = llvm::formatv("{0:2}", config.toJSON());
  std::optional<OptimizationConfig> back = takeOk(fromConfigDict(text));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, config) << text;
}

//===----------------------------------------------------------------------===//
// YAML
//===----------------------------------------------------------------------===//

TEST(YAML, ScalarsAreTypedAsSafeLoadDoes) {
  std::optional<Value> value = takeOk(parseYAMLAsJSON(R"(
nulls: [null, ~, Null, NULL, ]
empty:
bools: [true, false, True, FALSE, yes, off]
ints: [0, -7, +3, 1_000, 0x1F, 017]
floats: [1.5, 1e-3, .5, -2.5E+3, 1., 3e2]
strings: [per_block, "4", '1e-3', !!str 5, "true", linear_symmetric, 08]
block: |
  text
)",
                                                      "t.yaml"));
  ASSERT_TRUE(value);
  const llvm::json::Object &o = *value->getAsObject();
  // A trailing comma adds no element (as in PyYAML).
  EXPECT_EQ(*o.get("nulls"), parseJSON("[null, null, null, null]"))
      << llvm::formatv("{0}", *o.get("nulls")).str();
  EXPECT_EQ(*o.get("empty"), Value(nullptr));
  EXPECT_EQ(*o.get("bools"),
            parseJSON("[true, false, true, false, true, false]"));
  const llvm::json::Array &ints = *o.getArray("ints");
  std::vector<int64_t> expectedInts = {0, -7, 3, 1000, 31, 15};
  ASSERT_EQ(ints.size(), expectedInts.size());
  for (size_t i = 0; i < ints.size(); ++i) {
    EXPECT_EQ(ints[i].kind(), Value::Number);
    EXPECT_EQ(ints[i].getAsInteger(), expectedInts[i]) << i;
  }
  const llvm::json::Array &floats = *o.getArray("floats");
  std::vector<double> expectedFloats = {1.5, 1e-3, 0.5, -2500.0, 1.0, 300.0};
  ASSERT_EQ(floats.size(), expectedFloats.size());
  for (size_t i = 0; i < floats.size(); ++i)
    EXPECT_EQ(floats[i].getAsNumber(), expectedFloats[i]) << i;
  EXPECT_EQ(*o.get("strings"),
            parseJSON(R"(["per_block", "4", "1e-3", "5", "true",
                          "linear_symmetric", "08"])"));
  EXPECT_EQ(*o.get("block"), Value("text\n"));
}

TEST(YAML, SpecialFloats) {
  std::optional<Value> value =
      takeOk(parseYAMLAsJSON("[.inf, -.inf, .nan, .NaN]", "t.yaml"));
  ASSERT_TRUE(value);
  const llvm::json::Array &a = *value->getAsArray();
  EXPECT_EQ(a[0].getAsNumber(), HUGE_VAL);
  EXPECT_EQ(a[1].getAsNumber(), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(*a[2].getAsNumber()));
  EXPECT_TRUE(std::isnan(*a[3].getAsNumber()));
}

TEST(YAML, NestedCollectionsAndAliases) {
  std::optional<Value> value = takeOk(parseYAMLAsJSON(R"(
base: &b {mode: kmeans, nbits: 4}
seq:
  - *b
  - [1, [2, 3]]
dup: 1
dup: 2
)",
                                                      "t.yaml"));
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, parseJSON(R"({"base": {"mode": "kmeans", "nbits": 4},
                                  "seq": [{"mode": "kmeans", "nbits": 4},
                                          [1, [2, 3]]],
                                  "dup": 2})"));
}

TEST(YAML, SyntaxErrorsCarryLineAndColumn) {
  std::string error =
      errorOf(parseYAMLAsJSON("config_type: OpPalettizerConfig\n"
                              "global_config:\n"
                              "  nbits: [4, 2\n"
                              "  mode: kmeans\n",
                              "bad.yaml"));
  EXPECT_TRUE(llvm::StringRef(error).starts_with("bad.yaml:4:")) << error;

  error = errorOf(parseYAMLAsJSON("a: 'unterminated\n", "q.yaml"));
  EXPECT_TRUE(llvm::StringRef(error).starts_with("q.yaml:1:")) << error;
}

TEST(YAML, SemanticErrorsCarryLineAndColumn) {
  EXPECT_EQ(errorOf(parseYAMLAsJSON("a: 1\n---\nb: 2\n", "multi.yaml")),
            "multi.yaml:3:1: expected a single document in the stream but "
            "found another document");
  EXPECT_EQ(errorOf(parseYAMLAsJSON("x: 1\n? [a, b]\n: 3\n", "key.yaml")),
            "key.yaml:2:4: mapping keys must be scalars");
  EXPECT_EQ(errorOf(parseYAMLAsJSON("a: 1\nb: *nowhere\n", "alias.yaml")),
            "alias.yaml:2:1: unknown or recursive alias *nowhere");
  EXPECT_EQ(errorOf(parseYAMLAsJSON("a: &x [*x]\n", "self.yaml")),
            "self.yaml:1:8: unknown or recursive alias *x");
}

TEST(YAML, EmptyDocumentIsNull) {
  std::optional<Value> value = takeOk(parseYAMLAsJSON("", "empty.yaml"));
  ASSERT_TRUE(value);
  EXPECT_EQ(*value, Value(nullptr));
}

//===----------------------------------------------------------------------===//
// from_yaml on files
//===----------------------------------------------------------------------===//

TEST(FromFile, YAMLFile) {
  TempFile file("yaml", R"(config_type: OpThresholdPrunerConfig
global_config:
  threshold: 0.01
op_type_configs:
  conv:
    config_type: OpMagnitudePrunerConfig
    n_m_ratio: [3, 4]
op_name_configs:
  conv_1: null
)");
  std::optional<OptimizationConfig> config =
      takeOk(parseOptimizationConfigFile(file.getPath()));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->global(), made(tpc(0.01, 0.5)));
  EXPECT_EQ(config->lookupOpType("conv").config, made(mpcNM(3, 4)));
  EXPECT_TRUE(config->lookupOpName("conv_1").found);
  EXPECT_EQ(config->lookupOpName("conv_1").config, std::nullopt);
}

TEST(FromFile, YAMLSyntaxErrorNamesFileLineAndColumn) {
  TempFile file("yaml", "config_type: OpPalettizerConfig\n"
                        "global_config:\n"
                        "  mode: kmeans\n"
                        " nbits: 4\n");
  std::string error = errorOf(parseOptimizationConfigFile(file.getPath()));
  EXPECT_TRUE(
      llvm::StringRef(error).starts_with((file.getPath() + ":4:").str()))
      << error;
}

TEST(FromFile, ConfigErrorsNameTheFile) {
  TempFile file("yaml", "bobby_joe: 56\n");
  EXPECT_EQ(errorOf(parseOptimizationConfigFile(file.getPath())),
            (file.getPath() +
             ": Invalid key bobby_joe to construct an "
             "OptimizationConfig object. " +
             supportedKeys)
                .str());
  TempFile scalar("yaml", "global_config:\n  nbits: 4\n");
  EXPECT_EQ(
      errorOf(parseOptimizationConfigFile(scalar.getPath())),
      (scalar.getPath() + ": config_type must be provided with type of string.")
          .str());
}

TEST(FromFile, EmptyYAMLFile) {
  TempFile file("yaml", "");
  EXPECT_EQ(errorOf(parseOptimizationConfigFile(file.getPath())),
            (file.getPath() + ": an OptimizationConfig must be built from a "
                              "dict. Got <class 'NoneType'>")
                .str());
}

TEST(FromFile, JSONFile) {
  TempFile file("json", R"({"config_type": "OpLinearQuantizerConfig",
    "global_config": {"dtype": "int4", "granularity": "per_block",
                      "block_size": 32},
    "op_name_configs": {"conv_1_weight": null}})");
  std::optional<OptimizationConfig> config =
      takeOk(parseOptimizationConfigFile(file.getPath()));
  ASSERT_TRUE(config);
  OpLinearQuantizerConfig global;
  global.dtype = QuantizationDtype::Int4;
  global.granularity = CompressionGranularity::PerBlock;
  EXPECT_EQ(config->global(), made(global));
  EXPECT_EQ(config->global()->get<OpLinearQuantizerConfig>().nbits(), 4u);
  EXPECT_TRUE(config->lookupOpName("conv_1_weight").found);
}

TEST(FromFile, JSONSyntaxErrorNamesFileLineAndColumn) {
  TempFile file("json", "{\"config_type\": \"OpPalettizerConfig\",\n"
                        "  \"global_config\": {\"nbits\": 4,}}\n");
  std::string error = errorOf(parseOptimizationConfigFile(file.getPath()));
  EXPECT_TRUE(
      llvm::StringRef(error).starts_with((file.getPath() + ":2:").str()))
      << error;
}

TEST(FromFile, MissingFile) {
  std::string error =
      errorOf(parseOptimizationConfigFile("/nonexistent/dir/cfg.yaml"));
  EXPECT_EQ(error, "/nonexistent/dir/cfg.yaml: No such file or directory");
}

//===----------------------------------------------------------------------===//
// Pass-option style
//===----------------------------------------------------------------------===//

TEST(PassOptions, LinearQuantizer) {
  std::optional<OpCompressorConfig> config =
      takeOk(parseOpConfig("OpLinearQuantizerConfig",
                           {{"mode", "linear"},
                            {"dtype", "uint4"},
                            {"granularity", "per_block"},
                            {"block_size", "64"},
                            {"weight_threshold", "none"}},
                           "--lq"));
  ASSERT_TRUE(config);
  OpLinearQuantizerConfig expected = lqc(
      LinearQuantizationMode::Linear, QuantizationDtype::UInt4, std::nullopt);
  expected.granularity = CompressionGranularity::PerBlock;
  expected.blockSize = int64_t(64);
  EXPECT_EQ(*config, made(expected));

  std::optional<OpCompressorConfig> perAxis = takeOk(parseOpConfig(
      "OpLinearQuantizerConfig",
      {{"granularity", "per_block"}, {"block_size", "[1, 32]"}}, "--lq"));
  ASSERT_TRUE(perAxis);
  EXPECT_EQ(perAxis->get<OpLinearQuantizerConfig>().blockSize,
            QuantizationBlockSize(std::vector<int64_t>{1, 32}));
}

TEST(PassOptions, Palettizer) {
  std::optional<OpCompressorConfig> config =
      takeOk(parseOpConfig("OpPalettizerConfig",
                           {{"mode", "kmeans"},
                            {"nbits", "4"},
                            {"granularity", "per_grouped_channel"},
                            {"group_size", "16"},
                            {"channel_axis", "1"},
                            {"cluster_dim", "2"},
                            {"enable_per_channel_scale", "true"},
                            {"num_kmeans_workers", "010"}},
                           "--pal"));
  ASSERT_TRUE(config);
  OpPalettizerConfig expected = pc(PalettizationMode::KMeans, 4);
  expected.granularity = CompressionGranularity::PerGroupedChannel;
  expected.groupSize = 16;
  expected.channelAxis = 1;
  expected.clusterDim = 2;
  expected.enablePerChannelScale = true;
  expected.numKmeansWorkers = 10;
  EXPECT_EQ(*config, made(expected));

  std::optional<OpCompressorConfig> custom = takeOk(
      parseOpConfig("OpPalettizerConfig",
                    {{"mode", "custom"}, {"lut_function", "topK"}}, "--pal"));
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->get<OpPalettizerConfig>().lutFunctionName, "topK");
}

TEST(PassOptions, Pruners) {
  std::optional<OpCompressorConfig> threshold = takeOk(parseOpConfig(
      "OpThresholdPrunerConfig",
      {{"threshold", "1e-3"}, {"minimum_sparsity_percentile", ".5"}}, "--pr"));
  ASSERT_TRUE(threshold);
  EXPECT_EQ(*threshold, made(tpc(1e-3, 0.5)));

  for (const char *ratio : {"[2,4]", "(2, 4)", " [ 2 , 4 ] "}) {
    std::optional<OpCompressorConfig> nm = takeOk(parseOpConfig(
        "OpMagnitudePrunerConfig", {{"n_m_ratio", ratio}}, "--pr"));
    ASSERT_TRUE(nm) << ratio;
    EXPECT_EQ(*nm, made(mpcNM(2, 4))) << ratio;
  }
  std::optional<OpCompressorConfig> block = takeOk(parseOpConfig(
      "OpMagnitudePrunerConfig",
      {{"target_sparsity", "0.5"}, {"block_size", "4"}, {"dim", "1"}}, "--pr"));
  ASSERT_TRUE(block);
  OpMagnitudePrunerConfig expected = mpcSparsity(0.5);
  expected.blockSize = 4;
  expected.dim = 1;
  EXPECT_EQ(*block, made(expected));
}

TEST(PassOptions, ErrorsAreThoseOfTheDictPath) {
  EXPECT_EQ(errorOf(parseOpConfig("OpPalettizerConfig", {{"nbits", "four"}},
                                  "--pal")),
            "--pal: \"nbits\" must be an integer or null, got \"four\"");
  EXPECT_EQ(
      errorOf(parseOpConfig(
          "OpPalettizerConfig",
          {{"nbits", "4"}, {"enable_per_channel_scale", "maybe"}}, "--pal")),
      "--pal: \"enable_per_channel_scale\" must be a boolean, got "
      "\"maybe\"");
  EXPECT_EQ(
      errorOf(parseOpConfig("OpPalettizerConfig", {{"nbits", "5"}}, "--pal")),
      "--pal: Invalid value of \"nbits\" (5) for palettization. "
      "Supported \"nbits\" are (1, 2, 3, 4, 6, 8)");
  EXPECT_EQ(errorOf(parseOpConfig("OpMagnitudePrunerConfig",
                                  {{"n_m_ratio", "[2,2,2]"}}, "--pr")),
            "--pr: \"n_m_ratio\" must be a tuple of two integers (n, m). n <= "
            "m. Got (2, 2, 2)");
  EXPECT_EQ(errorOf(parseOpConfig("OpThresholdPrunerConfig",
                                  {{"threshold", "abc"}}, "--pr")),
            "--pr: \"threshold\" must be a number, got \"abc\"");
  EXPECT_EQ(errorOf(parseOpConfig("OpLinearQuantizerConfig",
                                  {{"granularity", "per_grouped"}}, "--lq")),
            "--lq: Invalid granularity=per_grouped");
  EXPECT_EQ(errorOf(parseOpConfig("OpLinearQuantizerConfig",
                                  {{"block_size", "[1,x]"}}, "--lq")),
            "--lq: All values in block_size must be non-negative values.");
  EXPECT_EQ(errorOf(parseOpConfig("OpLinearQuantizerConfig", {{"bits", "4"}},
                                  "--lq")),
            "--lq: Extra fields in constructor for OpLinearQuantizerConfig: "
            "bits");
  EXPECT_EQ(errorOf(parseOpConfig("OpQuantizerConfig", {}, "--lq")),
            "--lq: Invalid config_type \"OpQuantizerConfig\". Supported config "
            "types are ('OpLinearQuantizerConfig', 'OpPalettizerConfig', "
            "'OpThresholdPrunerConfig', 'OpMagnitudePrunerConfig').");
}

} // namespace
