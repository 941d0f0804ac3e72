// RUN: mil-opt %s -mil-strip-build-info | FileCheck %s

// coremltools' compression APIs write the program without its attributes
// (buildInfo); the rest of the Program message stays.
// CHECK: module attributes {mil.program = {version = 1 : i64}}
module attributes {mil.program = {attributes = {buildInfo = {immediateValue = {dictionary = {values = []}}}}, version = 1 : i64}} {
  mil.function @main(%x: tensor<4xf16>) -> tensor<4xf16> attributes {opset = "CoreML6"} {
    mil.return %x : tensor<4xf16>
  }
}
