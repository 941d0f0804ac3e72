// A GRU run step by step in a loop, as coremltools' PyTorch converter writes
// a scripted GRUCell loop: the counter and its bound have the shape [1], so
// the loop condition is a tensor<1xi1>.
mil.function @main(%x: tensor<5x1x3xf32>, %h0: tensor<1x4xf32>) -> tensor<1x4xf32>
    attributes {opset = "CoreML7"} {
  %i0 = mil.const dense<0> : tensor<1xi32> {name = "i0"}
  %0:2 = mil.while_loop loop_vars(%i0, %h0) cond {
  ^bb0(%ci: tensor<1xi32>, %ch: tensor<1x4xf32>):
    %n = mil.const dense<5> : tensor<1xi32> {name = "n"}
    %lt = mil.less x(%ci) y(%n) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
    mil.return %lt : tensor<1xi1>
  } body {
  ^bb0(%bi: tensor<1xi32>, %bh: tensor<1x4xf32>):
    %axis = mil.const dense<0> : tensor<i32> {name = "axis"}
    %xt = mil.gather x(%x) indices(%bi) axis(%axis) {name = "xt"} : (tensor<5x1x3xf32>, tensor<1xi32>, tensor<i32>) -> tensor<1x1x3xf32>
    %wih = mil.const dense<0.25> : tensor<12x3xf32> {name = "wih"}
    %whh = mil.const dense<0.5> : tensor<12x4xf32> {name = "whh"}
    %g:2 = mil.gru x(%xt) initial_h(%bh) weight_ih(%wih) weight_hh(%whh) {name = "g"}
        : (tensor<1x1x3xf32>, tensor<1x4xf32>, tensor<12x3xf32>, tensor<12x4xf32>) -> (tensor<1x1x4xf32>, tensor<1x4xf32>)
    %one = mil.const dense<1> : tensor<1xi32> {name = "one"}
    %next = mil.add x(%bi) y(%one) {name = "next"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>
    mil.return %next, %g#1 : tensor<1xi32>, tensor<1x4xf32>
  } {name = "loop"} : (tensor<1xi32>, tensor<1x4xf32>) -> (tensor<1xi32>, tensor<1x4xf32>)
  mil.return %0#1 : tensor<1x4xf32>
}
