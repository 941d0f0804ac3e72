// Calibration by the interpreter: the ranges dumped by
// mil-linear-quantize-activations are the running min/max over both samples
// (the second keyed by another name: a single-input program takes it) of
// every float tensor the program computes, outputs included, computed by
// hand here: consts, integer and bool tensors and unnamed loop arguments
// have none; a loop body's value spans every iteration (2y, 4y, 8y).
// RUN: rm -rf %t && mkdir -p %t
// RUN: mil-run %S/Inputs/calibration-samples.mlir --random-inputs --function s1 -o %t/s1.npz > /dev/null
// RUN: mil-run %S/Inputs/calibration-samples.mlir --random-inputs --function s2 -o %t/s2.npz > /dev/null
// RUN: mil-opt %s --mil-linear-quantize-activations="calibration-data=%t/s1.npz,%t/s2.npz dump-activation-stats=%t/stats.json" -o /dev/null
// RUN: FileCheck %s < %t/stats.json
// The dumped file, given back, skips calibration and gives the same program.
// RUN: mil-opt %s --mil-linear-quantize-activations="calibration-data=%t/s1.npz,%t/s2.npz" -o %t/calibrated.mlir
// RUN: mil-opt %s --mil-linear-quantize-activations="activation-stats=%t/stats.json" -o %t/loaded.mlir
// RUN: diff %t/calibrated.mlir %t/loaded.mlir

// CHECK:      {
// CHECK-NEXT:   "n": {
// CHECK-NEXT:     "rmax": 48,
// CHECK-NEXT:     "rmin": 0
// CHECK-NEXT:   },
// CHECK-NEXT:   "o": {
// CHECK-NEXT:     "rmax": 54,
// CHECK-NEXT:     "rmin": -4
// CHECK-NEXT:   },
// CHECK-NEXT:   "q": {
// CHECK-NEXT:     "rmax": 6,
// CHECK-NEXT:     "rmin": -4
// CHECK-NEXT:   },
// CHECK-NEXT:   "r": {
// CHECK-NEXT:     "rmax": 3,
// CHECK-NEXT:     "rmin": 0
// CHECK-NEXT:   },
// CHECK-NEXT:   "s": {
// CHECK-NEXT:     "rmax": 9,
// CHECK-NEXT:     "rmin": -4
// CHECK-NEXT:   },
// CHECK-NEXT:   "w_1": {
// CHECK-NEXT:     "rmax": 48,
// CHECK-NEXT:     "rmin": 0
// CHECK-NEXT:   },
// CHECK-NEXT:   "x": {
// CHECK-NEXT:     "rmax": 3,
// CHECK-NEXT:     "rmin": -4
// CHECK-NEXT:   },
// CHECK-NEXT:   "y": {
// CHECK-NEXT:     "rmax": 6,
// CHECK-NEXT:     "rmin": 0
// CHECK-NEXT:   }
// CHECK-NEXT: }
mil.function @main(%x: tensor<4xf32>) -> tensor<4xf32> attributes {opset = "CoreML7", input_names = ["x"]} {
  %r = mil.relu x(%x) {name = "r"} : (tensor<4xf32>) -> tensor<4xf32>
  %two = mil.const dense<2.0> : tensor<f32> {name = "two"}
  %y = mil.mul x(%r) y(%two) {name = "y"} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %s = mil.add x(%y) y(%x) {name = "s"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %q = mil.sub x(%s) y(%r) {name = "q"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %i = mil.const dense<[0]> : tensor<1xi32> {name = "i"}
  %w:2 = mil.while_loop loop_vars(%i, %y) cond {
  ^bb0(%c: tensor<1xi32>, %ca: tensor<4xf32>):
    %three = mil.const dense<[3]> : tensor<1xi32> {name = "three"}
    %lt = mil.less x(%c) y(%three) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
    mil.return %lt : tensor<1xi1>
  } body {
  ^bb0(%b: tensor<1xi32>, %acc: tensor<4xf32>):
    %one = mil.const dense<[1]> : tensor<1xi32> {name = "one"}
    %next = mil.add x(%b) y(%one) {name = "next"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
    %k = mil.const dense<2.0> : tensor<f32> {name = "k"}
    %n = mil.mul x(%acc) y(%k) {name = "n"} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    mil.return %next, %n : tensor<1xi32>, tensor<4xf32>
  } {name = "w"} : (tensor<1xi32>, tensor<4xf32>) -> (tensor<1xi32>, tensor<4xf32>)
  %o = mil.add x(%w#1) y(%q) {name = "o"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  mil.return %o : tensor<4xf32>
}
