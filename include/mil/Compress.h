//===- Compress.h - the embedding API of mil-mlir ---------------*- C++ -*-===//
//
// Part of mil-mlir. What a converter toolchain needs to compress Core ML
// weights in-process: load a model into a module, run a named or custom
// pipeline (with configs), write the model. Custom LUT functions are
// registered with mil::registerLutFunction (mil/Passes/LutFunctions.h) and
// named in a palettization config (mode "custom", lut_function NAME).
//
//   mlir::MLIRContext ctx;
//   mil::initialize(ctx);
//   auto module = mil::loadModel("in.mlpackage", ctx);
//   auto p = mil::pipeline::PassPipeline::get("default_palettization");
//   if (!module || !p || failed(mil::runPipeline(*module, *p)) ||
//       failed(mil::saveModel(*module, "out.mlpackage")))
//     ...
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESS_H
#define MIL_COMPRESS_H

#include "mil/Interpreter/Quality.h"
#include "mil/Passes/LutFunctions.h"
#include "mil/Pipeline/CompressionConfig.h"
#include "mil/Pipeline/PassPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

namespace mil {

/// Loads the mil dialect into `ctx` and registers mil-mlir's passes.
void initialize(mlir::MLIRContext &ctx);

/// Reads a `.mlpackage` directory or a `.mlmodel` file; null (with
/// diagnostics on `ctx` naming the file) when it cannot.
mlir::OwningOpRef<mlir::ModuleOp> loadModel(llvm::StringRef path,
                                            mlir::MLIRContext &ctx);

/// Runs `pipeline` on `module`; failures are reported as diagnostics.
mlir::LogicalResult runPipeline(mlir::ModuleOp module,
                                const pipeline::PassPipeline &pipeline);

/// Writes `module` as a `.mlpackage` at `path` (complete or not at all).
mlir::LogicalResult saveModel(mlir::ModuleOp module, llvm::StringRef path,
                              bool force = false);

/// Output-level quality of a compression: runs the default function of
/// `original` and of `compressed` (the interpreter, mil/Interpreter) on the
/// input sets `options` describes and gives, per output, the SNR and PSNR
/// (dB) of the compressed outputs against the original ones and the largest
/// absolute error. Keep a clone of the module before runPipeline to call it.
mlir::FailureOr<std::vector<interp::OutputQuality>>
evaluateOutputQuality(mlir::ModuleOp original, mlir::ModuleOp compressed,
                      const interp::EvalOptions &options);

} // namespace mil

#endif // MIL_COMPRESS_H
