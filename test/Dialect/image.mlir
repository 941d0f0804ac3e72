// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @upsample_nearest_neighbor
mil.function @upsample_nearest_neighbor(%x: tensor<1x3x4x4xf16>, %h: tensor<i32>, %w: tensor<i32>)
    -> (tensor<1x3x8x8xf16>, tensor<1x3x4x4xf16>) attributes {opset = "CoreML5"} {
  // CHECK: mil.upsample_nearest_neighbor x(%{{.*}}) scale_factor_height(%{{.*}}) scale_factor_width(%{{.*}}) {name = "u"} : (tensor<1x3x4x4xf16>, tensor<i32>, tensor<i32>) -> tensor<1x3x8x8xf16>
  %0 = mil.upsample_nearest_neighbor x(%x) scale_factor_height(%h) scale_factor_width(%w) {name = "u"}
      : (tensor<1x3x4x4xf16>, tensor<i32>, tensor<i32>) -> tensor<1x3x8x8xf16>
  // CHECK: mil.upsample_nearest_neighbor x(%{{.*}}) : (tensor<1x3x4x4xf16>) -> tensor<1x3x4x4xf16>
  %1 = mil.upsample_nearest_neighbor x(%x) : (tensor<1x3x4x4xf16>) -> tensor<1x3x4x4xf16>
  mil.return %0, %1 : tensor<1x3x8x8xf16>, tensor<1x3x4x4xf16>
}

// -----

// CHECK-LABEL: mil.function @resize_nearest_neighbor
mil.function @resize_nearest_neighbor(%x: tensor<2x4x5xf32>, %h: tensor<i32>, %w: tensor<i32>)
    -> tensor<2x7x9xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.resize_nearest_neighbor x(%{{.*}}) target_size_height(%{{.*}}) target_size_width(%{{.*}}) :
  %0 = mil.resize_nearest_neighbor x(%x) target_size_height(%h) target_size_width(%w)
      : (tensor<2x4x5xf32>, tensor<i32>, tensor<i32>) -> tensor<2x7x9xf32>
  mil.return %0 : tensor<2x7x9xf32>
}

// -----

// CHECK-LABEL: mil.function @upsample_bilinear
mil.function @upsample_bilinear(%x: tensor<1x3x4x4xf32>, %h: tensor<f32>, %w: tensor<f32>, %a: tensor<i1>, %hp: tensor<i1>)
    -> (tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>) attributes {opset = "CoreML6"} {
  // iOS15 form.
  // CHECK: mil.upsample_bilinear x(%{{.*}}) scale_factor_height(%{{.*}}) scale_factor_width(%{{.*}}) align_corners(%{{.*}}) :
  %0 = mil.upsample_bilinear x(%x) scale_factor_height(%h) scale_factor_width(%w) align_corners(%a)
      : (tensor<1x3x4x4xf32>, tensor<f32>, tensor<f32>, tensor<i1>) -> tensor<1x3x6x6xf32>
  // iOS16 adds half_pixel_centers.
  // CHECK: mil.upsample_bilinear x(%{{.*}}) scale_factor_height(%{{.*}}) scale_factor_width(%{{.*}}) align_corners(%{{.*}}) half_pixel_centers(%{{.*}}) :
  %1 = mil.upsample_bilinear x(%x) scale_factor_height(%h) scale_factor_width(%w) align_corners(%a) half_pixel_centers(%hp)
      : (tensor<1x3x4x4xf32>, tensor<f32>, tensor<f32>, tensor<i1>, tensor<i1>) -> tensor<1x3x6x6xf32>
  mil.return %0, %1 : tensor<1x3x6x6xf32>, tensor<1x3x6x6xf32>
}

// -----

// CHECK-LABEL: mil.function @resize_bilinear
mil.function @resize_bilinear(%x: tensor<1x3x?x?xf16>, %h: tensor<i32>, %w: tensor<i32>, %m: tensor<!mil.string>)
    -> tensor<1x3x8x8xf16> attributes {opset = "CoreML5"} {
  // CHECK: mil.resize_bilinear x(%{{.*}}) target_size_height(%{{.*}}) target_size_width(%{{.*}}) sampling_mode(%{{.*}}) :
  %0 = mil.resize_bilinear x(%x) target_size_height(%h) target_size_width(%w) sampling_mode(%m)
      : (tensor<1x3x?x?xf16>, tensor<i32>, tensor<i32>, tensor<!mil.string>) -> tensor<1x3x8x8xf16>
  mil.return %0 : tensor<1x3x8x8xf16>
}

