// RUN: mil-opt %s -split-input-file -verify-diagnostics --mil-reduce-transposes | FileCheck %s

// A transpose cancelled by its inverse through a unary-like op: both go,
// the relu takes the un-transposed type and, as the output's producer now,
// the name of the cancelling transpose.
// CHECK-LABEL: mil.function @cancel
// CHECK-NOT: mil.transpose
// CHECK: %[[R:.*]] = mil.relu x(%x) {name = "t2", outputs = ["out"]} : (tensor<2x3xf16>) -> tensor<2x3xf16>
// CHECK: mil.return %[[R]]
mil.function @cancel(%x: tensor<2x3xf16>) -> tensor<2x3xf16> attributes {opset = "CoreML7", input_names = ["x"]} {
  %p = mil.const dense<[1, 0]> : tensor<2xi32> {name = "p"}
  %t1 = mil.transpose x(%x) perm(%p) {name = "t1"} : (tensor<2x3xf16>, tensor<2xi32>) -> tensor<3x2xf16>
  %r = mil.relu x(%t1) {name = "r"} : (tensor<3x2xf16>) -> tensor<3x2xf16>
  %t2 = mil.transpose x(%r) perm(%p) {name = "t2", outputs = ["out"]} : (tensor<3x2xf16>, tensor<2xi32>) -> tensor<2x3xf16>
  mil.return %t2 : tensor<2x3xf16>
}

// -----

// Two transposes with one perm meet at an add (and a scalar const mul),
// then one inverse transpose cancels both.
// CHECK-LABEL: mil.function @through_add
// CHECK-NOT: mil.transpose
// CHECK: %[[S:.*]] = mil.add x(%a) y(%b) {name = "s"} : (tensor<2x3x4xf16>, tensor<2x3x4xf16>) -> tensor<2x3x4xf16>
// CHECK: mil.mul x(%[[S]]) y(%two) {name = "t3"} : (tensor<2x3x4xf16>, tensor<f16>) -> tensor<2x3x4xf16>
mil.function @through_add(%a: tensor<2x3x4xf16>, %b: tensor<2x3x4xf16>) -> tensor<2x3x4xf16> attributes {opset = "CoreML7", input_names = ["a", "b"]} {
  %p = mil.const dense<[0, 2, 1]> : tensor<3xi32> {name = "p"}
  %two = mil.const dense<2.000000e+00> : tensor<f16> {name = "two"}
  %t1 = mil.transpose x(%a) perm(%p) {name = "t1"} : (tensor<2x3x4xf16>, tensor<3xi32>) -> tensor<2x4x3xf16>
  %t2 = mil.transpose x(%b) perm(%p) {name = "t2"} : (tensor<2x3x4xf16>, tensor<3xi32>) -> tensor<2x4x3xf16>
  %s = mil.add x(%t1) y(%t2) {name = "s"} : (tensor<2x4x3xf16>, tensor<2x4x3xf16>) -> tensor<2x4x3xf16>
  %m = mil.mul x(%s) y(%two) {name = "m"} : (tensor<2x4x3xf16>, tensor<f16>) -> tensor<2x4x3xf16>
  %t3 = mil.transpose x(%m) perm(%p) {name = "t3"} : (tensor<2x4x3xf16>, tensor<3xi32>) -> tensor<2x3x4xf16>
  mil.return %t3 : tensor<2x3x4xf16>
}

// -----

