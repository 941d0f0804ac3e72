// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @upsample_int_input(%x: tensor<1x3x4x4xi32>) -> tensor<1x3x4x4xi32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.upsample_nearest_neighbor x(%x) : (tensor<1x3x4x4xi32>) -> tensor<1x3x4x4xi32>
  mil.return %0 : tensor<1x3x4x4xi32>
}

// -----

mil.function @upsample_scale_dtypes(%x: tensor<1x3x4x4xf16>, %h: tensor<i32>, %w: tensor<f32>) -> tensor<1x3x8x8xf16> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'scale_factor_width' must have the element type of 'scale_factor_height' ('i32'), got 'f32'}}
  %0 = mil.upsample_nearest_neighbor x(%x) scale_factor_height(%h) scale_factor_width(%w) : (tensor<1x3x4x4xf16>, tensor<i32>, tensor<f32>) -> tensor<1x3x8x8xf16>
  mil.return %0 : tensor<1x3x8x8xf16>
}

// -----

mil.function @upsample_bilinear_scale_dtypes(%x: tensor<1x3x4x4xf16>, %h: tensor<f32>, %w: tensor<i32>) -> tensor<1x3x8x8xf16> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'scale_factor_width' must have the element type of 'scale_factor_height' ('f32'), got 'i32'}}
  %0 = mil.upsample_bilinear x(%x) scale_factor_height(%h) scale_factor_width(%w) : (tensor<1x3x4x4xf16>, tensor<f32>, tensor<i32>) -> tensor<1x3x8x8xf16>
  mil.return %0 : tensor<1x3x8x8xf16>
}

// -----

mil.function @resize_nn_rank(%x: tensor<4x4xf32>, %h: tensor<i32>, %w: tensor<i32>) -> tensor<8x8xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'x' must have rank >= 3, got 2}}
  %0 = mil.resize_nearest_neighbor x(%x) target_size_height(%h) target_size_width(%w) : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<8x8xf32>
  mil.return %0 : tensor<8x8xf32>
}

// -----

mil.function @resize_bilinear_result_dtype(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x1x1xf16> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.resize_bilinear x(%x) : (tensor<1x3x4x4xf32>) -> tensor<1x3x1x1xf16>
  mil.return %0 : tensor<1x3x1x1xf16>
}

// -----

mil.function @upsample_bilinear_result_rank(%x: tensor<1x3x4x4xf32>) -> tensor<3x8x8xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result must have rank 4, got 3}}
  %0 = mil.upsample_bilinear x(%x) : (tensor<1x3x4x4xf32>) -> tensor<3x8x8xf32>
  mil.return %0 : tensor<3x8x8xf32>
}

// -----

mil.function @crop_leading_dim(%x: tensor<1x3x8x8xf32>, %ch: tensor<2xi32>, %cw: tensor<2xi32>) -> tensor<1x2x6x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result dim 1 (2) must match dim 1 of 'x' (3)}}
  %0 = mil.crop x(%x) crop_height(%ch) crop_width(%cw) : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x2x6x6xf32>
  mil.return %0 : tensor<1x2x6x6xf32>
}

// -----

mil.function @crop_amounts(%x: tensor<1x3x8x8xf32>, %ch: tensor<3xi32>, %cw: tensor<2xi32>) -> tensor<1x3x6x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'crop_height' must have 2 elements, got 3}}
  %0 = mil.crop x(%x) crop_height(%ch) crop_width(%cw) : (tensor<1x3x8x8xf32>, tensor<3xi32>, tensor<2xi32>) -> tensor<1x3x6x6xf32>
  mil.return %0 : tensor<1x3x6x6xf32>
}

// -----

mil.function @crop_resize_no_boxes(%x: tensor<2x3x16x16xf32>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{needs exactly one of input 'roi' (iOS15, iOS16) and input 'boxes' (iOS17+)}}
  %0 = mil.crop_resize x(%x) : (tensor<2x3x16x16xf32>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_indices_with_roi(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>, %i: tensor<5xi32>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'box_indices' needs input 'boxes'}}
  %0 = mil.crop_resize x(%x) roi(%roi) box_indices(%i) : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>, tensor<5xi32>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_x_rank(%x: tensor<3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'x' must have rank 4, got 3}}
  %0 = mil.crop_resize x(%x) roi(%roi) : (tensor<3x16x16xf32>, tensor<5x1x4x1x1xf32>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_roi_rank(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x4xf32>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'roi' must have rank 5, got 2}}
  %0 = mil.crop_resize x(%x) roi(%roi) : (tensor<2x3x16x16xf32>, tensor<5x4xf32>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_roi_dtype(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf16>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'roi' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.crop_resize x(%x) roi(%roi) : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf16>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_pad_value_dtype(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>, %pv: tensor<f16>) -> tensor<5x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'pad_value' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.crop_resize x(%x) roi(%roi) pad_value(%pv) : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>, tensor<f16>) -> tensor<5x2x3x1x1xf32>
  mil.return %0 : tensor<5x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_roi_result_rank(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result must have rank 5, got 4}}
  %0 = mil.crop_resize x(%x) roi(%roi) : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @crop_resize_roi_result_n(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>) -> tensor<4x2x3x1x1xf32> attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result dim 0 (4) must match dim 0 of 'roi' (5)}}
  %0 = mil.crop_resize x(%x) roi(%roi) : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>) -> tensor<4x2x3x1x1xf32>
  mil.return %0 : tensor<4x2x3x1x1xf32>
}

