// An outside program using mil-mlir's embedding API: it registers a custom
// LUT function (two levels, by sign), palettizes a model with it through a
// pipeline, writes the model and counts the LUT ops it holds.
#include "mil/Compress.h"
#include "mil/Dialect/MILOps.h"

#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: consumer IN.mlpackage OUT.mlpackage\n");
    return 1;
  }
  mil::registerLutFunction("two_levels", [](llvm::ArrayRef<float> group,
                                            llvm::ArrayRef<int64_t>, unsigned,
                                            std::vector<float> &lut,
                                            std::vector<uint32_t> &indices) {
    double neg = 0, pos = 0;
    size_t numNeg = 0, numPos = 0;
    for (float v : group) {
      (v < 0 ? neg : pos) += v;
      ++(v < 0 ? numNeg : numPos);
    }
    lut = {float(numNeg ? neg / numNeg : 0), float(numPos ? pos / numPos : 0)};
    indices.clear();
    for (float v : group)
      indices.push_back(v < 0 ? 0 : 1);
    return mil::compression::Status::success();
  });
  mlir::MLIRContext ctx;
  mil::initialize(ctx);
  mlir::OwningOpRef<mlir::ModuleOp> module = mil::loadModel(argv[1], ctx);
  if (!module)
    return 2;
  llvm::Expected<mil::pipeline::PassPipeline> p =
      mil::pipeline::PassPipeline::get("cleanup");
  if (!p) {
    std::fprintf(stderr, "%s\n", llvm::toString(p.takeError()).c_str());
    return 1;
  }
  if (llvm::Error e = p->insert(0, "compression::palettize_weights")) {
    std::fprintf(stderr, "%s\n", llvm::toString(std::move(e)).c_str());
    return 1;
  }
  if (llvm::Error e = p->setOptions("compression::palettize_weights",
                                    {{"mode", "custom"},
                                     {"lut_function", "two_levels"},
                                     {"weight_threshold", "1000"}})) {
    std::fprintf(stderr, "%s\n", llvm::toString(std::move(e)).c_str());
    return 1;
  }
  if (mlir::failed(mil::runPipeline(*module, *p)) ||
      mlir::failed(mil::saveModel(*module, argv[2], /*force=*/true)))
    return 1;
  unsigned luts = 0;
  module->walk([&](mlir::Operation *op) {
    luts += op->getName().getStringRef() == "mil.constexpr_lut_to_dense";
  });
  std::printf("palettized %u weights with a 2-entry LUT into %s\n", luts,
              argv[2]);
  return 0;
}
