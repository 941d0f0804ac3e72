// RUN: mil-opt %s -split-input-file --mil-decompress-weights | FileCheck %s
// RUN: mil-opt %s -split-input-file --mil-decompress-weights=op-types=constexpr_cast | FileCheck %s --check-prefix=TYPES
// RUN: mil-opt %s -split-input-file --mil-decompress-weights=op-names=w | FileCheck %s --check-prefix=NAMES

// An iOS18 LUT and a cast become plain consts named after their outputs; the
// LUT's parameters go with it.

// CHECK-LABEL: mil.function @lut_and_cast
// CHECK-NOT: constexpr
// CHECK-NOT: mil.const dense<[0.000000e+00, 5.000000e-01]>
// CHECK: %w = mil.const dense_resource<w> : tensor<4xf32> {name = "w"}
// CHECK: %c = mil.const dense_resource<c> : tensor<2xf32> {name = "c"}
// CHECK: w: "0x100000000000803F000000400000803F00000040"
// CHECK: c: "0x100000000000803F000000C0"
// TYPES-LABEL: mil.function @lut_and_cast
// TYPES: mil.constexpr_lut_to_dense
// TYPES: %c = mil.const dense_resource<c> : tensor<2xf32> {name = "c"}
// NAMES-LABEL: mil.function @lut_and_cast
// NAMES: %w = mil.const dense_resource<w> : tensor<4xf32> {name = "w"}
// NAMES: mil.constexpr_cast
mil.function @lut_and_cast() -> (tensor<4xf32>, tensor<2xf32>) attributes {opset = "CoreML8"} {
  %i = mil.const dense<[0, 1, 0, 1]> : tensor<4xui1> {inline}
  %l = mil.const dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf32> {inline}
  %w = mil.constexpr_lut_to_dense indices(%i) lut(%l) {name = "w"} : (tensor<4xui1>, tensor<1x2x1xf32>) -> tensor<4xf32>
  %s = mil.const dense<[1.0, -2.0]> : tensor<2xf16> {inline}
  %t = mil.const dense<"fp32"> : tensor<!mil.string> {inline}
  %c = mil.constexpr_cast source_val(%s) output_dtype(%t) {name = "c"} : (tensor<2xf16>, tensor<!mil.string>) -> tensor<2xf32>
  mil.return %w, %c : tensor<4xf32>, tensor<2xf32>
}

// -----

// An iOS16 affine dequantization, parameters as attributes.

// CHECK-LABEL: mil.function @affine16
// CHECK: %q = mil.const dense_resource<q> : tensor<2x2xf16> {name = "q"}
// CHECK: q: "0x10000000003C00BC0042003E"
mil.function @affine16() -> tensor<2x2xf16> attributes {opset = "CoreML6"} {
  %q = mil.constexpr_affine_dequantize {name = "q", quantized_data = dense<[[3, 1], [6, 5]]> : tensor<2x2xui8>, zero_point = dense<[2, 4]> : tensor<2xui8>, scale = dense<[1.0, 1.5]> : tensor<2xf16>, axis = dense<0> : tensor<i32>} : () -> tensor<2x2xf16>
  mil.return %q : tensor<2x2xf16>
}

// -----

// A chain: sparse blockwise shift/scale feeding sparse_to_dense.

// CHECK-LABEL: mil.function @chain
// CHECK-NOT: constexpr
// CHECK: %d = mil.const dense_resource<d> : tensor<4xf32> {name = "d"}
// CHECK: d: "0x1000000000000000000020410000000000004040"
mil.function @chain() -> tensor<4xf32> attributes {opset = "CoreML8"} {
  %m = mil.const dense<[0, 1, 0, 1]> : tensor<4xui1> {inline}
  %n = mil.const dense<[5, 3]> : tensor<2xi8> {inline}
  %s = mil.const dense<[2.0, 1.0]> : tensor<2xf32> {inline}
  %mask, %data = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%n) scale(%s) {name = "sb", outputs = ["mask", "data"]} : (tensor<4xui1>, tensor<2xi8>, tensor<2xf32>) -> (tensor<4xui1>, tensor<2xf32>)
  %d = mil.constexpr_sparse_to_dense nonzero_data(%data) mask(%mask) {name = "d"} : (tensor<2xf32>, tensor<4xui1>) -> tensor<4xf32>
  mil.return %d : tensor<4xf32>
}
