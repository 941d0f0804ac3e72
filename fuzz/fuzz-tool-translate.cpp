//===- fuzz-tool-translate.cpp - Fuzzes mil-translate's import ------------===//
//
// Part of mil-mlir. The input is a package (FuzzSupport.h's writePackage).
// mil-translate's entry point imports it to MLIR text and, when that
// succeeds, exports the text to a package again: the pipeline a user runs.
// Exit codes 0 and 1 are answers; a signal or a sanitizer report is a
// finding.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "mil/Tools/MilTranslateMain.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::string dir = milfuzz::scratchDir();
  const std::string package = dir + "/in.mlpackage", text = dir + "/out.mlir";
  milfuzz::writePackage(
      package, llvm::StringRef(reinterpret_cast<const char *>(data), size));
  int code = milfuzz::runTool(mil::milTranslateMain,
                              {"mil-translate", "--import-mlpackage", package,
                               "-o", text, "--mlir-disable-threading"});
  milfuzz::checkExitCode("mil-translate --import-mlpackage", code, 1);
  if (code != 0)
    return 0;
  code = milfuzz::runTool(mil::milTranslateMain,
                          {"mil-translate", "--export-mlpackage", text, "-o",
                           dir + "/out.mlpackage", "--force",
                           "--mlir-disable-threading"});
  milfuzz::checkExitCode("mil-translate --export-mlpackage", code, 1);
  return 0;
}
