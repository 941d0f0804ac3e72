// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @reduce_arg
mil.function @reduce_arg(%x: tensor<2x3x4xf32>, %a: tensor<i32>, %k: tensor<i1>, %od: tensor<!mil.string>)
    -> (tensor<2x3xi32>, tensor<2x1x4xui16>) attributes {opset = "CoreML7"} {
  // CHECK: mil.reduce_argmax x(%{{.*}}) :
  %0 = mil.reduce_argmax x(%x) : (tensor<2x3x4xf32>) -> tensor<2x3xi32>
  // CHECK: mil.reduce_argmin x(%{{.*}}) axis(%{{.*}}) keep_dims(%{{.*}}) output_dtype(%{{.*}}) :
  %1 = mil.reduce_argmin x(%x) axis(%a) keep_dims(%k) output_dtype(%od)
      : (tensor<2x3x4xf32>, tensor<i32>, tensor<i1>, tensor<!mil.string>) -> tensor<2x1x4xui16>
  mil.return %0, %1 : tensor<2x3xi32>, tensor<2x1x4xui16>
}

// -----

// CHECK-LABEL: mil.function @reduce_axes
mil.function @reduce_axes(%x: tensor<2x3x4xf16>, %a: tensor<2xi32>, %k: tensor<i1>, %i: tensor<2x3xi32>)
    -> (tensor<3xf16>, tensor<1x3x1xf16>, tensor<f16>, tensor<f16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>,
        tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<i32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.reduce_l1_norm x(%{{.*}}) axes(%{{.*}}) :
  %0 = mil.reduce_l1_norm x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_l2_norm x(%{{.*}}) axes(%{{.*}}) keep_dims(%{{.*}}) :
  %1 = mil.reduce_l2_norm x(%x) axes(%a) keep_dims(%k) : (tensor<2x3x4xf16>, tensor<2xi32>, tensor<i1>) -> tensor<1x3x1xf16>
  // CHECK: mil.reduce_log_sum x(%{{.*}}) :
  %2 = mil.reduce_log_sum x(%x) : (tensor<2x3x4xf16>) -> tensor<f16>
  // CHECK: mil.reduce_log_sum_exp x(%{{.*}}) keep_dims(%{{.*}}) :
  %3 = mil.reduce_log_sum_exp x(%x) keep_dims(%k) : (tensor<2x3x4xf16>, tensor<i1>) -> tensor<f16>
  // CHECK: mil.reduce_max x(%{{.*}}) axes(%{{.*}}) :
  %4 = mil.reduce_max x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_mean x(%{{.*}}) axes(%{{.*}}) :
  %5 = mil.reduce_mean x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_min x(%{{.*}}) axes(%{{.*}}) :
  %6 = mil.reduce_min x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_prod x(%{{.*}}) axes(%{{.*}}) :
  %7 = mil.reduce_prod x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_sum x(%{{.*}}) axes(%{{.*}}) :
  %8 = mil.reduce_sum x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_sum_square x(%{{.*}}) axes(%{{.*}}) :
  %9 = mil.reduce_sum_square x(%x) axes(%a) : (tensor<2x3x4xf16>, tensor<2xi32>) -> tensor<3xf16>
  // CHECK: mil.reduce_sum x(%{{.*}}) axes(%{{.*}}) keep_dims(%{{.*}}) :
  %10 = mil.reduce_sum x(%x) axes(%a) keep_dims(%k) : (tensor<2x3x4xf16>, tensor<2xi32>, tensor<i1>) -> tensor<3xf16>
  // CHECK: mil.reduce_sum x(%{{.*}}) :
  %11 = mil.reduce_sum x(%i) : (tensor<2x3xi32>) -> tensor<i32>
  mil.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<3xf16>, tensor<1x3x1xf16>, tensor<f16>, tensor<f16>,
      tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<i32>
}
