// reverse_sequence against numpy: along batch_axis, the first lengths[i]
// elements along seq_axis are reversed.
// RUN: mil-run %s --random-inputs --function rows --print-outputs | FileCheck %s --check-prefix=ROWS
// RUN: mil-run %s --random-inputs --function cols --print-outputs | FileCheck %s --check-prefix=COLS
// RUN: not mil-run %s --random-inputs --function too_long 2>&1 | FileCheck %s --check-prefix=LONG

module {
  // x = arange(12) as [3, 4], lengths [4, 0, 2], seq_axis 1, batch_axis 0.
  // ROWS: y = 3 2 1 0 4 5 6 7 9 8 10 11{{$}}
  mil.function @rows() -> tensor<3x4xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]> : tensor<3x4xi32> {name = "x"}
    %l = mil.const dense<[4, 0, 2]> : tensor<3xi32> {name = "l"}
    %sa = mil.const dense<1> : tensor<i32> {name = "sa"}
    %ba = mil.const dense<0> : tensor<i32> {name = "ba"}
    %y = mil.reverse_sequence x(%x) lengths(%l) seq_axis(%sa) batch_axis(%ba) {name = "y"} : (tensor<3x4xi32>, tensor<3xi32>, tensor<i32>, tensor<i32>) -> tensor<3x4xi32>
    mil.return %y : tensor<3x4xi32>
  }

  // x = arange(6) as [3, 2], lengths [3, 2], seq_axis 0, batch_axis -1.
  // COLS: y = 4 3 2 1 0 5{{$}}
  mil.function @cols() -> tensor<3x2xf16> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]> : tensor<3x2xf16> {name = "x"}
    %l = mil.const dense<[3, 2]> : tensor<2xi32> {name = "l"}
    %sa = mil.const dense<0> : tensor<i32> {name = "sa"}
    %ba = mil.const dense<-1> : tensor<i32> {name = "ba"}
    %y = mil.reverse_sequence x(%x) lengths(%l) seq_axis(%sa) batch_axis(%ba) {name = "y"} : (tensor<3x2xf16>, tensor<2xi32>, tensor<i32>, tensor<i32>) -> tensor<3x2xf16>
    mil.return %y : tensor<3x2xf16>
  }

  // LONG: error: cannot evaluate 'reverse_sequence' op 'y': length 5 is outside [0, 4]
  mil.function @too_long() -> tensor<1x4xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0, 1, 2, 3]]> : tensor<1x4xi32> {name = "x"}
    %l = mil.const dense<[5]> : tensor<1xi32> {name = "l"}
    %sa = mil.const dense<1> : tensor<i32> {name = "sa"}
    %y = mil.reverse_sequence x(%x) lengths(%l) seq_axis(%sa) {name = "y"} : (tensor<1x4xi32>, tensor<1xi32>, tensor<i32>) -> tensor<1x4xi32>
    mil.return %y : tensor<1x4xi32>
  }
}
