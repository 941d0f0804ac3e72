//===- Image.cpp - MIL Image ops ---------------------------------*- C++
//-*-===//
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
#include "mil/Dialect/ImageOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers shared by the image ops
//===----------------------------------------------------------------------===//

/// Fails when `v` is ranked and its rank is below `minRank`.
static LogicalResult verifyMinRank(Operation *op, StringRef name, Value v,
                                   int64_t minRank) {
  RankedTensorType type = ranked(v);
  if (type && type.getRank() < minRank)
    return op->emitOpError()
           << "input '" << name << "' must have rank >= " << minRank << ", got "
           << type.getRank();
  return success();
}

/// Fails when `v` is ranked and its rank is not `rank`.
static LogicalResult verifyRank(Operation *op, StringRef name, Value v,
                                int64_t rank) {
  RankedTensorType type = ranked(v);
  if (type && type.getRank() != rank)
    return op->emitOpError() << "input '" << name << "' must have rank " << rank
                             << ", got " << type.getRank();
  return success();
}

/// Fails when dim `dim` of `v` is static and not `expected`.
static LogicalResult verifyDim(Operation *op, StringRef name, Value v,
                               int64_t dim, int64_t expected) {
  RankedTensorType type = ranked(v);
  if (!type || dim >= type.getRank() || type.isDynamicDim(dim) ||
      type.getDimSize(dim) == expected)
    return success();
  return op->emitOpError() << "input '" << name << "' must have size "
                           << expected << " in dim " << dim << ", got "
                           << type.getDimSize(dim);
}

/// Fails when the optional input `v` is present and its element type differs
/// from that of `ref`: inputs of one MIL type domain share one dtype.
static LogicalResult verifySameElementType(Operation *op, StringRef name,
                                           Value v, StringRef refName,
                                           Value ref) {
  if (!v || !ref || elementType(v) == elementType(ref))
    return success();
  return op->emitOpError() << "input '" << name
                           << "' must have the element type of '" << refName
                           << "' (" << elementType(ref) << "), got "
                           << elementType(v);
}

/// Fails when `result` does not have the element type of input `refName`.
static LogicalResult verifyResultElementType(Operation *op, Value result,
                                             StringRef refName, Value ref) {
  if (elementType(result) == elementType(ref))
    return success();
  return op->emitOpError() << "result must have the element type of '"
                           << refName << "' (" << elementType(ref) << "), got "
                           << elementType(result);
}

/// Fails when the result is ranked and its rank is not `rank`.
static LogicalResult verifyResultRank(Operation *op, Value result,
                                      int64_t rank) {
  RankedTensorType type = ranked(result);
  if (type && type.getRank() != rank)
    return op->emitOpError()
           << "result must have rank " << rank << ", got " << type.getRank();
  return success();
}

/// Fails when result dim `dim` and dim `srcDim` of input `name` are both
/// static and differ.
static LogicalResult verifyResultDimFrom(Operation *op, Value result,
                                         int64_t dim, StringRef name, Value v,
                                         int64_t srcDim) {
  RankedTensorType res = ranked(result), src = ranked(v);
  if (!res || !src || dim >= res.getRank() || srcDim >= src.getRank() ||
      res.isDynamicDim(dim) || src.isDynamicDim(srcDim) ||
      res.getDimSize(dim) == src.getDimSize(srcDim))
    return success();
  return op->emitOpError() << "result dim " << dim << " ("
                           << res.getDimSize(dim) << ") must match dim "
                           << srcDim << " of '" << name << "' ("
                           << src.getDimSize(srcDim) << ")";
}

/// The ops that only resize the last two dims of `x`: the result has the
/// element type and rank of `x`, and the leading dims of `x`.
static LogicalResult verifySpatialResize(Operation *op, Value x, Value result) {
  if (failed(verifyMinRank(op, "x", x, 3)) ||
      failed(verifyResultElementType(op, result, "x", x)))
    return failure();
  RankedTensorType xType = ranked(x);
  if (!xType)
    return success();
  if (failed(verifyResultRank(op, result, xType.getRank())))
    return failure();
  for (int64_t i = 0, e = xType.getRank() - 2; i < e; ++i)
    if (failed(verifyResultDimFrom(op, result, i, "x", x, i)))
      return failure();
  return success();
}

