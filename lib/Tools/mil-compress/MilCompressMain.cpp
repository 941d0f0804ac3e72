//===- MilCompressMain.cpp - mil-compress's entry point ---------*- C++ -*-===//
//
// Part of mil-mlir. mil-compress compresses the weights of a Core ML model;
// the user-facing driver: a model in, a compressed model
// and a report out.
//
//   mil-compress IN.mlpackage -o OUT.mlpackage --palettize --nbits 4
//   mil-compress IN.mlpackage -o OUT.mlpackage --quantize --dtype int4
//       --granularity per_block --block-size 32
//   mil-compress IN.mlpackage -o OUT.mlpackage --prune --target-sparsity 0.5
//   mil-compress IN.mlpackage -o OUT.mlpackage --config a.yaml --config b.yaml
//   mil-compress IN.mlpackage -o OUT.mlpackage --pipeline default_palettization
//   mil-compress IN.mlpackage -o OUT.mlpackage --decompress
//   mil-compress --info IN.mlpackage
//
// Exit codes: 0 success, 1 a user error (flags, configs, a configuration the
// model's opset cannot express), 2 a model that cannot be read or written,
// 3 a compression pass that compressed nothing (without --allow-noop).
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilCompressMain.h"
#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/ValueCounts.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Interpreter/Calibration.h"
#include "mil/Interpreter/ModelRunner.h"
#include "mil/Interpreter/Quality.h"
#include "mil/Passes/ConfigRegistry.h"
#include "mil/Passes/Passes.h"
#include "mil/Passes/Progress.h"
#include "mil/Pipeline/ActivationFallback.h"
#include "mil/Pipeline/CompressionConfig.h"
#include "mil/Pipeline/MixedBit.h"
#include "mil/Pipeline/PassPipeline.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>

using namespace mlir;
using namespace mil;
namespace cl = llvm::cl;