// Two transposes feeding one matmul materialize at fewer ops than they
// are, so coremltools removes them and materializes one new transpose
// (automatic name, the perm as written) per input right before the matmul.
// CHECK-LABEL: mil.function @matmul_pair
// CHECK: %[[Q:.*]] = mil.mul x(%q) y(%two) {name = "scaled"}
// CHECK: mil.const dense<[1, -3, -1]> : tensor<3xi32> {name = "transpose_0_perm_0"}
// CHECK: %[[T0:.*]] = mil.transpose x(%[[Q]]) {{.*}} {name = "transpose_0"} : (tensor<4x2x3xf16>, tensor<3xi32>) -> tensor<2x4x3xf16>
// CHECK: mil.const dense<[1, 2, 0]> : tensor<3xi32> {name = "transpose_1_perm_0"}
// CHECK: %[[T1:.*]] = mil.transpose x(%k) {{.*}} {name = "transpose_1"} : (tensor<4x2x3xf16>, tensor<3xi32>) -> tensor<2x3x4xf16>
// CHECK: mil.matmul x(%[[T0]]) y(%[[T1]])
mil.function @matmul_pair(%q: tensor<4x2x3xf16>, %k: tensor<4x2x3xf16>) -> tensor<2x4x4xf16> attributes {opset = "CoreML7", input_names = ["q", "k"]} {
  %pk = mil.const dense<[1, 2, 0]> : tensor<3xi32> {name = "pk"}
  %pq = mil.const dense<[1, -3, -1]> : tensor<3xi32> {name = "pq"}
  %two = mil.const dense<2.000000e+00> : tensor<f16> {name = "two"}
  %tk = mil.transpose x(%k) perm(%pk) {name = "tk"} : (tensor<4x2x3xf16>, tensor<3xi32>) -> tensor<2x3x4xf16>
  %scaled = mil.mul x(%q) y(%two) {name = "scaled"} : (tensor<4x2x3xf16>, tensor<f16>) -> tensor<4x2x3xf16>
  %tq = mil.transpose x(%scaled) perm(%pq) {name = "tq"} : (tensor<4x2x3xf16>, tensor<3xi32>) -> tensor<2x4x3xf16>
  %m = mil.matmul x(%tq) y(%tk) {name = "m"} : (tensor<2x4x3xf16>, tensor<2x3x4xf16>) -> tensor<2x4x4xf16>
  mil.return %m : tensor<2x4x4xf16>
}

// -----

// One transpose materializing at one op stays as it is.
// CHECK-LABEL: mil.function @kept
// CHECK: %t = mil.transpose x(%x) perm(%p) {name = "t"}
// CHECK: mil.linear x(%t)
mil.function @kept(%x: tensor<2x3xf16>, %w: tensor<4x2xf16>) -> tensor<3x4xf16> attributes {opset = "CoreML7", input_names = ["x", "w"]} {
  %p = mil.const dense<[1, 0]> : tensor<2xi32> {name = "p"}
  %t = mil.transpose x(%x) perm(%p) {name = "t"} : (tensor<2x3xf16>, tensor<2xi32>) -> tensor<3x2xf16>
  %l = mil.linear x(%t) weight(%w) {name = "l"} : (tensor<3x2xf16>, tensor<4x2xf16>) -> tensor<3x4xf16>
  mil.return %l : tensor<3x4xf16>
}

// -----

// Cancelling through an add with a non-scalar const would need the const
// transposed, which is not implemented: the function is left unchanged.
// CHECK-LABEL: mil.function @unsupported
// CHECK: %t1 = mil.transpose
// CHECK: %t2 = mil.transpose
// expected-remark@+1 {{reduce_transposes: a rewrite of concat, split, pad or a binary op's operand is not implemented; function left unchanged}}
mil.function @unsupported(%x: tensor<2x3xf16>) -> tensor<2x3xf16> attributes {opset = "CoreML7", input_names = ["x"]} {
  %p = mil.const dense<[1, 0]> : tensor<2xi32> {name = "p"}
  %c = mil.const dense<1.000000e+00> : tensor<3x2xf16> {name = "c"}
  %t1 = mil.transpose x(%x) perm(%p) {name = "t1"} : (tensor<2x3xf16>, tensor<2xi32>) -> tensor<3x2xf16>
  %s = mil.add x(%t1) y(%c) {name = "s"} : (tensor<3x2xf16>, tensor<3x2xf16>) -> tensor<3x2xf16>
  %t2 = mil.transpose x(%s) perm(%p) {name = "t2"} : (tensor<3x2xf16>, tensor<2xi32>) -> tensor<2x3xf16>
  mil.return %t2 : tensor<2x3xf16>
}
