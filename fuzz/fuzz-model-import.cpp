//===- fuzz-model-import.cpp - Fuzzes the .mlpackage importer -------------===//
//
// Part of mil-mlir. The input is a package in one buffer:
//
//   [u32 LE n][n bytes: model.mlmodel][the rest: weights/weight.bin]
//
// (an input shorter than 4 bytes, or whose n is too large, is all model and
// no weight file). It is written into a package directory with a fixed
// Manifest.json and imported with mil::importModel, which verifies. What
// imports must print, export, and import again: the tool must never write a
// model it cannot read back.
//
//===----------------------------------------------------------------------===//

#include "mil/Translate/Translate.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace mlir;

namespace {
struct Paths {
  std::string root, package, model, weights, exported;
};
} // namespace

static void writeOrDie(llvm::StringRef path, llvm::StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    llvm::errs() << "cannot write " << path << ": " << ec.message() << "\n";
    abort();
  }
  os << bytes;
}

static const Paths &getPaths() {
  // Never destroyed: the atexit cleanup below runs after static destructors.
  static const Paths *paths = [] {
    auto *p = new Paths();
    llvm::SmallString<128> root;
    // Prefer memory-backed /dev/shm: every input is written to disk.
    llvm::StringRef base =
        llvm::sys::fs::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    llvm::sys::path::append(root, base, "mil-fuzz-import-%%%%%%");
    if (llvm::sys::fs::createUniqueDirectory(root, root))
      abort();
    p->root = std::string(root);
    p->package = p->root + "/in.mlpackage";
    p->model = p->package + "/Data/com.apple.CoreML/model.mlmodel";
    p->weights = p->package + "/Data/com.apple.CoreML/weights/weight.bin";
    p->exported = p->root + "/out.mlpackage";
    if (llvm::sys::fs::create_directories(p->package +
                                          "/Data/com.apple.CoreML/weights"))
      abort();
    writeOrDie(p->package + "/Manifest.json", R"({
    "fileFormatVersion": "1.0.0",
    "itemInfoEntries": {
        "A": {"author": "com.apple.CoreML", "description": "m",
              "name": "model.mlmodel", "path": "com.apple.CoreML/model.mlmodel"},
        "B": {"author": "com.apple.CoreML", "description": "w",
              "name": "weights", "path": "com.apple.CoreML/weights"}
    },
    "rootModelIdentifier": "A"
})");
    std::atexit([] { llvm::sys::fs::remove_directories(getPaths().root); });
    return p;
  }();
  return *paths;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const Paths &p = getPaths();
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  llvm::StringRef model = input, weights;
  bool hasWeights = false;
  if (size >= 4) {
    uint32_t n = llvm::support::endian::read32le(data);
    if (n <= size - 4) {
      model = input.substr(4, n);
      weights = input.substr(4 + n);
      hasWeights = true;
    }
  }
  writeOrDie(p.model, model);
  if (hasWeights)
    writeOrDie(p.weights, weights);
  else
    llvm::sys::fs::remove(p.weights);

  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler collect(&ctx, [&](Diagnostic &diag) {
    diagnostics += diag.str() + "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module = mil::importModel(p.package, &ctx);
  if (!module)
    return 0;
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);

  mil::ExportOptions force;
  force.force = true;
  if (failed(mil::exportMLPackage(*module, p.exported, force)))
    return 0; // Refusing to write is fine; writing garbage is not.
  diagnostics.clear();
  OwningOpRef<ModuleOp> again = mil::importModel(p.exported, &ctx);
  if (!again) {
    llvm::errs() << "exported package does not import again:\n"
                 << diagnostics << printed << "\n";
    abort();
  }
  return 0;
}
