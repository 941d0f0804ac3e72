module attributes {mil.pipeline, mil.model = {description = {
    input = [{name = "x"}], output = [{name = "u"}, {name = "y"}]}}} {
  module @a attributes {mil.program = {version = 1 : i64}} {
    mil.function @main(%x: tensor<4xf32>) -> tensor<4xf32>
        attributes {input_names = ["x"], opset = "CoreML7"} {
      %two = mil.const dense<2.0> : tensor<4xf32> {name = "two"}
      %y = mil.mul x(%x) y(%two) {name = "y"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      mil.return %y : tensor<4xf32>
    }
  }
  module @b attributes {mil.program = {version = 1 : i64}} {
    mil.function @main(%y: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32>
        attributes {input_names = ["y", "x"], opset = "CoreML7"} {
      %k = mil.const dense<[1.0, -1.0, 3.0, -3.0]> : tensor<4xf32> {name = "k"}
      %p = mil.mul x(%y) y(%k) {name = "p"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %z = mil.add x(%p) y(%x) {name = "z"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %u = mil.relu x(%z) {name = "u"} : (tensor<4xf32>) -> tensor<4xf32>
      mil.return %u : tensor<4xf32>
    }
  }
}
