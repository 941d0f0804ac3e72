// resample and affine (goldens by hand on x = 0..8 as [1, 1, 3, 3] and
// [1, 2, 3] as [1, 1, 1, 3]; the padding sequences are coremltools' own
// examples).
// RUN: mil-run %s --random-inputs --function bilinear --print-outputs | FileCheck %s --check-prefix=BIL
// RUN: mil-run %s --random-inputs --function padding --print-outputs | FileCheck %s --check-prefix=PAD
// RUN: mil-run %s --random-inputs --function normalized --print-outputs | FileCheck %s --check-prefix=NORM
// RUN: mil-run %s --random-inputs --function affine_shift --print-outputs | FileCheck %s --check-prefix=AFF
// RUN: not mil-run %s --random-inputs --function bad_padding 2>&1 | FileCheck %s --check-prefix=BADPAD
// RUN: not mil-run %s --random-inputs --shape m=2,6 --function affine_batch 2>&1 | FileCheck %s --check-prefix=AFFB

module {
  // (0.5, 0.5) averages 0, 1, 3, 4; (2, 1) is x[1][2]; (-1, 0) is the pad
  // value -1; (2.5, 2.5) blends 8 with three pads: 0.25 * 8 - 0.75.
  // BIL: y = 2 5 -1 1.25{{$}}
  mil.function @bilinear() -> tensor<1x1x1x4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]]]> : tensor<1x1x3x3xf32> {name = "x"}
    %c = mil.const dense<[[[[0.5, 0.5], [2.0, 1.0], [-1.0, 0.0], [2.5, 2.5]]]]> : tensor<1x1x4x2xf32> {name = "c"}
    %sm = mil.const dense<"bilinear"> : tensor<!mil.string> {name = "sm"}
    %pm = mil.const dense<"constant"> : tensor<!mil.string> {name = "pm"}
    %pv = mil.const dense<-1.0> : tensor<f32> {name = "pv"}
    %cm = mil.const dense<"unnormalized"> : tensor<!mil.string> {name = "cm"}
    %ac = mil.const dense<false> : tensor<i1> {name = "ac"}
    %y = mil.resample x(%x) coordinates(%c) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "y"} : (tensor<1x1x3x3xf32>, tensor<1x1x4x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x4xf32>
    mil.return %y : tensor<1x1x1x4xf32>
  }

  // Nearest samples of |1, 2, 3| at x = -3..5.
  // PAD: r = 2 3 2 1 2 3 2 1 2{{$}}
  // PAD: s = 3 2 1 1 2 3 3 2 1{{$}}
  // PAD: b = 1 1 1 1 2 3 3 3 3{{$}}
  mil.function @padding() -> (tensor<1x1x1x9xf32>, tensor<1x1x1x9xf32>, tensor<1x1x1x9xf32>) attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[1.0, 2.0, 3.0]]]]> : tensor<1x1x1x3xf32> {name = "x"}
    %c = mil.const dense<[[[[-3, 0], [-2, 0], [-1, 0], [0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0]]]]> : tensor<1x1x9x2xi32> {name = "c"}
    %sm = mil.const dense<"nearest"> : tensor<!mil.string> {name = "sm"}
    %refl = mil.const dense<"reflection"> : tensor<!mil.string> {name = "refl"}
    %sym = mil.const dense<"symmetric"> : tensor<!mil.string> {name = "sym"}
    %bord = mil.const dense<"border"> : tensor<!mil.string> {name = "bord"}
    %pv = mil.const dense<0.0> : tensor<f32> {name = "pv"}
    %cm = mil.const dense<"unnormalized"> : tensor<!mil.string> {name = "cm"}
    %ac = mil.const dense<false> : tensor<i1> {name = "ac"}
    %r = mil.resample x(%x) coordinates(%c) sampling_mode(%sm) padding_mode(%refl) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "r"} : (tensor<1x1x1x3xf32>, tensor<1x1x9x2xi32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x9xf32>
    %s = mil.resample x(%x) coordinates(%c) sampling_mode(%sm) padding_mode(%sym) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "s"} : (tensor<1x1x1x3xf32>, tensor<1x1x9x2xi32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x9xf32>
    %b = mil.resample x(%x) coordinates(%c) sampling_mode(%sm) padding_mode(%bord) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "b"} : (tensor<1x1x1x3xf32>, tensor<1x1x9x2xi32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x9xf32>
    mil.return %r, %s, %b : tensor<1x1x1x9xf32>, tensor<1x1x1x9xf32>, tensor<1x1x1x9xf32>
  }

  // [-1, 1] with align_corners false: (-1, 1) is pixel (-0.5, 2.5), a
  // quarter of x[2][0] = 6 (the other neighbours are pads), and (1/3, -1/3)
  // is pixel (1.5, 0.5), the mean of 1, 2, 4, 5; [0, 1] with align_corners
  // true: (0.5, 0.5) is pixel (1, 1).
  // NORM: a = 1.5 3{{$}}
  // NORM: z = 4{{$}}
  mil.function @normalized() -> (tensor<1x1x1x2xf32>, tensor<1x1x1x1xf32>) attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]]]> : tensor<1x1x3x3xf32> {name = "x"}
    %c1 = mil.const dense<[[[[-1.0, 1.0], [0.333333343, -0.333333343]]]]> : tensor<1x1x2x2xf32> {name = "c1"}
    %c2 = mil.const dense<[[[[0.5, 0.5]]]]> : tensor<1x1x1x2xf32> {name = "c2"}
    %sm = mil.const dense<"bilinear"> : tensor<!mil.string> {name = "sm"}
    %pm = mil.const dense<"constant"> : tensor<!mil.string> {name = "pm"}
    %pv = mil.const dense<0.0> : tensor<f32> {name = "pv"}
    %m11 = mil.const dense<"normalized_minus_one_to_one"> : tensor<!mil.string> {name = "m11"}
    %m01 = mil.const dense<"normalized_zero_to_one"> : tensor<!mil.string> {name = "m01"}
    %f = mil.const dense<false> : tensor<i1> {name = "f"}
    %t = mil.const dense<true> : tensor<i1> {name = "t"}
    %a = mil.resample x(%x) coordinates(%c1) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%m11) align_corners(%f) {name = "a"} : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x2xf32>
    %z = mil.resample x(%x) coordinates(%c2) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%m01) align_corners(%t) {name = "z"} : (tensor<1x1x3x3xf32>, tensor<1x1x1x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x1xf32>
    mil.return %a, %z : tensor<1x1x1x2xf32>, tensor<1x1x1x1xf32>
  }

  // x' = x + 1 (one pixel right at align_corners, W = 3): each row shifts
  // left and the last column samples the zero pad.
  // AFF: y = 1 2 0 4 5 0 7 8 0{{$}}
  mil.function @affine_shift() -> tensor<1x1x3x3xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]]]> : tensor<1x1x3x3xf32> {name = "x"}
    %m = mil.const dense<[[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]]> : tensor<1x6xf32> {name = "m"}
    %h = mil.const dense<3> : tensor<i32> {name = "h"}
    %w = mil.const dense<3> : tensor<i32> {name = "w"}
    %sm = mil.const dense<"bilinear"> : tensor<!mil.string> {name = "sm"}
    %pm = mil.const dense<"constant"> : tensor<!mil.string> {name = "pm"}
    %pv = mil.const dense<0.0> : tensor<f32> {name = "pv"}
    %cm = mil.const dense<"normalized_minus_one_to_one"> : tensor<!mil.string> {name = "cm"}
    %ac = mil.const dense<true> : tensor<i1> {name = "ac"}
    %y = mil.affine x(%x) transform_matrix(%m) output_height(%h) output_width(%w) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "y"} : (tensor<1x1x3x3xf32>, tensor<1x6xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x3x3xf32>
    mil.return %y : tensor<1x1x3x3xf32>
  }

  // BADPAD: error: cannot evaluate 'resample' op 'y': unknown padding_mode 'wrap'
  mil.function @bad_padding() -> tensor<1x1x1x1xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<1x1x2x2xf32> {name = "x"}
    %c = mil.const dense<0.0> : tensor<1x1x1x2xf32> {name = "c"}
    %sm = mil.const dense<"bilinear"> : tensor<!mil.string> {name = "sm"}
    %pm = mil.const dense<"wrap"> : tensor<!mil.string> {name = "pm"}
    %pv = mil.const dense<0.0> : tensor<f32> {name = "pv"}
    %cm = mil.const dense<"unnormalized"> : tensor<!mil.string> {name = "cm"}
    %ac = mil.const dense<false> : tensor<i1> {name = "ac"}
    %y = mil.resample x(%x) coordinates(%c) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "y"} : (tensor<1x1x2x2xf32>, tensor<1x1x1x2xf32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x1x1xf32>
    mil.return %y : tensor<1x1x1x1xf32>
  }

  // AFFB: error: cannot evaluate 'affine' op 'y': transform_matrix must be [1, 6] or [B, 6] for x's batch B = 1, is [2, 6]
  mil.function @affine_batch(%m: tensor<?x6xf32>) -> tensor<1x1x2x2xf32> attributes {opset = "CoreML7", input_names = ["m"]} {
    %x = mil.const dense<1.0> : tensor<1x1x2x2xf32> {name = "x"}
    %h = mil.const dense<2> : tensor<i32> {name = "h"}
    %w = mil.const dense<2> : tensor<i32> {name = "w"}
    %sm = mil.const dense<"bilinear"> : tensor<!mil.string> {name = "sm"}
    %pm = mil.const dense<"constant"> : tensor<!mil.string> {name = "pm"}
    %pv = mil.const dense<0.0> : tensor<f32> {name = "pv"}
    %cm = mil.const dense<"normalized_minus_one_to_one"> : tensor<!mil.string> {name = "cm"}
    %ac = mil.const dense<true> : tensor<i1> {name = "ac"}
    %y = mil.affine x(%x) transform_matrix(%m) output_height(%h) output_width(%w) sampling_mode(%sm) padding_mode(%pm) padding_value(%pv) coordinates_mode(%cm) align_corners(%ac) {name = "y"} : (tensor<1x1x2x2xf32>, tensor<?x6xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>, tensor<f32>, tensor<!mil.string>, tensor<i1>) -> tensor<1x1x2x2xf32>
    mil.return %y : tensor<1x1x2x2xf32>
  }
}
