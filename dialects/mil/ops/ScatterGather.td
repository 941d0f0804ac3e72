//===- ScatterGather.td - MIL gather and scatter ops ------*- tablegen -*-===//
//
// Gathers and scatters (coremltools ops/defs/iOS15/scatter_gather.py,
// iOS16/scatter_gather.py, iOS17/scatter_gather.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_SCATTER_GATHER_TD
#define MIL_SCATTER_GATHER_TD

include "MILBase.td"

//===----------------------------------------------------------------------===//
// Type domains
//===----------------------------------------------------------------------===//

// The gathered data ("T"): fp16, fp32, int32 since iOS15; iOS17 adds int16,
// uint16, int8 and uint8.
def MIL_Gather_DataTensor
    : MIL_TensorOf<[F16, F32, MIL_Int32, MIL_Int16, MIL_UInt16, MIL_Int8,
                    MIL_UInt8]>;
// The gather indices ("I"): int32 in iOS15; iOS16 adds int16 and uint16,
// iOS17 int8 and uint8.
def MIL_Gather_IndexTensor
    : MIL_TensorOf<[MIL_Int32, MIL_Int16, MIL_UInt16, MIL_Int8, MIL_UInt8]>;

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

def MIL_GatherOp : MIL_PureOp<"gather"> {
  let summary = "gather slices of `x` along `axis` at `indices`";
  let description = [{
    MIL `gather` (iOS15+). The output has the shape
    `x.shape[:axis] + indices.shape[batch_dims:] + x.shape[axis+1:]`.

    iOS16 adds `batch_dims` and int16/uint16 `indices`; iOS17 adds
    `validate_indices`, int8/uint8 `indices`, and int8, uint8, int16 and
    uint16 `x`, and no longer accepts negative indices.
  }];
  let arguments = (ins MIL_Gather_DataTensor:$x,
                       MIL_Gather_IndexTensor:$indices,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_Int32Scalar>:$batch_dims,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_Gather_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_GatherAlongAxisOp : MIL_PureOp<"gather_along_axis"> {
  let summary = "take the values of `x` at `indices` along `axis`";
  let description = [{
    MIL `gather_along_axis` (iOS15+): `indices` has the rank of `x` and the
    output has the shape of `indices`.

    iOS16 adds int16/uint16 `indices`; iOS17 adds `validate_indices`,
    int8/uint8 `indices`, and int8, uint8, int16 and uint16 `x`.
  }];
  let arguments = (ins MIL_Gather_DataTensor:$x,
                       MIL_Gather_IndexTensor:$indices,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_Gather_DataTensor:$output);
  let hasVerifier = 1;
}

def MIL_GatherNdOp : MIL_PureOp<"gather_nd"> {
  let summary = "gather slices of `x` addressed by the last axis of `indices`";
  let description = [{
    MIL `gather_nd` (iOS15+). With `K = indices.shape`, the output has the
    shape `K[:-1] + x.shape[batch_dims + K[-1]:]`.

    iOS16 adds `batch_dims` and int16/uint16 `indices`; iOS17 adds
    `validate_indices`, int8/uint8 `indices`, and int8, uint8, int16 and
    uint16 `x`.
  }];
  let arguments = (ins MIL_Gather_DataTensor:$x,
                       MIL_Gather_IndexTensor:$indices,
                       Optional<MIL_Int32Scalar>:$batch_dims,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_Gather_DataTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

def MIL_ScatterOp : MIL_PureOp<"scatter"> {
  let summary = "combine `updates` into `data` at `indices` along `axis`";
  let description = [{
    MIL `scatter` (iOS15+): `updates` has the shape
    `data.shape[:axis] + indices.shape + data.shape[axis+1:]` and is combined
    into `data` by `mode` (update, add, sub, mul, div, max or min). The
    output has the type of `data`.

    iOS17 adds `validate_indices` and no longer accepts negative indices.
  }];
  let arguments = (ins MIL_NumTensor:$data,
                       MIL_Int32Tensor:$indices,
                       MIL_NumTensor:$updates,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_StringScalar>:$mode,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_ScatterAlongAxisOp : MIL_PureOp<"scatter_along_axis"> {
  let summary = "combine `updates` into `data` at `indices` along `axis`, "
                "element by element";
  let description = [{
    MIL `scatter_along_axis` (iOS15+): `indices` has the rank of `data` and
    `updates` the shape of `indices`; the output has the type of `data`.

    iOS17 adds `validate_indices` and no longer accepts negative indices.
  }];
  let arguments = (ins MIL_NumTensor:$data,
                       MIL_Int32Tensor:$indices,
                       MIL_NumTensor:$updates,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_StringScalar>:$mode,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_ScatterNdOp : MIL_PureOp<"scatter_nd"> {
  let summary = "combine `updates` into `data` at the slices addressed by "
                "`indices`";
  let description = [{
    MIL `scatter_nd` (iOS15+). With `K = indices.shape`, `updates` has the
    shape `K[:-1] + data.shape[K[-1]:]`; the output has the type of `data`.

    iOS17 adds `validate_indices` and no longer accepts negative indices.
  }];
  let arguments = (ins MIL_NumTensor:$data,
                       MIL_Int32Tensor:$indices,
                       MIL_NumTensor:$updates,
                       Optional<MIL_StringScalar>:$mode,
                       Optional<MIL_BoolScalar>:$validate_indices);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_SCATTER_GATHER_TD
