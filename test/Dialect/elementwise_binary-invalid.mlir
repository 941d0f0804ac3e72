// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @add_bool_input(%x: tensor<4xi1>, %y: tensor<4xi1>) -> tensor<4xi1>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float or int32 values}}
  %0 = mil.add x(%x) y(%y) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  mil.return %0 : tensor<4xi1>
}

// -----

mil.function @logical_and_float_input(%x: tensor<4xf16>, %y: tensor<4xi1>) -> tensor<4xi1>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be tensor of bool values}}
  %0 = mil.logical_and x(%x) y(%y) : (tensor<4xf16>, tensor<4xi1>) -> tensor<4xi1>
  mil.return %0 : tensor<4xi1>
}

// -----

mil.function @less_non_bool_result(%x: tensor<4xf16>, %y: tensor<4xf16>) -> tensor<4xf16>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result #0 must be tensor of bool values}}
  %0 = mil.less x(%x) y(%y) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @mul_mixed_dtype(%x: tensor<4xf16>, %y: tensor<4xf32>) -> tensor<4xf16>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'y' must have the dtype of 'x' (fp16), got fp32}}
  %0 = mil.mul x(%x) y(%y) : (tensor<4xf16>, tensor<4xf32>) -> tensor<4xf16>
  mil.return %0 : tensor<4xf16>
}

// -----

mil.function @sub_output_dtype(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the dtype of the inputs (int32), got fp32}}
  %0 = mil.sub x(%x) y(%y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @add_not_broadcastable(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'y' must be broadcast-compatible with 'x': 'tensor<4xf32>' vs 'tensor<2x3xf32>'}}
  %0 = mil.add x(%x) y(%y) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  mil.return %0 : tensor<2x3xf32>
}

// -----

mil.function @equal_output_rank(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<3xi1>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the broadcast rank 2, got 1}}
  %0 = mil.equal x(%x) y(%y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xi1>
  mil.return %0 : tensor<3xi1>
}

// -----

mil.function @maximum_output_dim(%x: tensor<2x1xf32>, %y: tensor<5xf32>) -> tensor<2x1xf32>
    attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the broadcast size 5 in dimension 1, got 1}}
  %0 = mil.maximum x(%x) y(%y) : (tensor<2x1xf32>, tensor<5xf32>) -> tensor<2x1xf32>
  mil.return %0 : tensor<2x1xf32>
}
