//===- TensorTransformation.td - MIL tensor transforms -----*- tablegen -*-===//
//
// Tensor transformations (coremltools ops/defs/iOS15/tensor_transformation.py,
// iOS16/, iOS17/ and iOS18/tensor_transformation.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TENSOR_TRANSFORMATION_TD
#define MIL_TENSOR_TRANSFORMATION_TD

include "MILBase.td"

//===----------------------------------------------------------------------===//
// Family type domains
//===----------------------------------------------------------------------===//

// The iOS17 data domain "T": fp16, fp32, int8, int16, int32, uint8, uint16,
// bool. It contains every earlier domain of the family's data inputs
// (fp16/fp32/int32/bool in iOS15, fp16/fp32/int32 for sliding_windows).
def MIL_TensorTr_DataTensor
    : MIL_TensorOf<[F16, F32, MIL_Int8, MIL_Int16, MIL_Int32, MIL_UInt8,
                    MIL_UInt16, MIL_Bool]>;
// The iOS17 index domain "U": int8, int16, int32 (int32 only before iOS17).
def MIL_TensorTr_IndexTensor : MIL_TensorOf<[MIL_Int8, MIL_Int16, MIL_Int32]>;
// pixel_unshuffle's downscale factor.
def MIL_TensorTr_UInt32Scalar : MIL_ScalarOf<[MIL_UInt32]>;

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

