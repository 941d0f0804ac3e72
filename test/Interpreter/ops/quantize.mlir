// quantize and dequantize against coremltools' numpy value inference:
// clip(around(x / scale) + zero_point) (halves to even) and
// scale * (q - zero_point), scalar or per axis.
// RUN: mil-run %s --random-inputs --function q_scalar --print-outputs | FileCheck %s --check-prefix=QS
// RUN: mil-run %s --random-inputs --function q_axis --print-outputs | FileCheck %s --check-prefix=QA
// RUN: mil-run %s --random-inputs --function dq_axis --print-outputs | FileCheck %s --check-prefix=DQ
// RUN: not mil-run %s --random-inputs --shape x=2,5 --function axis_size 2>&1 | FileCheck %s --check-prefix=SIZE

module {
  // QS: q = 1 3 4 6 8 0 203 0{{$}}
  mil.function @q_scalar() -> tensor<2x4xui8> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[-1.0, 0.25, 0.5, 1.3], [2.5, -3.75, 100.0, -100.0]]> : tensor<2x4xf32> {name = "x"}
    %s = mil.const dense<0.5> : tensor<f32> {name = "s"}
    %z = mil.const dense<3> : tensor<ui8> {name = "z"}
    %dt = mil.const dense<"uint8"> : tensor<!mil.string> {name = "dt"}
    %q = mil.quantize input(%x) zero_point(%z) scale(%s) output_dtype(%dt) {name = "q"} : (tensor<2x4xf32>, tensor<ui8>, tensor<f32>, tensor<!mil.string>) -> tensor<2x4xui8>
    mil.return %q : tensor<2x4xui8>
  }

  // QA: q = -4 -2 -1 1 15 -10 127 -128{{$}}
  mil.function @q_axis() -> tensor<2x4xi8> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[-1.0, 0.25, 0.5, 1.3], [2.5, -3.75, 100.0, -100.0]]> : tensor<2x4xf32> {name = "x"}
    %s = mil.const dense<[0.5, 0.25]> : tensor<2xf32> {name = "s"}
    %z = mil.const dense<[-2, 5]> : tensor<2xi8> {name = "z"}
    %ax = mil.const dense<0> : tensor<i32> {name = "ax"}
    %dt = mil.const dense<"int8"> : tensor<!mil.string> {name = "dt"}
    %q = mil.quantize input(%x) zero_point(%z) scale(%s) axis(%ax) output_dtype(%dt) {name = "q"} : (tensor<2x4xf32>, tensor<2xi8>, tensor<2xf32>, tensor<i32>, tensor<!mil.string>) -> tensor<2x4xi8>
    mil.return %q : tensor<2x4xi8>
  }

  // DQ: d = -0.5 0 31.25 1 -248 0{{$}}
  mil.function @dq_axis() -> tensor<2x3xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0, 128, 255], [3, 4, 5]]> : tensor<2x3xui8> {name = "x"}
    %s = mil.const dense<[0.5, 2.0, 0.125]> : tensor<3xf32> {name = "s"}
    %z = mil.const dense<[1, 128, 5]> : tensor<3xui8> {name = "z"}
    %ax = mil.const dense<-1> : tensor<i32> {name = "ax"}
    %d = mil.dequantize input(%x) zero_point(%z) scale(%s) axis(%ax) {name = "d"} : (tensor<2x3xui8>, tensor<3xui8>, tensor<3xf32>, tensor<i32>) -> tensor<2x3xf32>
    mil.return %d : tensor<2x3xf32>
  }

  // SIZE: error: cannot evaluate 'quantize' op 'q': scale has 4 elements, input has 5 along axis 1
  mil.function @axis_size(%x: tensor<?x?xf32>) -> tensor<?x?xui8> attributes {opset = "CoreML7", input_names = ["x"]} {
    %s = mil.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32> {name = "s"}
    %ax = mil.const dense<1> : tensor<i32> {name = "ax"}
    %dt = mil.const dense<"uint8"> : tensor<!mil.string> {name = "dt"}
    %q = mil.quantize input(%x) scale(%s) axis(%ax) output_dtype(%dt) {name = "q"} : (tensor<?x?xf32>, tensor<4xf32>, tensor<i32>, tensor<!mil.string>) -> tensor<?x?xui8>
    mil.return %q : tensor<?x?xui8>
  }
}
