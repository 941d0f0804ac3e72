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
