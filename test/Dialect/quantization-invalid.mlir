// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @quantize_int_input(%x: tensor<4xi32>, %s: tensor<f32>, %dt: tensor<!mil.string>) -> tensor<4xi8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.quantize input(%x) scale(%s) output_dtype(%dt) : (tensor<4xi32>, tensor<f32>, tensor<!mil.string>) -> tensor<4xi8>
  mil.return %0 : tensor<4xi8>
}

// -----

mil.function @dequantize_int4_input(%x: tensor<4xi4>, %s: tensor<f32>) -> tensor<4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of uint8 or int8 values, but got 'tensor<4xi4>'}}
  %0 = mil.dequantize input(%x) scale(%s) : (tensor<4xi4>, tensor<f32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @quantize_scale_dtype(%x: tensor<4xf32>, %s: tensor<f16>, %dt: tensor<!mil.string>) -> tensor<4xi8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'scale' must have the element type of 'input' ('f32'), got 'f16'}}
  %0 = mil.quantize input(%x) scale(%s) output_dtype(%dt) : (tensor<4xf32>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  mil.return %0 : tensor<4xi8>
}

// -----

mil.function @quantize_zero_point_dtype(%x: tensor<4xf32>, %zp: tensor<ui8>, %s: tensor<f32>, %dt: tensor<!mil.string>) -> tensor<4xi8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'zero_point' must have the element type of the result ('i8'), got 'ui8'}}
  %0 = mil.quantize input(%x) zero_point(%zp) scale(%s) output_dtype(%dt) : (tensor<4xf32>, tensor<ui8>, tensor<f32>, tensor<!mil.string>) -> tensor<4xi8>
  mil.return %0 : tensor<4xi8>
}

// -----

mil.function @quantize_result_shape(%x: tensor<4xf32>, %s: tensor<f32>, %dt: tensor<!mil.string>) -> tensor<5xi8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result must have the shape of 'input' ('tensor<4xf32>'), got 'tensor<5xi8>'}}
  %0 = mil.quantize input(%x) scale(%s) output_dtype(%dt) : (tensor<4xf32>, tensor<f32>, tensor<!mil.string>) -> tensor<5xi8>
  mil.return %0 : tensor<5xi8>
}

// -----

mil.function @quantize_scalar_input(%x: tensor<f32>, %s: tensor<f32>, %dt: tensor<!mil.string>) -> tensor<i8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'input' must have rank >= 1, got 0}}
  %0 = mil.quantize input(%x) scale(%s) output_dtype(%dt) : (tensor<f32>, tensor<f32>, tensor<!mil.string>) -> tensor<i8>
  mil.return %0 : tensor<i8>
}

// -----

mil.function @dequantize_zero_point_dtype(%x: tensor<4xi8>, %zp: tensor<ui8>, %s: tensor<f32>) -> tensor<4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'zero_point' must have the element type of 'input' ('i8'), got 'ui8'}}
  %0 = mil.dequantize input(%x) zero_point(%zp) scale(%s) : (tensor<4xi8>, tensor<ui8>, tensor<f32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @dequantize_result_dtype(%x: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xf16> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result must have the element type of 'scale' ('f32'), got 'f16'}}
  %0 = mil.dequantize input(%x) scale(%s) : (tensor<4xi8>, tensor<f32>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @dequantize_scale_rank(%x: tensor<4x4xi8>, %s: tensor<4x4xf32>, %axis: tensor<i32>) -> tensor<4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'scale' must be a scalar or a vector, got rank 2}}
  %0 = mil.dequantize input(%x) scale(%s) axis(%axis) : (tensor<4x4xi8>, tensor<4x4xf32>, tensor<i32>) -> tensor<4x4xf32>
  mil.return %0 : tensor<4x4xf32>
}

// -----

mil.function @dequantize_vector_no_axis(%x: tensor<4x4xi8>, %s: tensor<4xf32>) -> tensor<4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'axis' is required when 'scale' is a vector}}
  %0 = mil.dequantize input(%x) scale(%s) : (tensor<4x4xi8>, tensor<4xf32>) -> tensor<4x4xf32>
  mil.return %0 : tensor<4x4xf32>
}

// -----

mil.function @quantize_scalar_axis(%x: tensor<4xf32>, %s: tensor<f32>, %axis: tensor<i32>, %dt: tensor<!mil.string>) -> tensor<4xi8> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'axis' must be absent when 'scale' is a scalar}}
  %0 = mil.quantize input(%x) scale(%s) axis(%axis) output_dtype(%dt) : (tensor<4xf32>, tensor<f32>, tensor<i32>, tensor<!mil.string>) -> tensor<4xi8>
  mil.return %0 : tensor<4xi8>
}

// -----

mil.function @dequantize_zero_point_rank(%x: tensor<4x4xi8>, %zp: tensor<i8>, %s: tensor<4xf32>, %axis: tensor<i32>) -> tensor<4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'zero_point' must be a vector like 'scale', got rank 0}}
  %0 = mil.dequantize input(%x) zero_point(%zp) scale(%s) axis(%axis) : (tensor<4x4xi8>, tensor<i8>, tensor<4xf32>, tensor<i32>) -> tensor<4x4xf32>
  mil.return %0 : tensor<4x4xf32>
}

// -----

mil.function @dequantize_zero_point_size(%x: tensor<4x4xi8>, %zp: tensor<3xi8>, %s: tensor<4xf32>, %axis: tensor<i32>) -> tensor<4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'zero_point' must have the size of 'scale' (4), got 3}}
  %0 = mil.dequantize input(%x) zero_point(%zp) scale(%s) axis(%axis) : (tensor<4x4xi8>, tensor<3xi8>, tensor<4xf32>, tensor<i32>) -> tensor<4x4xf32>
  mil.return %0 : tensor<4x4xf32>
}
