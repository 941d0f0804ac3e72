// RUN: mil-opt %s -split-input-file --mil-fuse-transpose-matmul | FileCheck %s

// A transpose of the last two dims folds into the matmul: transpose_x
// flips, the matmul is rebuilt under its op name with new flag literals,
// and the transpose and the old flags go.
// CHECK-LABEL: mil.function @fused
// CHECK-NOT: mil.transpose
// CHECK: %[[TX:.*]] = mil.const dense<true> : tensor<i1> {name = "m_transpose_x_0"}
// CHECK: %[[TY:.*]] = mil.const dense<false> : tensor<i1> {name = "m_transpose_y_0"}
// CHECK: %[[M:.*]] = mil.matmul x(%a) y(%b) transpose_x(%[[TX]]) transpose_y(%[[TY]]) {name = "m"}
// CHECK-NOT: outputs
// CHECK: mil.relu x(%[[M]])
mil.function @fused(%a: tensor<2x3x4xf16>, %b: tensor<2x3x5xf16>) -> tensor<2x4x5xf16> attributes {opset = "CoreML7", input_names = ["a", "b"]} {
  %p = mil.const dense<[0, 2, 1]> : tensor<3xi32> {name = "p"}
  %f = mil.const dense<false> : tensor<i1> {name = "f"}
  %t = mil.transpose x(%a) perm(%p) {name = "t"} : (tensor<2x3x4xf16>, tensor<3xi32>) -> tensor<2x4x3xf16>
  %m = mil.matmul x(%t) y(%b) transpose_x(%f) transpose_y(%f) {name = "m", outputs = ["m_out"]} : (tensor<2x4x3xf16>, tensor<2x3x5xf16>, tensor<i1>, tensor<i1>) -> tensor<2x4x5xf16>
  %r = mil.relu x(%m) {name = "r"} : (tensor<2x4x5xf16>) -> tensor<2x4x5xf16>
  mil.return %r : tensor<2x4x5xf16>
}

// -----

// A transpose of other dims does not fold, but its perm const is rewritten
// in coremltools' canonical form (it writes the array it checked in place);
// a transpose that feeds no matmul keeps its perm.
// CHECK-LABEL: mil.function @canonical_perm
// CHECK: %p = mil.const dense<[1, -3, -1]> : tensor<3xi32> {name = "p"}
// CHECK: %q = mil.const dense<[1, 0, 2]> : tensor<3xi32> {name = "q"}
// CHECK: mil.matmul x(%t) y(%b) {name = "m"}
mil.function @canonical_perm(%a: tensor<3x2x4xf16>, %b: tensor<2x4x5xf16>) -> (tensor<2x3x5xf16>, tensor<2x3x4xf16>) attributes {opset = "CoreML7", input_names = ["a", "b"]} {
  %p = mil.const dense<[1, 0, 2]> : tensor<3xi32> {name = "p"}
  %q = mil.const dense<[1, 0, 2]> : tensor<3xi32> {name = "q"}
  %t = mil.transpose x(%a) perm(%p) {name = "t"} : (tensor<3x2x4xf16>, tensor<3xi32>) -> tensor<2x3x4xf16>
  %u = mil.transpose x(%a) perm(%q) {name = "u"} : (tensor<3x2x4xf16>, tensor<3xi32>) -> tensor<2x3x4xf16>
  %m = mil.matmul x(%t) y(%b) {name = "m"} : (tensor<2x3x4xf16>, tensor<2x4x5xf16>) -> tensor<2x3x5xf16>
  mil.return %m, %u : tensor<2x3x5xf16>, tensor<2x3x4xf16>
}

// -----

// A set flag flips back to false; a matmul that is a function output keeps
// its var name; a transpose with other uses stays (its perm const still
// becomes [-1, -2]).
// CHECK-LABEL: mil.function @flag_flips
// CHECK: %p = mil.const dense<[-1, -2]>
// CHECK: %t = mil.transpose
// CHECK: mil.const dense<false> : tensor<i1> {name = "m_transpose_x_0"}
// CHECK: mil.const dense<false> : tensor<i1> {name = "m_transpose_y_0"}
// CHECK: mil.matmul x(%a) y(%b) {{.*}} {name = "m", outputs = ["m_out"]}
mil.function @flag_flips(%a: tensor<3x4xf16>, %b: tensor<4x5xf16>) -> (tensor<3x5xf16>, tensor<4x3xf16>) attributes {opset = "CoreML7", input_names = ["a", "b"]} {
  %p = mil.const dense<[1, 0]> : tensor<2xi32> {name = "p"}
  %tr = mil.const dense<true> : tensor<i1> {name = "tr"}
  %f = mil.const dense<false> : tensor<i1> {name = "f"}
  %t = mil.transpose x(%a) perm(%p) {name = "t"} : (tensor<3x4xf16>, tensor<2xi32>) -> tensor<4x3xf16>
  %m = mil.matmul x(%t) y(%b) transpose_x(%tr) transpose_y(%f) {name = "m", outputs = ["m_out"]} : (tensor<4x3xf16>, tensor<4x5xf16>, tensor<i1>, tensor<i1>) -> tensor<3x5xf16>
  mil.return %m, %t : tensor<3x5xf16>, tensor<4x3xf16>
}
