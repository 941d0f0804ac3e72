//===- fuzz-tool-compress.cpp - Fuzzes mil-compress -----------------------===//
//
// Part of mil-mlir. The input is [u8 mode][a package (FuzzSupport.h's
// writePackage)]; mil-compress's entry point runs on the package in one of
// a few fixed modes, every weight taken (--weight-threshold 1), writing the
// result (--allow-noop). Exit codes 0-3 are answers; a signal or a
// sanitizer report is a finding.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "mil/Tools/MilCompressMain.h"

#include <cstddef>
#include <cstdint>

static const std::vector<std::vector<std::string>> kModes = {
    {"--quantize", "--weight-threshold", "1"},
    {"--quantize", "--dtype", "int4", "--granularity", "per_block",
     "--block-size", "4", "--weight-threshold", "1"},
    {"--palettize", "--nbits", "2", "--weight-threshold", "1"},
    {"--palettize", "--mode", "unique", "--weight-threshold", "1"},
    {"--prune", "--target-sparsity", "0.5", "--weight-threshold", "1"},
    {"--decompress"},
    {"--info"},
    // The interpreter on the original and the compressed model.
    {"--quantize", "--weight-threshold", "1", "--eval-random", "1"},
};

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  static const std::string dir = milfuzz::scratchDir();
  const std::string package = dir + "/in.mlpackage";
  milfuzz::writePackage(
      package,
      llvm::StringRef(reinterpret_cast<const char *>(data + 1), size - 1));
  const std::vector<std::string> &mode = kModes[data[0] % kModes.size()];
  std::vector<std::string> args = {"mil-compress", package, "--jobs", "1",
                                   "--quiet"};
  args.insert(args.end(), mode.begin(), mode.end());
  if (mode.front() != "--info")
    args.insert(args.end(),
                {"-o", dir + "/out.mlpackage", "--force", "--allow-noop"});
  int code = milfuzz::runTool(mil::milCompressMain, args);
  milfuzz::checkExitCode("mil-compress", code, 3);
  return 0;
}