namespace {
enum ExitCode { kOk = 0, kUserError = 1, kBadModel = 2, kNothingDone = 3 };

cl::OptionCategory category("mil-compress options");

cl::opt<std::string> inputPath(cl::Positional, cl::desc("IN.mlpackage"),
                               cl::cat(category));
cl::opt<std::string> outputPath("o", cl::desc("output .mlpackage"),
                                cl::value_desc("OUT"), cl::cat(category));
cl::opt<bool> force("force", cl::desc("replace an existing output"),
                    cl::cat(category));

// What to do (one of).
cl::opt<bool> palettize("palettize", cl::desc("palettize weights"),
                        cl::cat(category));
cl::opt<bool> quantize("quantize", cl::desc("linearly quantize weights"),
                       cl::cat(category));
cl::opt<bool> prune("prune", cl::desc("prune weights"), cl::cat(category));
cl::list<std::string>
    configFiles("config",
                cl::desc("a YAML/JSON OptimizationConfig file; repeat for "
                         "several steps (later steps are joint)"),
                cl::cat(category));
cl::opt<std::string> pipelineName("pipeline", cl::desc("run a named pipeline"),
                                  cl::cat(category));
cl::opt<bool> decompress("decompress", cl::desc("decompress every weight"),
                         cl::cat(category));
// Activation quantization (W8A8 with a weight step).
cl::opt<bool> quantizeActivations(
    "quantize-activations",
    cl::desc("quantize activations to int8 first (coremltools' "
             "linear_quantize_activations); with --quantize or --config "
             "the weights follow (W8A8)"),
    cl::cat(category));
cl::opt<std::string>
    activationStats("activation-stats",
                    cl::desc("JSON ranges {tensor: {\"rmin\": r, "
                             "\"rmax\": r}} for --quantize-activations"),
                    cl::cat(category));
cl::opt<std::string> activationConfig(
    "activation-config",
    cl::desc("OptimizationConfig (YAML/JSON) of the activation step"),
    cl::cat(category));
cl::list<std::string> calibrationData(
    "calibration-data",
    cl::desc("a calibration sample (.npz, inputs by name; repeatable): "
             "the interpreter measures the ranges, and the report shows "
             "the output quality on the samples"),
    cl::cat(category));
cl::opt<std::string> dumpActivationStats(
    "dump-activation-stats",
    cl::desc("write the ranges of --quantize-activations (JSON)"),
    cl::cat(category));
cl::opt<std::string> activationTargetSnr(
    "activation-target-snr",
    cl::desc("with --quantize-activations: leave the activations of the "
             "most sensitive ops in float until the output SNR (dB, on the "
             "--eval inputs, else the calibration samples) is at least this"),
    cl::cat(category));
cl::opt<std::string> saveActivationRecipe(
    "save-activation-recipe",
    cl::desc("--activation-target-snr: write the chosen activation config "
             "(JSON, for --activation-config)"),
    cl::cat(category));
// Mixed-bit palettization (mil/Pipeline/MixedBit.h).
cl::opt<bool> mixedBit("mixed-bit",
                       cl::desc("with --palettize: choose the bits of each "
                                "weight by the output PSNR on the --eval / "
                                "--eval-random inputs"),
                       cl::cat(category));
cl::opt<std::string>
    targetPsnr("target-psnr",
               cl::desc("--mixed-bit: smallest model whose output PSNR "
                        "(dB, worst output) is at least DB"),
               cl::value_desc("DB"), cl::cat(category));
cl::opt<std::string>
    targetSize("target-size",
               cl::desc("--mixed-bit: best output PSNR with weights of at "
                        "most BYTES"),
               cl::value_desc("BYTES"), cl::cat(category));
cl::opt<std::string> saveRecipe("save-recipe",
                                cl::desc("--mixed-bit: write the chosen bits "
                                         "as an OptimizationConfig YAML"),
                                cl::value_desc("FILE"), cl::cat(category));
cl::opt<bool> info("info",
                   cl::desc("print the model's functions, op "
                            "histogram and weights, then exit"),
                   cl::cat(category));

// Config fields (coremltools' names with dashes).
cl::opt<std::string> mode("mode",
                          cl::desc("palettize: kmeans, uniform, "
                                   "unique, custom; quantize: "
                                   "linear_symmetric, linear"),
                          cl::cat(category));
cl::opt<std::string> nbits("nbits", cl::desc("palettize: 1,2,3,4,6,8"),
                           cl::cat(category));
cl::opt<std::string> lutFunction("lut-function",
                                 cl::desc("palettize custom: registered name"),
                                 cl::cat(category));
cl::opt<std::string> granularity("granularity", cl::desc("granularity"),
                                 cl::cat(category));
cl::opt<std::string> groupSize("group-size", cl::desc("palettize"),
                               cl::cat(category));
cl::opt<std::string> channelAxis("channel-axis", cl::desc("palettize"),
                                 cl::cat(category));
cl::opt<std::string> clusterDim("cluster-dim", cl::desc("palettize"),
                                cl::cat(category));
cl::opt<std::string> perChannelScale("enable-per-channel-scale",
                                     cl::desc("palettize: true/false"),
                                     cl::cat(category));
cl::opt<std::string> dtype("dtype", cl::desc("quantize: int8 uint8 int4 uint4"),
                           cl::cat(category));
cl::opt<std::string> blockSize("block-size",
                               cl::desc("quantize per_block / prune blocks"),
                               cl::cat(category));
cl::opt<std::string> threshold("threshold", cl::desc("prune: threshold"),
                               cl::cat(category));
cl::opt<std::string> minSparsity("minimum-sparsity-percentile",
                                 cl::desc("prune: threshold mode"),
                                 cl::cat(category));
cl::opt<std::string> targetSparsity("target-sparsity",
                                    cl::desc("prune: magnitude"),
                                    cl::cat(category));
cl::opt<std::string> nmRatio("n-m-ratio", cl::desc("prune: [n,m]"),
                             cl::cat(category));
cl::opt<std::string> dim("dim", cl::desc("prune: 0 or 1"), cl::cat(category));
cl::opt<std::string> weightThreshold("weight-threshold",
                                     cl::desc("compress weights with more "
                                              "elements (default 2048)"),
                                     cl::cat(category));
cl::opt<bool> joint("joint-compression",
                    cl::desc("compress already compressed weights"),
                    cl::cat(category));

// Pipeline editing.
cl::list<std::string> passOptions("pass-options",
                                  cl::desc("PASS:KEY=VALUE for the pipeline"),
                                  cl::cat(category));
cl::list<std::string> appendPass("append-pass", cl::desc("append a pass"),
                                 cl::cat(category));
cl::list<std::string> insertPass("insert-pass",
                                 cl::desc("INDEX:PASS, insert a pass"),
                                 cl::cat(category));
cl::list<std::string> removePass("remove-pass",
                                 cl::desc("INDEX or PASS, remove passes"),
                                 cl::cat(category));
cl::opt<bool> printPipeline("print-pipeline",
                            cl::desc("print the pipeline and exit"),
                            cl::cat(category));
cl::opt<bool> listPipelines("list-pipelines",
                            cl::desc("list the named pipelines and passes"),
                            cl::cat(category));

// Running and reporting.
cl::opt<unsigned> jobs("jobs", cl::desc("threads (default: all cores)"),
                       cl::init(0), cl::cat(category));
cl::opt<bool> dryRun("dry-run", cl::desc("report only; write nothing"),
                     cl::cat(category));
cl::opt<std::string> reportJson("report-json",
                                cl::desc("write the report as JSON"),
                                cl::cat(category));
// Output-level quality (the interpreter, mil/Interpreter/Quality.h).
cl::list<std::string> evalFiles("eval",
                                cl::desc("report output SNR/PSNR of the "
                                         "compressed model on these inputs "
                                         "(.npz, repeatable)"),
                                cl::cat(category));
cl::opt<unsigned> evalRandom("eval-random",
                             cl::desc("report output SNR/PSNR on N random "
                                      "input sets"),
                             cl::init(0), cl::cat(category));
cl::opt<unsigned> evalSeed("eval-seed",
                           cl::desc("seed of the first --eval-random set"),
                           cl::init(0), cl::cat(category));
cl::opt<bool> quiet("quiet", cl::desc("no report on stdout"),
                    cl::cat(category));
cl::opt<bool> measureInPass(
    "measure-in-pass",
    cl::desc("let the quantization pass measure the report's error as it "
             "quantizes (the same figures); false measures them afterwards"),
    cl::init(true), cl::Hidden, cl::cat(category));
cl::opt<bool> allowNoop("allow-noop",
                        cl::desc("succeed (and write the model) even when a "
                                 "compression pass compresses no weight"),
                        cl::cat(category));

int userError(const llvm::Twine &message) {
  llvm::errs() << "mil-compress: error: " << message << "\n";
  return kUserError;
}

/// The field options that are set, as (coremltools field, value).
std::vector<pipeline::PassOption> fieldOptions() {
  std::vector<pipeline::PassOption> out;
  auto add = [&](const char *name, const std::string &value) {
    if (!value.empty())
      out.push_back({name, value});
  };
  add("mode", mode);
  add("nbits", nbits);
  add("lut_function", lutFunction);
  add("granularity", granularity);
  add("group_size", groupSize);
  add("channel_axis", channelAxis);
  add("cluster_dim", clusterDim);
  add("enable_per_channel_scale", perChannelScale);
  add("dtype", dtype);
  add("block_size", blockSize);
  add("threshold", threshold);
  add("minimum_sparsity_percentile", minSparsity);
  add("target_sparsity", targetSparsity);
  add("n_m_ratio", nmRatio);
  add("dim", dim);
  add("weight_threshold", weightThreshold);
  return out;
}

/// The compression pass a config class belongs to.
std::string passForConfig(llvm::StringRef className) {
  if (className == "OpPalettizerConfig")
    return "mil-palettize-weights";
  if (className == "OpLinearQuantizerConfig")
    return "mil-linear-quantize-weights";
  return "mil-prune-weights";
}

/// coremltools' default-pipeline passes that change a quantized program.
constexpr const char *kQuantizedCleanup[] = {
    "mil-nullify-redundant-quantization-zero-point",
    "mil-dequantize-quantize-pair-elimination",
    "mil-distributive-quantized-binary-op-scale-normalization",
    "mil-reduce-transposes",
    "mil-fuse-transpose-matmul",
    "mil-reduce-transposes",
    "mil-guard-negative-gather-indices",
    "mil-dedup-op-and-var-names",
    "mil-reduce-transposes",
    "mil-remove-redundant-ops",
    "mil-topological-reorder",
    "mil-dead-code-elimination"};

/// --activation-target-snr: the ranges, calibrated once, and the chosen
/// config, registered under kActivationRecipeName, that the activation step
/// reads instead of the flags.
std::string activationStatsOverride, activationConfigOverride;
constexpr const char *kActivationRecipeName = "mil-compress:activation-recipe";

/// --quantize-activations: the activation step and the passes coremltools
/// runs on its result go first; after a weight step (W8A8) those passes
/// run again, as coremltools re-runs its default pipeline.
llvm::Error addActivationSteps(pipeline::PassPipeline &p) {
  auto fail = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  if (!quantizeActivations) {
    if (!activationStats.empty() || !activationConfig.empty() ||
        !calibrationData.empty() || !dumpActivationStats.empty() ||
        !activationTargetSnr.empty() || !saveActivationRecipe.empty())
      return fail("--activation-stats, --calibration-data, "
                  "--dump-activation-stats, --activation-config, "
                  "--activation-target-snr and --save-activation-recipe "
                  "need --quantize-activations");
    return llvm::Error::success();
  }
  if (!saveActivationRecipe.empty() && activationTargetSnr.empty())
    return fail("--save-activation-recipe needs --activation-target-snr");
  if (activationStats.empty() == calibrationData.empty())
    return fail("--quantize-activations needs either --activation-stats "
                "FILE.json or --calibration-data FILE.npz");
  bool weightStep = !p.getPasses().empty();
  if (weightStep)
    for (const char *pass : kQuantizedCleanup)
      if (llvm::Error e = p.append(pass))
        return e;
  size_t at = 0;
  for (const char *pass : {"mil-linear-quantize-activations"})
    if (llvm::Error e = p.insert(at++, pass))
      return e;
  for (const char *pass : kQuantizedCleanup)
    if (llvm::Error e = p.insert(at++, pass))
      return e;
  // The pass takes the samples as one comma-separated list.
  for (const std::string &file : calibrationData)
    if (llvm::StringRef(file).contains(','))
      return fail("--calibration-data '" + file +
                  "': a file name with a "
                  "comma is not supported");
  std::vector<pipeline::PassOption> opts;
  if (!activationStatsOverride.empty()) {
    // Calibrated (and dumped) once, before the search.
    opts.push_back({"activation_stats", activationStatsOverride});
  } else {
    if (!activationStats.empty())
      opts.push_back({"activation_stats", activationStats});
    else
      opts.push_back({"calibration_data", llvm::join(calibrationData, ",")});
    if (!dumpActivationStats.empty())
      opts.push_back({"dump_activation_stats", dumpActivationStats});
  }
  if (!activationConfigOverride.empty())
    opts.push_back({"config", activationConfigOverride});
  else if (!activationConfig.empty())
    opts.push_back({"config", activationConfig});
  return p.setOptions("mil-linear-quantize-activations", opts);
}

/// The name under which the --mixed-bit recipe is registered for the
/// palettization pass (mil/Passes/ConfigRegistry.h).
constexpr const char *kRecipeName = "mil-compress:mixed-bit-recipe";

/// --mixed-bit's flags, checked before the model is read; the
/// palettization fields but nbits make the base config.
llvm::Expected<MixedBitOptions> mixedBitOptions() {
  auto fail = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  MixedBitOptions o;
  if (!mixedBit) {
    if (!targetPsnr.empty() || !targetSize.empty() || !saveRecipe.empty())
      return fail("--target-psnr, --target-size and --save-recipe need "
                  "--mixed-bit");
    return o;
  }
  if (!palettize)
    return fail("--mixed-bit needs --palettize");
  if (!nbits.empty())
    return fail("--mixed-bit chooses the bits of each weight: drop --nbits");
  if (joint)
    return fail("--mixed-bit does not combine with --joint-compression");
  if (!mode.empty() && mode != "kmeans" && mode != "uniform")
    return fail("--mixed-bit needs --mode kmeans or uniform, got '" + mode +
                "'");
  if (targetPsnr.empty() == targetSize.empty())
    return fail("--mixed-bit needs one target: --target-psnr DB or "
                "--target-size BYTES");
  if (evalFiles.empty() && !evalRandom)
    return fail("--mixed-bit measures the output PSNR on input sets: give "
                "--eval FILE.npz or --eval-random N");
  double psnr;
  uint64_t size;
  if (!targetPsnr.empty()) {
    if (StringRef(targetPsnr).getAsDouble(psnr) || !std::isfinite(psnr))
      return fail("--target-psnr expects a number of dB, got '" + targetPsnr +
                  "'");
    o.targetPsnr = psnr;
  } else {
    if (StringRef(targetSize).getAsInteger(10, size) || size == 0)
      return fail("--target-size expects a positive number of bytes, got '" +
                  targetSize + "'");
    o.targetSize = size;
  }
  std::vector<std::pair<std::string, std::string>> typed;
  for (const pipeline::PassOption &f : fieldOptions())
    typed.push_back(f);
  typed.push_back({"nbits", "8"});
  llvm::Expected<pipeline::OpCompressorConfig> base =
      pipeline::parseOpConfig("OpPalettizerConfig", typed, "");
  if (!base)
    return base.takeError();
  o.base = base->get<pipeline::OpPalettizerConfig>();
  o.eval = {std::vector<std::string>(evalFiles.begin(), evalFiles.end()),
            evalRandom, evalSeed};
  o.threads = jobs;
  return o;
}

/// --mixed-bit: chooses the bits per weight and registers the recipe,
/// read back from its YAML as --config would read the saved file.
int chooseMixedBitRecipe(ModuleOp module,
                         std::optional<llvm::json::Object> &report) {
  llvm::Expected<MixedBitOptions> options = mixedBitOptions();
  if (!options)
    return userError(llvm::toString(options.takeError()));
  FailureOr<MixedBitResult> result = selectMixedBitWidths(module, *options);
  if (failed(result))
    return kUserError;
  std::string yaml = mixedBitRecipeToYAML(*result, *options);
  llvm::Expected<llvm::json::Value> dict =
      pipeline::parseYAMLAsJSON(yaml, "mixed-bit recipe");
  if (!dict)
    return userError(llvm::toString(dict.takeError()));
  llvm::Expected<pipeline::OptimizationConfig> recipe =
      pipeline::parseOptimizationConfig(*dict, "mixed-bit recipe");
  if (!recipe)
    return userError(llvm::toString(recipe.takeError()));
  registerOptimizationConfig(kRecipeName, std::move(*recipe));
  if (!saveRecipe.empty())
    if (llvm::Error e = llvm::writeToOutput(saveRecipe, [&](raw_ostream &os) {
          os << yaml;
          return llvm::Error::success();
        }))
      return userError("cannot write " + saveRecipe + ": " +
                       llvm::toString(std::move(e)));
  if (!quiet)
    printMixedBitReport(*result, *options, llvm::outs());
  report = mixedBitToJSON(*result, *options);
  return kOk;
}

/// Builds the pipeline the flags ask for; errors are user errors.
llvm::Expected<pipeline::PassPipeline> buildPipeline() {
  using pipeline::PassPipeline;
  int modes = palettize + quantize + prune + !configFiles.empty() +
              !pipelineName.empty() + decompress;
  if (modes > 1)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "use one of --palettize, --quantize, --prune, --config, --pipeline, "
        "--decompress");
  if (llvm::Expected<MixedBitOptions> checked = mixedBitOptions(); !checked)
    return checked.takeError();
  std::vector<pipeline::PassOption> fields = fieldOptions();
  if (!fields.empty() && !(palettize || quantize || prune))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "option --" + llvm::StringRef(fields.front().first).str() +
            " needs --palettize, --quantize or --prune");
  PassPipeline p("custom");
  if (!pipelineName.empty()) {
    llvm::Expected<PassPipeline> named = PassPipeline::get(pipelineName);
    if (!named)
      return named.takeError();
    p = std::move(*named);
  } else if (palettize && mixedBit) {
    // The recipe is chosen once the model is read (chooseMixedBitRecipe).
    if (llvm::Error e = p.append("mil-palettize-weights"))
      return std::move(e);
    if (llvm::Error e =
            p.setOptions("mil-palettize-weights", {{"config", kRecipeName}}))
      return std::move(e);
  } else if (palettize || quantize || prune) {
    std::string pass = palettize  ? "mil-palettize-weights"
                       : quantize ? "mil-linear-quantize-weights"
                                  : "mil-prune-weights";
    if (llvm::Error e = p.append(pass))
      return std::move(e);
    // The fields are validated by the config model before anything runs.
    std::vector<std::pair<std::string, std::string>> typed(fields.begin(),
                                                           fields.end());
    bool magnitude = !targetSparsity.empty() || !nmRatio.empty() ||
                     !dim.empty() || (prune && !blockSize.empty());
    std::string type = palettize   ? "OpPalettizerConfig"
                       : quantize  ? "OpLinearQuantizerConfig"
                       : magnitude ? "OpMagnitudePrunerConfig"
                                   : "OpThresholdPrunerConfig";
    llvm::Expected<pipeline::OpCompressorConfig> checked =
        pipeline::parseOpConfig(type, typed, "");
    if (!checked)
      return checked.takeError();
    if (joint)
      fields.push_back({"joint_compression", "true"});
    if (llvm::Error e = p.setOptions(pass, fields))
      return std::move(e);
  } else if (!configFiles.empty()) {
    for (auto [i, file] : llvm::enumerate(configFiles)) {
      llvm::Expected<pipeline::OptimizationConfig> config =
          pipeline::parseOptimizationConfigFile(file);
      if (!config)
        return config.takeError();
      const pipeline::OptionalCompressorConfig &global = config->global();
      std::string className =
          global ? global->getClassName().str()
          : !config->opNameConfigs().empty() &&
                  config->opNameConfigs().begin()->second
              ? config->opNameConfigs().begin()->second->getClassName().str()
          : !config->opTypeConfigs().empty() &&
                  config->opTypeConfigs().begin()->second
              ? config->opTypeConfigs().begin()->second->getClassName().str()
              : "";
      if (className.empty())
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       file + ": no config to apply");
      // A step's options are per pass: the same pass twice needs a pass
      // instance of its own, which the pipeline model does not have.
      std::string pass = passForConfig(className);
      if (llvm::is_contained(p.getPasses(), pass))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       file + ": a second " + pass +
                                           " step is not supported");
      if (llvm::Error e = p.append(pass))
        return std::move(e);
      std::vector<pipeline::PassOption> opts = {{"config", file}};
      if (i > 0 || joint)
        opts.push_back({"joint_compression", "true"});
      if (llvm::Error e = p.setOptions(pass, opts))
        return std::move(e);
    }
  } else if (decompress) {
    if (llvm::Error e = p.append("mil-decompress-weights"))
      return std::move(e);
  }
  if (llvm::Error e = addActivationSteps(p))
    return std::move(e);
  // coremltools' compression APIs reload the program at iOS16 or later and
  // without its attributes first, and re-run its default pipeline after
  // compressing; ours keeps the parts that matter for weights.
  if (pipelineName.empty() && !p.getPasses().empty()) {
    for (const char *load : {"mil-strip-build-info", "mil-raise-opset"})
      if (llvm::Error e = p.insert(0, load))
        return std::move(e);
    for (const char *cleanup :
         {"mil-dead-code-elimination", "mil-const-deduplication"})
      if (llvm::Error e = p.append(cleanup))
        return std::move(e);
  }
  for (const std::string &spec : removePass) {
    unsigned index;
    if (!llvm::StringRef(spec).getAsInteger(10, index)) {
      if (llvm::Error e = p.remove(index))
        return std::move(e);
    } else if (llvm::Error e = p.removeAll(spec)) {
      return std::move(e);
    }
  }
  for (const std::string &spec : insertPass) {
    auto [index, pass] = llvm::StringRef(spec).split(':');
    unsigned at;
    if (pass.empty() || index.getAsInteger(10, at))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "--insert-pass expects INDEX:PASS, got '" +
                                         spec + "'");
    if (llvm::Error e = p.insert(at, pass))
      return std::move(e);
  }
  for (const std::string &pass : appendPass)
    if (llvm::Error e = p.append(pass))
      return std::move(e);
  // --pass-options PASS:KEY=VALUE, grouped per pass, added to what it has.
  std::map<std::string, std::vector<pipeline::PassOption>> extra;
  for (const std::string &spec : passOptions) {
    auto [pass, option] = llvm::StringRef(spec).rsplit(':');
    auto [key, value] = option.split('=');
    if (pass.empty() || key.empty() || !option.contains('='))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "--pass-options expects PASS:KEY=VALUE, got '" + spec + "'");
    llvm::Expected<std::string> canonical =
        PassPipeline::canonicalPassName(pass);
    if (!canonical)
      return canonical.takeError();
    extra[*canonical].push_back({key.str(), value.str()});
  }
  for (auto &[pass, opts] : extra) {
    // A key given again replaces the pipeline's value for it.
    auto norm = [](std::string key) {
      std::replace(key.begin(), key.end(), '_', '-');
      return key;
    };
    std::vector<pipeline::PassOption> all;
    if (const auto *existing = p.getOptions(pass))
      for (const pipeline::PassOption &o : *existing)
        if (llvm::none_of(opts, [&](const pipeline::PassOption &n) {
              return norm(n.first) == norm(o.first);
            }))
          all.push_back(o);
    all.insert(all.end(), opts.begin(), opts.end());
    if (llvm::Error e = p.setOptions(pass, all))
      return std::move(e);
  }
  if (llvm::Error e = p.validate())
    return std::move(e);
  return p;
}

