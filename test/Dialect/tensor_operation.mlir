// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @band_part
mil.function @band_part(%x: tensor<2x4x4xf32>, %lo: tensor<i32>, %hi: tensor<i32>, %b: tensor<3x3xi1>)
    -> (tensor<2x4x4xf32>, tensor<3x3xi1>) attributes {opset = "CoreML5"} {
  // CHECK: mil.band_part x(%{{.*}}) lower(%{{.*}}) upper(%{{.*}}) {name = "bp"} : (tensor<2x4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4x4xf32>
  %0 = mil.band_part x(%x) lower(%lo) upper(%hi) {name = "bp"} : (tensor<2x4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4x4xf32>
  // CHECK: mil.band_part x(%{{.*}}) : (tensor<3x3xi1>) -> tensor<3x3xi1>
  %1 = mil.band_part x(%b) : (tensor<3x3xi1>) -> tensor<3x3xi1>
  mil.return %0, %1 : tensor<2x4x4xf32>, tensor<3x3xi1>
}

// -----

// CHECK-LABEL: mil.function @cumsum
mil.function @cumsum(%x: tensor<3x5xi32>, %a: tensor<i32>, %e: tensor<i1>, %r: tensor<i1>) -> tensor<3x5xi32>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.cumsum x(%{{.*}}) axis(%{{.*}}) exclusive(%{{.*}}) reverse(%{{.*}}) : (tensor<3x5xi32>, tensor<i32>, tensor<i1>, tensor<i1>) -> tensor<3x5xi32>
  %0 = mil.cumsum x(%x) axis(%a) exclusive(%e) reverse(%r) : (tensor<3x5xi32>, tensor<i32>, tensor<i1>, tensor<i1>) -> tensor<3x5xi32>
  mil.return %0 : tensor<3x5xi32>
}

// -----

// CHECK-LABEL: mil.function @fill_and_fill_like
mil.function @fill_and_fill_like(%s: tensor<3xi32>, %v: tensor<f16>, %ref: tensor<2x?xf32>, %b: tensor<i1>)
    -> (tensor<?x?x?xf16>, tensor<?x?x?xf32>, tensor<2x?xi1>) attributes {opset = "CoreML6"} {
  // CHECK: mil.fill shape(%{{.*}}) value(%{{.*}}) : (tensor<3xi32>, tensor<f16>) -> tensor<?x?x?xf16>
  %0 = mil.fill shape(%s) value(%v) : (tensor<3xi32>, tensor<f16>) -> tensor<?x?x?xf16>
  // CHECK: mil.fill shape(%{{.*}}) : (tensor<3xi32>) -> tensor<?x?x?xf32>
  %1 = mil.fill shape(%s) : (tensor<3xi32>) -> tensor<?x?x?xf32>
  // CHECK: mil.fill_like ref_tensor(%{{.*}}) value(%{{.*}}) : (tensor<2x?xf32>, tensor<i1>) -> tensor<2x?xi1>
  %2 = mil.fill_like ref_tensor(%ref) value(%b) : (tensor<2x?xf32>, tensor<i1>) -> tensor<2x?xi1>
  mil.return %0, %1, %2 : tensor<?x?x?xf16>, tensor<?x?x?xf32>, tensor<2x?xi1>
}

// -----

// iOS15 form: score_threshold and four outputs.
// CHECK-LABEL: mil.function @nms_ios15
mil.function @nms_ios15(%boxes: tensor<1x100x4xf32>, %scores: tensor<1x100x3xf32>, %iou: tensor<f32>,
    %st: tensor<f32>, %mb: tensor<i32>, %pc: tensor<i1>)
    -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>) attributes {opset = "CoreML5"} {
  // CHECK: %nms_0, %nms_1, %nms_2, %nms_3 = mil.non_maximum_suppression boxes(%{{.*}}) scores(%{{.*}}) iou_threshold(%{{.*}}) score_threshold(%{{.*}}) max_boxes(%{{.*}}) per_class_suppression(%{{.*}}) {name = "nms"}
  %0:4 = mil.non_maximum_suppression boxes(%boxes) scores(%scores) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) per_class_suppression(%pc) {name = "nms"}
      : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>, tensor<i1>)
      -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return %0#0, %0#1, %0#2, %0#3 : tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>
}

