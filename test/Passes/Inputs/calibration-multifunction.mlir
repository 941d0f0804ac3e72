// Two functions: calibration by the interpreter covers one of them only.
mil.function @main(%y: tensor<4xf32>) -> tensor<2xf32> attributes {opset = "CoreML7", input_names = ["y"]} {
  %w = mil.const dense<5.000000e-01> : tensor<2x4xf32> {name = "w"}
  %fc = mil.linear x(%y) weight(%w) {name = "fc"} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2xf32>
  mil.return %fc : tensor<2xf32>
}
mil.function @other(%y: tensor<4xf32>) -> tensor<2xf32> attributes {opset = "CoreML7", input_names = ["y"]} {
  %w = mil.const dense<2.500000e-01> : tensor<2x4xf32> {name = "w"}
  %fc = mil.linear x(%y) weight(%w) {name = "fc"} : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2xf32>
  mil.return %fc : tensor<2xf32>
}
