// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @pad_int_x(%x: tensor<2x3xi32>, %p: tensor<4xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xi32>, tensor<4xi32>) -> tensor<4x5xi32>
  mil.return
}

// -----

mil.function @topk_bool_x(%x: tensor<4xi1>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of}}
  %0:2 = mil.topk x(%x) : (tensor<4xi1>) -> (tensor<1xi1>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @topk_f32_indices(%x: tensor<4xf32>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result #1 must be tensor of int32 or uint16 values, but got 'tensor<1xf32>'}}
  %0:2 = mil.topk x(%x) : (tensor<4xf32>) -> (tensor<1xf32>, tensor<1xf32>)
  mil.return
}

// -----

mil.function @cumsum_tensor_axis(%x: tensor<4xf32>, %a: tensor<1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #1 must be 0D tensor of int32 values, but got 'tensor<1xi32>'}}
  %0 = mil.cumsum x(%x) axis(%a) : (tensor<4xf32>, tensor<1xi32>) -> tensor<4xf32>
  mil.return
}

// -----

mil.function @band_part_output_elem(%x: tensor<4x4xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.band_part x(%x) : (tensor<4x4xf32>) -> tensor<4x4xf16>
  mil.return
}

// -----

mil.function @cumsum_output_shape(%x: tensor<3x5xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x' ([3, 5]), got [3, 4]}}
  %0 = mil.cumsum x(%x) : (tensor<3x5xf32>) -> tensor<3x4xf32>
  mil.return
}

// -----

mil.function @identity_list_type() attributes {opset = "CoreML5"} {
  %l = mil.generic "make_list" : () -> !mil.list<tensor<2xf32>>
  // expected-error @+1 {{result 'output' must have the type of 'x' ('!mil.list<tensor<2xf32>>'), got '!mil.list<tensor<3xf32>>'}}
  %0 = mil.identity x(%l) : (!mil.list<tensor<2xf32>>) -> !mil.list<tensor<3xf32>>
  mil.return
}

// -----

mil.function @fill_shape_rank(%s: tensor<1x3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'shape' must have rank 1, got 2}}
  %0 = mil.fill shape(%s) : (tensor<1x3xi32>) -> tensor<?x?x?xf32>
  mil.return
}

// -----

mil.function @fill_value_elem(%s: tensor<3xi32>, %v: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'value' ('i32'), got 'f32'}}
  %0 = mil.fill shape(%s) value(%v) : (tensor<3xi32>, tensor<i32>) -> tensor<?x?x?xf32>
  mil.return
}

// -----

mil.function @fill_output_rank(%s: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 3 (the length of 'shape'), got 2}}
  %0 = mil.fill shape(%s) : (tensor<3xi32>) -> tensor<?x?xf32>
  mil.return
}

// -----

mil.function @fill_like_value_elem(%r: tensor<2x3xf32>, %v: tensor<i1>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have the element type of 'value' ('i1'), got 'f32'}}
  %0 = mil.fill_like ref_tensor(%r) value(%v) : (tensor<2x3xf32>, tensor<i1>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @fill_like_shape(%r: tensor<2x3xf32>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have the shape of 'ref_tensor' ([2, 3]), got [3, 2]}}
  %0 = mil.fill_like ref_tensor(%r) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  mil.return
}

// -----

mil.function @nms_boxes_rank(%b: tensor<100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'boxes' must have rank 3, got 2}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_scores_rank(%b: tensor<1x100x4xf32>, %s: tensor<100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'scores' must have rank 3, got 2}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_scores_elem(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf16>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'scores' must have the element type of 'boxes' ('f32'), got 'f16'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf16>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf16>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_iou_elem(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f16>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'iou_threshold' must have the element type of 'boxes' ('f32'), got 'f16'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f16>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_score_threshold_elem(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f16>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'score_threshold' must have the element type of 'boxes' ('f32'), got 'f16'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f16>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_ios15_missing_count(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{with input 'score_threshold' (iOS15 form) must have the result 'num_boxes'}}
  %0:3 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>)
  mil.return
}

// -----

mil.function @nms_ios17_extra_count(%b: tensor<1x4x100xf32>, %s: tensor<1x3x100xf32>, %iou: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{without input 'score_threshold' (iOS17 form) must not have the result 'num_boxes'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) max_boxes(%mb) : (tensor<1x4x100xf32>, tensor<1x3x100xf32>, tensor<f32>, tensor<i32>) -> (tensor<1x4x10xf32>, tensor<1x3x10xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_ios15_coords(%b: tensor<1x4x100xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'boxes' must have size 4 in dimension 2 ([n, B, 4]), got 100}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x4x100xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_ios17_coords(%b: tensor<1x100x4xf32>, %s: tensor<1x3x100xf32>, %iou: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'boxes' must have size 4 in dimension 1 ([n, 4, B]), got 100}}
  %0:3 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x3x100xf32>, tensor<f32>, tensor<i32>) -> (tensor<1x4x10xf32>, tensor<1x3x10xf32>, tensor<1x10xi32>)
  mil.return
}

