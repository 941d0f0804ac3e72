// Exact values of small programs: one function per behaviour, run by name.
// RUN: mil-run %s --random-inputs --function fp16_rounding --print-outputs | FileCheck %s --check-prefix=FP16
// RUN: mil-run %s --random-inputs --function reverse_slice --print-outputs | FileCheck %s --check-prefix=SLICE
// RUN: mil-run %s --random-inputs --function int_floor_div --print-outputs | FileCheck %s --check-prefix=INTDIV
// RUN: mil-run %s --random-inputs --function loop --print-outputs | FileCheck %s --check-prefix=LOOP
// RUN: mil-run %s --random-inputs --function branch --print-outputs | FileCheck %s --check-prefix=COND
// RUN: mil-run %s --random-inputs --function gather_negative --print-outputs | FileCheck %s --check-prefix=GATHER

module {
  // fp16 values are rounded at each op output: 1 + 2^-12 is 1 in fp16, so
  // adding it twice stays 1, where float would give 1 + 2^-11.
  // FP16: y = 1{{$}}
  mil.function @fp16_rounding() -> tensor<f16> attributes {opset = "CoreML7", input_names = []} {
    %one = mil.const dense<1.0> : tensor<f16> {name = "one"}
    %tiny = mil.const dense<2.44140625e-4> : tensor<f32> {name = "tiny"}
    %dt = mil.const dense<"fp16"> : tensor<!mil.string> {name = "dt"}
    %t16 = mil.cast x(%tiny) dtype(%dt) {name = "t16"} : (tensor<f32>, tensor<!mil.string>) -> tensor<f16>
    %a = mil.add x(%one) y(%t16) {name = "a"} : (tensor<f16>, tensor<f16>) -> tensor<f16>
    %y = mil.add x(%a) y(%t16) {name = "y"} : (tensor<f16>, tensor<f16>) -> tensor<f16>
    mil.return %y : tensor<f16>
  }

  // x[5:0:-2] of [0..5] with begin/end given: 5, 3, 1.
  // SLICE: s = 5 3 1{{$}}
  mil.function @reverse_slice() -> tensor<3xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi32> {name = "x"}
    %b = mil.const dense<[5]> : tensor<1xi32> {name = "b"}
    %e = mil.const dense<[0]> : tensor<1xi32> {name = "e"}
    %st = mil.const dense<[-2]> : tensor<1xi32> {name = "st"}
    %s = mil.slice_by_index x(%x) begin(%b) end(%e) stride(%st) {name = "s"} : (tensor<6xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<3xi32>
    mil.return %s : tensor<3xi32>
  }

  // Integer floor division rounds toward -inf, as numpy does.
  // INTDIV: q = -4 3 -3{{$}}
  mil.function @int_floor_div() -> tensor<3xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[-7, 7, -6]> : tensor<3xi32> {name = "x"}
    %y = mil.const dense<[2, 2, 2]> : tensor<3xi32> {name = "y"}
    %q = mil.floor_div x(%x) y(%y) {name = "q"} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
    mil.return %q : tensor<3xi32>
  }

  // A counter loop whose condition is a one-element bool tensor, as
  // coremltools' PyTorch frontend emits it.
  // LOOP: w = 10{{$}}
  mil.function @loop() -> tensor<1xi32> attributes {opset = "CoreML7", input_names = []} {
    %i = mil.const dense<[0]> : tensor<1xi32> {name = "i"}
    %w = mil.while_loop loop_vars(%i) cond {
    ^bb0(%c: tensor<1xi32>):
      %ten = mil.const dense<[10]> : tensor<1xi32> {name = "ten"}
      %lt = mil.less x(%c) y(%ten) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
      mil.return %lt : tensor<1xi1>
    } body {
    ^bb0(%b: tensor<1xi32>):
      %one = mil.const dense<[1]> : tensor<1xi32> {name = "one"}
      %n = mil.add x(%b) y(%one) {name = "n"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
      mil.return %n : tensor<1xi32>
    } {name = "w"} : (tensor<1xi32>) -> tensor<1xi32>
    mil.return %w : tensor<1xi32>
  }

  // COND: c = 2{{$}}
  mil.function @branch() -> tensor<f32> attributes {opset = "CoreML7", input_names = []} {
    %p = mil.const dense<false> : tensor<i1> {name = "p"}
    %c = mil.cond pred(%p) {
      %a = mil.const dense<1.0> : tensor<f32> {name = "a"}
      mil.return %a : tensor<f32>
    } else {
      %b = mil.const dense<2.0> : tensor<f32> {name = "b"}
      mil.return %b : tensor<f32>
    } {name = "c"} : (tensor<i1>) -> tensor<f32>
    mil.return %c : tensor<f32>
  }

  // Negative indices count from the end.
  // GATHER: g = 30 10{{$}}
  mil.function @gather_negative() -> tensor<2xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[10.0, 20.0, 30.0]> : tensor<3xf32> {name = "x"}
    %i = mil.const dense<[-1, 0]> : tensor<2xi32> {name = "i"}
    %ax = mil.const dense<0> : tensor<i32> {name = "ax"}
    %g = mil.gather x(%x) indices(%i) axis(%ax) {name = "g"} : (tensor<3xf32>, tensor<2xi32>, tensor<i32>) -> tensor<2xf32>
    mil.return %g : tensor<2xf32>
  }
}
