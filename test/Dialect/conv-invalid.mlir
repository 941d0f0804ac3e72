// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @conv_int_input(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xi32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_weight_rank(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3xf16>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight' must have the rank of 'x' (4), got 3}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x3x3xf16>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_x_rank(%x: tensor<3x8xf16>, %w: tensor<4x3xf16>) -> tensor<4x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3, 4 or 5}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<3x8xf16>, tensor<4x3xf16>) -> tensor<4x6xf16>
  mil.return %0 : tensor<4x6xf16>
}

// -----

mil.function @conv_output_dtype(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f16'), got 'f32'}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  mil.return %0 : tensor<1x4x6x6xf32>
}

// -----

mil.function @conv_bias_dtype(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must have the element type of 'weight'}}
  %0 = mil.conv x(%x) weight(%w) bias(%b) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf32>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_bias_rank(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<1x4xf16>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must be 1-D ([C_out]), got rank 2}}
  %0 = mil.conv x(%x) weight(%w) bias(%b) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<1x4xf16>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_bias_size(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<5xf16>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must have C_out (4) entries, got 5}}
  %0 = mil.conv x(%x) weight(%w) bias(%b) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<5xf16>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_strides_rank(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %s: tensor<i32>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'strides' must be 1-D, got rank 0}}
  %0 = mil.conv x(%x) weight(%w) strides(%s) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<i32>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_dilations_len(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %d: tensor<3xi32>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'dilations' must have 2 entries (one per spatial dim), got 3}}
  %0 = mil.conv x(%x) weight(%w) dilations(%d) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<3xi32>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_pad_len(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %p: tensor<2xi32>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'pad' must have 4 entries (two per spatial dim), got 2}}
  %0 = mil.conv x(%x) weight(%w) pad(%p) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<2xi32>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_output_rank(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the rank of 'x' (4), got 3}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<4x6x6xf16>
  mil.return %0 : tensor<4x6x6xf16>
}

// -----

mil.function @conv_output_batch(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<2x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the batch size of 'x' (1), got 2}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<2x4x6x6xf16>
  mil.return %0 : tensor<2x4x6x6xf16>
}

// -----

mil.function @conv_weight_cin(%x: tensor<1x3x8x8xf16>, %w: tensor<4x2x3x3xf16>) -> tensor<1x4x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight' must have dim 1 equal to C_in / groups (3 with groups = 1), got 2}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x2x3x3xf16>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

mil.function @conv_output_channels(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x5x6x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have C_out (4) channels, got 5}}
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<1x5x6x6xf16>
  mil.return %0 : tensor<1x5x6x6xf16>
}

// -----

mil.function @conv_quantized_float_weight(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %qt: tensor<!mil.string>,
    %qs: tensor<f32>, %qb: tensor<f32>) -> tensor<1x4x6x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #1 must be tensor of uint8 values}}
  %0 = mil.conv_quantized x(%x) weight(%w) quantization_type(%qt) quant_scale(%qs) quant_bias(%qb)
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<!mil.string>, tensor<f32>, tensor<f32>) -> tensor<1x4x6x6xf32>
  mil.return %0 : tensor<1x4x6x6xf32>
}

// -----

mil.function @conv_quantized_scale_dtype(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xui8>, %qt: tensor<!mil.string>,
    %qs: tensor<f16>, %qb: tensor<f32>) -> tensor<1x4x6x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'quant_scale' must have the element type of 'x'}}
  %0 = mil.conv_quantized x(%x) weight(%w) quantization_type(%qt) quant_scale(%qs) quant_bias(%qb)
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xui8>, tensor<!mil.string>, tensor<f16>, tensor<f32>) -> tensor<1x4x6x6xf32>
  mil.return %0 : tensor<1x4x6x6xf32>
}

// -----

mil.function @conv_quantized_bias_dtype(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xui8>, %qt: tensor<!mil.string>,
    %qs: tensor<f32>, %qb: tensor<f16>) -> tensor<1x4x6x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'quant_bias' must have the element type of 'x'}}
  %0 = mil.conv_quantized x(%x) weight(%w) quantization_type(%qt) quant_scale(%qs) quant_bias(%qb)
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xui8>, tensor<!mil.string>, tensor<f32>, tensor<f16>) -> tensor<1x4x6x6xf32>
  mil.return %0 : tensor<1x4x6x6xf32>
}

// -----

mil.function @conv_transpose_output_shape_len(%x: tensor<1x4x5x5xf16>, %w: tensor<4x3x3x3xf16>, %os: tensor<2xi32>)
    -> tensor<1x3x7x7xf16> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'output_shape' must have 4 entries (one per dim of 'x'), got 2}}
  %0 = mil.conv_transpose x(%x) weight(%w) output_shape(%os) : (tensor<1x4x5x5xf16>, tensor<4x3x3x3xf16>, tensor<2xi32>) -> tensor<1x3x7x7xf16>
  mil.return %0 : tensor<1x3x7x7xf16>
}

// -----

mil.function @conv_transpose_channels(%x: tensor<1x4x5x5xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x7x7xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have C_out (3) channels, got 4}}
  %0 = mil.conv_transpose x(%x) weight(%w) : (tensor<1x4x5x5xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x7x7xf16>
  mil.return %0 : tensor<1x4x7x7xf16>
}

// -----

mil.function @conv_transpose_x_rank(%x: tensor<1x1x4x5x5x5xf16>, %w: tensor<4x3x3x3x3x3xf16>) -> tensor<1x1x3x7x7x7xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3, 4 or 5}}
  %0 = mil.conv_transpose x(%x) weight(%w) : (tensor<1x1x4x5x5x5xf16>, tensor<4x3x3x3x3x3xf16>) -> tensor<1x1x3x7x7x7xf16>
  mil.return %0 : tensor<1x1x3x7x7x7xf16>
}
