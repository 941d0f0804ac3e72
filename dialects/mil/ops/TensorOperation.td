//===- TensorOperation.td - MIL TensorOperation ops --------*- tablegen -*-===//
//
// Tensor operations (coremltools ops/defs/iOS15/tensor_operation.py,
// iOS16/tensor_operation.py, iOS17/tensor_operation.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TENSOR_OPERATION_TD
#define MIL_TENSOR_OPERATION_TD

include "MILBase.td"

//===----------------------------------------------------------------------===//
// Family type domains
//===----------------------------------------------------------------------===//

// fp16, fp32, int32 or bool scalar (const<T> fill values).
def MIL_TensorOp_NumBoolScalar : MIL_ScalarOf<[F16, F32, MIL_Int32, MIL_Bool]>;
// fp16, fp32 or int32 scalar (range_1d bounds).
def MIL_TensorOp_NumScalar : MIL_ScalarOf<[F16, F32, MIL_Int32]>;
// topk's "T" (iOS15/16: fp16, fp32, int32; iOS17 adds int8, int16, uint8,
// uint16).
def MIL_TensorOp_TopkTensor
    : MIL_TensorOf<[F16, F32, MIL_Int8, MIL_Int16, MIL_Int32, MIL_UInt8,
                    MIL_UInt16]>;
// topk's "K" (iOS15/16: int32; iOS17 adds int8, int16).
def MIL_TensorOp_TopkKScalar : MIL_ScalarOf<[MIL_Int8, MIL_Int16, MIL_Int32]>;
// topk's indices output (iOS17: int32 or uint16 per output_indices_dtype).
def MIL_TensorOp_TopkIndicesTensor : MIL_TensorOf<[MIL_Int32, MIL_UInt16]>;
// identity's ListOrTensorOrDictInputType.
def MIL_TensorOp_ListOrTensorOrDict
    : AnyTypeOf<[MIL_AnyTensor, MIL_AnyList, MIL_AnyDict],
                "MIL tensor, list or dict">;

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