/// Removes the temporary statistics file of --activation-target-snr.
std::optional<llvm::FileRemover> activationStatsRemover;

/// --activation-target-snr: calibrates once (unless --activation-stats
/// gives the ranges), chooses the ops whose activations stay in float by
/// measuring the whole compression on clones, and registers the chosen
/// config for the activation step. `pipe` is rebuilt to read both.
int chooseActivationRecipe(ModuleOp module, pipeline::PassPipeline &pipe,
                           std::optional<llvm::json::Object> &report) {
  ActivationFallbackOptions options;
  if (StringRef(activationTargetSnr).getAsDouble(options.targetSnr) ||
      !std::isfinite(options.targetSnr))
    return userError("--activation-target-snr expects a number of dB, got '" +
                     activationTargetSnr + "'");
  if (!activationStats.empty()) {
    activationStatsOverride = activationStats;
  } else {
    FailureOr<interp::ActivationStats> stats = interp::calibrateActivations(
        module, std::vector<std::string>(calibrationData.begin(),
                                         calibrationData.end()));
    if (failed(stats))
      return kUserError;
    std::string path = dumpActivationStats;
    if (path.empty()) {
      SmallString<128> temp;
      if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
              "mil-compress-activation-stats", "json", temp))
        return userError("cannot create a temporary file: " + ec.message());
      path = temp.str().str();
      activationStatsRemover.emplace(path);
    }
    if (llvm::Error e = interp::writeActivationStats(path, *stats))
      return userError(llvm::toString(std::move(e)));
    activationStatsOverride = path;
  }
  if (!activationConfig.empty()) {
    llvm::Expected<pipeline::OptimizationConfig> base =
        pipeline::parseOptimizationConfigFile(activationConfig);
    if (!base)
      return userError(llvm::toString(base.takeError()));
    options.base = std::move(*base);
  } else {
    llvm::Expected<pipeline::OpCompressorConfig> global =
        pipeline::parseOpConfig("OpLinearQuantizerConfig", {}, "");
    if (!global)
      return userError(llvm::toString(global.takeError()));
    options.base.setGlobal(std::move(*global));
  }
  activationConfigOverride = kActivationRecipeName;
  llvm::Expected<pipeline::PassPipeline> rebuilt = buildPipeline();
  if (!rebuilt)
    return userError(llvm::toString(rebuilt.takeError()));
  options.pipeline = *rebuilt;
  options.recipeName = kActivationRecipeName;
  options.eval = {std::vector<std::string>(evalFiles.begin(), evalFiles.end()),
                  evalRandom, evalSeed};
  if (options.eval.files.empty() && !evalRandom)
    options.eval.files.assign(calibrationData.begin(), calibrationData.end());
  if (options.eval.files.empty() && !evalRandom)
    return userError("--activation-target-snr measures the output SNR on "
                     "input sets: give --calibration-data, --eval FILE.npz "
                     "or --eval-random N");
  FailureOr<ActivationFallbackResult> result =
      selectFloatActivations(module, options);
  if (failed(result))
    return kUserError;
  registerOptimizationConfig(kActivationRecipeName, result->recipe);
  if (!saveActivationRecipe.empty())
    if (llvm::Error e =
            llvm::writeToOutput(saveActivationRecipe, [&](raw_ostream &os) {
              os << activationRecipeToJSON(*result);
              return llvm::Error::success();
            }))
      return userError("cannot write " + saveActivationRecipe + ": " +
                       llvm::toString(std::move(e)));
  if (!quiet)
    printActivationFallbackReport(*result, options, llvm::outs());
  report = activationFallbackToJSON(*result, options);
  pipe = std::move(*rebuilt);
  return kOk;
}

