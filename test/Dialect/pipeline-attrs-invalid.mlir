// RUN: mil-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'mil.pipeline' must be a unit attribute on a module}}
module attributes {mil.pipeline = "pipeline"} {
}

// -----

// expected-error @+1 {{'mil.serialized_model' must be a string attribute on a module}}
module attributes {mil.serialized_model = 1 : i32} {
}

// -----

module {
  // expected-error @+1 {{'mil.weight_file' must be a string attribute on a module}}
  mil.function @main(%x: tensor<2xf32>) -> tensor<2xf32>
      attributes {opset = "CoreML7", mil.weight_file = "@model_path/weights/weight.bin"} {
    mil.return %x : tensor<2xf32>
  }
}
