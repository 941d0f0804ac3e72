// RUN: mil-opt %s -split-input-file -verify-diagnostics

mil.function @linear_bool(%x: tensor<2x8xi1>, %w: tensor<4x8xf16>) -> tensor<2x4xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{operand #0 must be tensor of 16-bit float or 32-bit float or int32 values}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xi1>, tensor<4x8xf16>) -> tensor<2x4xf16>
  mil.return %0 : tensor<2x4xf16>
}

// -----

mil.function @linear_output_dtype(%x: tensor<2x8xf32>, %w: tensor<4x8xf16>) -> tensor<2x4xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' ('f32'), got 'f16'}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<4x8xf16>) -> tensor<2x4xf16>
  mil.return %0 : tensor<2x4xf16>
}

// -----

mil.function @linear_bias_dtype(%x: tensor<2x8xf32>, %w: tensor<4x8xf16>, %b: tensor<4xf32>) -> tensor<2x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must have the element type of 'weight' ('f16'), got 'f32'}}
  %0 = mil.linear x(%x) weight(%w) bias(%b) : (tensor<2x8xf32>, tensor<4x8xf16>, tensor<4xf32>) -> tensor<2x4xf32>
  mil.return %0 : tensor<2x4xf32>
}

// -----

mil.function @linear_x_scalar(%x: tensor<f32>, %w: tensor<4x8xf32>) -> tensor<4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must be at least 1-D ([*D, D_in])}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<f32>, tensor<4x8xf32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @linear_weight_rank(%x: tensor<2x8xf32>, %w: tensor<8xf32>) -> tensor<2x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight' must be 2-D ([D_out, D_in]), got rank 1}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x4xf32>
  mil.return %0 : tensor<2x4xf32>
}

// -----

mil.function @linear_bias_rank(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>, %b: tensor<1x4xf32>) -> tensor<2x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must be 1-D ([D_out]), got rank 2}}
  %0 = mil.linear x(%x) weight(%w) bias(%b) : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  mil.return %0 : tensor<2x4xf32>
}

// -----

mil.function @linear_inner_dim(%x: tensor<2x8xf32>, %w: tensor<4x7xf32>) -> tensor<2x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'weight' must have D_in = 8 (the last dim of 'x') as dim 1, got 7}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<4x7xf32>) -> tensor<2x4xf32>
  mil.return %0 : tensor<2x4xf32>
}

// -----

mil.function @linear_bias_size(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>, %b: tensor<3xf32>) -> tensor<2x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'bias' must have D_out = 4 (dim 0 of 'weight') entries, got 3}}
  %0 = mil.linear x(%x) weight(%w) bias(%b) : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  mil.return %0 : tensor<2x4xf32>
}

// -----

mil.function @linear_output_rank(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>) -> tensor<4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the rank of 'x' (2), got 1}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<4xf32>
  mil.return %0 : tensor<4xf32>
}

// -----

mil.function @linear_output_batch(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>) -> tensor<3x4xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must match 'x' in dim 0 (2), got 3}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<3x4xf32>
  mil.return %0 : tensor<3x4xf32>
}

// -----

mil.function @linear_output_last(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>) -> tensor<2x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must end in D_out = 4, got 5}}
  %0 = mil.linear x(%x) weight(%w) : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x5xf32>
  mil.return %0 : tensor<2x5xf32>
}

// -----

mil.function @matmul_output_dtype(%x: tensor<4x3xf16>, %y: tensor<3x2xf16>) -> tensor<4x2xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'x' or of 'y', got 'f32'}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<4x3xf16>, tensor<3x2xf16>) -> tensor<4x2xf32>
  mil.return %0 : tensor<4x2xf32>
}

// -----

mil.function @matmul_x_scalar(%x: tensor<f16>, %y: tensor<3x2xf16>) -> tensor<2xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'x' must be at least 1-D}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<f16>, tensor<3x2xf16>) -> tensor<2xf16>
  mil.return %0 : tensor<2xf16>
}

// -----

mil.function @matmul_y_scalar(%x: tensor<3x2xf16>, %y: tensor<f16>) -> tensor<3xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'y' must be at least 1-D}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<3x2xf16>, tensor<f16>) -> tensor<3xf16>
  mil.return %0 : tensor<3xf16>
}

// -----

mil.function @matmul_inner(%x: tensor<4x3xf16>, %y: tensor<5x2xf16>) -> tensor<4x2xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'y' must have 3 (the last dim of 'x') as its second-to-last dim, got 5}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<4x3xf16>, tensor<5x2xf16>) -> tensor<4x2xf16>
  mil.return %0 : tensor<4x2xf16>
}

