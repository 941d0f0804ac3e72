//===- ActivationFallback.cpp - float activations by output quality -------===//
//
// Part of mil-mlir. Every candidate set is measured the same way: the
// recipe is registered, a clone of the model goes through the whole
// compression pipeline and the interpreter runs it on the eval inputs
// against the float model's outputs.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/ActivationFallback.h"

#include "mil/Compress.h"
#include "mil/Passes/ActivationQuantization.h"
#include "mil/Passes/ConfigRegistry.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/Diagnostics.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;
using namespace mil;
using namespace mil::interp;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The smallest SNR over the outputs.
double worstSnr(ArrayRef<OutputQuality> quality) {
  double worst = kInf;
  for (const OutputQuality &q : quality)
    worst = std::min(worst, q.snr);
  return worst;
}

std::string formatDb(double db) {
  if (std::isinf(db))
    return db > 0 ? "inf" : "-inf";
  return llvm::formatv("{0:F2}", db).str();
}

class Search {
public:
  Search(ModuleOp module, const ActivationFallbackOptions &options)
      : module(module), options(options) {}

  FailureOr<ActivationFallbackResult> run();

private:
  /// The output SNR with the ops flagged in `keep` left in float.
  FailureOr<double> measure(const std::vector<bool> &keep,
                            std::vector<OutputQuality> *quality = nullptr);
  pipeline::OptimizationConfig recipeFor(const std::vector<bool> &keep) const;

  ModuleOp module;
  const ActivationFallbackOptions &options;
  ActivationFallbackResult result;
  std::vector<NamedTensors> sets, reference;
};

pipeline::OptimizationConfig
Search::recipeFor(const std::vector<bool> &keep) const {
  pipeline::OptimizationConfig recipe = options.base;
  for (size_t i = 0; i < keep.size(); ++i)
    if (keep[i])
      recipe.setOpName(result.ops[i], std::nullopt);
  return recipe;
}

FailureOr<double> Search::measure(const std::vector<bool> &keep,
                                  std::vector<OutputQuality> *quality) {
  registerOptimizationConfig(options.recipeName, recipeFor(keep));
  OwningOpRef<ModuleOp> clone(module.clone());
  LogicalResult ran = success();
  {
    // Warnings (weights skipped, say) are the final run's to give.
    ScopedDiagnosticHandler quiet(module.getContext(), [](Diagnostic &d) {
      return success(d.getSeverity() != DiagnosticSeverity::Error);
    });
    ran = runPipeline(*clone, options.pipeline);
  }
  unregisterOptimizationConfig(options.recipeName);
  if (failed(ran))
    return failure();
  auto outputs = runOnInputSets(*clone, sets);
  if (failed(outputs))
    return failure();
  ++result.runs;
  std::vector<OutputQuality> measured = measureQuality(reference, *outputs);
  double snr = worstSnr(measured);
  if (quality)
    *quality = std::move(measured);
  return snr;
}