// -----

// iOS17 form: no score_threshold, three outputs, boxes last.
// CHECK-LABEL: mil.function @nms_ios17
mil.function @nms_ios17(%boxes: tensor<1x4x100xf16>, %scores: tensor<1x3x100xf16>, %iou: tensor<f16>, %mb: tensor<i32>)
    -> (tensor<1x4x10xf16>, tensor<1x3x10xf16>, tensor<1x10xi32>) attributes {opset = "CoreML7"} {
  // CHECK: %{{.*}}:3 = mil.non_maximum_suppression boxes(%{{.*}}) scores(%{{.*}}) iou_threshold(%{{.*}}) max_boxes(%{{.*}}) :
  %0:3 = mil.non_maximum_suppression boxes(%boxes) scores(%scores) iou_threshold(%iou) max_boxes(%mb)
      : (tensor<1x4x100xf16>, tensor<1x3x100xf16>, tensor<f16>, tensor<i32>)
      -> (tensor<1x4x10xf16>, tensor<1x3x10xf16>, tensor<1x10xi32>)
  mil.return %0#0, %0#1, %0#2 : tensor<1x4x10xf16>, tensor<1x3x10xf16>, tensor<1x10xi32>
}

// -----

// CHECK-LABEL: mil.function @non_zero_and_shape
mil.function @non_zero_and_shape(%x: tensor<2x3x4xi1>) -> (tensor<?x3xi32>, tensor<3xi32>)
    attributes {opset = "CoreML5"} {
  // CHECK: mil.non_zero x(%{{.*}}) : (tensor<2x3x4xi1>) -> tensor<?x3xi32>
  %0 = mil.non_zero x(%x) : (tensor<2x3x4xi1>) -> tensor<?x3xi32>
  // CHECK: mil.shape x(%{{.*}}) : (tensor<2x3x4xi1>) -> tensor<3xi32>
  %1 = mil.shape x(%x) : (tensor<2x3x4xi1>) -> tensor<3xi32>
  mil.return %0, %1 : tensor<?x3xi32>, tensor<3xi32>
}

// -----

// CHECK-LABEL: mil.function @one_hot
mil.function @one_hot(%i: tensor<4xi32>, %n: tensor<i32>, %a: tensor<i32>, %on: tensor<f32>, %off: tensor<f32>)
    -> tensor<4x?xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.one_hot indices(%{{.*}}) one_hot_vector_size(%{{.*}}) axis(%{{.*}}) on_value(%{{.*}}) off_value(%{{.*}}) : (tensor<4xi32>, tensor<i32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<4x?xf32>
  %0 = mil.one_hot indices(%i) one_hot_vector_size(%n) axis(%a) on_value(%on) off_value(%off)
      : (tensor<4xi32>, tensor<i32>, tensor<i32>, tensor<f32>, tensor<f32>) -> tensor<4x?xf32>
  mil.return %0 : tensor<4x?xf32>
}

// -----

// CHECK-LABEL: mil.function @pad
mil.function @pad(%x: tensor<1x3x8x8xf16>, %p: tensor<4xi32>, %m: tensor<!mil.string>, %c: tensor<f16>)
    -> (tensor<1x3x10x10xf16>, tensor<1x3x?x?xf16>) attributes {opset = "CoreML8"} {
  // CHECK: mil.pad x(%{{.*}}) pad(%{{.*}}) mode(%{{.*}}) constant_val(%{{.*}}) : (tensor<1x3x8x8xf16>, tensor<4xi32>, tensor<!mil.string>, tensor<f16>) -> tensor<1x3x10x10xf16>
  %0 = mil.pad x(%x) pad(%p) mode(%m) constant_val(%c) : (tensor<1x3x8x8xf16>, tensor<4xi32>, tensor<!mil.string>, tensor<f16>) -> tensor<1x3x10x10xf16>
  // CHECK: mil.pad x(%{{.*}}) pad(%{{.*}}) : (tensor<1x3x8x8xf16>, tensor<4xi32>) -> tensor<1x3x?x?xf16>
  %1 = mil.pad x(%x) pad(%p) : (tensor<1x3x8x8xf16>, tensor<4xi32>) -> tensor<1x3x?x?xf16>
  mil.return %0, %1 : tensor<1x3x10x10xf16>, tensor<1x3x?x?xf16>
}

