//===- ConstElimination.cpp - fold ops whose value is known -----*- C++ -*-===//
//
// Part of mil-mlir. coremltools' common::const_elimination: an op whose
// output value is known at compile time becomes a const. Known here: `shape`
// of a static tensor, and the layout ops that keep the bytes of a const
// (reshape, expand_dims, squeeze, identity), so folding them shares the
// weight instead of copying it; any other op whose inputs are all constant
// is evaluated by the interpreter (lib/Interpreter). Constexpr ops have no
// value in coremltools and are folded only with `fold-constexpr` (which
// decompresses them).
// Outputs with more elements than `skip-const-by-size` stay as they are.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cmath>

namespace mil {
#define GEN_PASS_DEF_CONSTELIMINATION
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;

namespace {

/// `value` viewed as `type` (same element type and count): dense attributes
/// are reshaped, resources share their blob.
ElementsAttr relabel(ElementsAttr value, ShapedType type) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense.reshape(type);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    return DenseResourceElementsAttr::get(type, resource.getRawHandle());
  return {};
}

struct ConstElimination
    : public mil::impl::ConstEliminationBase<ConstElimination> {
  using ConstEliminationBase::ConstEliminationBase;

  void runOnOperation() override {
    double limit = INFINITY;
    if (!skipConstBySize.empty()) {
      char *end = nullptr;
      limit = std::strtod(skipConstBySize.c_str(), &end);
      if (end == skipConstBySize.c_str() || *end) {
        getOperation().emitError()
            << "Expected to get float threshold, but got `" << skipConstBySize
            << "` which cannot be converted to float.";
        return signalPassFailure();
      }
    }
    unsigned folded = 0;
    DenseMap<Value, ElementsAttr> values;
    auto valueOf = [&](Value v) -> ElementsAttr {
      if (auto cst = v.getDefiningOp<ConstOp>())
        return dyn_cast<ElementsAttr>(cst.getVal());
      return values.lookup(v);
    };
    // Program order, so a folded op's users see its value.
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) { ops.push_back(op); });
    for (Operation *op : ops) {
      if (isa<ConstOp>(op) || op->getNumResults() == 0)
        continue;
      SmallVector<ElementsAttr> results;
      if (failed(fold(op, valueOf, results)) || results.empty())
        continue;
      bool tooBig = llvm::any_of(results, [&](ElementsAttr r) {
        return static_cast<double>(r.getNumElements()) > limit;
      });
      if (tooBig) {
        op->emitWarning() << "not folded: an output has more than "
                          << skipConstBySize << " elements";
        continue;
      }
      OpBuilder b(op);
      for (auto [index, r] : llvm::enumerate(results)) {
        Value result = op->getResult(index);
        auto cst = b.create<ConstOp>(op->getLoc(), result.getType(), r);
        std::string name = getMILResultName(op->getResult(index));
        if (!name.empty())
          cst->setAttr(MILDialect::kNameAttr, b.getStringAttr(name));
        values[cst.getResult()] = r;
        result.replaceAllUsesWith(cst.getResult());
      }
      op->erase();
      ++folded;
    }
    numFolded = folded;
  }

  LogicalResult fold(Operation *op, function_ref<ElementsAttr(Value)> valueOf,
                     SmallVectorImpl<ElementsAttr> &results) {
    StringRef type = op->getName().getStringRef();
    if (isConstexprOp(op)) {
      if (!foldConstexpr)
        return failure();
      for (Value v : op->getOperands())
        if (!valueOf(v))
          return failure();
      FailureOr<SmallVector<ElementsAttr>> values = evaluateConstexpr(
          op, valueOf, getMILResultName(op->getResults().back()));
      if (failed(values))
        return failure();
      results.append(values->begin(), values->end());
      return success();
    }
    if (type == "mil.shape") {
      auto input = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
      auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
      if (!input || !input.hasStaticShape() || !resultType)
        return failure();
      SmallVector<int32_t> dims(input.getShape().begin(),
                                input.getShape().end());
      results.push_back(DenseElementsAttr::get(resultType, ArrayRef(dims)));
      return success();
    }
    if (type == "mil.reshape" || type == "mil.expand_dims" ||
        type == "mil.squeeze" || type == "mil.identity") {
      // Operand 0 is `x`; the other inputs only describe the new shape.
      ElementsAttr x = valueOf(op->getOperand(0));
      auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
      if (!x || !resultType || !resultType.hasStaticShape() ||
          resultType.getNumElements() != x.getNumElements() ||
          resultType.getElementType() != x.getElementType())
        return failure();
      ElementsAttr relabeled = relabel(x, resultType);
      if (!relabeled)
        return failure();
      results.push_back(relabeled);
      return success();
    }
    // Any other op whose inputs are all constant, through the interpreter.
    FailureOr<SmallVector<ElementsAttr>> values = interp::foldOp(op, valueOf);
    if (failed(values))
      return failure();
    results.append(values->begin(), values->end());
    return success();
  }
};

} // namespace