def MIL_DepthToSpaceOp : MIL_PureOp<"depth_to_space"> {
  let summary = "moves channel data into spatial blocks";
  let description = [{
    MIL `depth_to_space` (iOS15+, unchanged since): `x` is `[n, C, H, W]`;
    the output is `[n, C / bs^2, H * bs, W * bs]` for `block_size` bs.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Scalar:$block_size);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ExpandDimsOp : MIL_PureOp<"expand_dims"> {
  let summary = "inserts size-1 dimensions";
  let description = [{
    MIL `expand_dims`: inserts a dimension of size 1 at each of `axes`.
    iOS15: `x` is fp16, fp32, int32 or bool; iOS17 adds int8, int16, uint8,
    uint16.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_Int32Tensor:$axes);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_ReshapeOp : MIL_PureOp<"reshape"> {
  let summary = "same elements, new shape";
  let description = [{
    MIL `reshape`: `shape` is a 1-D tensor (entries may be -1, or 0 to copy a
    dimension of `x`). iOS15: `x` is fp16, fp32, int32 or bool, `shape`
    int32. iOS17: `x` adds int8, int16, uint8, uint16, `shape` adds int8 and
    int16, and 0 entries match `x`'s dimensions from the right (no longer
    requiring `len(shape) == rank(x)`).
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_TensorTr_IndexTensor:$shape);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_ReshapeLikeOp : MIL_PureOp<"reshape_like"> {
  let summary = "reshapes to dimensions taken from reference tensors";
  let description = [{
    MIL `reshape_like` (iOS16+): the output shape concatenates
    `ref_tensors[i].shape[begins[i]:ends[i]]` (or `[begins[i]:]` when
    `end_masks[i]`) over the four tuples, which have one length. iOS16: `x`
    is fp16, fp32, int32 or bool; iOS17 adds int8, int16, uint8, uint16.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       Variadic<MIL_AnyTensor>:$ref_tensors,
                       Variadic<MIL_Int32Scalar>:$begins,
                       Variadic<MIL_Int32Scalar>:$ends,
                       Variadic<MIL_BoolScalar>:$end_masks);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_ReverseOp : MIL_PureOp<"reverse"> {
  let summary = "reverses a tensor along axes";
  let description = [{
    MIL `reverse`: reverses `x` along `axes` (default: all). iOS15: `x` is
    fp16, fp32, int32 or bool; iOS17 adds int8, int16, uint8, uint16.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       Optional<MIL_Int32Tensor>:$axes);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_ReverseSequenceOp : MIL_PureOp<"reverse_sequence"> {
  let summary = "reverses variable-length prefixes along an axis";
  let description = [{
    MIL `reverse_sequence`: for each slice along `batch_axis`, reverses the
    first `lengths[i]` elements along `seq_axis`. iOS15: `x` is fp16, fp32,
    int32 or bool and `lengths` int32; iOS17 adds int8, int16, uint8, uint16
    for `x` and int8, int16 for `lengths`.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_TensorTr_IndexTensor:$lengths,
                       Optional<MIL_Int32Scalar>:$seq_axis,
                       Optional<MIL_Int32Scalar>:$batch_axis);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_SliceByIndexOp : MIL_PureOp<"slice_by_index"> {
  let summary = "numpy-style strided slice";
  let description = [{
    MIL `slice_by_index`: `x[begin:end:stride]` per dimension, with masks to
    ignore `begin`/`end` or to index (squeeze) a dimension. `begin`, `end`,
    `stride` and the masks have length `rank(x)`. iOS15: `x` is fp16, fp32,
    int32 or bool and the indices int32; iOS17 adds int8, int16, uint8,
    uint16 for `x` and int8, int16 for `begin`, `end`, `stride` (one type).
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_TensorTr_IndexTensor:$begin,
                       MIL_TensorTr_IndexTensor:$end,
                       Optional<MIL_TensorTr_IndexTensor>:$stride,
                       Optional<MIL_BoolTensor>:$begin_mask,
                       Optional<MIL_BoolTensor>:$end_mask,
                       Optional<MIL_BoolTensor>:$squeeze_mask);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_SliceBySizeOp : MIL_PureOp<"slice_by_size"> {
  let summary = "slice given a start index and a size per dimension";
  let description = [{
    MIL `slice_by_size`: `begin` and `size` are 1-D of length `rank(x)`; a
    size of -1 takes the rest of the dimension. iOS15: `x` is fp16, fp32,
    int32 or bool and `begin`/`size` int32; iOS17 adds int8, int16, uint8,
    uint16 for `x` and int8, int16 for `begin`/`size` (one type).
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_TensorTr_IndexTensor:$begin,
                       MIL_TensorTr_IndexTensor:$size);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_SpaceToDepthOp : MIL_PureOp<"space_to_depth"> {
  let summary = "moves spatial blocks into channels";
  let description = [{
    MIL `space_to_depth` (iOS15+, unchanged since): `x` is `[n, C, H, W]`;
    the output is `[n, C * bs^2, H / bs, W / bs]` for `block_size` bs.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Scalar:$block_size);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_SpaceToBatchOp : MIL_PureOp<"space_to_batch"> {
  let summary = "moves padded spatial blocks into the batch dimension";
  let description = [{
    MIL `space_to_batch` (iOS15+, unchanged since): `x` is `[n, C, H, W]`,
    `block_shape` is `[2]` and `paddings` is `[2, 2]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$block_shape,
                       MIL_Int32Tensor:$paddings);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_BatchToSpaceOp : MIL_PureOp<"batch_to_space"> {
  let summary = "moves batch data into cropped spatial blocks";
  let description = [{
    MIL `batch_to_space` (iOS15+, unchanged since): `x` is `[n, C, H, W]`,
    `block_shape` is `[2]` and `crops` is `[2, 2]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$block_shape,
                       MIL_Int32Tensor:$crops);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_SqueezeOp : MIL_PureOp<"squeeze"> {
  let summary = "removes size-1 dimensions";
  let description = [{
    MIL `squeeze`: removes the dimensions in `axes` (default: every size-1
    dimension) from an `x` of rank at least 1. iOS15: `x` is fp16, fp32,
    int32 or bool; iOS17 adds int8, int16, uint8, uint16.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       Optional<MIL_Int32Tensor>:$axes);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_TransposeOp : MIL_PureOp<"transpose"> {
  let summary = "permutes dimensions";
  let description = [{
    MIL `transpose`: `perm` is a permutation of length `rank(x)`. iOS15: `x`
    is fp16, fp32, int32 or bool; iOS17 adds int8, int16, uint8, uint16.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_Int32Tensor:$perm);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_PixelShuffleOp : MIL_PureOp<"pixel_shuffle"> {
  let summary = "moves channel data into spatial blocks (PyTorch order)";
  let description = [{
    MIL `pixel_shuffle` (iOS15+, unchanged since): `x` is `[n, C * f^2, H, W]`;
    the output is `[n, C, H * f, W * f]` for `upscale_factor` f.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Scalar:$upscale_factor);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_PixelUnshuffleOp : MIL_PureOp<"pixel_unshuffle"> {
  let summary = "moves spatial blocks into channels (PyTorch order)";
  let description = [{
    MIL `pixel_unshuffle` (iOS16+): `x` is `[n, C, H, W]`; the output is
    `[n, C * f^2, H / f, W / f]` for the uint32 `downscale_factor` f.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_TensorTr_UInt32Scalar:$downscale_factor);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_SlidingWindowsOp : MIL_PureOp<"sliding_windows"> {
  let summary = "windows of a given size along an axis";
  let description = [{
    MIL `sliding_windows`: the windows of `size` elements, `stride` (default
    1) apart, along `axis`; the output has one more dimension than `x`.
    iOS15: `x` is fp16, fp32 or int32; iOS17: fp16, fp32, int8, int16, int32,
    uint8, uint16 or bool.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_Int32Scalar:$axis,
                       MIL_Int32Scalar:$size,
                       Optional<MIL_Int32Scalar>:$stride);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_SliceUpdateOp : MIL_PureOp<"slice_update"> {
  let summary = "writes a tensor into a strided slice of another";
  let description = [{
    MIL `slice_update` (iOS18+): returns `x` with the slice selected as in
    `slice_by_index` replaced by `update`, which has the slice's shape and
    rank at least 1. `x` and `update` share one type among fp16, fp32, int8,
    int16, int32, uint8, uint16, bool; `begin`, `end` and `stride` share one
    of int8, int16, int32.
  }];
  let arguments = (ins MIL_TensorTr_DataTensor:$x,
                       MIL_TensorTr_DataTensor:$update,
                       MIL_TensorTr_IndexTensor:$begin,
                       MIL_TensorTr_IndexTensor:$end,
                       Optional<MIL_TensorTr_IndexTensor>:$stride,
                       Optional<MIL_BoolTensor>:$begin_mask,
                       Optional<MIL_BoolTensor>:$end_mask,
                       Optional<MIL_BoolTensor>:$squeeze_mask);
  let results = (outs MIL_TensorTr_DataTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_TENSOR_TRANSFORMATION_TD
