// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @depth_space
mil.function @depth_space(%x: tensor<1x8x2x2xf16>, %bs: tensor<i32>)
    -> (tensor<1x2x4x4xf16>, tensor<1x32x1x1xf16>) attributes {opset = "CoreML5"} {
  // CHECK: mil.depth_to_space x(%{{.*}}) block_size(%{{.*}}) {name = "d2s"} : (tensor<1x8x2x2xf16>, tensor<i32>) -> tensor<1x2x4x4xf16>
  %0 = mil.depth_to_space x(%x) block_size(%bs) {name = "d2s"} : (tensor<1x8x2x2xf16>, tensor<i32>) -> tensor<1x2x4x4xf16>
  // CHECK: mil.space_to_depth x(%{{.*}}) block_size(%{{.*}}) : (tensor<1x8x2x2xf16>, tensor<i32>) -> tensor<1x32x1x1xf16>
  %1 = mil.space_to_depth x(%x) block_size(%bs) : (tensor<1x8x2x2xf16>, tensor<i32>) -> tensor<1x32x1x1xf16>
  mil.return %0, %1 : tensor<1x2x4x4xf16>, tensor<1x32x1x1xf16>
}

// -----

// CHECK-LABEL: mil.function @space_batch
mil.function @space_batch(%x: tensor<1x3x4x4xf32>, %bs: tensor<2xi32>, %p: tensor<2x2xi32>)
    -> (tensor<4x3x2x2xf32>, tensor<?x3x?x?xf32>) attributes {opset = "CoreML5"} {
  // CHECK: mil.space_to_batch x(%{{.*}}) block_shape(%{{.*}}) paddings(%{{.*}}) : (tensor<1x3x4x4xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  %0 = mil.space_to_batch x(%x) block_shape(%bs) paddings(%p) : (tensor<1x3x4x4xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  // CHECK: mil.batch_to_space x(%{{.*}}) block_shape(%{{.*}}) crops(%{{.*}}) : (tensor<4x3x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x3x?x?xf32>
  %1 = mil.batch_to_space x(%0) block_shape(%bs) crops(%p) : (tensor<4x3x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<?x3x?x?xf32>
  mil.return %0, %1 : tensor<4x3x2x2xf32>, tensor<?x3x?x?xf32>
}

// -----

// CHECK-LABEL: mil.function @expand_squeeze
mil.function @expand_squeeze(%x: tensor<2x3xui8>, %axes: tensor<2xi32>)
    -> (tensor<1x2x3x1xui8>, tensor<2x3xui8>, tensor<2x3xui8>) attributes {opset = "CoreML7"} {
  // CHECK: mil.expand_dims x(%{{.*}}) axes(%{{.*}}) : (tensor<2x3xui8>, tensor<2xi32>) -> tensor<1x2x3x1xui8>
  %0 = mil.expand_dims x(%x) axes(%axes) : (tensor<2x3xui8>, tensor<2xi32>) -> tensor<1x2x3x1xui8>
  // CHECK: mil.squeeze x(%{{.*}}) axes(%{{.*}}) : (tensor<1x2x3x1xui8>, tensor<2xi32>) -> tensor<2x3xui8>
  %1 = mil.squeeze x(%0) axes(%axes) : (tensor<1x2x3x1xui8>, tensor<2xi32>) -> tensor<2x3xui8>
  // CHECK: mil.squeeze x(%{{.*}}) : (tensor<1x2x3x1xui8>) -> tensor<2x3xui8>
  %2 = mil.squeeze x(%0) : (tensor<1x2x3x1xui8>) -> tensor<2x3xui8>
  mil.return %0, %1, %2 : tensor<1x2x3x1xui8>, tensor<2x3xui8>, tensor<2x3xui8>
}

// -----

// CHECK-LABEL: mil.function @reshape
mil.function @reshape(%x: tensor<2x6xf32>, %s: tensor<3xi32>, %s8: tensor<2xi8>, %b: tensor<4x?xi1>)
    -> (tensor<2x3x2xf32>, tensor<?x?xi1>) attributes {opset = "CoreML7"} {
  // CHECK: mil.reshape x(%{{.*}}) shape(%{{.*}}) : (tensor<2x6xf32>, tensor<3xi32>) -> tensor<2x3x2xf32>
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x6xf32>, tensor<3xi32>) -> tensor<2x3x2xf32>
  // CHECK: mil.reshape x(%{{.*}}) shape(%{{.*}}) : (tensor<4x?xi1>, tensor<2xi8>) -> tensor<?x?xi1>
  %1 = mil.reshape x(%b) shape(%s8) : (tensor<4x?xi1>, tensor<2xi8>) -> tensor<?x?xi1>
  mil.return %0, %1 : tensor<2x3x2xf32>, tensor<?x?xi1>
}

