//===- fuzz-tool-translate-export.cpp - Fuzzes mil-translate's export -----===//
//
// Part of mil-mlir. The input is MLIR text, as a user (or a failed import
// before it in a pipeline) hands it to `mil-translate --export-mlpackage`.
// What the tool writes it must read back: an export that succeeds is
// imported again with the same entry point.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "mil/Tools/MilTranslateMain.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::string dir = milfuzz::scratchDir();
  const std::string text = dir + "/in.mlir", package = dir + "/out.mlpackage";
  milfuzz::writeOrDie(
      text, llvm::StringRef(reinterpret_cast<const char *>(data), size));
  int code = milfuzz::runTool(
      mil::milTranslateMain, {"mil-translate", "--export-mlpackage", text, "-o",
                              package, "--force", "--mlir-disable-threading"});
  milfuzz::checkExitCode("mil-translate --export-mlpackage", code, 1);
  if (code != 0)
    return 0;
  code = milfuzz::runTool(mil::milTranslateMain,
                          {"mil-translate", "--import-mlpackage", package, "-o",
                           dir + "/again.mlir", "--mlir-disable-threading"});
  if (code != 0) {
    llvm::errs() << "the exported package does not import again\n";
    abort();
  }
  return 0;
}