// -----

// CHECK-LABEL: mil.function @range_1d
mil.function @range_1d(%e: tensor<i32>, %s: tensor<i32>, %st: tensor<i32>) -> tensor<?xi32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.range_1d end(%{{.*}}) start(%{{.*}}) step(%{{.*}}) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  %0 = mil.range_1d end(%e) start(%s) step(%st) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  mil.return %0 : tensor<?xi32>
}

// -----

// CHECK-LABEL: mil.function @tile
mil.function @tile(%x: tensor<2x3xf32>, %r: tensor<2xi32>) -> tensor<4x9xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.tile x(%{{.*}}) reps(%{{.*}}) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x9xf32>
  %0 = mil.tile x(%x) reps(%r) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<4x9xf32>
  mil.return %0 : tensor<4x9xf32>
}

// -----

// CHECK-LABEL: mil.function @argsort
mil.function @argsort(%x: tensor<2x5xf16>, %a: tensor<i32>, %asc: tensor<i1>) -> tensor<2x5xi32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.argsort x(%{{.*}}) axis(%{{.*}}) ascending(%{{.*}}) : (tensor<2x5xf16>, tensor<i32>, tensor<i1>) -> tensor<2x5xi32>
  %0 = mil.argsort x(%x) axis(%a) ascending(%asc) : (tensor<2x5xf16>, tensor<i32>, tensor<i1>) -> tensor<2x5xi32>
  mil.return %0 : tensor<2x5xi32>
}

// -----

// iOS15 topk, and the iOS17 form returning uint16 indices, and values only.
// CHECK-LABEL: mil.function @topk
mil.function @topk(%x: tensor<2x10xf32>, %k: tensor<i32>, %a: tensor<i32>, %q: tensor<2x10xui8>, %k8: tensor<i8>,
    %t: tensor<i1>, %f: tensor<i1>, %dt: tensor<!mil.string>)
    -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x4xui8>, tensor<2x4xui16>, tensor<2x4xui8>) attributes {opset = "CoreML7"} {
  // CHECK: %{{.*}}:2 = mil.topk x(%{{.*}}) k(%{{.*}}) axis(%{{.*}}) : (tensor<2x10xf32>, tensor<i32>, tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  %0:2 = mil.topk x(%x) k(%k) axis(%a) : (tensor<2x10xf32>, tensor<i32>, tensor<i32>) -> (tensor<2x3xf32>, tensor<2x3xi32>)
  // CHECK: %{{.*}}:2 = mil.topk x(%{{.*}}) k(%{{.*}}) axis(%{{.*}}) ascending(%{{.*}}) sort(%{{.*}}) return_indices(%{{.*}}) output_indices_dtype(%{{.*}}) :
  %1:2 = mil.topk x(%q) k(%k8) axis(%a) ascending(%t) sort(%t) return_indices(%t) output_indices_dtype(%dt)
      : (tensor<2x10xui8>, tensor<i8>, tensor<i32>, tensor<i1>, tensor<i1>, tensor<i1>, tensor<!mil.string>) -> (tensor<2x4xui8>, tensor<2x4xui16>)
  // CHECK: mil.topk x(%{{.*}}) k(%{{.*}}) return_indices(%{{.*}}) : (tensor<2x10xui8>, tensor<i8>, tensor<i1>) -> tensor<2x4xui8>
  %2 = mil.topk x(%q) k(%k8) return_indices(%f) : (tensor<2x10xui8>, tensor<i8>, tensor<i1>) -> tensor<2x4xui8>
  mil.return %0#0, %0#1, %1#0, %1#1, %2 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x4xui8>, tensor<2x4xui16>, tensor<2x4xui8>
}

// -----

// CHECK-LABEL: mil.function @flatten2d
mil.function @flatten2d(%x: tensor<2x3x4xf32>, %a: tensor<i32>) -> tensor<2x12xf32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.flatten2d x(%{{.*}}) axis(%{{.*}}) : (tensor<2x3x4xf32>, tensor<i32>) -> tensor<2x12xf32>
  %0 = mil.flatten2d x(%x) axis(%a) : (tensor<2x3x4xf32>, tensor<i32>) -> tensor<2x12xf32>
  mil.return %0 : tensor<2x12xf32>
}

// -----

