//===- fuzz-mlir-parse.cpp - Fuzzes parsing and verifying mil IR ----------===//
//
// Part of mil-mlir. The input is MLIR text: parse it with the mil dialect
// loaded (which verifies), then print what parsed (custom printers run).
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: uniqued types and resources of earlier
  // inputs must not grow without bound or hide bugs.
  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  ctx.allowUnregisteredDialects(false);
  ScopedDiagnosticHandler silence(&ctx, [](Diagnostic &) { return success(); });
  // MLIR's lexer reads the byte after the text, which files (and tools) end
  // with a NUL; fuzzer data does not.
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module)
    return 0;
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  return 0;
}
