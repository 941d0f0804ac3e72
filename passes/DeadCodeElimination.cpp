//===- DeadCodeElimination.cpp - remove ops whose results are unused ------===//
//
// Part of mil-mlir. coremltools' common::dead_code_elimination: an op none of
// whose outputs reaches a block output is removed, in nested blocks too.
// State writes (write_state, coremltools' coreml_update_state) always count
// as used, as does anything that contains one.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"
#include "mil/Passes/Passes.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mil {
#define GEN_PASS_DEF_DEADCODEELIMINATION
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

/// True when `op` or an op nested in it writes something (a state).
bool writesSomething(Operation *op) {
  bool writes = false;
  op->walk([&](Operation *nested) {
    if (auto effects = dyn_cast<MemoryEffectOpInterface>(nested))
      writes |= effects.hasEffect<MemoryEffects::Write>();
    return writes ? WalkResult::interrupt() : WalkResult::advance();
  });
  return writes;
}

/// Removes the dead ops of `block` (users first) and of the blocks nested in
/// the ops that stay; returns the number removed.
unsigned cleanBlock(Block &block) {
  unsigned removed = 0;
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block))) {
    if (op.hasTrait<OpTrait::IsTerminator>())
      continue;
    if (op.use_empty() && !writesSomething(&op)) {
      op.erase();
      ++removed;
      continue;
    }
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        removed += cleanBlock(nested);
  }
  return removed;
}

struct DeadCodeElimination
    : public mil::impl::DeadCodeEliminationBase<DeadCodeElimination> {
  void runOnOperation() override {
    unsigned removed = 0;
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody())
        // A nested block's removals can free values of the outer block.
        while (unsigned n = cleanBlock(block))
          removed += n;
    numRemoved = removed;
  }
};

} // namespace