// CHECK-LABEL: mil.function @concat
mil.function @concat(%a: tensor<3x2xf32>, %b: tensor<3x4xf32>, %ax: tensor<i32>, %il: tensor<i1>, %s: tensor<i32>)
    -> (tensor<3x6xf32>, tensor<6x2xf32>, tensor<2xi32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.concat values(%{{.*}}, %{{.*}}) axis(%{{.*}}) : (tensor<3x2xf32>, tensor<3x4xf32>, tensor<i32>) -> tensor<3x6xf32>
  %0 = mil.concat values(%a, %b) axis(%ax) : (tensor<3x2xf32>, tensor<3x4xf32>, tensor<i32>) -> tensor<3x6xf32>
  // CHECK: mil.concat values(%{{.*}}, %{{.*}}) axis(%{{.*}}) interleave(%{{.*}}) : (tensor<3x2xf32>, tensor<3x2xf32>, tensor<i32>, tensor<i1>) -> tensor<6x2xf32>
  %1 = mil.concat values(%a, %a) axis(%ax) interleave(%il) : (tensor<3x2xf32>, tensor<3x2xf32>, tensor<i32>, tensor<i1>) -> tensor<6x2xf32>
  // CHECK: mil.concat values(%{{.*}}, %{{.*}}) axis(%{{.*}}) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<2xi32>
  %2 = mil.concat values(%s, %s) axis(%ax) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<2xi32>
  mil.return %0, %1, %2 : tensor<3x6xf32>, tensor<6x2xf32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: mil.function @split
mil.function @split(%x: tensor<6x4xf16>, %n: tensor<i32>, %sz: tensor<2xi32>, %ax: tensor<i32>)
    -> (tensor<2x4xf16>, tensor<4x4xf16>) attributes {opset = "CoreML5"} {
  // CHECK: %{{.*}}:3 = mil.split x(%{{.*}}) num_splits(%{{.*}}) axis(%{{.*}}) : (tensor<6x4xf16>, tensor<i32>, tensor<i32>) -> (tensor<2x4xf16>, tensor<2x4xf16>, tensor<2x4xf16>)
  %0:3 = mil.split x(%x) num_splits(%n) axis(%ax) : (tensor<6x4xf16>, tensor<i32>, tensor<i32>) -> (tensor<2x4xf16>, tensor<2x4xf16>, tensor<2x4xf16>)
  // CHECK: %{{.*}}:2 = mil.split x(%{{.*}}) split_sizes(%{{.*}}) axis(%{{.*}}) : (tensor<6x4xf16>, tensor<2xi32>, tensor<i32>) -> (tensor<2x4xf16>, tensor<4x4xf16>)
  %1:2 = mil.split x(%x) split_sizes(%sz) axis(%ax) : (tensor<6x4xf16>, tensor<2xi32>, tensor<i32>) -> (tensor<2x4xf16>, tensor<4x4xf16>)
  mil.return %1#0, %1#1 : tensor<2x4xf16>, tensor<4x4xf16>
}

// -----

// CHECK-LABEL: mil.function @stack
mil.function @stack(%a: tensor<3x2xi32>, %b: tensor<3x?xi32>, %ax: tensor<i32>) -> tensor<3x2x2xi32>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.stack values(%{{.*}}, %{{.*}}) axis(%{{.*}}) : (tensor<3x2xi32>, tensor<3x?xi32>, tensor<i32>) -> tensor<3x2x2xi32>
  %0 = mil.stack values(%a, %b) axis(%ax) : (tensor<3x2xi32>, tensor<3x?xi32>, tensor<i32>) -> tensor<3x2x2xi32>
  mil.return %0 : tensor<3x2x2xi32>
}

// -----

// CHECK-LABEL: mil.function @identity
mil.function @identity(%x: tensor<2xf32>) -> tensor<2xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.identity x(%{{.*}}) : (tensor<2xf32>) -> tensor<2xf32>
  %0 = mil.identity x(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // CHECK: mil.identity x(%{{.*}}) : (!mil.list<tensor<2xf32>>) -> !mil.list<tensor<2xf32>>
  %1 = mil.identity x(%l) : (!mil.list<tensor<2xf32>>) -> !mil.list<tensor<2xf32>>
  mil.return %0 : tensor<2xf32>
}