FailureOr<ActivationFallbackResult> Search::run() {
  auto begin = std::chrono::steady_clock::now();
  if (module->hasAttr(attrs::kPipeline))
    return module.emitError()
           << "--activation-target-snr does not support pipeline models "
              "(several ML programs)";
  auto made = makeEvalInputs(module, options.eval);
  if (failed(made))
    return failure();
  sets = std::move(*made);
  auto ref = runOnInputSets(module, sets);
  if (failed(ref))
    return failure();
  reference = std::move(*ref);
  result.numSets = sets.size();
  result.ops = getActivationQuantizedOps(module, options.base);
  size_t n = result.ops.size();
  double target = options.targetSnr;

  std::vector<bool> none(n, false), all(n, true);
  FailureOr<double> allQuantized = measure(none, &result.quality);
  if (failed(allQuantized))
    return failure();
  result.allQuantizedSnr = result.snr = *allQuantized;
  result.recipe = recipeFor(none);
  auto finish = [&]() {
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
            .count();
    return result;
  };
  if (*allQuantized >= target)
    return finish();

  std::vector<OutputQuality> floatQuality;
  FailureOr<double> noneQuantized = measure(all, &floatQuality);
  if (failed(noneQuantized))
    return failure();
  result.noneQuantizedSnr = *noneQuantized;
  if (*noneQuantized < target)
    return module.emitError()
           << "activation target SNR " << formatDb(target)
           << " dB cannot be met: the output SNR is "
           << formatDb(*noneQuantized)
           << " dB even with every activation in float (the rest of the "
              "compression loses that much)";

  // The sensitivity of each op: only its activations quantized.
  for (size_t i = 0; i < n; ++i) {
    std::vector<bool> keep = all;
    keep[i] = false;
    FailureOr<double> snr = measure(keep);
    if (failed(snr))
      return failure();
    result.sensitivity.push_back(*snr);
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return result.sensitivity[a] > result.sensitivity[b];
  });
  // Quantizing the `count` least sensitive ops: 0 meets the target, n does
  // not; bisect, measuring each answer.
  auto keepAllBut = [&](size_t count) {
    std::vector<bool> keep = all;
    for (size_t k = 0; k < count; ++k)
      keep[order[k]] = false;
    return keep;
  };
  size_t lo = 0, hi = n;
  result.snr = *noneQuantized;
  result.quality = std::move(floatQuality);
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    std::vector<OutputQuality> quality;
    FailureOr<double> snr = measure(keepAllBut(mid), &quality);
    if (failed(snr))
      return failure();
    if (*snr >= target) {
      lo = mid;
      result.snr = *snr;
      result.quality = std::move(quality);
    } else {
      hi = mid;
    }
  }
  // The order is a guess at what adds up: an op past the bisection's
  // answer may still fit.
  std::vector<bool> keep = keepAllBut(lo);
  for (size_t k = lo + 1; k < n; ++k) {
    keep[order[k]] = false;
    std::vector<OutputQuality> quality;
    FailureOr<double> snr = measure(keep, &quality);
    if (failed(snr))
      return failure();
    if (*snr >= target) {
      result.snr = *snr;
      result.quality = std::move(quality);
    } else {
      keep[order[k]] = true;
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (keep[i])
      result.keptFloat.push_back(result.ops[i]);
  result.recipe = recipeFor(keep);
  return finish();
}

} // namespace

FailureOr<ActivationFallbackResult>
mil::selectFloatActivations(ModuleOp module,
                            const ActivationFallbackOptions &options) {
  return Search(module, options).run();
}

std::string mil::activationRecipeToJSON(const ActivationFallbackResult &r) {
  return llvm::formatv("{0:2}", r.recipe.toJSON()).str() + "\n";
}

void mil::printActivationFallbackReport(const ActivationFallbackResult &r,
                                        const ActivationFallbackOptions &o,
                                        llvm::raw_ostream &os) {
  os << "activation target SNR " << formatDb(o.targetSnr)
     << " dB: " << r.keptFloat.size() << " of " << r.ops.size()
     << " ops keep float activations; output SNR " << formatDb(r.snr) << " dB ("
     << formatDb(r.allQuantizedSnr) << " dB with every op quantized"
     << (r.sensitivity.empty()
             ? std::string()
             : ", " + formatDb(r.noneQuantizedSnr) + " dB with none")
     << "), " << r.runs << " runs on " << r.numSets << " input set"
     << (r.numSets == 1 ? "" : "s") << " in " << llvm::format("%.1f", r.seconds)
     << " s\n";
  if (r.keptFloat.empty())
    return;
  os << "  float op                                 SNR with only it "
        "quantized\n";
  for (const std::string &name : r.keptFloat) {
    size_t i = std::find(r.ops.begin(), r.ops.end(), name) - r.ops.begin();
    os << llvm::format("  %-40s %8s dB\n", name.c_str(),
                       formatDb(r.sensitivity[i]).c_str());
  }
}

llvm::json::Object
mil::activationFallbackToJSON(const ActivationFallbackResult &r,
                              const ActivationFallbackOptions &o) {
  auto db = [](double v) -> llvm::json::Value {
    if (std::isinf(v))
      return nullptr;
    return v;
  };
  llvm::json::Array kept;
  for (const std::string &name : r.keptFloat) {
    size_t i = std::find(r.ops.begin(), r.ops.end(), name) - r.ops.begin();
    kept.push_back(llvm::json::Object{
        {"op", name}, {"snr_only_it_quantized_db", db(r.sensitivity[i])}});
  }
  return llvm::json::Object{{"target_snr_db", o.targetSnr},
                            {"ops", static_cast<int64_t>(r.ops.size())},
                            {"kept_float", std::move(kept)},
                            {"snr_db", db(r.snr)},
                            {"all_quantized_snr_db", db(r.allQuantizedSnr)},
                            {"runs", static_cast<int64_t>(r.runs)},
                            {"input_sets", static_cast<int64_t>(r.numSets)},
                            {"seconds", r.seconds}};
}
