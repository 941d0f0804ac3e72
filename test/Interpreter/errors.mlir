// An op the interpreter cannot evaluate is an error naming it, never a guess.
// RUN: not mil-run %s --random-inputs --function unknown 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not mil-run %s --random-inputs --function out_of_range 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not mil-run %s --random-inputs --function nope 2>&1 | FileCheck %s --check-prefix=NOFUNC

module {
  // UNKNOWN: error: cannot evaluate 'frobnicate' op 'f': the op type is unknown to the dialect
  mil.function @unknown() -> tensor<2xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[1.0, 2.0]> : tensor<2xf32> {name = "x"}
    %f = mil.generic "frobnicate" x(%x) {name = "f"} : (tensor<2xf32>) -> tensor<2xf32>
    mil.return %f : tensor<2xf32>
  }

  // RANGE: error: cannot evaluate 'gather' op 'g': index 3 is out of range for size 3
  mil.function @out_of_range() -> tensor<1xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[10.0, 20.0, 30.0]> : tensor<3xf32> {name = "x"}
    %i = mil.const dense<[3]> : tensor<1xi32> {name = "i"}
    %ax = mil.const dense<0> : tensor<i32> {name = "ax"}
    %g = mil.gather x(%x) indices(%i) axis(%ax) {name = "g"} : (tensor<3xf32>, tensor<1xi32>, tensor<i32>) -> tensor<1xf32>
    mil.return %g : tensor<1xf32>
  }
}
// NOFUNC: error: no function 'nope' in the program (functions: unknown, out_of_range)