// -----

mil.function @matmul_output_rank(%x: tensor<4x3xf16>, %y: tensor<2x3x2xf16>) -> tensor<4x2xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have rank 3 (the larger rank of 'x' and 'y'), got 2}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<4x3xf16>, tensor<2x3x2xf16>) -> tensor<4x2xf16>
  mil.return %0 : tensor<4x2xf16>
}

// -----

mil.function @matmul_output_dims(%x: tensor<4x3xf16>, %y: tensor<3x2xf16>) -> tensor<4x3xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must end in [4, 2]}}
  %0 = mil.matmul x(%x) y(%y) : (tensor<4x3xf16>, tensor<3x2xf16>) -> tensor<4x3xf16>
  mil.return %0 : tensor<4x3xf16>
}

// -----

mil.function @einsum_arity(%a: tensor<3x4x5xf32>, %eq: tensor<!mil.string>) -> tensor<3x4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values' must hold 2 tensors, got 1}}
  %0 = mil.einsum values(%a) equation(%eq) : (tensor<3x4x5xf32>, tensor<!mil.string>) -> tensor<3x4x5xf32>
  mil.return %0 : tensor<3x4x5xf32>
}

// -----

mil.function @einsum_dtype(%a: tensor<3x4x5xf32>, %b: tensor<5x4x6xf16>, %eq: tensor<!mil.string>) -> tensor<3x4x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values[1]' must have the element type of 'values[0]' ('f32'), got 'f16'}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<5x4x6xf16>, tensor<!mil.string>) -> tensor<3x4x6xf32>
  mil.return %0 : tensor<3x4x6xf32>
}

// -----

mil.function @einsum_output_dtype(%a: tensor<3x4x5xf32>, %b: tensor<5x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<3x4x6xf16>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the element type of 'values[0]' ('f32'), got 'f16'}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<5x4x6xf32>, tensor<!mil.string>) -> tensor<3x4x6xf16>
  mil.return %0 : tensor<3x4x6xf16>
}

// -----

mil.function @einsum_rank(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>, %eq: tensor<!mil.string>) -> tensor<4x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values' must hold tensors of rank 3 or 4, got rank 2}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<4x5xf32>, tensor<5x6xf32>, tensor<!mil.string>) -> tensor<4x6xf32>
  mil.return %0 : tensor<4x6xf32>
}

// -----

mil.function @einsum_rank_mismatch(%a: tensor<3x4x5xf32>, %b: tensor<1x5x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<3x4x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values' must hold tensors of one rank, got 3 and 4}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<1x5x4x6xf32>, tensor<!mil.string>) -> tensor<3x4x6xf32>
  mil.return %0 : tensor<3x4x6xf32>
}

// -----

mil.function @einsum_contracted(%a: tensor<3x4x5xf32>, %b: tensor<6x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<3x4x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values' must agree on the contracted dim, got 5 and 6}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<6x4x6xf32>, tensor<!mil.string>) -> tensor<3x4x6xf32>
  mil.return %0 : tensor<3x4x6xf32>
}

// -----

mil.function @einsum_broadcast(%a: tensor<2x3x4x5xf32>, %b: tensor<3x5x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<2x3x4x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{input 'values' must have broadcastable dims 0, got 2 and 3}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<2x3x4x5xf32>, tensor<3x5x4x6xf32>, tensor<!mil.string>) -> tensor<2x3x4x6xf32>
  mil.return %0 : tensor<2x3x4x6xf32>
}

// -----

mil.function @einsum_output_rank(%a: tensor<3x4x5xf32>, %b: tensor<5x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<12x6xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have the rank of the inputs (3), got 2}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<5x4x6xf32>, tensor<!mil.string>) -> tensor<12x6xf32>
  mil.return %0 : tensor<12x6xf32>
}

// -----

mil.function @einsum_output_dims(%a: tensor<3x4x5xf32>, %b: tensor<5x4x6xf32>, %eq: tensor<!mil.string>) -> tensor<3x4x5xf32>
    attributes {opset = "CoreML7"} {
  // expected-error @+1 {{result 'output' must have dim 0 of values[0] and the last dim of values[1]}}
  %0 = mil.einsum values(%a, %b) equation(%eq) : (tensor<3x4x5xf32>, tensor<5x4x6xf32>, tensor<!mil.string>) -> tensor<3x4x5xf32>
  mil.return %0 : tensor<3x4x5xf32>
}