// -----

// CHECK-LABEL: mil.function @crop_resize_roi
mil.function @crop_resize_roi(%x: tensor<2x3x16x16xf32>, %roi: tensor<5x1x4x1x1xf32>, %th: tensor<i32>, %tw: tensor<i32>,
    %n: tensor<i1>, %s: tensor<f32>, %bm: tensor<!mil.string>, %sm: tensor<!mil.string>, %pv: tensor<f32>)
    -> (tensor<5x2x3x4x4xf32>, tensor<5x2x3x4x4xf32>) attributes {opset = "CoreML6"} {
  // iOS15 inputs.
  // CHECK: mil.crop_resize x(%{{.*}}) roi(%{{.*}}) target_height(%{{.*}}) target_width(%{{.*}}) normalized_coordinates(%{{.*}}) spatial_scale(%{{.*}}) box_coordinate_mode(%{{.*}}) sampling_mode(%{{.*}}) :
  %0 = mil.crop_resize x(%x) roi(%roi) target_height(%th) target_width(%tw) normalized_coordinates(%n) spatial_scale(%s) box_coordinate_mode(%bm) sampling_mode(%sm)
      : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>, tensor<i32>, tensor<i32>, tensor<i1>, tensor<f32>, tensor<!mil.string>, tensor<!mil.string>) -> tensor<5x2x3x4x4xf32>
  // iOS16 adds pad_value.
  // CHECK: mil.crop_resize x(%{{.*}}) roi(%{{.*}}) target_height(%{{.*}}) target_width(%{{.*}}) pad_value(%{{.*}}) :
  %1 = mil.crop_resize x(%x) roi(%roi) target_height(%th) target_width(%tw) pad_value(%pv)
      : (tensor<2x3x16x16xf32>, tensor<5x1x4x1x1xf32>, tensor<i32>, tensor<i32>, tensor<f32>) -> tensor<5x2x3x4x4xf32>
  mil.return %0, %1 : tensor<5x2x3x4x4xf32>, tensor<5x2x3x4x4xf32>
}

// -----

// CHECK-LABEL: mil.function @crop_resize_boxes
mil.function @crop_resize_boxes(%x: tensor<2x3x16x16xf16>, %boxes: tensor<5x4xui16>, %idx: tensor<5xi32>,
    %th: tensor<i32>, %tw: tensor<i32>, %pv: tensor<f16>)
    -> (tensor<5x3x4x4xf16>, tensor<2x3x4x4xf16>) attributes {opset = "CoreML7"} {
  // CHECK: mil.crop_resize x(%{{.*}}) boxes(%{{.*}}) box_indices(%{{.*}}) target_height(%{{.*}}) target_width(%{{.*}}) pad_value(%{{.*}}) :
  %0 = mil.crop_resize x(%x) boxes(%boxes) box_indices(%idx) target_height(%th) target_width(%tw) pad_value(%pv)
      : (tensor<2x3x16x16xf16>, tensor<5x4xui16>, tensor<5xi32>, tensor<i32>, tensor<i32>, tensor<f16>) -> tensor<5x3x4x4xf16>
  %b = mil.const dense<[[0.0, 0.0, 1.0, 1.0], [0.5, 0.5, 1.0, 1.0]]> : tensor<2x4xf16> {name = "b"}
  // CHECK: mil.crop_resize x(%{{.*}}) boxes(%{{.*}}) target_height(%{{.*}}) target_width(%{{.*}}) :
  %1 = mil.crop_resize x(%x) boxes(%b) target_height(%th) target_width(%tw)
      : (tensor<2x3x16x16xf16>, tensor<2x4xf16>, tensor<i32>, tensor<i32>) -> tensor<2x3x4x4xf16>
  mil.return %0, %1 : tensor<5x3x4x4xf16>, tensor<2x3x4x4xf16>
}

// -----

// CHECK-LABEL: mil.function @crop
mil.function @crop(%x: tensor<1x3x8x8xf32>, %ch: tensor<2xi32>, %cw: tensor<2xi32>)
    -> tensor<1x3x6x4xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.crop x(%{{.*}}) crop_height(%{{.*}}) crop_width(%{{.*}}) :
  %0 = mil.crop x(%x) crop_height(%ch) crop_width(%cw)
      : (tensor<1x3x8x8xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<1x3x6x4xf32>
  mil.return %0 : tensor<1x3x6x4xf32>
}

