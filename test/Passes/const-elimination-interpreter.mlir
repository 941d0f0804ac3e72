// RUN: mil-opt %s -split-input-file --mil-const-elimination | FileCheck %s
// RUN: mil-opt %s -split-input-file --mil-const-elimination="skip-const-by-size=2" 2>&1 | FileCheck %s --check-prefix=SKIP

// Ops whose inputs are all constant are evaluated by the interpreter
// (coremltools' const_elimination); ops fed by a function input stay.
// CHECK-LABEL: mil.function @arith
// CHECK: %[[S:.*]] = mil.const dense<[1.100000e+01, 2.200000e+01, 3.300000e+01]> : tensor<3xf32> {name = "s"}
// CHECK-NOT: mil.add x(%{{.*}}) y(%{{.*}}) {name = "s"}
// CHECK: mil.mul x(%x) y(%[[S]])
// SKIP: warning: not folded: an output has more than 2 elements
// SKIP: mil.function @arith
// SKIP: mil.add x(%a) y(%b) {name = "s"}
mil.function @arith(%x: tensor<3xf32>) -> tensor<3xf32> attributes {opset = "CoreML7", input_names = ["x"]} {
  %a = mil.const dense<[1.0, 2.0, 3.0]> : tensor<3xf32> {name = "a"}
  %b = mil.const dense<[10.0, 20.0, 30.0]> : tensor<3xf32> {name = "b"}
  %s = mil.add x(%a) y(%b) {name = "s"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %y = mil.mul x(%x) y(%s) {name = "y"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  mil.return %y : tensor<3xf32>
}

// -----

// Bool results, and chains: the folded value feeds the next fold.
// CHECK-LABEL: mil.function @chain
// CHECK: mil.const dense<[false, true]> : tensor<2xi1> {name = "g"}
// CHECK-NOT: mil.greater
mil.function @chain() -> tensor<2xi1> attributes {opset = "CoreML7", input_names = []} {
  %a = mil.const dense<[1, 5]> : tensor<2xi32> {name = "a"}
  %t = mil.const dense<[1, 2]> : tensor<2xi32> {name = "t"}
  %m = mil.mul x(%a) y(%t) {name = "m"} : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %three = mil.const dense<3> : tensor<i32> {name = "three"}
  %g = mil.greater x(%m) y(%three) {name = "g"} : (tensor<2xi32>, tensor<i32>) -> tensor<2xi1>
  mil.return %g : tensor<2xi1>
}

// -----

// An op the interpreter cannot evaluate (here an out-of-range gather) stays,
// without a diagnostic.
// CHECK-LABEL: mil.function @bad_gather
// CHECK: mil.gather
mil.function @bad_gather() -> tensor<1xf32> attributes {opset = "CoreML7", input_names = []} {
  %x = mil.const dense<[1.0, 2.0]> : tensor<2xf32> {name = "x"}
  %i = mil.const dense<[7]> : tensor<1xi32> {name = "i"}
  %ax = mil.const dense<0> : tensor<i32> {name = "ax"}
  %g = mil.gather x(%x) indices(%i) axis(%ax) {name = "g"} : (tensor<2xf32>, tensor<1xi32>, tensor<i32>) -> tensor<1xf32>
  mil.return %g : tensor<1xf32>
}
