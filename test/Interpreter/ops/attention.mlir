// scaled_dot_product_attention against coremltools' numpy value inference:
// softmax(q k^T / sqrt(E) + mask) v, a bool mask adding -inf where false.
// RUN: mil-run %s --random-inputs --function plain --print-outputs | FileCheck %s --check-prefix=PLAIN
// RUN: mil-run %s --random-inputs --function bool_mask --print-outputs | FileCheck %s --check-prefix=BOOL
// RUN: mil-run %s --random-inputs --function float_mask --print-outputs | FileCheck %s --check-prefix=FLOAT
// RUN: not mil-run %s --random-inputs --shape k=1,2,2,3 --function embed 2>&1 | FileCheck %s --check-prefix=EMBED

module {
  // PLAIN: a = 1.13262 2.13262 3.13262 1.86738 2.86738 3.86738 2.45272 3.45272 4.45272 8.55586 9.55586 10.5559 7.31347 8.31347 9.31347 7.68653 8.68653 9.68653{{$}}
  mil.function @plain() -> tensor<1x2x3x3xf32> attributes {opset = "CoreML9", input_names = []} {
    %q = mil.const dense<[[[[-1.0, -0.5, 0.0, 0.5], [1.0, -1.0, -0.5, 0.0], [0.5, 1.0, -1.0, -0.5]], [[0.0, 0.5, 1.0, -1.0], [-0.5, 0.0, 0.5, 1.0], [-1.0, -0.5, 0.0, 0.5]]]]> : tensor<1x2x3x4xf32> {name = "q"}
    %k = mil.const dense<[[[[-1.0, 0.0, 1.0, -1.0], [0.0, 1.0, -1.0, 0.0]], [[1.0, -1.0, 0.0, 1.0], [-1.0, 0.0, 1.0, -1.0]]]]> : tensor<1x2x2x4xf32> {name = "k"}
    %v = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], [[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]]]> : tensor<1x2x2x3xf32> {name = "v"}
    %a = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) {name = "a"} : (tensor<1x2x3x4xf32>, tensor<1x2x2x4xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x3x3xf32>
    mil.return %a : tensor<1x2x3x3xf32>
  }

  // BOOL: a = 0 1 2 1.86738 2.86738 3.86738 3 4 5 6 7 8 7.31347 8.31347 9.31347 9 10 11{{$}}
  mil.function @bool_mask() -> tensor<1x2x3x3xf32> attributes {opset = "CoreML9", input_names = []} {
    %q = mil.const dense<[[[[-1.0, -0.5, 0.0, 0.5], [1.0, -1.0, -0.5, 0.0], [0.5, 1.0, -1.0, -0.5]], [[0.0, 0.5, 1.0, -1.0], [-0.5, 0.0, 0.5, 1.0], [-1.0, -0.5, 0.0, 0.5]]]]> : tensor<1x2x3x4xf32> {name = "q"}
    %k = mil.const dense<[[[[-1.0, 0.0, 1.0, -1.0], [0.0, 1.0, -1.0, 0.0]], [[1.0, -1.0, 0.0, 1.0], [-1.0, 0.0, 1.0, -1.0]]]]> : tensor<1x2x2x4xf32> {name = "k"}
    %v = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], [[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]]]> : tensor<1x2x2x3xf32> {name = "v"}
    %m = mil.const dense<[[true, false], [true, true], [false, true]]> : tensor<3x2xi1> {name = "m"}
    %a = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m) {name = "a"} : (tensor<1x2x3x4xf32>, tensor<1x2x2x4xf32>, tensor<1x2x2x3xf32>, tensor<3x2xi1>) -> tensor<1x2x3x3xf32>
    mil.return %a : tensor<1x2x3x3xf32>
  }

  // FLOAT: a = 0.357609 1.35761 2.35761 0.806824 1.80682 2.80682 1.5 2.5 3.5 7.68653 8.68653 9.68653 6.44414 7.44414 8.44414 6.6681 7.6681 8.6681{{$}}
  mil.function @float_mask() -> tensor<1x2x3x3xf32> attributes {opset = "CoreML9", input_names = []} {
    %q = mil.const dense<[[[[-1.0, -0.5, 0.0, 0.5], [1.0, -1.0, -0.5, 0.0], [0.5, 1.0, -1.0, -0.5]], [[0.0, 0.5, 1.0, -1.0], [-0.5, 0.0, 0.5, 1.0], [-1.0, -0.5, 0.0, 0.5]]]]> : tensor<1x2x3x4xf32> {name = "q"}
    %k = mil.const dense<[[[[-1.0, 0.0, 1.0, -1.0], [0.0, 1.0, -1.0, 0.0]], [[1.0, -1.0, 0.0, 1.0], [-1.0, 0.0, 1.0, -1.0]]]]> : tensor<1x2x2x4xf32> {name = "k"}
    %v = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]], [[6.0, 7.0, 8.0], [9.0, 10.0, 11.0]]]]> : tensor<1x2x2x3xf32> {name = "v"}
    %m = mil.const dense<[0.0, -1.5]> : tensor<2xf32> {name = "m"}
    %a = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m) {name = "a"} : (tensor<1x2x3x4xf32>, tensor<1x2x2x4xf32>, tensor<1x2x2x3xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
    mil.return %a : tensor<1x2x3x3xf32>
  }

  // EMBED: error: cannot evaluate 'scaled_dot_product_attention' op 'a': query and key have different embedding sizes
  mil.function @embed(%k: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> attributes {opset = "CoreML9", input_names = ["k"]} {
    %q = mil.const dense<1.0> : tensor<1x2x3x4xf32> {name = "q"}
    %v = mil.const dense<1.0> : tensor<1x2x2x3xf32> {name = "v"}
    %a = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) {name = "a"} : (tensor<1x2x3x4xf32>, tensor<?x?x?x?xf32>, tensor<1x2x2x3xf32>) -> tensor<?x?x?x?xf32>
    mil.return %a : tensor<?x?x?x?xf32>
  }
}
