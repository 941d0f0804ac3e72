// coremltools' own test behaviours (spec section 5) that apply to our passes.
// RUN: mil-opt %s -split-input-file --mil-palettize-weights="mode=kmeans nbits=2 weight-threshold=0" 2>&1 | FileCheck %s --check-prefix=PAL
// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights="granularity=per_block block-size=13 dtype=int4 weight-threshold=100" 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: mil-opt %s -split-input-file --mil-palettize-weights="mode=kmeans nbits=4 granularity=per_grouped_channel group-size=5 weight-threshold=100" 2>&1 | FileCheck %s --check-prefix=GROUP

// 5.2 item 23: a const that is only a block output is not compressed; one
// that also feeds an op is.
// PAL-LABEL: mil.function @block_output
// PAL: %c = mil.const dense<1.500000e+00> : tensor<10x30xf32> {name = "c"}
// PAL: %d_palettized = mil.constexpr_lut_to_dense
// PAL: mil.add x(%arg0) y(%d_palettized)
// PAL: mil.return %c, %d_palettized
mil.function @block_output(%x: tensor<10x30xf32>) -> (tensor<10x30xf32>, tensor<10x30xf32>, tensor<10x30xf32>) attributes {opset = "CoreML8"} {
  %c = mil.const dense<1.5> : tensor<10x30xf32> {name = "c"}
  %d = mil.const dense<2.5> : tensor<10x30xf32> {name = "d"}
  %y = mil.add x(%x) y(%d) {name = "y"} : (tensor<10x30xf32>, tensor<10x30xf32>) -> tensor<10x30xf32>
  mil.return %c, %d, %y : tensor<10x30xf32>, tensor<10x30xf32>, tensor<10x30xf32>
}

// -----

// 5.3 item 34: a block length that does not divide its axis skips the weight
// with coremltools' warning; 5.5 item 47: likewise a group size that does
// not divide the channels.
// BLOCK: warning: Invalid block_sizes; On 1th axis, the dim size 30 is not divisible by block size 13. Unable to perform structured quantization.
// BLOCK: warning: Cannot perform quantization on w. Skipped this op.
// BLOCK-LABEL: mil.function @not_divisible
// BLOCK-NOT: constexpr
// GROUP: warning: Can't perform palettization: The number of channels at 0th axis (12) is not divisible by channel_group_size (5).
// GROUP: warning: Cannot perform palettization on w. Skipped this op.
// GROUP-LABEL: mil.function @not_divisible
// GROUP-NOT: constexpr
mil.function @not_divisible(%x: tensor<1x30xf32>) -> tensor<1x12xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<0.5> : tensor<12x30xf32> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x30xf32>, tensor<12x30xf32>) -> tensor<1x12xf32>
  mil.return %y : tensor<1x12xf32>
}

// -----

// 5.6 items 49-50: any consumer qualifies: conv_transpose (output channel on
// axis 1) and a const matmul x.
// BLOCK-LABEL: mil.function @consumers
// GROUP-LABEL: mil.function @consumers
// PAL-LABEL: mil.function @consumers
// PAL: %t_palettized = mil.constexpr_lut_to_dense
// PAL: mil.conv_transpose x(%arg0) weight(%t_palettized)
// PAL: %m_palettized = mil.constexpr_lut_to_dense
// PAL: mil.matmul x(%m_palettized)
mil.function @consumers(%x: tensor<1x90x4x4xf32>, %z: tensor<30x10xf32>) -> (tensor<1x30x5x5xf32>, tensor<20x10xf32>) attributes {opset = "CoreML8"} {
  %t = mil.const dense<0.25> : tensor<90x30x2x2xf32> {name = "t"}
  %pt = mil.const dense<"valid"> : tensor<!mil.string> {name = "pt"}
  %c = mil.conv_transpose x(%x) weight(%t) pad_type(%pt) {name = "c"} : (tensor<1x90x4x4xf32>, tensor<90x30x2x2xf32>, tensor<!mil.string>) -> tensor<1x30x5x5xf32>
  %m = mil.const dense<0.75> : tensor<20x30xf32> {name = "m"}
  %f = mil.const dense<false> : tensor<i1> {name = "f"}
  %y = mil.matmul x(%m) y(%z) transpose_x(%f) transpose_y(%f) {name = "y"} : (tensor<20x30xf32>, tensor<30x10xf32>, tensor<i1>, tensor<i1>) -> tensor<20x10xf32>
  mil.return %c, %y : tensor<1x30x5x5xf32>, tensor<20x10xf32>
}
