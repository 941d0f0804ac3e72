//===- fuzz-tool-opt.cpp - Fuzzes mil-opt's passes ------------------------===//
//
// Part of mil-mlir. mil-opt is a thin shell over mlir::MlirOptMain; this
// target makes the same call on a buffer. The input is [u8 pipeline][MLIR
// text]: the first byte picks one of the pipelines below (every pass of
// the project, compression passes taking every weight). Any error is an
// answer; a crash, a hang or a sanitizer report is a finding.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <iterator>

using namespace mlir;

static const char *const kPipelines[] = {
    "", // Parse, verify and print only.
    "canonicalize,cse",
    "mil-decompress-weights",
    "mil-raise-opset{opset=CoreML8}",
    "mil-strip-build-info",
    "mil-linear-quantize-weights{weight-threshold=0}",
    "mil-linear-quantize-weights{weight-threshold=0 mode=linear dtype=uint4 "
    "granularity=per_block block-size=2}",
    "mil-palettize-weights{weight-threshold=0 mode=kmeans nbits=2}",
    "mil-palettize-weights{weight-threshold=0 mode=uniform nbits=4}",
    "mil-palettize-weights{weight-threshold=0 mode=unique}",
    "mil-prune-weights{weight-threshold=0 target-sparsity=0.5}",
    "mil-prune-weights{weight-threshold=0 n-m-ratio=[1,2]}",
    "mil-const-deduplication,mil-const-elimination,mil-dead-code-elimination",
    "mil-const-elimination{fold-constexpr=true}",
    "mil-nullify-redundant-quantization-zero-point,"
    "mil-dequantize-quantize-pair-elimination,"
    "mil-distributive-quantized-binary-op-scale-normalization,"
    "mil-dedup-op-and-var-names,mil-remove-redundant-ops,"
    "mil-topological-reorder",
};

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  // What mil-opt's main() registers, and no threads (one context per
  // input).
  registerTransformsPasses();
  mil::registerMILPasses();
  registerMLIRContextCLOptions();
  const char *argv[] = {"fuzz-tool-opt", "--mlir-disable-threading"};
  if (!llvm::cl::ParseCommandLineOptions(2, argv, "", &llvm::errs()))
    abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  std::string pipeline = std::string("builtin.module(") +
                         kPipelines[data[0] % std::size(kPipelines)] + ")";
  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MlirOptMainConfig config;
  config.setPassPipelineSetupFn([&](PassManager &pm) {
    return parsePassPipeline(pipeline, pm, llvm::errs());
  });
  std::string printed;
  llvm::raw_string_ostream os(printed);
  (void)MlirOptMain(
      os,
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data + 1), size - 1),
          "<fuzz>"),
      registry, config);
  return 0;
}
