// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @batch_norm_int(%x: tensor<1x3x8xi32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x3x8xi32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<1x3x8xi32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8xi32>
  mil.return %0 : tensor<1x3x8xi32>
}

// -----

mil.function @batch_norm_output_dtype(%x: tensor<1x3x8xf16>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x3x8xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f16'), got 'f32'}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<1x3x8xf16>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8xf32>
  mil.return %0 : tensor<1x3x8xf32>
}

// -----

mil.function @batch_norm_param_dtype(%x: tensor<1x3x8xf16>, %m: tensor<3xf32>, %v: tensor<3xf16>) -> tensor<1x3x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'variance' must have the element type of 'mean' ('f32'), got 'f16'}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<1x3x8xf16>, tensor<3xf32>, tensor<3xf16>) -> tensor<1x3x8xf16>
  mil.return %0 : tensor<1x3x8xf16>
}

// -----

mil.function @batch_norm_rank(%x: tensor<3x8xf16>, %m: tensor<3xf16>, %v: tensor<3xf16>) -> tensor<3x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 to 5, got 2}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<3x8xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<3x8xf16>
  mil.return %0 : tensor<3x8xf16>
}

// -----

mil.function @batch_norm_output_shape(%x: tensor<1x3x8xf16>, %m: tensor<3xf16>, %v: tensor<3xf16>) -> tensor<1x3x9xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x' ([1, 3, 8]), got [1, 3, 9]}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<1x3x8xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<1x3x9xf16>
  mil.return %0 : tensor<1x3x9xf16>
}

// -----

mil.function @batch_norm_mean_shape(%x: tensor<1x?x8xf16>, %m: tensor<1x3xf16>, %v: tensor<3xf16>) -> tensor<1x?x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'mean' must have the shape of [C] (C = dim 1 of 'x') ([?]), got [1, 3]}}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) : (tensor<1x?x8xf16>, tensor<1x3xf16>, tensor<3xf16>) -> tensor<1x?x8xf16>
  mil.return %0 : tensor<1x?x8xf16>
}

// -----

mil.function @instance_norm_gamma_size(%x: tensor<1x3x8xf16>, %g: tensor<4xf16>) -> tensor<1x3x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'gamma' must have the shape of [C] (C = dim 1 of 'x') ([3]), got [4]}}
  %0 = mil.instance_norm x(%x) gamma(%g) : (tensor<1x3x8xf16>, tensor<4xf16>) -> tensor<1x3x8xf16>
  mil.return %0 : tensor<1x3x8xf16>
}

// -----

mil.function @instance_norm_rank(%x: tensor<1x3x8x8x8xf16>) -> tensor<1x3x8x8x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 to 4, got 5}}
  %0 = mil.instance_norm x(%x) : (tensor<1x3x8x8x8xf16>) -> tensor<1x3x8x8x8xf16>
  mil.return %0 : tensor<1x3x8x8x8xf16>
}

// -----

mil.function @instance_norm_epsilon_dtype(%x: tensor<1x3x8xf16>, %g: tensor<3xf16>, %e: tensor<f32>) -> tensor<1x3x8xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'epsilon' must have the element type of 'gamma' ('f16'), got 'f32'}}
  %0 = mil.instance_norm x(%x) gamma(%g) epsilon(%e) : (tensor<1x3x8xf16>, tensor<3xf16>, tensor<f32>) -> tensor<1x3x8xf16>
  mil.return %0 : tensor<1x3x8xf16>
}

// -----

mil.function @l2_norm_rank(%x: tensor<4x5xf32>) -> tensor<4x5xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank at least 3, got 2}}
  %0 = mil.l2_norm x(%x) : (tensor<4x5xf32>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

mil.function @l2_norm_epsilon_tensor(%x: tensor<2x4x5xf32>, %e: tensor<1xf32>) -> tensor<2x4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #1 must be 0D tensor of 16-bit float or 32-bit float values}}
  %0 = mil.l2_norm x(%x) epsilon(%e) : (tensor<2x4x5xf32>, tensor<1xf32>) -> tensor<2x4x5xf32>
  mil.return %0 : tensor<2x4x5xf32>
}

// -----

mil.function @layer_norm_axes_rank(%x: tensor<2x5x16xf16>, %a: tensor<i32>) -> tensor<2x5x16xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'axes' must be 1-D, got rank 0}}
  %0 = mil.layer_norm x(%x) axes(%a) : (tensor<2x5x16xf16>, tensor<i32>) -> tensor<2x5x16xf16>
  mil.return %0 : tensor<2x5x16xf16>
}

// -----

mil.function @layer_norm_gamma_all_axes(%x: tensor<2x5x16xf16>, %g: tensor<16xf16>) -> tensor<2x5x16xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'gamma' must have the shape of 'x' (no 'axes' given) ([2, 5, 16]), got [16]}}
  %0 = mil.layer_norm x(%x) gamma(%g) : (tensor<2x5x16xf16>, tensor<16xf16>) -> tensor<2x5x16xf16>
  mil.return %0 : tensor<2x5x16xf16>
}

// -----

mil.function @layer_norm_beta_rank(%x: tensor<2x5x16xf16>, %a: tensor<2xi32>, %b: tensor<16xf16>) -> tensor<2x5x16xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'beta' must have rank 2 (one dim per entry of 'axes'), got 1}}
  %0 = mil.layer_norm x(%x) axes(%a) beta(%b) : (tensor<2x5x16xf16>, tensor<2xi32>, tensor<16xf16>) -> tensor<2x5x16xf16>
  mil.return %0 : tensor<2x5x16xf16>
}

// -----

mil.function @local_response_norm_param_dtype(%x: tensor<1x8x4x4xf32>, %s: tensor<i32>, %a: tensor<f32>, %k: tensor<f16>)
    -> tensor<1x8x4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'k' must have the element type of 'alpha' ('f32'), got 'f16'}}
  %0 = mil.local_response_norm x(%x) size(%s) alpha(%a) k(%k)
      : (tensor<1x8x4x4xf32>, tensor<i32>, tensor<f32>, tensor<f16>) -> tensor<1x8x4x4xf32>
  mil.return %0 : tensor<1x8x4x4xf32>
}

// -----

mil.function @local_response_norm_rank(%x: tensor<8x4xf32>, %s: tensor<i32>) -> tensor<8x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 to 4, got 2}}
  %0 = mil.local_response_norm x(%x) size(%s) : (tensor<8x4xf32>, tensor<i32>) -> tensor<8x4xf32>
  mil.return %0 : tensor<8x4xf32>
}
