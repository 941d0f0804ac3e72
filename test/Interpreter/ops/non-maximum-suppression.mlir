// non_maximum_suppression, goldens by hand. Boxes are [x_center, y_center,
// width, height]: box 1 overlaps box 0 with IoU 3.8 / 4.2 (> 0.5), box 2 and
// box 3 overlap nothing; box 3 scores below the 0.1 threshold.
// RUN: mil-run %s --random-inputs --function ios15 --print-outputs | FileCheck %s --check-prefix=IOS15
// RUN: mil-run %s --random-inputs --function per_class --print-outputs | FileCheck %s --check-prefix=CLASS
// RUN: mil-run %s --random-inputs --function ios17 --print-outputs | FileCheck %s --check-prefix=IOS17
// RUN: not mil-run %s --random-inputs --shape s=1,3,2 --function mismatch 2>&1 | FileCheck %s --check-prefix=MISMATCH

module {
  // IOS15: b = 0 0 2 2 5 5 2 2 0 0 0 0{{$}}
  // IOS15: s = 0.9 0.1 0.3 0.6 0 0{{$}}
  // IOS15: i = 0 2 -1{{$}}
  // IOS15: n = 2{{$}}
  mil.function @ios15() -> (tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3xi32>, tensor<1xi32>) attributes {opset = "CoreML6", input_names = []} {
    %boxes = mil.const dense<[[[0.0, 0.0, 2.0, 2.0], [0.1, 0.0, 2.0, 2.0], [5.0, 5.0, 2.0, 2.0], [10.0, 10.0, 1.0, 1.0]]]> : tensor<1x4x4xf32> {name = "boxes"}
    %scores = mil.const dense<[[[0.9, 0.1], [0.8, 0.2], [0.3, 0.6], [0.05, 0.02]]]> : tensor<1x4x2xf32> {name = "scores"}
    %iou = mil.const dense<0.5> : tensor<f32> {name = "iou"}
    %st = mil.const dense<0.1> : tensor<f32> {name = "st"}
    %mb = mil.const dense<3> : tensor<i32> {name = "mb"}
    %b, %s, %i, %n = mil.non_maximum_suppression boxes(%boxes) scores(%scores) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) {name = "nms", outputs = ["b", "s", "i", "n"]} : (tensor<1x4x4xf32>, tensor<1x4x2xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3xi32>, tensor<1xi32>)
    mil.return %b, %s, %i, %n : tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3xi32>, tensor<1xi32>
  }

  // Per class, box 2 is kept for class 1 (0.6) and again for class 0 (0.3),
  // which box 0 does not suppress.
  // CLASS: i = 0 2 2{{$}}
  // CLASS: n = 3{{$}}
  mil.function @per_class() -> (tensor<1x3xi32>, tensor<1xi32>) attributes {opset = "CoreML6", input_names = []} {
    %boxes = mil.const dense<[[[0.0, 0.0, 2.0, 2.0], [0.1, 0.0, 2.0, 2.0], [5.0, 5.0, 2.0, 2.0], [10.0, 10.0, 1.0, 1.0]]]> : tensor<1x4x4xf32> {name = "boxes"}
    %scores = mil.const dense<[[[0.9, 0.1], [0.8, 0.2], [0.3, 0.6], [0.05, 0.02]]]> : tensor<1x4x2xf32> {name = "scores"}
    %iou = mil.const dense<0.5> : tensor<f32> {name = "iou"}
    %st = mil.const dense<0.1> : tensor<f32> {name = "st"}
    %mb = mil.const dense<3> : tensor<i32> {name = "mb"}
    %pc = mil.const dense<true> : tensor<i1> {name = "pc"}
    %b, %s, %i, %n = mil.non_maximum_suppression boxes(%boxes) scores(%scores) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) per_class_suppression(%pc) {name = "nms", outputs = ["b", "s", "i", "n"]} : (tensor<1x4x4xf32>, tensor<1x4x2xf32>, tensor<f32>, tensor<f32>, tensor<i32>, tensor<i1>) -> (tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3xi32>, tensor<1xi32>)
    mil.return %i, %n : tensor<1x3xi32>, tensor<1xi32>
  }

  // iOS17: coordinates and classes first, no score threshold.
  // IOS17: i = 0 2 3{{$}}
  mil.function @ios17() -> tensor<1x3xi32> attributes {opset = "CoreML7", input_names = []} {
    %boxes = mil.const dense<[[[0.0, 0.1, 5.0, 10.0], [0.0, 0.0, 5.0, 10.0], [2.0, 2.0, 2.0, 1.0], [2.0, 2.0, 2.0, 1.0]]]> : tensor<1x4x4xf32> {name = "boxes"}
    %scores = mil.const dense<[[[0.9, 0.8, 0.3, 0.05], [0.1, 0.2, 0.6, 0.02]]]> : tensor<1x2x4xf32> {name = "scores"}
    %iou = mil.const dense<0.5> : tensor<f32> {name = "iou"}
    %mb = mil.const dense<3> : tensor<i32> {name = "mb"}
    %b, %s, %i = mil.non_maximum_suppression boxes(%boxes) scores(%scores) iou_threshold(%iou) max_boxes(%mb) {name = "nms", outputs = ["b", "s", "i"]} : (tensor<1x4x4xf32>, tensor<1x2x4xf32>, tensor<f32>, tensor<i32>) -> (tensor<1x3x4xf32>, tensor<1x3x2xf32>, tensor<1x3xi32>)
    mil.return %i : tensor<1x3xi32>
  }

  // MISMATCH: error: cannot evaluate 'non_maximum_suppression' op 'nms': boxes must be [n, B, 4] and scores [n, B, K]
  mil.function @mismatch(%s: tensor<?x?x?xf32>) -> tensor<?x2xi32> attributes {opset = "CoreML6", input_names = ["s"]} {
    %boxes = mil.const dense<1.0> : tensor<1x4x4xf32> {name = "boxes"}
    %iou = mil.const dense<0.5> : tensor<f32> {name = "iou"}
    %st = mil.const dense<0.1> : tensor<f32> {name = "st"}
    %mb = mil.const dense<2> : tensor<i32> {name = "mb"}
    %b, %sc, %i, %n = mil.non_maximum_suppression boxes(%boxes) scores(%s) iou_threshold(%iou) score_threshold(%st) max_boxes(%mb) {name = "nms", outputs = ["b", "s", "i", "n"]} : (tensor<1x4x4xf32>, tensor<?x?x?xf32>, tensor<f32>, tensor<f32>, tensor<i32>) -> (tensor<?x2x4xf32>, tensor<?x2x?xf32>, tensor<?x2xi32>, tensor<?xi32>)
    mil.return %i : tensor<?x2xi32>
  }
}
