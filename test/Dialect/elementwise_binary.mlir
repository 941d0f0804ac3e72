// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @arith_broadcast
mil.function @arith_broadcast(%x: tensor<2x1x4xf16>, %y: tensor<3x1xf16>) -> tensor<2x3x4xf16>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.add x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.add x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.floor_div x(%{{.*}}) y(%{{.*}}) :
  %1 = mil.floor_div x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.maximum x(%{{.*}}) y(%{{.*}}) :
  %2 = mil.maximum x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.minimum x(%{{.*}}) y(%{{.*}}) :
  %3 = mil.minimum x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.mod x(%{{.*}}) y(%{{.*}}) :
  %4 = mil.mod x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.mul x(%{{.*}}) y(%{{.*}}) :
  %5 = mil.mul x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.pow x(%{{.*}}) y(%{{.*}}) :
  %6 = mil.pow x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.real_div x(%{{.*}}) y(%{{.*}}) :
  %7 = mil.real_div x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  // CHECK: mil.sub x(%{{.*}}) y(%{{.*}}) :
  %8 = mil.sub x(%x) y(%y)
      : (tensor<2x1x4xf16>, tensor<3x1xf16>) -> tensor<2x3x4xf16>
  mil.return %8 : tensor<2x3x4xf16>
}

// -----

// CHECK-LABEL: mil.function @arith_int_dynamic
mil.function @arith_int_dynamic(%x: tensor<?x4xi32>, %y: tensor<i32>, %z: tensor<*xi32>) -> tensor<*xi32>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.add x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.add x(%x) y(%y)
      : (tensor<?x4xi32>, tensor<i32>) -> tensor<?x4xi32>
  // CHECK: mil.mul x(%{{.*}}) y(%{{.*}}) :
  %1 = mil.mul x(%0) y(%z)
      : (tensor<?x4xi32>, tensor<*xi32>) -> tensor<*xi32>
  mil.return %1 : tensor<*xi32>
}

// -----

// CHECK-LABEL: mil.function @compare
mil.function @compare(%x: tensor<5x3xf32>, %y: tensor<3xf32>) -> tensor<5x3xi1>
    attributes {opset = "CoreML6"} {
  // CHECK: mil.equal x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.equal x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  // CHECK: mil.greater x(%{{.*}}) y(%{{.*}}) :
  %1 = mil.greater x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  // CHECK: mil.greater_equal x(%{{.*}}) y(%{{.*}}) :
  %2 = mil.greater_equal x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  // CHECK: mil.less x(%{{.*}}) y(%{{.*}}) :
  %3 = mil.less x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  // CHECK: mil.less_equal x(%{{.*}}) y(%{{.*}}) :
  %4 = mil.less_equal x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  // CHECK: mil.not_equal x(%{{.*}}) y(%{{.*}}) :
  %5 = mil.not_equal x(%x) y(%y)
      : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xi1>
  mil.return %5 : tensor<5x3xi1>
}

// -----

// CHECK-LABEL: mil.function @logical
mil.function @logical(%x: tensor<1x?xi1>, %y: tensor<6x1xi1>) -> tensor<6x?xi1>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.logical_and x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.logical_and x(%x) y(%y)
      : (tensor<1x?xi1>, tensor<6x1xi1>) -> tensor<6x?xi1>
  // CHECK: mil.logical_or x(%{{.*}}) y(%{{.*}}) :
  %1 = mil.logical_or x(%x) y(%y)
      : (tensor<1x?xi1>, tensor<6x1xi1>) -> tensor<6x?xi1>
  // CHECK: mil.logical_xor x(%{{.*}}) y(%{{.*}}) :
  %2 = mil.logical_xor x(%x) y(%y)
      : (tensor<1x?xi1>, tensor<6x1xi1>) -> tensor<6x?xi1>
  mil.return %2 : tensor<6x?xi1>
}
