// RUN: mil-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'mil.function' op has unknown opset 'CoreML4' (expected one of CoreML5 .. CoreML9)}}
mil.function @old_opset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML4"} {
  mil.return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{'mil.function' op has 2 input names for 1 inputs}}
mil.function @names_count(%x: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML8", input_names = ["x", "y"]} {
  mil.return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{'mil.function' op has duplicate input name 'x'}}
mil.function @names_dup(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML8", input_names = ["x", "x"]} {
  mil.return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{'mil.function' op has an empty input name}}
mil.function @names_empty(%x: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML8", input_names = [""]} {
  mil.return %x : tensor<2xf32>
}

// -----

// expected-error @+1 {{'mil.function' op input #0 has type 'tensor<2xsi8>', but a MIL function input must be a tensor of a MIL element type or a state}}
mil.function @bad_input(%x: tensor<2xsi8>) attributes {opset = "CoreML8"} {
  mil.return
}

// -----

// expected-error @+1 {{'mil.function' op output #0 has type 'tensor<2xsi32>', which is not a MIL value type}}
mil.function @bad_output(%x: tensor<2xf32>) -> tensor<2xsi32> attributes {opset = "CoreML8"} {
  mil.return
}

// -----

mil.function @wrong_return(%x: tensor<2xf32>) -> tensor<3xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.return' op returns ('tensor<2xf32>') but the enclosing function declares outputs ('tensor<3xf32>')}}
  mil.return %x : tensor<2xf32>
}

// -----

mil.function @const_type_mismatch() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op value has type 'tensor<2xf16>' but the result has type 'tensor<2xf32>'}}
  %0 = mil.const dense<1.0> : tensor<2xf16> : tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @const_dynamic() -> tensor<?xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op must have a statically shaped tensor type, got 'tensor<?xf32>'}}
  %0 = "mil.const"() <{val = dense<1.0> : tensor<2xf32>}> : () -> tensor<?xf32>
  mil.return %0 : tensor<?xf32>
}

// -----

mil.function @const_bad_dtype() attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op result #0 must be MIL value}}
  %0 = mil.const dense<1> : tensor<2xsi32>
  mil.return
}

// -----

mil.function @const_blob_size() -> tensor<4xui4> attributes {opset = "CoreML8"} {
  // Four uint4 values pack into 2 bytes, not 4.
  // expected-error @+1 {{'mil.const' op resource 'packed' holds 4 bytes but 'tensor<4xui4>' needs 2}}
  %0 = mil.const dense_resource<packed> : tensor<4xui4>
  mil.return %0 : tensor<4xui4>
}

{-#
  dialect_resources: {
    builtin: {
      packed: "0x0100000001020304"
    }
  }
#-}

// -----

mil.function @const_untyped() -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op an untyped value needs a list, tuple or dict type, got 'tensor<2xf32>'}}
  %0 = mil.const ["a"] : tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @const_list_not_array() -> !mil.list<tensor<f32>> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op a list, tuple or dict constant must be an array or dictionary attribute}}
  %0 = mil.const unit : !mil.list<tensor<f32>>
  mil.return %0 : !mil.list<tensor<f32>>
}

// -----

mil.function @const_typed_not_elements() -> !mil.list<tensor<f32>> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.const' op value "abc" : !mil.list<tensor<f32>> is neither a tensor constant nor a list/tuple/dict constant}}
  %0 = mil.const "abc" : !mil.list<tensor<f32>>
  mil.return %0 : !mil.list<tensor<f32>>
}

// -----

mil.function @generic_dup(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.generic' op binds input 'x' twice}}
  %0 = mil.generic "my_op" x(%x) x(%x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @generic_empty_input(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.generic' op binds no value to input 'x'}}
  %0 = mil.generic "my_op" x() : () -> tensor<2xf32>
  mil.return %x : tensor<2xf32>
}

// -----

mil.function @generic_no_type(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.generic' op needs a non-empty op type}}
  %0 = mil.generic "" x(%x) : (tensor<2xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

mil.function @generic_sizes(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{'mil.generic' op input sizes add up to 2 but the op has 1 operands}}
  %0 = "mil.generic"(%x) <{op_type = "t", input_names = ["x"], input_sizes = array<i32: 2>}> : (tensor<2xf32>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

// expected-error @+1 {{default function 'nope' is not a mil.function of this module}}
module attributes {mil.default_function = "nope"} {
  mil.function @main(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML8"} {
    mil.return %x : tensor<2xf32>
  }
}

// -----

// expected-error @+1 {{'mil.default_function' must be a string naming a function}}
module attributes {mil.default_function = 3} {
}

// -----

// expected-error @+1 {{unknown mil attribute 'mil.typo'}}
module attributes {mil.typo = 3} {
}

// -----

// A weight's measured error is three f64 values.
// expected-error @+1 {{'mil.error_stats' must be an array of three f64}}
module attributes {mil.error_stats = array<f64: 1.0, 2.0>} {
}

// -----

// expected-error @+1 {{list element type 'index' is not a MIL value type}}
mil.function @bad_list(%x: tensor<2xf32>) -> !mil.list<index> attributes {opset = "CoreML8"} {
  %0 = mil.generic "make" x(%x) : (tensor<2xf32>) -> !mil.list<index>
  mil.return %0 : !mil.list<index>
}

// -----

// expected-error @+1 {{state must wrap a MIL tensor type, got 'f16'}}
mil.function @bad_state(%s: !mil.state<f16>) attributes {opset = "CoreML8"} {
  mil.return
}