// -----

mil.function @sdpa_int_mask(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>, %m: tensor<10x12xi32>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{operand #3 must be tensor of bool or 16-bit float or 32-bit float values}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>, tensor<10x12xi32>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_key_dtype(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf32>, %v: tensor<1x12x64xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'key' must have the element type of 'query' ('f16'), got 'f32'}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf32>, tensor<1x12x64xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_value_dtype(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf32>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'value' must have the element type of 'query' ('f16'), got 'f32'}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf32>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_output_dtype(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>)
    -> tensor<1x10x64xf32> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the element type of 'query' ('f16'), got 'f32'}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>) -> tensor<1x10x64xf32>
  mil.return %0 : tensor<1x10x64xf32>
}

// -----

mil.function @sdpa_rank(%q: tensor<10x64xf16>, %k: tensor<12x64xf16>, %v: tensor<12x64xf16>)
    -> tensor<10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'query' must have rank at least 3, got 2}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<10x64xf16>, tensor<12x64xf16>, tensor<12x64xf16>) -> tensor<10x64xf16>
  mil.return %0 : tensor<10x64xf16>
}

// -----

mil.function @sdpa_key_rank(%q: tensor<1x10x64xf16>, %k: tensor<1x1x12x64xf16>, %v: tensor<1x12x64xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'key' must have the rank of 'query' (3), got 4}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x1x12x64xf16>, tensor<1x12x64xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_value_rank(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x1x12x64xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'value' must have the rank of 'query' (3), got 4}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x1x12x64xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_key_batch(%q: tensor<2x10x64xf16>, %k: tensor<3x12x64xf16>, %v: tensor<2x12x64xf16>)
    -> tensor<2x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'key' must match the batch dims of 'query', differs in dim 0}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<2x10x64xf16>, tensor<3x12x64xf16>, tensor<2x12x64xf16>) -> tensor<2x10x64xf16>
  mil.return %0 : tensor<2x10x64xf16>
}

// -----

mil.function @sdpa_value_batch(%q: tensor<2x10x64xf16>, %k: tensor<2x12x64xf16>, %v: tensor<3x12x64xf16>)
    -> tensor<2x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'value' must match the batch dims of 'query', differs in dim 0}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<2x10x64xf16>, tensor<2x12x64xf16>, tensor<3x12x64xf16>) -> tensor<2x10x64xf16>
  mil.return %0 : tensor<2x10x64xf16>
}

// -----

mil.function @sdpa_embedding(%q: tensor<1x10x64xf16>, %k: tensor<1x12x32xf16>, %v: tensor<1x12x64xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'key' must have the embedding size of 'query' (64), got 32}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x32xf16>, tensor<1x12x64xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_sequence(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x11x64xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'value' must have the sequence length of 'key' (12), got 11}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x11x64xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_mask_scalar(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>, %m: tensor<i1>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'attn_mask' must be at least 1-D}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>, tensor<i1>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_mask_sequence(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>, %m: tensor<10x13xi1>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'attn_mask' must end in the sequence length of 'key' (12), got 13}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>, tensor<10x13xi1>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_mask_broadcast(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>, %m: tensor<9x12xi1>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{input 'attn_mask' must broadcast against 'query' without its last dim, got 9 vs 10 in dim 0}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%m)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>, tensor<9x12xi1>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}

// -----

mil.function @sdpa_output_rank(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>)
    -> tensor<10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must have the rank of 'query' (3), got 2}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>) -> tensor<10x64xf16>
  mil.return %0 : tensor<10x64xf16>
}

// -----

mil.function @sdpa_output_dims(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x64xf16>)
    -> tensor<1x12x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must match 'query' in dim 1 (10), got 12}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x64xf16>) -> tensor<1x12x64xf16>
  mil.return %0 : tensor<1x12x64xf16>
}

// -----

mil.function @sdpa_output_embedding(%q: tensor<1x10x64xf16>, %k: tensor<1x12x64xf16>, %v: tensor<1x12x32xf16>)
    -> tensor<1x10x64xf16> attributes {opset = "CoreML8"} {
  // expected-error @+1 {{result 'output' must end in the embedding size of 'value' (32), got 64}}
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<1x10x64xf16>, tensor<1x12x64xf16>, tensor<1x12x32xf16>) -> tensor<1x10x64xf16>
  mil.return %0 : tensor<1x10x64xf16>
}
