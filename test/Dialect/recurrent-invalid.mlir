// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @rnn_int_input(%x: tensor<5x2x3xi32>, %h: tensor<2x4xi32>, %wih: tensor<4x3xi32>, %whh: tensor<4x4xi32>)
    -> tensor<2x4xi32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0:2 = mil.rnn x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xi32>, tensor<2x4xi32>, tensor<4x3xi32>, tensor<4x4xi32>) -> (tensor<1x2x4xi32>, tensor<2x4xi32>)
  mil.return %0#1 : tensor<2x4xi32>
}

// -----

mil.function @gru_mixed_dtype(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf16>, %wih: tensor<12x3xf32>, %whh: tensor<12x4xf32>)
    -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'initial_h' must have the element type of 'x' ('f32'), got 'f16'}}
  %0:2 = mil.gru x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf16>, tensor<12x3xf32>, tensor<12x4xf32>) -> (tensor<1x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @lstm_result_dtype(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %c: tensor<2x4xf32>,
    %wih: tensor<16x3xf32>, %whh: tensor<16x4xf32>) -> tensor<2x4xf16> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output_c' must have the element type of input 'x' ('f32'), got 'f16'}}
  %0:3 = mil.lstm x(%x) initial_h(%h) initial_c(%c) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<16x3xf32>, tensor<16x4xf32>)
      -> (tensor<1x2x4xf32>, tensor<2x4xf32>, tensor<2x4xf16>)
  mil.return %0#2 : tensor<2x4xf16>
}

// -----

mil.function @rnn_x_rank(%x: tensor<2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<4x3xf32>, %whh: tensor<4x4xf32>)
    -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must have rank 3 ([s, b, I]), got 2}}
  %0:2 = mil.rnn x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh)
      : (tensor<2x3xf32>, tensor<2x4xf32>, tensor<4x3xf32>, tensor<4x4xf32>) -> (tensor<1x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @lstm_weight_rank(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %c: tensor<2x4xf32>,
    %wih: tensor<16x3xf32>, %whh: tensor<16x4x1xf32>) -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight_hh' must have rank 2 ([4*H, H]), got 3}}
  %0:3 = mil.lstm x(%x) initial_h(%h) initial_c(%c) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<16x3xf32>, tensor<16x4x1xf32>)
      -> (tensor<1x2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @gru_weight_hh_shape(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<12x3xf32>, %whh: tensor<16x4xf32>)
    -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight_hh' must have shape [3*H, H], got [16, 4]}}
  %0:2 = mil.gru x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<12x3xf32>, tensor<16x4xf32>) -> (tensor<1x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @lstm_gates(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %c: tensor<2x4xf32>,
    %wih: tensor<12x3xf32>, %whh: tensor<16x4xf32>) -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight_ih' must have 4*H rows, H = 4 being the second dimension of 'weight_hh', got 12}}
  %0:3 = mil.lstm x(%x) initial_h(%h) initial_c(%c) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<12x3xf32>, tensor<16x4xf32>)
      -> (tensor<1x2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @rnn_output_shape(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<4x3xf32>, %whh: tensor<4x4xf32>)
    -> tensor<2x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have shape [1, 2, 4], got [5, 2, 4]}}
  %0:2 = mil.rnn x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<4x3xf32>, tensor<4x4xf32>) -> (tensor<5x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}

// -----

mil.function @gru_output_h_shape(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<12x3xf32>, %whh: tensor<12x4xf32>,
    %seq: tensor<i1>) -> tensor<3x4xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output_h' must have shape [2, 4], got [3, 4]}}
  %0:2 = mil.gru x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh) output_sequence(%seq)
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<12x3xf32>, tensor<12x4xf32>, tensor<i1>) -> (tensor<5x2x4xf32>, tensor<3x4xf32>)
  mil.return %0#1 : tensor<3x4xf32>
}
