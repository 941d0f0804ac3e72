//===- fuzz-interpreter.cpp - Fuzzes the MIL interpreter ------------------===//
//
// Part of mil-mlir. The input is MLIR text: parse it (which verifies), then
// run every function on random inputs from a fixed seed. Any error is fine;
// a crash, a hang or a sanitizer report is a finding. Inputs are capped so
// that large declared shapes do not make the fuzzer time out on allocation.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Interpreter/Quality.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

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
  for (auto func : module->getOps<mil::FunctionOp>()) {
    auto interp = mil::interp::Interpreter::create(*module, func.getSymName());
    if (failed(interp))
      continue;
    // A loop that never ends is the program's, not a finding.
    (*interp)->setMaxLoopIterations(1 << 12);
    std::map<std::string, std::vector<int64_t>> shapes;
    bool tooLarge = false;
    for (const auto &input : (*interp)->getInputs()) {
      int64_t n = 1;
      for (int64_t d : input.shape)
        n *= std::max<int64_t>(d, 1);
      tooLarge |= n > (1 << 16);
    }
    if (tooLarge)
      continue;
    auto inputs = mil::interp::makeRandomInputs(*module, (*interp)->getInputs(),
                                                0, shapes);
    if (failed(inputs))
      continue;
    mil::interp::StateMap states;
    (void)(*interp)->run(*inputs, states);
  }
  return 0;
}
