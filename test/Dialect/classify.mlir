// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @classify_strings
mil.function @classify_strings(%p: tensor<1x3xf32>)
    -> (tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>) attributes {opset = "CoreML5"} {
  %labels = mil.const [dense<"cat"> : tensor<!mil.string>, dense<"dog"> : tensor<!mil.string>, dense<"fox"> : tensor<!mil.string>]
      : !mil.list<tensor<!mil.string>, 3> {name = "labels"}
  // CHECK: mil.classify probabilities(%{{.*}}) classes(%{{.*}}) {name = "cls"} : (tensor<1x3xf32>, !mil.list<tensor<!mil.string>, 3>) -> (tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>)
  %0:2 = mil.classify probabilities(%p) classes(%labels) {name = "cls"}
      : (tensor<1x3xf32>, !mil.list<tensor<!mil.string>, 3>) -> (tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>
}

// -----

// CHECK-LABEL: mil.function @classify_int64
mil.function @classify_int64(%p: tensor<?xf32>)
    -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML8"} {
  %labels = mil.const [dense<7> : tensor<i64>, dense<9> : tensor<i64>] : !mil.list<tensor<i64>> {name = "labels"}
  // CHECK: mil.classify probabilities(%{{.*}}) classes(%{{.*}}) : (tensor<?xf32>, !mil.list<tensor<i64>>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
  %0:2 = mil.classify probabilities(%p) classes(%labels)
      : (tensor<?xf32>, !mil.list<tensor<i64>>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
  mil.return %0#0, %0#1 : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
}
