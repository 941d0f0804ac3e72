// RUN: mil-opt %s --mil-linear-quantize-weights="weight-threshold=0" | FileCheck %s
// RUN: mil-opt %s --mil-linear-quantize-weights="weight-threshold=0 mode=linear dtype=uint8 granularity=per_tensor" | FileCheck %s --check-prefix=UINT8

// CoreML6: constexpr_affine_dequantize with the scale squeezed to a vector
// along axis 0 and a zero zero_point; the fp16 scale follows the weight.
// CHECK-LABEL: mil.function @ios16
// CHECK: %w_quantized = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>, name = "w_quantized", quantized_data = dense_resource<w_quantized_data> : tensor<2x5xi8>, scale = dense<[7.873530e-02, 3.936770e-02]> : tensor<2xf16>, zero_point = dense<0> : tensor<2xi8>} : () -> tensor<2x5xf16>
// UINT8-LABEL: mil.function @ios16
// UINT8: %w_quantized = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>, name = "w_quantized", quantized_data = dense_resource<w_quantized_data> : tensor<2x5xui8>, scale = dense<6.274410e-02> : tensor<f16>, zero_point = dense<159> : tensor<ui8>} : () -> tensor<2x5xf16>
mil.function @ios16(%x: tensor<1x5xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML6"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf16>, tensor<2x5xf16>) -> tensor<1x2xf16>
  mil.return %y : tensor<1x2xf16>
}
