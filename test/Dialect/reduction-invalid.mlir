// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @reduce_sum_bool(%x: tensor<2x3xi1>) -> tensor<i1> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float or int32 values}}
  %0 = mil.reduce_sum x(%x) : (tensor<2x3xi1>) -> tensor<i1>
  mil.return %0 : tensor<i1>
}

// -----

mil.function @reduce_argmax_float_output(%x: tensor<2x3xf32>) -> tensor<2xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result #0 must be tensor of int32 or uint16 values}}
  %0 = mil.reduce_argmax x(%x) : (tensor<2x3xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @reduce_mean_output_dtype(%x: tensor<2x3xf32>) -> tensor<f16> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.reduce_mean x(%x) : (tensor<2x3xf32>) -> tensor<f16>
  mil.return %0 : tensor<f16>
}

// -----

mil.function @reduce_max_scalar(%x: tensor<f32>) -> tensor<f32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must be at least 1-D}}
  %0 = mil.reduce_max x(%x) : (tensor<f32>) -> tensor<f32>
  mil.return %0 : tensor<f32>
}

// -----

mil.function @reduce_prod_axes_rank(%x: tensor<2x3xf32>, %a: tensor<i32>) -> tensor<2xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'axes' must be 1-D, got rank 0}}
  %0 = mil.reduce_prod x(%x) axes(%a) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @reduce_sum_all_rank(%x: tensor<2x3xf32>) -> tensor<1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have rank 0 (rank 2 of 'x' less 2 reduced dims, 'keep_dims' being false), got 2}}
  %0 = mil.reduce_sum x(%x) : (tensor<2x3xf32>) -> tensor<1x1xf32>
  mil.return %0 : tensor<1x1xf32>
}

// -----

mil.function @reduce_min_keep_dims_rank(%x: tensor<2x3x4xf32>, %a: tensor<1xi32>, %k: tensor<i1>) -> tensor<4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have rank 3 or 2 (with or without the 1 reduced dims), got 1}}
  %0 = mil.reduce_min x(%x) axes(%a) keep_dims(%k) : (tensor<2x3x4xf32>, tensor<1xi32>, tensor<i1>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @reduce_argmin_rank(%x: tensor<2x3xf32>) -> tensor<2x1xi32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have rank 1 (rank 2 of 'x' less 1 reduced dims, 'keep_dims' being false), got 2}}
  %0 = mil.reduce_argmin x(%x) : (tensor<2x3xf32>) -> tensor<2x1xi32>
  mil.return %0 : tensor<2x1xi32>
}
