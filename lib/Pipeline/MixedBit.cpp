//===- MixedBit.cpp - per-weight palettization widths by output quality ---===//
//
// Part of mil-mlir.
//
// The sweep palettizes a clone of the model once per candidate width with
// the palettization pass itself, so that the weights tried are exactly the
// ones a recipe will produce, and reads each weight's decompressed value
// back. Runs of the original program then substitute one weight at a time
// (interp::ConstOverrides), resumed from a checkpoint taken before the
// weight's first consumer. The choice adds the per-weight output noise
// (errors of different weights are nearly uncorrelated) to predict the
// model's PSNR, and confirms every prediction by running the model with
// all the chosen weights.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/MixedBit.h"

#include "mil/Compress.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Interpreter/Compare.h"
#include "mil/Interpreter/ModelRunner.h"
#include "mil/Passes/ConfigRegistry.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

using namespace mlir;
using namespace mil;
using namespace mil::interp;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// weight.bin's cost of a const: blobs are 64-byte aligned after a 64-byte
/// header; values of fewer than 10 elements stay in the program.
uint64_t storedBytes(Type t) {
  auto type = dyn_cast<ShapedType>(t);
  if (!type || !type.hasStaticShape())
    return 0;
  uint64_t bits = getMILElementBitWidth(type.getElementType());
  uint64_t payload = (type.getNumElements() * bits + 7) / 8;
  if (type.getNumElements() < 10)
    return payload;
  return 64 + (payload + 63) / 64 * 64;
}
uint64_t storedBytes(ConstOp op) { return storedBytes(op.getType()); }

/// The consts a weight's compressed form is made of: those the constexpr
/// chain defining `v` reads.
uint64_t compressedBytes(Value v) {
  uint64_t total = 0;
  SmallVector<Operation *> work;
  llvm::SmallPtrSet<Operation *, 8> seen;
  if (Operation *def = v.getDefiningOp())
    work.push_back(def);
  while (!work.empty()) {
    Operation *op = work.pop_back_val();
    if (!seen.insert(op).second)
      continue;
    if (auto cst = dyn_cast<ConstOp>(op)) {
      total += storedBytes(cst);
      continue;
    }
    // Before iOS18 the parameters are attributes of the constexpr op.
    for (NamedAttribute attr : op->getAttrs())
      if (auto elements = dyn_cast<ElementsAttr>(attr.getValue()))
        total += storedBytes(elements.getType());
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        work.push_back(def);
  }
  return total;
}

/// Per output: the squared error summed over the input sets.
using Noise = std::vector<double>;

/// The reference outputs and what PSNR needs of them.
struct Reference {
  std::vector<NamedTensors> outputs;
  /// Per output: largest |value| and number of finite values.
  std::vector<double> peak, count;
};

Noise noiseOf(const Reference &ref, ArrayRef<NamedTensors> outputs) {
  Noise noise(ref.peak.size(), 0.0);
  for (size_t s = 0; s < ref.outputs.size(); ++s)
    for (size_t o = 0; o < noise.size(); ++o) {
      const Tensor &r = ref.outputs[s][o].second;
      const Tensor &t = outputs[s][o].second;
      if (r.numElements() != t.numElements()) {
        noise[o] = kInf;
        continue;
      }
      for (int64_t i = 0, n = r.numElements(); i < n; ++i) {
        double a = r.getDouble(i);
        if (!std::isfinite(a))
          continue;
        double d = t.getDouble(i) - a;
        noise[o] += std::isfinite(d) ? d * d : kInf;
      }
    }
  return noise;
}

/// The smallest PSNR over the outputs (measureQuality's formula).
double psnrOf(const Reference &ref, const Noise &noise) {
  double worst = kInf;
  for (size_t o = 0; o < noise.size(); ++o) {
    if (noise[o] == 0)
      continue;
    if (ref.peak[o] == 0 || !std::isfinite(noise[o]))
      return -kInf;
    worst =
        std::min(worst, 20 * std::log10(ref.peak[o] /
                                        std::sqrt(noise[o] / ref.count[o])));
  }
  return worst;
}