/// Fails when `v` is statically shaped and does not hold `count` elements.
static LogicalResult verifyNumElements(Operation *op, StringRef name, Value v,
                                       int64_t count) {
  RankedTensorType type = ranked(v);
  if (!type || !type.hasStaticShape() || type.getNumElements() == count)
    return success();
  return op->emitOpError() << "input '" << name << "' must have " << count
                           << " elements, got " << type.getNumElements();
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult UpsampleNearestNeighborOp::verify() {
  if (failed(verifySameElementType(*this, "scale_factor_width",
                                   getScaleFactorWidth(), "scale_factor_height",
                                   getScaleFactorHeight())))
    return failure();
  return verifySpatialResize(*this, getX(), getOutput());
}

LogicalResult ResizeNearestNeighborOp::verify() {
  return verifySpatialResize(*this, getX(), getOutput());
}

LogicalResult UpsampleBilinearOp::verify() {
  if (failed(verifySameElementType(*this, "scale_factor_width",
                                   getScaleFactorWidth(), "scale_factor_height",
                                   getScaleFactorHeight())))
    return failure();
  return verifySpatialResize(*this, getX(), getOutput());
}

LogicalResult ResizeBilinearOp::verify() {
  return verifySpatialResize(*this, getX(), getOutput());
}

LogicalResult CropResizeOp::verify() {
  Value x = getX(), roi = getRoi(), boxes = getBoxes(), out = getOutput();
  if (static_cast<bool>(roi) == static_cast<bool>(boxes))
    return emitOpError() << "needs exactly one of input 'roi' (iOS15, iOS16) "
                            "and input 'boxes' (iOS17+)";
  if (getBoxIndices() && !boxes)
    return emitOpError() << "input 'box_indices' needs input 'boxes'";
  if (failed(verifyRank(*this, "x", x, 4)) ||
      failed(
          verifySameElementType(*this, "pad_value", getPadValue(), "x", x)) ||
      failed(verifyResultElementType(*this, out, "x", x)))
    return failure();
  if (roi) {
    // iOS15/iOS16: roi [N, 1, 4 or 5, 1, 1] -> [N, B, C, h, w].
    if (failed(verifyRank(*this, "roi", roi, 5)) ||
        failed(verifySameElementType(*this, "roi", roi, "x", x)) ||
        failed(verifyResultRank(*this, out, 5)) ||
        failed(verifyResultDimFrom(*this, out, 0, "roi", roi, 0)) ||
        failed(verifyResultDimFrom(*this, out, 2, "x", x, 1)))
      return failure();
    return success();
  }
  // iOS17: boxes [N, 4], box_indices [N] -> [N, C, h, w].
  Value boxIndices = getBoxIndices();
  if (failed(verifyRank(*this, "boxes", boxes, 2)) ||
      failed(verifyDim(*this, "boxes", boxes, 1, 4)) ||
      failed(verifyRank(*this, "box_indices", boxIndices, 1)))
    return failure();
  RankedTensorType boxesType = ranked(boxes);
  if (boxesType && !boxesType.isDynamicDim(0) &&
      failed(verifyDim(*this, "box_indices", boxIndices, 0,
                       boxesType.getDimSize(0))))
    return failure();
  if (failed(verifyResultRank(*this, out, 4)) ||
      failed(verifyResultDimFrom(*this, out, 0, "boxes", boxes, 0)) ||
      failed(verifyResultDimFrom(*this, out, 1, "x", x, 1)))
    return failure();
  return success();
}

LogicalResult CropOp::verify() {
  if (failed(verifyNumElements(*this, "crop_height", getCropHeight(), 2)) ||
      failed(verifyNumElements(*this, "crop_width", getCropWidth(), 2)))
    return failure();
  return verifySpatialResize(*this, getX(), getOutput());
}

LogicalResult AffineOp::verify() {
  Value x = getX(), matrix = getTransformMatrix(), out = getOutput();
  if (failed(verifyRank(*this, "x", x, 4)) ||
      failed(verifyRank(*this, "transform_matrix", matrix, 2)) ||
      failed(verifyDim(*this, "transform_matrix", matrix, 1, 6)) ||
      failed(
          verifySameElementType(*this, "transform_matrix", matrix, "x", x)) ||
      failed(verifySameElementType(*this, "padding_value", getPaddingValue(),
                                   "x", x)) ||
      failed(verifyResultElementType(*this, out, "x", x)) ||
      failed(verifyResultRank(*this, out, 4)) ||
      failed(verifyResultDimFrom(*this, out, 0, "x", x, 0)) ||
      failed(verifyResultDimFrom(*this, out, 1, "x", x, 1)))
    return failure();
  return success();
}

LogicalResult ResampleOp::verify() {
  Value x = getX(), coords = getCoordinates(), out = getOutput();
  if (failed(verifyRank(*this, "x", x, 4)) ||
      failed(verifyRank(*this, "coordinates", coords, 4)) ||
      failed(verifyDim(*this, "coordinates", coords, 3, 2)) ||
      failed(verifySameElementType(*this, "padding_value", getPaddingValue(),
                                   "x", x)))
    return failure();
  RankedTensorType xType = ranked(x), coordsType = ranked(coords);
  if (xType && coordsType && !xType.isDynamicDim(0) &&
      !coordsType.isDynamicDim(0) &&
      xType.getDimSize(0) != coordsType.getDimSize(0))
    return emitOpError() << "input 'coordinates' must have the batch size of "
                            "'x' ("
                         << xType.getDimSize(0) << ") in dim 0, got "
                         << coordsType.getDimSize(0);
  if (failed(verifyResultElementType(*this, out, "x", x)) ||
      failed(verifyResultRank(*this, out, 4)) ||
      failed(verifyResultDimFrom(*this, out, 0, "x", x, 0)) ||
      failed(verifyResultDimFrom(*this, out, 1, "x", x, 1)) ||
      failed(verifyResultDimFrom(*this, out, 2, "coordinates", coords, 1)) ||
      failed(verifyResultDimFrom(*this, out, 3, "coordinates", coords, 2)))
    return failure();
  return success();
}

LogicalResult ResizeOp::verify() {
  Value x = getX(), shape = getShape(), out = getOutput();
  if (failed(verifyRank(*this, "shape", shape, 1)))
    return failure();
  RankedTensorType xType = ranked(x), shapeType = ranked(shape);
  if (xType && shapeType && !shapeType.isDynamicDim(0) &&
      shapeType.getDimSize(0) > xType.getRank())
    return emitOpError() << "input 'shape' must have at most rank(x) ("
                         << xType.getRank() << ") elements, got "
                         << shapeType.getDimSize(0);
  if (failed(verifyResultElementType(*this, out, "x", x)))
    return failure();
  if (xType && failed(verifyResultRank(*this, out, xType.getRank())))
    return failure();
  return success();
}

void mil::detail::registerImageOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ImageOps.cpp.inc"
      >();
}
