// RUN: mil-opt %s -split-input-file --mil-decompress-weights -verify-diagnostics

mil.function @not_constant(%i: tensor<4xui1>) -> tensor<4xf32> attributes {opset = "CoreML8"} {
  %l = mil.const dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf32> {inline}
  // expected-error @+1 {{input 'indices' has no constant value to decompress}}
  %w = mil.constexpr_lut_to_dense indices(%i) lut(%l) {name = "w"} : (tensor<4xui1>, tensor<1x2x1xf32>) -> tensor<4xf32>
  mil.return %w : tensor<4xf32>
}

// -----

mil.function @bad_mask() -> tensor<4xf32> attributes {opset = "CoreML8"} {
  %m = mil.const dense<[1, 1, 0, 1]> : tensor<4xui1> {inline}
  %n = mil.const dense<[1.0, 2.0]> : tensor<2xf32> {inline}
  // expected-error @+1 {{cannot be decompressed: Number of 1s in mask not match number of elements in parameter nonzero_data}}
  %d = mil.constexpr_sparse_to_dense nonzero_data(%n) mask(%m) {name = "d"} : (tensor<2xf32>, tensor<4xui1>) -> tensor<4xf32>
  mil.return %d : tensor<4xf32>
}