class Selector {
public:
  Selector(ModuleOp module, const MixedBitOptions &options)
      : module(module), options(options) {}

  FailureOr<MixedBitResult> run();

private:
  LogicalResult palettizeClones();
  LogicalResult sweep();
  FailureOr<Noise> measure(ArrayRef<unsigned> levels,
                           std::vector<OutputQuality> *quality = nullptr);

  uint64_t bytesOf(ArrayRef<unsigned> levels) const {
    uint64_t total = result.otherBytes;
    for (size_t i = 0; i < candidates.size(); ++i)
      total += candidates[i].info.bytes[levels[i]];
    return total;
  }
  Noise predict(ArrayRef<unsigned> levels) const {
    Noise total(ref.peak.size(), 0.0);
    for (size_t i = 0; i < candidates.size(); ++i)
      for (size_t o = 0; o < total.size(); ++o)
        total[o] += candidates[i].noise[levels[i]][o];
    return total;
  }

  struct Candidate {
    MixedBitWeight info;
    ConstOp op;
    /// The stage (ML program of a pipeline) it is in, and the first
    /// position of the stage's function body that reads it.
    unsigned stage = 0;
    unsigned position = 0;
    /// Per width: the decompressed weight and the output noise it causes.
    std::vector<Tensor> dense;
    std::vector<Noise> noise;
  };

  ModuleOp module;
  const MixedBitOptions &options;
  std::vector<Candidate> candidates;
  std::vector<NamedTensors> sets;
  Reference ref;
  /// One runner per sweep thread.
  std::vector<std::unique_ptr<ModelRunner>> runners;
  /// Per stage: the sorted candidate positions. Per input set: the values
  /// named before each stage, and per stage the checkpoints at its
  /// positions.
  std::vector<std::vector<unsigned>> positions;
  std::vector<std::vector<NamedTensors>> stageValues;
  std::vector<std::vector<std::vector<Checkpoint>>> checkpoints;
  MixedBitResult result;
};

