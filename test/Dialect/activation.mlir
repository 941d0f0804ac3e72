// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @x_only
mil.function @x_only(%x: tensor<2x?xf16>) -> tensor<2x?xf16>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.relu x(%{{.*}}) :
  %0 = mil.relu x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  // CHECK: mil.relu6 x(%{{.*}}) :
  %1 = mil.relu6 x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  // CHECK: mil.sigmoid x(%{{.*}}) :
  %2 = mil.sigmoid x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  // CHECK: mil.silu x(%{{.*}}) :
  %3 = mil.silu x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  // CHECK: mil.softplus x(%{{.*}}) :
  %4 = mil.softplus x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  // CHECK: mil.softsign x(%{{.*}}) :
  %5 = mil.softsign x(%x)
      : (tensor<2x?xf16>) -> tensor<2x?xf16>
  mil.return %5 : tensor<2x?xf16>
}

// -----

// CHECK-LABEL: mil.function @alpha_same_dtype
mil.function @alpha_same_dtype(%x: tensor<1x3x4xf32>, %a: tensor<f32>) -> tensor<1x3x4xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.elu x(%{{.*}}) alpha(%{{.*}}) :
  %0 = mil.elu x(%x) alpha(%a)
      : (tensor<1x3x4xf32>, tensor<f32>) -> tensor<1x3x4xf32>
  // CHECK: mil.leaky_relu x(%{{.*}}) alpha(%{{.*}}) :
  %1 = mil.leaky_relu x(%x) alpha(%a)
      : (tensor<1x3x4xf32>, tensor<f32>) -> tensor<1x3x4xf32>
  // CHECK: mil.thresholded_relu x(%{{.*}}) alpha(%{{.*}}) :
  %2 = mil.thresholded_relu x(%x) alpha(%a)
      : (tensor<1x3x4xf32>, tensor<f32>) -> tensor<1x3x4xf32>
  mil.return %2 : tensor<1x3x4xf32>
}

// -----

// CHECK-LABEL: mil.function @alpha_other_dtype_ios17
mil.function @alpha_other_dtype_ios17(%x: tensor<*xf16>, %a: tensor<f32>) -> tensor<*xf16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.elu x(%{{.*}}) alpha(%{{.*}}) :
  %0 = mil.elu x(%x) alpha(%a)
      : (tensor<*xf16>, tensor<f32>) -> tensor<*xf16>
  // CHECK: mil.leaky_relu x(%{{.*}}) alpha(%{{.*}}) :
  %1 = mil.leaky_relu x(%x) alpha(%a)
      : (tensor<*xf16>, tensor<f32>) -> tensor<*xf16>
  // CHECK: mil.thresholded_relu x(%{{.*}}) alpha(%{{.*}}) :
  %2 = mil.thresholded_relu x(%x) alpha(%a)
      : (tensor<*xf16>, tensor<f32>) -> tensor<*xf16>
  mil.return %2 : tensor<*xf16>
}

// -----

// CHECK-LABEL: mil.function @alpha_beta
mil.function @alpha_beta(%x: tensor<4xf16>, %a: tensor<f16>, %b: tensor<f16>) -> tensor<4xf16>
    attributes {opset = "CoreML6"} {
  // CHECK: mil.clamped_relu x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %0 = mil.clamped_relu x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f16>, tensor<f16>) -> tensor<4xf16>
  // CHECK: mil.linear_activation x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %1 = mil.linear_activation x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f16>, tensor<f16>) -> tensor<4xf16>
  // CHECK: mil.scaled_tanh x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %2 = mil.scaled_tanh x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f16>, tensor<f16>) -> tensor<4xf16>
  // CHECK: mil.sigmoid_hard x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %3 = mil.sigmoid_hard x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f16>, tensor<f16>) -> tensor<4xf16>
  mil.return %3 : tensor<4xf16>
}

// -----

// CHECK-LABEL: mil.function @alpha_beta_ios18
mil.function @alpha_beta_ios18(%x: tensor<4xf16>, %a: tensor<f32>, %b: tensor<f32>) -> tensor<4xf16>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.clamped_relu x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %0 = mil.clamped_relu x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f32>, tensor<f32>) -> tensor<4xf16>
  // CHECK: mil.linear_activation x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %1 = mil.linear_activation x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f32>, tensor<f32>) -> tensor<4xf16>
  // CHECK: mil.scaled_tanh x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %2 = mil.scaled_tanh x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f32>, tensor<f32>) -> tensor<4xf16>
  // CHECK: mil.sigmoid_hard x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %3 = mil.sigmoid_hard x(%x) alpha(%a) beta(%b)
      : (tensor<4xf16>, tensor<f32>, tensor<f32>) -> tensor<4xf16>
  mil.return %3 : tensor<4xf16>
}

// -----

// CHECK-LABEL: mil.function @gelu
mil.function @gelu(%x: tensor<2x8xf32>, %m: tensor<!mil.string>) -> tensor<2x8xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.gelu x(%{{.*}}) mode(%{{.*}}) {name = "g"} :
  %0 = mil.gelu x(%x) mode(%m) {name = "g"}
      : (tensor<2x8xf32>, tensor<!mil.string>) -> tensor<2x8xf32>
  // CHECK: mil.gelu x(%{{.*}}) :
  %1 = mil.gelu x(%0)
      : (tensor<2x8xf32>) -> tensor<2x8xf32>
  mil.return %1 : tensor<2x8xf32>
}

// -----

// CHECK-LABEL: mil.function @softmax
mil.function @softmax(%x: tensor<2x8xf16>, %ax: tensor<i32>) -> tensor<2x8xf16>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.softmax x(%{{.*}}) axis(%{{.*}}) :
  %0 = mil.softmax x(%x) axis(%ax)
      : (tensor<2x8xf16>, tensor<i32>) -> tensor<2x8xf16>
  // CHECK: mil.softmax x(%{{.*}}) :
  %1 = mil.softmax x(%0)
      : (tensor<2x8xf16>) -> tensor<2x8xf16>
  mil.return %1 : tensor<2x8xf16>
}

// -----

// CHECK-LABEL: mil.function @prelu
mil.function @prelu(%x: tensor<1x3x8x8xf16>, %a: tensor<3xf16>, %y: tensor<?x?x8xf32>, %b: tensor<3xf16>) -> tensor<1x3x8x8xf16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.prelu x(%{{.*}}) alpha(%{{.*}}) :
  %0 = mil.prelu x(%x) alpha(%a)
      : (tensor<1x3x8x8xf16>, tensor<3xf16>) -> tensor<1x3x8x8xf16>
  // CHECK: mil.prelu x(%{{.*}}) alpha(%{{.*}}) :
  %1 = mil.prelu x(%y) alpha(%b)
      : (tensor<?x?x8xf32>, tensor<3xf16>) -> tensor<?x?x8xf32>
  mil.return %0 : tensor<1x3x8x8xf16>
}

// -----

// CHECK-LABEL: mil.function @softplus_parametric
mil.function @softplus_parametric(%x: tensor<1x3x4x4xf32>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<1x3x4x4xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.softplus_parametric x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %0 = mil.softplus_parametric x(%x) alpha(%a) beta(%b)
      : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  mil.return %0 : tensor<1x3x4x4xf32>
}
