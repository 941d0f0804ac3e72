// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @cond
mil.function @cond(%p: tensor<i1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.cond pred(%{{.*}}) {
  // CHECK-NEXT: mil.return %{{.*}} : tensor<2xf32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: mil.return %{{.*}} : tensor<2xf32>
  // CHECK-NEXT: } {name = "c"} : (tensor<i1>) -> tensor<2xf32>
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %b : tensor<2xf32>
  } {name = "c"} : (tensor<i1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: mil.function @cond_two_outputs
mil.function @cond_two_outputs(%p: tensor<i1>, %a: tensor<2xf32>, %i: tensor<i32>) -> (tensor<?xf32>, tensor<i32>)
    attributes {opset = "CoreML8"} {
  // CHECK: mil.cond pred(%{{.*}})
  // CHECK: } : (tensor<i1>) -> (tensor<?xf32>, tensor<i32>)
  %0:2 = mil.cond pred(%p) {
    mil.return %a, %i : tensor<2xf32>, tensor<i32>
  } else {
    %c = mil.const dense<[1.0, 2.0, 3.0]> : tensor<3xf32> {name = "c3"}
    mil.return %c, %i : tensor<3xf32>, tensor<i32>
  } : (tensor<i1>) -> (tensor<?xf32>, tensor<i32>)
  mil.return %0#0, %0#1 : tensor<?xf32>, tensor<i32>
}

// -----

// CHECK-LABEL: mil.function @while_loop
mil.function @while_loop(%i: tensor<i32>, %x: tensor<2xf32>) -> (tensor<i32>, tensor<2xf32>)
    attributes {opset = "CoreML5"} {
  // CHECK: mil.while_loop loop_vars(%{{.*}}, %{{.*}}) cond {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>, %{{.*}}: tensor<2xf32>):
  // CHECK: mil.return %{{.*}} : tensor<i1>
  // CHECK: } body {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>, %{{.*}}: tensor<2xf32>):
  // CHECK: mil.return %{{.*}}, %{{.*}} : tensor<i32>, tensor<2xf32>
  // CHECK-NEXT: } {name = "w"} : (tensor<i32>, tensor<2xf32>) -> (tensor<i32>, tensor<2xf32>)
  %0:2 = mil.while_loop loop_vars(%i, %x) cond {
  ^bb0(%ci: tensor<i32>, %cx: tensor<2xf32>):
    %ten = mil.const dense<10> : tensor<i32> {name = "ten"}
    %lt = mil.generic "less" x(%ci) y(%ten) {name = "lt"} : (tensor<i32>, tensor<i32>) -> tensor<i1>
    mil.return %lt : tensor<i1>
  } body {
  ^bb0(%bi: tensor<i32>, %bx: tensor<2xf32>):
    %one = mil.const dense<1> : tensor<i32> {name = "one"}
    %next = mil.generic "add" x(%bi) y(%one) {name = "next"} : (tensor<i32>, tensor<i32>) -> tensor<i32>
    mil.return %next, %bx : tensor<i32>, tensor<2xf32>
  } {name = "w"} : (tensor<i32>, tensor<2xf32>) -> (tensor<i32>, tensor<2xf32>)
  mil.return %0#0, %0#1 : tensor<i32>, tensor<2xf32>
}

// -----

// coremltools' PyTorch converter gives loop conditions the shape [1]: a
// counter of shape [1] compared with a bound of shape [1].
// CHECK-LABEL: mil.function @while_loop_rank1_cond
mil.function @while_loop_rank1_cond(%i: tensor<1xi32>) -> tensor<1xi32>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.return %{{.*}} : tensor<1xi1>
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%ci: tensor<1xi32>):
    %n = mil.const dense<4> : tensor<1xi32> {name = "n"}
    %lt = mil.less x(%ci) y(%n) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
    mil.return %lt : tensor<1xi1>
  } body {
  ^bb0(%bi: tensor<1xi32>):
    mil.return %bi : tensor<1xi32>
  } {name = "w"} : (tensor<1xi32>) -> tensor<1xi32>
  mil.return %0 : tensor<1xi32>
}

// -----

