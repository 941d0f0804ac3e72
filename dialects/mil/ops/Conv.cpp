//===- Conv.cpp - MIL Conv ops ---------------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"
#include "VerifyUtils.h"

using namespace mlir;
using namespace mil;
using namespace mil::verify;

#define GET_OP_CLASSES
#include "mil/Dialect/ConvOps.cpp.inc"

namespace {
/// The operands and facts the conv-like ops share. Absent optional operands
/// are null values.
struct ConvLikeOperands {
  Value x, weight, bias, strides, pad, dilations, groups, outputShape, output;
  /// Dim of `weight` that holds the output channels (per group for
  /// conv_transpose): 0 for `[C_out, C_in / groups, *K]`, 1 for
  /// `[C_in, C_out / groups, *K]`.
  unsigned outChannelsDim;
  /// Whether `weight` is `[C_out, C_in / groups, *K]` (conv) rather than
  /// `[C_in, C_out / groups, *K]` (conv_transpose).
  bool isTranspose;
};
} // namespace

/// The checks conv, conv_quantized and conv_transpose share: ranks, the
/// lengths of the per-spatial-dim vectors, batch and channel agreement, and
/// the element types that must match.
static LogicalResult verifyConvLike(Operation *op, const ConvLikeOperands &o) {
  RankedTensorType x = ranked(o.x), weight = ranked(o.weight),
                   bias = ranked(o.bias), output = ranked(o.output);
  auto xElem = cast<ShapedType>(o.x.getType()).getElementType();
  auto outElem = cast<ShapedType>(o.output.getType()).getElementType();
  if (outElem != xElem)
    return op->emitOpError()
           << "result 'output' must have the element type of 'x' (" << xElem
           << "), got " << outElem;
  if (o.bias && cast<ShapedType>(o.bias.getType()).getElementType() !=
                    cast<ShapedType>(o.weight.getType()).getElementType())
    return op->emitOpError()
           << "input 'bias' must have the element type of 'weight'";

  if (bias && bias.getRank() != 1)
    return op->emitOpError()
           << "input 'bias' must be 1-D ([C_out]), got rank " << bias.getRank();
  if (!x)
    return success();
  int64_t rank = x.getRank();
  if (rank < 3 || rank > 5)
    return op->emitOpError() << "input 'x' must have rank 3, 4 or 5 "
                                "([n, C_in, *d_in] with 1 to 3 spatial dims), "
                                "got "
                             << rank;
  int64_t spatial = rank - 2;
  if (weight && weight.getRank() != rank)
    return op->emitOpError() << "input 'weight' must have the rank of 'x' ("
                             << rank << "), got " << weight.getRank();
  if (failed(verifyVector(op, o.strides, "strides", spatial,
                          "one per spatial dim")) ||
      failed(verifyVector(op, o.dilations, "dilations", spatial,
                          "one per spatial dim")) ||
      failed(
          verifyVector(op, o.pad, "pad", 2 * spatial, "two per spatial dim")) ||
      failed(verifyVector(op, o.outputShape, "output_shape", rank,
                          "one per dim of 'x'")))
    return failure();
  if (output && output.getRank() != rank)
    return op->emitOpError() << "result 'output' must have the rank of 'x' ("
                             << rank << "), got " << output.getRank();
  if (output && isStatic(x.getDimSize(0)) && isStatic(output.getDimSize(0)) &&
      x.getDimSize(0) != output.getDimSize(0))
    return op->emitOpError()
           << "result 'output' must have the batch size of 'x' ("
           << x.getDimSize(0) << "), got " << output.getDimSize(0);
  if (!weight)
    return success();

  // The output channels are weight[outChannelsDim] (times groups for
  // conv_transpose, so only known without `groups`).
  int64_t cOut = ShapedType::kDynamic;
  if (!o.isTranspose || !o.groups)
    cOut = weight.getDimSize(o.outChannelsDim);
  if (!o.isTranspose && !o.groups && isStatic(x.getDimSize(1)) &&
      isStatic(weight.getDimSize(1)) && x.getDimSize(1) != weight.getDimSize(1))
    return op->emitOpError()
           << "input 'weight' must have dim 1 equal to C_in / groups ("
           << x.getDimSize(1) << " with groups = 1), got "
           << weight.getDimSize(1);
  if (!isStatic(cOut))
    return success();
  if (bias && isStatic(bias.getDimSize(0)) && bias.getDimSize(0) != cOut)
    return op->emitOpError() << "input 'bias' must have C_out (" << cOut
                             << ") entries, got " << bias.getDimSize(0);
  if (output && isStatic(output.getDimSize(1)) && output.getDimSize(1) != cOut)
    return op->emitOpError() << "result 'output' must have C_out (" << cOut
                             << ") channels, got " << output.getDimSize(1);
  return success();
}

LogicalResult ConvOp::verify() {
  return verifyConvLike(*this, {getX(), getWeight(), getBias(), getStrides(),
                                getPad(), getDilations(), getGroups(),
                                /*outputShape=*/Value(), getOutput(),
                                /*outChannelsDim=*/0, /*isTranspose=*/false});
}

LogicalResult ConvQuantizedOp::verify() {
  Type xElem = getX().getType().getElementType();
  if (getQuantScale().getType().getElementType() != xElem)
    return emitOpError()
           << "input 'quant_scale' must have the element type of 'x'";
  if (getQuantBias().getType().getElementType() != xElem)
    return emitOpError()
           << "input 'quant_bias' must have the element type of 'x'";
  return verifyConvLike(*this, {getX(), getWeight(), getBias(), getStrides(),
                                getPad(), getDilations(), getGroups(),
                                /*outputShape=*/Value(), getOutput(),
                                /*outChannelsDim=*/0, /*isTranspose=*/false});
}

LogicalResult ConvTransposeOp::verify() {
  return verifyConvLike(*this, {getX(), getWeight(), getBias(), getStrides(),
                                getPad(), getDilations(), getGroups(),
                                getOutputShape(), getOutput(),
                                /*outChannelsDim=*/1, /*isTranspose=*/true});
}

void mil::detail::registerConvOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ConvOps.cpp.inc"
      >();
}
