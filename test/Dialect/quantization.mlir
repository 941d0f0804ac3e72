// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @quantize
mil.function @quantize(%x: tensor<2x3xf16>, %zp: tensor<3xi8>, %s: tensor<3xf16>, %axis: tensor<i32>,
    %dt: tensor<!mil.string>, %ss: tensor<f16>) -> (tensor<2x3xi8>, tensor<2x3xui8>) attributes {opset = "CoreML7"} {
  // Per-channel.
  // CHECK: mil.quantize input(%{{.*}}) zero_point(%{{.*}}) scale(%{{.*}}) axis(%{{.*}}) output_dtype(%{{.*}}) {name = "q"} : (tensor<2x3xf16>, tensor<3xi8>, tensor<3xf16>, tensor<i32>, tensor<!mil.string>) -> tensor<2x3xi8>
  %0 = mil.quantize input(%x) zero_point(%zp) scale(%s) axis(%axis) output_dtype(%dt) {name = "q"}
      : (tensor<2x3xf16>, tensor<3xi8>, tensor<3xf16>, tensor<i32>, tensor<!mil.string>) -> tensor<2x3xi8>
  // Per-tensor, no zero point.
  // CHECK: mil.quantize input(%{{.*}}) scale(%{{.*}}) output_dtype(%{{.*}}) : (tensor<2x3xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<2x3xui8>
  %1 = mil.quantize input(%x) scale(%ss) output_dtype(%dt)
      : (tensor<2x3xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<2x3xui8>
  mil.return %0, %1 : tensor<2x3xi8>, tensor<2x3xui8>
}

// -----

// CHECK-LABEL: mil.function @dequantize
mil.function @dequantize(%x: tensor<4x?xui8>, %zp: tensor<ui8>, %s: tensor<f32>, %vzp: tensor<4xui8>, %vs: tensor<4xf32>, %axis: tensor<i32>)
    -> (tensor<4x?xf32>, tensor<4x?xf32>) attributes {opset = "CoreML8"} {
  // CHECK: mil.dequantize input(%{{.*}}) zero_point(%{{.*}}) scale(%{{.*}}) : (tensor<4x?xui8>, tensor<ui8>, tensor<f32>) -> tensor<4x?xf32>
  %0 = mil.dequantize input(%x) zero_point(%zp) scale(%s)
      : (tensor<4x?xui8>, tensor<ui8>, tensor<f32>) -> tensor<4x?xf32>
  // CHECK: mil.dequantize input(%{{.*}}) zero_point(%{{.*}}) scale(%{{.*}}) axis(%{{.*}}) : (tensor<4x?xui8>, tensor<4xui8>, tensor<4xf32>, tensor<i32>) -> tensor<4x?xf32>
  %1 = mil.dequantize input(%x) zero_point(%vzp) scale(%vs) axis(%axis)
      : (tensor<4x?xui8>, tensor<4xui8>, tensor<4xf32>, tensor<i32>) -> tensor<4x?xf32>
  mil.return %0, %1 : tensor<4x?xf32>, tensor<4x?xf32>
}
