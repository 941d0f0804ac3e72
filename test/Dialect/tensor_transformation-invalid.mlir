// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @reshape_f64_x(%x: tensor<2x3xf64>, %s: tensor<1xi32>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf64>, tensor<1xi32>) -> tensor<6xf64>
  mil.return
}

// -----

mil.function @reshape_i64_shape(%x: tensor<2x3xf32>, %s: tensor<1xi64>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #1 must be tensor of int8 or int16 or int32 values, but got 'tensor<1xi64>'}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<6xf32>
  mil.return
}

// -----

mil.function @pixel_unshuffle_i32_factor(%x: tensor<1x2x4x4xf32>, %f: tensor<i32>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{operand #1 must be 0D tensor of uint32 values, but got 'tensor<i32>'}}
  %0 = mil.pixel_unshuffle x(%x) downscale_factor(%f) : (tensor<1x2x4x4xf32>, tensor<i32>) -> tensor<1x8x2x2xf32>
  mil.return
}

// -----

mil.function @depth_to_space_int(%x: tensor<1x8x2x2xi32>, %bs: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float values}}
  %0 = mil.depth_to_space x(%x) block_size(%bs) : (tensor<1x8x2x2xi32>, tensor<i32>) -> tensor<1x2x4x4xi32>
  mil.return
}

// -----

mil.function @depth_to_space_x_rank(%x: tensor<8x2x2xf32>, %bs: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'x' must have rank 4 ([n, C, H, W]), got 3}}
  %0 = mil.depth_to_space x(%x) block_size(%bs) : (tensor<8x2x2xf32>, tensor<i32>) -> tensor<1x2x4x4xf32>
  mil.return
}

// -----

mil.function @space_to_depth_output_rank(%x: tensor<1x8x2x2xf32>, %bs: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 4, got 1}}
  %0 = mil.space_to_depth x(%x) block_size(%bs) : (tensor<1x8x2x2xf32>, tensor<i32>) -> tensor<32xf32>
  mil.return
}

// -----

mil.function @pixel_shuffle_output_elem(%x: tensor<1x8x2x2xf32>, %f: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.pixel_shuffle x(%x) upscale_factor(%f) : (tensor<1x8x2x2xf32>, tensor<i32>) -> tensor<1x2x4x4xf16>
  mil.return
}

// -----

mil.function @pixel_unshuffle_count(%x: tensor<1x2x4x4xf32>, %f: tensor<ui32>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (32), got 128}}
  %0 = mil.pixel_unshuffle x(%x) downscale_factor(%f) : (tensor<1x2x4x4xf32>, tensor<ui32>) -> tensor<1x8x4x4xf32>
  mil.return
}

// -----

mil.function @space_to_batch_x_rank(%x: tensor<3x4x4xf32>, %bs: tensor<2xi32>, %p: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'x' must have rank 4 ([n, C, H, W]), got 3}}
  %0 = mil.space_to_batch x(%x) block_shape(%bs) paddings(%p) : (tensor<3x4x4xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  mil.return
}

// -----

mil.function @space_to_batch_block_rank(%x: tensor<1x3x4x4xf32>, %bs: tensor<1x2xi32>, %p: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'block_shape' must have rank 1, got 2}}
  %0 = mil.space_to_batch x(%x) block_shape(%bs) paddings(%p) : (tensor<1x3x4x4xf32>, tensor<1x2xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  mil.return
}

// -----

mil.function @space_to_batch_block_length(%x: tensor<1x3x4x4xf32>, %bs: tensor<3xi32>, %p: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'block_shape' must have length 2, got 3}}
  %0 = mil.space_to_batch x(%x) block_shape(%bs) paddings(%p) : (tensor<1x3x4x4xf32>, tensor<3xi32>, tensor<2x2xi32>) -> tensor<4x3x2x2xf32>
  mil.return
}

// -----

