// Calibration samples for calibration.mlir, written by
// `mil-run --random-inputs --function s1 -o s1.npz` (the output's name is
// the key).
module {
  mil.function @s1() -> tensor<4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[-1.0, 2.0, 0.5, 3.0]> : tensor<4xf32> {name = "x"}
    mil.return %x : tensor<4xf32>
  }
  mil.function @s2() -> tensor<4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[-4.0, 1.0, 1.0, 1.0]> : tensor<4xf32> {name = "sample"}
    mil.return %x : tensor<4xf32>
  }
}
