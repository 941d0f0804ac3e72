//===- DequantizeQuantizePairElimination.cpp - drop dequant->quant pairs --===//
//
// Part of mil-mlir. coremltools' common::dequantize_quantize_pair_elimination:
// a quantize whose input is a dequantize with the same scale, zero point and
// axis gives back the dequantize's input; the dequantize goes when no child
// is left. A dequantize that is a block output is left alone.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

#include "llvm/ADT/DenseSet.h"

namespace mil {
#define GEN_PASS_DEF_DEQUANTIZEQUANTIZEPAIRELIMINATION
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

/// Both absent, the same value, or consts with equal elements.
static bool sameParam(Value a, Value b) {
  if (!a || !b)
    return !a && !b;
  if (a == b)
    return true;
  auto ca = a.getDefiningOp<ConstOp>(), cb = b.getDefiningOp<ConstOp>();
  auto da = ca ? dyn_cast<DenseElementsAttr>(ca.getVal()) : nullptr;
  auto db = cb ? dyn_cast<DenseElementsAttr>(cb.getVal()) : nullptr;
  if (!da || !db || da.getNumElements() != db.getNumElements())
    return false;
  auto values = [](DenseElementsAttr d) {
    SmallVector<double> out;
    if (isa<FloatType>(d.getElementType()))
      for (const APFloat &f : d.getValues<APFloat>())
        out.push_back(f.convertToDouble());
    else
      for (const APInt &i : d.getValues<APInt>())
        out.push_back(d.getElementType().isUnsignedInteger()
                          ? static_cast<double>(i.getZExtValue())
                          : static_cast<double>(i.getSExtValue()));
    return out;
  };
  return values(da) == values(db);
}

/// One sweep over `block`; true when a quantize was removed.
static bool sweep(Block &block, llvm::DenseSet<Operation *> &erased,
                  unsigned &removed) {
  bool changed = false;
  SmallVector<Operation *> ops;
  for (Operation &op : block)
    ops.push_back(&op);
  for (Operation *op : ops) {
    if (erased.contains(op))
      continue;
    for (Region &region : op->getRegions())
      for (Block &nested : region)
        while (sweep(nested, erased, removed))
          ;
    auto dequantize = dyn_cast<DequantizeOp>(op);
    if (!dequantize || isBlockOutput(dequantize.getResult()))
      continue;
    QuantParamsView d = getQuantParams(dequantize);
    bool any = false;
    SmallVector<Operation *> users(dequantize->getUsers());
    for (Operation *user : users) {
      auto quantize = dyn_cast<QuantizeOp>(user);
      if (!quantize || erased.contains(quantize))
        continue;
      QuantParamsView q = getQuantParams(quantize);
      if (!sameParam(d.scale, q.scale) ||
          !sameParam(d.zeroPoint, q.zeroPoint) || !sameParam(d.axis, q.axis))
        continue;
      if (quantize.getType() != d.input.getType())
        continue;
      quantize.getResult().replaceAllUsesWith(d.input);
      erased.insert(quantize);
      quantize->erase();
      ++removed;
      any = true;
    }
    if (any && dequantize->use_empty()) {
      erased.insert(dequantize);
      dequantize->erase();
    }
    changed |= any;
  }
  return changed;
}

unsigned passes::eliminateDequantizeQuantizePairs(ModuleOp module) {
  unsigned removed = 0;
  llvm::DenseSet<Operation *> erased;
  for (auto fn : module.getOps<FunctionOp>())
    for (Block &block : fn.getBody())
      while (sweep(block, erased, removed))
        ;
  return removed;
}

namespace {
struct DequantizeQuantizePairElimination
    : public mil::impl::DequantizeQuantizePairEliminationBase<
          DequantizeQuantizePairElimination> {
  void runOnOperation() override {
    numRemoved = eliminateDequantizeQuantizePairs(getOperation());
  }
};
} // namespace
