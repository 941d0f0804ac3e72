//===- TopologicalReorder.cpp - move casts and transposes to their use ----===//
//
// Part of mil-mlir. coremltools' common::topological_reorder: taking the ops
// of a block from last to first, every `cast` and `transpose` moves right
// before its first consumer, or to the end of the block when nothing in the
// block consumes it (several such ops end up in reverse order, as
// coremltools leaves them). coremltools rebuilds every such op, so each gets
// a new automatic op name (in that reverse order) and keeps its var name.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Dialect/MILOps.h"
#include "mil/Passes/Passes.h"

namespace mil {
#define GEN_PASS_DEF_TOPOLOGICALREORDER
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

/// The first op of `block` (at its current place) that uses a result of
/// `op`, directly or inside its regions; the terminator does not count.
Operation *firstConsumer(Operation *op, Block &block) {
  Operation *first = nullptr;
  for (Value result : op->getResults())
    for (Operation *user : result.getUsers()) {
      Operation *inBlock = block.findAncestorOpInBlock(*user);
      if (!inBlock || inBlock->hasTrait<OpTrait::IsTerminator>())
        continue;
      if (!first || inBlock->isBeforeInBlock(first))
        first = inBlock;
    }
  return first;
}

/// Renames `op` as coremltools' rebuilt op is named; its var keeps its name.
void rename(Operation *op, AutoNamer &namer) {
  std::string var = getMILResultName(op->getResult(0));
  std::string name = namer.next(milTypeOf(op));
  op->setAttr(MILDialect::kNameAttr, StringAttr::get(op->getContext(), name));
  if (var == name || var.empty())
    op->removeAttr(MILDialect::kOutputsAttr);
  else
    op->setAttr(MILDialect::kOutputsAttr,
                Builder(op->getContext()).getStrArrayAttr({var}));
}

unsigned reorderBlock(Block &block, AutoNamer &namer) {
  unsigned moved = 0;
  SmallVector<Operation *> ops;
  for (Operation &op : block)
    ops.push_back(&op);
  for (Operation *op : llvm::reverse(ops)) {
    for (Region &region : op->getRegions())
      for (Block &nested : region)
        moved += reorderBlock(nested, namer);
    if (!isa<CastOp, TransposeOp>(op))
      continue;
    rename(op, namer);
    Operation *before = firstConsumer(op, block);
    if (!before)
      before = block.getTerminator();
    if (before && op->getNextNode() != before) {
      op->moveBefore(before);
      ++moved;
    }
  }
  return moved;
}

struct TopologicalReorder
    : public mil::impl::TopologicalReorderBase<TopologicalReorder> {
  void runOnOperation() override {
    unsigned moved = 0;
    AutoNamer namer(getOperation());
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody())
        moved += reorderBlock(block, namer);
    numMoved = moved;
  }
};

} // namespace
