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

/// MIL crop_resize `box_coordinate_mode`.
enum class BoxCoordinateMode {
  CornersHeightFirst,    ///< [h_start, w_start, h_end, w_end]
  CornersWidthFirst,     ///< [w_start, h_start, w_end, h_end]
  CenterSizeHeightFirst, ///< [h_center, w_center, height, width]
  CenterSizeWidthFirst,  ///< [w_center, h_center, width, height]
};

/// Parses the four names above ("CORNERS_HEIGHT_FIRST", ...); false
/// otherwise.
bool parseBoxCoordinateMode(const std::string &name, BoxCoordinateMode &mode);

struct CropResizeParams {
  int64_t targetHeight = 1, targetWidth = 1;
  /// Coordinates in [0, 1], scaled by (H - 1) and (W - 1).
  bool normalizedCoordinates = false;
  /// Multiplies the (scaled) coordinates.
  float spatialScale = 1.0f;
  BoxCoordinateMode boxMode = BoxCoordinateMode::CornersHeightFirst;
  ResizeSamplingMode samplingMode = ResizeSamplingMode::Default;
  /// iOS16 `pad_value`: the value of samples outside the image.
  float padValue = 0.0f;
};

/// MIL `crop_resize` on x [B, C, H, W]. `roi` holds numBoxes rows of
/// roiWidth values (MIL's [N, 1, 4 or 5, 1, 1] flattened): with 5, the
/// first is the batch index of the box (outside [0, B): every sample is
/// padValue). out is [N, B, C, th, tw] for roiWidth 4 (every box on every
/// image) and [N, 1, C, th, tw] for 5. Each box [start, end] per dimension
/// (length L = end - start) is sampled with resize_bilinear's convention
/// for `samplingMode` over an input grid [0, L] shifted to start: ALIGN /
/// STRICT_ALIGN_CORNERS start + o * L / (m - 1) (m == 1: the middle /
/// start, TensorFlow's crop_and_resize); DEFAULT start + o * (L + 1) / m;
/// UNALIGN start + (o + 0.5) * (L + 1) / m - 0.5; OFFSET start + (o + 0.5) *
/// max(1, L) / m; clamped to the box. Samples outside [0, H - 1] x
/// [0, W - 1] are padValue, the others bilinear.
void cropResize(const float *x, const Shape &xShape, const float *roi,
                int64_t numBoxes, int64_t roiWidth,
                const CropResizeParams &params, float *out);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_RESAMPLE_H