LogicalResult Selector::palettizeClones() {
  auto runner = ModelRunner::create(module);
  if (failed(runner))
    return failure();
  // Per stage, the function its interpreter runs: the one whose body it can
  // place ops in.
  const std::vector<ModelStage> &stages = (*runner)->getStages();
  SmallVector<FunctionOp> functions;
  for (const ModelStage &stage : stages) {
    FunctionOp fn;
    ModuleOp program = stage.module;
    for (auto f : program.getOps<FunctionOp>())
      if (!f.getBody().empty() && !f.getBody().front().empty() &&
          stage.interp->getBodyPosition(&f.getBody().front().front()))
        fn = f;
    if (!fn)
      return program.emitError() << "--mixed-bit: no function to run";
    functions.push_back(fn);
  }
  // The const ops of the run functions that the pass may take.
  SmallVector<std::pair<ConstOp, unsigned>> consts;
  for (auto [k, fn] : llvm::enumerate(functions))
    fn.walk([&, k = k](ConstOp op) {
      auto type = dyn_cast<RankedTensorType>(op.getType());
      if (type && isa<FloatType>(type.getElementType()) &&
          type.getNumElements() >= 10 && !op.getResult().use_empty())
        consts.push_back({op, unsigned(k)});
    });
  size_t numWidths = options.widths.size();
  // Per const and width: the replacement value's dense tensor and size;
  // unset when the pass left the const alone.
  std::vector<std::vector<std::optional<std::pair<Tensor, uint64_t>>>> found(
      consts.size(),
      std::vector<std::optional<std::pair<Tensor, uint64_t>>>(numWidths));
  for (size_t w = 0; w < numWidths; ++w) {
    pipeline::OpPalettizerConfig cfg = options.base;
    cfg.nbits = options.widths[w];
    if (llvm::Error e = cfg.finalize())
      return module.emitError() << "--mixed-bit: " << toString(std::move(e));
    pipeline::OptimizationConfig config;
    config.setGlobal(cfg);
    std::string name = "mil-mixed-bit-sweep-" + std::to_string(w);
    registerOptimizationConfig(name, config);
    pipeline::PassPipeline p("mixed-bit-sweep");
    for (const char *pass : {"mil-raise-opset", "mil-palettize-weights"})
      if (llvm::Error e = p.append(pass))
        return module.emitError() << toString(std::move(e));
    if (llvm::Error e =
            p.setOptions("mil-palettize-weights", {{"config", name}}))
      return module.emitError() << toString(std::move(e));
    IRMapping mapping;
    OwningOpRef<ModuleOp> clone(cast<ModuleOp>(module->clone(mapping)));
    LogicalResult ran = success();
    {
      // The pass' warnings (skipped weights) are said once, by the final
      // run; errors pass through.
      ScopedDiagnosticHandler quiet(module.getContext(), [](Diagnostic &d) {
        return success(d.getSeverity() != DiagnosticSeverity::Error);
      });
      ran = runPipeline(*clone, p);
    }
    unregisterOptimizationConfig(name);
    if (failed(ran))
      return failure();
    for (size_t c = 0; c < consts.size(); ++c) {
      OpOperand &use = *consts[c].first.getResult().getUses().begin();
      Operation *user = mapping.lookupOrNull(use.getOwner());
      if (!user)
        continue;
      Value now = user->getOperand(use.getOperandNumber());
      Operation *def = now.getDefiningOp();
      if (!def || isa<ConstOp>(def) || !isConstexprOp(def))
        continue;
      FailureOr<Tensor> dense = evaluateConstant(now);
      if (failed(dense))
        return failure();
      found[c][w] = std::make_pair(std::move(*dense), compressedBytes(now));
    }
  }
  // In a pipeline, the recipe's op names must each name one op of the
  // whole model: --config applies op_name_configs to every sub-program.
  llvm::StringMap<SmallVector<std::string, 2>> subModelsOfName;
  if ((*runner)->isPipeline())
    module.walk([&](Operation *op) {
      StringRef name = getMILOpName(op);
      if (name.empty() || !op->getParentOfType<FunctionOp>())
        return;
      auto &subs = subModelsOfName[name];
      std::string sub = getSubModelPath(op->getParentOfType<ModuleOp>());
      if (!llvm::is_contained(subs, sub))
        subs.push_back(sub);
    });
  for (size_t c = 0; c < consts.size(); ++c) {
    auto [op, stage] = consts[c];
    StringRef name = getMILOpName(op);
    bool all = llvm::all_of(found[c], [](const auto &f) { return f; });
    if (!all || name.empty()) {
      result.otherBytes += storedBytes(op);
      continue;
    }
    if (auto it = subModelsOfName.find(name);
        it != subModelsOfName.end() && it->second.size() > 1)
      return op.emitError()
             << "--mixed-bit: weight '" << name << "' of sub-model '"
             << stages[stage].name << "' has the name of an op of sub-model '"
             << (it->second[0] == stages[stage].name ? it->second[1]
                                                     : it->second[0])
             << "': a recipe names weights by op name and "
                "would compress both (rename one)";
    Candidate cand;
    cand.op = op;
    cand.stage = stage;
    cand.info.name = name.str();
    cand.info.subModel = stages[stage].name;
    cand.info.elements = cast<ShapedType>(op.getType()).getNumElements();
    cand.position = std::numeric_limits<unsigned>::max();
    for (Operation *user : op.getResult().getUsers())
      if (auto p = stages[stage].interp->getBodyPosition(user))
        cand.position = std::min(cand.position, *p);
    if (cand.position == std::numeric_limits<unsigned>::max())
      cand.position = 0;
    for (auto &f : found[c]) {
      cand.dense.push_back(std::move(f->first));
      cand.info.bytes.push_back(f->second);
    }
    candidates.push_back(std::move(cand));
  }
  // Consts the run functions do not read (other functions) count as they
  // are.
  module.walk([&](ConstOp op) {
    if (!llvm::is_contained(functions, op->getParentOfType<FunctionOp>()))
      result.otherBytes += storedBytes(op);
  });
  if (candidates.empty())
    return module.emitError()
           << "--mixed-bit: no weight of the model can be palettized (each "
              "is at most weight_threshold elements, skipped by the pass, "
              "or unnamed)";
  return success();
}