//===----------------------------------------------------------------------===//
// Weights and the report
//===----------------------------------------------------------------------===//

struct Weight {
  /// `function` is qualified by `subModel`, the sub-model of a pipeline.
  std::string subModel, function, name, op, dtypeBefore, dtypeAfter, shape;
  /// The other functions that use the same weight (one blob), which is
  /// compressed once and counted once.
  std::vector<std::string> sharedWith;
  ElementsAttr before;
  uint64_t bytesBefore = 0, bytesAfter = 0;
  double maxAbs = 0, relRms = 0, snrDb = 0;
  bool compressed = false;
};

std::string dtypeName(Type t) {
  StringRef name = getMILDTypeName(t);
  return name.empty() ? "?" : name.str();
}

std::string shapeString(ShapedType t) {
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(t.getShape()))
    s += (i ? ", " : "") + std::to_string(d);
  return s + (t.getRank() == 1 ? ",)" : ")");
}

uint64_t packedBytes(ElementsAttr attr, Location loc) {
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
  return succeeded(bytes) ? bytes->size() : 0;
}

/// The weight name a constexpr op's output stands for: the op's name
/// without the suffixes the passes add.
std::string stemOf(StringRef name) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (StringRef suffix :
         {"_palettized_pcs", "_palettized", "_quantized", "_sparsified",
          "_nonzero_data_0", "_data_0", "_lut_0"})
      if (name.consume_back(suffix))
        changed = true;
  }
  return name.str();
}

