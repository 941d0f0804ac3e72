//===- Classify.td - MIL Classify ops ------------------------*- tablegen -*-===//
//
// The classifier output op (coremltools ops/defs/iOS15/classify.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CLASSIFY_TD
#define MIL_CLASSIFY_TD

include "MILBase.td"

// "ProbT": fp32 only.
def MIL_Classify_Fp32Tensor : MIL_TensorOf<[F32]>;
// "ClassT": the predicted label is an int64 or a string.
def MIL_Classify_Label : MIL_ScalarOf<[MIL_Int64, MIL_String]>;

def MIL_ClassifyOp : MIL_PureOp<"classify"> {
  let summary = "turns class probabilities into a classifier's outputs";
  let description = [{
    MIL `classify` (iOS15+, unchanged since): marks the model as a
    classifier. `probabilities` (fp32) holds one value per entry of the
    constant list `classes`, whose elements are int64 or string scalars. The
    results are the predicted label (a scalar of the class type) and a dict
    from class to probability (`!mil.dict<class type, tensor<f64>>`).
  }];
  let arguments = (ins MIL_Classify_Fp32Tensor:$probabilities,
                       MIL_AnyList:$classes);
  let results = (outs MIL_Classify_Label:$class_label,
                      MIL_AnyDict:$class_probabilities);
  let hasVerifier = 1;
}

#endif // MIL_CLASSIFY_TD
