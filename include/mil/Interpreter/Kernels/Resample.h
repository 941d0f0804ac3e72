//===- Resample.h - MIL upsample and resize ---------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// All operate on the last two dimensions of x [*B, H, W] (rank >= 2; MIL
// requires >= 3); outShape is x's shape with [H_out, W_out] last, computed by
// the caller (upsample: floor(H * scale); resize: the target size).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_RESAMPLE_H
#define MIL_INTERPRETER_KERNELS_RESAMPLE_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// MIL `upsample_bilinear` (iOS16 form; iOS15 is halfPixelCenters =
/// !alignCorners). As MIL documents (PyTorch's recompute_scale_factor=True),
/// the spacing comes from the sizes, not from the scale arguments (kept for
/// the caller's convenience): along a dimension of input size n and output
/// size m, output index o samples
///   alignCorners:      o * (n - 1) / (m - 1)   (0 when m == 1)
///   halfPixelCenters:  (o + 0.5) * n / m - 0.5
///   neither:           o * n / m
/// clamped to [0, n - 1], by linear interpolation.
void upsampleBilinear(const float *x, const Shape &xShape, float scaleH,
                      float scaleW, bool alignCorners, bool halfPixelCenters,
                      float *out, const Shape &outShape);

/// MIL `upsample_nearest_neighbor`: source index min(floor(o / scale),
/// n - 1) along each of the last two dimensions (PyTorch's nearest with a
/// scale_factor).
void upsampleNearestNeighbor(const float *x, const Shape &xShape, float scaleH,
                             float scaleW, float *out, const Shape &outShape);

/// MIL `resize_bilinear` sampling_mode.
enum class ResizeSamplingMode {
  StrictAlignCorners,
  AlignCorners,
  Default,
  OffsetCorners,
  UnalignCorners,
};

/// Parses "STRICT_ALIGN_CORNERS", "ALIGN_CORNERS", "DEFAULT",
/// "OFFSET_CORNERS", "UNALIGN_CORNERS"; false otherwise.
bool parseResizeSamplingMode(const std::string &name, ResizeSamplingMode &mode);

/// MIL `resize_bilinear` to outShape's last two dimensions. Output index o
/// (input size n, output size m) samples, as coremltools documents:
///   STRICT_ALIGN_CORNERS: o * (n - 1) / (m - 1)   (0 when m == 1)
///   ALIGN_CORNERS:        likewise, but (n - 1) / 2 when m == 1
///   DEFAULT:              o * n / m
///   OFFSET_CORNERS:       (o + 0.5) * max(1, n - 1) / m
///   UNALIGN_CORNERS:      (o + 0.5) * n / m - 0.5
/// clamped to [0, n - 1], by linear interpolation.
void resizeBilinear(const float *x, const Shape &xShape,
                    ResizeSamplingMode mode, float *out, const Shape &outShape);

/// MIL `resize_nearest_neighbor`: source index
/// min(floor(o * n / m), n - 1) (TensorFlow's, align_corners false).
void resizeNearestNeighbor(const float *x, const Shape &xShape, float *out,
                           const Shape &outShape);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_RESAMPLE_H