def MIL_BandPartOp : MIL_PureOp<"band_part"> {
  let summary = "zeroes everything outside a band of the innermost matrices";
  let description = [{
    MIL `band_part` (iOS15+, unchanged since): keeps `lower` sub-diagonals and
    `upper` super-diagonals of the last two dimensions of `x` (negative: keep
    the whole triangle; both default to -1). The output has the type of `x`.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x,
                       Optional<MIL_Int32Scalar>:$lower,
                       Optional<MIL_Int32Scalar>:$upper);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_CumsumOp : MIL_PureOp<"cumsum"> {
  let summary = "cumulative sum along an axis";
  let description = [{
    MIL `cumsum` (iOS15+, unchanged since): inclusive (or `exclusive`)
    cumulative sum of `x` along `axis` (default 0), optionally in `reverse`
    order. The output has the type of `x`.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_BoolScalar>:$exclusive,
                       Optional<MIL_BoolScalar>:$reverse);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_FillOp : MIL_PureOp<"fill"> {
  let summary = "tensor of a given shape filled with a constant";
  let description = [{
    MIL `fill` (iOS15+, unchanged since): `shape` is a 1-D int32 tensor giving
    the output shape; `value` (default 0.0) is the fill value and sets the
    output element type.
  }];
  let arguments = (ins MIL_Int32Tensor:$shape,
                       Optional<MIL_TensorOp_NumBoolScalar>:$value);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_FillLikeOp : MIL_PureOp<"fill_like"> {
  let summary = "tensor shaped like a reference tensor filled with a constant";
  let description = [{
    MIL `fill_like` (iOS16+): the output has the shape of `ref_tensor` and the
    element type of `value` (default 0.0).
  }];
  let arguments = (ins MIL_NumBoolTensor:$ref_tensor,
                       Optional<MIL_TensorOp_NumBoolScalar>:$value);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_NonMaximumSuppressionOp : MIL_PureOp<"non_maximum_suppression"> {
  let summary = "non-maximum suppression of boxes by IoU";
  let description = [{
    MIL `non_maximum_suppression`. iOS15/iOS16: `boxes` is `[n, B, 4]`,
    `scores` is `[n, B, K]`, `score_threshold` is required and there are four
    outputs (boxes `[n, max_boxes, 4]`, scores `[n, max_boxes, K]`, indices
    `[n, max_boxes]`, per-batch box count `[n]`). iOS17+: `score_threshold`
    is removed, boxes are `[n, 4, B]`, scores `[n, K, B]`, and the per-batch
    count output is gone. So `score_threshold` and `num_boxes` appear
    together (iOS15 form) or not at all (iOS17 form).
  }];
  let arguments = (ins MIL_FloatTensor:$boxes,
                       MIL_FloatTensor:$scores,
                       MIL_FloatScalar:$iou_threshold,
                       Optional<MIL_FloatScalar>:$score_threshold,
                       MIL_Int32Scalar:$max_boxes,
                       Optional<MIL_BoolScalar>:$per_class_suppression);
  let results = (outs MIL_FloatTensor:$selected_boxes,
                      MIL_FloatTensor:$selected_scores,
                      MIL_Int32Tensor:$selected_indices,
                      Optional<MIL_Int32Tensor>:$num_boxes);
  let hasVerifier = 1;
}

def MIL_NonZeroOp : MIL_PureOp<"non_zero"> {
  let summary = "indices of the non-zero elements";
  let description = [{
    MIL `non_zero` (iOS15+, unchanged since): returns an int32 `[N, rank(x)]`
    tensor, one row per non-zero element of `x`.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x);
  let results = (outs MIL_Int32Tensor:$output);
  let hasVerifier = 1;
}

def MIL_OneHotOp : MIL_PureOp<"one_hot"> {
  let summary = "one-hot vectors from indices";
  let description = [{
    MIL `one_hot` (iOS15+, unchanged since): inserts a dimension of size
    `one_hot_vector_size` at `axis` (default -1); positions named by `indices`
    take `on_value` (default 1), the others `off_value` (default 0). The two
    values share their type, which is the output element type.
  }];
  let arguments = (ins MIL_Int32Tensor:$indices,
                       MIL_Int32Scalar:$one_hot_vector_size,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_TensorOp_NumBoolScalar>:$on_value,
                       Optional<MIL_TensorOp_NumBoolScalar>:$off_value);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_PadOp : MIL_PureOp<"pad"> {
  let summary = "pads the last dimensions of a tensor";
  let description = [{
    MIL `pad` (iOS15+, unchanged since): `pad` is a 1-D int32 tensor of
    `2 * N` before/after amounts for the last `N <= rank(x)` dimensions;
    `mode` is `constant` (default), `reflect` or `replicate`; `constant_val`
    (default 0) has the type of `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$pad,
                       Optional<MIL_StringScalar>:$mode,
                       Optional<MIL_FloatScalar>:$constant_val);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_Range1dOp : MIL_PureOp<"range_1d"> {
  let summary = "1-D arithmetic sequence";
  let description = [{
    MIL `range_1d` (iOS15+, unchanged since): numpy-style `arange(start, end,
    step)`. Note that MIL declares `end` first. All three inputs share their
    type, which is the output element type.
  }];
  let arguments = (ins MIL_TensorOp_NumScalar:$end,
                       MIL_TensorOp_NumScalar:$start,
                       MIL_TensorOp_NumScalar:$step);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_TileOp : MIL_PureOp<"tile"> {
  let summary = "replicates a tensor along each dimension";
  let description = [{
    MIL `tile` (iOS15+, unchanged since): dimension `i` of `x` is repeated
    `reps[i]` times; `reps` is a 1-D int32 tensor of length `rank(x)`.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x,
                       MIL_Int32Tensor:$reps);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_ArgsortOp : MIL_PureOp<"argsort"> {
  let summary = "indices that sort a tensor along an axis";
  let description = [{
    MIL `argsort` (iOS15+, unchanged since): int32 indices of the sorted
    values of `x` along `axis` (default -1), descending unless `ascending`.
    The output has the shape of `x`.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_BoolScalar>:$ascending);
  let results = (outs MIL_Int32Tensor:$output);
  let hasVerifier = 1;
}

def MIL_TopkOp : MIL_PureOp<"topk"> {
  let summary = "top or bottom k values and their indices along an axis";
  let description = [{
    MIL `topk`. iOS15: inputs `x`, `k`, `axis`, `ascending`; outputs values
    and int32 indices. iOS16 adds `sort` and `return_indices` (when false,
    only the values are returned). iOS17 widens `x` to int8/int16/uint8/
    uint16 and `k` to int8/int16, and adds `output_indices_dtype` ("int32" or
    "uint16") for the indices output.
  }];
  let arguments = (ins MIL_TensorOp_TopkTensor:$x,
                       Optional<MIL_TensorOp_TopkKScalar>:$k,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_BoolScalar>:$ascending,
                       Optional<MIL_BoolScalar>:$sort,
                       Optional<MIL_BoolScalar>:$return_indices,
                       Optional<MIL_StringScalar>:$output_indices_dtype);
  let results = (outs MIL_TensorOp_TopkTensor:$values,
                      Optional<MIL_TensorOp_TopkIndicesTensor>:$indices);
  let hasVerifier = 1;
}

def MIL_Flatten2dOp : MIL_PureOp<"flatten2d"> {
  let summary = "flattens a tensor to 2-D around an axis";
  let description = [{
    MIL `flatten2d` (iOS15+, unchanged since): the output is `[prod(d[:axis]),
    prod(d[axis:])]` for `axis` defaulting to 1.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x,
                       Optional<MIL_Int32Scalar>:$axis);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_ShapeOp : MIL_PureOp<"shape"> {
  let summary = "shape of a tensor as a 1-D int32 tensor";
  let description = [{
    MIL `shape` (iOS15+, unchanged since): a 1-D int32 tensor of length
    `rank(x)`.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x);
  let results = (outs MIL_Int32Tensor:$output);
  let hasVerifier = 1;
}

def MIL_ConcatOp : MIL_PureOp<"concat"> {
  let summary = "concatenates tensors along an axis";
  let description = [{
    MIL `concat` (iOS15+, unchanged since): `values` is a tuple of tensors of
    one rank and one element type (the source constrains no type domain; its
    documentation lists fp16, fp32, int32, bool). With `interleave`, the
    inputs are interleaved along `axis` and must all have the same shape.
  }];
  let arguments = (ins Variadic<MIL_AnyTensor>:$values,
                       MIL_Int32Scalar:$axis,
                       Optional<MIL_BoolScalar>:$interleave);
  let results = (outs MIL_AnyTensor:$output);
  let hasVerifier = 1;
}

def MIL_SplitOp : MIL_PureOp<"split"> {
  let summary = "splits a tensor into a tuple of tensors along an axis";
  let description = [{
    MIL `split` (iOS15+, unchanged since): `x` is split along `axis` into
    `num_splits` even parts or into parts of `split_sizes`; at least one of
    the two must be given. Each output has the type of `x` except along
    `axis`.
  }];
  let arguments = (ins MIL_NumBoolTensor:$x,
                       Optional<MIL_Int32Scalar>:$num_splits,
                       Optional<MIL_Int32Tensor>:$split_sizes,
                       MIL_Int32Scalar:$axis);
  let results = (outs Variadic<MIL_NumBoolTensor>:$outputs);
  let hasVerifier = 1;
}

def MIL_StackOp : MIL_PureOp<"stack"> {
  let summary = "stacks same-shaped tensors along a new axis";
  let description = [{
    MIL `stack` (iOS15+, unchanged since): `values` is a tuple of tensors of
    one shape and element type (no type domain in the source; its
    documentation lists fp16, fp32, int32, bool); the output has one more
    dimension, of size `len(values)`, at `axis`.
  }];
  let arguments = (ins Variadic<MIL_AnyTensor>:$values,
                       MIL_Int32Scalar:$axis);
  let results = (outs MIL_AnyTensor:$output);
  let hasVerifier = 1;
}

def MIL_IdentityOp : MIL_PureOp<"identity"> {
  let summary = "returns its input unchanged";
  let description = [{
    MIL `identity` (iOS15+, unchanged since): `x` is a tensor, list or dict
    and the output has exactly its type.
  }];
  let arguments = (ins MIL_TensorOp_ListOrTensorOrDict:$x);
  let results = (outs MIL_TensorOp_ListOrTensorOrDict:$output);
  let hasVerifier = 1;
}

#endif // MIL_TENSOR_OPERATION_TD
