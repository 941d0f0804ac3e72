// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @batch_norm
mil.function @batch_norm(%x: tensor<1x3x8x8xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %g: tensor<3xf32>,
    %b: tensor<3xf32>, %e: tensor<f32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>)
    attributes {opset = "CoreML5"} {
  // CHECK: mil.batch_norm x(%{{.*}}) mean(%{{.*}}) variance(%{{.*}}) gamma(%{{.*}}) beta(%{{.*}}) epsilon(%{{.*}}) {name = "bn"}
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) gamma(%g) beta(%b) epsilon(%e) {name = "bn"}
      : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<1x3x8x8xf32>
  // CHECK: mil.batch_norm x(%{{.*}}) mean(%{{.*}}) variance(%{{.*}}) :
  %1 = mil.batch_norm x(%x) mean(%m) variance(%v)
      : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  mil.return %0, %1 : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// iOS17: the parameters may have another element type than x.
// CHECK-LABEL: mil.function @batch_norm_mixed
mil.function @batch_norm_mixed(%x: tensor<?x3x8xf16>, %m: tensor<3xf32>, %v: tensor<3xf32>, %e: tensor<f32>)
    -> tensor<?x3x8xf16> attributes {opset = "CoreML7"} {
  // CHECK: mil.batch_norm x(%{{.*}}) mean(%{{.*}}) variance(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.batch_norm x(%x) mean(%m) variance(%v) epsilon(%e)
      : (tensor<?x3x8xf16>, tensor<3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<?x3x8xf16>
  mil.return %0 : tensor<?x3x8xf16>
}

// -----

// CHECK-LABEL: mil.function @instance_norm
mil.function @instance_norm(%x: tensor<1x3x8x8xf16>, %g: tensor<3xf16>, %b: tensor<3xf16>, %e: tensor<f16>)
    -> (tensor<1x3x8x8xf16>, tensor<1x3x8x8xf16>) attributes {opset = "CoreML6"} {
  // CHECK: mil.instance_norm x(%{{.*}}) gamma(%{{.*}}) beta(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.instance_norm x(%x) gamma(%g) beta(%b) epsilon(%e)
      : (tensor<1x3x8x8xf16>, tensor<3xf16>, tensor<3xf16>, tensor<f16>) -> tensor<1x3x8x8xf16>
  // CHECK: mil.instance_norm x(%{{.*}}) :
  %1 = mil.instance_norm x(%x) : (tensor<1x3x8x8xf16>) -> tensor<1x3x8x8xf16>
  mil.return %0, %1 : tensor<1x3x8x8xf16>, tensor<1x3x8x8xf16>
}

// -----

// CHECK-LABEL: mil.function @l2_norm
mil.function @l2_norm(%x: tensor<2x3x4x5xf32>, %e: tensor<f16>) -> tensor<2x3x4x5xf32>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.l2_norm x(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.l2_norm x(%x) epsilon(%e) : (tensor<2x3x4x5xf32>, tensor<f16>) -> tensor<2x3x4x5xf32>
  mil.return %0 : tensor<2x3x4x5xf32>
}

// -----

// CHECK-LABEL: mil.function @layer_norm
mil.function @layer_norm(%x: tensor<2x5x16xf16>, %a: tensor<1xi32>, %g: tensor<16xf16>, %b: tensor<16xf16>,
    %e: tensor<f16>, %gx: tensor<2x5x16xf16>) -> (tensor<2x5x16xf16>, tensor<2x5x16xf16>)
    attributes {opset = "CoreML8"} {
  // CHECK: mil.layer_norm x(%{{.*}}) axes(%{{.*}}) gamma(%{{.*}}) beta(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.layer_norm x(%x) axes(%a) gamma(%g) beta(%b) epsilon(%e)
      : (tensor<2x5x16xf16>, tensor<1xi32>, tensor<16xf16>, tensor<16xf16>, tensor<f16>) -> tensor<2x5x16xf16>
  // CHECK: mil.layer_norm x(%{{.*}}) gamma(%{{.*}}) :
  %1 = mil.layer_norm x(%x) gamma(%gx) : (tensor<2x5x16xf16>, tensor<2x5x16xf16>) -> tensor<2x5x16xf16>
  mil.return %0, %1 : tensor<2x5x16xf16>, tensor<2x5x16xf16>
}

// -----

// CHECK-LABEL: mil.function @local_response_norm
mil.function @local_response_norm(%x: tensor<1x8x4x4xf32>, %s: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>,
    %k: tensor<f32>) -> tensor<1x8x4x4xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.local_response_norm x(%{{.*}}) size(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) k(%{{.*}}) :
  %0 = mil.local_response_norm x(%x) size(%s) alpha(%a) beta(%b) k(%k)
      : (tensor<1x8x4x4xf32>, tensor<i32>, tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<1x8x4x4xf32>
  mil.return %0 : tensor<1x8x4x4xf32>
}
