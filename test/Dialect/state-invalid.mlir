// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @read_state_tensor(%s: tensor<1x4xf16>) -> tensor<1x4xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #0 must be MIL state, but got 'tensor<1x4xf16>'}}
  %0 = mil.read_state input(%s) : (tensor<1x4xf16>) -> tensor<1x4xf16>
  mil.return %0 : tensor<1x4xf16>
}

// -----

mil.function @write_state_f64(%s: !mil.state<tensor<4xf64>>, %d: tensor<4xf64>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #1 must be tensor of 16-bit float or 32-bit float or int8 or int16 or int32 or uint8 or uint16 or bool values, but got 'tensor<4xf64>'}}
  mil.write_state input(%s) data(%d) : (!mil.state<tensor<4xf64>>, tensor<4xf64>) -> ()
  mil.return
}

// -----

mil.function @read_state_type(%s: !mil.state<tensor<1x4xf16>>) -> tensor<1x4xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{output must have the type wrapped by input 'input' ('tensor<1x4xf16>'), got 'tensor<1x4xf32>'}}
  %0 = mil.read_state input(%s) : (!mil.state<tensor<1x4xf16>>) -> tensor<1x4xf32>
  mil.return %0 : tensor<1x4xf32>
}

// -----

mil.function @write_state_type(%s: !mil.state<tensor<1x4xf16>>, %d: tensor<1x8xf16>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'data' must have the type wrapped by input 'input' ('tensor<1x4xf16>'), got 'tensor<1x8xf16>'}}
  mil.write_state input(%s) data(%d) : (!mil.state<tensor<1x4xf16>>, tensor<1x8xf16>) -> ()
  mil.return
}
