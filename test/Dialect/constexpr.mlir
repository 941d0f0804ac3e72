// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @affine_dequantize_ios16
mil.function @affine_dequantize_ios16() -> tensor<2x3xf16> attributes {opset = "CoreML6"} {
  // CHECK: %w = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>, name = "w", quantized_data = dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8>, scale = dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf16>, zero_point = dense<[1, 2]> : tensor<2xui8>} : () -> tensor<2x3xf16>
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xui8>, zero_point = dense<[1, 2]> : tensor<2xui8>, scale = dense<[0.5, 0.25]> : tensor<2xf16>, axis = dense<0> : tensor<i32>, name = "w"} : () -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

// CHECK-LABEL: mil.function @affine_dequantize_coreml8
mil.function @affine_dequantize_coreml8() -> tensor<4xf32> attributes {opset = "CoreML8"} {
  // CHECK: %0 = mil.constexpr_affine_dequantize {axis = dense<-1> : tensor<i32>, quantized_data = dense<[-1, 0, 1, 2]> : tensor<4xi8>, scale = dense<2.000000e+00> : tensor<f32>, zero_point = dense<0.000000e+00> : tensor<f32>} : () -> tensor<4xf32>
  %0 = mil.constexpr_affine_dequantize {quantized_data = dense<[-1, 0, 1, 2]> : tensor<4xi8>, zero_point = dense<0.0> : tensor<f32>, scale = dense<2.0> : tensor<f32>, axis = dense<-1> : tensor<i32>} : () -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: mil.function @cast_ios16
mil.function @cast_ios16() -> tensor<2x2xf32> attributes {opset = "CoreML7"} {
  // CHECK: %c = mil.constexpr_cast {name = "c", output_dtype = dense<"fp32"> : tensor<!mil.string>, source_val = dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf16>} : () -> tensor<2x2xf32>
  %0 = mil.constexpr_cast {source_val = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf16>, output_dtype = dense<"fp32"> : tensor<!mil.string>, name = "c"} : () -> tensor<2x2xf32>
  mil.return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: mil.function @cast_ios18
mil.function @cast_ios18() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  %s = mil.const dense<[1.0, 2.0]> : tensor<2xf16> {name = "s"}
  %d = mil.const dense<"fp32"> : tensor<!mil.string> {name = "d"}
  // CHECK: %c = mil.constexpr_cast source_val(%s) output_dtype(%d) {name = "c"} : (tensor<2xf16>, tensor<!mil.string>) -> tensor<2xf32>
  %0 = mil.constexpr_cast source_val(%s) output_dtype(%d) {name = "c"} : (tensor<2xf16>, tensor<!mil.string>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: mil.function @lut_to_dense_ios16
mil.function @lut_to_dense_ios16() -> tensor<5xf16> attributes {opset = "CoreML6"} {
  // CHECK: %w = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf16>, name = "w", shape = dense<5> : tensor<1xui32>} : () -> tensor<5xf16>
  %0 = mil.constexpr_lut_to_dense {indices = dense<[108, 3]> : tensor<2xui8>, lut = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf16>, shape = dense<[5]> : tensor<1xui32>, name = "w"} : () -> tensor<5xf16>
  mil.return %0 : tensor<5xf16>
}

// -----

// CHECK-LABEL: mil.function @lut_to_dense_ios18_grouped
mil.function @lut_to_dense_ios18_grouped() -> tensor<6x2xf16> attributes {opset = "CoreML8"} {
  %i = mil.const dense<[[2, 3], [3, 0], [1, 0], [3, 0], [2, 1], [0, 3]]> : tensor<6x2xui2> {name = "i"}
  %l = mil.const dense<[[[[1.0], [5.0], [9.0], [13.0]]], [[[2.0], [10.0], [18.0], [26.0]]]]> : tensor<2x1x4x1xf16> {name = "l"}
  // CHECK: %w = mil.constexpr_lut_to_dense indices(%i) lut(%l) {name = "w"} : (tensor<6x2xui2>, tensor<2x1x4x1xf16>) -> tensor<6x2xf16>
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) {name = "w"} : (tensor<6x2xui2>, tensor<2x1x4x1xf16>) -> tensor<6x2xf16>
  mil.return %0 : tensor<6x2xf16>
}

// -----

// CHECK-LABEL: mil.function @lut_to_dense_ios18_vector
mil.function @lut_to_dense_ios18_vector() -> tensor<2x6x2xi8> attributes {opset = "CoreML9"} {
  %i = mil.const dense<0> : tensor<2x2x2xui1> {name = "i"}
  %l = mil.const dense<0> : tensor<1x1x1x2x3xi8> {name = "l"}
  %a = mil.const dense<1> : tensor<i32> {name = "a"}
  // CHECK: %w = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) {name = "w"} : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>, tensor<i32>) -> tensor<2x6x2xi8>
  %0 = mil.constexpr_lut_to_dense indices(%i) lut(%l) vector_axis(%a) {name = "w"} : (tensor<2x2x2xui1>, tensor<1x1x1x2x3xi8>, tensor<i32>) -> tensor<2x6x2xi8>
  mil.return %0 : tensor<2x6x2xi8>
}

// -----

// CHECK-LABEL: mil.function @sparse_to_dense_ios16
mil.function @sparse_to_dense_ios16() -> tensor<5xf32> attributes {opset = "CoreML6"} {
  // CHECK: %w = mil.constexpr_sparse_to_dense {mask = dense<12> : tensor<1xui8>, name = "w", nonzero_data = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, shape = dense<5> : tensor<1xui32>} : () -> tensor<5xf32>
  %0 = mil.constexpr_sparse_to_dense {nonzero_data = dense<[1.0, 2.0]> : tensor<2xf32>, mask = dense<[12]> : tensor<1xui8>, shape = dense<[5]> : tensor<1xui32>, name = "w"} : () -> tensor<5xf32>
  mil.return %0 : tensor<5xf32>
}

// -----

// CHECK-LABEL: mil.function @sparse_to_dense_ios18
mil.function @sparse_to_dense_ios18() -> tensor<2x2xi4> attributes {opset = "CoreML8"} {
  %d = mil.const dense<[3, -2]> : tensor<2xi4> {name = "d"}
  %m = mil.const dense<[[1, 0], [0, 1]]> : tensor<2x2xui1> {name = "m"}
  // CHECK: %w = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) {name = "w"} : (tensor<2xi4>, tensor<2x2xui1>) -> tensor<2x2xi4>
  %0 = mil.constexpr_sparse_to_dense nonzero_data(%d) mask(%m) {name = "w"} : (tensor<2xi4>, tensor<2x2xui1>) -> tensor<2x2xi4>
  mil.return %0 : tensor<2x2xi4>
}

// -----

// CHECK-LABEL: mil.function @blockwise_shift_scale
mil.function @blockwise_shift_scale() -> tensor<1x2x4xf16> attributes {opset = "CoreML8"} {
  %d = mil.const dense<[[[4, 8, 10, 13], [24, 5, 6, 9]]]> : tensor<1x2x4xi8> {name = "d"}
  %s = mil.const dense<[[[4.0, 8.0]]]> : tensor<1x1x2xf16> {name = "s"}
  %o = mil.const dense<[[[4, 0]]]> : tensor<1x1x2xi8> {name = "o"}
  // CHECK: %w = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) offset(%o) {name = "w"} : (tensor<1x2x4xi8>, tensor<1x1x2xf16>, tensor<1x1x2xi8>) -> tensor<1x2x4xf16>
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) offset(%o) {name = "w"} : (tensor<1x2x4xi8>, tensor<1x1x2xf16>, tensor<1x1x2xi8>) -> tensor<1x2x4xf16>
  mil.return %0 : tensor<1x2x4xf16>
}

// -----

// CHECK-LABEL: mil.function @blockwise_shift_scale_no_offset
mil.function @blockwise_shift_scale_no_offset() -> tensor<8x8xf32> attributes {opset = "CoreML8"} {
  %d = mil.const dense<0> : tensor<8x8xi4> {name = "d"}
  %s = mil.const dense<0.0> : tensor<8x1xf32> {name = "s"}
  // CHECK: %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8x1xf32>) -> tensor<8x8xf32>
  %0 = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) : (tensor<8x8xi4>, tensor<8x1xf32>) -> tensor<8x8xf32>
  mil.return %0 : tensor<8x8xf32>
}

