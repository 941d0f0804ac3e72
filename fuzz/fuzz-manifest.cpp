//===- fuzz-manifest.cpp - Fuzzes the Manifest.json reader ----------------===//
//
// Part of mil-mlir. A manifest that parses must print and parse back to the
// same text (export writes what import read).
//
//===----------------------------------------------------------------------===//

#include "mil/Format/Package.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mil::format;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  llvm::Expected<Manifest> manifest = parseManifest(text, "fuzz/Manifest.json");
  if (!manifest) {
    llvm::consumeError(manifest.takeError());
    return 0;
  }
  std::string printed = printManifest(*manifest);
  llvm::Expected<Manifest> again = parseManifest(printed, "printed");
  if (!again) {
    llvm::errs() << "printed manifest does not parse: "
                 << llvm::toString(again.takeError()) << "\n"
                 << printed;
    abort();
  }
  if (printManifest(*again) != printed) {
    llvm::errs() << "manifest does not print stably:\n" << printed;
    abort();
  }
  return 0;
}
