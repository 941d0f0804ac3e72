// RUN: mil-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Form and opset
//===----------------------------------------------------------------------===//

mil.function @mixed_forms() -> tensor<5xf16> attributes {opset = "CoreML8"} {
  %l = mil.const dense<0.0> : tensor<1x4x1xf16> {name = "l"}
  // expected-error @+1 {{mixes the iOS16 attribute form (attribute 'indices') with the iOS18 input form (input 'lut'); use one form}}
  %0 = mil.constexpr_lut_to_dense lut(%l) {indices = dense<[108, 3]> : tensor<2xui8>} : (tensor<1x4x1xf16>) -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @attribute_form_in_coreml8() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{uses the iOS16 attribute form, but the enclosing function's opset CoreML8 needs the iOS18 input form (operands)}}
  %0 = mil.constexpr_cast {source_val = dense<1.0> : tensor<2xf16>, output_dtype = dense<"fp32"> : tensor<!mil.string>} : () -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @operand_form_in_coreml7() -> tensor<2x2xf16> attributes {opset = "CoreML7"} {
  %d = mil.const dense<0.0> : tensor<2xf16> {name = "d"}
  %m = mil.const dense<[[1, 1], [0, 0]]> : tensor<2x2xui1> {name = "m"}
  // expected-error @+1 {{uses the iOS18 input form, which needs opset CoreML8 or later, but the enclosing function's opset is CoreML7 (use the iOS16 attribute form there)}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<2xf16>, tensor<2x2xui1>) -> tensor<2x2xf16>
  mil.return %0 : tensor<2x2xf16>
}

// -----

mil.function @ios18_op_in_coreml7() -> tensor<8x8xf16> attributes {opset = "CoreML7"} {
  %d = mil.const dense<0> : tensor<8x8xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf16> {name = "s"}
  // expected-error @+1 {{uses the iOS18 input form, which needs opset CoreML8 or later, but the enclosing function's opset is CoreML7}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi8>, tensor<8x1xf16>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @constexpr_in_coreml5() -> tensor<2xf16> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{needs opset CoreML6 (iOS16) or later, but the enclosing function's opset is CoreML5}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @missing_ios16_attribute() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{requires the iOS16 attribute 'shape'}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf16>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @missing_ios18_input() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  %s = mil.const dense<0.0> : tensor<2xf16> {name = "s"}
  // expected-error @+1 {{requires the iOS18 input 'output_dtype'}}
  %0 = mil.constexpr_cast source_val(%s) : (tensor<2xf16>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @no_parameters() -> tensor<2xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{requires the iOS18 input 'nonzero_data'}}
  %0 = mil.constexpr_sparse_to_dense : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @affine_dequantize_missing_axis() -> tensor<2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{requires attribute 'axis'}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_affine_dequantize
//===----------------------------------------------------------------------===//

mil.function @affine_dequantize_data_dtype() -> tensor<2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'quantized_data' must hold uint8 or int8 values, got fp16}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1.0, 2.0]> : tensor<2xf16>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @affine_dequantize_zero_point_dtype() -> tensor<2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'zero_point' must hold uint8, int8 or fp32 values, got int32}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<i32>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @affine_dequantize_scale_dtype() -> tensor<2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'scale' must hold fp16 or fp32 values, got int8}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1> : tensor<i8>, axis = dense<0> : tensor<i32>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @affine_dequantize_scalar_data() -> tensor<f16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'quantized_data' must have rank >= 1, got a scalar}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<ui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<f16>
  mil.return %0 : tensor<f16>
}

// -----

mil.function @affine_dequantize_axis() -> tensor<2x3xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'axis' must be in [-2, 2) (the rank of 'quantized_data'), got -3}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<2x3xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<-3> : tensor<i32>} : () -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

mil.function @affine_dequantize_scale_rank() -> tensor<2x3xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'scale' must be a scalar or a vector, got rank 2}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<2x3xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<2x1xf16>, axis = dense<0> : tensor<i32>} : () -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