LogicalResult Selector::sweep() {
  unsigned threads =
      options.threads
          ? options.threads
          : std::max(1u, llvm::hardware_concurrency().compute_thread_count());
  for (unsigned t = 0; t < threads; ++t) {
    auto runner = ModelRunner::create(module);
    if (failed(runner))
      return failure();
    runners.push_back(std::move(*runner));
  }
  const std::vector<ModelStage> &stages = runners.front()->getStages();
  bool stateful = llvm::any_of(
      stages, [](const ModelStage &s) { return s.interp->hasStates(); });
  positions.assign(stages.size(), {});
  for (const Candidate &c : candidates)
    positions[c.stage].push_back(c.position);
  for (std::vector<unsigned> &p : positions) {
    llvm::sort(p);
    p.erase(std::unique(p.begin(), p.end()), p.end());
  }
  // The reference run of each set records the checkpoints and the values
  // each stage starts from.
  checkpoints.resize(sets.size());
  stageValues.resize(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    StateMap states;
    ModelRunOptions run;
    if (!stateful) {
      run.checkpointAt = positions;
      run.checkpoints = &checkpoints[s];
      run.stageValues = &stageValues[s];
    }
    auto out = runners.front()->run(sets[s], states, run);
    if (failed(out))
      return failure();
    ref.outputs.push_back(std::move(*out));
  }
  size_t numOutputs = ref.outputs.front().size();
  ref.peak.assign(numOutputs, 0);
  ref.count.assign(numOutputs, 0);
  for (const NamedTensors &outs : ref.outputs)
    for (size_t o = 0; o < numOutputs; ++o)
      for (int64_t i = 0, n = outs[o].second.numElements(); i < n; ++i) {
        double v = outs[o].second.getDouble(i);
        if (!std::isfinite(v))
          continue;
        ref.peak[o] = std::max(ref.peak[o], std::fabs(v));
        ref.count[o] += 1;
      }

  // One task per weight and width, the largest weights first.
  size_t numWidths = options.widths.size();
  for (Candidate &c : candidates)
    c.noise.assign(numWidths, Noise());
  std::vector<std::pair<size_t, size_t>> tasks;
  for (size_t i = 0; i < candidates.size(); ++i)
    for (size_t w = 0; w < numWidths; ++w)
      tasks.push_back({i, w});
  std::atomic<size_t> next{0};
  std::atomic<bool> failedAny{false};
  auto work = [&](ModelRunner &runner) {
    while (!failedAny) {
      size_t t = next.fetch_add(1);
      if (t >= tasks.size())
        return;
      auto [i, w] = tasks[t];
      Candidate &c = candidates[i];
      ConstOverrides overrides;
      overrides[c.op.getResult()] = c.dense[w];
      std::vector<NamedTensors> outputs;
      for (size_t s = 0; s < sets.size(); ++s) {
        ModelRunOptions run;
        run.overrides = &overrides;
        if (!stateful) {
          const std::vector<unsigned> &at = positions[c.stage];
          size_t k =
              std::lower_bound(at.begin(), at.end(), c.position) - at.begin();
          run.firstStage = c.stage;
          run.resumeValues = &stageValues[s][c.stage];
          run.resumeFrom = &checkpoints[s][c.stage][k];
        }
        StateMap states;
        auto out = runner.run(sets[s], states, run);
        if (failed(out)) {
          failedAny = true;
          return;
        }
        outputs.push_back(std::move(*out));
      }
      c.noise[w] = noiseOf(ref, outputs);
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < runners.size(); ++t)
    pool.emplace_back(work, std::ref(*runners[t]));
  work(*runners.front());
  for (std::thread &t : pool)
    t.join();
  result.sweepSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  result.sweepRuns = tasks.size() * sets.size();
  if (failedAny)
    return failure();
  for (Candidate &c : candidates)
    for (size_t w = 0; w < numWidths; ++w)
      c.info.psnr.push_back(psnrOf(ref, c.noise[w]));
  return success();
}

FailureOr<Noise> Selector::measure(ArrayRef<unsigned> levels,
                                   std::vector<OutputQuality> *quality) {
  ConstOverrides overrides;
  for (size_t i = 0; i < candidates.size(); ++i)
    overrides[candidates[i].op.getResult()] = candidates[i].dense[levels[i]];
  std::vector<NamedTensors> outputs;
  for (const NamedTensors &set : sets) {
    ModelRunOptions run;
    run.overrides = &overrides;
    StateMap states;
    auto out = runners.front()->run(set, states, run);
    if (failed(out))
      return failure();
    outputs.push_back(std::move(*out));
  }
  ++result.verifyRuns;
  if (quality)
    *quality = measureQuality(ref.outputs, outputs);
  return noiseOf(ref, outputs);
}

FailureOr<MixedBitResult> Selector::run() {
  auto begin = std::chrono::steady_clock::now();
  if (options.targetPsnr.has_value() == options.targetSize.has_value())
    return module.emitError()
           << "--mixed-bit needs one target: --target-psnr or --target-size";
  auto made = makeEvalInputs(module, options.eval);
  if (failed(made))
    return failure();
  sets = std::move(*made);
  if (sets.empty())
    return module.emitError()
           << "--mixed-bit needs input sets to measure the output PSNR on: "
              "--eval FILE.npz or --eval-random N";
  result.widths = options.widths;
  result.numSets = sets.size();
  if (failed(palettizeClones()) || failed(sweep()))
    return failure();

  size_t top = options.widths.size() - 1;
  std::vector<unsigned> levels(candidates.size(), 0);
  // Noise, relative to what the target allows per output: an upgrade's
  // worth, comparable across outputs of different scales.
  std::vector<double> allowed(ref.peak.size(), 1.0);
  if (options.targetPsnr)
    for (size_t o = 0; o < allowed.size(); ++o)
      allowed[o] = ref.peak[o] * ref.peak[o] * ref.count[o] /
                   std::pow(10.0, *options.targetPsnr / 10);
  auto gain = [&](size_t i, unsigned to) {
    double g = 0;
    for (size_t o = 0; o < allowed.size(); ++o) {
      double a = candidates[i].noise[levels[i]][o];
      double b = candidates[i].noise[to][o];
      if (!std::isfinite(a))
        return kInf;
      g += (a - b) / std::max(allowed[o], 1e-300);
    }
    return g;
  };
  // The best upgrade (weight, width) by noise removed per byte added, among
  // those that keep the size within `budget`; nullopt when none helps.
  auto bestUpgrade =
      [&](uint64_t budget) -> std::optional<std::pair<size_t, unsigned>> {
    std::optional<std::pair<size_t, unsigned>> best;
    double bestRatio = 0;
    uint64_t size = bytesOf(levels);
    for (size_t i = 0; i < candidates.size(); ++i)
      for (unsigned to = levels[i] + 1; to <= top; ++to) {
        const auto &bytes = candidates[i].info.bytes;
        uint64_t added =
            bytes[to] > bytes[levels[i]] ? bytes[to] - bytes[levels[i]] : 0;
        if (size + added > budget)
          continue;
        double g = gain(i, to);
        double ratio = g / double(std::max<uint64_t>(added, 1));
        if (g > 0 && (!best || ratio > bestRatio)) {
          best = {i, to};
          bestRatio = ratio;
        }
      }
    return best;
  };
  auto uniform = [&](unsigned w) {
    return std::vector<unsigned>(candidates.size(), w);
  };

  if (options.targetPsnr) {
    double target = *options.targetPsnr;
    // What the additive model overestimates, learnt from each check.
    double margin = 0, best = -kInf;
    std::optional<double> measured;
    for (;;) {
      if (psnrOf(ref, predict(levels)) >= target + margin) {
        FailureOr<Noise> noise = measure(levels);
        if (failed(noise))
          return failure();
        double actual = psnrOf(ref, *noise);
        if (actual >= target) {
          measured = actual;
          break;
        }
        margin = std::max(margin, psnrOf(ref, predict(levels)) - actual) + 0.1;
      }
      std::optional<std::pair<size_t, unsigned>> up =
          bestUpgrade(std::numeric_limits<uint64_t>::max());
      if (!up) {
        // Nothing left that helps: the widest everywhere decides.
        levels = uniform(top);
        FailureOr<Noise> noise = measure(levels);
        if (failed(noise))
          return failure();
        best = psnrOf(ref, *noise);
        if (best >= target)
          measured = best;
        break;
      }
      levels[up->first] = up->second;
    }
    if (!measured)
      return module.emitError() << llvm::formatv(
                 "--target-psnr {0:F2} dB is unreachable: with every weight "
                 "palettized at {1} bits the output PSNR is {2:F2} dB on the "
                 "{3} input set(s)",
                 target, options.widths[top], best, sets.size());
    // One width everywhere may still be smaller: the smallest that meets
    // the target wins a tie.
    for (size_t w = 0; w <= top; ++w) {
      if (bytesOf(uniform(w)) > bytesOf(levels))
        break;
      FailureOr<Noise> noise = measure(uniform(w));
      if (failed(noise))
        return failure();
      if (psnrOf(ref, *noise) >= target) {
        levels = uniform(w);
        result.uniformWidth = options.widths[w];
        break;
      }
    }
  } else {
    uint64_t budget = *options.targetSize;
    if (bytesOf(levels) > budget)
      return module.emitError()
             << "--target-size " << budget
             << " bytes is unreachable: with every weight palettized at "
             << options.widths.front() << " bit(s) the weights take "
             << bytesOf(levels) << " bytes";
    while (auto up = bestUpgrade(budget))
      levels[up->first] = up->second;
    FailureOr<Noise> noise = measure(levels);
    if (failed(noise))
      return failure();
    double chosen = psnrOf(ref, *noise);
    // The widest single width that fits, if it is better.
    for (size_t w = top + 1; w-- > 0;) {
      if (bytesOf(uniform(w)) > budget)
        continue;
      FailureOr<Noise> alt = measure(uniform(w));
      if (failed(alt))
        return failure();
      if (psnrOf(ref, *alt) > chosen) {
        levels = uniform(w);
        result.uniformWidth = options.widths[w];
      }
      break;
    }
  }

  // The final figures, measured.
  if (failed(measure(levels, &result.quality)))
    return failure();
  result.psnr = kInf;
  for (const OutputQuality &q : result.quality)
    result.psnr = std::min(result.psnr, q.psnr);
  result.bytes = bytesOf(levels);
  for (size_t i = 0; i < candidates.size(); ++i) {
    candidates[i].info.chosen = levels[i];
    pipeline::OpPalettizerConfig cfg = options.base;
    cfg.nbits = options.widths[levels[i]];
    if (llvm::Error e = cfg.finalize())
      return module.emitError() << toString(std::move(e));
    result.recipe.setOpName(candidates[i].info.name, cfg);
    result.weights.push_back(candidates[i].info);
  }
  result.totalSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count();
  return std::move(result);
}

/// A YAML scalar for a JSON scalar (strings single-quoted).
std::string yamlScalar(const llvm::json::Value &v) {
  if (v.getAsNull())
    return "null";
  if (auto b = v.getAsBoolean())
    return *b ? "true" : "false";
  if (auto i = v.getAsInteger())
    return std::to_string(*i);
  if (auto d = v.getAsNumber())
    return llvm::formatv("{0}", *d).str();
  std::string out = "'";
  for (char c : v.getAsString().value_or(""))
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

} // namespace

FailureOr<MixedBitResult>
mil::selectMixedBitWidths(ModuleOp module, const MixedBitOptions &options) {
  return Selector(module, options).run();
}

std::string mil::mixedBitRecipeToYAML(const MixedBitResult &result,
                                      const MixedBitOptions &options) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << "# Mixed-bit palettization recipe (mil-compress --mixed-bit, ";
  if (options.targetPsnr)
    os << llvm::formatv("--target-psnr {0}", *options.targetPsnr);
  else
    os << "--target-size " << *options.targetSize;
  os << llvm::format("): output PSNR %.2f dB on %u input set(s), weights "
                     "%llu bytes.\n",
                     result.psnr, result.numSets,
                     (unsigned long long)result.bytes);
  os << "# Apply with: mil-compress IN.mlpackage -o OUT.mlpackage --config "
        "THIS_FILE\n";
  os << "config_type: OpPalettizerConfig\nglobal_config: null\n"
        "op_type_configs: {}\nop_name_configs:\n";
  for (const auto &[name, config] : result.recipe.opNameConfigs()) {
    os << "  " << yamlScalar(name) << ":\n";
    llvm::json::Object fields = config->toJSON();
    fields["config_type"] = config->getClassName();
    std::vector<std::string> keys;
    for (const auto &kv : fields)
      keys.push_back(kv.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys)
      os << "    " << key << ": " << yamlScalar(*fields.get(key)) << "\n";
  }
  return out;
}

