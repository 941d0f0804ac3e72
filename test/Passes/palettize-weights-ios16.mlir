// RUN: mil-opt %s --mil-palettize-weights="weight-threshold=0 mode=unique" | FileCheck %s

// CoreML6: the iOS16 form, indices packed LSB first into uint8, a 1-D LUT of
// 2^nbits entries and the shape as uint32.
// CHECK-LABEL: mil.function @ios16
// CHECK: %w_palettized = mil.constexpr_lut_to_dense {indices = dense_resource<w_palettized_indices> : tensor<5xui8>, lut = dense_resource<w_palettized_lut> : tensor<16xf16>, name = "w_palettized", shape = dense<[2, 5]> : tensor<2xui32>} : () -> tensor<2x5xf16>
// CHECK: w_palettized_indices: "0x100000000219436587"
// CHECK: w_palettized_lut: "0x1000000000C900C200C00000003C00400042004400450046000000000000000000000000"
mil.function @ios16(%x: tensor<1x5xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML6"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf16>, tensor<2x5xf16>) -> tensor<1x2xf16>
  mil.return %y : tensor<1x2xf16>
}
