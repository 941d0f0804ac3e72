//===- Image.td - MIL Image ops ------------------------------*- tablegen -*-===//
//
// Image resizing, cropping and resampling (coremltools ops/defs/iOS15,
// iOS16 and iOS17 image_resizing.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_IMAGE_TD
#define MIL_IMAGE_TD

include "MILBase.td"

//===----------------------------------------------------------------------===//
// Type domains specific to the image ops
//===----------------------------------------------------------------------===//

// Scale factors of the upsample ops ("U": fp32, int32).
def MIL_Image_ScaleFactor : MIL_ScalarOf<[F32, MIL_Int32]>;
// `resample` coordinates ("U"): int32, fp32 (iOS15); + fp16 (iOS16);
// + int8, uint8, int16, uint16 (iOS17).
def MIL_Image_Coordinates
    : MIL_TensorOf<[MIL_Int8, MIL_UInt8, MIL_Int16, MIL_UInt16, MIL_Int32, F16,
                    F32]>;
// iOS17 `crop_resize` boxes ("BOX_T") and box indices ("BOX_INDEX_T").
def MIL_Image_Boxes : MIL_TensorOf<[F16, F32, MIL_UInt16]>;
def MIL_Image_BoxIndices : MIL_TensorOf<[MIL_UInt16, MIL_Int32]>;
// iOS17 `resize` target shape ("U").
def MIL_Image_ResizeShape
    : MIL_TensorOf<[MIL_Int32, MIL_Int16, MIL_UInt16, MIL_UInt32]>;
def MIL_Image_UInt32Scalar : MIL_ScalarOf<[MIL_UInt32]>;
def MIL_Image_Fp32Scalar : MIL_ScalarOf<[F32]>;

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