// -----

mil.function @crop_resize_boxes_shape(%x: tensor<2x3x16x16xf32>, %b: tensor<5x5xf32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'boxes' must have size 4 in dim 1, got 5}}
  %0 = mil.crop_resize x(%x) boxes(%b) : (tensor<2x3x16x16xf32>, tensor<5x5xf32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @crop_resize_boxes_rank(%x: tensor<2x3x16x16xf32>, %b: tensor<5x1x4xf32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'boxes' must have rank 2, got 3}}
  %0 = mil.crop_resize x(%x) boxes(%b) : (tensor<2x3x16x16xf32>, tensor<5x1x4xf32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @crop_resize_box_indices_rank(%x: tensor<2x3x16x16xf32>, %b: tensor<5x4xf32>, %i: tensor<5x1xi32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'box_indices' must have rank 1, got 2}}
  %0 = mil.crop_resize x(%x) boxes(%b) box_indices(%i) : (tensor<2x3x16x16xf32>, tensor<5x4xf32>, tensor<5x1xi32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @crop_resize_box_indices_size(%x: tensor<2x3x16x16xf32>, %b: tensor<5x4xf32>, %i: tensor<4xi32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'box_indices' must have size 5 in dim 0, got 4}}
  %0 = mil.crop_resize x(%x) boxes(%b) box_indices(%i) : (tensor<2x3x16x16xf32>, tensor<5x4xf32>, tensor<4xi32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @crop_resize_boxes_result_c(%x: tensor<2x3x16x16xf32>, %b: tensor<5x4xf32>) -> tensor<5x2x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result dim 1 (2) must match dim 1 of 'x' (3)}}
  %0 = mil.crop_resize x(%x) boxes(%b) : (tensor<2x3x16x16xf32>, tensor<5x4xf32>) -> tensor<5x2x1x1xf32>
  mil.return %0 : tensor<5x2x1x1xf32>
}

// -----

mil.function @crop_resize_boxes_dtype(%x: tensor<2x3x16x16xf32>, %b: tensor<5x4xi32>) -> tensor<5x3x1x1xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #1 must be tensor of 16-bit float or 32-bit float or uint16 values, but got 'tensor<5x4xi32>'}}
  %0 = mil.crop_resize x(%x) boxes(%b) : (tensor<2x3x16x16xf32>, tensor<5x4xi32>) -> tensor<5x3x1x1xf32>
  mil.return %0 : tensor<5x3x1x1xf32>
}

// -----

mil.function @affine_matrix_width(%x: tensor<2x3x8x8xf32>, %m: tensor<2x5xf32>, %oh: tensor<i32>, %ow: tensor<i32>,
    %sm: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x4x4xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'transform_matrix' must have size 6 in dim 1, got 5}}
  %0 = mil.affine x(%x) transform_matrix(%m) output_height(%oh) output_width(%ow) sampling_mode(%sm) padding_mode(%sm) padding_value(%pv) coordinates_mode(%sm) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<2x5xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x4x4xf32>
  mil.return %0 : tensor<2x3x4x4xf32>
}

// -----

mil.function @affine_matrix_rank(%x: tensor<2x3x8x8xf32>, %m: tensor<6xf32>, %oh: tensor<i32>, %ow: tensor<i32>,
    %sm: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x4x4xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'transform_matrix' must have rank 2, got 1}}
  %0 = mil.affine x(%x) transform_matrix(%m) output_height(%oh) output_width(%ow) sampling_mode(%sm) padding_mode(%sm) padding_value(%pv) coordinates_mode(%sm) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<6xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x4x4xf32>
  mil.return %0 : tensor<2x3x4x4xf32>
}

// -----

