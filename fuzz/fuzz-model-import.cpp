//===- fuzz-model-import.cpp - Fuzzes the .mlpackage importer -------------===//
//
// Part of mil-mlir. The input is a package in one buffer (FuzzSupport.h's
// writePackage), imported with mil::importModel, which verifies. What
// imports must print, export, and import again: the tool must never write a
// model it cannot read back.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::string package = milfuzz::scratchDir() + "/in.mlpackage";
  static const std::string exported = milfuzz::scratchDir() + "/out.mlpackage";
  milfuzz::writePackage(
      package, llvm::StringRef(reinterpret_cast<const char *>(data), size));

  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler collect(&ctx, [&](Diagnostic &diag) {
    diagnostics += diag.str() + "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module = mil::importModel(package, &ctx);
  if (!module)
    return 0;
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);

  mil::ExportOptions force;
  force.force = true;
  if (failed(mil::exportMLPackage(*module, exported, force)))
    return 0; // Refusing to write is fine; writing garbage is not.
  diagnostics.clear();
  OwningOpRef<ModuleOp> again = mil::importModel(exported, &ctx);
  if (!again) {
    llvm::errs() << "exported package does not import again:\n"
                 << diagnostics << printed << "\n";
    abort();
  }
  return 0;
}