mil.function @affine_dequantize_zero_point_length() -> tensor<2x3xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'zero_point' as a vector must have 3 elements (dim 'axis' of 'quantized_data'), got 2}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<2x3xui8>, zero_point = dense<0> : tensor<2xui8>, scale = dense<1.0> : tensor<3xf16>, axis = dense<1> : tensor<i32>} : () -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

mil.function @affine_dequantize_result_dtype() -> tensor<2xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have dtype fp16 (the dtype of 'scale'), got fp32}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @affine_dequantize_result_shape() -> tensor<3xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have shape [2] (the shape of 'quantized_data'), got [3]}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<i32>} : () -> tensor<3xf16>
  mil.return %0 : tensor<3xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_cast
//===----------------------------------------------------------------------===//

mil.function @cast_source_dtype() -> tensor<2xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'source_val' must hold fp16 values, got fp32}}
  %0 = mil.constexpr_cast {source_val = dense<1.0> : tensor<2xf32>, output_dtype = dense<"fp32"> : tensor<!mil.string>} : () -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cast_output_dtype_attribute() -> tensor<2xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{parameter 'output_dtype' must be "fp32" (the only supported output dtype), got "fp16"}}
  %0 = mil.constexpr_cast {source_val = dense<1.0> : tensor<2xf16>, output_dtype = dense<"fp16"> : tensor<!mil.string>} : () -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cast_output_dtype_input() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  %s = mil.const dense<0.0> : tensor<2xf16> {name = "s"}
  %d = mil.const dense<"int32"> : tensor<!mil.string>
  // expected-error @+1 {{parameter 'output_dtype' must be "fp32" (the only supported output dtype), got "int32"}}
  %0 = mil.constexpr_cast source_val(%s) output_dtype(%d) : (tensor<2xf16>, tensor<!mil.string>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @cast_result_shape() -> tensor<3xf32> attributes {opset = "CoreML8"} {
  %s = mil.const dense<0.0> : tensor<2xf16> {name = "s"}
  %d = mil.const dense<"fp32"> : tensor<!mil.string> {name = "d"}
  // expected-error @+1 {{result 'output' must have shape [2] (the shape of 'source_val'), got [3]}}
  %0 = mil.constexpr_cast source_val(%s) output_dtype(%d) : (tensor<2xf16>, tensor<!mil.string>) -> tensor<3xf32>
  mil.return %0 : tensor<3xf32>
}

// -----

mil.function @cast_source_input_type() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  %s = mil.const dense<0.0> : tensor<2xf32> {name = "s"}
  %d = mil.const dense<"fp32"> : tensor<!mil.string> {name = "d"}
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float values, but got 'tensor<2xf32>'}}
  %0 = mil.constexpr_cast source_val(%s) output_dtype(%d) : (tensor<2xf32>, tensor<!mil.string>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense, iOS16 form
//===----------------------------------------------------------------------===//

mil.function @lut16_indices_dtype() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'indices' must hold uint8 (packed) values, got int8}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xi8>, lut = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @lut16_lut_rank() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'lut' must have rank 1, got 2}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1.0> : tensor<4x1xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @lut16_lut_dtype() -> tensor<5xi8> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'lut' must hold uint8, int8, fp16 or fp32 values, got int32}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1> : tensor<4xi32>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xi8>
  mil.return %0 : tensor<5xi8>
}

// -----

mil.function @lut16_shape_dtype() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'shape' must hold uint32 values, got int32}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1.0> : tensor<4xf16>, shape = dense<[5]> : tensor<1xi32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @lut16_lut_size() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'lut' must have 2, 4, 16, 64 or 256 entries, got 8}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1.0> : tensor<8xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @lut16_indices_size() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'indices' must hold ceil(nbits * prod(shape) / 8) = 2 bytes for 2-bit indices, got 3}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3, 0]> : tensor<3xui8>, lut = dense<1.0> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @lut16_result_shape() -> tensor<4xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have shape [5] (the value of attribute 'shape'), got [4]}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1.0> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @lut16_result_dtype() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have dtype fp16 (the dtype of 'lut'), got fp32}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<1.0> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense, iOS18 form
//===----------------------------------------------------------------------===//

