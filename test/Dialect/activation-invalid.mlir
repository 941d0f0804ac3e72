// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @relu_int_input(%x: tensor<4xi32>) -> tensor<4xi32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.relu x(%x) : (tensor<4xi32>) -> tensor<4xi32>
  mil.return %0 : tensor<4xi32>
}

// -----

mil.function @gelu_mode_not_string(%x: tensor<4xf16>, %m: tensor<i32>) -> tensor<4xf16>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #1 must be 0D tensor of MIL string values}}
  %0 = mil.gelu x(%x) mode(%m) : (tensor<4xf16>, tensor<i32>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @relu_output_dtype(%x: tensor<4xf16>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the dtype of 'x' (fp16), got fp32}}
  %0 = mil.relu x(%x) : (tensor<4xf16>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @softmax_output_shape(%x: tensor<2x3xf16>) -> tensor<3x2xf16>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x'}}
  %0 = mil.softmax x(%x) : (tensor<2x3xf16>) -> tensor<3x2xf16>
  mil.return %0 : tensor<3x2xf16>
}

// -----

mil.function @elu_alpha_dtype_ios15(%x: tensor<4xf16>, %a: tensor<f32>) -> tensor<4xf16>
    attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'alpha' must have the dtype of 'x' (fp16) before iOS17, got fp32}}
  %0 = mil.elu x(%x) alpha(%a) : (tensor<4xf16>, tensor<f32>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @clamped_relu_beta_dtype_ios16(%x: tensor<4xf32>, %a: tensor<f32>, %b: tensor<f16>) -> tensor<4xf32>
    attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'beta' must have the dtype of 'x' (fp32) before iOS17, got fp16}}
  %0 = mil.clamped_relu x(%x) alpha(%a) beta(%b) : (tensor<4xf32>, tensor<f32>, tensor<f16>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @prelu_x_rank(%x: tensor<2x3xf16>, %a: tensor<3xf16>) -> tensor<2x3xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3, 4 or 5 ([B, C, *d]), got 2}}
  %0 = mil.prelu x(%x) alpha(%a) : (tensor<2x3xf16>, tensor<3xf16>) -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

mil.function @prelu_alpha_rank(%x: tensor<1x3x4xf16>, %a: tensor<1x3xf16>) -> tensor<1x3x4xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'alpha' must have rank 1, got 2}}
  %0 = mil.prelu x(%x) alpha(%a) : (tensor<1x3x4xf16>, tensor<1x3xf16>) -> tensor<1x3x4xf16>
  mil.return %0 : tensor<1x3x4xf16>
}

// -----

mil.function @prelu_alpha_channels(%x: tensor<1x3x4xf16>, %a: tensor<4xf16>) -> tensor<1x3x4xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'alpha' must have as many elements as dimension 1 of 'x' (3), got 4}}
  %0 = mil.prelu x(%x) alpha(%a) : (tensor<1x3x4xf16>, tensor<4xf16>) -> tensor<1x3x4xf16>
  mil.return %0 : tensor<1x3x4xf16>
}

// -----

mil.function @softplus_parametric_x_rank(%x: tensor<3x4xf32>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<3x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank at least 3 ([b, C, ...]), got 2}}
  %0 = mil.softplus_parametric x(%x) alpha(%a) beta(%b) : (tensor<3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  mil.return %0 : tensor<3x4xf32>
}

// -----

mil.function @softplus_parametric_beta_channels(%x: tensor<1x4x2xf32>, %a: tensor<4xf32>, %b: tensor<2xf32>) -> tensor<1x4x2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'beta' must have as many elements as dimension 1 of 'x' (4), got 2}}
  %0 = mil.softplus_parametric x(%x) alpha(%a) beta(%b) : (tensor<1x4x2xf32>, tensor<4xf32>, tensor<2xf32>) -> tensor<1x4x2xf32>
  mil.return %0 : tensor<1x4x2xf32>
}
