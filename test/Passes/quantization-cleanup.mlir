// RUN: mil-opt %s -split-input-file --mil-nullify-redundant-quantization-zero-point | FileCheck %s --check-prefix=NULL
// RUN: mil-opt %s -split-input-file --mil-dequantize-quantize-pair-elimination | FileCheck %s --check-prefix=PAIR
// RUN: mil-opt %s -split-input-file --mil-distributive-quantized-binary-op-scale-normalization | FileCheck %s --check-prefix=DIST
// RUN: mil-opt %s -split-input-file --mil-remove-redundant-ops | FileCheck %s --check-prefix=RED
// RUN: mil-opt %s -split-input-file --mil-dedup-op-and-var-names | FileCheck %s --check-prefix=DEDUP
// RUN: mil-opt %s -split-input-file --mil-topological-reorder | FileCheck %s --check-prefix=TOPO

// A zero point of 0 is dropped: the ops are rebuilt with new automatic
// names; other zero points stay.
// NULL-LABEL: mil.function @zero_points
// NULL: %[[Q:.*]] = mil.quantize input(%x) scale(%s) output_dtype(%dt) {name = "quantize_0"}
// NULL: mil.dequantize input(%[[Q]]) scale(%s) {name = "dequantize_0"}
// NULL: mil.quantize input(%x) zero_point(%z3)
mil.function @zero_points(%x: tensor<4xf16>) -> (tensor<4xf16>, tensor<4xi8>) attributes {opset = "CoreML7", input_names = ["x"]} {
  %s = mil.const dense<5.000000e-01> : tensor<f16> {name = "s"}
  %z = mil.const dense<0> : tensor<i8> {name = "z"}
  %z3 = mil.const dense<3> : tensor<i8> {name = "z3"}
  %dt = mil.const dense<"int8"> : tensor<!mil.string> {name = "dt"}
  %q = mil.quantize input(%x) zero_point(%z) scale(%s) output_dtype(%dt) {name = "q"} : (tensor<4xf16>, tensor<i8>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  %d = mil.dequantize input(%q) zero_point(%z) scale(%s) {name = "d"} : (tensor<4xi8>, tensor<i8>, tensor<f16>) -> tensor<4xf16>
  %q3 = mil.quantize input(%x) zero_point(%z3) scale(%s) output_dtype(%dt) {name = "q3"} : (tensor<4xf16>, tensor<i8>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  mil.return %d, %q3 : tensor<4xf16>, tensor<4xi8>
}

// -----

// dequantize -> quantize with equal parameters cancels; a different scale
// does not.
// PAIR-LABEL: mil.function @pairs
// PAIR-NOT: %q2 =
// PAIR: %q3 = mil.quantize input(%d) scale(%s2)
// PAIR: %r = mil.relu x(%d)
// PAIR: mil.return %q1, %q3
mil.function @pairs(%x: tensor<4xf16>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xf16>) attributes {opset = "CoreML7", input_names = ["x"]} {
  %s = mil.const dense<5.000000e-01> : tensor<f16> {name = "s"}
  %s1 = mil.const dense<5.000000e-01> : tensor<f16> {name = "s1"}
  %s2 = mil.const dense<2.500000e-01> : tensor<f16> {name = "s2"}
  %dt = mil.const dense<"int8"> : tensor<!mil.string> {name = "dt"}
  %q1 = mil.quantize input(%x) scale(%s) output_dtype(%dt) {name = "q1"} : (tensor<4xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  %d = mil.dequantize input(%q1) scale(%s) {name = "d"} : (tensor<4xi8>, tensor<f16>) -> tensor<4xf16>
  %q2 = mil.quantize input(%d) scale(%s1) output_dtype(%dt) {name = "q2"} : (tensor<4xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  %q3 = mil.quantize input(%d) scale(%s2) output_dtype(%dt) {name = "q3"} : (tensor<4xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  %r = mil.relu x(%d) {name = "r"} : (tensor<4xf16>) -> tensor<4xf16>
  mil.return %q2, %q3, %r : tensor<4xi8>, tensor<4xi8>, tensor<4xf16>
}

// -----

// A quantized add gets input scales s_x/s_y and 1 and output scale s_z/s_y
// (in new ops with automatic names).
// DIST-LABEL: mil.function @distributive
// DIST: mil.const dense<4.000000e+00> : tensor<f16> {name = "dequantize_0_scale_0"}
// DIST: %[[X:.*]] = mil.dequantize input(%qa) scale({{.*}}) {name = "dequantize_0"}
// DIST: mil.const dense<1.000000e+00> : tensor<f16> {name = "dequantize_1_scale_0"}
// DIST: %[[Y:.*]] = mil.dequantize input(%qb) scale({{.*}}) {name = "dequantize_1"}
// DIST: %sum = mil.add x(%[[X]]) y(%[[Y]])
// DIST: mil.const dense<8.000000e+00> : tensor<f16> {name = "quantize_0_scale_0"}
// DIST: %[[Z:.*]] = mil.quantize input(%sum) scale({{.*}}) output_dtype(%dt) {name = "quantize_0"}
// DIST: mil.dequantize input(%[[Z]])
mil.function @distributive(%qa: tensor<4xi8>, %qb: tensor<4xi8>) -> tensor<4xf16> attributes {opset = "CoreML7", input_names = ["qa", "qb"]} {
  %sa = mil.const dense<1.000000e+00> : tensor<f16> {name = "sa"}
  %sb = mil.const dense<2.500000e-01> : tensor<f16> {name = "sb"}
  %sz = mil.const dense<2.000000e+00> : tensor<f16> {name = "sz"}
  %dt = mil.const dense<"int8"> : tensor<!mil.string> {name = "dt"}
  %da = mil.dequantize input(%qa) scale(%sa) {name = "da"} : (tensor<4xi8>, tensor<f16>) -> tensor<4xf16>
  %db = mil.dequantize input(%qb) scale(%sb) {name = "db"} : (tensor<4xi8>, tensor<f16>) -> tensor<4xf16>
  %sum = mil.add x(%da) y(%db) {name = "sum"} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %qz = mil.quantize input(%sum) scale(%sz) output_dtype(%dt) {name = "qz"} : (tensor<4xf16>, tensor<f16>, tensor<!mil.string>) -> tensor<4xi8>
  %dz = mil.dequantize input(%qz) scale(%sz) {name = "dz"} : (tensor<4xi8>, tensor<f16>) -> tensor<4xf16>
  mil.return %dz : tensor<4xf16>
}

// -----

// Consumers of one value with identical inputs merge into the first; a
// block output is kept.
// RED-LABEL: mil.function @redundant
// RED: %r1 = mil.relu x(%x)
// RED-NOT: %r2 =
// RED: %r3 = mil.relu x(%x)
// RED: %s1 = mil.add x(%x) y(%c1)
// RED-NOT: %s2 =
// RED: %n = mil.add x(%r1) y(%s1)
// RED: mil.return %r1, %r3, %s1, %n
mil.function @redundant(%x: tensor<4xf16>) -> (tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>) attributes {opset = "CoreML7", input_names = ["x"]} {
  %c1 = mil.const dense<1.000000e+00> : tensor<f16> {name = "c1"}
  %c2 = mil.const dense<1.000000e+00> : tensor<f16> {name = "c2"}
  %r1 = mil.relu x(%x) {name = "r1"} : (tensor<4xf16>) -> tensor<4xf16>
  %r2 = mil.relu x(%x) {name = "r2"} : (tensor<4xf16>) -> tensor<4xf16>
  %r3 = mil.relu x(%x) {name = "r3"} : (tensor<4xf16>) -> tensor<4xf16>
  %s1 = mil.add x(%x) y(%c1) {name = "s1"} : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
  %s2 = mil.add x(%x) y(%c2) {name = "s2"} : (tensor<4xf16>, tensor<f16>) -> tensor<4xf16>
  %n = mil.add x(%r2) y(%s2) {name = "n"} : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  mil.return %r1, %r3, %s1, %n : tensor<4xf16>, tensor<4xf16>, tensor<4xf16>, tensor<4xf16>
}

// -----

// A name used before gets "_1" (op and var names are counted apart);
// function outputs keep theirs.
// DEDUP-LABEL: mil.function @dedup
// DEDUP: %a = mil.relu x(%x) {name = "a"}
// DEDUP: %a_1 = mil.relu x(%a) {name = "a_1"}
// DEDUP: mil.relu x(%a_1) {name = "a_2", outputs = ["out"]}
mil.function @dedup(%x: tensor<4xf16>) -> tensor<4xf16> attributes {opset = "CoreML7", input_names = ["x"]} {
  %0 = mil.relu x(%x) {name = "a"} : (tensor<4xf16>) -> tensor<4xf16>
  %1 = mil.relu x(%0) {name = "a"} : (tensor<4xf16>) -> tensor<4xf16>
  %2 = mil.relu x(%1) {name = "a", outputs = ["out"]} : (tensor<4xf16>) -> tensor<4xf16>
  mil.return %2 : tensor<4xf16>
}

// -----

// A cast moves right before its first consumer; one that only feeds the
// block output moves to the end.
// TOPO-LABEL: mil.function @reorder
// TOPO: %r = mil.relu x(%x)
// TOPO-NEXT: %c = mil.cast
// TOPO-NEXT: %s = mil.sigmoid x(%c)
// TOPO-NEXT: %e = mil.cast
// TOPO-NEXT: mil.return
mil.function @reorder(%x: tensor<4xf32>) -> (tensor<4xf16>, tensor<4xf16>, tensor<4xf32>) attributes {opset = "CoreML7", input_names = ["x"]} {
  %t = mil.const dense<"fp16"> : tensor<!mil.string> {name = "t"}
  %c = mil.cast x(%x) dtype(%t) {name = "c"} : (tensor<4xf32>, tensor<!mil.string>) -> tensor<4xf16>
  %e = mil.cast x(%x) dtype(%t) {name = "e"} : (tensor<4xf32>, tensor<!mil.string>) -> tensor<4xf16>
  %r = mil.relu x(%x) {name = "r"} : (tensor<4xf32>) -> tensor<4xf32>
  %s = mil.sigmoid x(%c) {name = "s"} : (tensor<4xf16>) -> tensor<4xf16>
  mil.return %s, %e, %r : tensor<4xf16>, tensor<4xf16>, tensor<4xf32>
}
