// RUN: mil-opt %s -mil-raise-opset -verify-diagnostics | FileCheck %s
// RUN: mil-opt %s -mil-raise-opset=opset=CoreML8 -verify-diagnostics | FileCheck %s --check-prefix=IOS18

// What coremltools' compression APIs do to an iOS15 program: every function
// before CoreML6 is raised to it; later ones are left alone. The ops are
// kept as they are.
// CHECK-LABEL: mil.function @ios15
// CHECK-SAME: opset = "CoreML6"
// CHECK: mil.relu x(%{{.*}}) {name = "r"}
// CHECK-LABEL: mil.function @ios17
// CHECK-SAME: opset = "CoreML7"
// IOS18-LABEL: mil.function @ios15
// IOS18-SAME: opset = "CoreML8"
// IOS18-LABEL: mil.function @ios17
// IOS18-SAME: opset = "CoreML8"
mil.function @ios15(%x: tensor<4xf16>) -> tensor<4xf16> attributes {opset = "CoreML5"} {
  %0 = mil.relu x(%x) {name = "r"} : (tensor<4xf16>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}
mil.function @ios17(%x: tensor<4xf16>) -> tensor<4xf16> attributes {opset = "CoreML7"} {
  mil.return %x : tensor<4xf16>
}
