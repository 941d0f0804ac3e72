// A linear with a 4x8 weight; used by the joint compression tests.
mil.function @main(%x: tensor<1x8xf32>) -> tensor<1x4xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, -3.5], [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0]]> : tensor<4x8xf32> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x8xf32>, tensor<4x8xf32>) -> tensor<1x4xf32>
  mil.return %y : tensor<1x4xf32>
}
