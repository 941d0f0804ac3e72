// space_to_batch and batch_to_space against numpy (TensorFlow's
// SpaceToBatchND on the NCHW spatial dims: pad, split H and W into blocks,
// move the block position in front of the batch).
// RUN: mil-run %s --random-inputs --function s2b --print-outputs | FileCheck %s --check-prefix=S2B
// RUN: mil-run %s --random-inputs --function b2s --print-outputs | FileCheck %s --check-prefix=B2S
// RUN: not mil-run %s --random-inputs --shape x=1,1,3,4 --function s2b_indivisible 2>&1 | FileCheck %s --check-prefix=INDIV
// RUN: not mil-run %s --random-inputs --shape x=3,1,2,2 --function b2s_batch 2>&1 | FileCheck %s --check-prefix=BATCH

module {
  // x = 1..12 as [2, 1, 2, 3]; block [2, 3], paddings [[1, 1], [0, 3]].
  // S2B: s = 0 0 4 0 0 0 10 0 0 0 5 0 0 0 11 0 0 0 6 0 0 0 12 0 1 0 0 0 7 0 0 0 2 0 0 0 8 0 0 0 3 0 0 0 9 0 0 0{{$}}
  mil.function @s2b() -> tensor<12x1x2x2xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]], [[[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]]]]> : tensor<2x1x2x3xf32> {name = "x"}
    %b = mil.const dense<[2, 3]> : tensor<2xi32> {name = "b"}
    %p = mil.const dense<[[1, 1], [0, 3]]> : tensor<2x2xi32> {name = "p"}
    %s = mil.space_to_batch x(%x) block_shape(%b) paddings(%p) {name = "s"} : (tensor<2x1x2x3xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<12x1x2x2xf32>
    mil.return %s : tensor<12x1x2x2xf32>
  }

  // x = 0..15 as [8, 1, 1, 2]; block [2, 2], crops [[0, 1], [1, 0]].
  // B2S: s = 4 1 5 6 3 7{{$}}
  mil.function @b2s() -> tensor<2x1x1x3xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0]]], [[[2.0, 3.0]]], [[[4.0, 5.0]]], [[[6.0, 7.0]]], [[[8.0, 9.0]]], [[[10.0, 11.0]]], [[[12.0, 13.0]]], [[[14.0, 15.0]]]]> : tensor<8x1x1x2xf32> {name = "x"}
    %b = mil.const dense<[2, 2]> : tensor<2xi32> {name = "b"}
    %c = mil.const dense<[[0, 1], [1, 0]]> : tensor<2x2xi32> {name = "c"}
    %s = mil.batch_to_space x(%x) block_shape(%b) crops(%c) {name = "s"} : (tensor<8x1x1x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<2x1x1x3xf32>
    mil.return %s : tensor<2x1x1x3xf32>
  }

  // INDIV: error: cannot evaluate 'space_to_batch' op 's': padded spatial size 3x4 is not divisible by block_shape 2x2
  mil.function @s2b_indivisible(%x: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> attributes {opset = "CoreML7", input_names = ["x"]} {
    %b = mil.const dense<[2, 2]> : tensor<2xi32> {name = "b"}
    %p = mil.const dense<[[0, 0], [0, 0]]> : tensor<2x2xi32> {name = "p"}
    %s = mil.space_to_batch x(%x) block_shape(%b) paddings(%p) {name = "s"} : (tensor<?x?x?x?xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x?xf32>
    mil.return %s : tensor<?x?x?x?xf32>
  }

  // BATCH: error: cannot evaluate 'batch_to_space' op 's': batch 3 is not divisible by the product of block_shape 4
  mil.function @b2s_batch(%x: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> attributes {opset = "CoreML7", input_names = ["x"]} {
    %b = mil.const dense<[2, 2]> : tensor<2xi32> {name = "b"}
    %c = mil.const dense<[[0, 0], [0, 0]]> : tensor<2x2xi32> {name = "c"}
    %s = mil.batch_to_space x(%x) block_shape(%b) crops(%c) {name = "s"} : (tensor<?x?x?x?xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x?x?x?xf32>
    mil.return %s : tensor<?x?x?x?xf32>
  }
}