void mil::printMixedBitReport(const MixedBitResult &result,
                              const MixedBitOptions &options,
                              llvm::raw_ostream &os) {
  os << "mixed-bit palettization: output PSNR (dB) with only that weight "
        "palettized, over "
     << result.numSets << " input set(s):\n";
  os << llvm::format("  %-40s %10s", static_cast<const char *>("weight"),
                     static_cast<const char *>("elements"));
  for (unsigned w : result.widths)
    os << llvm::format(" %7s", (std::to_string(w) + "-bit").c_str());
  os << "  chosen\n";
  for (const MixedBitWeight &w : result.weights) {
    std::string name = w.subModel.empty() ? w.name : w.subModel + "/" + w.name;
    os << llvm::format("  %-40s %10lld", name.c_str(), (long long)w.elements);
    for (double p : w.psnr)
      os << llvm::format(" %7.2f", p);
    os << llvm::format("  %u bits\n", result.widths[w.chosen]);
  }
  double bits = 0, elements = 0;
  for (const MixedBitWeight &w : result.weights) {
    bits += double(result.widths[w.chosen]) * w.elements;
    elements += w.elements;
  }
  os << llvm::format("  %.3f bits per weight on average (%zu weights); "
                     "weights %llu bytes; output PSNR %.2f dB (target ",
                     elements ? bits / elements : 0.0, result.weights.size(),
                     (unsigned long long)result.bytes, result.psnr);
  if (options.targetPsnr)
    os << llvm::format(">= %.2f dB)", *options.targetPsnr);
  else
    os << "<= " << *options.targetSize << " bytes)";
  if (result.uniformWidth)
    os << "; " << *result.uniformWidth << " bits for every weight did as well";
  os << "\n";
  os << llvm::format("  sweep: %u runs in %.2f s; %u checks of the whole "
                     "model; %.2f s in all\n",
                     result.sweepRuns, result.sweepSeconds, result.verifyRuns,
                     result.totalSeconds);
}

