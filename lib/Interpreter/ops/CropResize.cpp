//===- CropResize.cpp - crop_resize
//----------------------------------------===//
//
// Part of mil-mlir. Both forms of crop_resize on the kernel of
// mil/Interpreter/Kernels/Resample.h: iOS15/16 `roi` [N, 1, 4 or 5, 1, 1]
// (result [N, B or 1, C, h, w]) and iOS17 `boxes` [N, 4] with
// `box_indices` (default 0..N-1; result [N, C, h, w]).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include "mil/Interpreter/Kernels/Resample.h"

using namespace mlir;
using namespace mil::interp;
namespace k = mil::kernels;

namespace {

LogicalResult cropResize(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  k::CropResizeParams params;
  params.targetHeight = ctx.getInt("target_height", 1);
  params.targetWidth = ctx.getInt("target_width", 1);
  params.normalizedCoordinates = ctx.getBool("normalized_coordinates", false);
  params.spatialScale = ctx.getFloat("spatial_scale", 1.0);
  params.padValue = ctx.getFloat("pad_value", 0.0);
  std::string boxMode =
      ctx.getString("box_coordinate_mode", "CORNERS_HEIGHT_FIRST");
  std::string sampling = ctx.getString("sampling_mode", "DEFAULT");
  if (ctx.failed())
    return failure();
  // coremltools' default input spells it so; programs can carry it.
  if (boxMode == "CONRNERS_HEIGHT_FIRST")
    boxMode = "CORNERS_HEIGHT_FIRST";
  if (!k::parseBoxCoordinateMode(boxMode, params.boxMode))
    return ctx.error("unknown box_coordinate_mode '" + boxMode + "'");
  if (!k::parseResizeSamplingMode(sampling, params.samplingMode))
    return ctx.error("unknown sampling_mode '" + sampling + "'");
  if (x.rank() != 4)
    return ctx.error("x must have rank 4, has shape " +
                     shapeToString(x.shape()));
  if (params.targetHeight <= 0 || params.targetWidth <= 0)
    return ctx.error("target size " + Twine(params.targetHeight) + "x" +
                     Twine(params.targetWidth) + " is not positive");
  int64_t batch = x.shape()[0], c = x.shape()[1];
  std::vector<float> roi;
  int64_t numBoxes, roiWidth;
  SmallVector<int64_t> shape;
  if (ctx.has("boxes")) {
    const Tensor &boxes = ctx.in("boxes");
    if (ctx.failed())
      return failure();
    if (boxes.rank() != 2 || boxes.shape()[1] != 4)
      return ctx.error("boxes must be [N, 4], is " +
                       shapeToString(boxes.shape()));
    numBoxes = boxes.shape()[0];
    std::vector<int64_t> indices;
    if (ctx.has("box_indices")) {
      indices = ctx.getInts("box_indices");
      if (ctx.failed())
        return failure();
      if (static_cast<int64_t>(indices.size()) != numBoxes)
        return ctx.error("box_indices must have " + Twine(numBoxes) +
                         " entries, has " + Twine(indices.size()));
    } else {
      for (int64_t i = 0; i < numBoxes; ++i)
        indices.push_back(i);
    }
    for (int64_t i : indices)
      if (i < 0 || i >= batch)
        return ctx.error("box index " + Twine(i) + " is outside [0, " +
                         Twine(batch) + ")");
    std::vector<float> bv = boxes.toFloats();
    roiWidth = 5;
    for (int64_t i = 0; i < numBoxes; ++i) {
      roi.push_back(static_cast<float>(indices[i]));
      roi.insert(roi.end(), bv.begin() + 4 * i, bv.begin() + 4 * i + 4);
    }
    shape = {numBoxes, c, params.targetHeight, params.targetWidth};
  } else {
    const Tensor &r = ctx.in("roi");
    if (ctx.failed())
      return failure();
    if (r.rank() != 5 || r.shape()[1] != 1 ||
        (r.shape()[2] != 4 && r.shape()[2] != 5) || r.shape()[3] != 1 ||
        r.shape()[4] != 1)
      return ctx.error("roi must be [N, 1, 4 or 5, 1, 1], is " +
                       shapeToString(r.shape()));
    numBoxes = r.shape()[0];
    roiWidth = r.shape()[2];
    roi = r.toFloats();
    shape = {numBoxes, roiWidth == 4 ? batch : 1, c, params.targetHeight,
             params.targetWidth};
  }
  if (!checkResultSize(ctx, shape))
    return failure();
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<float> sx, out(n);
  k::cropResize(x.floats(sx), OpContext::toShape(x.shape()), roi.data(),
                numBoxes, roiWidth, params, out.data());
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

} // namespace

void mil::interp::registerCropResizeOps(OpRegistry &r) {
  r["crop_resize"] = cropResize;
}
