// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @random_bernoulli
mil.function @random_bernoulli(%shape: tensor<3xi32>, %p: tensor<f16>, %seed: tensor<i32>)
    -> (tensor<2x3x4xf16>, tensor<?x?x?xf32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.random_bernoulli shape(%{{.*}}) prob(%{{.*}}) seed(%{{.*}}) {name = "b"} : (tensor<3xi32>, tensor<f16>, tensor<i32>) -> tensor<2x3x4xf16>
  %0 = mil.random_bernoulli shape(%shape) prob(%p) seed(%seed) {name = "b"}
      : (tensor<3xi32>, tensor<f16>, tensor<i32>) -> tensor<2x3x4xf16>
  // CHECK: mil.random_bernoulli shape(%{{.*}}) : (tensor<3xi32>) -> tensor<?x?x?xf32>
  %1 = mil.random_bernoulli shape(%shape) : (tensor<3xi32>) -> tensor<?x?x?xf32>
  mil.return %0, %1 : tensor<2x3x4xf16>, tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: mil.function @random_categorical
mil.function @random_categorical(%x: tensor<2x10xf32>, %mode: tensor<!mil.string>, %size: tensor<i32>, %seed: tensor<i32>)
    -> (tensor<2x5xf32>, tensor<2x1xf32>) attributes {opset = "CoreML8"} {
  // CHECK: mil.random_categorical x(%{{.*}}) mode(%{{.*}}) size(%{{.*}}) seed(%{{.*}}) :
  %0 = mil.random_categorical x(%x) mode(%mode) size(%size) seed(%seed)
      : (tensor<2x10xf32>, tensor<!mil.string>, tensor<i32>, tensor<i32>) -> tensor<2x5xf32>
  // CHECK: mil.random_categorical x(%{{.*}}) : (tensor<2x10xf32>) -> tensor<2x1xf32>
  %1 = mil.random_categorical x(%x) : (tensor<2x10xf32>) -> tensor<2x1xf32>
  mil.return %0, %1 : tensor<2x5xf32>, tensor<2x1xf32>
}

// -----

// CHECK-LABEL: mil.function @random_normal
mil.function @random_normal(%shape: tensor<2xi32>, %m: tensor<f32>, %s: tensor<f32>, %seed: tensor<i32>)
    -> tensor<4x5xf32> attributes {opset = "CoreML7"} {
  // CHECK: mil.random_normal shape(%{{.*}}) mean(%{{.*}}) stddev(%{{.*}}) seed(%{{.*}}) :
  %0 = mil.random_normal shape(%shape) mean(%m) stddev(%s) seed(%seed)
      : (tensor<2xi32>, tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: mil.function @random_uniform
mil.function @random_uniform(%shape: tensor<?xi32>, %lo: tensor<f16>, %hi: tensor<f16>)
    -> tensor<*xf16> attributes {opset = "CoreML6"} {
  // CHECK: mil.random_uniform shape(%{{.*}}) low(%{{.*}}) high(%{{.*}}) :
  %0 = mil.random_uniform shape(%shape) low(%lo) high(%hi)
      : (tensor<?xi32>, tensor<f16>, tensor<f16>) -> tensor<*xf16>
  mil.return %0 : tensor<*xf16>
}
