//===- Normalization.cpp - MIL Normalization ops ---------------*- C++ -*-===//
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
#include "mil/Dialect/NormalizationOps.cpp.inc"

namespace {
/// A named input of a normalization op; `value` is null when absent.
struct NamedInput {
  StringRef name;
  Value value;
};
} // namespace

/// Checks that `v` (named `name`) has `shape` where both are static.
static LogicalResult verifyShapeLike(Operation *op, StringRef kind,
                                     StringRef name, RankedTensorType v,
                                     ArrayRef<int64_t> shape,
                                     StringRef shapeDesc) {
  if (!v)
    return success();
  auto error = [&]() {
    return op->emitOpError()
           << kind << " '" << name << "' must have the shape of " << shapeDesc
           << " (" << formatShape(shape) << "), got "
           << formatShape(v.getShape());
  };
  if (v.getRank() != static_cast<int64_t>(shape.size()))
    return error();
  for (auto [a, b] : llvm::zip_equal(v.getShape(), shape))
    if (conflict(a, b))
      return error();
  return success();
}

/// The checks every normalization op shares:
/// - the output has the shape and element type of `x`;
/// - `x` has a rank in [minRank, maxRank] (maxRank < 0: unbounded);
/// - the float parameters `params` (the iOS17 domain "U") share one element
///   type;
/// - the per-channel vectors `channelVectors` are `[C]`, C = x.shape[1].
static LogicalResult verifyNormalization(Operation *op, Value x, Value output,
                                         int64_t minRank, int64_t maxRank,
                                         ArrayRef<NamedInput> params,
                                         ArrayRef<NamedInput> channelVectors) {
  if (elementType(output) != elementType(x))
    return op->emitOpError()
           << "result 'output' must have the element type of 'x' ("
           << elementType(x) << "), got " << elementType(output);
  const NamedInput *first = nullptr;
  for (const NamedInput &param : params) {
    if (!param.value)
      continue;
    if (!first) {
      first = &param;
      continue;
    }
    if (elementType(param.value) != elementType(first->value))
      return op->emitOpError()
             << "input '" << param.name << "' must have the element type of '"
             << first->name << "' (" << elementType(first->value) << "), got "
             << elementType(param.value);
  }

  RankedTensorType xType = ranked(x);
  if (!xType)
    return success();
  int64_t rank = xType.getRank();
  if (rank < minRank || (maxRank >= 0 && rank > maxRank)) {
    InFlightDiagnostic diag = op->emitOpError() << "input 'x' must have rank ";
    if (maxRank < 0)
      diag << "at least " << minRank;
    else
      diag << minRank << " to " << maxRank;
    return diag << ", got " << rank;
  }
  if (failed(verifyShapeLike(op, "result", "output", ranked(output),
                             xType.getShape(), "'x'")))
    return failure();
  for (const NamedInput &vec : channelVectors)
    if (failed(verifyShapeLike(op, "input", vec.name, ranked(vec.value),
                               {xType.getDimSize(1)},
                               "[C] (C = dim 1 of 'x')")))
      return failure();
  return success();
}

LogicalResult BatchNormOp::verify() {
  return verifyNormalization(*this, getX(), getOutput(), 3, 5,
                             {{"mean", getMean()},
                              {"variance", getVariance()},
                              {"gamma", getGamma()},
                              {"beta", getBeta()},
                              {"epsilon", getEpsilon()}},
                             {{"mean", getMean()},
                              {"variance", getVariance()},
                              {"gamma", getGamma()},
                              {"beta", getBeta()}});
}

LogicalResult InstanceNormOp::verify() {
  return verifyNormalization(
      *this, getX(), getOutput(), 3, 4,
      {{"gamma", getGamma()}, {"beta", getBeta()}, {"epsilon", getEpsilon()}},
      {{"gamma", getGamma()}, {"beta", getBeta()}});
}

LogicalResult L2NormOp::verify() {
  return verifyNormalization(*this, getX(), getOutput(), 3, -1, {}, {});
}

LogicalResult LayerNormOp::verify() {
  if (failed(verifyNormalization(*this, getX(), getOutput(), 0, -1,
                                 {{"gamma", getGamma()},
                                  {"beta", getBeta()},
                                  {"epsilon", getEpsilon()}},
                                 {})))
    return failure();
  RankedTensorType axes = ranked(getAxes());
  if (axes && axes.getRank() != 1)
    return emitOpError() << "input 'axes' must be 1-D, got rank "
                         << axes.getRank();
  RankedTensorType x = ranked(getX());
  for (NamedInput param :
       {NamedInput{"gamma", getGamma()}, NamedInput{"beta", getBeta()}}) {
    RankedTensorType type = ranked(param.value);
    if (!type)
      continue;
    // Without `axes` every dim is normalized: the parameter is shaped as `x`.
    if (!getAxes() && x) {
      if (failed(verifyShapeLike(*this, "input", param.name, type, x.getShape(),
                                 "'x' (no 'axes' given)")))
        return failure();
      continue;
    }
    // Otherwise it has one dim per normalized axis.
    if (axes && !ShapedType::isDynamic(axes.getDimSize(0)) &&
        type.getRank() != axes.getDimSize(0))
      return emitOpError() << "input '" << param.name << "' must have rank "
                           << axes.getDimSize(0)
                           << " (one dim per entry of 'axes'), got "
                           << type.getRank();
  }
  return success();
}

LogicalResult LocalResponseNormOp::verify() {
  return verifyNormalization(
      *this, getX(), getOutput(), 3, 4,
      {{"alpha", getAlpha()}, {"beta", getBeta()}, {"k", getK()}}, {});
}

void mil::detail::registerNormalizationOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/NormalizationOps.cpp.inc"
      >();
}