// CHECK-LABEL: mil.function @cond_rank1_pred
mil.function @cond_rank1_pred(%p: tensor<1xi1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML7"} {
  // CHECK: } {name = "c"} : (tensor<1xi1>) -> tensor<2xf32>
  %0 = mil.cond pred(%p) {
    mil.return %a : tensor<2xf32>
  } else {
    mil.return %b : tensor<2xf32>
  } {name = "c"} : (tensor<1xi1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: mil.function @select
mil.function @select(%c: tensor<2x3xi1>, %a: tensor<2x3xf16>, %b: tensor<3xf16>) -> tensor<2x3xf16>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.select cond(%{{.*}}) a(%{{.*}}) b(%{{.*}}) {name = "s"} : (tensor<2x3xi1>, tensor<2x3xf16>, tensor<3xf16>) -> tensor<2x3xf16>
  %0 = mil.select cond(%c) a(%a) b(%b) {name = "s"} : (tensor<2x3xi1>, tensor<2x3xf16>, tensor<3xf16>) -> tensor<2x3xf16>
  mil.return %0 : tensor<2x3xf16>
}

// -----

// CHECK-LABEL: mil.function @lists
mil.function @lists(%x: tensor<2x3xf32>, %i: tensor<i32>, %idx: tensor<4xi32>, %vals: tensor<4x2x3xf32>)
    -> (tensor<i32>, tensor<2x3xf32>, tensor<4x2x3xf32>) attributes {opset = "CoreML5"} {
  %len = mil.const dense<4> : tensor<i32> {name = "len"}
  %dyn = mil.const dense<true> : tensor<i1> {name = "dyn"}
  %d0 = mil.const dense<2> : tensor<i32> {name = "d0"}
  %d1 = mil.const dense<"n"> : tensor<!mil.string> {name = "d1"}
  %dt = mil.const dense<"fp32"> : tensor<!mil.string> {name = "dt"}
  // CHECK: mil.make_list init_length(%{{.*}}) dynamic_length(%{{.*}}) elem_shape(%{{.*}}, %{{.*}}) dtype(%{{.*}}) {name = "ls"} : (tensor<i32>, tensor<i1>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>) -> !mil.list<tensor<2x?xf32>>
  %ls = mil.make_list init_length(%len) dynamic_length(%dyn) elem_shape(%d0, %d1) dtype(%dt) {name = "ls"}
      : (tensor<i32>, tensor<i1>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>) -> !mil.list<tensor<2x?xf32>>
  // CHECK: mil.make_list elem_shape(%{{.*}}, %{{.*}}) {name = "ls2"} : (tensor<i32>, tensor<i32>) -> !mil.list<tensor<2x2xf32>, 1>
  %ls2 = mil.make_list elem_shape(%d0, %d0) {name = "ls2"} : (tensor<i32>, tensor<i32>) -> !mil.list<tensor<2x2xf32>, 1>
  // CHECK: mil.list_write ls(%{{.*}}) index(%{{.*}}) value(%{{.*}}) {name = "w"} : (!mil.list<tensor<2x?xf32>>, tensor<i32>, tensor<2x3xf32>) -> !mil.list<tensor<2x?xf32>>
  %w = mil.list_write ls(%ls) index(%i) value(%x) {name = "w"}
      : (!mil.list<tensor<2x?xf32>>, tensor<i32>, tensor<2x3xf32>) -> !mil.list<tensor<2x?xf32>>
  // CHECK: mil.list_scatter ls(%{{.*}}) indices(%{{.*}}) value(%{{.*}}) {name = "sc"} : (!mil.list<tensor<2x?xf32>>, tensor<4xi32>, tensor<4x2x3xf32>) -> !mil.list<tensor<2x?xf32>>
  %sc = mil.list_scatter ls(%w) indices(%idx) value(%vals) {name = "sc"}
      : (!mil.list<tensor<2x?xf32>>, tensor<4xi32>, tensor<4x2x3xf32>) -> !mil.list<tensor<2x?xf32>>
  // CHECK: mil.list_length ls(%{{.*}}) {name = "n"} : (!mil.list<tensor<2x?xf32>>) -> tensor<i32>
  %n = mil.list_length ls(%sc) {name = "n"} : (!mil.list<tensor<2x?xf32>>) -> tensor<i32>
  // CHECK: mil.list_read ls(%{{.*}}) index(%{{.*}}) {name = "r"} : (!mil.list<tensor<2x?xf32>>, tensor<i32>) -> tensor<2x3xf32>
  %r = mil.list_read ls(%sc) index(%i) {name = "r"} : (!mil.list<tensor<2x?xf32>>, tensor<i32>) -> tensor<2x3xf32>
  // CHECK: mil.list_gather ls(%{{.*}}) indices(%{{.*}}) {name = "g"} : (!mil.list<tensor<2x?xf32>>, tensor<4xi32>) -> tensor<4x2x3xf32>
  %g = mil.list_gather ls(%sc) indices(%idx) {name = "g"} : (!mil.list<tensor<2x?xf32>>, tensor<4xi32>) -> tensor<4x2x3xf32>
  mil.return %n, %r, %g : tensor<i32>, tensor<2x3xf32>, tensor<4x2x3xf32>
}

// -----

// coremltools' PyTorch frontend returns a one-element bool tensor from the
// loop condition.
// CHECK-LABEL: mil.function @while_cond_one_element
mil.function @while_cond_one_element(%i: tensor<1xi32>) -> tensor<1xi32>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.return %{{.*}} : tensor<1xi1>
  %0 = mil.while_loop loop_vars(%i) cond {
  ^bb0(%ci: tensor<1xi32>):
    %ten = mil.const dense<10> : tensor<1xi32> {name = "ten"}
    %lt = mil.less x(%ci) y(%ten) {name = "lt"} : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi1>
    mil.return %lt : tensor<1xi1>
  } body {
  ^bb0(%bi: tensor<1xi32>):
    mil.return %bi : tensor<1xi32>
  } {name = "w"} : (tensor<1xi32>) -> tensor<1xi32>
  mil.return %0 : tensor<1xi32>
}
