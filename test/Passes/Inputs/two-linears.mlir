// Two linears sharing one weight, then a matmul with a weight of its own;
// used by the config and error tests.
mil.function @main(%x: tensor<1x5xf32>) -> tensor<1x6xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf32> {name = "w"}
  %a = mil.linear x(%x) weight(%w) {name = "a"} : (tensor<1x5xf32>, tensor<2x5xf32>) -> tensor<1x2xf32>
  %b = mil.linear x(%x) weight(%w) {name = "b"} : (tensor<1x5xf32>, tensor<2x5xf32>) -> tensor<1x2xf32>
  %ab = mil.add x(%a) y(%b) {name = "ab"} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %m = mil.const dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0]]> : tensor<2x6xf32> {name = "m"}
  %f = mil.const dense<false> : tensor<i1> {name = "f"}
  %y = mil.matmul x(%ab) y(%m) transpose_x(%f) transpose_y(%f) {name = "mm"} : (tensor<1x2xf32>, tensor<2x6xf32>, tensor<i1>, tensor<i1>) -> tensor<1x6xf32>
  mil.return %y : tensor<1x6xf32>
}
