// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @gru_ios15
mil.function @gru_ios15(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<12x3xf32>, %whh: tensor<12x4xf32>,
    %b: tensor<12xf32>, %dir: tensor<!mil.string>, %seq: tensor<i1>, %ract: tensor<!mil.string>, %act: tensor<!mil.string>)
    -> (tensor<5x2x4xf32>, tensor<2x4xf32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.gru x(%{{.*}}) initial_h(%{{.*}}) weight_ih(%{{.*}}) weight_hh(%{{.*}}) bias(%{{.*}}) direction(%{{.*}}) output_sequence(%{{.*}}) recurrent_activation(%{{.*}}) activation(%{{.*}}) {name = "g"}
  %0:2 = mil.gru x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh) bias(%b) direction(%dir) output_sequence(%seq)
      recurrent_activation(%ract) activation(%act) {name = "g"}
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<12x3xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<!mil.string>,
         tensor<i1>, tensor<!mil.string>, tensor<!mil.string>) -> (tensor<5x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#0, %0#1 : tensor<5x2x4xf32>, tensor<2x4xf32>
}

// -----

// CHECK-LABEL: mil.function @gru_ios18
mil.function @gru_ios18(%x: tensor<5x2x3xf16>, %h: tensor<2x4xf16>, %wih: tensor<12x3xf16>, %whh: tensor<12x4xf16>,
    %ra: tensor<i1>, %ib: tensor<12xf16>) -> tensor<1x2x4xf16> attributes {opset = "CoreML8"} {
  // CHECK: mil.gru x(%{{.*}}) initial_h(%{{.*}}) weight_ih(%{{.*}}) weight_hh(%{{.*}}) reset_after(%{{.*}}) input_bias(%{{.*}}) {name = "g"}
  %0:2 = mil.gru x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh) reset_after(%ra) input_bias(%ib) {name = "g"}
      : (tensor<5x2x3xf16>, tensor<2x4xf16>, tensor<12x3xf16>, tensor<12x4xf16>, tensor<i1>, tensor<12xf16>)
      -> (tensor<1x2x4xf16>, tensor<2x4xf16>)
  mil.return %0#0 : tensor<1x2x4xf16>
}

// -----

// CHECK-LABEL: mil.function @lstm_bidirectional
mil.function @lstm_bidirectional(%x: tensor<5x2x3xf32>, %h: tensor<2x8xf32>, %c: tensor<2x8xf32>,
    %wih: tensor<16x3xf32>, %whh: tensor<16x4xf32>, %b: tensor<16xf32>, %p: tensor<12xf32>,
    %wihb: tensor<16x3xf32>, %whhb: tensor<16x4xf32>, %bb: tensor<16xf32>, %pb: tensor<12xf32>,
    %dir: tensor<!mil.string>, %seq: tensor<i1>, %ract: tensor<!mil.string>, %cact: tensor<!mil.string>,
    %act: tensor<!mil.string>, %clip: tensor<f32>)
    -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.lstm x(%{{.*}}) initial_h(%{{.*}}) initial_c(%{{.*}}) weight_ih(%{{.*}}) weight_hh(%{{.*}}) bias(%{{.*}}) peephole(%{{.*}}) weight_ih_back(%{{.*}}) weight_hh_back(%{{.*}}) bias_back(%{{.*}}) peephole_back(%{{.*}}) direction(%{{.*}}) output_sequence(%{{.*}}) recurrent_activation(%{{.*}}) cell_activation(%{{.*}}) activation(%{{.*}}) clip(%{{.*}}) {name = "l"}
  %0:3 = mil.lstm x(%x) initial_h(%h) initial_c(%c) weight_ih(%wih) weight_hh(%whh) bias(%b) peephole(%p)
      weight_ih_back(%wihb) weight_hh_back(%whhb) bias_back(%bb) peephole_back(%pb) direction(%dir)
      output_sequence(%seq) recurrent_activation(%ract) cell_activation(%cact) activation(%act) clip(%clip) {name = "l"}
      : (tensor<5x2x3xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>,
         tensor<12xf32>, tensor<16x3xf32>, tensor<16x4xf32>, tensor<16xf32>, tensor<12xf32>, tensor<!mil.string>,
         tensor<i1>, tensor<!mil.string>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>)
      -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
  mil.return %0#0, %0#1, %0#2 : tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// CHECK-LABEL: mil.function @lstm_fp16
mil.function @lstm_fp16(%x: tensor<?x2x3xf16>, %h: tensor<2x4xf16>, %c: tensor<2x4xf16>,
    %wih: tensor<16x3xf16>, %whh: tensor<16x4xf16>) -> tensor<2x4xf16> attributes {opset = "CoreML7"} {
  // CHECK: mil.lstm x(%{{.*}}) initial_h(%{{.*}}) initial_c(%{{.*}}) weight_ih(%{{.*}}) weight_hh(%{{.*}}) {name = "l"}
  %0:3 = mil.lstm x(%x) initial_h(%h) initial_c(%c) weight_ih(%wih) weight_hh(%whh) {name = "l"}
      : (tensor<?x2x3xf16>, tensor<2x4xf16>, tensor<2x4xf16>, tensor<16x3xf16>, tensor<16x4xf16>)
      -> (tensor<1x2x4xf16>, tensor<2x4xf16>, tensor<2x4xf16>)
  mil.return %0#2 : tensor<2x4xf16>
}

// -----

// CHECK-LABEL: mil.function @rnn
mil.function @rnn(%x: tensor<5x2x3xf32>, %h: tensor<2x4xf32>, %wih: tensor<4x3xf32>, %whh: tensor<4x4xf32>,
    %b: tensor<4xf32>, %dir: tensor<!mil.string>, %seq: tensor<i1>, %act: tensor<!mil.string>)
    -> tensor<2x4xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.rnn x(%{{.*}}) initial_h(%{{.*}}) weight_ih(%{{.*}}) weight_hh(%{{.*}}) bias(%{{.*}}) direction(%{{.*}}) output_sequence(%{{.*}}) activation(%{{.*}}) {name = "r"}
  %0:2 = mil.rnn x(%x) initial_h(%h) weight_ih(%wih) weight_hh(%whh) bias(%b) direction(%dir) output_sequence(%seq)
      activation(%act) {name = "r"}
      : (tensor<5x2x3xf32>, tensor<2x4xf32>, tensor<4x3xf32>, tensor<4x4xf32>, tensor<4xf32>, tensor<!mil.string>,
         tensor<i1>, tensor<!mil.string>) -> (tensor<5x2x4xf32>, tensor<2x4xf32>)
  mil.return %0#1 : tensor<2x4xf32>
}