/// The sub-model of a pipeline `op` is in; empty outside a pipeline.
std::string subModelOf(Operation *op) {
  return interp::getSubModelPath(op->getParentOfType<ModuleOp>());
}

/// The function `op` is in, qualified by its sub-model in a pipeline.
std::string functionOf(Operation *op) {
  auto fn = isa<FunctionOp>(op) ? cast<FunctionOp>(op)
                                : op->getParentOfType<FunctionOp>();
  std::string name = fn ? fn.getSymName().str() : "";
  std::string sub = subModelOf(op);
  return sub.empty() ? name : sub + "/" + name;
}

/// A sub-model of a pipeline, in order: an ML program or a model kept as is.
struct SubModel {
  std::string name;
  bool isProgram;
};

std::vector<SubModel> subModels(ModuleOp module) {
  std::vector<SubModel> out;
  if (!module->hasAttr(attrs::kPipeline))
    return out;
  module.walk<WalkOrder::PreOrder>([&](ModuleOp sub) {
    if (sub != module && !sub->hasAttr(attrs::kPipeline))
      out.push_back({interp::getSubModelPath(sub),
                     !sub->hasAttr(attrs::kSerializedModel)});
  });
  return out;
}

/// Float weights that a compression pass may take (>= 10 elements).
std::vector<Weight> collectWeights(ModuleOp module) {
  std::vector<Weight> out;
  DenseMap<Attribute, size_t> seen;
  module.walk([&](ConstOp op) {
    auto attr = dyn_cast<ElementsAttr>(op.getVal());
    auto type = attr ? dyn_cast<RankedTensorType>(attr.getType()) : nullptr;
    if (!type || !type.hasStaticShape() || type.getNumElements() < 10 ||
        !isa<FloatType>(type.getElementType()))
      return;
    std::string function = functionOf(op);
    // A blob used by several functions is one weight.
    auto [it, first] = seen.try_emplace(op.getVal(), out.size());
    if (!first) {
      Weight &w = out[it->second];
      if (w.function != function && !llvm::is_contained(w.sharedWith, function))
        w.sharedWith.push_back(function);
      return;
    }
    Weight w;
    w.subModel = subModelOf(op);
    w.function = function;
    w.name = getMILOpName(op).str();
    w.before = attr;
    w.dtypeBefore = w.dtypeAfter = dtypeName(type.getElementType());
    w.shape = shapeString(type);
    w.bytesBefore = w.bytesAfter = packedBytes(attr, op.getLoc());
    w.op = "const";
    out.push_back(std::move(w));
  });
  return out;
}

/// The kernel element type of the values the report compares: fp16, fp32
/// and 8-bit integers (others are not compared).
std::optional<compression::ElemType> statsElemType(Type t) {
  if (t.isF16())
    return compression::ElemType::Float16;
  if (t.isF32())
    return compression::ElemType::Float32;
  if (t.isSignlessInteger(8))
    return compression::ElemType::Int8;
  if (t.isInteger(8))
    return compression::ElemType::UInt8;
  return std::nullopt;
}

/// The error columns of `w` from `stats`.
void setError(Weight &w, const compression::ErrorStats &stats) {
  w.maxAbs = stats.maxAbsError;
  w.relRms = stats.relativeRms();
  w.snrDb = stats.snrDb();
}

/// The error columns of `w` from `after`, the decompressed value.
void measureError(Weight &w, ElementsAttr after, Location loc) {
  std::vector<uint8_t> storageA, storageB;
  std::optional<compression::ElemType> typeA = statsElemType(
                                           after.getElementType()),
                                       typeB = statsElemType(
                                           w.before.getElementType());
  if (!typeA || !typeB)
    return;
  FailureOr<ArrayRef<uint8_t>> a = getPackedBytes(after, storageA, loc),
                               b = getPackedBytes(w.before, storageB, loc);
  if (failed(a) || failed(b))
    return;
  uint64_t count =
      std::min<uint64_t>(after.getNumElements(), w.before.getNumElements());
  setError(w, compression::measureError(*typeB, b->data(), *typeA, a->data(),
                                        count));
}

/// The error of each op that its pass measured (MILDialect::kErrorStatsAttr).
using MeasuredErrors = DenseMap<Operation *, compression::ErrorStats>;

/// Removes every MILDialect::kErrorStatsAttr from `module` (the model file
/// has no place for it) and returns their values.
MeasuredErrors takeMeasuredErrors(ModuleOp module) {
  MeasuredErrors out;
  module.walk([&](Operation *op) {
    Attribute attr = op->removeAttr(MILDialect::kErrorStatsAttr);
    if (auto stats = dyn_cast_or_null<DenseF64ArrayAttr>(attr);
        stats && stats.size() == 3) {
      compression::ErrorStats e;
      e.squaredError = stats[0];
      e.squaredReference = stats[1];
      e.maxAbsError = stats[2];
      out[op] = e;
    }
  });
  return out;
}

/// Fills the after-compression columns from the constexpr chains of
/// `module`, or from `measured` for the ops whose pass measured them (the
/// same figures). Each chain is evaluated on its own and its values freed
/// once its weight is measured.
void measureCompressed(ModuleOp module, std::vector<Weight> &weights,
                       const MeasuredErrors &measured) {
  llvm::StringMap<Weight *> byName;
  for (Weight &w : weights)
    byName[w.function + "/" + w.name] = &w;
  module.walk([&](Operation *op) {
    if (!isConstexprOp(op))
      return;
    // Only the end of a chain is a compressed weight.
    Value dense = op->getResults().back();
    if (llvm::any_of(dense.getUsers(), isConstexprOp) || dense.use_empty())
      return;
    Weight *w = byName.lookup(functionOf(op) + "/" + stemOf(getMILOpName(op)));
    if (!w)
      return;
    DenseMap<Value, ElementsAttr> values;
    auto release = llvm::make_scope_exit([&] {
      for (auto &entry : values)
        releaseResourceData(entry.second);
    });
    // A single op whose kernel measures its error as it reconstructs the
    // weight: no decompressed copy, same figures. Chains are evaluated.
    std::optional<compression::ErrorStats> fused;
    if (auto it = measured.find(op); it != measured.end())
      fused = it->second;
    else if (llvm::none_of(op->getOperands(), [](Value v) {
               Operation *def = v.getDefiningOp();
               return def && isConstexprOp(def);
             }))
      fused = measureConstexprError(
          op,
          [](Value v) -> ElementsAttr {
            if (auto cst = v.getDefiningOp<ConstOp>())
              return dyn_cast<ElementsAttr>(cst.getVal());
            return {};
          },
          w->before);
    if (!fused && failed(evaluateConstexprChain(op, values, "report")))
      return;
    w->compressed = true;
    w->op = op->getName().getStringRef().drop_front(4).str();
    // Bytes of every parameter in the chain.
    uint64_t bytes = 0, largest = 0;
    // The dtype after is that of the largest stored parameter (indices,
    // quantized data, nonzero values).
    auto note = [&](ElementsAttr e, Location loc) {
      uint64_t n = packedBytes(e, loc);
      bytes += n;
      if (n > largest) {
        largest = n;
        w->dtypeAfter = dtypeName(e.getElementType());
      }
    };
    SmallVector<Operation *> stack{op};
    llvm::SmallPtrSet<Operation *, 8> seen;
    while (!stack.empty()) {
      Operation *cur = stack.pop_back_val();
      if (!seen.insert(cur).second)
        continue;
      for (NamedAttribute a : cur->getAttrs())
        if (auto e = dyn_cast<ElementsAttr>(a.getValue()))
          note(e, cur->getLoc());
      for (Value v : cur->getOperands()) {
        Operation *def = v.getDefiningOp();
        if (auto cst = dyn_cast_or_null<ConstOp>(def))
          note(cast<ElementsAttr>(cst.getVal()), def->getLoc());
        else if (def && isConstexprOp(def))
          stack.push_back(def);
      }
      if (cur != op && cur->getName().getStringRef().contains("lut"))
        w->op = cur->getName().getStringRef().drop_front(4).str() + "+" + w->op;
    }
    w->bytesAfter = bytes;
    if (fused)
      setError(*w, *fused);
    else
      measureError(*w, values[dense], op->getLoc());
  });
}

