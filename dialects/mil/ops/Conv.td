//===- Conv.td - MIL Conv ops ----------------------------*- tablegen -*-===//
//
// Convolutions (coremltools ops/defs/iOS15/conv.py, iOS17/conv.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONV_TD
#define MIL_CONV_TD

include "MILBase.td"

// The quantized weight domain of conv_quantized ("U": uint8).
def MIL_Conv_UInt8Tensor : MIL_TensorOf<[MIL_UInt8]>;

def MIL_ConvOp : MIL_PureOp<"conv"> {
  let summary = "1-D, 2-D or 3-D convolution";
  let description = [{
    MIL `conv` (iOS15+): `x` is `[n, C_in, *d_in]` with 1 to 3 spatial dims,
    `weight` is `[C_out, C_in / groups, *K]`, `bias` is `[C_out]`; the output
    is `[n, C_out, *d_out]` with the element type of `x`. `strides` and
    `dilations` hold one value per spatial dim, `pad` two.

    iOS15 requires `x`, `weight` and `bias` to share their element type (fp16
    or fp32); from iOS17 `weight` and `bias` (still fp16 or fp32, and of one
    element type) may differ from `x`, and `bias` no longer has to be const.
    `pad_type = "same_lower"` is iOS16+.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$weight,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_Int32Tensor>:$strides,
                       Optional<MIL_StringScalar>:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_Int32Tensor>:$dilations,
                       Optional<MIL_Int32Scalar>:$groups);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ConvQuantizedOp : MIL_PureOp<"conv_quantized"> {
  let summary = "convolution with uint8-quantized weights (experimental)";
  let description = [{
    MIL `conv_quantized` (iOS15+, experimental; not redefined by later
    opsets): a `conv` whose uint8 `weight` and `bias` are dequantized as
    `W = W_quantized * quant_scale + quant_bias`. `quantization_type` is
    `"linear"` or `"lut"`, `nbits` (default 8) is in [1, 8]. `x`,
    `quant_scale`, `quant_bias` and the output share one element type.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Conv_UInt8Tensor:$weight,
                       Optional<MIL_Conv_UInt8Tensor>:$bias,
                       MIL_StringScalar:$quantization_type,
                       Optional<MIL_Int32Scalar>:$nbits,
                       MIL_FloatTensor:$quant_scale,
                       MIL_FloatTensor:$quant_bias,
                       Optional<MIL_Int32Tensor>:$strides,
                       Optional<MIL_StringScalar>:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_Int32Tensor>:$dilations,
                       Optional<MIL_Int32Scalar>:$groups);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ConvTransposeOp : MIL_PureOp<"conv_transpose"> {
  let summary = "1-D, 2-D or 3-D transposed convolution (deconvolution)";
  let description = [{
    MIL `conv_transpose` (iOS15+): `x` is `[n, C_in, *D_in]` with 1 to 3
    spatial dims, `weight` is `[C_in, C_out / groups, *K]`, `bias` is
    `[C_out]`; the output is `[n, C_out, *D_out]` (or `output_shape` when
    given) with the element type of `x`.

    iOS15 requires a const `weight` and one element type (fp16 or fp32) for
    `x`, `weight` and `bias`; from iOS17 `weight` need not be const and
    `weight`/`bias` (of one element type) may differ from `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$weight,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_Int32Tensor>:$output_shape,
                       Optional<MIL_StringScalar>:$pad_type,
                       Optional<MIL_Int32Tensor>:$strides,
                       Optional<MIL_Int32Tensor>:$dilations,
                       Optional<MIL_Int32Scalar>:$groups);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_CONV_TD
