//===- DedupOpAndVarNames.cpp - make op and var names unique --------------===//
//
// Part of mil-mlir. coremltools' common::dedup_op_and_var_names: in each
// function, in program order (nested blocks before the op that holds them),
// an op name or var name used before gets "_1", "_2", ... (the first unused).
// Op names and var names are counted apart; function inputs and outputs keep
// their names.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"
#include "mil/Passes/Passes.h"

#include "llvm/ADT/StringSet.h"

namespace mil {
#define GEN_PASS_DEF_DEDUPOPANDVARNAMES
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

std::string uniqueName(llvm::StringSet<> &seen, StringRef name) {
  if (!seen.contains(name))
    return name.str();
  for (unsigned i = 1;; ++i) {
    std::string candidate = (name + "_" + llvm::Twine(i)).str();
    if (!seen.contains(candidate))
      return candidate;
  }
}

struct DedupOpAndVarNames
    : public mil::impl::DedupOpAndVarNamesBase<DedupOpAndVarNames> {
  void runOnOperation() override {
    for (auto fn : getOperation().getOps<FunctionOp>()) {
      llvm::StringSet<> seenVars, seenOps;
      llvm::DenseSet<Value> outputs;
      if (auto names = fn.getInputNames())
        for (Attribute name : *names)
          seenVars.insert(cast<StringAttr>(name).getValue());
      for (Block &block : fn.getBody()) {
        Operation *ret = block.getTerminator();
        for (Value v : ret->getOperands()) {
          outputs.insert(v);
          if (auto result = dyn_cast<OpResult>(v))
            seenVars.insert(getMILResultName(result));
        }
        runOnBlock(block, outputs, seenVars, seenOps);
      }
    }
    numRenamed = renamed;
  }

private:
  void runOnBlock(Block &block, const llvm::DenseSet<Value> &outputs,
                  llvm::StringSet<> &seenVars, llvm::StringSet<> &seenOps) {
    for (Operation &op : block) {
      for (Region &region : op.getRegions())
        for (Block &nested : region)
          runOnBlock(nested, outputs, seenVars, seenOps);
      StringRef name = getMILOpName(&op);
      if (name.empty())
        continue;
      SmallVector<std::string> vars;
      for (OpResult result : op.getResults())
        vars.push_back(getMILResultName(result));
      std::string newName = uniqueName(seenOps, name);
      seenOps.insert(newName);
      bool changed = newName != name;
      for (auto [i, result] : llvm::enumerate(op.getResults())) {
        if (outputs.contains(result))
          continue;
        std::string v = uniqueName(seenVars, vars[i]);
        seenVars.insert(v);
        changed |= v != vars[i];
        vars[i] = v;
      }
      if (!changed)
        continue;
      ++renamed;
      op.setAttr(MILDialect::kNameAttr,
                 StringAttr::get(op.getContext(), newName));
      op.removeAttr(MILDialect::kOutputsAttr);
      // Keep the var names where they no longer follow the op name.
      bool derived = true;
      for (auto [i, result] : llvm::enumerate(op.getResults()))
        derived &= getMILResultName(result) == vars[i];
      if (!derived) {
        SmallVector<StringRef> refs(vars.begin(), vars.end());
        op.setAttr(MILDialect::kOutputsAttr,
                   Builder(op.getContext()).getStrArrayAttr(refs));
      }
    }
  }

  unsigned renamed = 0;
};

} // namespace
