//===- Constexpr.td - MIL constexpr (weight compression) ops -*- tablegen -*-===//
//
// The compile-time decompression ops of Core ML weight compression
// (coremltools ops/defs/iOS16/constexpr_ops.py, iOS18/compression.py).
//
// Two generations exist. The iOS16 ops (opsets CoreML6/CoreML7) carry their
// parameters as MIL op *attributes*; here they are attributes of the MLIR op
// under the MIL names, each holding the MIL value as an ElementsAttr (scalars
// are rank-0 tensors: `axis = dense<0> : tensor<i32>`,
// `output_dtype = dense<"fp32"> : tensor<!mil.string>`), as the importer
// produces them. The iOS18 ops (CoreML8+) take their parameters as MIL
// *inputs*; here they are operands, usually produced by `mil.const` or by
// another constexpr op (chaining). `constexpr_lut_to_dense`,
// `constexpr_sparse_to_dense` and `constexpr_cast` exist in both generations:
// each is one MLIR op accepting either form, chosen by the enclosing
// function's opset. `constexpr_affine_dequantize` only exists in the iOS16
// (attribute) form and keeps it in every opset.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONSTEXPR_TD
#define MIL_CONSTEXPR_TD

include "MILBase.td"

//===----------------------------------------------------------------------===//
// Type domains
//===----------------------------------------------------------------------===//

// IndicesT: the palette index dtypes of iOS18 LUTs (nbits = bit width).
def MIL_Constexpr_IndicesTensor
    : MIL_TensorOf<[MIL_UInt1, MIL_UInt2, MIL_UInt3, MIL_UInt4, MIL_UInt6,
                    MIL_UInt8]>;
// T of the LUT ops: uint8, int8, fp16, fp32.
def MIL_Constexpr_LutTensor
    : MIL_TensorOf<[MIL_UInt8, MIL_Int8, F16, F32]>;
// SrcT/OffsetT of the shift-scale ops and T of iOS18 sparse_to_dense:
// int4, uint4, int8, uint8, fp16, fp32.
def MIL_Constexpr_QuantTensor
    : MIL_TensorOf<[MIL_Int4, MIL_UInt4, MIL_Int8, MIL_UInt8, F16, F32]>;
// A uint1 bit mask whose shape is the dense shape.
def MIL_Constexpr_MaskTensor : MIL_TensorOf<[MIL_UInt1]>;
def MIL_Constexpr_Fp16Tensor : MIL_TensorOf<[F16]>;
def MIL_Constexpr_Fp32Tensor : MIL_TensorOf<[F32]>;
// vector_axis: the domain is int32; that it is a scalar is checked by the
// verifier, after the LUT checks, as coremltools orders it.
def MIL_Constexpr_Int32Tensor : MIL_TensorOf<[MIL_Int32]>;

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