// -----

// CHECK-LABEL: mil.function @lut_to_sparse
mil.function @lut_to_sparse() -> (tensor<4x6xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x1xf16> {name = "l"}
  // CHECK: %s_0, %s_1 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) {name = "s"} : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x1xf16>) -> (tensor<4x6xui1>, tensor<9xf16>)
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) {name = "s"} : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x1xf16>) -> (tensor<4x6xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x6xui1>, tensor<9xf16>
}

// -----

// CHECK-LABEL: mil.function @lut_to_sparse_vector
mil.function @lut_to_sparse_vector() -> (tensor<8x6xui1>, tensor<18xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]> : tensor<4x6xui1> {name = "m"}
  %i = mil.const dense<0> : tensor<9xui1> {name = "i"}
  %l = mil.const dense<0.0> : tensor<1x1x2x2xf16> {name = "l"}
  %a = mil.const dense<0> : tensor<i32> {name = "a"}
  // CHECK: %s_0, %s_1 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) vector_axis(%a) {name = "s"} : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x2xf16>, tensor<i32>) -> (tensor<8x6xui1>, tensor<18xf16>)
  %0:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%i) lut(%l) vector_axis(%a) {name = "s"} : (tensor<4x6xui1>, tensor<9xui1>, tensor<1x1x2x2xf16>, tensor<i32>) -> (tensor<8x6xui1>, tensor<18xf16>)
  mil.return %0#0, %0#1 : tensor<8x6xui1>, tensor<18xf16>
}

