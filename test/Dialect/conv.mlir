// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @conv_all_inputs
mil.function @conv_all_inputs(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<4xf16>,
    %s: tensor<2xi32>, %pt: tensor<!mil.string>, %p: tensor<4xi32>, %d: tensor<2xi32>, %g: tensor<i32>)
    -> tensor<1x4x6x6xf16> attributes {opset = "CoreML7"} {
  // CHECK: mil.conv x(%{{.*}}) weight(%{{.*}}) bias(%{{.*}}) strides(%{{.*}}) pad_type(%{{.*}}) pad(%{{.*}}) dilations(%{{.*}}) groups(%{{.*}}) {name = "c"}
  %0 = mil.conv x(%x) weight(%w) bias(%b) strides(%s) pad_type(%pt) pad(%p) dilations(%d) groups(%g) {name = "c"}
      : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>, tensor<2xi32>, tensor<!mil.string>, tensor<4xi32>, tensor<2xi32>, tensor<i32>) -> tensor<1x4x6x6xf16>
  mil.return %0 : tensor<1x4x6x6xf16>
}

// -----

// CHECK-LABEL: mil.function @conv_required_only
mil.function @conv_required_only(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.conv x(%{{.*}}) weight(%{{.*}}) :
  %0 = mil.conv x(%x) weight(%w) : (tensor<1x3x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6xf32>
  mil.return %0 : tensor<1x4x6xf32>
}

// -----

// iOS17 lets weight and bias differ in element type from x.
// CHECK-LABEL: mil.function @conv_mixed_dtypes
mil.function @conv_mixed_dtypes(%x: tensor<1x4x8x8x8xf32>, %w: tensor<8x2x3x3x3xf16>, %b: tensor<8xf16>,
    %g: tensor<i32>) -> tensor<1x8x6x6x6xf32> attributes {opset = "CoreML7"} {
  // CHECK: mil.conv x(%{{.*}}) weight(%{{.*}}) bias(%{{.*}}) groups(%{{.*}}) :
  %0 = mil.conv x(%x) weight(%w) bias(%b) groups(%g)
      : (tensor<1x4x8x8x8xf32>, tensor<8x2x3x3x3xf16>, tensor<8xf16>, tensor<i32>) -> tensor<1x8x6x6x6xf32>
  mil.return %0 : tensor<1x8x6x6x6xf32>
}

// -----

// CHECK-LABEL: mil.function @conv_quantized
mil.function @conv_quantized(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xui8>, %b: tensor<4xui8>,
    %qt: tensor<!mil.string>, %nb: tensor<i32>, %qs: tensor<f32>, %qb: tensor<f32>, %s: tensor<2xi32>,
    %pt: tensor<!mil.string>, %p: tensor<4xi32>, %d: tensor<2xi32>, %g: tensor<i32>)
    -> tensor<1x4x6x6xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.conv_quantized x(%{{.*}}) weight(%{{.*}}) bias(%{{.*}}) quantization_type(%{{.*}}) nbits(%{{.*}}) quant_scale(%{{.*}}) quant_bias(%{{.*}}) strides(%{{.*}}) pad_type(%{{.*}}) pad(%{{.*}}) dilations(%{{.*}}) groups(%{{.*}}) :
  %0 = mil.conv_quantized x(%x) weight(%w) bias(%b) quantization_type(%qt) nbits(%nb) quant_scale(%qs) quant_bias(%qb)
      strides(%s) pad_type(%pt) pad(%p) dilations(%d) groups(%g)
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xui8>, tensor<4xui8>, tensor<!mil.string>, tensor<i32>, tensor<f32>, tensor<f32>,
         tensor<2xi32>, tensor<!mil.string>, tensor<4xi32>, tensor<2xi32>, tensor<i32>) -> tensor<1x4x6x6xf32>
  // CHECK: mil.conv_quantized x(%{{.*}}) weight(%{{.*}}) quantization_type(%{{.*}}) quant_scale(%{{.*}}) quant_bias(%{{.*}}) :
  %1 = mil.conv_quantized x(%x) weight(%w) quantization_type(%qt) quant_scale(%qs) quant_bias(%qb)
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xui8>, tensor<!mil.string>, tensor<f32>, tensor<f32>) -> tensor<1x4x6x6xf32>
  mil.return %1 : tensor<1x4x6x6xf32>
}

// -----

// CHECK-LABEL: mil.function @conv_transpose_all_inputs
mil.function @conv_transpose_all_inputs(%x: tensor<1x4x5x5xf16>, %w: tensor<4x3x3x3xf16>, %b: tensor<3xf16>,
    %p: tensor<4xi32>, %os: tensor<4xi32>, %pt: tensor<!mil.string>, %s: tensor<2xi32>, %d: tensor<2xi32>,
    %g: tensor<i32>) -> tensor<1x3x11x11xf16> attributes {opset = "CoreML5"} {
  // CHECK: mil.conv_transpose x(%{{.*}}) weight(%{{.*}}) bias(%{{.*}}) pad(%{{.*}}) output_shape(%{{.*}}) pad_type(%{{.*}}) strides(%{{.*}}) dilations(%{{.*}}) groups(%{{.*}}) {name = "deconv"}
  %0 = mil.conv_transpose x(%x) weight(%w) bias(%b) pad(%p) output_shape(%os) pad_type(%pt) strides(%s) dilations(%d) groups(%g) {name = "deconv"}
      : (tensor<1x4x5x5xf16>, tensor<4x3x3x3xf16>, tensor<3xf16>, tensor<4xi32>, tensor<4xi32>, tensor<!mil.string>,
         tensor<2xi32>, tensor<2xi32>, tensor<i32>) -> tensor<1x3x11x11xf16>
  mil.return %0 : tensor<1x3x11x11xf16>
}

// -----

// CHECK-LABEL: mil.function @conv_transpose_1d_dynamic
mil.function @conv_transpose_1d_dynamic(%x: tensor<?x4x?xf32>, %w: tensor<4x6x3xf16>) -> tensor<?x6x?xf32>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.conv_transpose x(%{{.*}}) weight(%{{.*}}) :
  %0 = mil.conv_transpose x(%x) weight(%w) : (tensor<?x4x?xf32>, tensor<4x6x3xf16>) -> tensor<?x6x?xf32>
  mil.return %0 : tensor<?x6x?xf32>
}
