//===- fuzz-tool-run.cpp - Fuzzes mil-run on packages ---------------------===//
//
// Part of mil-mlir. The input is a package (FuzzSupport.h's writePackage);
// mil-run's entry point imports it and runs its default function on random
// inputs from the model description, writing the outputs. Exit codes 0 and
// 1 are answers; a signal or a sanitizer report is a finding.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "mil/Tools/MilRunMain.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::string dir = milfuzz::scratchDir();
  const std::string package = dir + "/in.mlpackage";
  milfuzz::writePackage(
      package, llvm::StringRef(reinterpret_cast<const char *>(data), size));
  int code = milfuzz::runTool(mil::milRunMain,
                              {"mil-run", package, "--random-inputs", "--quiet",
                               "--num-threads", "1", "--max-loop-iterations",
                               "4096", "-o", dir + "/out.npz"});
  milfuzz::checkExitCode("mil-run", code, 1);
  return 0;
}
