//===- DecompressWeights.cpp - constexpr ops to plain consts ----*- C++ -*-===//
//
// Part of mil-mlir. coremltools' decompress_weights.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Passes/Passes.h"
#include "mil/Passes/Progress.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Threading.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace mil {
#define GEN_PASS_DEF_DECOMPRESSWEIGHTS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

struct DecompressWeights
    : public mil::impl::DecompressWeightsBase<DecompressWeights> {
  using DecompressWeightsBase::DecompressWeightsBase;

  bool selected(Operation *op) {
    StringRef type = op->getName().getStringRef().drop_front(4);
    if (!opTypes.empty() && !llvm::is_contained(opTypes, type))
      return false;
    return opNames.empty() || llvm::is_contained(opNames, getMILOpName(op));
  }

  void runOnOperation() override {
    // Values of decompressed results, so that chains see their producers'
    // values even when a producer is left in place.
    DenseMap<Value, ElementsAttr> values;
    auto valueOf = [&](Value v) -> ElementsAttr {
      if (auto cst = v.getDefiningOp<ConstOp>())
        return dyn_cast<ElementsAttr>(cst.getVal());
      return values.lookup(v);
    };
    SmallVector<Operation *> constexprOps;
    getOperation().walk([&](Operation *op) {
      if (isConstexprOp(op))
        constexprOps.push_back(op);
    });
    // Result names as export would write them.
    auto namesOf = [](Operation *op) {
      SmallVector<std::string> names;
      for (OpResult r : op->getResults())
        names.push_back(getMILResultName(r));
      return names;
    };
    // Ops with the same type, attributes and parameter values (a weight
    // that several functions share) give the same values, once: the
    // functions then share the decompressed consts too.
    auto keyOf = [&](Operation *op) {
      NamedAttrList attrs(op->getAttrDictionary());
      attrs.erase(MILDialect::kNameAttr);
      SmallVector<Attribute> key = {
          StringAttr::get(&getContext(), op->getName().getStringRef()),
          attrs.getDictionary(&getContext())};
      for (Value operand : op->getOperands()) {
        Attribute value = valueOf(operand);
        key.push_back(value ? value : UnitAttr::get(&getContext()));
      }
      return ArrayAttr::get(&getContext(), key);
    };
    DenseMap<Attribute, SmallVector<ElementsAttr>> byKey;
    // Ops whose parameters are all plain consts (every op of a model that
    // is not jointly compressed) are evaluated in parallel up front; the
    // consumers in chains are evaluated in order below.
    SmallVector<Operation *> independent;
    llvm::DenseSet<Attribute> independentKeys;
    for (Operation *op : constexprOps)
      if (llvm::all_of(op->getOperands(),
                       [](Value v) { return v.getDefiningOp<ConstOp>(); }) &&
          independentKeys.insert(keyOf(op)).second)
        independent.push_back(op);
    std::vector<SmallVector<ElementsAttr>> precomputed(independent.size());
    if (failed(failableParallelForEachN(
            &getContext(), 0, independent.size(), [&](size_t i) {
              Operation *op = independent[i];
              FailureOr<SmallVector<ElementsAttr>> results =
                  evaluateConstexpr(op, valueOf, namesOf(op).back());
              if (failed(results))
                return failure();
              precomputed[i] = std::move(*results);
              reportWeightProgress(
                  precomputed[i].back().getNumElements() *
                  std::max<int64_t>(1, precomputed[i]
                                               .back()
                                               .getElementType()
                                               .getIntOrFloatBitWidth() /
                                           8));
              return success();
            })))
      return signalPassFailure();
    for (auto [i, op] : llvm::enumerate(independent))
      byKey[keyOf(op)] = std::move(precomputed[i]);

    OpBuilder b(&getContext());
    for (Operation *op : constexprOps) {
      SmallVector<std::string> names = namesOf(op);
      Attribute key = keyOf(op);
      FailureOr<SmallVector<ElementsAttr>> results = failure();
      if (auto it = byKey.find(key); it != byKey.end())
        results = it->second;
      else
        results = evaluateConstexpr(op, valueOf, names.back());
      if (failed(results))
        return signalPassFailure();
      byKey.try_emplace(key, *results);
      for (auto [r, attr] : llvm::zip(op->getResults(), *results))
        values[r] = attr;
      if (!selected(op))
        continue;
      b.setInsertionPoint(op);
      for (auto [r, attr, name] :
           llvm::zip(op->getResults(), *results, names)) {
        auto cst = b.create<ConstOp>(op->getLoc(), r.getType(), attr);
        if (!name.empty())
          cst->setAttr(MILDialect::kNameAttr, b.getStringAttr(name));
        r.replaceAllUsesWith(cst.getResult());
      }
      SmallVector<Operation *> producers;
      for (Value operand : op->getOperands())
        if (Operation *def = operand.getDefiningOp())
          producers.push_back(def);
      op->erase();
      // Parameters that fed only this op go with it.
      for (Operation *def : producers)
        if (isa<ConstOp>(def) && def->use_empty())
          def->erase();
    }
  }
};

} // namespace