void printReport(const std::vector<Weight> &weights,
                 const std::vector<SubModel> &subs, llvm::raw_ostream &os) {
  uint64_t before = 0, after = 0;
  unsigned compressed = 0;
  os << llvm::format(
      "%-44s %-28s %-16s %-11s %12s %12s %10s %9s %8s\n",
      static_cast<const char *>("weight"), static_cast<const char *>("op"),
      static_cast<const char *>("shape"), static_cast<const char *>("dtype"),
      static_cast<const char *>("bytes"), static_cast<const char *>("after"),
      static_cast<const char *>("max abs"),
      static_cast<const char *>("rel rms"),
      static_cast<const char *>("SNR dB"));
  for (const Weight &w : weights) {
    before += w.bytesBefore;
    after += w.bytesAfter;
    if (!w.compressed)
      continue;
    ++compressed;
    std::string name = (w.function == "main" ? "" : w.function + "/") + w.name;
    if (!w.sharedWith.empty())
      name += " (+" + llvm::join(w.sharedWith, ",") + ")";
    os << llvm::format("%-44s %-28s %-16s %-11s %12llu %12llu %10.3g %9.3g "
                       "%8.1f\n",
                       name.c_str(), w.op.c_str(), w.shape.c_str(),
                       (w.dtypeBefore + "->" + w.dtypeAfter).c_str(),
                       (unsigned long long)w.bytesBefore,
                       (unsigned long long)w.bytesAfter, w.maxAbs, w.relRms,
                       w.snrDb);
  }
  os << llvm::format("total: %u of %zu weights compressed, %llu -> %llu "
                     "bytes (%.2fx)\n",
                     compressed, weights.size(), (unsigned long long)before,
                     (unsigned long long)after,
                     after ? double(before) / double(after) : 0.0);
  for (const SubModel &sub : subs) {
    if (!sub.isProgram) {
      os << "sub-model " << sub.name << ": not an ML program, kept as it is\n";
      continue;
    }
    uint64_t subBefore = 0, subAfter = 0;
    unsigned count = 0, subCompressed = 0;
    for (const Weight &w : weights) {
      if (w.subModel != sub.name)
        continue;
      ++count;
      subCompressed += w.compressed;
      subBefore += w.bytesBefore;
      subAfter += w.bytesAfter;
    }
    os << llvm::format("sub-model %s: %u of %u weights compressed, %llu -> "
                       "%llu bytes\n",
                       sub.name.c_str(), subCompressed, count,
                       (unsigned long long)subBefore,
                       (unsigned long long)subAfter);
  }
}

llvm::json::Value reportJSON(const std::vector<Weight> &weights,
                             const std::vector<SubModel> &subs) {
  llvm::json::Array rows;
  uint64_t before = 0, after = 0;
  for (const Weight &w : weights) {
    before += w.bytesBefore;
    after += w.bytesAfter;
    llvm::json::Object row{{"function", w.function},
                           {"name", w.name},
                           {"op", w.op},
                           {"shape", w.shape},
                           {"dtype_before", w.dtypeBefore},
                           {"dtype_after", w.dtypeAfter},
                           {"bytes_before", int64_t(w.bytesBefore)},
                           {"bytes_after", int64_t(w.bytesAfter)},
                           {"compressed", w.compressed}};
    if (!w.subModel.empty())
      row["sub_model"] = w.subModel;
    if (!w.sharedWith.empty()) {
      llvm::json::Array functions;
      for (const std::string &f : w.sharedWith)
        functions.push_back(f);
      row["shared_with"] = std::move(functions);
    }
    if (w.compressed) {
      row["max_abs_error"] = w.maxAbs;
      row["relative_rms_error"] = w.relRms;
      if (std::isfinite(w.snrDb))
        row["snr_db"] = w.snrDb;
    }
    rows.push_back(std::move(row));
  }
  llvm::json::Object report{{"weights", std::move(rows)},
                            {"bytes_before", int64_t(before)},
                            {"bytes_after", int64_t(after)}};
  if (!subs.empty()) {
    llvm::json::Array subRows;
    for (const SubModel &sub : subs) {
      llvm::json::Object row{{"name", sub.name}, {"ml_program", sub.isProgram}};
      if (sub.isProgram) {
        int64_t subBefore = 0, subAfter = 0, compressed = 0;
        for (const Weight &w : weights)
          if (w.subModel == sub.name) {
            subBefore += w.bytesBefore;
            subAfter += w.bytesAfter;
            compressed += w.compressed;
          }
        row["bytes_before"] = subBefore;
        row["bytes_after"] = subAfter;
        row["weights_compressed"] = compressed;
      }
      subRows.push_back(std::move(row));
    }
    report["sub_models"] = std::move(subRows);
  }
  return report;
}

/// The compression passes of `pipe` that compressed no weight, by
/// coremltools' name, from the passes' events.
std::vector<std::string>
passesThatDidNothing(const pipeline::PassPipeline &pipe,
                     const std::vector<CompressionEvent> &events) {
  std::vector<std::string> idle;
  for (const std::string &pass : pipe.getPasses()) {
    std::string name = pass == "mil-palettize-weights" ? "palettize_weights"
                       : pass == "mil-linear-quantize-weights"
                           ? "linear_quantize_weights"
                       : pass == "mil-prune-weights" ? "prune_weights"
                                                     : "";
    if (name.empty() || llvm::is_contained(idle, name))
      continue;
    if (llvm::none_of(events, [&](const CompressionEvent &e) {
          return e.kind == CompressionEvent::Kind::Compressed && e.pass == name;
        }))
      idle.push_back(name);
  }
  return idle;
}

