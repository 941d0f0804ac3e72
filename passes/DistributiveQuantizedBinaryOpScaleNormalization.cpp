//===- DistributiveQuantizedBinaryOpScaleNormalization.cpp ----------------===//
//
// Part of mil-mlir. coremltools'
// common::distributive_quantized_binary_op_scale_normalization: for
// dequantize(s_x), dequantize(s_y) -> add/sub (-> relu) -> quantize(s_z),
// the inputs are rescaled to s_x/s_y and 1 and the output to s_z/s_y (fp32
// divisions of the scales), so that a backend fuses one input scale. Only a
// scalar s_y is handled (x and y are swapped when only s_x is scalar);
// results out of fp16 range leave the op alone.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

#include <cmath>

namespace mil {
#define GEN_PASS_DEF_DISTRIBUTIVEQUANTIZEDBINARYOPSCALENORMALIZATION
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

/// True when s is out of what fp16 holds (overflow or below its smallest
/// subnormal).
bool outOfHalfRange(float s) {
  float smallest = std::ldexp(1.0f, -24);
  return std::fabs(s) > 65504.0f || std::fabs(s) < smallest;
}

struct DistributiveQuantizedBinaryOpScaleNormalization
    : public mil::impl::DistributiveQuantizedBinaryOpScaleNormalizationBase<
          DistributiveQuantizedBinaryOpScaleNormalization> {
  void runOnOperation() override {
    namer.emplace(getOperation());
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody())
        runOnBlock(block);
    numNormalized = normalized;
  }

private:
  void runOnBlock(Block &block) {
    SmallVector<Operation *> ops;
    for (Operation &op : block)
      ops.push_back(&op);
    for (Operation *op : ops) {
      for (Region &region : op->getRegions())
        for (Block &nested : region)
          runOnBlock(nested);
      if (!isa<AddOp, SubOp>(op))
        continue;
      Operation *tail = op;
      if (Operation *child = soleUser(op->getResult(0));
          child && isa<ReluOp>(child))
        tail = child;
      auto dx = op->getOperand(0).getDefiningOp<DequantizeOp>();
      auto dy = op->getOperand(1).getDefiningOp<DequantizeOp>();
      auto qz = dyn_cast_or_null<QuantizeOp>(soleUser(tail->getResult(0)));
      if (!dx || !dy || !qz)
        continue;
      // Only z is guaranteed to keep its value.
      if (isBlockOutput(dx) || isBlockOutput(dy) ||
          isBlockOutput(op->getResult(0)) ||
          isBlockOutput(tail->getResult(0)) || isBlockOutput(qz))
        continue;
      transform(op, dx, dy, qz);
    }
  }

  /// s_x/s_y and s_z/s_y in fp32, when s_y is a scalar and both fit fp16.
  std::optional<std::pair<float, float>>
  divide(DequantizeOp dx, DequantizeOp dy, QuantizeOp qz) {
    if (dy.getAxis())
      return std::nullopt;
    std::optional<double> sx = scalarConstValue(dx.getScale());
    std::optional<double> sy = scalarConstValue(dy.getScale());
    std::optional<double> sz = scalarConstValue(qz.getScale());
    if (!sx || !sy || !sz)
      return std::nullopt;
    float x = static_cast<float>(*sx) / static_cast<float>(*sy);
    float z = static_cast<float>(*sz) / static_cast<float>(*sy);
    if (outOfHalfRange(x) || outOfHalfRange(z))
      return std::nullopt;
    return std::make_pair(x, z);
  }

  void transform(Operation *op, DequantizeOp dx, DequantizeOp dy,
                 QuantizeOp qz) {
    std::optional<std::pair<float, float>> scales = divide(dx, dy, qz);
    if (!scales) {
      std::swap(dx, dy);
      scales = divide(dx, dy, qz);
      if (!scales)
        return;
    }
    auto elem = [](Value scale) {
      return cast<ShapedType>(scale.getType()).getElementType();
    };
    OpBuilder b(op);
    Location loc = op->getLoc();
    std::string xName = namer->next("dequantize");
    Value xScale = createScalarConst(b, loc, elem(dx.getScale()), scales->first,
                                     xName + "_scale_0");
    Value newX = buildDequantize(b, loc, dx.getInput(), dx.getZeroPoint(),
                                 xScale, dx.getAxis(), xName);
    std::string yName = namer->next("dequantize");
    Value yScale =
        createScalarConst(b, loc, elem(dy.getScale()), 1.0, yName + "_scale_0");
    Value newY = buildDequantize(b, loc, dy.getInput(), dy.getZeroPoint(),
                                 yScale, dy.getAxis(), yName);
    b.setInsertionPoint(qz);
    std::string zName = namer->next("quantize");
    Value zScale = createScalarConst(b, loc, elem(qz.getScale()),
                                     scales->second, zName + "_scale_0");
    Value newZ =
        buildQuantize(b, qz.getLoc(), qz.getInput(), qz.getZeroPoint(), zScale,
                      qz.getAxis(), qz.getOutputDtype(), zName);
    for (OpOperand &operand : op->getOpOperands()) {
      if (operand.get() == dx.getResult())
        operand.set(newX);
      else if (operand.get() == dy.getResult())
        operand.set(newY);
    }
    qz.getResult().replaceAllUsesWith(newZ);
    qz->erase();
    ++normalized;
  }

  std::optional<AutoNamer> namer;
  unsigned normalized = 0;
};

} // namespace