def MIL_UpsampleNearestNeighborOp
    : MIL_PureOp<"upsample_nearest_neighbor"> {
  let summary = "nearest-neighbor upsampling of the last two dims by scale "
                "factors";
  let description = [{
    MIL `upsample_nearest_neighbor` (iOS15+, unchanged since): `x` is
    `[*D, H1, W1]` with rank >= 3; the result is `[*D, H2, W2]` with
    `H2 = floor(H1 * scale_factor_height)` and likewise for the width. The
    two scale factors share one dtype (int32 or fp32).
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_Image_ScaleFactor>:$scale_factor_height,
                       Optional<MIL_Image_ScaleFactor>:$scale_factor_width);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ResizeNearestNeighborOp : MIL_PureOp<"resize_nearest_neighbor"> {
  let summary = "nearest-neighbor resize of the last two dims to a target "
                "size";
  let description = [{
    MIL `resize_nearest_neighbor` (iOS15+, unchanged since): `x` is
    `[*D, H1, W1]` with rank >= 3; the result is
    `[*D, target_size_height, target_size_width]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Scalar:$target_size_height,
                       MIL_Int32Scalar:$target_size_width);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_UpsampleBilinearOp : MIL_PureOp<"upsample_bilinear"> {
  let summary = "bilinear upsampling of the last two dims by scale factors";
  let description = [{
    MIL `upsample_bilinear`: iOS15 takes `x`, the two scale factors (int32 or
    fp32, one dtype for both) and `align_corners`; iOS16 adds the optional
    `half_pixel_centers`. `x` is `[*D, H1, W1]` with rank >= 3.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_Image_ScaleFactor>:$scale_factor_height,
                       Optional<MIL_Image_ScaleFactor>:$scale_factor_width,
                       Optional<MIL_BoolScalar>:$align_corners,
                       Optional<MIL_BoolScalar>:$half_pixel_centers);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ResizeBilinearOp : MIL_PureOp<"resize_bilinear"> {
  let summary = "bilinear resize of the last two dims to a target size";
  let description = [{
    MIL `resize_bilinear` (iOS15+, unchanged since): `x` is `[*D, H1, W1]`
    with rank >= 3; the result is `[*D, target_size_height,
    target_size_width]`. `sampling_mode` is one of STRICT_ALIGN_CORNERS,
    ALIGN_CORNERS, UNALIGN_CORNERS, DEFAULT or OFFSET_CORNERS.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_Int32Scalar>:$target_size_height,
                       Optional<MIL_Int32Scalar>:$target_size_width,
                       Optional<MIL_StringScalar>:$sampling_mode);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_CropResizeOp : MIL_PureOp<"crop_resize"> {
  let summary = "crops boxes out of an image batch and resizes them "
                "bilinearly";
  let description = [{
    MIL `crop_resize`. `x` is `[B, C, H, W]` in every opset.

    - iOS15: the boxes come as `roi`, `[N, 1, 4 or 5, 1, 1]` of the dtype of
      `x`; the result is `[N, B, C, target_height, target_width]`.
    - iOS16: adds the optional `pad_value`.
    - iOS17: `roi` is replaced by `boxes` (`[N, 4]`, fp16, fp32 or uint16)
      and the optional `box_indices` (`[N]`, uint16 or int32); the result is
      `[N, C, target_height, target_width]`.

    The op carries the union of these inputs: exactly one of `roi` and
    `boxes` is given, and `box_indices` only with `boxes`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_FloatTensor>:$roi,
                       Optional<MIL_Image_Boxes>:$boxes,
                       Optional<MIL_Image_BoxIndices>:$box_indices,
                       Optional<MIL_Int32Scalar>:$target_height,
                       Optional<MIL_Int32Scalar>:$target_width,
                       Optional<MIL_BoolScalar>:$normalized_coordinates,
                       Optional<MIL_Image_Fp32Scalar>:$spatial_scale,
                       Optional<MIL_StringScalar>:$box_coordinate_mode,
                       Optional<MIL_StringScalar>:$sampling_mode,
                       Optional<MIL_FloatScalar>:$pad_value);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_CropOp : MIL_PureOp<"crop"> {
  let summary = "crops the last two dims by fixed amounts";
  let description = [{
    MIL `crop` (iOS15+, unchanged since): `x` is `[*D, H1, W1]` with
    rank >= 3; `crop_height` and `crop_width` hold two values each (amounts
    cut from either side); the result is `[*D, H2, W2]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$crop_height,
                       MIL_Int32Tensor:$crop_width);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_AffineOp : MIL_PureOp<"affine"> {
  let summary = "applies a 2-D affine transform to an image batch";
  let description = [{
    MIL `affine` (iOS15+, unchanged since): `x` is `[B, C, H1, W1]`,
    `transform_matrix` is `[B or 1, 6]` (`[a0, a1, a2, b0, b1, b2]`) of the
    dtype of `x`; the result is `[B, C, output_height, output_width]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$transform_matrix,
                       MIL_Int32Scalar:$output_height,
                       MIL_Int32Scalar:$output_width,
                       MIL_StringScalar:$sampling_mode,
                       MIL_StringScalar:$padding_mode,
                       MIL_FloatScalar:$padding_value,
                       MIL_StringScalar:$coordinates_mode,
                       MIL_BoolScalar:$align_corners);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ResampleOp : MIL_PureOp<"resample"> {
  let summary = "samples an image batch at given coordinates";
  let description = [{
    MIL `resample`: `x` is `[B, C, H1, W1]`, `coordinates` is
    `[B, H2, W2, 2]`; the result is `[B, C, H2, W2]`. The dtype domain of
    `coordinates` grows with the opset: int32 and fp32 (iOS15), plus fp16
    (iOS16), plus int8, uint8, int16 and uint16 (iOS17).
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Image_Coordinates:$coordinates,
                       MIL_StringScalar:$sampling_mode,
                       MIL_StringScalar:$padding_mode,
                       MIL_FloatScalar:$padding_value,
                       MIL_StringScalar:$coordinates_mode,
                       MIL_BoolScalar:$align_corners);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ResizeOp : MIL_PureOp<"resize"> {
  let summary = "resizes the trailing dims of a tensor to a dynamic shape";
  let description = [{
    MIL `resize` (iOS17+): the last `resized_dims` dims of the result come
    from the tail of `shape` (a 0 keeps the dim of `x`), the others from `x`.
    `shape` is 1-D with no more elements than `x` has dims.
    `interpolation_mode` is LINEAR or NEAREST_NEIGHBOR.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_Image_ResizeShape:$shape,
                       MIL_Image_UInt32Scalar:$resized_dims,
                       Optional<MIL_StringScalar>:$interpolation_mode,
                       Optional<MIL_StringScalar>:$sampling_mode);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_IMAGE_TD
