// RUN: mil-opt %s -split-input-file --mil-decompress-weights -verify-diagnostics

// The verifier accepts a scale computed from consts (coremltools would fold
// it); the pass needs a plain const.
mil.function @not_constant() -> tensor<4x1xf32> attributes {opset = "CoreML8"} {
  %d = mil.const dense<1> : tensor<4x1xi8> {inline}
  %x = mil.const dense<1.0> : tensor<1x1xf32> {inline}
  %s = mil.add x(%x) y(%x) {name = "s"} : (tensor<1x1xf32>, tensor<1x1xf32>) -> tensor<1x1xf32>
  // expected-error @+1 {{input 'scale' has no constant value to decompress}}
  %w = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) {name = "w"} : (tensor<4x1xi8>, tensor<1x1xf32>) -> tensor<4x1xf32>
  mil.return %w : tensor<4x1xf32>
}

// -----

// A mask produced by another constexpr op is known only when materialized.
mil.function @bad_mask() -> tensor<4xf32> attributes {opset = "CoreML8"} {
  %im = mil.const dense<[1, 1, 0, 1]> : tensor<4xui1> {inline}
  %ii = mil.const dense<[0, 1, 0]> : tensor<3xui1> {inline}
  %l = mil.const dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf32> {inline}
  %s:2 = mil.constexpr_lut_to_sparse indices_mask(%im) indices_nonzero_data(%ii) lut(%l) {name = "s"} : (tensor<4xui1>, tensor<3xui1>, tensor<1x2x1xf32>) -> (tensor<4xui1>, tensor<3xf32>)
  %n = mil.const dense<[1.0, 2.0]> : tensor<2xf32> {inline}
  // expected-error @+1 {{cannot be decompressed: Number of 1s in mask not match number of elements in parameter nonzero_data}}
  %d = mil.constexpr_sparse_to_dense nonzero_data(%n) mask(%s#0) {name = "d"} : (tensor<2xf32>, tensor<4xui1>) -> tensor<4xf32>
  mil.return %d : tensor<4xf32>
}
