// classify: the label of the largest probability and the dict of class
// probabilities (a run gives the dict's values in class order, as fp64).
// RUN: mil-run %s --random-inputs --function strings --print-outputs | FileCheck %s --check-prefix=STR
// RUN: mil-run %s --random-inputs --function ints --print-outputs | FileCheck %s --check-prefix=INT
// RUN: not mil-run %s --random-inputs --shape p=1,4 --function count 2>&1 | FileCheck %s --check-prefix=COUNT

module {
  // STR: label: [] string
  // STR: probs: [3] fp64 min 0.1 max 0.7 mean 0.333333
  // STR: label = "dog"{{$}}
  // STR: probs = 0.2 0.7 0.1{{$}}
  mil.function @strings() -> (tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>) attributes {opset = "CoreML5", input_names = []} {
    %p = mil.const dense<[[0.2, 0.7, 0.1]]> : tensor<1x3xf32> {name = "p"}
    %labels = mil.const [dense<"cat"> : tensor<!mil.string>, dense<"dog"> : tensor<!mil.string>, dense<"fox"> : tensor<!mil.string>] : !mil.list<tensor<!mil.string>, 3> {name = "labels"}
    %label, %probs = mil.classify probabilities(%p) classes(%labels) {name = "cls", outputs = ["label", "probs"]} : (tensor<1x3xf32>, !mil.list<tensor<!mil.string>, 3>) -> (tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>)
    mil.return %label, %probs : tensor<!mil.string>, !mil.dict<tensor<!mil.string>, tensor<f64>>
  }

  // Ties go to the first class.
  // INT: label = 9{{$}}
  mil.function @ints() -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML8", input_names = []} {
    %p = mil.const dense<[0.25, 0.5, 0.5]> : tensor<3xf32> {name = "p"}
    %labels = mil.const [dense<7> : tensor<i64>, dense<9> : tensor<i64>, dense<11> : tensor<i64>] : !mil.list<tensor<i64>> {name = "labels"}
    %label, %probs = mil.classify probabilities(%p) classes(%labels) {name = "cls", outputs = ["label", "probs"]} : (tensor<3xf32>, !mil.list<tensor<i64>>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
    mil.return %label, %probs : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
  }

  // COUNT: error: cannot evaluate 'classify' op 'cls': probabilities has 4 elements for 2 classes
  mil.function @count(%p: tensor<?x?xf32>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>) attributes {opset = "CoreML8", input_names = ["p"]} {
    %labels = mil.const [dense<7> : tensor<i64>, dense<9> : tensor<i64>] : !mil.list<tensor<i64>> {name = "labels"}
    %label, %probs = mil.classify probabilities(%p) classes(%labels) {name = "cls", outputs = ["label", "probs"]} : (tensor<?x?xf32>, !mil.list<tensor<i64>>) -> (tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>)
    mil.return %label, %probs : tensor<i64>, !mil.dict<tensor<i64>, tensor<f64>>
  }
}