mil.function @lut18_scalar_indices() -> tensor<f16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<ui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<4x1xf16> {name = "l"}
  // expected-error @+1 {{input 'indices' must have rank >= 1, got a scalar}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<ui2>, tensor<4x1xf16>) -> tensor<f16>
  mil.return %0 : tensor<f16>
}

// -----

mil.function @lut18_lut_rank() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x4x1xf16> {name = "l"}
  // expected-error @+1 {{input 'lut' must have rank 4 (2 more than 'indices': [groups..., NUM_PALETTES, VECTOR_SIZE]), got 3}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xui2>, tensor<1x4x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

mil.function @lut18_groups() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<4x1x4x1xf16> {name = "l"}
  // expected-error @+1 {{dim 0 of 'indices' (6) must be a multiple of dim 0 of 'lut' (4)}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xui2>, tensor<4x1x4x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

mil.function @lut18_nbits() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x8x1xf16> {name = "l"}
  // expected-error @+1 {{input 'lut' has 8 palettes (dim 2), so nbits is 3 and 'indices' must be uint3, got uint2}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xui2>, tensor<1x1x8x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

mil.function @lut18_missing_vector_axis() -> tensor<2x6x2xi8> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x2x3xi8> {name = "l"}
  // expected-error @+1 {{requires input 'vector_axis' when the last dim of 'lut' (VECTOR_SIZE) is 3 > 1}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

mil.function @lut18_vector_axis_range() -> tensor<2x6x2xi8> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x2x3xi8> {name = "l"}
  %a = mil.const dense<3> : tensor<i32>
  // expected-error @+1 {{input 'vector_axis' must be in [-3, 3) (the rank of 'indices'), got 3}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>, tensor<i32>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

mil.function @lut18_result_shape() -> tensor<2x6x2xi8> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x2x3xi8> {name = "l"}
  %a = mil.const dense<-1> : tensor<i32>
  // expected-error @+1 {{result 'output' must have shape [2, 2, 6] (the shape of 'indices', with dim 'vector_axis' times VECTOR_SIZE), got [2, 6, 2]}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>, tensor<i32>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

mil.function @lut18_result_dtype() -> tensor<6x2xf32> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x4x1xf16> {name = "l"}
  // expected-error @+1 {{result 'output' must have dtype fp16 (the dtype of 'lut'), got fp32}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xui2>, tensor<1x1x4x1xf16>) -> tensor<6x2xf32>
  mil.return %0 : tensor<6x2xf32>
}

// -----

mil.function @lut18_indices_type() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xi8> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x4x1xf16> {name = "l"}
  // expected-error @+1 {{operand #0 must be tensor of uint1 or uint2 or uint3 or uint4 or uint6 or uint8 values}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xi8>, tensor<1x1x4x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense
//===----------------------------------------------------------------------===//

mil.function @sparse16_data_dtype() -> tensor<5xi8> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'nonzero_data' must hold uint8, int8, fp16 or fp32 values, got int32}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1, 2]> : tensor<2xi32>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xi8>
  mil.return %0 : tensor<5xi8>
}

// -----

mil.function @sparse16_data_rank() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'nonzero_data' must have rank 1, got 2}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<1x2xf16>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @sparse16_mask_dtype() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'mask' must hold uint8 (packed bits) values, got uint1}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<2xf16>, mask = dense<[false, false, true, true, false]> : tensor<5xui1>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @sparse16_shape_dtype() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'shape' must hold uint32 values, got int64}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<2xf16>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xi64>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @sparse16_mask_size() -> tensor<9xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'mask' must hold ceil(prod(shape) / 8) = 2 bytes, got 1}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<2xf16>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[9]> : tensor<1xui32>} : () -> tensor<9xf16>
  mil.return %0 : tensor<9xf16>
}

// -----

mil.function @sparse16_result_shape() -> tensor<1x5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have shape [5] (the value of attribute 'shape'), got [1, 5]}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<2xf16>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<1x5xf16>
  mil.return %0 : tensor<1x5xf16>
}

// -----

mil.function @sparse16_result_dtype() -> tensor<5xui8> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have dtype fp16 (the dtype of 'nonzero_data'), got uint8}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<1.0> : tensor<2xf16>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xui8>
  mil.return %0 : tensor<5xui8>
}

