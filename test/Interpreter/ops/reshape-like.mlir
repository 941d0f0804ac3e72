// reshape_like: the result shape concatenates slices of the reference
// tensors' shapes (Python slicing; end_masks slice to the end).
// RUN: mil-run %s --random-inputs --function slices | FileCheck %s --check-prefix=SLICES
// RUN: not mil-run %s --random-inputs --shape r=2,5 --function count 2>&1 | FileCheck %s --check-prefix=COUNT

module {
  // x [24]; ref a [2, 3, 4] sliced [-1:] (end_mask) gives [4], ref b
  // [6, 1] sliced [0:1] gives [6]: the result is [4, 6].
  // SLICES: y: [4, 6] int32
  mil.function @slices() -> tensor<4x6xi32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<7> : tensor<24xi32> {name = "x"}
    %a = mil.const dense<0.0> : tensor<2x3x4xf32> {name = "a"}
    %b = mil.const dense<0> : tensor<6x1xi32> {name = "b"}
    %b0 = mil.const dense<-1> : tensor<i32> {name = "b0"}
    %e0 = mil.const dense<0> : tensor<i32> {name = "e0"}
    %m0 = mil.const dense<true> : tensor<i1> {name = "m0"}
    %b1 = mil.const dense<0> : tensor<i32> {name = "b1"}
    %e1 = mil.const dense<1> : tensor<i32> {name = "e1"}
    %m1 = mil.const dense<false> : tensor<i1> {name = "m1"}
    %y = mil.reshape_like x(%x) ref_tensors(%a, %b) begins(%b0, %b1) ends(%e0, %e1) end_masks(%m0, %m1) {name = "y"} : (tensor<24xi32>, tensor<2x3x4xf32>, tensor<6x1xi32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i32>, tensor<i1>, tensor<i1>) -> tensor<4x6xi32>
    mil.return %y : tensor<4x6xi32>
  }

  // COUNT: error: cannot evaluate 'reshape_like' op 'y': cannot reshape [6] to [2, 5]
  mil.function @count(%r: tensor<?x?xf32>) -> tensor<?x?xf32> attributes {opset = "CoreML7", input_names = ["r"]} {
    %x = mil.const dense<1.0> : tensor<6xf32> {name = "x"}
    %b0 = mil.const dense<0> : tensor<i32> {name = "b0"}
    %e0 = mil.const dense<2> : tensor<i32> {name = "e0"}
    %m0 = mil.const dense<false> : tensor<i1> {name = "m0"}
    %y = mil.reshape_like x(%x) ref_tensors(%r) begins(%b0) ends(%e0) end_masks(%m0) {name = "y"} : (tensor<6xf32>, tensor<?x?xf32>, tensor<i32>, tensor<i32>, tensor<i1>) -> tensor<?x?xf32>
    mil.return %y : tensor<?x?xf32>
  }
}