// -----

// CHECK-LABEL: mil.function @affine
mil.function @affine(%x: tensor<2x3x8x8xf32>, %m: tensor<1x6xf32>, %oh: tensor<i32>, %ow: tensor<i32>,
    %sm: tensor<!mil.string>, %pm: tensor<!mil.string>, %pv: tensor<f32>, %cm: tensor<!mil.string>, %ac: tensor<i1>)
    -> tensor<2x3x4x5xf32> attributes {opset = "CoreML5"} {
  // CHECK: mil.affine x(%{{.*}}) transform_matrix(%{{.*}}) output_height(%{{.*}}) output_width(%{{.*}}) sampling_mode(%{{.*}}) padding_mode(%{{.*}}) padding_value(%{{.*}}) coordinates_mode(%{{.*}}) align_corners(%{{.*}}) :
  %0 = mil.affine x(%x) transform_matrix(%m) output_height(%oh) output_width(%ow) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac)
      : (tensor<2x3x8x8xf32>, tensor<1x6xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x4x5xf32>
  mil.return %0 : tensor<2x3x4x5xf32>
}

// -----

// CHECK-LABEL: mil.function @resample
mil.function @resample(%x: tensor<2x3x8x8xf16>, %c32: tensor<2x5x6x2xf32>, %c8: tensor<2x5x6x2xui8>,
    %sm: tensor<!mil.string>, %pm: tensor<!mil.string>, %pv: tensor<f16>, %cm: tensor<!mil.string>, %ac: tensor<i1>)
    -> (tensor<2x3x5x6xf16>, tensor<2x3x5x6xf16>) attributes {opset = "CoreML7"} {
  // CHECK: mil.resample x(%{{.*}}) coordinates(%{{.*}}) sampling_mode(%{{.*}}) padding_mode(%{{.*}}) padding_value(%{{.*}}) coordinates_mode(%{{.*}}) align_corners(%{{.*}}) : (tensor<2x3x8x8xf16>, tensor<2x5x6x2xf32>
  %0 = mil.resample x(%x) coordinates(%c32) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac)
      : (tensor<2x3x8x8xf16>, tensor<2x5x6x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f16>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x5x6xf16>
  // iOS17 integer coordinates.
  // CHECK: mil.resample x(%{{.*}}) coordinates(%{{.*}}) {{.*}} : (tensor<2x3x8x8xf16>, tensor<2x5x6x2xui8>
  %1 = mil.resample x(%x) coordinates(%c8) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac)
      : (tensor<2x3x8x8xf16>, tensor<2x5x6x2xui8>, tensor<!mil.string>, tensor<!mil.string>, tensor<f16>, tensor<!mil.string>, tensor<i1>) -> tensor<2x3x5x6xf16>
  mil.return %0, %1 : tensor<2x3x5x6xf16>, tensor<2x3x5x6xf16>
}

// -----

// CHECK-LABEL: mil.function @resize
mil.function @resize(%x: tensor<1x2x3x4xi32>, %s: tensor<3xui32>, %d: tensor<ui32>, %im: tensor<!mil.string>, %sm: tensor<!mil.string>)
    -> (tensor<1x2x?x?xi32>, tensor<1x2x?x?xi32>) attributes {opset = "CoreML7"} {
  // CHECK: mil.resize x(%{{.*}}) shape(%{{.*}}) resized_dims(%{{.*}}) interpolation_mode(%{{.*}}) sampling_mode(%{{.*}}) :
  %0 = mil.resize x(%x) shape(%s) resized_dims(%d) interpolation_mode(%im) sampling_mode(%sm)
      : (tensor<1x2x3x4xi32>, tensor<3xui32>, tensor<ui32>, tensor<!mil.string>, tensor<!mil.string>) -> tensor<1x2x?x?xi32>
  // CHECK: mil.resize x(%{{.*}}) shape(%{{.*}}) resized_dims(%{{.*}}) :
  %1 = mil.resize x(%x) shape(%s) resized_dims(%d)
      : (tensor<1x2x3x4xi32>, tensor<3xui32>, tensor<ui32>) -> tensor<1x2x?x?xi32>
  mil.return %0, %1 : tensor<1x2x?x?xi32>, tensor<1x2x?x?xi32>
}