llvm::json::Object mil::mixedBitToJSON(const MixedBitResult &result,
                                       const MixedBitOptions &options) {
  auto number = [](double v) -> llvm::json::Value {
    if (std::isfinite(v))
      return v;
    return nullptr;
  };
  llvm::json::Array weights;
  for (const MixedBitWeight &w : result.weights) {
    llvm::json::Object sweep;
    for (auto [i, width] : llvm::enumerate(result.widths))
      sweep[std::to_string(width)] = llvm::json::Object{
          {"psnr_db", number(w.psnr[i])}, {"bytes", int64_t(w.bytes[i])}};
    llvm::json::Object weight{{"name", w.name},
                              {"elements", w.elements},
                              {"nbits", result.widths[w.chosen]},
                              {"sweep", std::move(sweep)}};
    if (!w.subModel.empty())
      weight["sub_model"] = w.subModel;
    weights.push_back(std::move(weight));
  }
  llvm::json::Object out{
      {"weights", std::move(weights)},  {"bytes", int64_t(result.bytes)},
      {"psnr_db", number(result.psnr)}, {"input_sets", result.numSets},
      {"sweep_runs", result.sweepRuns}, {"sweep_seconds", result.sweepSeconds}};
  if (options.targetPsnr)
    out["target_psnr_db"] = *options.targetPsnr;
  else
    out["target_size"] = int64_t(*options.targetSize);
  if (result.uniformWidth)
    out["uniform_nbits"] = *result.uniformWidth;
  return out;
}
