// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @gather_ios15
mil.function @gather_ios15(%x: tensor<4x5xf32>, %i: tensor<3xi32>, %axis: tensor<i32>) -> tensor<3x5xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.gather x(%{{.*}}) indices(%{{.*}}) axis(%{{.*}}) {name = "g"} : (tensor<4x5xf32>, tensor<3xi32>, tensor<i32>) -> tensor<3x5xf32>
  %0 = mil.gather x(%x) indices(%i) axis(%axis) {name = "g"} : (tensor<4x5xf32>, tensor<3xi32>, tensor<i32>) -> tensor<3x5xf32>
  mil.return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: mil.function @gather_ios17
mil.function @gather_ios17(%x: tensor<2x4x5xui8>, %i: tensor<2x3xi8>, %axis: tensor<i32>, %bd: tensor<i32>, %v: tensor<i1>)
    -> tensor<2x3x5xui8> attributes {opset = "CoreML7"} {
  // CHECK: mil.gather x(%{{.*}}) indices(%{{.*}}) axis(%{{.*}}) batch_dims(%{{.*}}) validate_indices(%{{.*}}) {name = "g"}
  %0 = mil.gather x(%x) indices(%i) axis(%axis) batch_dims(%bd) validate_indices(%v) {name = "g"}
      : (tensor<2x4x5xui8>, tensor<2x3xi8>, tensor<i32>, tensor<i32>, tensor<i1>) -> tensor<2x3x5xui8>
  mil.return %0 : tensor<2x3x5xui8>
}

// -----

// CHECK-LABEL: mil.function @gather_along_axis
mil.function @gather_along_axis(%x: tensor<4x5xf16>, %i: tensor<4x2xui16>, %axis: tensor<i32>, %v: tensor<i1>)
    -> tensor<4x2xf16> attributes {opset = "CoreML7"} {
  // CHECK: mil.gather_along_axis x(%{{.*}}) indices(%{{.*}}) axis(%{{.*}}) validate_indices(%{{.*}}) {name = "g"}
  %0 = mil.gather_along_axis x(%x) indices(%i) axis(%axis) validate_indices(%v) {name = "g"}
      : (tensor<4x5xf16>, tensor<4x2xui16>, tensor<i32>, tensor<i1>) -> tensor<4x2xf16>
  mil.return %0 : tensor<4x2xf16>
}

// -----

// CHECK-LABEL: mil.function @gather_nd
mil.function @gather_nd(%x: tensor<4x5x6xi32>, %i: tensor<3x2xi32>, %bd: tensor<i32>) -> (tensor<3x6xi32>, tensor<?x?xi32>)
    attributes {opset = "CoreML6"} {
  // CHECK: mil.gather_nd x(%{{.*}}) indices(%{{.*}}) {name = "g0"} : (tensor<4x5x6xi32>, tensor<3x2xi32>) -> tensor<3x6xi32>
  %0 = mil.gather_nd x(%x) indices(%i) {name = "g0"} : (tensor<4x5x6xi32>, tensor<3x2xi32>) -> tensor<3x6xi32>
  // CHECK: mil.gather_nd x(%{{.*}}) indices(%{{.*}}) batch_dims(%{{.*}}) {name = "g1"}
  %1 = mil.gather_nd x(%x) indices(%i) batch_dims(%bd) {name = "g1"} : (tensor<4x5x6xi32>, tensor<3x2xi32>, tensor<i32>) -> tensor<?x?xi32>
  mil.return %0, %1 : tensor<3x6xi32>, tensor<?x?xi32>
}

// -----

// CHECK-LABEL: mil.function @scatter
mil.function @scatter(%d: tensor<4x5xf32>, %i: tensor<2xi32>, %u: tensor<4x2xf32>, %axis: tensor<i32>,
    %mode: tensor<!mil.string>, %v: tensor<i1>) -> tensor<4x5xf32> attributes {opset = "CoreML7"} {
  // CHECK: mil.scatter data(%{{.*}}) indices(%{{.*}}) updates(%{{.*}}) axis(%{{.*}}) mode(%{{.*}}) validate_indices(%{{.*}}) {name = "s"}
  %0 = mil.scatter data(%d) indices(%i) updates(%u) axis(%axis) mode(%mode) validate_indices(%v) {name = "s"}
      : (tensor<4x5xf32>, tensor<2xi32>, tensor<4x2xf32>, tensor<i32>, tensor<!mil.string>, tensor<i1>) -> tensor<4x5xf32>
  mil.return %0 : tensor<4x5xf32>
}

// -----

// CHECK-LABEL: mil.function @scatter_along_axis
mil.function @scatter_along_axis(%d: tensor<4x5xi32>, %i: tensor<4x2xi32>, %u: tensor<4x2xi32>) -> tensor<4x5xi32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.scatter_along_axis data(%{{.*}}) indices(%{{.*}}) updates(%{{.*}}) {name = "s"}
  %0 = mil.scatter_along_axis data(%d) indices(%i) updates(%u) {name = "s"}
      : (tensor<4x5xi32>, tensor<4x2xi32>, tensor<4x2xi32>) -> tensor<4x5xi32>
  mil.return %0 : tensor<4x5xi32>
}

// -----

// CHECK-LABEL: mil.function @scatter_nd
mil.function @scatter_nd(%d: tensor<4x5x6xf16>, %i: tensor<3x2xi32>, %u: tensor<3x6xf16>, %mode: tensor<!mil.string>)
    -> tensor<4x5x6xf16> attributes {opset = "CoreML6"} {
  // CHECK: mil.scatter_nd data(%{{.*}}) indices(%{{.*}}) updates(%{{.*}}) mode(%{{.*}}) {name = "s"}
  %0 = mil.scatter_nd data(%d) indices(%i) updates(%u) mode(%mode) {name = "s"}
      : (tensor<4x5x6xf16>, tensor<3x2xi32>, tensor<3x6xf16>, tensor<!mil.string>) -> tensor<4x5x6xf16>
  mil.return %0 : tensor<4x5x6xf16>
}
