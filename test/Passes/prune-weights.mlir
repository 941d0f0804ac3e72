// RUN: mil-opt %s -split-input-file --mil-prune-weights="weight-threshold=0 threshold=2.5 minimum-sparsity-percentile=0.2" | FileCheck %s --check-prefix=THRESHOLD
// RUN: mil-opt %s -split-input-file --mil-prune-weights="weight-threshold=0 target-sparsity=0.5" | FileCheck %s --check-prefix=MAGNITUDE
// RUN: mil-opt %s -split-input-file --mil-prune-weights="weight-threshold=0 threshold=2.5" 2>&1 | FileCheck %s --check-prefix=SKIP

// Threshold pruning zeroes |w| <= 2.5 (spec 3.4.1) and keeps 6 values; the
// uint1 mask is the weight's shape.
// THRESHOLD-LABEL: mil.function @ios18
// THRESHOLD: %w_sparsified = mil.constexpr_sparse_to_dense nonzero_data(%{{.*}}) mask(%{{.*}}) {name = "w_sparsified"} : (tensor<6xf32>, tensor<2x5xui1>) -> tensor<2x5xf32>
// THRESHOLD: w_sparsified_nonzero_data: "0x10000000000020C10000C040000040C000004040000080400000A040"
// THRESHOLD: w_sparsified_mask: "0x100000008E03"
// 50% magnitude pruning: the median magnitude is 3 and ties go, 4 remain.
// MAGNITUDE-LABEL: mil.function @ios18
// MAGNITUDE: mil.constexpr_sparse_to_dense nonzero_data(%{{.*}}) mask(%{{.*}}) {name = "w_sparsified"} : (tensor<4xf32>, tensor<2x5xui1>) -> tensor<2x5xf32>
// Below minimum_sparsity_percentile (default 0.5) the weight stays dense.
// SKIP: warning: weight value has sparsity of 0.4 < minimum_sparsity_percentile 0.5. Skipped.
// SKIP-LABEL: mil.function @ios18
// SKIP-NOT: constexpr
mil.function @ios18(%x: tensor<1x5xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML8"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf32> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf32>, tensor<2x5xf32>) -> tensor<1x2xf32>
  mil.return %y : tensor<1x2xf32>
}

// -----

// CoreML6: the iOS16 form, the mask packed LSB first into uint8 and the
// shape as uint32.
// MAGNITUDE-LABEL: mil.function @ios16
// MAGNITUDE: %w_sparsified = mil.constexpr_sparse_to_dense {mask = dense_resource<w_sparsified_mask> : tensor<2xui8>, name = "w_sparsified", nonzero_data = dense_resource<w_sparsified_data> : tensor<4xf16>, shape = dense<[2, 5]> : tensor<2xui32>} : () -> tensor<2x5xf16>
mil.function @ios16(%x: tensor<1x5xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML6"} {
  %w = mil.const dense<[[-2.0, -10.0, 6.0, -3.0, 0.0], [1.0, 2.0, 3.0, 4.0, 5.0]]> : tensor<2x5xf16> {name = "w"}
  %y = mil.linear x(%x) weight(%w) {name = "y"} : (tensor<1x5xf16>, tensor<2x5xf16>) -> tensor<1x2xf16>
  mil.return %y : tensor<1x2xf16>
}
