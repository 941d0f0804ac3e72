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
