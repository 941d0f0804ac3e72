//===- NullifyRedundantQuantizationZeroPoint.cpp - drop trivial zero points
//===//
//
// Part of mil-mlir. coremltools'
// common::nullify_redundant_quantization_zero_point: a quantize/dequantize
// whose zero point is all 0 is rebuilt without it; a dequantize of a const with
// zero point -128 (+128) gets the shift folded into a uint8 (int8) const;
// quantize(zp=±128) -> dequantize(zp=±128) become a uint8 (int8) pair without
// zero points. Rebuilt ops get new automatic names, as coremltools' builder
// gives them.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

#include "llvm/ADT/DenseSet.h"

namespace mil {
#define GEN_PASS_DEF_NULLIFYREDUNDANTQUANTIZATIONZEROPOINT
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

/// The zero point's value when every element of the const equals it.
std::optional<int64_t> uniformZeroPoint(Value zp) {
  auto cst = zp ? zp.getDefiningOp<ConstOp>() : ConstOp();
  auto dense = cst ? dyn_cast<DenseElementsAttr>(cst.getVal()) : nullptr;
  if (!dense || dense.getNumElements() == 0)
    return std::nullopt;
  bool isUnsigned = dense.getElementType().isUnsignedInteger();
  std::optional<int64_t> first;
  for (const APInt &v : dense.getValues<APInt>()) {
    int64_t x =
        isUnsigned ? static_cast<int64_t>(v.getZExtValue()) : v.getSExtValue();
    if (first && *first != x)
      return std::nullopt;
    first = x;
  }
  return first;
}

struct NullifyRedundantQuantizationZeroPoint
    : public mil::impl::NullifyRedundantQuantizationZeroPointBase<
          NullifyRedundantQuantizationZeroPoint> {
  void runOnOperation() override {
    namer.emplace(getOperation());
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody())
        runOnBlock(block);
    numRebuilt = rebuilt;
  }

private:
  void runOnBlock(Block &block) {
    bool changed = true;
    while (changed) {
      changed = false;
      // Ops erased in this sweep; a new op may reuse an erased one's memory.
      llvm::DenseSet<Operation *> sweepErased;
      llvm::DenseSet<Operation *> *outer = erased;
      erased = &sweepErased;
      SmallVector<Operation *> ops;
      for (Operation &op : block)
        ops.push_back(&op);
      for (Operation *op : ops) {
        if (erased->contains(op))
          continue;
        for (Region &region : op->getRegions())
          for (Block &nested : region) {
            runOnBlock(nested);
            erased = &sweepErased;
          }
        if (tryZeroPoint0(op) || tryConstDequantize128(op))
          continue;
        changed |= tryPair128(op);
      }
      erased = outer;
    }
  }

  void replace(Operation *old, Value replacement) {
    old->getResult(0).replaceAllUsesWith(replacement);
    erased->insert(old);
    old->erase();
    ++rebuilt;
  }

  bool tryZeroPoint0(Operation *op) {
    if (!isa<QuantizeOp, DequantizeOp>(op))
      return false;
    QuantParamsView p = getQuantParams(op);
    if (!p.zeroPoint || uniformZeroPoint(p.zeroPoint) != 0)
      return false;
    OpBuilder b(op);
    Value out;
    if (isa<QuantizeOp>(op))
      out = buildQuantize(b, op->getLoc(), p.input, Value(), p.scale, p.axis,
                          p.outputDtype, namer->next("quantize"));
    else
      out = buildDequantize(b, op->getLoc(), p.input, Value(), p.scale, p.axis,
                            namer->next("dequantize"));
    replace(op, out);
    return true;
  }

  bool tryConstDequantize128(Operation *op) {
    auto dequantize = dyn_cast<DequantizeOp>(op);
    if (!dequantize)
      return false;
    QuantParamsView p = getQuantParams(op);
    std::optional<int64_t> zp =
        p.zeroPoint ? uniformZeroPoint(p.zeroPoint) : std::nullopt;
    if (zp != -128 && zp != 128)
      return false;
    auto cst = p.input.getDefiningOp<ConstOp>();
    auto dense = cst ? dyn_cast<DenseElementsAttr>(cst.getVal()) : nullptr;
    if (!dense)
      return false;
    // -128: int8 + 128 as uint8; +128: uint8 - 128 as int8.
    bool toUnsigned = *zp == -128;
    Type elem = IntegerType::get(op->getContext(), 8,
                                 toUnsigned ? IntegerType::Unsigned
                                            : IntegerType::Signless);
    auto type = dense.getType().clone(elem);
    SmallVector<APInt> shifted;
    for (const APInt &v : dense.getValues<APInt>())
      shifted.push_back(toUnsigned ? v + 128 : v - 128);
    OpBuilder b(op);
    std::string name = namer->next("dequantize");
    auto input = b.create<ConstOp>(op->getLoc(), type,
                                   DenseElementsAttr::get(type, shifted));
    input->setAttr(MILDialect::kNameAttr, b.getStringAttr(name + "_input_0"));
    replace(op, buildDequantize(b, op->getLoc(), input, Value(), p.scale,
                                p.axis, name));
    return true;
  }

  bool tryPair128(Operation *op) {
    auto quantize = dyn_cast<QuantizeOp>(op);
    if (!quantize)
      return false;
    QuantParamsView q = getQuantParams(op);
    std::optional<int64_t> zp =
        q.zeroPoint ? uniformZeroPoint(q.zeroPoint) : std::nullopt;
    if (zp != -128 && zp != 128)
      return false;
    Operation *child = soleUser(quantize.getResult());
    auto dequantize = dyn_cast_or_null<DequantizeOp>(child);
    if (!dequantize)
      return false;
    QuantParamsView d = getQuantParams(dequantize);
    if (!d.zeroPoint || uniformZeroPoint(d.zeroPoint) != zp)
      return false;
    OpBuilder b(dequantize);
    Location loc = op->getLoc();
    std::string qName = namer->next("quantize");
    Value dtype = createStringConst(b, loc, *zp == -128 ? "uint8" : "int8",
                                    qName + "_output_dtype_0");
    Value newQ =
        buildQuantize(b, loc, q.input, Value(), q.scale, q.axis, dtype, qName);
    Value newD = buildDequantize(b, loc, newQ, Value(), d.scale, d.axis,
                                 namer->next("dequantize"));
    replace(dequantize, newD);
    erased->insert(quantize);
    quantize->erase();
    return true;
  }

  std::optional<AutoNamer> namer;
  llvm::DenseSet<Operation *> *erased = nullptr;
  unsigned rebuilt = 0;
};

} // namespace
