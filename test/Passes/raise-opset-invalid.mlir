// RUN: mil-opt %s -mil-raise-opset=opset=iOS16 -verify-diagnostics

// The opset is named as in the program (CoreML5 .. CoreML9).
// expected-error @+1 {{mil-raise-opset: unknown opset 'iOS16' (expected CoreML5 .. CoreML9)}}
module {
  mil.function @main(%x: tensor<4xf16>) -> tensor<4xf16> attributes {opset = "CoreML5"} {
    mil.return %x : tensor<4xf16>
  }
}
