// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @max_pool_int(%x: tensor<1x3x8x8xi32>, %ks: tensor<2xi32>, %pt: tensor<!mil.string>) -> tensor<1x3x4x4xi32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xi32>, tensor<2xi32>, tensor<!mil.string>) -> tensor<1x3x4x4xi32>
  mil.return %0 : tensor<1x3x4x4xi32>
}

// -----

mil.function @max_pool_output_dtype(%x: tensor<1x3x8x8xf32>, %ks: tensor<2xi32>, %pt: tensor<!mil.string>) -> tensor<1x3x4x4xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<!mil.string>) -> tensor<1x3x4x4xf16>
  mil.return %0 : tensor<1x3x4x4xf16>
}

// -----

mil.function @avg_pool_rank(%x: tensor<3x8xf32>, %ks: tensor<1xi32>, %pt: tensor<!mil.string>) -> tensor<3x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 to 5 ([n, C, *D_in] with 1 to 3 spatial dims), got 2}}
  %0 = mil.avg_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<3x8xf32>, tensor<1xi32>, tensor<!mil.string>) -> tensor<3x4xf32>
  mil.return %0 : tensor<3x4xf32>
}

// -----

mil.function @l2_pool_3d(%x: tensor<1x3x8x8x8xf32>, %ks: tensor<3xi32>, %pt: tensor<!mil.string>) -> tensor<1x3x4x4x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 to 4 ([n, C, *D_in] with 1 to 2 spatial dims), got 5}}
  %0 = mil.l2_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8x8xf32>, tensor<3xi32>, tensor<!mil.string>) -> tensor<1x3x4x4x4xf32>
  mil.return %0 : tensor<1x3x4x4x4xf32>
}

// -----

mil.function @max_pool_kernel_len(%x: tensor<1x3x8x8xf32>, %ks: tensor<3xi32>, %pt: tensor<!mil.string>) -> tensor<1x3x4x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'kernel_sizes' must have 2 entries (one per spatial dim), got 3}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xf32>, tensor<3xi32>, tensor<!mil.string>) -> tensor<1x3x4x4xf32>
  mil.return %0 : tensor<1x3x4x4xf32>
}

// -----

mil.function @max_pool_kernel_rank(%x: tensor<1x3x8x8xf32>, %ks: tensor<1x2xi32>, %pt: tensor<!mil.string>) -> tensor<1x3x4x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'kernel_sizes' must be 1-D, got rank 2}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xf32>, tensor<1x2xi32>, tensor<!mil.string>) -> tensor<1x3x4x4xf32>
  mil.return %0 : tensor<1x3x4x4xf32>
}

// -----

mil.function @max_pool_strides_len(%x: tensor<1x3x8x8xf32>, %ks: tensor<2xi32>, %s: tensor<1xi32>, %pt: tensor<!mil.string>)
    -> tensor<1x3x4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'strides' must have 2 entries (one per spatial dim), got 1}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) strides(%s) pad_type(%pt)
      : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<1xi32>, tensor<!mil.string>) -> tensor<1x3x4x4xf32>
  mil.return %0 : tensor<1x3x4x4xf32>
}

// -----

mil.function @max_pool_pad_len(%x: tensor<1x3x8x8xf32>, %ks: tensor<2xi32>, %pt: tensor<!mil.string>, %p: tensor<2xi32>)
    -> tensor<1x3x4x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'pad' must have 4 entries (two per spatial dim), got 2}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) pad(%p)
      : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<!mil.string>, tensor<2xi32>) -> tensor<1x3x4x4xf32>
  mil.return %0 : tensor<1x3x4x4xf32>
}

// -----

mil.function @max_pool_output_rank(%x: tensor<1x3x8x8xf32>, %ks: tensor<2xi32>, %pt: tensor<!mil.string>) -> tensor<3x4x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the rank of 'x' (4), got 3}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<!mil.string>) -> tensor<3x4x4xf32>
  mil.return %0 : tensor<3x4x4xf32>
}

// -----

mil.function @max_pool_output_channels(%x: tensor<1x3x8x8xf32>, %ks: tensor<2xi32>, %pt: tensor<!mil.string>) -> tensor<1x4x4x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must match 'x' in dim 1 (3), got 4}}
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) pad_type(%pt) : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<!mil.string>) -> tensor<1x4x4x4xf32>
  mil.return %0 : tensor<1x4x4x4xf32>
}