mil.function @affine_padding_value_dtype(%x: tensor<2x3x8x8xf32>, %m: tensor<2x6xf32>, %oh: tensor<i32>, %ow: tensor<i32>,
    %sm: tensor<!mil.string>, %pv: tensor<f16>, %ac: tensor<i1>) -> tensor<2x3x4x4xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'padding_value' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.affine x(%x) transform_matrix(%m) output_height(%oh) output_width(%ow) sampling_mode(%sm) padding_mode(%sm) padding_value(%pv) coordinates_mode(%sm) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<2x6xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f16>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x4x4xf32>
  mil.return %0 : tensor<2x3x4x4xf32>
}

// -----

mil.function @resample_coordinates_batch(%x: tensor<2x3x8x8xf32>, %c: tensor<1x5x6x2xf32>,
    %s: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x5x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'coordinates' must have the batch size of 'x' (2) in dim 0, got 1}}
  %0 = mil.resample x(%x) coordinates(%c) sampling_mode(%s) padding_mode(%s) padding_value(%pv) coordinates_mode(%s) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<1x5x6x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x5x6xf32>
  mil.return %0 : tensor<2x3x5x6xf32>
}

// -----

mil.function @resample_coordinates_pair(%x: tensor<2x3x8x8xf32>, %c: tensor<2x5x6x3xf32>,
    %s: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x5x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'coordinates' must have size 2 in dim 3, got 3}}
  %0 = mil.resample x(%x) coordinates(%c) sampling_mode(%s) padding_mode(%s) padding_value(%pv) coordinates_mode(%s) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<2x5x6x3xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x5x6xf32>
  mil.return %0 : tensor<2x3x5x6xf32>
}

// -----

mil.function @resample_coordinates_rank(%x: tensor<2x3x8x8xf32>, %c: tensor<2x30x2xf32>,
    %s: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x5x6xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'coordinates' must have rank 4, got 3}}
  %0 = mil.resample x(%x) coordinates(%c) sampling_mode(%s) padding_mode(%s) padding_value(%pv) coordinates_mode(%s) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<2x30x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x5x6xf32>
  mil.return %0 : tensor<2x3x5x6xf32>
}

// -----

mil.function @resample_result_hw(%x: tensor<2x3x8x8xf32>, %c: tensor<2x5x6x2xf32>,
    %s: tensor<!mil.string>, %pv: tensor<f32>, %ac: tensor<i1>) -> tensor<2x3x6x5xf32> attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result dim 2 (6) must match dim 1 of 'coordinates' (5)}}
  %0 = mil.resample x(%x) coordinates(%c) sampling_mode(%s) padding_mode(%s) padding_value(%pv) coordinates_mode(%s) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<2x5x6x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x6x5xf32>
  mil.return %0 : tensor<2x3x6x5xf32>
}

// -----

mil.function @resize_shape_rank(%x: tensor<1x2x3x4xf32>, %s: tensor<1x3xi32>, %d: tensor<ui32>) -> tensor<1x2x?x?xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'shape' must have rank 1, got 2}}
  %0 = mil.resize x(%x) shape(%s) resized_dims(%d) : (tensor<1x2x3x4xf32>, tensor<1x3xi32>, tensor<ui32>) -> tensor<1x2x?x?xf32>
  mil.return %0 : tensor<1x2x?x?xf32>
}

// -----

mil.function @resize_shape_size(%x: tensor<3x4xf32>, %s: tensor<3xi32>, %d: tensor<ui32>) -> tensor<?x?xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'shape' must have at most rank(x) (2) elements, got 3}}
  %0 = mil.resize x(%x) shape(%s) resized_dims(%d) : (tensor<3x4xf32>, tensor<3xi32>, tensor<ui32>) -> tensor<?x?xf32>
  mil.return %0 : tensor<?x?xf32>
}

// -----

mil.function @resize_result_rank(%x: tensor<1x2x3x4xf32>, %s: tensor<2xi32>, %d: tensor<ui32>) -> tensor<?x?xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result must have rank 4, got 2}}
  %0 = mil.resize x(%x) shape(%s) resized_dims(%d) : (tensor<1x2x3x4xf32>, tensor<2xi32>, tensor<ui32>) -> tensor<?x?xf32>
  mil.return %0 : tensor<?x?xf32>
}

// -----

mil.function @resize_dims_dtype(%x: tensor<1x2x3x4xf32>, %s: tensor<2xi32>, %d: tensor<i32>) -> tensor<1x2x?x?xf32> attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #2 must be 0D tensor of uint32 values, but got 'tensor<i32>'}}
  %0 = mil.resize x(%x) shape(%s) resized_dims(%d) : (tensor<1x2x3x4xf32>, tensor<2xi32>, tensor<i32>) -> tensor<1x2x?x?xf32>
  mil.return %0 : tensor<1x2x?x?xf32>
}
