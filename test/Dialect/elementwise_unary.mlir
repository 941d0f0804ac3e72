// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @float_unary
mil.function @float_unary(%x: tensor<3x?xf32>) -> tensor<3x?xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.acos x(%{{.*}}) :
  %0 = mil.acos x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.asin x(%{{.*}}) :
  %1 = mil.asin x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.atan x(%{{.*}}) :
  %2 = mil.atan x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.atanh x(%{{.*}}) :
  %3 = mil.atanh x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.ceil x(%{{.*}}) :
  %4 = mil.ceil x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.cos x(%{{.*}}) :
  %5 = mil.cos x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.cosh x(%{{.*}}) :
  %6 = mil.cosh x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.erf x(%{{.*}}) :
  %7 = mil.erf x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.exp x(%{{.*}}) :
  %8 = mil.exp x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.floor x(%{{.*}}) :
  %9 = mil.floor x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.round x(%{{.*}}) :
  %10 = mil.round x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.sin x(%{{.*}}) :
  %11 = mil.sin x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.sinh x(%{{.*}}) :
  %12 = mil.sinh x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.sqrt x(%{{.*}}) :
  %13 = mil.sqrt x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.tan x(%{{.*}}) :
  %14 = mil.tan x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  // CHECK: mil.tanh x(%{{.*}}) :
  %15 = mil.tanh x(%x)
      : (tensor<3x?xf32>) -> tensor<3x?xf32>
  mil.return %15 : tensor<3x?xf32>
}

// -----

// CHECK-LABEL: mil.function @num_unary
mil.function @num_unary(%x: tensor<4xi32>) -> tensor<4xi32>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.abs x(%{{.*}}) :
  %0 = mil.abs x(%x)
      : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: mil.exp2 x(%{{.*}}) :
  %1 = mil.exp2 x(%x)
      : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: mil.sign x(%{{.*}}) :
  %2 = mil.sign x(%x)
      : (tensor<4xi32>) -> tensor<4xi32>
  // CHECK: mil.square x(%{{.*}}) :
  %3 = mil.square x(%x)
      : (tensor<4xi32>) -> tensor<4xi32>
  mil.return %3 : tensor<4xi32>
}

// -----

// CHECK-LABEL: mil.function @clip_threshold
mil.function @clip_threshold(%x: tensor<2x2xf16>, %a: tensor<f16>, %b: tensor<f16>, %i: tensor<2xi32>, %t: tensor<i32>) -> tensor<2x2xf16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.clip x(%{{.*}}) alpha(%{{.*}}) beta(%{{.*}}) :
  %0 = mil.clip x(%x) alpha(%a) beta(%b)
      : (tensor<2x2xf16>, tensor<f16>, tensor<f16>) -> tensor<2x2xf16>
  // CHECK: mil.threshold x(%{{.*}}) alpha(%{{.*}}) :
  %1 = mil.threshold x(%i) alpha(%t)
      : (tensor<2xi32>, tensor<i32>) -> tensor<2xi32>
  mil.return %0 : tensor<2x2xf16>
}

// -----

// CHECK-LABEL: mil.function @epsilon_ops
mil.function @epsilon_ops(%x: tensor<8xf32>, %e: tensor<f32>) -> tensor<8xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.inverse x(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.inverse x(%x) epsilon(%e)
      : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  // CHECK: mil.inverse x(%{{.*}}) :
  %1 = mil.inverse x(%x)
      : (tensor<8xf32>) -> tensor<8xf32>
  // CHECK: mil.log x(%{{.*}}) epsilon(%{{.*}}) :
  %2 = mil.log x(%x) epsilon(%e)
      : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  // CHECK: mil.log x(%{{.*}}) :
  %3 = mil.log x(%x)
      : (tensor<8xf32>) -> tensor<8xf32>
  // CHECK: mil.rsqrt x(%{{.*}}) epsilon(%{{.*}}) :
  %4 = mil.rsqrt x(%x) epsilon(%e)
      : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  // CHECK: mil.rsqrt x(%{{.*}}) :
  %5 = mil.rsqrt x(%x)
      : (tensor<8xf32>) -> tensor<8xf32>
  mil.return %5 : tensor<8xf32>
}

// -----

// CHECK-LABEL: mil.function @epsilon_other_dtype_ios17
mil.function @epsilon_other_dtype_ios17(%x: tensor<8xf16>, %e: tensor<f32>) -> tensor<8xf16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.inverse x(%{{.*}}) epsilon(%{{.*}}) :
  %0 = mil.inverse x(%x) epsilon(%e)
      : (tensor<8xf16>, tensor<f32>) -> tensor<8xf16>
  // CHECK: mil.log x(%{{.*}}) epsilon(%{{.*}}) :
  %1 = mil.log x(%x) epsilon(%e)
      : (tensor<8xf16>, tensor<f32>) -> tensor<8xf16>
  // CHECK: mil.rsqrt x(%{{.*}}) epsilon(%{{.*}}) :
  %2 = mil.rsqrt x(%x) epsilon(%e)
      : (tensor<8xf16>, tensor<f32>) -> tensor<8xf16>
  mil.return %2 : tensor<8xf16>
}

// -----

// CHECK-LABEL: mil.function @logical_not
mil.function @logical_not(%x: tensor<2x3xi1>) -> tensor<2x3xi1>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.logical_not x(%{{.*}}) :
  %0 = mil.logical_not x(%x)
      : (tensor<2x3xi1>) -> tensor<2x3xi1>
  mil.return %0 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: mil.function @cast_ios15
mil.function @cast_ios15(%x: tensor<2x?xf32>, %d: tensor<!mil.string>) -> tensor<2x?xi32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.cast x(%{{.*}}) dtype(%{{.*}}) {name = "c"} :
  %0 = mil.cast x(%x) dtype(%d) {name = "c"}
      : (tensor<2x?xf32>, tensor<!mil.string>) -> tensor<2x?xi32>
  mil.return %0 : tensor<2x?xi32>
}

// -----

// CHECK-LABEL: mil.function @cast_ios17
mil.function @cast_ios17(%x: tensor<4xui8>, %d: tensor<!mil.string>) -> tensor<4xi16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.cast x(%{{.*}}) dtype(%{{.*}}) :
  %0 = mil.cast x(%x) dtype(%d)
      : (tensor<4xui8>, tensor<!mil.string>) -> tensor<4xi16>
  mil.return %0 : tensor<4xi16>
}
