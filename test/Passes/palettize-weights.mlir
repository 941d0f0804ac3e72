// RUN: mil-opt %s -split-input-file --mil-palettize-weights="weight-threshold=0 mode=uniform nbits=2" | FileCheck %s --check-prefix=UNIFORM
// RUN: mil-opt %s -split-input-file --mil-palettize-weights="weight-threshold=0 mode=unique" | FileCheck %s --check-prefix=UNIQUE
// RUN: mil-opt %s -split-input-file --mil-palettize-weights="weight-threshold=0 mode=kmeans nbits=1" | FileCheck %s --check-prefix=KMEANS
// RUN: mil-opt %s -split-input-file --mil-palettize-weights="weight-threshold=0 mode=kmeans nbits=1 granularity=per_grouped_channel group-size=1" | FileCheck %s --check-prefix=GROUPED

// Uniform 2-bit (spec 3.3.3): LUT lo + k * (hi - lo) / 3 = [-10, -14/3, 2/3, 6].
// UNIFORM-LABEL: mil.function @ios18
// UNIFORM: %w_palettized = mil.constexpr_lut_to_dense indices(%{{.*}}) lut(%{{.*}}) {name = "w_palettized"} : (tensor<2x5xui2>, tensor<1x1x4x1xf32>) -> tensor<2x5xf32>
// UNIFORM: w_palettized_indices: "0x1000000072AA0F"
// UNIFORM: w_palettized_lut: "0x10000000000020C1555595C0ABAA2A3F0000C040"
// Unique: 10 distinct values need 4 bits; the LUT is sorted and zero-padded.
// UNIQUE-LABEL: mil.function @ios18
// UNIQUE: mil.constexpr_lut_to_dense indices(%{{.*}}) lut(%{{.*}}) {name = "w_palettized"} : (tensor<2x5xui4>, tensor<1x1x16x1xf32>) -> tensor<2x5xf32>
// K-means 1-bit is globally optimal: {-10, -3, -2} and {0..6}, centroids
// -5 and 3 (squared error 66; {-10} against the rest would be 75.6).
// KMEANS-LABEL: mil.function @ios18
// KMEANS: mil.constexpr_lut_to_dense indices(%{{.*}}) lut(%{{.*}}) {name = "w_palettized"} : (tensor<2x5xui1>, tensor<1x1x2x1xf32>) -> tensor<2x5xf32>
// KMEANS: w_palettized_indices: "0x10000000F403"
// KMEANS: w_palettized_lut: "0x100000000000A0C000004040"
// One LUT per output channel (group of 1 row).
// GROUPED-LABEL: mil.function @ios18
// GROUPED: mil.constexpr_lut_to_dense indices(%{{.*}}) lut(%{{.*}}) {name = "w_palettized"} : (tensor<2x5xui1>, tensor<2x1x2x1xf32>) -> tensor<2x5xf32>
mil.function @ios18(%x: tensor<1x5xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf32> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf32>, tensor<2x5xf32>) -> tensor<1x2xf32>
  mil.return %y : tensor<1x2xf32>
}
