//===- TensorTransformation.td - MIL TensorTransformation ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TENSOR_TRANSFORMATION_TD
#define MIL_TENSOR_TRANSFORMATION_TD

include "MILBase.td"

#endif // MIL_TENSOR_TRANSFORMATION_TD
