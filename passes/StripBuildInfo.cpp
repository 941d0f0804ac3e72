//===- StripBuildInfo.cpp - drop the program's attributes -------*- C++ -*-===//
//
// Part of mil-mlir. coremltools' compression APIs load a program from its
// protobuf without its attributes (milproto load checks that only buildInfo
// is there and keeps nothing), so their output has none; this pass removes
// them from the mirrored Program message.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace mil {
#define GEN_PASS_DEF_STRIPBUILDINFO
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

struct StripBuildInfo : public mil::impl::StripBuildInfoBase<StripBuildInfo> {
  using StripBuildInfoBase::StripBuildInfoBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto program =
        module->getAttrOfType<DictionaryAttr>(MILDialect::kProgramAttr);
    if (!program || !program.get("attributes"))
      return;
    NamedAttrList rest(program);
    rest.erase("attributes");
    module->setAttr(MILDialect::kProgramAttr,
                    rest.getDictionary(&getContext()));
  }
};

} // namespace