// -----

mil.function @sparse18_data_rank() -> tensor<2x2xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0.0> : tensor<1x2xf16> {name = "d"}
  %m = mil.const dense<[[1, 0], [0, 0]]> : tensor<2x2xui1> {name = "m"}
  // expected-error @+1 {{input 'nonzero_data' must have rank 1, got 2}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<1x2xf16>, tensor<2x2xui1>) -> tensor<2x2xf16>
  mil.return %0 : tensor<2x2xf16>
}

// -----

mil.function @sparse18_result_shape() -> tensor<4xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0.0> : tensor<2xf16> {name = "d"}
  %m = mil.const dense<[[1, 1], [0, 0]]> : tensor<2x2xui1> {name = "m"}
  // expected-error @+1 {{result 'output' must have shape [2, 2] (the shape of 'mask'), got [4]}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<2xf16>, tensor<2x2xui1>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @sparse18_result_dtype() -> tensor<2x2xi8> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<2xi4> {name = "d"}
  %m = mil.const dense<[[1, 1], [0, 0]]> : tensor<2x2xui1> {name = "m"}
  // expected-error @+1 {{result 'output' must have dtype int4 (the dtype of 'nonzero_data'), got int8}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<2xi4>, tensor<2x2xui1>) -> tensor<2x2xi8>
  mil.return %0 : tensor<2x2xi8>
}

// -----

mil.function @sparse18_mask_type() -> tensor<2x2xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0.0> : tensor<2xf16> {name = "d"}
  %m = mil.const dense<0> : tensor<2x2xui8> {name = "m"}
  // expected-error @+1 {{operand #1 must be tensor of uint1 values}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<2xf16>, tensor<2x2xui8>) -> tensor<2x2xf16>
  mil.return %0 : tensor<2x2xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_blockwise_shift_scale
//===----------------------------------------------------------------------===//

mil.function @shift_scale_rank() -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8xf16> {name = "s"}
  // expected-error @+1 {{inputs 'data' and 'scale' must have the same rank, got 2 vs 1}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8xf16>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @shift_scale_scalar() -> tensor<f16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<i8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<f16> {name = "s"}
  // expected-error @+1 {{input 'data' must have rank >= 1, got a scalar}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<i8>, tensor<f16>) -> tensor<f16>
  mil.return %0 : tensor<f16>
}

// -----

mil.function @shift_scale_blocks() -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x3xf16> {name = "s"}
  // expected-error @+1 {{dim 1 of 'data' (8) must be a multiple of dim 1 of 'scale' (3)}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8x3xf16>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @shift_scale_offset_shape() -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf16> {name = "s"}
  %o = mil.const dense<0> : tensor<8x2xi4> {name = "o"}
  // expected-error @+1 {{input 'offset' must have the shape of 'scale' ([8, 1]), got [8, 2]}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) offset(%o) : (tensor<8x8xi4>, tensor<8x1xf16>, tensor<8x2xi4>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @shift_scale_offset_dtype() -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf16> {name = "s"}
  %o = mil.const dense<0> : tensor<8x1xui4> {name = "o"}
  // expected-error @+1 {{input 'offset' must be fp16/fp32 or have the dtype of 'data' (int4), got uint4}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) offset(%o) : (tensor<8x8xi4>, tensor<8x1xf16>, tensor<8x1xui4>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @shift_scale_result_dtype() -> tensor<8x8xf32> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf16> {name = "s"}
  // expected-error @+1 {{result 'output' must have dtype fp16 (the dtype of 'scale'), got fp32}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8x1xf16>) -> tensor<8x8xf32>
  mil.return %0 : tensor<8x8xf32>
}

// -----

mil.function @shift_scale_result_shape() -> tensor<8x4xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf16> {name = "s"}
  // expected-error @+1 {{result 'output' must have shape [8, 8] (the shape of 'data'), got [8, 4]}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8x1xf16>) -> tensor<8x4xf16>
  mil.return %0 : tensor<8x4xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_lut_to_sparse
//===----------------------------------------------------------------------===//

