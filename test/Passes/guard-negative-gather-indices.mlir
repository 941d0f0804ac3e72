// RUN: mil-opt %s -split-input-file --mil-guard-negative-gather-indices | FileCheck %s
// RUN: mil-opt %s -split-input-file --mil-guard-negative-gather-indices --mil-guard-negative-gather-indices | FileCheck %s --check-prefix=TWICE

// int32 indices of an iOS17 gather are wrapped by x.shape[axis] (a const
// when static) where negative; the gather is rebuilt under its op name,
// with the axis as a new literal. The new ops get automatic names.
// CHECK-LABEL: mil.function @int32_indices
// CHECK: %[[ZERO:.*]] = mil.const dense<0> : tensor<i32> {name = "greater_equal_0_y_0"}
// CHECK: %[[GE:.*]] = mil.greater_equal x(%i) y(%[[ZERO]]) {name = "greater_equal_0"}
// CHECK: %[[SIZE:.*]] = mil.const dense<8> : tensor<i32> {name = "slice_by_index_0"}
// CHECK: %[[ADD:.*]] = mil.add x(%i) y(%[[SIZE]]) {name = "add_0"}
// CHECK: %[[SEL:.*]] = mil.select cond(%[[GE]]) a(%i) b(%[[ADD]]) {name = "select_0"}
// CHECK: %[[AXIS:.*]] = mil.const dense<0> : tensor<i32> {name = "g_axis_0"}
// CHECK: %[[G:.*]] = mil.gather x(%d) indices(%[[SEL]]) axis(%[[AXIS]]) batch_dims(%bd) {name = "g"}
// CHECK-NOT: outputs
// CHECK: mil.relu x(%[[G]])
mil.function @int32_indices(%d: tensor<8x4xf16>, %i: tensor<3xi32>) -> tensor<3x4xf16> attributes {opset = "CoreML7", input_names = ["d", "i"]} {
  %a = mil.const dense<0> : tensor<i32> {name = "a"}
  %bd = mil.const dense<0> : tensor<i32> {name = "bd"}
  %g = mil.gather x(%d) indices(%i) axis(%a) batch_dims(%bd) {name = "g", outputs = ["g_out"]} : (tensor<8x4xf16>, tensor<3xi32>, tensor<i32>, tensor<i32>) -> tensor<3x4xf16>
  %r = mil.relu x(%g) {name = "r"} : (tensor<3x4xf16>) -> tensor<3x4xf16>
  mil.return %r : tensor<3x4xf16>
}

// -----

// int16 indices are cast to int32 first; a negative axis counts from the
// end for the size and stays as written; a gather that is a function
// output keeps its var name.
// CHECK-LABEL: mil.function @int16_indices
// CHECK: mil.const dense<"int32"> : tensor<!mil.string> {name = "cast_0_dtype_0"}
// CHECK: %[[C:.*]] = mil.cast x(%i) dtype({{.*}}) {name = "cast_0"} : (tensor<3xi16>, tensor<!mil.string>) -> tensor<3xi32>
// CHECK: mil.greater_equal x(%[[C]])
// CHECK: mil.const dense<4> : tensor<i32> {name = "slice_by_index_0"}
// CHECK: mil.const dense<-1> : tensor<i32> {name = "g_axis_0"}
// CHECK: mil.gather {{.*}} {name = "g", outputs = ["g_out"]} : (tensor<8x4xf16>, tensor<3xi32>, tensor<i32>) -> tensor<8x3xf16>
mil.function @int16_indices(%d: tensor<8x4xf16>, %i: tensor<3xi16>) -> tensor<8x3xf16> attributes {opset = "CoreML7", input_names = ["d", "i"]} {
  %a = mil.const dense<-1> : tensor<i32> {name = "a"}
  %g = mil.gather x(%d) indices(%i) axis(%a) {name = "g", outputs = ["g_out"]} : (tensor<8x4xf16>, tensor<3xi16>, tensor<i32>) -> tensor<8x3xf16>
  mil.return %g : tensor<8x3xf16>
}

// -----

// A dynamic size comes from shape + slice_by_index (coremltools' value_at).
// CHECK-LABEL: mil.function @dynamic_size
// CHECK: %[[S:.*]] = mil.shape x(%d) {name = "shape_0"}
// CHECK: %[[V:.*]] = mil.slice_by_index x(%[[S]]) {{.*}} {name = "slice_by_index_0"}
// CHECK: mil.add x(%i) y(%[[V]])
mil.function @dynamic_size(%d: tensor<?x4xf16>, %i: tensor<3xi32>) -> tensor<3x4xf16> attributes {opset = "CoreML7", input_names = ["d", "i"]} {
  %g = mil.gather x(%d) indices(%i) {name = "g"} : (tensor<?x4xf16>, tensor<3xi32>) -> tensor<3x4xf16>
  mil.return %g : tensor<3x4xf16>
}

// -----

// Before iOS17 gather wraps negative indices itself; const and unsigned
// indices are left alone.
// CHECK-LABEL: mil.function @left_alone
// CHECK-NOT: mil.select
// CHECK: mil.gather x(%d) indices(%i) {name = "g1"}
// CHECK: mil.gather x(%d) indices(%c) {name = "g2"}
// CHECK: mil.gather x(%d) indices(%u) {name = "g3"}
mil.function @left_alone(%d: tensor<8x4xf16>, %i: tensor<3xi32>, %u: tensor<3xui16>) -> (tensor<3x4xf16>, tensor<2x4xf16>, tensor<3x4xf16>) attributes {opset = "CoreML6", input_names = ["d", "i", "u"]} {
  %c = mil.const dense<[0, 1]> : tensor<2xi32> {name = "c"}
  %g1 = mil.gather x(%d) indices(%i) {name = "g1"} : (tensor<8x4xf16>, tensor<3xi32>) -> tensor<3x4xf16>
  %g2 = mil.gather x(%d) indices(%c) {name = "g2"} : (tensor<8x4xf16>, tensor<2xi32>) -> tensor<2x4xf16>
  %g3 = mil.gather x(%d) indices(%u) {name = "g3"} : (tensor<8x4xf16>, tensor<3xui16>) -> tensor<3x4xf16>
  mil.return %g1, %g2, %g3 : tensor<3x4xf16>, tensor<2x4xf16>, tensor<3x4xf16>
}

// -----

// Every run adds a guard, also around indices guarded before (coremltools
// does so on each pass through its pipeline).
// TWICE-LABEL: mil.function @guarded_again
// TWICE: %[[S0:.*]] = mil.select {{.*}} {name = "select_0"}
// TWICE: %[[S1:.*]] = mil.select cond({{.*}}) a(%[[S0]]) {{.*}} {name = "select_1"}
// TWICE: mil.gather x(%d) indices(%[[S1]])
mil.function @guarded_again(%d: tensor<8x4xf16>, %i: tensor<3xi32>) -> tensor<3x4xf16> attributes {opset = "CoreML7", input_names = ["d", "i"]} {
  %g = mil.gather x(%d) indices(%i) {name = "g"} : (tensor<8x4xf16>, tensor<3xi32>) -> tensor<3x4xf16>
  mil.return %g : tensor<3x4xf16>
}
