//===- RaiseOpset.cpp - raise functions to a minimum opset ------*- C++ -*-===//
//
// Part of mil-mlir. coremltools compresses an iOS15 program by loading it at
// specification version 7 (coremltools' _apply_graph_pass), which makes every
// function an iOS16 (CoreML6) function; this pass does the same to the IR.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"
#include "mil/Passes/Passes.h"
#include "mil/Passes/Progress.h"

#include "mlir/IR/Builders.h"

namespace mil {
#define GEN_PASS_DEF_RAISEOPSET
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

struct RaiseOpset : public mil::impl::RaiseOpsetBase<RaiseOpset> {
  using RaiseOpsetBase::RaiseOpsetBase;

  void runOnOperation() override {
    unsigned target = getOpsetVersion(opset);
    if (!target) {
      getOperation().emitError() << "mil-raise-opset: unknown opset '" << opset
                                 << "' (expected CoreML5 .. CoreML9)";
      return signalPassFailure();
    }
    OpBuilder b(&getContext());
    for (auto fn : getOperation().getOps<FunctionOp>()) {
      unsigned version = getOpsetVersion(fn.getOpset());
      if (!version || version >= target)
        continue;
      std::string from = fn.getOpset().str();
      fn.setOpsetAttr(b.getStringAttr(opset));
      // CoreMLn needs specification version n + 1 (export writes it).
      reportCompressionEvent(
          {CompressionEvent::Kind::Program, "raise_opset",
           fn.getSymName().str(), "",
           "function " + fn.getSymName().str() + ": opset " + from + " -> " +
               opset + " (specification version " + std::to_string(target + 1) +
               "), as coremltools does before compressing"});
    }
  }
};

} // namespace
