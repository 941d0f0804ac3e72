// RUN: mil-opt %s -split-input-file | mil-opt -split-input-file | FileCheck %s

// CHECK-LABEL: mil.function @linear
mil.function @linear(%x: tensor<2x5x8xf16>, %w: tensor<4x8xf16>, %b: tensor<4xf16>) -> tensor<2x5x4xf16>
    attributes {opset = "CoreML5"} {
  // CHECK: mil.linear x(%{{.*}}) weight(%{{.*}}) bias(%{{.*}}) {name = "fc"}
  %0 = mil.linear x(%x) weight(%w) bias(%b) {name = "fc"}
      : (tensor<2x5x8xf16>, tensor<4x8xf16>, tensor<4xf16>) -> tensor<2x5x4xf16>
  mil.return %0 : tensor<2x5x4xf16>
}

// -----

// iOS17: weight may differ from x in element type.
// CHECK-LABEL: mil.function @linear_mixed
mil.function @linear_mixed(%x: tensor<?x8xf32>, %w: tensor<4x8xf16>) -> tensor<?x4xf32>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.linear x(%{{.*}}) weight(%{{.*}}) :
  %0 = mil.linear x(%x) weight(%w) : (tensor<?x8xf32>, tensor<4x8xf16>) -> tensor<?x4xf32>
  mil.return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: mil.function @matmul
mil.function @matmul(%x: tensor<10x4x3xf32>, %y: tensor<5x10x3x2xf32>, %tx: tensor<i1>, %ty: tensor<i1>,
    %v: tensor<3xi32>, %m: tensor<3x7xi32>) -> (tensor<5x10x4x2xf32>, tensor<5x10x?x?xf32>, tensor<7xi32>)
    attributes {opset = "CoreML5"} {
  // CHECK: mil.matmul x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.matmul x(%x) y(%y) : (tensor<10x4x3xf32>, tensor<5x10x3x2xf32>) -> tensor<5x10x4x2xf32>
  // CHECK: mil.matmul x(%{{.*}}) y(%{{.*}}) transpose_x(%{{.*}}) transpose_y(%{{.*}}) :
  %1 = mil.matmul x(%x) y(%y) transpose_x(%tx) transpose_y(%ty)
      : (tensor<10x4x3xf32>, tensor<5x10x3x2xf32>, tensor<i1>, tensor<i1>) -> tensor<5x10x?x?xf32>
  // CHECK: mil.matmul x(%{{.*}}) y(%{{.*}}) :
  %2 = mil.matmul x(%v) y(%m) : (tensor<3xi32>, tensor<3x7xi32>) -> tensor<7xi32>
  mil.return %0, %1, %2 : tensor<5x10x4x2xf32>, tensor<5x10x?x?xf32>, tensor<7xi32>
}

// -----

// iOS17: with a const y of another element type, the output follows x.
// CHECK-LABEL: mil.function @matmul_mixed
mil.function @matmul_mixed(%x: tensor<4x3xf16>, %y: tensor<3x2xf32>) -> tensor<4x2xf16>
    attributes {opset = "CoreML7"} {
  // CHECK: mil.matmul x(%{{.*}}) y(%{{.*}}) :
  %0 = mil.matmul x(%x) y(%y) : (tensor<4x3xf16>, tensor<3x2xf32>) -> tensor<4x2xf16>
  mil.return %0 : tensor<4x2xf16>
}

// -----

// CHECK-LABEL: mil.function @einsum
mil.function @einsum(%a: tensor<2x3x4x5xf16>, %b: tensor<1x5x1x6xf16>, %eq: tensor<!mil.string>,
    %c: tensor<3x4x5xf32>, %d: tensor<5x4x6xf32>) -> (tensor<2x3x4x6xf16>, tensor<3x4x6xf32>)
    attributes {opset = "CoreML6"} {
  // CHECK: mil.einsum values(%{{.*}}, %{{.*}}) equation(%{{.*}}) :
  %0 = mil.einsum values(%a, %b) equation(%eq)
      : (tensor<2x3x4x5xf16>, tensor<1x5x1x6xf16>, tensor<!mil.string>) -> tensor<2x3x4x6xf16>
  // CHECK: mil.einsum values(%{{.*}}, %{{.*}}) equation(%{{.*}}) :
  %1 = mil.einsum values(%c, %d) equation(%eq)
      : (tensor<3x4x5xf32>, tensor<5x4x6xf32>, tensor<!mil.string>) -> tensor<3x4x6xf32>
  mil.return %0, %1 : tensor<2x3x4x6xf16>, tensor<3x4x6xf32>
}

// -----

// CHECK-LABEL: mil.function @sdpa
mil.function @sdpa(%q: tensor<2x8x10x64xf16>, %k: tensor<2x8x12x64xf16>, %v: tensor<2x8x12x32xf16>,
    %bm: tensor<10x12xi1>, %fm: tensor<2x1x10x12xf16>) -> (tensor<2x8x10x32xf16>, tensor<2x8x10x32xf16>)
    attributes {opset = "CoreML8"} {
  // CHECK: mil.scaled_dot_product_attention query(%{{.*}}) key(%{{.*}}) value(%{{.*}}) attn_mask(%{{.*}}) :
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%bm)
      : (tensor<2x8x10x64xf16>, tensor<2x8x12x64xf16>, tensor<2x8x12x32xf16>, tensor<10x12xi1>) -> tensor<2x8x10x32xf16>
  // CHECK: mil.scaled_dot_product_attention query(%{{.*}}) key(%{{.*}}) value(%{{.*}}) attn_mask(%{{.*}}) :
  %1 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v) attn_mask(%fm)
      : (tensor<2x8x10x64xf16>, tensor<2x8x12x64xf16>, tensor<2x8x12x32xf16>, tensor<2x1x10x12xf16>) -> tensor<2x8x10x32xf16>
  mil.return %0, %1 : tensor<2x8x10x32xf16>, tensor<2x8x10x32xf16>
}

// -----

// CHECK-LABEL: mil.function @sdpa_no_mask
mil.function @sdpa_no_mask(%q: tensor<?x10x64xf32>, %k: tensor<?x12x64xf32>, %v: tensor<?x12x64xf32>)
    -> tensor<?x10x64xf32> attributes {opset = "CoreML8"} {
  // CHECK: mil.scaled_dot_product_attention query(%{{.*}}) key(%{{.*}}) value(%{{.*}}) :
  %0 = mil.scaled_dot_product_attention query(%q) key(%k) value(%v)
      : (tensor<?x10x64xf32>, tensor<?x12x64xf32>, tensor<?x12x64xf32>) -> tensor<?x10x64xf32>
  mil.return %0 : tensor<?x10x64xf32>
}
