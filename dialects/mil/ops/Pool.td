//===- Pool.td - MIL Pool ops ----------------------------------*- tablegen -*-===//
//
// Pooling (coremltools ops/defs/iOS15/pool.py; no later opset redefines
// these ops).
//
// All three take `x` (`[n, C, *D_in]`, fp16 or fp32), the const int32
// vectors `kernel_sizes` and `strides` (one entry per spatial dim) and `pad`
// (two per spatial dim), the required `pad_type` ("valid", "same", "custom",
// or from iOS16 "same_lower") and `ceil_mode`; the output is
// `[n, C, *D_out]` with the element type of `x`.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_POOL_TD
#define MIL_POOL_TD

include "MILBase.td"

def MIL_AvgPoolOp : MIL_PureOp<"avg_pool"> {
  let summary = "1-D, 2-D or 3-D average pooling";
  let description = [{
    MIL `avg_pool` (iOS15+): `x` has 1 to 3 spatial dims.
    `exclude_padding_from_average` (default false) leaves the padded zeros
    out of the average. coremltools prepends that input to the shared
    pooling inputs, so it comes first here as well.
  }];
  let arguments = (ins Optional<MIL_BoolScalar>:$exclude_padding_from_average,
                       MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$kernel_sizes,
                       Optional<MIL_Int32Tensor>:$strides,
                       MIL_StringScalar:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_BoolScalar>:$ceil_mode);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_L2PoolOp : MIL_PureOp<"l2_pool"> {
  let summary = "1-D or 2-D L2 pooling";
  let description = [{
    MIL `l2_pool` (iOS15+): `x` has 1 or 2 spatial dims.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$kernel_sizes,
                       Optional<MIL_Int32Tensor>:$strides,
                       MIL_StringScalar:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_BoolScalar>:$ceil_mode);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_MaxPoolOp : MIL_PureOp<"max_pool"> {
  let summary = "1-D, 2-D or 3-D max pooling";
  let description = [{
    MIL `max_pool` (iOS15+): `x` has 1 to 3 spatial dims.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Tensor:$kernel_sizes,
                       Optional<MIL_Int32Tensor>:$strides,
                       MIL_StringScalar:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_BoolScalar>:$ceil_mode);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_POOL_TD