mil.function @lut_to_sparse_data_rank() -> (tensor<4x6xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9x1xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x1xf16> {name = "l"}
  // expected-error @+1 {{input 'indices_nonzero_data' must have rank 1, got 2}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) : (tensor<4x6xui1>, tensor<9x1xui1>, tensor<1x1x2x1xf16>) -> (tensor<4x6xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x6xui1>, tensor<9xf16>
}

// -----

mil.function @lut_to_sparse_scalar_mask() -> (tensor<ui1>, tensor<1xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<1> : tensor<ui1> {name = "m"}
  %i = mil.const dense<0> : tensor<1xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<2x1xf16> {name = "l"}
  // expected-error @+1 {{input 'indices_mask' must have rank >= 1, got a scalar}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) : (tensor<ui1>, tensor<1xui1>, tensor<2x1xf16>) -> (tensor<ui1>, tensor<1xf16>)
  mil.return %0#0, %0#1 : tensor<ui1>, tensor<1xf16>
}

// -----

mil.function @lut_to_sparse_nbits() -> (tensor<4x6xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui4> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x1xf16> {name = "l"}
  // expected-error @+1 {{input 'lut' has 2 palettes (dim 2), so nbits is 1 and 'indices_nonzero_data' must be uint1, got uint4}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) : (tensor<4x6xui1>, tensor<9xui4>, tensor<1x1x2x1xf16>) -> (tensor<4x6xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x6xui1>, tensor<9xf16>
}

// -----

mil.function @lut_to_sparse_mask_shape() -> (tensor<4x6xui1>, tensor<18xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x2xf16> {name = "l"}
  %a = mil.const dense<0> : tensor<i32>
  // expected-error @+1 {{result 'output_mask' must have shape [8, 6] (the shape of 'indices_mask', with dim 'vector_axis' times VECTOR_SIZE), got [4, 6]}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) vector_axis(%a) : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x2xf16>, tensor<i32>) -> (tensor<4x6xui1>, tensor<18xf16>)
  mil.return %0#0, %0#1 : tensor<4x6xui1>, tensor<18xf16>
}

// -----

mil.function @lut_to_sparse_data_shape() -> (tensor<8x6xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x2xf16> {name = "l"}
  %a = mil.const dense<0> : tensor<i32>
  // expected-error @+1 {{result 'output_nonzero_data' must have shape [18] (the length of 'indices_nonzero_data' times VECTOR_SIZE), got [9]}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) vector_axis(%a) : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x2xf16>, tensor<i32>) -> (tensor<8x6xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<8x6xui1>, tensor<9xf16>
}

// -----

mil.function @lut_to_sparse_data_dtype() -> (tensor<4x6xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x2x1xi8> {name = "l"}
  // expected-error @+1 {{result 'output_nonzero_data' must have dtype int8 (the dtype of 'lut'), got fp16}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x1xi8>) -> (tensor<4x6xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x6xui1>, tensor<9xf16>
}

// -----

//===----------------------------------------------------------------------===//
// constexpr_sparse_blockwise_shift_scale
//===----------------------------------------------------------------------===//

mil.function @sparse_shift_scale_data_rank() -> (tensor<4x4xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<3x3xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf16> {name = "s"}
  // expected-error @+1 {{input 'nonzero_data' must have rank 1, got 2}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<4x4xui1>, tensor<3x3xi8>, tensor<1x4xf16>) -> (tensor<4x4xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<9xf16>
}

// -----

mil.function @sparse_shift_scale_rank() -> (tensor<4x4xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<4xf16> {name = "s"}
  // expected-error @+1 {{inputs 'data_mask' and 'scale' must have the same rank, got 2 vs 1}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<4x4xui1>, tensor<9xi8>, tensor<4xf16>) -> (tensor<4x4xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<9xf16>
}

// -----

mil.function @sparse_shift_scale_offset_dtype() -> (tensor<4x4xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf16> {name = "s"}
  %o = mil.const dense<0> : tensor<1x4xui8> {name = "o"}
  // expected-error @+1 {{input 'offset' must be fp16/fp32 or have the dtype of 'nonzero_data' (int8), got uint8}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) offset(%o) : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>, tensor<1x4xui8>) -> (tensor<4x4xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<9xf16>
}

