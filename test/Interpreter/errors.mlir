// An op the interpreter cannot evaluate is an error naming it, never a guess.
// RUN: not mil-run %s --random-inputs --function unknown 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not mil-run %s --random-inputs --function out_of_range 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not mil-run %s --random-inputs --function nope 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: not mil-run %s --random-inputs --function forever --max-loop-iterations 100 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: not mil-run %s --random-inputs --function forever --max-loop-iterations 0 2>&1 | FileCheck %s --check-prefix=LOOPOPT

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

  // A loop whose counter never moves: a malformed program must still end.
  // LOOP: error: cannot evaluate 'while_loop' op 'w': more than 100 iterations (mil-run --max-loop-iterations)
  mil.function @forever() -> tensor<1xi32> attributes {opset = "CoreML7", input_names = []} {
    %i = mil.const dense<[0]> : tensor<1xi32> {name = "i"}
    %w = mil.while_loop loop_vars(%i) cond {
    ^bb0(%c: tensor<1xi32>):
      %ten = mil.const dense<[10]> : tensor<1xi32> {name = "ten"}
      %lt = mil.less x(%c) y(%ten) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
      mil.return %lt : tensor<1xi1>
    } body {
    ^bb0(%b: tensor<1xi32>):
      %zero = mil.const dense<[0]> : tensor<1xi32> {name = "zero"}
      %n = mil.add x(%b) y(%zero) {name = "n"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
      mil.return %n : tensor<1xi32>
    } {name = "w"} : (tensor<1xi32>) -> tensor<1xi32>
    mil.return %w : tensor<1xi32>
  }
}
// LOOPOPT: mil-run: --max-loop-iterations must be positive
// NOFUNC: error: no function 'nope' in the program (functions: unknown, out_of_range, forever)
