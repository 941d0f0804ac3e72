// crop_resize in both forms (goldens by hand: x[0] = 0..15 and x[1] =
// 100..115 as 4x4 images; ALIGN_CORNERS with a 2x2 target samples the box
// corners).
// RUN: mil-run %s --random-inputs --function boxes --print-outputs | FileCheck %s --check-prefix=BOXES
// RUN: mil-run %s --random-inputs --function roi --print-outputs | FileCheck %s --check-prefix=ROI
// RUN: not mil-run %s --random-inputs --function bad_index 2>&1 | FileCheck %s --check-prefix=INDEX
// RUN: not mil-run %s --random-inputs --function bad_mode 2>&1 | FileCheck %s --check-prefix=MODE

module {
  // Box [0, 0, 3, 3] on image 1, box [1, 1, 2, 2] on image 0; the box mode
  // is coremltools' misspelled default.
  // BOXES: y = 100 103 112 115 5 6 9 10{{$}}
  mil.function @boxes() -> tensor<2x1x2x2xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]], [[[100.0, 101.0, 102.0, 103.0], [104.0, 105.0, 106.0, 107.0], [108.0, 109.0, 110.0, 111.0], [112.0, 113.0, 114.0, 115.0]]]]> : tensor<2x1x4x4xf32> {name = "x"}
    %b = mil.const dense<[[0.0, 0.0, 3.0, 3.0], [1.0, 1.0, 2.0, 2.0]]> : tensor<2x4xf32> {name = "b"}
    %i = mil.const dense<[1, 0]> : tensor<2xi32> {name = "i"}
    %th = mil.const dense<2> : tensor<i32> {name = "th"}
    %tw = mil.const dense<2> : tensor<i32> {name = "tw"}
    %bm = mil.const dense<"CONRNERS_HEIGHT_FIRST"> : tensor<!mil.string> {name = "bm"}
    %sm = mil.const dense<"ALIGN_CORNERS"> : tensor<!mil.string> {name = "sm"}
    %y = mil.crop_resize x(%x) boxes(%b) box_indices(%i) target_height(%th) target_width(%tw) box_coordinate_mode(%bm) sampling_mode(%sm) {name = "y"} : (tensor<2x1x4x4xf32>, tensor<2x4xf32>, tensor<2xi32>, tensor<i32>, tensor<i32>, tensor<!mil.string>, tensor<!mil.string>) -> tensor<2x1x2x2xf32>
    mil.return %y : tensor<2x1x2x2xf32>
  }

  // A 4-wide roi crops every image of the batch: [N, B, C, h, w].
  // ROI: y = 0 3 12 15 100 103 112 115{{$}}
  mil.function @roi() -> tensor<1x2x1x2x2xf32> attributes {opset = "CoreML6", input_names = []} {
    %x = mil.const dense<[[[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0], [12.0, 13.0, 14.0, 15.0]]], [[[100.0, 101.0, 102.0, 103.0], [104.0, 105.0, 106.0, 107.0], [108.0, 109.0, 110.0, 111.0], [112.0, 113.0, 114.0, 115.0]]]]> : tensor<2x1x4x4xf32> {name = "x"}
    %r = mil.const dense<[[[[[0.0]], [[0.0]], [[3.0]], [[3.0]]]]]> : tensor<1x1x4x1x1xf32> {name = "r"}
    %th = mil.const dense<2> : tensor<i32> {name = "th"}
    %tw = mil.const dense<2> : tensor<i32> {name = "tw"}
    %sm = mil.const dense<"STRICT_ALIGN_CORNERS"> : tensor<!mil.string> {name = "sm"}
    %y = mil.crop_resize x(%x) roi(%r) target_height(%th) target_width(%tw) sampling_mode(%sm) {name = "y"} : (tensor<2x1x4x4xf32>, tensor<1x1x4x1x1xf32>, tensor<i32>, tensor<i32>, tensor<!mil.string>) -> tensor<1x2x1x2x2xf32>
    mil.return %y : tensor<1x2x1x2x2xf32>
  }

  // INDEX: error: cannot evaluate 'crop_resize' op 'y': box index 2 is outside [0, 2)
  mil.function @bad_index() -> tensor<1x1x1x1xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<2x1x4x4xf32> {name = "x"}
    %b = mil.const dense<[[0.0, 0.0, 3.0, 3.0]]> : tensor<1x4xf32> {name = "b"}
    %i = mil.const dense<[2]> : tensor<1xi32> {name = "i"}
    %y = mil.crop_resize x(%x) boxes(%b) box_indices(%i) {name = "y"} : (tensor<2x1x4x4xf32>, tensor<1x4xf32>, tensor<1xi32>) -> tensor<1x1x1x1xf32>
    mil.return %y : tensor<1x1x1x1xf32>
  }

  // MODE: error: cannot evaluate 'crop_resize' op 'y': unknown sampling_mode 'BICUBIC'
  mil.function @bad_mode() -> tensor<1x1x1x1xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<1.0> : tensor<1x1x4x4xf32> {name = "x"}
    %b = mil.const dense<[[0.0, 0.0, 3.0, 3.0]]> : tensor<1x4xf32> {name = "b"}
    %sm = mil.const dense<"BICUBIC"> : tensor<!mil.string> {name = "sm"}
    %y = mil.crop_resize x(%x) boxes(%b) sampling_mode(%sm) {name = "y"} : (tensor<1x1x4x4xf32>, tensor<1x4xf32>, tensor<!mil.string>) -> tensor<1x1x1x1xf32>
    mil.return %y : tensor<1x1x1x1xf32>
  }
}