/// Why `pass` left each weight as it is: the last reason it gave. Weights
/// are named as in the report; the reasons given for unnamed parameters of
/// compressed weights follow, named after their weight.
void printNoopReasons(StringRef pass, const std::vector<Weight> &weights,
                      const std::vector<CompressionEvent> &events,
                      llvm::raw_ostream &os) {
  std::map<std::pair<std::string, std::string>, std::string> why;
  for (const CompressionEvent &e : events)
    if (e.kind == CompressionEvent::Kind::Skipped && e.pass == pass)
      why[{e.function, stemOf(e.weight)}] = e.message;
  auto print = [&](StringRef function, StringRef name, StringRef reason) {
    os << "  " << (function == "main" ? std::string() : (function + "/").str())
       << name << ": " << reason << "\n";
  };
  for (const Weight &w : weights) {
    if (w.name.empty())
      continue;
    auto it = why.find({w.function, w.name});
    print(w.function, w.name,
          it != why.end() ? it->second : "not a weight the pass takes");
    if (it != why.end())
      why.erase(it);
  }
  for (const auto &[key, reason] : why)
    print(key.first, key.second, reason);
}

/// --info: what coremltools' get_weights_metadata and a program summary give.
void printInfo(ModuleOp module, llvm::raw_ostream &os) {
  int64_t threshold = 2048;
  if (!weightThreshold.empty())
    StringRef(weightThreshold).getAsInteger(10, threshold);
  module.walk([&](FunctionOp fn) {
    os << "function " << functionOf(fn) << " (opset " << fn.getOpset() << ")\n";
    std::map<std::string, unsigned> histogram;
    fn.walk([&](Operation *op) {
      if (op != fn)
        histogram[op->getName().getStringRef().drop_front(4).str()]++;
    });
    os << "  ops:";
    for (auto &[name, count] : histogram)
      os << " " << name << "=" << count;
    os << "\n  weights (>= " << threshold << " elements):\n";
    fn.walk([&](ConstOp op) {
      auto attr = dyn_cast<ElementsAttr>(op.getVal());
      if (!attr || attr.getNumElements() < threshold)
        return;
      auto type = cast<ShapedType>(attr.getType());
      // Zeros and distinct values straight from the bytes (statsElemType
      // types; others show 0).
      compression::ValueCounts counts;
      std::vector<uint8_t> storage;
      std::optional<compression::ElemType> elem =
          statsElemType(type.getElementType());
      FailureOr<ArrayRef<uint8_t>> bytes =
          elem ? getPackedBytes(attr, storage, op.getLoc())
               : FailureOr<ArrayRef<uint8_t>>(failure());
      uint64_t count = succeeded(bytes) ? attr.getNumElements() : 0;
      if (count)
        counts = compression::countValues(*elem, bytes->data(), count);
      std::string consumers;
      for (OpOperand &use : op.getResult().getUses())
        consumers +=
            (consumers.empty() ? "" : ", ") +
            use.getOwner()->getName().getStringRef().drop_front(4).str() + "(" +
            getMILOpName(use.getOwner()).str() + ")";
      os << llvm::format("    %-40s %-16s %-5s sparsity %.3f unique %zu  -> ",
                         getMILOpName(op).str().c_str(),
                         shapeString(type).c_str(),
                         dtypeName(type.getElementType()).c_str(),
                         count ? double(counts.zeros) / count : 0.0,
                         static_cast<size_t>(counts.distinct))
         << consumers << "\n";
    });
  });
}

/// A progress bar on a terminal: the weights done (bytes, from the passes'
/// per-weight callback) against the total, with an ETA, and the running
/// pass. Redrawn at most every 50 ms.
class Progress : public PassInstrumentation {
public:
  explicit Progress(uint64_t totalBytes)
      : total(std::max<uint64_t>(totalBytes, 1)),
        start(std::chrono::steady_clock::now()) {}

  void runBeforePass(Pass *pass, Operation *) override {
    if (pass->getArgument().empty()) // Pass managers' adaptors.
      return;
    std::lock_guard<std::mutex> lock(mutex);
    current = pass->getArgument().str();
    draw(/*force=*/true);
  }
  void weightDone(uint64_t bytes) {
    std::lock_guard<std::mutex> lock(mutex);
    done = std::min(total, done + bytes);
    draw(/*force=*/false);
  }
  void clear() { llvm::errs() << "\r" << std::string(100, ' ') << "\r"; }

private:
  void draw(bool force) {
    auto now = std::chrono::steady_clock::now();
    if (!force && now - lastDraw < std::chrono::milliseconds(50))
      return;
    lastDraw = now;
    double fraction = double(done) / double(total);
    double elapsed = std::chrono::duration<double>(now - start).count();
    std::string bar(static_cast<size_t>(fraction * 30), '#');
    bar.resize(30, '.');
    llvm::errs() << llvm::format("\r[%s] %3.0f%% %8.1f/%.1f MB", bar.c_str(),
                                 fraction * 100, done / 1e6, total / 1e6);
    if (done > 0 && done < total)
      llvm::errs() << llvm::format("  ETA %5.1f s",
                                   elapsed * (1 - fraction) / fraction);
    llvm::errs() << "  " << current << "          ";
  }

  uint64_t total, done = 0;
  std::chrono::steady_clock::time_point start, lastDraw;
  std::string current;
  std::mutex mutex;
};

} // namespace