// -----

mil.function @nms_selected_boxes_elem(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'selected_boxes' must have the element type of 'boxes' ('f32'), got 'f16'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf16>, tensor<1x10x3xf32>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @nms_selected_scores_elem(%b: tensor<1x100x4xf32>, %s: tensor<1x100x3xf32>, %iou: tensor<f32>, %st: tensor<f32>, %mb: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'selected_scores' must have the element type of 'scores' ('f32'), got 'f16'}}
  %0:4 = mil.non_maximum_suppression boxes(%b) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) : (tensor<1x100x4xf32>, tensor<1x100x3xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x10x4xf32>, tensor<1x10x3xf16>, tensor<1x10xi32>, tensor<1xi32>)
  mil.return
}

// -----

mil.function @non_zero_rank(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2, got 1}}
  %0 = mil.non_zero x(%x) : (tensor<2x3xf32>) -> tensor<?xi32>
  mil.return
}

// -----

mil.function @non_zero_dim1(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have size rank(x) = 2 in dimension 1, got 3}}
  %0 = mil.non_zero x(%x) : (tensor<2x3xf32>) -> tensor<?x3xi32>
  mil.return
}

// -----

mil.function @one_hot_on_off(%i: tensor<4xi32>, %n: tensor<i32>, %on: tensor<f32>, %off: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'off_value' must have the element type of 'on_value' ('f32'), got 'i32'}}
  %0 = mil.one_hot indices(%i) one_hot_vector_size(%n) on_value(%on) off_value(%off) : (tensor<4xi32>, tensor<i32>, tensor<f32>, tensor<i32>) -> tensor<4x?xf32>
  mil.return
}

// -----

mil.function @one_hot_output_on(%i: tensor<4xi32>, %n: tensor<i32>, %on: tensor<f32>, %off: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'on_value' ('f32'), got 'i32'}}
  %0 = mil.one_hot indices(%i) one_hot_vector_size(%n) on_value(%on) : (tensor<4xi32>, tensor<i32>, tensor<f32>) -> tensor<4x?xi32>
  mil.return
}

// -----

mil.function @one_hot_output_off(%i: tensor<4xi32>, %n: tensor<i32>, %on: tensor<f32>, %off: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'off_value' ('i32'), got 'f32'}}
  %0 = mil.one_hot indices(%i) one_hot_vector_size(%n) off_value(%off) : (tensor<4xi32>, tensor<i32>, tensor<i32>) -> tensor<4x?xf32>
  mil.return
}

// -----

mil.function @one_hot_output_rank(%i: tensor<4xi32>, %n: tensor<i32>, %on: tensor<f32>, %off: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(indices) + 1), got 1}}
  %0 = mil.one_hot indices(%i) one_hot_vector_size(%n) : (tensor<4xi32>, tensor<i32>) -> tensor<?xf32>
  mil.return
}

// -----

mil.function @pad_pad_rank(%x: tensor<2x3xf32>, %p: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'pad' must have rank 1, got 2}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xf32>, tensor<2x2xi32>) -> tensor<4x5xf32>
  mil.return
}

// -----

mil.function @pad_pad_odd(%x: tensor<2x3xf32>, %p: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'pad' must have an even length of at most 2 * rank(x) = 4, got 3}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<4x5xf32>
  mil.return
}

// -----

mil.function @pad_pad_long(%x: tensor<2x3xf32>, %p: tensor<6xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'pad' must have an even length of at most 2 * rank(x) = 4, got 6}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xf32>, tensor<6xi32>) -> tensor<4x5xf32>
  mil.return
}

// -----

mil.function @pad_constant_val(%x: tensor<2x3xf32>, %p: tensor<4xi32>, %c: tensor<f16>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'constant_val' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.pad x(%x) pad(%p) constant_val(%c) : (tensor<2x3xf32>, tensor<4xi32>, tensor<f16>) -> tensor<4x5xf32>
  mil.return
}

// -----

mil.function @pad_output_elem(%x: tensor<2x3xf32>, %p: tensor<4xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<4x5xf16>
  mil.return
}

// -----

mil.function @pad_output_rank(%x: tensor<2x3xf32>, %p: tensor<4xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(x)), got 1}}
  %0 = mil.pad x(%x) pad(%p) : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<20xf32>
  mil.return
}

