// Ops whose result size comes from values refuse results over the
// interpreter's limit (2^28 elements) with an error naming the op, before
// allocating anything.
// RUN: not mil-run %s --random-inputs --function fill 2>&1 | FileCheck %s --check-prefix=FILL
// RUN: not mil-run %s --random-inputs --function range 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not mil-run %s --random-inputs --function tile 2>&1 | FileCheck %s --check-prefix=TILE
// RUN: not mil-run %s --random-inputs --function one_hot 2>&1 | FileCheck %s --check-prefix=ONEHOT
// RUN: mil-run %s --random-inputs --function fill_ok --print-outputs | FileCheck %s --check-prefix=OK

module {
  // The product 2^62 would overflow int64 before it could be compared.
  // FILL: error: cannot evaluate 'fill' op 'y': result shape [2147483647, 2147483647, 2] exceeds the interpreter's limit of 268435456 elements
  mil.function @fill() -> tensor<?x?x?xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[2147483647, 2147483647, 2]> : tensor<3xi32> {name = "s"}
    %y = mil.fill shape(%s) {name = "y"} : (tensor<3xi32>) -> tensor<?x?x?xf32>
    mil.return %y : tensor<?x?x?xf32>
  }

  // RANGE: error: cannot evaluate 'range_1d' op 'y': the range has more elements than the interpreter's limit of 268435456
  mil.function @range() -> tensor<?xf32> attributes {opset = "CoreML7", input_names = []} {
    %e = mil.const dense<1.0e+10> : tensor<f32> {name = "e"}
    %b = mil.const dense<0.0> : tensor<f32> {name = "b"}
    %st = mil.const dense<1.0> : tensor<f32> {name = "st"}
    %y = mil.range_1d end(%e) start(%b) step(%st) {name = "y"} : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
    mil.return %y : tensor<?xf32>
  }

  // TILE: error: cannot evaluate 'tile' op 'y': result shape [4000000000, 4] exceeds the interpreter's limit of 268435456 elements
  mil.function @tile() -> tensor<?x?xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<2x2xf32> {name = "x"}
    %r = mil.const dense<[2000000000, 2]> : tensor<2xi32> {name = "r"}
    %y = mil.tile x(%x) reps(%r) {name = "y"} : (tensor<2x2xf32>, tensor<2xi32>) -> tensor<?x?xf32>
    mil.return %y : tensor<?x?xf32>
  }

  // ONEHOT: error: cannot evaluate 'one_hot' op 'y': result shape [4, 100000000] exceeds the interpreter's limit of 268435456 elements
  mil.function @one_hot() -> tensor<4x?xf32> attributes {opset = "CoreML7", input_names = []} {
    %i = mil.const dense<[0, 1, 2, 3]> : tensor<4xi32> {name = "i"}
    %n = mil.const dense<100000000> : tensor<i32> {name = "n"}
    %y = mil.one_hot indices(%i) one_hot_vector_size(%n) {name = "y"} : (tensor<4xi32>, tensor<i32>) -> tensor<4x?xf32>
    mil.return %y : tensor<4x?xf32>
  }

  // A zero dim makes any other size fine.
  // OK: y: [0, 2147483647] fp32
  mil.function @fill_ok() -> tensor<?x?xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[0, 2147483647]> : tensor<2xi32> {name = "s"}
    %y = mil.fill shape(%s) {name = "y"} : (tensor<2xi32>) -> tensor<?x?xf32>
    mil.return %y : tensor<?x?xf32>
  }
}
