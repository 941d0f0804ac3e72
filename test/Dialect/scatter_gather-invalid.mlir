// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @scatter_int8_data(%d: tensor<4xi8>, %i: tensor<2xi32>, %u: tensor<2xi8>) -> tensor<4xi8>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float or int32 values, but got 'tensor<4xi8>'}}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) : (tensor<4xi8>, tensor<2xi32>, tensor<2xi8>) -> tensor<4xi8>
  mil.return %0 : tensor<4xi8>
}

// -----

mil.function @gather_float_indices(%x: tensor<4xf32>, %i: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #1 must be tensor of}}
  %0 = mil.gather x(%x) indices(%i) : (tensor<4xf32>, tensor<2xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @gather_scalar_x(%x: tensor<f32>, %i: tensor<2xi32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank at least 1, got 0}}
  %0 = mil.gather x(%x) indices(%i) : (tensor<f32>, tensor<2xi32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @gather_output_dtype(%x: tensor<4xf32>, %i: tensor<2xi32>) -> tensor<2xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{output must have the element type of input 'x' ('f32'), got 'f16'}}
  %0 = mil.gather x(%x) indices(%i) : (tensor<4xf32>, tensor<2xi32>) -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @gather_output_rank(%x: tensor<4x5xf32>, %i: tensor<2xi32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{output must have rank 2 (rank(x) - 1 + rank(indices)), got 1}}
  %0 = mil.gather x(%x) indices(%i) : (tensor<4x5xf32>, tensor<2xi32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @gather_along_axis_rank(%x: tensor<4x5xf32>, %i: tensor<2xi32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'indices' must have the rank of 'x' (2), got 1}}
  %0 = mil.gather_along_axis x(%x) indices(%i) : (tensor<4x5xf32>, tensor<2xi32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @gather_along_axis_shape(%x: tensor<4x5xf32>, %i: tensor<4x2xi32>) -> tensor<4x3xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{output must have the shape of input 'indices' ('tensor<4x2xi32>'), got 'tensor<4x3xf32>'}}
  %0 = mil.gather_along_axis x(%x) indices(%i) : (tensor<4x5xf32>, tensor<4x2xi32>) -> tensor<4x3xf32>
  mil.return %0 : tensor<4x3xf32>
}

// -----

mil.function @gather_nd_scalar_indices(%x: tensor<4x5xf32>, %i: tensor<i32>) -> tensor<5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'indices' must have rank at least 1, got 0}}
  %0 = mil.gather_nd x(%x) indices(%i) : (tensor<4x5xf32>, tensor<i32>) -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

mil.function @gather_nd_depth(%x: tensor<4x5xf32>, %i: tensor<2x3xi32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'indices' must have a last dimension of at most the rank of 'x' (2), got 3}}
  %0 = mil.gather_nd x(%x) indices(%i) : (tensor<4x5xf32>, tensor<2x3xi32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @gather_nd_shape(%x: tensor<4x5x6xf32>, %i: tensor<3x2xi32>) -> tensor<3x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{output must have shape [3, 6] (indices.shape[:-1] + x.shape[indices.shape[-1]:]), got [3, 5]}}
  %0 = mil.gather_nd x(%x) indices(%i) : (tensor<4x5x6xf32>, tensor<3x2xi32>) -> tensor<3x5xf32>
  mil.return %0 : tensor<3x5xf32>
}

// -----

mil.function @scatter_updates_dtype(%d: tensor<4xf32>, %i: tensor<2xi32>, %u: tensor<2xf16>) -> tensor<4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'updates' must have the element type of 'data' ('f32'), got 'f16'}}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) : (tensor<4xf32>, tensor<2xi32>, tensor<2xf16>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @scatter_output_type(%d: tensor<4xf32>, %i: tensor<2xi32>, %u: tensor<2xf32>) -> tensor<5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{output must have the type of input 'data' ('tensor<4xf32>'), got 'tensor<5xf32>'}}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) : (tensor<4xf32>, tensor<2xi32>, tensor<2xf32>) -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

mil.function @scatter_scalar_data(%d: tensor<f32>, %i: tensor<2xi32>, %u: tensor<2xf32>) -> tensor<f32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'data' must have rank at least 1, got 0}}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) : (tensor<f32>, tensor<2xi32>, tensor<2xf32>) -> tensor<f32>
  mil.return %0 : tensor<f32>
}

// -----

mil.function @scatter_updates_rank(%d: tensor<4x5xf32>, %i: tensor<2xi32>, %u: tensor<2xf32>) -> tensor<4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'updates' must have rank 2 (rank(data) - 1 + rank(indices)), got 1}}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) : (tensor<4x5xf32>, tensor<2xi32>, tensor<2xf32>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

mil.function @scatter_along_axis_rank(%d: tensor<4x5xf32>, %i: tensor<2xi32>, %u: tensor<2xf32>) -> tensor<4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'indices' must have the rank of 'data' (2), got 1}}
  %0 = mil.scatter_along_axis data(%d) indices(%i) updates(%u) : (tensor<4x5xf32>, tensor<2xi32>, tensor<2xf32>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

mil.function @scatter_along_axis_updates(%d: tensor<4x5xf32>, %i: tensor<4x2xi32>, %u: tensor<4x3xf32>) -> tensor<4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'updates' must have the shape of 'indices' ('tensor<4x2xi32>'), got 'tensor<4x3xf32>'}}
  %0 = mil.scatter_along_axis data(%d) indices(%i) updates(%u) : (tensor<4x5xf32>, tensor<4x2xi32>, tensor<4x3xf32>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

mil.function @scatter_nd_updates(%d: tensor<4x5x6xf32>, %i: tensor<3x2xi32>, %u: tensor<3x5xf32>) -> tensor<4x5x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'updates' must have shape [3, 6] (indices.shape[:-1] + data.shape[indices.shape[-1]:]), got [3, 5]}}
  %0 = mil.scatter_nd data(%d) indices(%i) updates(%u) : (tensor<4x5x6xf32>, tensor<3x2xi32>, tensor<3x5xf32>) -> tensor<4x5x6xf32>
  mil.return %0 : tensor<4x5x6xf32>
}