// -----

mil.function @range_start(%e: tensor<f32>, %s: tensor<i32>, %st: tensor<f32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'start' must have the element type of 'end' ('f32'), got 'i32'}}
  %0 = mil.range_1d end(%e) start(%s) step(%st) : (tensor<f32>, tensor<i32>, tensor<f32>) -> tensor<?xf32>
  mil.return
}

// -----

mil.function @range_step(%e: tensor<f32>, %s: tensor<f32>, %st: tensor<f16>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'step' must have the element type of 'end' ('f32'), got 'f16'}}
  %0 = mil.range_1d end(%e) start(%s) step(%st) : (tensor<f32>, tensor<f32>, tensor<f16>) -> tensor<?xf32>
  mil.return
}

// -----

mil.function @range_output_elem(%e: tensor<f32>, %s: tensor<f32>, %st: tensor<f32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'end' ('f32'), got 'i32'}}
  %0 = mil.range_1d end(%e) start(%s) step(%st) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xi32>
  mil.return
}

// -----

mil.function @range_output_rank(%e: tensor<f32>, %s: tensor<f32>, %st: tensor<f32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 1, got 2}}
  %0 = mil.range_1d end(%e) start(%s) step(%st) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?x1xf32>
  mil.return
}

// -----

mil.function @tile_reps_rank(%x: tensor<2x3xf32>, %r: tensor<1x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'reps' must have rank 1, got 2}}
  %0 = mil.tile x(%x) reps(%r) : (tensor<2x3xf32>, tensor<1x2xi32>) -> tensor<?x?xf32>
  mil.return
}

// -----

mil.function @tile_reps_length(%x: tensor<2x3xf32>, %r: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'reps' must have length rank(x) = 2, got 3}}
  %0 = mil.tile x(%x) reps(%r) : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  mil.return
}

// -----

mil.function @tile_output_elem(%x: tensor<2x3xf32>, %r: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i1'}}
  %0 = mil.tile x(%x) reps(%r) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?x?xi1>
  mil.return
}

// -----

mil.function @tile_output_rank(%x: tensor<2x3xf32>, %r: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(x)), got 1}}
  %0 = mil.tile x(%x) reps(%r) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?xf32>
  mil.return
}

// -----

mil.function @argsort_shape(%x: tensor<2x5xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x' ([2, 5]), got [2, 4]}}
  %0 = mil.argsort x(%x) : (tensor<2x5xf32>) -> tensor<2x4xi32>
  mil.return
}

// -----

mil.function @topk_values_elem(%x: tensor<2x5xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'values' must have the element type of 'x' ('f32'), got 'f16'}}
  %0:2 = mil.topk x(%x) : (tensor<2x5xf32>) -> (tensor<2x1xf16>, tensor<2x1xi32>)
  mil.return
}

// -----

mil.function @topk_values_rank(%x: tensor<2x5xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'values' must have rank 2 (rank(x)), got 1}}
  %0:2 = mil.topk x(%x) : (tensor<2x5xf32>) -> (tensor<2xf32>, tensor<2xi32>)
  mil.return
}

// -----

mil.function @topk_indices_shape(%x: tensor<2x5xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'indices' must have the shape of 'values' ([2, 1]), got [2, 2]}}
  %0:2 = mil.topk x(%x) : (tensor<2x5xf32>) -> (tensor<2x1xf32>, tensor<2x2xi32>)
  mil.return
}

// -----

mil.function @flatten2d_elem(%x: tensor<2x3x4xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i32'}}
  %0 = mil.flatten2d x(%x) : (tensor<2x3x4xf32>) -> tensor<2x12xi32>
  mil.return
}

// -----

mil.function @flatten2d_rank(%x: tensor<2x3x4xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2, got 1}}
  %0 = mil.flatten2d x(%x) : (tensor<2x3x4xf32>) -> tensor<24xf32>
  mil.return
}

// -----

mil.function @flatten2d_count(%x: tensor<2x3x4xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (24), got 20}}
  %0 = mil.flatten2d x(%x) : (tensor<2x3x4xf32>) -> tensor<2x10xf32>
  mil.return
}

// -----

mil.function @shape_rank(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 1, got 2}}
  %0 = mil.shape x(%x) : (tensor<2x3xf32>) -> tensor<1x2xi32>
  mil.return
}

// -----

mil.function @shape_length(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have length rank(x) = 2, got 3}}
  %0 = mil.shape x(%x) : (tensor<2x3xf32>) -> tensor<3xi32>
  mil.return
}

// -----

mil.function @concat_empty(%a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' must hold at least one tensor}}
  %0 = mil.concat values() axis(%a) : (tensor<i32>) -> tensor<2xf32>
  mil.return
}