mil.function @space_to_batch_paddings(%x: tensor<1x3x4x4xf32>, %bs: tensor<2xi32>, %p: tensor<4xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'paddings' must have shape [2, 2], got 'tensor<4xi32>'}}
  %0 = mil.space_to_batch x(%x) block_shape(%bs) paddings(%p) : (tensor<1x3x4x4xf32>, tensor<2xi32>, tensor<4xi32>) -> tensor<4x3x2x2xf32>
  mil.return
}

// -----

mil.function @batch_to_space_crops(%x: tensor<4x3x2x2xf32>, %bs: tensor<2xi32>, %cr: tensor<2x3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'crops' must have shape [2, 2], got 'tensor<2x3xi32>'}}
  %0 = mil.batch_to_space x(%x) block_shape(%bs) crops(%cr) : (tensor<4x3x2x2xf32>, tensor<2xi32>, tensor<2x3xi32>) -> tensor<1x3x4x4xf32>
  mil.return
}

// -----

mil.function @batch_to_space_output_rank(%x: tensor<4x3x2x2xf32>, %bs: tensor<2xi32>, %cr: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 4, got 3}}
  %0 = mil.batch_to_space x(%x) block_shape(%bs) crops(%cr) : (tensor<4x3x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<3x4x4xf32>
  mil.return
}

// -----

mil.function @batch_to_space_output_elem(%x: tensor<4x3x2x2xf32>, %bs: tensor<2xi32>, %cr: tensor<2x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.batch_to_space x(%x) block_shape(%bs) crops(%cr) : (tensor<4x3x2x2xf32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<1x3x4x4xf16>
  mil.return
}

// -----

mil.function @expand_dims_axes_rank(%x: tensor<2x3xf32>, %a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'axes' must have rank 1, got 0}}
  %0 = mil.expand_dims x(%x) axes(%a) : (tensor<2x3xf32>, tensor<i32>) -> tensor<1x2x3xf32>
  mil.return
}

// -----

mil.function @expand_dims_output_elem(%x: tensor<2x3xf32>, %a: tensor<1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i32'}}
  %0 = mil.expand_dims x(%x) axes(%a) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<1x2x3xi32>
  mil.return
}

// -----

mil.function @expand_dims_output_rank(%x: tensor<2x3xf32>, %a: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 4 (rank(x) + len(axes)), got 3}}
  %0 = mil.expand_dims x(%x) axes(%a) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<1x2x3xf32>
  mil.return
}

// -----

mil.function @expand_dims_count(%x: tensor<2x3xf32>, %a: tensor<1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (6), got 12}}
  %0 = mil.expand_dims x(%x) axes(%a) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<2x2x3xf32>
  mil.return
}

// -----

mil.function @reshape_shape_rank(%x: tensor<2x3xf32>, %s: tensor<1x2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'shape' must have rank 1, got 2}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf32>, tensor<1x2xi32>) -> tensor<3x2xf32>
  mil.return
}

// -----

mil.function @reshape_output_elem(%x: tensor<2x3xf32>, %s: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xf16>
  mil.return
}

// -----

mil.function @reshape_output_rank(%x: tensor<2x3xf32>, %s: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (the length of 'shape'), got 1}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<6xf32>
  mil.return
}

// -----

mil.function @reshape_count(%x: tensor<2x3xf32>, %s: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (6), got 9}}
  %0 = mil.reshape x(%x) shape(%s) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x3xf32>
  mil.return
}

// -----

mil.function @reshape_like_tuple_lengths(%x: tensor<6xf32>, %r: tensor<2x3xf32>, %b: tensor<i32>, %e: tensor<i32>, %m: tensor<i1>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{input 'begins' must have as many values as 'ref_tensors' (1), got 2}}
  %0 = mil.reshape_like x(%x) ref_tensors(%r) begins(%b, %b) ends(%e) end_masks(%m) : (tensor<6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i1>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @reshape_like_output_elem(%x: tensor<6xf32>, %r: tensor<2x3xf32>, %b: tensor<i32>, %e: tensor<i32>, %m: tensor<i1>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i32'}}
  %0 = mil.reshape_like x(%x) ref_tensors(%r) begins(%b) ends(%e) end_masks(%m) : (tensor<6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>, tensor<i1>) -> tensor<2x3xi32>
  mil.return
}

// -----

mil.function @reshape_like_count(%x: tensor<6xf32>, %r: tensor<2x4xf32>, %b: tensor<i32>, %e: tensor<i32>, %m: tensor<i1>) attributes {opset = "CoreML6"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (6), got 8}}
  %0 = mil.reshape_like x(%x) ref_tensors(%r) begins(%b) ends(%e) end_masks(%m) : (tensor<6xf32>, tensor<2x4xf32>, tensor<i32>, tensor<i32>, tensor<i1>) -> tensor<2x4xf32>
  mil.return
}

