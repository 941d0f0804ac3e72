//===- RemoveRedundantOps.cpp - merge ops with identical inputs -----------===//
//
// Part of mil-mlir. coremltools' common::remove_redundant_ops: among the
// consumers of one value that have the same type, a later op whose inputs
// are identical to an earlier one's (the same values, or consts of the same
// type with equal elements when they have fewer than 100) is replaced by
// it. Ops with regions, random ops, ops with several results and block
// outputs are kept.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

namespace mil {
#define GEN_PASS_DEF_REMOVEREDUNDANTOPS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

bool identicalValues(Value a, Value b) {
  if (a == b)
    return true;
  auto ca = a.getDefiningOp<ConstOp>(), cb = b.getDefiningOp<ConstOp>();
  if (!ca || !cb || a.getType() != b.getType())
    return false;
  auto ea = dyn_cast<ElementsAttr>(ca.getVal());
  auto eb = dyn_cast<ElementsAttr>(cb.getVal());
  if (!ea || !eb)
    return ca.getVal() == cb.getVal();
  if (ea.getNumElements() >= 100)
    return false;
  return ea == eb;
}

bool identicalOps(Operation *a, Operation *b) {
  if (a->getName() != b->getName() ||
      a->getNumOperands() != b->getNumOperands())
    return false;
  for (auto [x, y] : llvm::zip(a->getOperands(), b->getOperands()))
    if (!identicalValues(x, y))
      return false;
  // Inputs the dialect keeps as attributes (and a generic op's type) must
  // match too; names do not.
  for (NamedAttribute attr : a->getAttrs()) {
    if (attr.getName() == MILDialect::kNameAttr ||
        attr.getName() == MILDialect::kOutputsAttr)
      continue;
    if (b->getAttr(attr.getName()) != attr.getValue())
      return false;
  }
  for (NamedAttribute attr : b->getAttrs())
    if (attr.getName() != MILDialect::kNameAttr &&
        attr.getName() != MILDialect::kOutputsAttr &&
        !a->getAttr(attr.getName()))
      return false;
  return true;
}

bool eligible(Operation *op) {
  return op->getNumRegions() == 0 && op->getNumResults() == 1 &&
         !StringRef(milTypeOf(op)).starts_with("random") &&
         !op->hasTrait<OpTrait::IsTerminator>();
}

/// Merges redundant consumers of `v`; true when one was removed.
bool tryValue(Value v, Block &block, unsigned &removed) {
  // Consumers in this block by op type, types in order of first use.
  SmallVector<std::pair<OperationName, SmallVector<Operation *>>> groups;
  for (Operation *user : v.getUsers()) {
    if (user->getBlock() != &block || !eligible(user))
      continue;
    auto it = llvm::find_if(
        groups, [&](const auto &g) { return g.first == user->getName(); });
    if (it == groups.end()) {
      groups.push_back({user->getName(), {}});
      it = std::prev(groups.end());
    }
    if (!llvm::is_contained(it->second, user))
      it->second.push_back(user);
  }
  bool changed = false;
  for (auto &[name, ops] : groups) {
    if (ops.size() < 2)
      continue;
    llvm::sort(
        ops, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    for (size_t first = 0; first < ops.size(); ++first) {
      SmallVector<Operation *> redundant;
      for (size_t i = first + 1; i < ops.size(); ++i)
        if (!isBlockOutput(ops[i]->getResult(0)) &&
            identicalOps(ops[first], ops[i]))
          redundant.push_back(ops[i]);
      if (redundant.empty())
        continue;
      for (Operation *op : redundant) {
        op->getResult(0).replaceAllUsesWith(ops[first]->getResult(0));
        op->erase();
        ++removed;
      }
      changed = true;
      break;
    }
  }
  return changed;
}

/// One scan of `block`; true when it changed (the scan then restarts).
bool scan(Block &block, unsigned &removed) {
  for (BlockArgument arg : block.getArguments())
    if (!arg.use_empty())
      tryValue(arg, block, removed);
  for (Operation &op : block) {
    if (isa<ConstOp>(op))
      continue;
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        while (scan(nested, removed))
          ;
    if (op.getNumResults() > 0 && tryValue(op.getResult(0), block, removed))
      return true;
  }
  return false;
}

struct RemoveRedundantOps
    : public mil::impl::RemoveRedundantOpsBase<RemoveRedundantOps> {
  void runOnOperation() override {
    unsigned removed = 0;
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody())
        while (scan(block, removed))
          ;
    numRemoved = removed;
  }
};

} // namespace
