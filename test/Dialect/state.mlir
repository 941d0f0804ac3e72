// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @accumulate
mil.function @accumulate(%x: tensor<1x4xf16>, %acc: !mil.state<tensor<1x4xf16>>) -> tensor<1x4xf16>
    attributes {opset = "CoreML8"} {
  // CHECK: mil.read_state input(%{{.*}}) {name = "r"} : (!mil.state<tensor<1x4xf16>>) -> tensor<1x4xf16>
  %0 = mil.read_state input(%acc) {name = "r"} : (!mil.state<tensor<1x4xf16>>) -> tensor<1x4xf16>
  %1 = mil.generic "add" x(%x) y(%0) {name = "y"} : (tensor<1x4xf16>, tensor<1x4xf16>) -> tensor<1x4xf16>
  // CHECK: mil.write_state input(%{{.*}}) data(%{{.*}}) {name = "w"} : (!mil.state<tensor<1x4xf16>>, tensor<1x4xf16>) -> ()
  mil.write_state input(%acc) data(%1) {name = "w"} : (!mil.state<tensor<1x4xf16>>, tensor<1x4xf16>) -> ()
  mil.return %1 : tensor<1x4xf16>
}