// -----

mil.function @sparse_shift_scale_mask_shape() -> (tensor<16xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf16> {name = "s"}
  // expected-error @+1 {{result 'output_mask' must have shape [4, 4] (the shape of 'data_mask'), got [16]}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>) -> (tensor<16xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<16xui1>, tensor<9xf16>
}

// -----

mil.function @sparse_shift_scale_data_shape() -> (tensor<4x4xui1>, tensor<16xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf16> {name = "s"}
  // expected-error @+1 {{result 'output_nonzero_data' must have shape [9] (the shape of 'nonzero_data'), got [16]}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>) -> (tensor<4x4xui1>, tensor<16xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<16xf16>
}

// -----

mil.function @sparse_shift_scale_data_dtype() -> (tensor<4x4xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf32> {name = "s"}
  // expected-error @+1 {{result 'output_nonzero_data' must have dtype fp32 (the dtype of 'scale'), got fp16}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf32>) -> (tensor<4x4xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<9xf16>
}

// -----

mil.function @affine_dequantize_axis_type() -> tensor<2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'axis' must be an int32 scalar, got 'tensor<1xi32>'}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[1, 2]> : tensor<2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<f16>, axis = dense<0> : tensor<1xi32>} : () -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @cast_output_dtype_type() -> tensor<2xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'output_dtype' must be a string scalar, got 'tensor<2x!mil.string>'}}
  %0 = mil.constexpr_cast {source_val = dense<1.0> : tensor<2xf16>, output_dtype = dense<"fp32"> : tensor<2x!mil.string>} : () -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Spec 1.0 rule 1 and the order of the checks (spec 1.1-1.9)
//===----------------------------------------------------------------------===//

mil.function @input_not_const(%d: tensor<8x8xi8>) -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %s = mil.const dense<1.0> : tensor<8x1xf16> {name = "s"}
  // expected-error @+1 {{input 'data' must be const at compile time (a mil.const, a constexpr result, or computed from them only)}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi8>, tensor<8x1xf16>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

mil.function @input_not_const_through_op(%x: tensor<8x1xf16>) -> tensor<8x8xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<1> : tensor<8x8xi8> {name = "d"}
  %y = mil.const dense<1.0> : tensor<8x1xf16> {name = "y"}
  %s = mil.add x(%x) y(%y) {name = "s"} : (tensor<8x1xf16>, tensor<8x1xf16>) -> tensor<8x1xf16>
  // expected-error @+1 {{input 'scale' must be const at compile time}}
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi8>, tensor<8x1xf16>) -> tensor<8x8xf16>
  mil.return %0 : tensor<8x8xf16>
}

// -----

// Both ranks are checked before either vector length (spec 1.1 order).
mil.function @affine_ranks_before_lengths() -> tensor<3x2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'zero_point' must be a scalar or a vector, got rank 2}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<3x2xui8>, zero_point = dense<0> : tensor<1x1xui8>, scale = dense<1.0> : tensor<5xf16>, axis = dense<0> : tensor<i32>} : () -> tensor<3x2xf16>
  mil.return %0 : tensor<3x2xf16>
}

// -----

mil.function @lut16_indices_rank() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'indices' must have rank 1, got 2}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[[108, 3]]> : tensor<1x2xui8>, lut = dense<1.0> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

// Input dtypes are validated before the op's own rank checks.
mil.function @lut16_dtypes_first() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'lut' must hold uint8, int8, fp16 or fp32 values, got int32}}
  %0 = mil.constexpr_lut_to_dense {indices = dense<[[108, 3]]> : tensor<1x2xui8>, lut = dense<1> : tensor<4xi32>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

mil.function @sparse16_set_bits() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{the number of set bits in attribute 'mask' (2) must equal the number of elements of attribute 'nonzero_data' (3)}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

// The set-bit count is checked before the mask length (spec 1.4 order).
mil.function @sparse16_set_bits_before_length() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{the number of set bits in attribute 'mask' (2) must equal the number of elements of attribute 'nonzero_data' (1)}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1.0]> : tensor<1xf32>, mask = dense<[12, 0]> : tensor<2xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