// -----

mil.function @reverse_axes_rank(%x: tensor<2x3xf32>, %a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'axes' must have rank 1, got 0}}
  %0 = mil.reverse x(%x) axes(%a) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @reverse_output_elem(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i1'}}
  %0 = mil.reverse x(%x) : (tensor<2x3xf32>) -> tensor<2x3xi1>
  mil.return
}

// -----

mil.function @reverse_output_shape(%x: tensor<2x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x' ('tensor<2x3xf32>'), got 'tensor<3x2xf32>'}}
  %0 = mil.reverse x(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  mil.return
}

// -----

mil.function @reverse_sequence_lengths_rank(%x: tensor<2x3xf32>, %l: tensor<2x1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'lengths' must have rank 1, got 2}}
  %0 = mil.reverse_sequence x(%x) lengths(%l) : (tensor<2x3xf32>, tensor<2x1xi32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_begin_rank(%x: tensor<4x6xf32>, %b: tensor<1x2xi32>, %e: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'begin' must have rank 1, got 2}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%e) : (tensor<4x6xf32>, tensor<1x2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_end_length(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %e: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'end' must have length rank(x) = 2, got 3}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%e) : (tensor<4x6xf32>, tensor<2xi32>, tensor<3xi32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_end_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %e: tensor<2xi16>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'end' must have the element type of 'begin' ('i32'), got 'i16'}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%e) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi16>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_stride_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<2xi8>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'stride' must have the element type of 'begin' ('i32'), got 'i8'}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%b) stride(%s) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi8>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_stride_length(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'stride' must have length rank(x) = 2, got 1}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%b) stride(%s) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<1xi32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_mask_length(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %m: tensor<3xi1>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'squeeze_mask' must have length rank(x) = 2, got 3}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%b) squeeze_mask(%m) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>, tensor<3xi1>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_index_output_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.slice_by_index x(%x) begin(%b) end(%b) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf16>
  mil.return
}

// -----

mil.function @slice_by_size_size_length(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'size' must have length rank(x) = 2, got 3}}
  %0 = mil.slice_by_size x(%x) begin(%b) size(%s) : (tensor<4x6xf32>, tensor<2xi32>, tensor<3xi32>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_size_size_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %s: tensor<2xi16>) attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'size' must have the element type of 'begin' ('i32'), got 'i16'}}
  %0 = mil.slice_by_size x(%x) begin(%b) size(%s) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi16>) -> tensor<2x3xf32>
  mil.return
}

// -----

mil.function @slice_by_size_output_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i32'}}
  %0 = mil.slice_by_size x(%x) begin(%b) size(%b) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xi32>
  mil.return
}

// -----

mil.function @slice_by_size_output_rank(%x: tensor<4x6xf32>, %b: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(x)), got 1}}
  %0 = mil.slice_by_size x(%x) begin(%b) size(%b) : (tensor<4x6xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<6xf32>
  mil.return
}

// -----

mil.function @squeeze_scalar(%x: tensor<f32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'x' must have rank at least 1, got 0}}
  %0 = mil.squeeze x(%x) : (tensor<f32>) -> tensor<f32>
  mil.return
}

// -----

mil.function @squeeze_axes_rank(%x: tensor<1x3xf32>, %a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'axes' must have rank 1, got 0}}
  %0 = mil.squeeze x(%x) axes(%a) : (tensor<1x3xf32>, tensor<i32>) -> tensor<3xf32>
  mil.return
}

