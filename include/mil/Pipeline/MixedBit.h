//===- MixedBit.h - palettization bits per weight by quality ---*- C++ -*-===//
//
// Part of mil-mlir. Mixed-bit palettization: measures, with the interpreter,
// the output PSNR of the model when only one weight is palettized at each
// candidate width (the sensitivity sweep, in parallel, each run resumed from
// the cached activations before the weight's first consumer), then chooses
// one width per weight, smallest model first, until the whole model, run
// with every chosen weight, meets a PSNR target (or until a size budget is
// spent). The result is an OptimizationConfig (op name -> nbits) that the
// palettization pass applies as any config.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PIPELINE_MIXEDBIT_H
#define MIL_PIPELINE_MIXEDBIT_H

#include "mil/Interpreter/Quality.h"
#include "mil/Pipeline/CompressionConfig.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace mil {

struct MixedBitOptions {
  /// Exactly one target: the smallest output PSNR (dB, over the outputs)
  /// to meet, or the largest weight size (bytes, as weight.bin counts
  /// them) to fit.
  std::optional<double> targetPsnr;
  std::optional<uint64_t> targetSize;
  /// How every weight is palettized; nbits is chosen per weight.
  pipeline::OpPalettizerConfig base;
  /// The candidate widths, ascending.
  std::vector<unsigned> widths = {1, 2, 4, 6, 8};
  /// The input sets the PSNR is measured on.
  interp::EvalOptions eval;
  /// Threads of the sweep (0: all cores).
  unsigned threads = 0;
};

/// One palettized weight: its sweep and the chosen width.
struct MixedBitWeight {
  /// The const's MIL name (the recipe's op_name_configs key; in a pipeline
  /// it names one op of the whole model, or the selection fails).
  std::string name;
  /// Its sub-model in a pipeline (empty otherwise).
  std::string subModel;
  int64_t elements = 0;
  /// Per candidate width: the size of its compressed form and the model's
  /// output PSNR (dB, smallest over the outputs) with only this weight
  /// palettized at that width.
  std::vector<uint64_t> bytes;
  std::vector<double> psnr;
  /// Index into the widths.
  unsigned chosen = 0;
};

struct MixedBitResult {
  std::vector<unsigned> widths;
  std::vector<MixedBitWeight> weights;
  /// The weights left as they are (not palettized at some width: below the
  /// weight threshold, skipped by the pass, unnamed), by their size.
  uint64_t otherBytes = 0;
  /// Size of all weights with the chosen widths (as weight.bin counts
  /// them, without its file header).
  uint64_t bytes = 0;
  /// The measured quality of the model with the chosen widths.
  std::vector<interp::OutputQuality> quality;
  double psnr = 0;
  /// Set when one width for every weight was as small (PSNR target) or as
  /// good (size target) as the per-weight choice, and was taken.
  std::optional<unsigned> uniformWidth;
  unsigned numSets = 0, sweepRuns = 0, verifyRuns = 0;
  double sweepSeconds = 0, totalSeconds = 0;
  /// The recipe: op_name_configs only (no global config).
  pipeline::OptimizationConfig recipe;
};

/// Chooses the width of every palettizable weight of the default function
/// of `module` (of each ML program's default function in a pipeline, the
/// output PSNR then being that of the pipeline's outputs; not modified). Fails,
/// with a diagnostic naming the cause, when the model cannot be run, has no
/// weight to palettize, or the target cannot be met even with the widest width
/// (PSNR) or the narrowest (size).
mlir::FailureOr<MixedBitResult>
selectMixedBitWidths(mlir::ModuleOp module, const MixedBitOptions &options);

/// The recipe as an OptimizationConfig YAML file (from_yaml reads it; so
/// does mil-compress --config), with a comment saying how it was made.
std::string mixedBitRecipeToYAML(const MixedBitResult &result,
                                 const MixedBitOptions &options);

/// The chosen bits per weight with the sweep, and the totals.
void printMixedBitReport(const MixedBitResult &result,
                         const MixedBitOptions &options, llvm::raw_ostream &os);
llvm::json::Object mixedBitToJSON(const MixedBitResult &result,
                                  const MixedBitOptions &options);

} // namespace mil

#endif // MIL_PIPELINE_MIXEDBIT_H
