//===- fuzz-interpreter.cpp - Fuzzes the MIL interpreter ------------------===//
//
// Part of mil-mlir. The input is MLIR text: parse it (which verifies), then
// run every function on random inputs from a fixed seed (a module marked
// mil.pipeline: its sub-modules in order, as ModelRunner runs a pipeline
// model). Any error is fine;
// a crash, a hang or a sanitizer report is a finding. Inputs are capped so
// that large declared shapes do not make the fuzzer time out on allocation.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Interpreter/ModelRunner.h"
#include "mil/Interpreter/Quality.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

namespace {

/// Whether `inputs` would take more than 2^16 elements.
bool tooLarge(llvm::ArrayRef<mil::interp::InputInfo> inputs) {
  for (const auto &input : inputs) {
    int64_t n = 1;
    for (int64_t d : input.shape) {
      if (d > (1 << 16))
        return true;
      n *= std::max<int64_t>(d, 1);
      if (n > (1 << 16))
        return true;
    }
  }
  return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  ScopedDiagnosticHandler silence(&ctx, [](Diagnostic &) { return success(); });
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module)
    return 0;
  if ((*module)->hasAttr("mil.pipeline")) {
    auto runner = mil::interp::ModelRunner::create(*module);
    if (failed(runner) || tooLarge((*runner)->getInputs()))
      return 0;
    (*runner)->setMaxLoopIterations(1 << 12);
    auto inputs =
        mil::interp::makeRandomInputs(*module, (*runner)->getInputs(), 0);
    if (failed(inputs))
      return 0;
    mil::interp::StateMap states;
    (void)(*runner)->run(*inputs, states);
    return 0;
  }
  for (auto func : module->getOps<mil::FunctionOp>()) {
    auto interp = mil::interp::Interpreter::create(*module, func.getSymName());
    if (failed(interp))
      continue;
    // A loop that never ends is the program's, not a finding.
    (*interp)->setMaxLoopIterations(1 << 12);
    if (tooLarge((*interp)->getInputs()))
      continue;
    auto inputs =
        mil::interp::makeRandomInputs(*module, (*interp)->getInputs(), 0);
    if (failed(inputs))
      continue;
    mil::interp::StateMap states;
    (void)(*interp)->run(*inputs, states);
  }
  return 0;
}
