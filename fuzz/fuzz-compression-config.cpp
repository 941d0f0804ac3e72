//===- fuzz-compression-config.cpp - Fuzzes compression config files ------===//
//
// Part of mil-mlir. The input is a config file's text, read as YAML (the
// default) and as JSON, then validated as OptimizationConfig.from_dict does.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/CompressionConfig.h"

#include <cstddef>
#include <cstdint>

using namespace mil::pipeline;

static void check(llvm::Expected<llvm::json::Value> value) {
  if (!value) {
    llvm::consumeError(value.takeError());
    return;
  }
  llvm::Expected<OptimizationConfig> config =
      parseOptimizationConfig(*value, "fuzz");
  if (!config)
    llvm::consumeError(config.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  check(parseYAMLAsJSON(text, "fuzz.yaml"));
  check(llvm::json::parse(text));
  return 0;
}
