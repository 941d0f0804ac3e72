// RUN: mil-opt %s -split-input-file --mil-linear-quantize-weights="weight-threshold=0" 2>&1 | FileCheck %s

// Weights of 1 MiB of quantized data or more are quantized piece by piece;
// per channel, each piece computes its rows' parameters and elements in one
// read. An infinity found there sends the weight down the two-pass route,
// which skips it as coremltools does.
// CHECK: warning: The const w has inf/-inf, which is not supported by quantization. Skipped.
// CHECK-LABEL: mil.function @inf
// CHECK: %w = mil.const dense<0x7C00> : tensor<1024x1024xf16> {name = "w"}
// CHECK: mil.linear x(%arg0) weight(%w)
mil.function @inf(%x: tensor<1x1024xf16>) -> tensor<1x1024xf16> attributes {opset = "CoreML8"} {
  %w = mil.const dense<0x7C00> : tensor<1024x1024xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x1024xf16>, tensor<1024x1024xf16>) -> tensor<1x1024xf16>
  mil.return %y : tensor<1x1024xf16>
}

// -----

// A NaN may hide an infinity: the two-pass route looks, finds none, and
// quantizes (NaN scales, zero data, as numpy's casts give).
// CHECK-NOT: warning
// CHECK-LABEL: mil.function @nan
// CHECK: %[[D:.*]] = mil.const dense_resource<w_quantized_data> : tensor<1024x1024xi8> {inline}
// CHECK: %[[S:.*]] = mil.const dense_resource<w_quantized_scale> : tensor<1024x1xf16> {inline}
// CHECK: mil.constexpr_blockwise_shift_scale data(%[[D]]) scale(%[[S]]) {name = "w_quantized"}
// CHECK: w_quantized_data: "0x1000000000000000000000000000000000000000
// CHECK: w_quantized_scale: "0x10000000007E007E007E007E
mil.function @nan(%x: tensor<1x1024xf16>) -> tensor<1x1024xf16> attributes {opset = "CoreML8"} {
  %w = mil.const dense<0x7E00> : tensor<1024x1024xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x1024xf16>, tensor<1024x1024xf16>) -> tensor<1x1024xf16>
  mil.return %y : tensor<1x1024xf16>
}
