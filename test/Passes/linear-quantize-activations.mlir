// RUN: mil-opt %s -split-input-file --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json" | FileCheck %s
// RUN: mil-opt %s -split-input-file --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json config=%S/Inputs/actq-config-skip-fc.json" | FileCheck %s --check-prefix=SKIP

// A prefix pair before the linear (the input's dtype, no zero point) and a
// suffix pair after the relu that follows it (fp16 scale, int8 zero point
// 0); scale = fp16(2 max(|rmin|, |rmax|)) / 254. The iOS16 program is
// raised to iOS17.
// CHECK-LABEL: mil.function @linear_relu
// CHECK-SAME: opset = "CoreML7"
// CHECK: %[[QS:.*]] = mil.const dense<1.000000e+00> : tensor<f16> {name = "quantize_0_scale_0"}
// CHECK: %[[DT:.*]] = mil.const dense<"int8"> : tensor<!mil.string> {name = "quantize_0_output_dtype_0"}
// CHECK: %[[Q:.*]] = mil.quantize input(%x) scale(%[[QS]]) output_dtype(%[[DT]]) {name = "quantize_0"}
// CHECK: %[[DS:.*]] = mil.const dense<1.000000e+00> : tensor<f16> {name = "dequantize_0_scale_0"}
// CHECK: %[[D:.*]] = mil.dequantize input(%[[Q]]) scale(%[[DS]]) {name = "dequantize_0"}
// CHECK: %fc = mil.linear x(%[[D]])
// CHECK: %r = mil.relu x(%fc)
// CHECK: mil.const dense<0> : tensor<i8> {name = "quantize_1_zero_point_0"}
// CHECK: mil.const dense<5.000000e-01> : tensor<f16> {name = "quantize_1_scale_0"}
// CHECK: %[[Q1:.*]] = mil.quantize input(%r) zero_point
// CHECK: %[[D1:.*]] = mil.dequantize input(%[[Q1]]) zero_point({{.*}}) scale({{.*}}) {name = "dequantize_1", outputs = ["dequantize_1__post__dequant"]}
// CHECK: %o = mil.relu x(%[[D1]])
// SKIP-LABEL: mil.function @linear_relu
// SKIP-NOT: mil.quantize
// SKIP: mil.return
mil.function @linear_relu(%x: tensor<1x4xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML6", input_names = ["x"]} {
  %w = mil.const dense<5.000000e-01> : tensor<2x4xf16> {name = "w"}
  %fc = mil.linear x(%x) weight(%w) {name = "fc"} : (tensor<1x4xf16>, tensor<2x4xf16>) -> tensor<1x2xf16>
  %r = mil.relu x(%fc) {name = "r"} : (tensor<1x2xf16>) -> tensor<1x2xf16>
  %o = mil.relu x(%r) {name = "o"} : (tensor<1x2xf16>) -> tensor<1x2xf16>
  mil.return %o : tensor<1x2xf16>
}

// -----

// An fp32 tensor: coremltools' suffix scale would stay fp16 (an invalid
// program it refuses); ours is the same value as fp32.
// CHECK-LABEL: mil.function @fp32_suffix
// CHECK: mil.const dense<1.000000e+00> : tensor<f32> {name = "quantize_0_scale_0"}
// CHECK: mil.const dense<5.000000e-01> : tensor<f32> {name = "quantize_1_scale_0"}
// CHECK: mil.const dense<5.000000e-01> : tensor<f32> {name = "dequantize_1_scale_0"}
mil.function @fp32_suffix(%x32: tensor<1x4xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML7", input_names = ["x32"]} {
  %w = mil.const dense<5.000000e-01> : tensor<2x4xf32> {name = "w"}
  %fc32 = mil.linear x(%x32) weight(%w) {name = "fc32"} : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32>
  %o = mil.sigmoid x(%fc32) {name = "o"} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  mil.return %o : tensor<1x2xf32>
}

// -----

// Both inputs of an add get a pair; an int32 add (an index computation) is
// left alone, where coremltools would build an invalid quantize.
// CHECK-LABEL: mil.function @adds
// CHECK: mil.quantize input(%a)
// CHECK: mil.quantize input(%b)
// CHECK: %sum = mil.add
// CHECK-NOT: mil.quantize
// CHECK: %isum = mil.add x(%i) y(%j)
mil.function @adds(%a: tensor<4xf16>, %b: tensor<4xf16>, %i: tensor<4xi32>, %j: tensor<4xi32>) -> (tensor<4xf16>, tensor<4xi32>) attributes {opset = "CoreML7", input_names = ["a", "b", "i", "j"]} {
  %sum = mil.add x(%a) y(%b) {name = "sum"} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %isum = mil.add x(%i) y(%j) {name = "isum"} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  mil.return %sum, %isum : tensor<4xf16>, tensor<4xi32>
}