mil.function @sparse16_padding_bits() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{the padding bits of attribute 'mask' (bits 5 to 7) must be 0}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1.0, 2.0]> : tensor<2xf32>, mask = dense<[36]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

mil.function @lut18_palettes_not_power_of_two() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x3x1xf16> {name = "l"}
  // expected-error @+1 {{input 'lut' must have 2^nbits palettes (dim 2), got 3}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) : (tensor<6x2xui2>, tensor<1x1x3x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

mil.function @lut18_vector_axis_tensor() -> tensor<2x6x2xi8> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x2x3xi8> {name = "l"}
  %a = mil.const dense<[1]> : tensor<1xi32> {name = "a"}
  // expected-error @+1 {{input 'vector_axis' must be a scalar, got a tensor of rank 1}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>, tensor<1xi32>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

// The LUT is checked before vector_axis (spec 1.6 order).
mil.function @lut18_lut_before_vector_axis() -> tensor<2x6x2xi8> attributes {opset = "CoreML8"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x4x3xi8> {name = "l"}
  %a = mil.const dense<7> : tensor<i32> {name = "a"}
  // expected-error @+1 {{input 'lut' has 4 palettes (dim 3), so nbits is 2 and 'indices' must be uint2, got uint1}}
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) : (tensor<2x2x2xui1>, tensor<1x1x1x4x3xi8>, tensor<i32>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

mil.function @sparse18_mask_count() -> tensor<2x2xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<1.0> : tensor<3xf16> {name = "d"}
  %m = mil.const dense<[[1, 0], [0, 1]]> : tensor<2x2xui1> {name = "m"}
  // expected-error @+1 {{the number of 1s in 'mask' (2) must equal the number of elements of 'nonzero_data' (3)}}
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) : (tensor<3xf16>, tensor<2x2xui1>) -> tensor<2x2xf16>
  mil.return %0 : tensor<2x2xf16>
}

// -----

mil.function @lut_to_sparse_mask_count() -> (tensor<2x2xui1>, tensor<1xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1], [0, 1]]> : tensor<2x2xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<1xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x1xf16> {name = "l"}
  // expected-error @+1 {{the number of 1s in 'indices_mask' (3) must equal the number of elements of 'indices_nonzero_data' (1)}}
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) : (tensor<2x2xui1>, tensor<1xui1>, tensor<1x1x2x1xf16>) -> (tensor<2x2xui1>, tensor<1xf16>)
  mil.return %0#0, %0#1 : tensor<2x2xui1>, tensor<1xf16>
}

// -----

// The mask count (spec 1.7) comes before the shift-scale checks (spec 1.5).
mil.function @sparse_shift_scale_mask_count_first() -> (tensor<2x2xui1>, tensor<2xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 0], [0, 0]]> : tensor<2x2xui1> {name = "m"}
  %d = mil.const dense<1> : tensor<2xi8> {name = "d"}
  %s = mil.const dense<1.0> : tensor<2xf16> {name = "s"}
  // expected-error @+1 {{the number of 1s in 'data_mask' (1) must equal the number of elements of 'nonzero_data' (2)}}
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) : (tensor<2x2xui1>, tensor<2xi8>, tensor<2xf16>) -> (tensor<2x2xui1>, tensor<2xf16>)
  mil.return %0#0, %0#1 : tensor<2x2xui1>, tensor<2xf16>
}

// -----

mil.function @affine_scale_length() -> tensor<3x2xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'scale' as a vector must have 3 elements (dim 'axis' of 'quantized_data'), got 2}}
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<3x2xui8>, zero_point = dense<0> : tensor<ui8>, scale = dense<1.0> : tensor<2xf16>, axis = dense<0> : tensor<i32>} : () -> tensor<3x2xf16>
  mil.return %0 : tensor<3x2xf16>
}

// -----

mil.function @sparse16_mask_rank() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{attribute 'mask' must have rank 1, got 2}}
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1.0, 2.0]> : tensor<2xf32>, mask = dense<[[12]]> : tensor<1x1xui8>, shape = dense<[5]> : tensor<1xui32>} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}
