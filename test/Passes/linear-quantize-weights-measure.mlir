// RUN: mil-opt %s --mil-linear-quantize-weights="weight-threshold=0 measure-error=true" | FileCheck %s
// RUN: mil-opt %s --mil-linear-quantize-weights="weight-threshold=0" | FileCheck %s --check-prefix=OFF
// REQUIRES: avx2

// measure-error: the quantizer's error of each weight (squared error,
// squared reference, max abs error) for mil-compress's report. The sum of
// squares is that of the fp16 weight; the largest error is within half a
// step of row 1 (scale 0.0157). The bytes are the same either way.
// CHECK-LABEL: mil.function @ios18
// CHECK: mil.constexpr_blockwise_shift_scale data(%{{.*}}) scale(%{{.*}}) {mil.error_stats = array<f64: 1.4775246381759644E-4, 12.490218568593264, 0.005859375>, name = "w_quantized"}
// CHECK: w_quantized_data: "0x100000007FC02026A70D72817F5FB13026F30300"
// OFF-LABEL: mil.function @ios18
// OFF-NOT: mil.error_stats
// OFF: w_quantized_data: "0x100000007FC02026A70D72817F5FB13026F30300"
mil.function @ios18(%x: tensor<1x8xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[1.0, -0.5, 0.25, 0.3, -0.7, 0.1, 0.9, -1.0], [2.0, 1.5, -1.25, 0.75, 0.6, -0.2, 0.05, 0.0]]> : tensor<2x8xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x8xf16>, tensor<2x8xf16>) -> tensor<1x2xf16>
  mil.return %y : tensor<1x2xf16>
}
