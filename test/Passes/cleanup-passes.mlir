// RUN: mil-opt %s -split-input-file --mil-dead-code-elimination | FileCheck %s --check-prefix=DCE
// RUN: mil-opt %s -split-input-file --mil-const-deduplication | FileCheck %s --check-prefix=DEDUP
// RUN: mil-opt %s -split-input-file --mil-const-elimination | FileCheck %s --check-prefix=FOLD
// RUN: mil-opt %s -split-input-file --mil-const-elimination="fold-constexpr=true" | FileCheck %s --check-prefix=FOLDCX
// RUN: mil-opt %s -split-input-file --mil-const-elimination="skip-const-by-size=10" 2>&1 | FileCheck %s --check-prefix=SKIP

// Unused ops go, in chains; what reaches the output stays.
// DCE-LABEL: mil.function @dead
// DCE-NOT: %unused
// DCE-NOT: %chain
// DCE: %y = mil.relu x(%arg0)
// DCE-NEXT: mil.return %y
mil.function @dead(%x: tensor<4xf32>) -> tensor<4xf32> attributes {opset = "CoreML8"} {
  %c = mil.const dense<1.0> : tensor<4xf32> {name = "c"}
  %unused = mil.add x(%x) y(%c) {name = "unused"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %chain = mil.relu x(%unused) {name = "chain"} : (tensor<4xf32>) -> tensor<4xf32>
  %y = mil.relu x(%x) {name = "y"} : (tensor<4xf32>) -> tensor<4xf32>
  mil.return %y : tensor<4xf32>
}

// -----

// Equal weights (type and bytes) of at least 100 elements are shared; small
// ones, different ones and block outputs are left alone. Then the constexpr
// ops that now read the same consts are merged.
// DEDUP-LABEL: mil.function @dedup
// DEDUP: %a = mil.const dense<5.000000e-01> : tensor<10x10xf32>
// DEDUP-NOT: %b = mil.const
// DEDUP: %c = mil.const dense<2.500000e-01> : tensor<10x10xf32>
// DEDUP: %s = mil.const dense<5.000000e-01> : tensor<3x3xf32>
// DEDUP: %t = mil.const dense<5.000000e-01> : tensor<3x3xf32>
// DEDUP: mil.add x(%a) y(%a)
// DEDUP-NEXT: mil.add x(%a) y(%c)
// DEDUP-NEXT: mil.add x(%s) y(%t)
// DEDUP: %q1 = mil.constexpr_blockwise_shift_scale
// DEDUP-NOT: %q2 = mil.constexpr
// DEDUP: mil.add x(%q1) y(%q1)
// DEDUP: mil.return {{.*}}, %e
mil.function @dedup(%x: tensor<4xf32>) -> (tensor<10x10xf32>, tensor<10x10xf32>, tensor<3x3xf32>, tensor<10x10xf32>, tensor<10x10xf32>) attributes {opset = "CoreML8"} {
  %a = mil.const dense<0.5> : tensor<10x10xf32> {name = "a"}
  %b = mil.const dense<0.5> : tensor<10x10xf32> {name = "b"}
  %c = mil.const dense<0.25> : tensor<10x10xf32> {name = "c"}
  %s = mil.const dense<0.5> : tensor<3x3xf32> {name = "s"}
  %t = mil.const dense<0.5> : tensor<3x3xf32> {name = "t"}
  %e = mil.const dense<0.5> : tensor<10x10xf32> {name = "e"}
  %ab = mil.add x(%a) y(%b) {name = "ab"} : (tensor<10x10xf32>, tensor<10x10xf32>) -> tensor<10x10xf32>
  %ac = mil.add x(%a) y(%c) {name = "ac"} : (tensor<10x10xf32>, tensor<10x10xf32>) -> tensor<10x10xf32>
  %st = mil.add x(%s) y(%t) {name = "st"} : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %d1 = mil.const dense<3> : tensor<10x10xi8> {name = "d1"}
  %d2 = mil.const dense<3> : tensor<10x10xi8> {name = "d2"}
  %sc = mil.const dense<0.5> : tensor<10x1xf32> {name = "sc"}
  %q1 = mil.constexpr_blockwise_shift_scale data(%d1) scale(%sc) {name = "q1"} : (tensor<10x10xi8>, tensor<10x1xf32>) -> tensor<10x10xf32>
  %q2 = mil.constexpr_blockwise_shift_scale data(%d2) scale(%sc) {name = "q2"} : (tensor<10x10xi8>, tensor<10x1xf32>) -> tensor<10x10xf32>
  %qq = mil.add x(%q1) y(%q2) {name = "qq"} : (tensor<10x10xf32>, tensor<10x10xf32>) -> tensor<10x10xf32>
  mil.return %ab, %ac, %st, %qq, %e : tensor<10x10xf32>, tensor<10x10xf32>, tensor<3x3xf32>, tensor<10x10xf32>, tensor<10x10xf32>
}

// -----

// shape of a static tensor folds; a reshape of a const becomes a const of
// the new shape; constexpr ops are not folded unless asked.
// FOLD-LABEL: mil.function @fold
// FOLD: %s = mil.const dense<[2, 6]> : tensor<2xi32> {name = "s"}
// FOLD: %r = mil.const dense<1.000000e+00> : tensor<3x4xf32> {name = "r"}
// FOLD: mil.constexpr_blockwise_shift_scale
// FOLDCX-LABEL: mil.function @fold
// FOLDCX-NOT: mil.constexpr
// FOLDCX: %q = mil.const dense_resource<q> : tensor<2x6xf32> {name = "q"}
// SKIP: warning: not folded: an output has more than 10 elements
// SKIP-LABEL: mil.function @fold
// SKIP: %s = mil.const dense<[2, 6]> : tensor<2xi32> {name = "s"}
// SKIP: %r = mil.reshape
mil.function @fold(%x: tensor<2x6xf32>) -> (tensor<2xi32>, tensor<3x4xf32>, tensor<2x6xf32>) attributes {opset = "CoreML8"} {
  %s = mil.shape x(%x) {name = "s"} : (tensor<2x6xf32>) -> tensor<2xi32>
  %w = mil.const dense<1.0> : tensor<2x6xf32> {name = "w"}
  %shape = mil.const dense<[3, 4]> : tensor<2xi32> {name = "shape"}
  %r = mil.reshape x(%w) shape(%shape) {name = "r"} : (tensor<2x6xf32>, tensor<2xi32>) -> tensor<3x4xf32>
  %d = mil.const dense<2> : tensor<2x6xi8> {name = "d"}
  %sc = mil.const dense<0.5> : tensor<2x1xf32> {name = "sc"}
  %q = mil.constexpr_blockwise_shift_scale data(%d) scale(%sc) {name = "q"} : (tensor<2x6xi8>, tensor<2x1xf32>) -> tensor<2x6xf32>
  mil.return %s, %r, %q : tensor<2xi32>, tensor<3x4xf32>, tensor<2x6xf32>
}

// -----

// iOS16 constexpr parameters are consts in coremltools: equal ones of at
// least 100 elements share the first one's resource (one blob on export),
// dense ones through a new resource; smaller or different ones stay apart.
// DEDUP-LABEL: mil.function @shared_ios16_parameters
// DEDUP: %a = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>, name = "a", quantized_data = dense<1> : tensor<128x1xi8>, scale = dense_resource<[[SCALE:[a-z_0-9]+]]> : tensor<128xf16>, zero_point = dense_resource<zp_a> : tensor<128xi8>}
// DEDUP: %b = mil.constexpr_affine_dequantize {axis = dense<0> : tensor<i32>, name = "b", quantized_data = dense<2> : tensor<128x1xi8>, scale = dense_resource<[[SCALE]]> : tensor<128xf16>, zero_point = dense_resource<zp_a> : tensor<128xi8>}
// DEDUP: %c = mil.constexpr_affine_dequantize {{.*}}zero_point = dense_resource<zp_c> : tensor<128xi8>}
// DEDUP: %d = mil.constexpr_affine_dequantize {{.*}}zero_point = dense<0> : tensor<64xi8>}
// DEDUP: %e = mil.constexpr_affine_dequantize {{.*}}zero_point = dense<0> : tensor<64xi8>}
mil.function @shared_ios16_parameters() -> (tensor<128x1xf16>, tensor<128x1xf16>, tensor<128x1xf16>, tensor<64x1xf16>, tensor<64x1xf16>)
    attributes {opset = "CoreML6"} {
  %a = mil.constexpr_affine_dequantize {quantized_data = dense<1> : tensor<128x1xi8>, zero_point = dense_resource<zp_a> : tensor<128xi8>, scale = dense<0.5> : tensor<128xf16>, axis = dense<0> : tensor<i32>, name = "a"} : () -> tensor<128x1xf16>
  %b = mil.constexpr_affine_dequantize {quantized_data = dense<2> : tensor<128x1xi8>, zero_point = dense_resource<zp_b> : tensor<128xi8>, scale = dense<0.5> : tensor<128xf16>, axis = dense<0> : tensor<i32>, name = "b"} : () -> tensor<128x1xf16>
  %c = mil.constexpr_affine_dequantize {quantized_data = dense<3> : tensor<128x1xi8>, zero_point = dense_resource<zp_c> : tensor<128xi8>, scale = dense<0.25> : tensor<128xf16>, axis = dense<0> : tensor<i32>, name = "c"} : () -> tensor<128x1xf16>
  %d = mil.constexpr_affine_dequantize {quantized_data = dense<4> : tensor<64x1xi8>, zero_point = dense<0> : tensor<64xi8>, scale = dense<0.25> : tensor<64xf16>, axis = dense<0> : tensor<i32>, name = "d"} : () -> tensor<64x1xf16>
  %e = mil.constexpr_affine_dequantize {quantized_data = dense<5> : tensor<64x1xi8>, zero_point = dense<0> : tensor<64xi8>, scale = dense<0.25> : tensor<64xf16>, axis = dense<0> : tensor<i32>, name = "e"} : () -> tensor<64x1xf16>
  mil.return %a, %b, %c, %d, %e : tensor<128x1xf16>, tensor<128x1xf16>, tensor<128x1xf16>, tensor<64x1xf16>, tensor<64x1xf16>
}

{-#
  dialect_resources: {
    builtin: {
      zp_a: "0x010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      zp_b: "0x010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      zp_c: "0x010000000101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"
    }
  }
#-}