// -----

// CHECK-LABEL: mil.function @sparse_blockwise_shift_scale
mil.function @sparse_blockwise_shift_scale() -> (tensor<4x4xui1>, tensor<9xf16>) attributes {opset = "CoreML8"} {
  %m = mil.const dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %d = mil.const dense<0> : tensor<9xi8> {name = "d"}
  %s = mil.const dense<0.0> : tensor<1x4xf16> {name = "s"}
  %o = mil.const dense<0> : tensor<1x4xi8> {name = "o"}
  // CHECK: %q_0, %q_1 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) offset(%o) {name = "q"} : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>, tensor<1x4xi8>) -> (tensor<4x4xui1>, tensor<9xf16>)
  %0:2 = mil.constexpr_sparse_blockwise_shift_scale data_mask(%m) nonzero_data(%d) scale(%s) offset(%o) {name = "q"} : (tensor<4x4xui1>, tensor<9xi8>, tensor<1x4xf16>, tensor<1x4xi8>) -> (tensor<4x4xui1>, tensor<9xf16>)
  mil.return %0#0, %0#1 : tensor<4x4xui1>, tensor<9xf16>
}

// -----

// Joint compression: a quantized LUT, and pruned + palettized weights.
// CHECK-LABEL: mil.function @chained
mil.function @chained() -> (tensor<4x2xf16>, tensor<4x4xf16>) attributes {opset = "CoreML8"} {
  %q = mil.const dense<0> : tensor<1x1x4x1xi8> {name = "q"}
  %s = mil.const dense<0.0> : tensor<1x1x1x1xf16> {name = "s"}
  %i = mil.const dense<0> : tensor<4x2xui2> {name = "i"}
  %m = mil.const dense<[[1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]> : tensor<4x4xui1> {name = "m"}
  %j = mil.const dense<0> : tensor<5xui2> {name = "j"}
  // CHECK: %lut = mil.constexpr_blockwise_shift_scale data(%q) scale(%s) {name = "lut"} : (tensor<1x1x4x1xi8>, tensor<1x1x1x1xf16>) -> tensor<1x1x4x1xf16>
  %lut = mil.constexpr_blockwise_shift_scale data(%q) scale(%s) {name = "lut"} : (tensor<1x1x4x1xi8>, tensor<1x1x1x1xf16>) -> tensor<1x1x4x1xf16>
  // CHECK: %w = mil.constexpr_lut_to_dense indices(%i) lut(%lut) {name = "w"} : (tensor<4x2xui2>, tensor<1x1x4x1xf16>) -> tensor<4x2xf16>
  %w = mil.constexpr_lut_to_dense indices(%i) lut(%lut) {name = "w"} : (tensor<4x2xui2>, tensor<1x1x4x1xf16>) -> tensor<4x2xf16>
  // CHECK: %sp_0, %sp_1 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%j) lut(%lut) {name = "sp"} : (tensor<4x4xui1>, tensor<5xui2>, tensor<1x1x4x1xf16>) -> (tensor<4x4xui1>, tensor<5xf16>)
  %sp:2 = mil.constexpr_lut_to_sparse indices_mask(%m) indices_nonzero_data(%j) lut(%lut) {name = "sp"} : (tensor<4x4xui1>, tensor<5xui2>, tensor<1x1x4x1xf16>) -> (tensor<4x4xui1>, tensor<5xf16>)
  // CHECK: %v = mil.constexpr_sparse_to_dense nonzero_data(%sp_1) mask(%sp_0) {name = "v"} : (tensor<5xf16>, tensor<4x4xui1>) -> tensor<4x4xf16>
  %v = mil.constexpr_sparse_to_dense nonzero_data(%sp#1) mask(%sp#0) {name = "v"} : (tensor<5xf16>, tensor<4x4xui1>) -> tensor<4x4xf16>
  mil.return %w, %v : tensor<4x2xf16>, tensor<4x4xf16>
}
