// resize (iOS17), goldens by hand: x = [[0, 1], [2, 3]] is 2r + c, so a
// linear resize samples 2r + c at resize_bilinear's grid points (DEFAULT:
// o * n / m clamped to n - 1, i.e. 0, 0.5, 1, 1 for 2 -> 4).
// RUN: mil-run %s --random-inputs --function linear --print-outputs | FileCheck %s --check-prefix=LIN
// RUN: mil-run %s --random-inputs --function nearest --print-outputs | FileCheck %s --check-prefix=NN
// RUN: mil-run %s --random-inputs --function keep_dim --print-outputs | FileCheck %s --check-prefix=KEEP
// RUN: not mil-run %s --random-inputs --function bad_mode 2>&1 | FileCheck %s --check-prefix=MODE
// RUN: not mil-run %s --random-inputs --function too_large 2>&1 | FileCheck %s --check-prefix=LARGE

module {
  // LIN: y = 0 0.5 1 1 1 1.5 2 2 2 2.5 3 3 2 2.5 3 3{{$}}
  mil.function @linear() -> tensor<1x4x4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[0.0, 1.0], [2.0, 3.0]]]> : tensor<1x2x2xf32> {name = "x"}
    %s = mil.const dense<[4, 4]> : tensor<2xi32> {name = "s"}
    %d = mil.const dense<2> : tensor<ui32> {name = "d"}
    %y = mil.resize x(%x) shape(%s) resized_dims(%d) {name = "y"} : (tensor<1x2x2xf32>, tensor<2xi32>, tensor<ui32>) -> tensor<1x4x4xf32>
    mil.return %y : tensor<1x4x4xf32>
  }

  // NEAREST_NEIGHBOR with DEFAULT takes floor(o * n / m): 0, 0, 1, 1.
  // NN: y = 0 0 1 1 0 0 1 1 2 2 3 3 2 2 3 3{{$}}
  mil.function @nearest() -> tensor<1x4x4xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[0, 1], [2, 3]]]> : tensor<1x2x2xi32> {name = "x"}
    %s = mil.const dense<[1, 4, 4]> : tensor<3xi32> {name = "s"}
    %d = mil.const dense<2> : tensor<ui32> {name = "d"}
    %m = mil.const dense<"NEAREST_NEIGHBOR"> : tensor<!mil.string> {name = "m"}
    %y = mil.resize x(%x) shape(%s) resized_dims(%d) interpolation_mode(%m) {name = "y"} : (tensor<1x2x2xi32>, tensor<3xi32>, tensor<ui32>, tensor<!mil.string>) -> tensor<1x4x4xi32>
    mil.return %y : tensor<1x4x4xi32>
  }

  // shape [0, 5]: the 0 keeps H; W 3 -> 5 with STRICT_ALIGN_CORNERS samples
  // 0, 0.5, 1, 1.5, 2.
  // KEEP: y = 0 0.5 1 1.5 2 3 3.5 4 4.5 5{{$}}
  mil.function @keep_dim() -> tensor<1x2x5xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]]> : tensor<1x2x3xf32> {name = "x"}
    %s = mil.const dense<[0, 5]> : tensor<2xi32> {name = "s"}
    %d = mil.const dense<2> : tensor<ui32> {name = "d"}
    %m = mil.const dense<"STRICT_ALIGN_CORNERS"> : tensor<!mil.string> {name = "m"}
    %y = mil.resize x(%x) shape(%s) resized_dims(%d) sampling_mode(%m) {name = "y"} : (tensor<1x2x3xf32>, tensor<2xi32>, tensor<ui32>, tensor<!mil.string>) -> tensor<1x2x5xf32>
    mil.return %y : tensor<1x2x5xf32>
  }

  // MODE: error: cannot evaluate 'resize' op 'y': unknown interpolation_mode 'CUBIC'
  mil.function @bad_mode() -> tensor<1x4x4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<1x2x2xf32> {name = "x"}
    %s = mil.const dense<[4, 4]> : tensor<2xi32> {name = "s"}
    %d = mil.const dense<2> : tensor<ui32> {name = "d"}
    %m = mil.const dense<"CUBIC"> : tensor<!mil.string> {name = "m"}
    %y = mil.resize x(%x) shape(%s) resized_dims(%d) interpolation_mode(%m) {name = "y"} : (tensor<1x2x2xf32>, tensor<2xi32>, tensor<ui32>, tensor<!mil.string>) -> tensor<1x4x4xf32>
    mil.return %y : tensor<1x4x4xf32>
  }

  // A result size from values is refused before allocating.
  // LARGE: error: cannot evaluate 'resize' op 'y': result shape [1, 100000, 100000] exceeds the interpreter's limit of 268435456 elements
  mil.function @too_large() -> tensor<1x?x?xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<1x2x2xf32> {name = "x"}
    %s = mil.const dense<[100000, 100000]> : tensor<2xi32> {name = "s"}
    %d = mil.const dense<2> : tensor<ui32> {name = "d"}
    %y = mil.resize x(%x) shape(%s) resized_dims(%d) {name = "y"} : (tensor<1x2x2xf32>, tensor<2xi32>, tensor<ui32>) -> tensor<1x?x?xf32>
    mil.return %y : tensor<1x?x?xf32>
  }
}
