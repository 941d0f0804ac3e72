//===- Quantization.td - MIL Quantization ops ----------------*- tablegen -*-===//
//
// Activation quantization (coremltools ops/defs/iOS17/quantization_ops.py).
// The constexpr_* weight decompression ops are in Constexpr.td.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_QUANTIZATION_TD
#define MIL_QUANTIZATION_TD

include "MILBase.td"

// The quantized dtypes: uint8 and int8.
def MIL_Quantization_Int8Tensor : MIL_TensorOf<[MIL_UInt8, MIL_Int8]>;

def MIL_QuantizeOp : MIL_PureOp<"quantize"> {
  let summary = "affine quantization of a float tensor to 8 bits";
  let description = [{
    MIL `quantize` (iOS17+, unchanged since): computes
    `clip(round(input / scale) + zero_point)`. `scale` has the dtype of
    `input` (fp16 or fp32); `scale` and `zero_point` are both scalars or
    both vectors along `axis` (given exactly when they are vectors). The
    result has the shape of `input` and the dtype named by `output_dtype`
    ("uint8" or "int8"), which is also the dtype of `zero_point`.
  }];
  let arguments = (ins MIL_FloatTensor:$input,
                       Optional<MIL_Quantization_Int8Tensor>:$zero_point,
                       MIL_FloatTensor:$scale,
                       Optional<MIL_Int32Scalar>:$axis,
                       MIL_StringScalar:$output_dtype);
  let results = (outs MIL_Quantization_Int8Tensor:$output);
  let hasVerifier = 1;
}

def MIL_DequantizeOp : MIL_PureOp<"dequantize"> {
  let summary = "affine dequantization of an 8-bit tensor";
  let description = [{
    MIL `dequantize` (iOS17+, unchanged since): computes
    `scale * (input - zero_point)`. `zero_point` has the dtype of `input`
    (uint8 or int8); `scale` and `zero_point` are both scalars or both
    vectors along `axis` (given exactly when they are vectors). The result
    has the shape of `input` and the dtype of `scale` (fp16 or fp32).
  }];
  let arguments = (ins MIL_Quantization_Int8Tensor:$input,
                       Optional<MIL_Quantization_Int8Tensor>:$zero_point,
                       MIL_FloatTensor:$scale,
                       Optional<MIL_Int32Scalar>:$axis);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_QUANTIZATION_TD
