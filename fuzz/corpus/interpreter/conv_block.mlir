// A small MIL program (iOS17 opset): a 3x3 convolution whose weight is a
// resource blob, as mil-translate will import it from weight.bin.
module attributes {mil.default_function = "main"} {
  mil.function @main(%arg0: tensor<1x3x8x8xf16>) -> tensor<1x4x6x6xf16>
      attributes {opset = "CoreML7", input_names = ["image"]} {
    %w = mil.const dense_resource<conv_weight> : tensor<4x3x3x3xf16> {name = "conv_weight"}
    %b = mil.const dense<[0.0, 0.5, 1.0, 1.5]> : tensor<4xf16> {name = "conv_bias"}
    %pad_type = mil.const dense<"valid"> : tensor<!mil.string> {name = "pad_type"}
    %y = mil.conv x(%arg0) weight(%w) bias(%b) pad_type(%pad_type) {name = "conv_0"}
        : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>, tensor<4xf16>, tensor<!mil.string>) -> tensor<1x4x6x6xf16>
    mil.return %y : tensor<1x4x6x6xf16>
  }
}

{-#
  dialect_resources: {
    builtin: {
      conv_weight: "0x02000000003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C"
    }
  }
#-}
