//===- TensorOperation.td - MIL TensorOperation ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TENSOR_OPERATION_TD
#define MIL_TENSOR_OPERATION_TD

include "MILBase.td"

#endif // MIL_TENSOR_OPERATION_TD
