//===- Calibration.h - activation ranges by the interpreter -----*- C++ -*-===//
//
// Part of mil-mlir. Activation quantization needs the range of every
// tensor it quantizes. coremltools measures them with Core ML (macOS only,
// a temporary package per group of tensors); here the interpreter runs the
// program once per sample and an observer folds each tensor into a running
// min/max as it is computed, so no intermediate is kept.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_CALIBRATION_H
#define MIL_INTERPRETER_CALIBRATION_H

#include "mil/Interpreter/Interpreter.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace mil::interp {

/// The range of one tensor over the calibration samples.
struct ActivationRange {
  double rmin = 0, rmax = 0;
};

/// Ranges by MIL tensor name, the `{name: {"rmin": r, "rmax": r}}` of
/// coremltools' calibration.
using ActivationStats = std::map<std::string, ActivationRange>;

/// The MIL var name statistics are keyed by: an op result's
/// (getMILResultName) or a function input's; "" for values without one
/// (arguments of nested blocks).
std::string getTensorName(mlir::Value v);

/// Runs the default function of `module` on each sample file (`.npz`,
/// inputs by name as readInputFile takes them; read one at a time, states
/// start at zero) and returns the running min/max of every floating-point
/// tensor it computes: the function's inputs and the results of every op but
/// `const`, nested blocks included, each over all samples and iterations.
/// Non-finite elements are left out; a tensor without a finite element has
/// no entry. Errors are emitted as diagnostics.
mlir::FailureOr<ActivationStats>
calibrateActivations(mlir::ModuleOp module,
                     llvm::ArrayRef<std::string> sampleFiles);

/// Reads a statistics file; errors name the file and the entry at fault.
llvm::Expected<ActivationStats> readActivationStats(llvm::StringRef path);

/// Writes `stats` as JSON (through a temporary file beside `path`).
llvm::Error writeActivationStats(llvm::StringRef path,
                                 const ActivationStats &stats);

} // namespace mil::interp

#endif // MIL_INTERPRETER_CALIBRATION_H