// -----

// CHECK-LABEL: mil.function @reshape_like
mil.function @reshape_like(%x: tensor<2x15xf16>, %r0: tensor<2x3x4xf32>, %r1: tensor<1x5xi32>,
    %b0: tensor<i32>, %b1: tensor<i32>, %e0: tensor<i32>, %e1: tensor<i32>, %m0: tensor<i1>, %m1: tensor<i1>)
    -> tensor<2x3x5xf16> attributes {opset = "CoreML6"} {
  // CHECK: mil.reshape_like x(%{{.*}}) ref_tensors(%{{.*}}, %{{.*}}) begins(%{{.*}}, %{{.*}}) ends(%{{.*}}, %{{.*}}) end_masks(%{{.*}}, %{{.*}}) : (tensor<2x15xf16>, tensor<2x3x4xf32>, tensor<1x5xi32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i1>, tensor<i1>) -> tensor<2x3x5xf16>
  %0 = mil.reshape_like x(%x) ref_tensors(%r0, %r1) begins(%b0, %b1) ends(%e0, %e1) end_masks(%m0, %m1)
      : (tensor<2x15xf16>, tensor<2x3x4xf32>, tensor<1x5xi32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i1>, tensor<i1>) -> tensor<2x3x5xf16>
  mil.return %0 : tensor<2x3x5xf16>
}

// -----

// CHECK-LABEL: mil.function @reverse
mil.function @reverse(%x: tensor<4x5xi16>, %axes: tensor<1xi32>, %l: tensor<5xi8>, %sa: tensor<i32>, %ba: tensor<i32>)
    -> (tensor<4x5xi16>, tensor<4x5xi16>, tensor<4x5xi16>) attributes {opset = "CoreML7"} {
  // CHECK: mil.reverse x(%{{.*}}) axes(%{{.*}}) : (tensor<4x5xi16>, tensor<1xi32>) -> tensor<4x5xi16>
  %0 = mil.reverse x(%x) axes(%axes) : (tensor<4x5xi16>, tensor<1xi32>) -> tensor<4x5xi16>
  // CHECK: mil.reverse x(%{{.*}}) : (tensor<4x5xi16>) -> tensor<4x5xi16>
  %1 = mil.reverse x(%x) : (tensor<4x5xi16>) -> tensor<4x5xi16>
  // CHECK: mil.reverse_sequence x(%{{.*}}) lengths(%{{.*}}) seq_axis(%{{.*}}) batch_axis(%{{.*}}) : (tensor<4x5xi16>, tensor<5xi8>, tensor<i32>, tensor<i32>) -> tensor<4x5xi16>
  %2 = mil.reverse_sequence x(%x) lengths(%l) seq_axis(%sa) batch_axis(%ba) : (tensor<4x5xi16>, tensor<5xi8>, tensor<i32>, tensor<i32>) -> tensor<4x5xi16>
  mil.return %0, %1, %2 : tensor<4x5xi16>, tensor<4x5xi16>, tensor<4x5xi16>
}

// -----

// CHECK-LABEL: mil.function @slices
mil.function @slices(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %e: tensor<2xi32>, %s: tensor<2xi32>, %m: tensor<2xi1>,
    %b16: tensor<2xi16>, %sz16: tensor<2xi16>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) attributes {opset = "CoreML7"} {
  // CHECK: mil.slice_by_index x(%{{.*}}) begin(%{{.*}}) end(%{{.*}}) stride(%{{.*}}) begin_mask(%{{.*}}) end_mask(%{{.*}}) squeeze_mask(%{{.*}}) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) -> tensor<2x3xf32>
  %0 = mil.slice_by_index x(%x) begin(%b) end(%e) stride(%s) begin_mask(%m) end_mask(%m) squeeze_mask(%m)
      : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) -> tensor<2x3xf32>
  // CHECK: mil.slice_by_index x(%{{.*}}) begin(%{{.*}}) end(%{{.*}}) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  %1 = mil.slice_by_index x(%x) begin(%b) end(%e) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  // CHECK: mil.slice_by_size x(%{{.*}}) begin(%{{.*}}) size(%{{.*}}) : (tensor<4x6xf32>, tensor<2xi16>, tensor<2xi16>) -> tensor<2x3xf32>
  %2 = mil.slice_by_size x(%x) begin(%b16) size(%sz16) : (tensor<4x6xf32>, tensor<2xi16>, tensor<2xi16>) -> tensor<2x3xf32>
  mil.return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: mil.function @slice_update