// -----

mil.function @concat_elem(%a: tensor<3x2xf32>, %b: tensor<3x2xf16>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' #1 must have the element type of 'values' #0 ('f32'), got 'f16'}}
  %0 = mil.concat values(%a, %b) axis(%ax) : (tensor<3x2xf32>, tensor<3x2xf16>, tensor<i32>) -> tensor<3x4xf32>
  mil.return
}

// -----

mil.function @concat_rank(%a: tensor<3x2xf32>, %b: tensor<6xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' #1 must have rank 2 like the other values, got 1}}
  %0 = mil.concat values(%a, %b) axis(%ax) : (tensor<3x2xf32>, tensor<6xf32>, tensor<i32>) -> tensor<3x4xf32>
  mil.return
}

// -----

mil.function @concat_output_elem(%a: tensor<3x2xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'values' ('f32'), got 'f16'}}
  %0 = mil.concat values(%a, %a) axis(%ax) : (tensor<3x2xf32>, tensor<3x2xf32>, tensor<i32>) -> tensor<3x4xf16>
  mil.return
}

// -----

mil.function @concat_output_rank(%a: tensor<f32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 1 (the rank of 'values'), got 0}}
  %0 = mil.concat values(%a, %a) axis(%ax) : (tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<f32>
  mil.return
}

// -----

mil.function @split_no_sizes(%x: tensor<6xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{requires input 'num_splits' or input 'split_sizes'}}
  %0:2 = mil.split x(%x) axis(%ax) : (tensor<6xf32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xf32>)
  mil.return
}

// -----

mil.function @split_sizes_rank(%x: tensor<6xf32>, %s: tensor<1x2xi32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'split_sizes' must have rank 1, got 2}}
  %0:2 = mil.split x(%x) split_sizes(%s) axis(%ax) : (tensor<6xf32>, tensor<1x2xi32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xf32>)
  mil.return
}

// -----

mil.function @split_sizes_count(%x: tensor<6xf32>, %s: tensor<3xi32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{must have one result per entry of input 'split_sizes' (3), got 2}}
  %0:2 = mil.split x(%x) split_sizes(%s) axis(%ax) : (tensor<6xf32>, tensor<3xi32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xf32>)
  mil.return
}

// -----

mil.function @split_result_elem(%x: tensor<6xf32>, %n: tensor<i32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'outputs' must have the element type of 'x' ('f32'), got 'i32'}}
  %0:2 = mil.split x(%x) num_splits(%n) axis(%ax) : (tensor<6xf32>, tensor<i32>, tensor<i32>) -> (tensor<3xf32>, tensor<3xi32>)
  mil.return
}

// -----

mil.function @split_result_rank(%x: tensor<6xf32>, %n: tensor<i32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'outputs' must have rank 1 (rank(x)), got 2}}
  %0:2 = mil.split x(%x) num_splits(%n) axis(%ax) : (tensor<6xf32>, tensor<i32>, tensor<i32>) -> (tensor<3xf32>, tensor<3x1xf32>)
  mil.return
}

// -----

mil.function @stack_empty(%a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' must hold at least one tensor}}
  %0 = mil.stack values() axis(%a) : (tensor<i32>) -> tensor<2xf32>
  mil.return
}

// -----

mil.function @stack_elem(%a: tensor<2xf32>, %b: tensor<2xi32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' #1 must have the element type of 'values' #0 ('f32'), got 'i32'}}
  %0 = mil.stack values(%a, %b) axis(%ax) : (tensor<2xf32>, tensor<2xi32>, tensor<i32>) -> tensor<2x2xf32>
  mil.return
}

// -----

mil.function @stack_shape(%a: tensor<2xf32>, %b: tensor<3xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'values' #1 must have the shape of 'values' #0 ([2]), got [3]}}
  %0 = mil.stack values(%a, %b) axis(%ax) : (tensor<2xf32>, tensor<3xf32>, tensor<i32>) -> tensor<2x2xf32>
  mil.return
}

// -----

mil.function @stack_output_elem(%a: tensor<2xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'values' ('f32'), got 'f16'}}
  %0 = mil.stack values(%a, %a) axis(%ax) : (tensor<2xf32>, tensor<2xf32>, tensor<i32>) -> tensor<2x2xf16>
  mil.return
}

// -----

mil.function @stack_output_rank(%a: tensor<2xf32>, %ax: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (the rank of 'values' + 1), got 1}}
  %0 = mil.stack values(%a, %a) axis(%ax) : (tensor<2xf32>, tensor<2xf32>, tensor<i32>) -> tensor<4xf32>
  mil.return
}

