// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights="weight-threshold=0" | FileCheck %s
// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights="weight-threshold=0 mode=linear dtype=uint8 granularity=per_tensor" | FileCheck %s --check-prefix=UINT8
// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights="weight-threshold=0 dtype=int4 granularity=per_block block-size=5" | FileCheck %s --check-prefix=INT4
// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights | FileCheck %s --check-prefix=DEFAULT

// The spec's worked example (3.2) as row 0 of a linear weight: symmetric
// int8 per output channel, scale R / 127, no offset on CoreML8.
// CHECK-LABEL: mil.function @ios18
// CHECK: %[[D:.*]] = mil.const dense_resource<w_quantized_data> : tensor<2x5xi8> {inline}
// CHECK: %[[S:.*]] = mil.const dense<{{\[}}[0.0787401571], [0.0393700786]]> : tensor<2x1xf32> {inline}
// CHECK: %w_quantized = mil.constexpr_blockwise_shift_scale data(%[[D]]) scale(%[[S]]) {name = "w_quantized"} : (tensor<2x5xi8>, tensor<2x1xf32>) -> tensor<2x5xf32>
// CHECK: mil.linear x(%arg0) weight(%w_quantized)
// CHECK: w_quantized_data: "0x10000000E7814CDA0019334C667F"
// UINT8-LABEL: mil.function @ios18
// UINT8: mil.constexpr_blockwise_shift_scale data(%{{.*}}) scale(%{{.*}}) offset(%{{.*}}) {name = "w_quantized"} : (tensor<2x5xui8>, tensor<1x1xf32>, tensor<1x1xui8>) -> tensor<2x5xf32>
// UINT8: w_quantized_data: "0x100000007F00FF6F9FAFBFCFDFEF"
// INT4-LABEL: mil.function @ios18
// INT4: mil.constexpr_blockwise_shift_scale data(%{{.*}}) scale(%{{.*}}) {name = "w_quantized"} : (tensor<2x5xi4>, tensor<2x1xf32>) -> tensor<2x5xf32>
// INT4: w_quantized_data: "0x100000009FE4104376"
// The default weight_threshold (2048) keeps this small weight dense.
// DEFAULT-LABEL: mil.function @ios18
// DEFAULT-NOT: constexpr
// DEFAULT: mil.linear x(%arg0) weight(%w)
mil.function @ios18(%x: tensor<1x5xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf32> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf32>, tensor<2x5xf32>) -> tensor<1x2xf32>
  mil.return %y : tensor<1x2xf32>
}

// -----

// matmul's y without transpose is [K, N]: the output channel is the last
// axis (spec 2.8), so per-channel scales run along it.
// CHECK-LABEL: mil.function @matmul_y
// CHECK: mil.constexpr_blockwise_shift_scale data(%{{.*}}) scale(%{{.*}}) {name = "w_quantized"} : (tensor<5x2xi8>, tensor<1x2xf32>) -> tensor<5x2xf32>
mil.function @matmul_y(%x: tensor<1x5xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, 1.0], [-10.0, 2.0], [6.0, 3.0], [-3.0, 4.0], [0.0, 5.0]]> : tensor<5x2xf32> {name = "w"}
  %f = mil.const dense<false> : tensor<i1> {name = "f"}
  %y = mil.matmul x(%x) y(%w) transpose_x(%f) transpose_y(%f) {name = "y"} : (tensor<1x5xf32>, tensor<5x2xf32>, tensor<i1>, tensor<i1>) -> tensor<1x2xf32>
  mil.return %y : tensor<1x2xf32>
}

// -----

// Rank-1 weights (biases), even large ones, and weights with fewer than 10
// elements are never candidates.
// CHECK-LABEL: mil.function @not_candidates
// CHECK-NOT: constexpr
mil.function @not_candidates(%x: tensor<1x3xf32>) -> tensor<1x3xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<1.0> : tensor<3x3xf32> {name = "w"}
  %b = mil.const dense<1.0> : tensor<3xf32> {name = "b"}
  %y = mil.linear x(%x) weight(%w) bias(%b) {name = "y"} : (tensor<1x3xf32>, tensor<3x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %v = mil.const dense<1.0> : tensor<64xf32> {name = "v"}
  %z = mil.add x(%y) y(%y) {name = "z"} : (tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<1x3xf32>
  mil.return %z : tensor<1x3xf32>
}
