//===- ActivationFallback.h - float activations by output quality -*- C++ -*-//
//
// Part of mil-mlir. Per-tensor int8 activations (W8A8) lose more than a
// user accepts on some models: a network that amplifies small input
// perturbations turns each quantization point's noise into a large output
// error, and no choice of ranges helps (docs/UserGuide.md). The usual remedy
// is to leave the activations of the most sensitive ops in float: measure,
// with the interpreter, the output SNR when only one op's activations are
// quantized (the sensitivity), then quantize the least sensitive ops first,
// as many as keep the whole model's output SNR at the target. The result is
// an OptimizationConfig for the activation step (op name -> None for the
// ops left in float) that --activation-config reads back.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PIPELINE_ACTIVATIONFALLBACK_H
#define MIL_PIPELINE_ACTIVATIONFALLBACK_H

#include "mil/Interpreter/Quality.h"
#include "mil/Pipeline/CompressionConfig.h"
#include "mil/Pipeline/PassPipeline.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mil {

struct ActivationFallbackOptions {
  /// The smallest output SNR (dB, over the outputs) to meet.
  double targetSnr = 0;
  /// The activation step's config; the recipe adds op names to it.
  pipeline::OptimizationConfig base;
  /// The whole compression (activation step, cleanups, weight steps): its
  /// activation step reads its config from the registry under
  /// `recipeName` (mil/Passes/ConfigRegistry.h) and its ranges from a
  /// statistics file, so that runs do not calibrate again.
  pipeline::PassPipeline pipeline;
  std::string recipeName;
  /// The input sets the SNR is measured on.
  interp::EvalOptions eval;
};

struct ActivationFallbackResult {
  /// The ops whose activations the base config quantizes, in program order.
  std::vector<std::string> ops;
  /// Per op: the output SNR (dB, smallest over the outputs) with only that
  /// op's activations quantized (weights compressed as the pipeline says).
  /// Empty when every op could be quantized.
  std::vector<double> sensitivity;
  /// The ops left in float, in program order.
  std::vector<std::string> keptFloat;
  /// The output SNR with every op quantized, with the chosen ops in float,
  /// and with no activation quantized.
  double allQuantizedSnr = 0, snr = 0, noneQuantizedSnr = 0;
  std::vector<interp::OutputQuality> quality;
  unsigned numSets = 0, runs = 0;
  double seconds = 0;
  /// The base config with op name -> None for the ops left in float.
  pipeline::OptimizationConfig recipe;
};

/// Chooses the ops of `module` (not modified) whose activations stay in
/// float so that the compressed model's output SNR on the eval inputs is at
/// least the target: none when the whole model meets it; else the least
/// sensitive ops are quantized, as many as meet the target (bisection on
/// the sensitivity order), then each op still in float is tried in that
/// order and kept quantized when the target still holds. Every answer is
/// measured, so the result meets the target on the eval inputs.
/// Fails with a diagnostic when the model cannot be run or the target is
/// not met even with every activation in float.
mlir::FailureOr<ActivationFallbackResult>
selectFloatActivations(mlir::ModuleOp module,
                       const ActivationFallbackOptions &options);

/// The recipe as an OptimizationConfig JSON file (--activation-config).
std::string activationRecipeToJSON(const ActivationFallbackResult &result);

/// The ops left in float with their sensitivity, and the totals.
void printActivationFallbackReport(const ActivationFallbackResult &result,
                                   const ActivationFallbackOptions &options,
                                   llvm::raw_ostream &os);

llvm::json::Object
activationFallbackToJSON(const ActivationFallbackResult &result,
                         const ActivationFallbackOptions &options);

} // namespace mil

#endif // MIL_PIPELINE_ACTIVATIONFALLBACK_H
