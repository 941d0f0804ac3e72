// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// A function with named inputs, constants of each storage kind and a
// generic op round-trips; SSA names follow the MIL names.

// CHECK-LABEL: mil.function @main
// CHECK-SAME: (%x: tensor<1x4xf16>) -> tensor<1x4xf16>
// CHECK-SAME: input_names = ["x"]
// CHECK-SAME: opset = "CoreML8"
mil.function @main(%arg0: tensor<1x4xf16>) -> tensor<1x4xf16>
    attributes {opset = "CoreML8", input_names = ["x"]} {
  // CHECK: %w = mil.const dense_resource<w0> : tensor<4x4xf16> {name = "w"}
  %0 = mil.const dense_resource<w0> : tensor<4x4xf16> {name = "w"}
  // CHECK: %pad_type = mil.const dense<"valid"> : tensor<!mil.string> {name = "pad_type"}
  %1 = mil.const dense<"valid"> : tensor<!mil.string> {name = "pad_type"}
  // CHECK: %labels = mil.const [dense<"a"> : tensor<!mil.string>, dense<"b"> : tensor<!mil.string>] : !mil.list<tensor<!mil.string>, 2> {name = "labels"}
  %2 = mil.const [dense<"a"> : tensor<!mil.string>, dense<"b"> : tensor<!mil.string>] : !mil.list<tensor<!mil.string>, 2> {name = "labels"}
  // CHECK: %y = mil.generic "future_op" x(%x) weight(%w) values(%x, %x) {name = "y"} : (tensor<1x4xf16>, tensor<4x4xf16>, tensor<1x4xf16>, tensor<1x4xf16>) -> tensor<1x4xf16>
  %3 = mil.generic "future_op" x(%arg0) weight(%0) values(%arg0, %arg0) {name = "y"} : (tensor<1x4xf16>, tensor<4x4xf16>, tensor<1x4xf16>, tensor<1x4xf16>) -> tensor<1x4xf16>
  // CHECK: mil.return %y : tensor<1x4xf16>
  mil.return %3 : tensor<1x4xf16>
}

{-#
  dialect_resources: {
    builtin: {
      w0: "0x02000000003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C003C"
    }
  }
#-}

// -----

// Multifunction programs name their default function on the module; the
// state, list, dict and tuple types parse and print.

// CHECK: module attributes {mil.default_function = "second"}
module attributes {mil.default_function = "second"} {
  // CHECK-LABEL: mil.function @first
  // CHECK-SAME: !mil.state<tensor<2xf16>>
  mil.function @first(%s: !mil.state<tensor<2xf16>>) attributes {opset = "CoreML8"} {
    mil.return
  }
  // CHECK-LABEL: mil.function @second
  mil.function @second(%x: tensor<?x4xf32>) -> tensor<?x4xf32> attributes {opset = "CoreML6"} {
    // CHECK: %{{.*}} = mil.generic "make_things" {name = "t"} : () -> (!mil.list<tensor<2xf32>>, !mil.dict<tensor<!mil.string>, tensor<f32>>, tuple<tensor<f32>, tensor<i32>>)
    %0:3 = mil.generic "make_things" {name = "t"} : () -> (!mil.list<tensor<2xf32>>, !mil.dict<tensor<!mil.string>, tensor<f32>>, tuple<tensor<f32>, tensor<i32>>)
    mil.return %x : tensor<?x4xf32>
  }
}

// -----

// A generic op keeps nested MIL blocks as regions.

// CHECK-LABEL: mil.function @blocks
mil.function @blocks(%p: tensor<i1>, %x: tensor<2xf32>) -> tensor<2xf32>
    attributes {opset = "CoreML7", input_names = ["p", "x"]} {
  // CHECK: mil.generic "my_cond" pred(%p) ({
  // CHECK:   mil.return %x : tensor<2xf32>
  // CHECK: }, {
  // CHECK:   mil.return %x : tensor<2xf32>
  // CHECK: }) {name = "c"}
  %0 = mil.generic "my_cond" pred(%p) ({
    mil.return %x : tensor<2xf32>
  }, {
    mil.return %x : tensor<2xf32>
  }) {name = "c"} : (tensor<i1>) -> tensor<2xf32>
  mil.return %0 : tensor<2xf32>
}
