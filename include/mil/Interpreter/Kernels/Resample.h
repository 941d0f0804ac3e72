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
/// !alignCorners). Source coordinate of output index o along a dimension of
/// input size n and output size m:
///   alignCorners:          o * (n - 1) / (m - 1)   (0 when m == 1)
///   halfPixelCenters:      max(0, (o + 0.5) / scale - 0.5)
///   neither:               o / scale
/// then linear interpolation between floor and floor + 1 (clamped to n - 1).
void upsampleBilinear(const float *x, const Shape &xShape, float scaleH,
                      float scaleW, bool alignCorners, bool halfPixelCenters,
                      float *out, const Shape &outShape);

/// MIL `upsample_nearest_neighbor`: source index min(floor(o / scale),
/// n - 1) along each of the last two dimensions.
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

/// MIL `resize_bilinear` to outShape's last two dimensions. Source
/// coordinate of output index o (input size n, output size m), Core ML's
/// sampling modes:
///   STRICT_ALIGN_CORNERS: o * (n - 1) / (m - 1) (m == 1: (n - 1) / 2)
///   ALIGN_CORNERS:        o * (n - 1) / (m - 1) (m == 1: 0)
///   DEFAULT:              o * n / m
///   OFFSET_CORNERS:       (o + 0.5) * n / m - 0.5, as a grid from
///                         n / m / 2 - 0.5 in steps of n / m
///   UNALIGN_CORNERS:      max(0, (o + 0.5) * n / m - 0.5)
/// clamped to [0, n - 1], then linear interpolation.
void resizeBilinear(const float *x, const Shape &xShape,
                    ResizeSamplingMode mode, float *out, const Shape &outShape);

/// MIL `resize_nearest_neighbor`: source index
/// min(floor(o * n / m), n - 1) (TensorFlow's, align_corners false).
void resizeNearestNeighbor(const float *x, const Shape &xShape, float *out,
                           const Shape &outShape);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_RESAMPLE_H
