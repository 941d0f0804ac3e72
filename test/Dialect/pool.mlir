// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @avg_pool
mil.function @avg_pool(%x: tensor<1x3x8x8xf32>, %e: tensor<i1>, %ks: tensor<2xi32>, %s: tensor<2xi32>,
    %pt: tensor<!mil.string>, %p: tensor<4xi32>, %c: tensor<i1>) -> (tensor<1x3x4x4xf32>, tensor<1x3x?x?xf32>)
    attributes {opset = "CoreML5"} {
  // CHECK: mil.avg_pool exclude_padding_from_average(%{{.*}}) x(%{{.*}}) kernel_sizes(%{{.*}}) strides(%{{.*}}) pad_type(%{{.*}}) pad(%{{.*}}) ceil_mode(%{{.*}}) {name = "pool"}
  %0 = mil.avg_pool exclude_padding_from_average(%e) x(%x) kernel_sizes(%ks) strides(%s) pad_type(%pt) pad(%p) ceil_mode(%c) {name = "pool"}
      : (tensor<i1>, tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<2xi32>, tensor<!mil.string>, tensor<4xi32>, tensor<i1>) -> tensor<1x3x4x4xf32>
  // CHECK: mil.avg_pool x(%{{.*}}) kernel_sizes(%{{.*}}) pad_type(%{{.*}}) :
  %1 = mil.avg_pool x(%x) kernel_sizes(%ks) pad_type(%pt)
      : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<!mil.string>) -> tensor<1x3x?x?xf32>
  mil.return %0, %1 : tensor<1x3x4x4xf32>, tensor<1x3x?x?xf32>
}

// -----

// CHECK-LABEL: mil.function @l2_pool
mil.function @l2_pool(%x: tensor<1x3x8xf16>, %ks: tensor<1xi32>, %s: tensor<1xi32>, %pt: tensor<!mil.string>,
    %p: tensor<2xi32>, %c: tensor<i1>) -> tensor<1x3x4xf16> attributes {opset = "CoreML6"} {
  // CHECK: mil.l2_pool x(%{{.*}}) kernel_sizes(%{{.*}}) strides(%{{.*}}) pad_type(%{{.*}}) pad(%{{.*}}) ceil_mode(%{{.*}}) :
  %0 = mil.l2_pool x(%x) kernel_sizes(%ks) strides(%s) pad_type(%pt) pad(%p) ceil_mode(%c)
      : (tensor<1x3x8xf16>, tensor<1xi32>, tensor<1xi32>, tensor<!mil.string>, tensor<2xi32>, tensor<i1>) -> tensor<1x3x4xf16>
  mil.return %0 : tensor<1x3x4xf16>
}

// -----

// CHECK-LABEL: mil.function @max_pool
mil.function @max_pool(%x: tensor<?x3x8x8x8xf16>, %ks: tensor<3xi32>, %s: tensor<3xi32>, %pt: tensor<!mil.string>)
    -> tensor<?x3x4x4x4xf16> attributes {opset = "CoreML8"} {
  // CHECK: mil.max_pool x(%{{.*}}) kernel_sizes(%{{.*}}) strides(%{{.*}}) pad_type(%{{.*}}) :
  %0 = mil.max_pool x(%x) kernel_sizes(%ks) strides(%s) pad_type(%pt)
      : (tensor<?x3x8x8x8xf16>, tensor<3xi32>, tensor<3xi32>, tensor<!mil.string>) -> tensor<?x3x4x4x4xf16>
  mil.return %0 : tensor<?x3x4x4x4xf16>
}
