// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @sqrt_int_input(%x: tensor<4xi32>) -> tensor<4xi32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.sqrt x(%x) : (tensor<4xi32>) -> tensor<4xi32>
  mil.return %0 : tensor<4xi32>
}

// -----

mil.function @logical_not_float(%x: tensor<4xf32>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of bool values}}
  %0 = mil.logical_not x(%x) : (tensor<4xf32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @cast_int64(%x: tensor<4xi64>, %d: tensor<!mil.string>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of}}
  %0 = mil.cast x(%x) dtype(%d) : (tensor<4xi64>, tensor<!mil.string>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @abs_output_dtype(%x: tensor<4xi32>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the dtype of 'x' (int32), got fp32}}
  %0 = mil.abs x(%x) : (tensor<4xi32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @exp_output_shape(%x: tensor<4xf32>) -> tensor<5xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x'}}
  %0 = mil.exp x(%x) : (tensor<4xf32>) -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

mil.function @clip_alpha_dtype(%x: tensor<4xf32>, %a: tensor<f16>, %b: tensor<f32>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'alpha' must have the dtype of 'x' (fp32), got fp16}}
  %0 = mil.clip x(%x) alpha(%a) beta(%b) : (tensor<4xf32>, tensor<f16>, tensor<f32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @clip_beta_dtype(%x: tensor<4xf32>, %a: tensor<f32>, %b: tensor<f16>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'beta' must have the dtype of 'x' (fp32), got fp16}}
  %0 = mil.clip x(%x) alpha(%a) beta(%b) : (tensor<4xf32>, tensor<f32>, tensor<f16>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @threshold_alpha_dtype(%x: tensor<4xi32>, %a: tensor<f32>) -> tensor<4xi32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'alpha' must have the dtype of 'x' (int32), got fp32}}
  %0 = mil.threshold x(%x) alpha(%a) : (tensor<4xi32>, tensor<f32>) -> tensor<4xi32>
  mil.return %0 : tensor<4xi32>
}

// -----

mil.function @rsqrt_epsilon_dtype_ios15(%x: tensor<4xf32>, %e: tensor<i32>) -> tensor<4xf32>
    attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #1 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.rsqrt x(%x) epsilon(%e) : (tensor<4xf32>, tensor<i32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @log_epsilon_dtype_ios16(%x: tensor<4xf16>, %e: tensor<f32>) -> tensor<4xf16>
    attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'epsilon' must have the dtype of 'x' (fp16), got fp32}}
  %0 = mil.log x(%x) epsilon(%e) : (tensor<4xf16>, tensor<f32>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @cast_int8_input_ios15(%x: tensor<4xi8>, %d: tensor<!mil.string>) -> tensor<4xf32>
    attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'x' must be fp16, fp32, int32 or bool before iOS17, got int8}}
  %0 = mil.cast x(%x) dtype(%d) : (tensor<4xi8>, tensor<!mil.string>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @cast_uint16_output_ios16(%x: tensor<4xf32>, %d: tensor<!mil.string>) -> tensor<4xui16>
    attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must be fp16, fp32, int32 or bool before iOS17, got uint16}}
  %0 = mil.cast x(%x) dtype(%d) : (tensor<4xf32>, tensor<!mil.string>) -> tensor<4xui16>
  mil.return %0 : tensor<4xui16>
}

// -----

mil.function @cast_output_shape(%x: tensor<2x3xf32>, %d: tensor<!mil.string>) -> tensor<3x2xi32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x'}}
  %0 = mil.cast x(%x) dtype(%d) : (tensor<2x3xf32>, tensor<!mil.string>) -> tensor<3x2xi32>
  mil.return %0 : tensor<3x2xi32>
}
