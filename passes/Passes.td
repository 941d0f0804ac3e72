//===- Passes.td - mil-mlir passes --------------------------*- tablegen -*-===//
//
// Part of mil-mlir. Every pass and its options; one C++ file per pass.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_TD
#define MIL_PASSES_TD

include "mlir/Pass/PassBase.td"

def DecompressWeights : Pass<"mil-decompress-weights", "mlir::ModuleOp"> {
  let summary = "Replace constexpr weight-compression ops by plain constants";
  let description = [{
    coremltools' `decompress_weights`: every `constexpr_*` op (both the iOS16
    and the iOS18 forms, and chains of them) is evaluated and replaced by a
    `mil.const` holding the dense weight, named after the op's output. Ops
    are taken in program order, so producers of a chain come first. The
    options restrict the pass to some op types or op names; an op left
    compressed keeps its inputs.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    ListOption<"opTypes", "op-types", "std::string",
               "Only decompress ops of these types (e.g. "
               "constexpr_lut_to_dense); all when empty">,
    ListOption<"opNames", "op-names", "std::string",
               "Only decompress the ops with these MIL names; all when empty">,
  ];
}

#endif // MIL_PASSES_TD
