//===- Quality.h - output-level quality of a transformed program -*- C++
//-*-===//
//
// Part of mil-mlir. Runs two versions of a program (the original and its
// compressed form) on the same inputs and measures how far the outputs of
// the second are from the first: what users judge compression by.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_QUALITY_H
#define MIL_INTERPRETER_QUALITY_H

#include "mil/Interpreter/Interpreter.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace mil::interp {

/// Values for `inputs` (a function's or a model's, as declared) from their
/// declaration and the model description of `module`: standard-normal
/// floats (pixels 0..255 for image inputs), integers in [0, 8), bools;
/// flexible dimensions from `shapes` (by input name), else the
/// description's default shape, else 1.
mlir::FailureOr<NamedTensors> makeRandomInputs(
    mlir::ModuleOp module, llvm::ArrayRef<InputInfo> inputs, uint64_t seed,
    const std::map<std::string, std::vector<int64_t>> &shapes = {});

/// The values of `inputs` in `.npz` file `path`, by input name. When there
/// is one input (states aside) and the file has one array, the array is
/// that input whatever its key, as coremltools takes a calibration sample.
llvm::Expected<NamedTensors> readInputFile(llvm::ArrayRef<InputInfo> inputs,
                                           llvm::StringRef path);

/// Quality of one output over every input set: SNR and PSNR of the
/// concatenated outputs (dB), and the largest absolute error.
struct OutputQuality {
  std::string name;
  double snr = 0, psnr = 0, maxAbsError = 0;
};

/// Runs `reference` and `candidate` (the default function of a program,
/// the sub-models of a pipeline: ModelRunner) on each of
/// `inputSets` (states start at zero for each set) and compares their
/// outputs by name. Errors (an op the interpreter cannot run, say) are
/// emitted as diagnostics.
mlir::FailureOr<std::vector<OutputQuality>>
compareOutputs(mlir::ModuleOp reference, mlir::ModuleOp candidate,
               llvm::ArrayRef<NamedTensors> inputSets);

/// The outputs of `module` (as ModelRunner runs it) on each input set.
mlir::FailureOr<std::vector<NamedTensors>>
runOnInputSets(mlir::ModuleOp module, llvm::ArrayRef<NamedTensors> inputSets);

/// Quality of `outputs` against `reference` (as runOnInputSets gives them).
std::vector<OutputQuality>
measureQuality(llvm::ArrayRef<NamedTensors> reference,
               llvm::ArrayRef<NamedTensors> outputs);

/// Where the inputs of an output-quality evaluation come from.
struct EvalOptions {
  /// `.npz` files, one input set each.
  std::vector<std::string> files;
  /// Random input sets (makeRandomInputs with seeds seed, seed + 1, ...).
  unsigned randomSets = 0;
  uint64_t seed = 0;
};

/// The input sets `options` describes, for `module` (as ModelRunner runs
/// it).
mlir::FailureOr<std::vector<NamedTensors>>
makeEvalInputs(mlir::ModuleOp module, const EvalOptions &options);

/// "output quality over N input sets" and one line per output.
void printQuality(llvm::ArrayRef<OutputQuality> quality, unsigned numSets,
                  llvm::raw_ostream &os);

/// One object per output: name, snr_db, psnr_db, max_abs_error (null when
/// infinite: identical outputs).
llvm::json::Array qualityToJSON(llvm::ArrayRef<OutputQuality> quality);

} // namespace mil::interp

#endif // MIL_INTERPRETER_QUALITY_H
