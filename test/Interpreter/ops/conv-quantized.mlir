// conv_quantized, goldens by hand on x = [[1, 2], [3, 4]].
// RUN: mil-run %s --random-inputs --function linear --print-outputs | FileCheck %s --check-prefix=LINEAR
// RUN: mil-run %s --random-inputs --function lut --print-outputs | FileCheck %s --check-prefix=LUT
// RUN: not mil-run %s --random-inputs --function lut_range 2>&1 | FileCheck %s --check-prefix=RANGE

module {
  // Per output channel: W = [2 * 0.5 + 1, 4 * 0.25 - 1] = [2, 0] and
  // bias = [3 * 0.5 + 1, 8 * 0.25 - 1] = [2.5, 1] (1x1 kernels).
  // LINEAR: y = 4.5 6.5 8.5 10.5 1 1 1 1{{$}}
  mil.function @linear() -> tensor<1x2x2x2xf32> attributes {opset = "CoreML5", input_names = []} {
    %x = mil.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32> {name = "x"}
    %w = mil.const dense<[[[[2]]], [[[4]]]]> : tensor<2x1x1x1xui8> {name = "w"}
    %b = mil.const dense<[3, 8]> : tensor<2xui8> {name = "b"}
    %t = mil.const dense<"linear"> : tensor<!mil.string> {name = "t"}
    %s = mil.const dense<[0.5, 0.25]> : tensor<2xf32> {name = "s"}
    %qb = mil.const dense<[1.0, -1.0]> : tensor<2xf32> {name = "qb"}
    %y = mil.conv_quantized x(%x) weight(%w) bias(%b) quantization_type(%t) quant_scale(%s) quant_bias(%qb) {name = "y"} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xui8>, tensor<2xui8>, tensor<!mil.string>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
    mil.return %y : tensor<1x2x2x2xf32>
  }

  // Codes [[0, 3], [2, 1]] through the table [-1, 0, 0.5, 2]: W = [[-1, 2],
  // [0.5, 0]], so y = -1 + 4 + 1.5 + 0.
  // LUT: y = 4.5{{$}}
  mil.function @lut() -> tensor<1x1x1x1xf32> attributes {opset = "CoreML5", input_names = []} {
    %x = mil.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32> {name = "x"}
    %w = mil.const dense<[[[[0, 3], [2, 1]]]]> : tensor<1x1x2x2xui8> {name = "w"}
    %t = mil.const dense<"lut"> : tensor<!mil.string> {name = "t"}
    %nb = mil.const dense<2> : tensor<i32> {name = "nb"}
    %s = mil.const dense<[-1.0, 0.0, 0.5, 2.0]> : tensor<4xf32> {name = "s"}
    %qb = mil.const dense<0.0> : tensor<f32> {name = "qb"}
    %y = mil.conv_quantized x(%x) weight(%w) quantization_type(%t) nbits(%nb) quant_scale(%s) quant_bias(%qb) {name = "y"} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xui8>, tensor<!mil.string>, tensor<i32>, tensor<4xf32>, tensor<f32>) -> tensor<1x1x1x1xf32>
    mil.return %y : tensor<1x1x1x1xf32>
  }

  // RANGE: error: cannot evaluate 'conv_quantized' op 'y': weight code 3 is outside the lookup table of 2 entries
  mil.function @lut_range() -> tensor<1x1x1x1xf32> attributes {opset = "CoreML5", input_names = []} {
    %x = mil.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32> {name = "x"}
    %w = mil.const dense<[[[[0, 3], [2, 1]]]]> : tensor<1x1x2x2xui8> {name = "w"}
    %t = mil.const dense<"lut"> : tensor<!mil.string> {name = "t"}
    %nb = mil.const dense<1> : tensor<i32> {name = "nb"}
    %s = mil.const dense<[-1.0, 0.0, 0.5, 2.0]> : tensor<4xf32> {name = "s"}
    %qb = mil.const dense<0.0> : tensor<f32> {name = "qb"}
    %y = mil.conv_quantized x(%x) weight(%w) quantization_type(%t) nbits(%nb) quant_scale(%s) quant_bias(%qb) {name = "y"} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xui8>, tensor<!mil.string>, tensor<i32>, tensor<4xf32>, tensor<f32>) -> tensor<1x1x1x1xf32>
    mil.return %y : tensor<1x1x1x1xf32>
  }
}