int mil::milCompressMain(int argc, char **argv) {
  registerMILPasses();
  cl::HideUnrelatedOptions(category);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "compress the weights of a Core ML model\n",
                                   &llvm::errs()))
    return kUserError;
  if (listPipelines) {
    llvm::outs() << "pipelines:\n";
    for (const std::string &name : pipeline::PassPipeline::availablePipelines())
      llvm::outs() << "  " << name << "\n";
    llvm::outs() << "passes:\n";
    for (auto &[ours, theirs] : pipeline::PassPipeline::availablePasses())
      llvm::outs() << "  " << ours << (theirs.empty() ? "" : "  (") << theirs
                   << (theirs.empty() ? "" : ")") << "\n";
    return kOk;
  }
  if (jobs) {
    llvm::parallel::strategy = llvm::hardware_concurrency(jobs);
  }
  llvm::Expected<pipeline::PassPipeline> pipe = buildPipeline();
  if (!pipe)
    return userError(llvm::toString(pipe.takeError()));
  if (printPipeline) {
    llvm::outs() << pipe->str();
    return kOk;
  }
  if (inputPath.empty())
    return userError("no input model (mil-compress IN.mlpackage -o OUT)");
  if (!info && pipe->getPasses().empty())
    return userError("nothing to do: use --palettize, --quantize, --prune, "
                     "--config, --pipeline or --decompress (see --help)");
  if (!info && !dryRun && outputPath.empty())
    return userError("no output: use -o OUT.mlpackage (or --dry-run)");
  if (!info && !dryRun && !force && llvm::sys::fs::exists(outputPath))
    return userError("'" + outputPath + "' exists; use --force to replace it");

  // New weight data that outgrows memory goes to scratch files on the
  // output's file system.
  if (!outputPath.empty()) {
    StringRef parent = llvm::sys::path::parent_path(outputPath);
    setScratchDirectory(parent.empty() ? "." : parent);
  }

  MLIRContext ctx(MLIRContext::Threading::DISABLED);
  std::unique_ptr<llvm::ThreadPoolInterface> pool;
  pool = std::make_unique<llvm::DefaultThreadPool>(
      jobs ? llvm::hardware_concurrency(jobs) : llvm::hardware_concurrency());
  ctx.setThreadPool(*pool);
  ctx.loadDialect<MILDialect>();
  OwningOpRef<ModuleOp> module = importModel(inputPath, &ctx);
  if (!module)
    return kBadModel;
  if (info) {
    printInfo(*module, llvm::outs());
    return kOk;
  }
  std::optional<llvm::json::Object> mixedBitReport, activationReport;
  if (mixedBit)
    if (int rc = chooseMixedBitRecipe(*module, mixedBitReport))
      return rc;
  auto unregisterRecipe = llvm::make_scope_exit(
      [] { unregisterOptimizationConfig(kActivationRecipeName); });
  if (!activationTargetSnr.empty())
    if (int rc = chooseActivationRecipe(*module, *pipe, activationReport))
      return rc;

  std::vector<Weight> weights = collectWeights(*module);
  // The error columns cost a reconstruction of every weight: only when the
  // report is shown. The quantizer then measures its error as it goes,
  // where it can do so exactly, instead of the report measuring it again.
  const bool reportShown = !quiet || !reportJson.empty();
  if (reportShown && measureInPass &&
      llvm::is_contained(pipe->getPasses(), "mil-linear-quantize-weights")) {
    std::vector<pipeline::PassOption> opts;
    if (const auto *given = pipe->getOptions("mil-linear-quantize-weights"))
      opts = *given;
    opts.push_back({"measure-error", "true"});
    if (llvm::Error e = pipe->setOptions("mil-linear-quantize-weights", opts))
      return userError(llvm::toString(std::move(e)));
  }
  PassManager pm(&ctx);
  if (failed(parsePassPipeline(pipe->toMLIRPassList(), pm, llvm::errs())))
    return userError("invalid pass options in " + pipe->toMLIRPipeline());
  Progress *progress = nullptr;
  if (llvm::sys::Process::StandardErrIsDisplayed()) {
    uint64_t total = 0;
    for (const Weight &w : weights)
      total += w.bytesBefore;
    auto owned = std::make_unique<Progress>(total);
    progress = owned.get();
    pm.addInstrumentation(std::move(owned));
    setWeightProgressCallback(
        [progress](uint64_t bytes) { progress->weightDone(bytes); });
  }
  // What the passes did with each weight, to explain a run that compressed
  // nothing.
  std::vector<CompressionEvent> events;
  std::mutex eventsMutex;
  // Functions of a pipeline's programs are named as in the report.
  std::string subModel;
  // The callbacks point into this frame: unset them on every return.
  auto unsetCallbacks = llvm::make_scope_exit([] {
    setCompressionEventCallback({});
    setWeightProgressCallback({});
  });
  setCompressionEventCallback([&](const CompressionEvent &e) {
    std::lock_guard<std::mutex> lock(eventsMutex);
    events.push_back(e);
    if (!subModel.empty() && !e.function.empty())
      events.back().function = subModel + "/" + e.function;
  });
  // The original's outputs, computed before the passes rewrite the module;
  // calibrated W8A8 is measured on its samples unless told otherwise.
  interp::EvalOptions evalOptions{
      std::vector<std::string>(evalFiles.begin(), evalFiles.end()), evalRandom,
      evalSeed};
  if (evalOptions.files.empty() && !evalRandom)
    evalOptions.files.assign(calibrationData.begin(), calibrationData.end());
  bool evaluate = !evalOptions.files.empty() || evalRandom > 0;
  std::vector<interp::NamedTensors> evalSets, evalReference;
  if (evaluate) {
    auto sets = interp::makeEvalInputs(*module, evalOptions);
    if (failed(sets))
      return kUserError;
    auto reference = interp::runOnInputSets(*module, *sets);
    if (failed(reference))
      return kUserError;
    evalSets = std::move(*sets);
    evalReference = std::move(*reference);
  }
  auto start = std::chrono::steady_clock::now();
  // A pipeline's passes run on each of its ML programs.
  LogicalResult ran = success();
  for (ModuleOp program : getProgramModules(*module)) {
    subModel = interp::getSubModelPath(program);
    if (failed(ran = pm.run(program)))
      break;
  }
  setCompressionEventCallback({});
  if (progress) {
    setWeightProgressCallback({});
    progress->clear();
  }
  if (failed(ran))
    return kUserError;
  // The errors the passes measured, off the module before anything reads
  // or writes it.
  MeasuredErrors measured = takeMeasuredErrors(*module);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  std::vector<interp::OutputQuality> quality;
  auto printText = [&] {
    for (const CompressionEvent &e : events)
      if (e.kind == CompressionEvent::Kind::Program)
        llvm::outs() << "note: " << e.message << "\n";
    printReport(weights, subModels(*module), llvm::outs());
    if (evaluate)
      interp::printQuality(quality, evalSets.size(), llvm::outs());
    llvm::outs() << llvm::format("passes took %.2f s\n", seconds);
  };
  auto writeJson = [&](llvm::ToolOutputFile &out) {
    llvm::json::Value report = reportJSON(weights, subModels(*module));
    llvm::json::Array changes;
    for (const CompressionEvent &e : events)
      if (e.kind == CompressionEvent::Kind::Program)
        changes.push_back(e.message);
    (*report.getAsObject())["program_changes"] = std::move(changes);
    if (llvm::json::Object *object = report.getAsObject(); object && evaluate)
      (*object)["outputs"] = interp::qualityToJSON(quality);
    if (mixedBitReport)
      (*report.getAsObject())["mixed_bit"] = std::move(*mixedBitReport);
    if (activationReport)
      (*report.getAsObject())["activation_fallback"] =
          std::move(*activationReport);
    out.os() << llvm::formatv("{0:2}", report) << "\n";
    out.keep();
  };
  std::optional<llvm::ToolOutputFile> jsonOut;
  auto openJson = [&]() -> int {
    std::error_code ec;
    jsonOut.emplace(reportJson, ec, llvm::sys::fs::OF_Text);
    return ec ? userError("cannot write " + reportJson + ": " + ec.message())
              : kOk;
  };
  // A compression that compressed nothing is said, with every weight's
  // reason, and is an error unless --allow-noop.
  std::vector<std::string> idle = passesThatDidNothing(*pipe, events);
  auto printIdle = [&] {
    for (const std::string &pass : idle) {
      llvm::errs() << "mil-compress: " << (allowNoop ? "warning" : "error")
                   << ": " << pass << " compressed none of the "
                   << weights.size() << " weights of " << inputPath << ":\n";
      printNoopReasons(pass, weights, events, llvm::errs());
    }
  };
  auto exportModel = [&] {
    ExportOptions options;
    options.force = force;
    return exportMLPackage(*module, outputPath, options);
  };
  if (reportShown && !dryRun && !evaluate && (allowNoop || idle.empty())) {
    // The model is written while they are measured on a thread: export
    // only reads the module, mostly in kernel I/O on one core. The report
    // follows, the same; a report file that cannot be written is found
    // first, so that nothing is written then, as below.
    if (!reportJson.empty())
      if (int rc = openJson())
        return rc;
    printIdle();
    std::shared_future<void> measuring =
        pool->async([&] { measureCompressed(*module, weights, measured); });
    LogicalResult exported = exportModel();
    measuring.wait();
    if (!quiet)
      printText();
    if (jsonOut)
      writeJson(*jsonOut);
    return failed(exported) ? kBadModel : kOk;
  }
  if (reportShown)
    measureCompressed(*module, weights, measured);
  if (evaluate) {
    auto outputs = interp::runOnInputSets(*module, evalSets);
    if (failed(outputs))
      return kUserError;
    quality = interp::measureQuality(evalReference, *outputs);
  }
  if (!quiet)
    printText();
  if (!reportJson.empty()) {
    if (int rc = openJson())
      return rc;
    writeJson(*jsonOut);
  }
  printIdle();
  if (!allowNoop && !idle.empty()) {
    llvm::errs() << (dryRun ? "mil-compress: --allow-noop to accept that\n"
                            : "mil-compress: nothing written (--allow-noop "
                              "to write the model anyway)\n");
    return kNothingDone;
  }
  if (dryRun)
    return kOk;
  return failed(exportModel()) ? kBadModel : kOk;
}