// A constexpr op that has both the iOS16 attribute form and the iOS18
// operand form. Its iOS18 operands are all optional (absent in the attribute
// form); the verifier enforces that exactly one form is used.
class MIL_Constexpr_DualFormOp<string mnemonic, list<Trait> props = []>
    : MIL_PureOp<mnemonic, props> {
  // Operands named `<mil name>_input` print and import under the MIL name
  // (see MIL_ArgName); the attribute of the iOS16 form takes the plain name.
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// iOS16 only
//===----------------------------------------------------------------------===//

def MIL_ConstexprAffineDequantizeOp
    : MIL_PureOp<"constexpr_affine_dequantize"> {
  let summary = "compile-time affine dequantization (iOS16)";
  let description = [{
    MIL `constexpr_affine_dequantize` (iOS16, used unchanged by later
    opsets, always in the attribute form):
    `output = scale * (quantized_data - zero_point)`, computed in fp32 and
    cast to the `scale` dtype. `quantized_data` is uint8/int8 of rank >= 1;
    `zero_point` (uint8/int8/fp32) and `scale` (fp16/fp32) are scalars or
    vectors along `axis`. The output has the shape of `quantized_data` and the
    dtype of `scale`.

    ```mlir
    %w = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>,
        quantized_data = dense<[[1, 2], [3, 4]]> : tensor<2x2xui8>,
        scale = dense<[0.5, 0.25]> : tensor<2xf16>,
        zero_point = dense<0> : tensor<ui8>, name = "w"} : () -> tensor<2x2xf16>
    ```
  }];
  let arguments = (ins ElementsAttr:$quantized_data,
                       ElementsAttr:$zero_point,
                       ElementsAttr:$scale,
                       ElementsAttr:$axis);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Both generations
//===----------------------------------------------------------------------===//

def MIL_ConstexprCastOp : MIL_Constexpr_DualFormOp<"constexpr_cast"> {
  let summary = "compile-time cast of an fp16 constant to fp32";
  let description = [{
    MIL `constexpr_cast`: `output = fp32(source_val)`; `output_dtype` must be
    `"fp32"`. iOS16 form (CoreML6/CoreML7): the attributes `source_val`
    (fp16 tensor) and `output_dtype` (string). iOS18 form (CoreML8+): the
    inputs `source_val` and `output_dtype` (operands, C++ accessors
    `getSourceValInput()`/`getOutputDtypeInput()`).

    ```mlir
    %y = mil.constexpr_cast {source_val = dense<1.0> : tensor<4xf16>,
        output_dtype = dense<"fp32"> : tensor<!mil.string>}
        : () -> tensor<4xf32>
    %z = mil.constexpr_cast source_val(%s) output_dtype(%d)
        : (tensor<4xf16>, tensor<!mil.string>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Optional<MIL_Constexpr_Fp16Tensor>:$source_val_input,
                       Optional<MIL_StringScalar>:$output_dtype_input,
                       OptionalAttr<ElementsAttr>:$source_val,
                       OptionalAttr<ElementsAttr>:$output_dtype);
  let results = (outs MIL_Constexpr_Fp32Tensor:$output);
}

def MIL_ConstexprLutToDenseOp
    : MIL_Constexpr_DualFormOp<"constexpr_lut_to_dense"> {
  let summary = "compile-time look-up-table decompression (palettization)";
  let description = [{
    MIL `constexpr_lut_to_dense`.

    iOS16 form (CoreML6/CoreML7), attributes: `indices` (uint8 vector of
    n-bit indices packed LSB first), `lut` (uint8/int8/fp16/fp32 vector of
    2, 4, 16, 64 or 256 entries, nbits = log2 of its size) and `shape`
    (uint32 vector, the output shape).

    iOS18 form (CoreML8+), inputs: `indices` (uint1/2/3/4/6/8, rank K >= 1,
    unpacked, output-shaped), `lut` (rank K + 2:
    `[G_0, ..., G_{K-1}, NUM_PALETTES, VECTOR_SIZE]` with
    `NUM_PALETTES = 2^nbits(indices)`) and optional `vector_axis` (int32
    scalar, required when `VECTOR_SIZE > 1`). The output is `indices`-shaped
    with `shape[vector_axis] *= VECTOR_SIZE`. C++ accessors of the operands:
    `getIndicesInput()`, `getLutInput()`, `getVectorAxis()`.

    ```mlir
    %w = mil.constexpr_lut_to_dense indices(%i) lut(%l)
        : (tensor<4x2xui2>, tensor<2x1x4x1xf16>) -> tensor<4x2xf16>
    ```
  }];
  let arguments = (ins Optional<MIL_Constexpr_IndicesTensor>:$indices_input,
                       Optional<MIL_Constexpr_LutTensor>:$lut_input,
                       Optional<MIL_Constexpr_Int32Tensor>:$vector_axis,
                       OptionalAttr<ElementsAttr>:$indices,
                       OptionalAttr<ElementsAttr>:$lut,
                       OptionalAttr<ElementsAttr>:$shape);
  let results = (outs MIL_Constexpr_LutTensor:$output);
}

def MIL_ConstexprSparseToDenseOp
    : MIL_Constexpr_DualFormOp<"constexpr_sparse_to_dense"> {
  let summary = "compile-time sparse (bit mask) decompression";
  let description = [{
    MIL `constexpr_sparse_to_dense`: zeros, with `nonzero_data` written in
    row-major order at the positions the mask sets.

    iOS16 form (CoreML6/CoreML7), attributes: `nonzero_data`
    (uint8/int8/fp16/fp32 vector), `mask` (uint8 vector, one bit per output
    element, LSB first) and `shape` (uint32 vector, the output shape).

    iOS18 form (CoreML8+), inputs: `nonzero_data`
    (int4/uint4/int8/uint8/fp16/fp32 vector) and `mask` (uint1, its shape is
    the output shape). C++ accessors of the operands:
    `getNonzeroDataInput()`, `getMaskInput()`.

    ```mlir
    %w = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m)
        : (tensor<2xf16>, tensor<2x2xui1>) -> tensor<2x2xf16>
    ```
  }];
  let arguments = (ins Optional<MIL_Constexpr_QuantTensor>:$nonzero_data_input,
                       Optional<MIL_Constexpr_MaskTensor>:$mask_input,
                       OptionalAttr<ElementsAttr>:$nonzero_data,
                       OptionalAttr<ElementsAttr>:$mask,
                       OptionalAttr<ElementsAttr>:$shape);
  let results = (outs MIL_Constexpr_QuantTensor:$output);
}

//===----------------------------------------------------------------------===//
// iOS18 only
//===----------------------------------------------------------------------===//

def MIL_ConstexprBlockwiseShiftScaleOp
    : MIL_PureOp<"constexpr_blockwise_shift_scale"> {
  let summary = "compile-time block-wise dequantization (iOS18)";
  let description = [{
    MIL `constexpr_blockwise_shift_scale` (iOS18):
    `output[i] = scale[j] * (data[i] - offset[j])` with
    `j_k = i_k / (data.shape[k] / scale.shape[k])`. `scale` has the rank of
    `data` and each of its dims divides the matching dim of `data`; `offset`
    has the shape of `scale` and, unless float, the dtype of `data`. The
    output has the shape of `data` and the dtype of `scale`.

    ```mlir
    %w = mil.constexpr_blockwise_shift_scale data(%q) scale(%s)
        : (tensor<8x8xi4>, tensor<8x1xf16>) -> tensor<8x8xf16>
    ```
  }];
  let arguments = (ins MIL_Constexpr_QuantTensor:$data,
                       MIL_FloatTensor:$scale,
                       Optional<MIL_Constexpr_QuantTensor>:$offset);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ConstexprLutToSparseOp : MIL_PureOp<"constexpr_lut_to_sparse"> {
  let summary = "compile-time de-palettization of sparse data (iOS18)";
  let description = [{
    MIL `constexpr_lut_to_sparse` (iOS18): de-palettizes the non-zero
    entries of a sparse tensor. `indices_mask` (uint1) gives the dense shape,
    `indices_nonzero_data` (uint1..uint8 vector) the indices of the set
    positions, `lut` and `vector_axis` are as in the iOS18
    `constexpr_lut_to_dense` with `indices.shape := indices_mask.shape`.

    Outputs: `output_mask` (uint1, `indices_mask`'s shape with
    `shape[vector_axis] *= VECTOR_SIZE`) and `output_nonzero_data`
    (the LUT dtype, `[D * VECTOR_SIZE]`).

    ```mlir
    %m, %d = mil.constexpr_lut_to_sparse indices_mask(%mask)
        indices_nonzero_data(%idx) lut(%lut)
        : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x1xf16>)
        -> (tensor<4x6xui1>, tensor<9xf16>)
    ```
  }];
  let arguments = (ins MIL_Constexpr_MaskTensor:$indices_mask,
                       MIL_Constexpr_IndicesTensor:$indices_nonzero_data,
                       MIL_Constexpr_LutTensor:$lut,
                       Optional<MIL_Constexpr_Int32Tensor>:$vector_axis);
  let results = (outs MIL_Constexpr_MaskTensor:$output_mask,
                      MIL_Constexpr_LutTensor:$output_nonzero_data);
  let hasVerifier = 1;
}

def MIL_ConstexprSparseBlockwiseShiftScaleOp
    : MIL_PureOp<"constexpr_sparse_blockwise_shift_scale"> {
  let summary = "compile-time block-wise dequantization of sparse data "
                "(iOS18)";
  let description = [{
    MIL `constexpr_sparse_blockwise_shift_scale` (iOS18): dequantizes the
    non-zero entries of a sparse tensor. `data_mask` (uint1) gives the dense
    shape, `nonzero_data` the values at its set positions; `scale` and
    `offset` are as in `constexpr_blockwise_shift_scale`, shaped against the
    dense tensor.

    Outputs: `output_mask` (the input mask) and `output_nonzero_data`
    (`scale`'s dtype, `[D]`).

    ```mlir
    %m, %d = mil.constexpr_sparse_blockwise_shift_scale data_mask(%mask)
        nonzero_data(%q) scale(%s)
        : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>)
        -> (tensor<4x4xui1>, tensor<9xf16>)
    ```
  }];
  let arguments = (ins MIL_Constexpr_MaskTensor:$data_mask,
                       MIL_Constexpr_QuantTensor:$nonzero_data,
                       MIL_FloatTensor:$scale,
                       Optional<MIL_Constexpr_QuantTensor>:$offset);
  let results = (outs MIL_Constexpr_MaskTensor:$output_mask,
                      MIL_FloatTensor:$output_nonzero_data);
  let hasVerifier = 1;
}

#endif // MIL_CONSTEXPR_TD
