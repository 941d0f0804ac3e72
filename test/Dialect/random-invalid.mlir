// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @random_shape_dtype(%shape: tensor<2xi64>) -> tensor<2x2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #0 must be tensor of int32 values, but got 'tensor<2xi64>'}}
  %0 = mil.random_uniform shape(%shape) : (tensor<2xi64>) -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

mil.function @random_shape_rank(%shape: tensor<1x2xi32>) -> tensor<2x2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'shape' must have rank 1, got 2}}
  %0 = mil.random_normal shape(%shape) : (tensor<1x2xi32>) -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

mil.function @random_result_rank(%shape: tensor<3xi32>) -> tensor<2x2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have rank 3 (the length of 'shape'), got 2}}
  %0 = mil.random_bernoulli shape(%shape) : (tensor<3xi32>) -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

mil.function @random_params_dtype(%shape: tensor<2xi32>, %lo: tensor<f32>, %hi: tensor<f16>) -> tensor<2x2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'high' must have the element type of 'low' ('f32'), got 'f16'}}
  %0 = mil.random_uniform shape(%shape) low(%lo) high(%hi) : (tensor<2xi32>, tensor<f32>, tensor<f16>) -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

mil.function @random_result_dtype(%shape: tensor<2xi32>, %s: tensor<f16>) -> tensor<2x2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have the element type of 'stddev' ('f16'), got 'f32'}}
  %0 = mil.random_normal shape(%shape) stddev(%s) : (tensor<2xi32>, tensor<f16>) -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

mil.function @categorical_result_dtype(%x: tensor<2x10xf32>) -> tensor<2x1xf16> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.random_categorical x(%x) : (tensor<2x10xf32>) -> tensor<2x1xf16>
  mil.return %0 : tensor<2x1xf16>
}

// -----

mil.function @categorical_result_rank(%x: tensor<2x10xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have rank 2 (x.shape[:-1] + [size]), got 1}}
  %0 = mil.random_categorical x(%x) : (tensor<2x10xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @categorical_result_dim(%x: tensor<2x10xf32>) -> tensor<3x1xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result dim 0 (3) must match dim 0 of 'x' (2)}}
  %0 = mil.random_categorical x(%x) : (tensor<2x10xf32>) -> tensor<3x1xf32>
  mil.return %0 : tensor<3x1xf32>
}