mil.function @slice_update(%x: tensor<4x6xi8>, %u: tensor<2x3xi8>, %b: tensor<2xi32>, %e: tensor<2xi32>,
    %s: tensor<2xi32>, %m: tensor<2xi1>) -> (tensor<4x6xi8>, tensor<4x6xi8>) attributes {opset = "CoreML8"} {
  // CHECK: mil.slice_update x(%{{.*}}) update(%{{.*}}) begin(%{{.*}}) end(%{{.*}}) stride(%{{.*}}) begin_mask(%{{.*}}) end_mask(%{{.*}}) squeeze_mask(%{{.*}}) : (tensor<4x6xi8>, tensor<2x3xi8>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) -> tensor<4x6xi8>
  %0 = mil.slice_update x(%x) update(%u) begin(%b) end(%e) stride(%s) begin_mask(%m) end_mask(%m) squeeze_mask(%m)
      : (tensor<4x6xi8>, tensor<2x3xi8>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) -> tensor<4x6xi8>
  // CHECK: mil.slice_update x(%{{.*}}) update(%{{.*}}) begin(%{{.*}}) end(%{{.*}}) : (tensor<4x6xi8>, tensor<2x3xi8>, tensor<2xi32>, tensor<2xi32>) -> tensor<4x6xi8>
  %1 = mil.slice_update x(%x) update(%u) begin(%b) end(%e) : (tensor<4x6xi8>, tensor<2x3xi8>, tensor<2xi32>, tensor<2xi32>) -> tensor<4x6xi8>
  mil.return %0, %1 : tensor<4x6xi8>, tensor<4x6xi8>
}

// -----

// CHECK-LABEL: mil.function @transpose
mil.function @transpose(%x: tensor<2x3x4xi1>, %p: tensor<3xi32>) -> tensor<4x2x3xi1>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.transpose x(%{{.*}}) perm(%{{.*}}) : (tensor<2x3x4xi1>, tensor<3xi32>) -> tensor<4x2x3xi1>
  %0 = mil.transpose x(%x) perm(%p) : (tensor<2x3x4xi1>, tensor<3xi32>) -> tensor<4x2x3xi1>
  mil.return %0 : tensor<4x2x3xi1>
}

// -----

// CHECK-LABEL: mil.function @pixel_shuffle
mil.function @pixel_shuffle(%x: tensor<1x8x2x2xf32>, %f: tensor<i32>, %uf: tensor<ui32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x32x1x1xf32>) attributes {opset = "CoreML6"} {
  // CHECK: mil.pixel_shuffle x(%{{.*}}) upscale_factor(%{{.*}}) : (tensor<1x8x2x2xf32>, tensor<i32>) -> tensor<1x2x4x4xf32>
  %0 = mil.pixel_shuffle x(%x) upscale_factor(%f) : (tensor<1x8x2x2xf32>, tensor<i32>) -> tensor<1x2x4x4xf32>
  // CHECK: mil.pixel_unshuffle x(%{{.*}}) downscale_factor(%{{.*}}) : (tensor<1x8x2x2xf32>, tensor<ui32>) -> tensor<1x32x1x1xf32>
  %1 = mil.pixel_unshuffle x(%x) downscale_factor(%uf) : (tensor<1x8x2x2xf32>, tensor<ui32>) -> tensor<1x32x1x1xf32>
  mil.return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x32x1x1xf32>
}

// -----

// CHECK-LABEL: mil.function @sliding_windows
mil.function @sliding_windows(%x: tensor<2x10xf16>, %a: tensor<i32>, %s: tensor<i32>, %st: tensor<i32>)
    -> tensor<2x4x3xf16> attributes {opset = "CoreML5"} {
  // CHECK: mil.sliding_windows x(%{{.*}}) axis(%{{.*}}) size(%{{.*}}) stride(%{{.*}}) : (tensor<2x10xf16>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<2x4x3xf16>
  %0 = mil.sliding_windows x(%x) axis(%a) size(%s) stride(%st) : (tensor<2x10xf16>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<2x4x3xf16>
  mil.return %0 : tensor<2x4x3xf16>
}
