// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @classify_fp16(%p: tensor<3xf16>)
    -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML5"} {
  %c = mil.const [dense<1> : tensor<i64>, dense<2> : tensor<i64>, dense<3> : tensor<i64>] : !mil.list<tensor<i64>, 3> {name = "c"}
  // expected-error @+1 {{operand #0 must be tensor of 32-bit float values}}
  %0:2 = mil.classify probabilities(%p) classes(%c)
      : (tensor<3xf16>, !mil.list<tensor<i64>, 3>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
}

// -----

mil.function @classify_class_type(%p: tensor<3xf32>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML5"} {
  %c = mil.const [dense<1> : tensor<i32>, dense<2> : tensor<i32>, dense<3> : tensor<i32>] : !mil.list<tensor<i32>, 3> {name = "c"}
  // expected-error @+1 {{input 'classes' must be a list of int64 or string scalars, got '!mil.list<tensor<i32>, 3>'}}
  %0:2 = mil.classify probabilities(%p) classes(%c)
      : (tensor<3xf32>, !mil.list<tensor<i32>, 3>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
}

// -----

mil.function @classify_label_type(%p: tensor<3xf32>) -> (tensor<i64>, !mil.dict<tensor<!mil.string>, tensor<f64>>) attributes {opset = "CoreML5"} {
  %c = mil.const [dense<"a"> : tensor<!mil.string>, dense<"b"> : tensor<!mil.string>, dense<"c"> : tensor<!mil.string>] : !mil.list<tensor<!mil.string>, 3> {name = "c"}
  // expected-error @+1 {{result 'class_label' must have the element type of 'classes' ('tensor<!mil.string>'), got 'tensor<i64>'}}
  %0:2 = mil.classify probabilities(%p) classes(%c)
      : (tensor<3xf32>, !mil.list<tensor<!mil.string>, 3>) -> (tensor<i64>, !mil.dict<tensor<!mil.string>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<!mil.string>, tensor<f64>>
}

// -----

mil.function @classify_dict_type(%p: tensor<3xf32>)
    -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f32>>) attributes {opset = "CoreML5"} {
  %c = mil.const [dense<1> : tensor<i64>, dense<2> : tensor<i64>, dense<3> : tensor<i64>] : !mil.list<tensor<i64>, 3> {name = "c"}
  // expected-error @+1 {{result 'class_probabilities' must be '!mil.dict<tensor<i64>, tensor<f64>>', got '!mil.dict<tensor<i64>, tensor<f32>>'}}
  %0:2 = mil.classify probabilities(%p) classes(%c)
      : (tensor<3xf32>, !mil.list<tensor<i64>, 3>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f32>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<i64>, tensor<f32>>
}

// -----

mil.function @classify_count(%p: tensor<1x4xf32>)
    -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML5"} {
  %c = mil.const [dense<1> : tensor<i64>, dense<2> : tensor<i64>, dense<3> : tensor<i64>] : !mil.list<tensor<i64>, 3> {name = "c"}
  // expected-error @+1 {{input 'probabilities' must have one element per class (3), got 4}}
  %0:2 = mil.classify probabilities(%p) classes(%c)
      : (tensor<1x4xf32>, !mil.list<tensor<i64>, 3>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
}
