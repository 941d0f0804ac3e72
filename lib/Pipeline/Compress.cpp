//===- Compress.cpp - the embedding API of mil-mlir -----------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compress.h"

#include "mil/Dialect/MILDialect.h"
#include "mil/Passes/Passes.h"
#include "mil/Translate/Translate.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include <mutex>

using namespace mlir;

void mil::initialize(MLIRContext &ctx) {
  static std::once_flag registered;
  std::call_once(registered, [] { registerMILPasses(); });
  ctx.loadDialect<MILDialect>();
}

OwningOpRef<ModuleOp> mil::loadModel(llvm::StringRef path, MLIRContext &ctx) {
  initialize(ctx);
  return importModel(path, &ctx);
}

LogicalResult mil::runPipeline(ModuleOp module,
                               const pipeline::PassPipeline &pipeline) {
  if (llvm::Error e = pipeline.validate())
    return module.emitError() << llvm::toString(std::move(e));
  PassManager pm(module.getContext());
  std::string error;
  llvm::raw_string_ostream os(error);
  if (failed(parsePassPipeline(pipeline.toMLIRPassList(), pm, os)))
    return module.emitError()
           << "invalid pipeline " << pipeline.toMLIRPassList() << ": " << error;
  for (ModuleOp program : getProgramModules(module))
    if (failed(pm.run(program)))
      return failure();
  return success();
}

LogicalResult mil::saveModel(ModuleOp module, llvm::StringRef path,
                             bool force) {
  ExportOptions options;
  options.force = force;
  return exportMLPackage(module, path, options);
}

FailureOr<std::vector<mil::interp::OutputQuality>>
mil::evaluateOutputQuality(ModuleOp original, ModuleOp compressed,
                           const mil::interp::EvalOptions &options) {
  auto sets = mil::interp::makeEvalInputs(original, options);
  if (failed(sets))
    return failure();
  return mil::interp::compareOutputs(original, compressed, *sets);
}