// -----

mil.function @squeeze_output_elem(%x: tensor<1x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.squeeze x(%x) : (tensor<1x3xf32>) -> tensor<3xf16>
  mil.return
}

// -----

mil.function @squeeze_output_rank(%x: tensor<1x3x1xf32>, %a: tensor<1xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(x) - len(axes)), got 1}}
  %0 = mil.squeeze x(%x) axes(%a) : (tensor<1x3x1xf32>, tensor<1xi32>) -> tensor<3xf32>
  mil.return
}

// -----

mil.function @squeeze_count(%x: tensor<1x3xf32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (3), got 4}}
  %0 = mil.squeeze x(%x) : (tensor<1x3xf32>) -> tensor<4xf32>
  mil.return
}

// -----

mil.function @transpose_perm_length(%x: tensor<2x3xf32>, %p: tensor<3xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{input 'perm' must have length rank(x) = 2, got 3}}
  %0 = mil.transpose x(%x) perm(%p) : (tensor<2x3xf32>, tensor<3xi32>) -> tensor<3x2xf32>
  mil.return
}

// -----

mil.function @transpose_output_elem(%x: tensor<2x3xf32>, %p: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'i32'}}
  %0 = mil.transpose x(%x) perm(%p) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x2xi32>
  mil.return
}

// -----

mil.function @transpose_output_rank(%x: tensor<2x3xf32>, %p: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 2 (rank(x)), got 1}}
  %0 = mil.transpose x(%x) perm(%p) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<6xf32>
  mil.return
}

// -----

mil.function @transpose_count(%x: tensor<2x3xf32>, %p: tensor<2xi32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have as many elements as 'x' (6), got 9}}
  %0 = mil.transpose x(%x) perm(%p) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<3x3xf32>
  mil.return
}

// -----

mil.function @sliding_windows_output_elem(%x: tensor<2x10xf32>, %a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.sliding_windows x(%x) axis(%a) size(%a) : (tensor<2x10xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4x3xf16>
  mil.return
}

// -----

mil.function @sliding_windows_output_rank(%x: tensor<2x10xf32>, %a: tensor<i32>) attributes {opset = "CoreML5"} {
  // expected-error @+1 {{result 'output' must have rank 3 (rank(x) + 1), got 2}}
  %0 = mil.sliding_windows x(%x) axis(%a) size(%a) : (tensor<2x10xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
  mil.return
}

// -----

mil.function @slice_update_update_elem(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %u: tensor<2x3xf16>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'update' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.slice_update x(%x) update(%u) begin(%b) end(%b) : (tensor<4x6xf32>, tensor<2x3xf16>, tensor<2xi32>, tensor<2xi32>) -> tensor<4x6xf32>
  mil.return
}

// -----

mil.function @slice_update_scalar_update(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %u: tensor<f32>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'update' must have rank at least 1, got 0}}
  %0 = mil.slice_update x(%x) update(%u) begin(%b) end(%b) : (tensor<4x6xf32>, tensor<f32>, tensor<2xi32>, tensor<2xi32>) -> tensor<4x6xf32>
  mil.return
}

// -----

mil.function @slice_update_begin_length(%x: tensor<4x6xf32>, %b: tensor<3xi32>, %u: tensor<2x3xf32>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'begin' must have length rank(x) = 2, got 3}}
  %0 = mil.slice_update x(%x) update(%u) begin(%b) end(%b) : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<4x6xf32>
  mil.return
}

// -----

mil.function @slice_update_output_shape(%x: tensor<4x6xf32>, %b: tensor<2xi32>, %u: tensor<2x3xf32>) attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the shape of 'x' ('tensor<4x6xf32>'), got 'tensor<2x3xf32>'}}
  %0 = mil.slice_update x(%x) update(%u) begin(%b) end(%b) : (tensor<4x6xf32>, tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<2x3xf32>
  mil.return
}

