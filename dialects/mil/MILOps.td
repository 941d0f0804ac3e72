//===- MILOps.td - every op of the mil dialect --------------*- tablegen -*-===//
//
// Aggregates the op families; used for the dialect reference documentation.
// Each family is also generated on its own (see MILFamilies.cmake).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_OPS_TD
#define MIL_OPS_TD

include "MILTypes.td"
include "ops/Core.td"
include "ops/Activation.td"
include "ops/ElementwiseBinary.td"
include "ops/ElementwiseUnary.td"
include "ops/Conv.td"
include "ops/Linear.td"
include "ops/Normalization.td"
include "ops/Pool.td"
include "ops/Reduction.td"
include "ops/TensorOperation.td"
include "ops/TensorTransformation.td"
include "ops/ScatterGather.td"
include "ops/ControlFlow.td"
include "ops/State.td"
include "ops/Recurrent.td"
include "ops/Image.td"
include "ops/Classify.td"
include "ops/Random.td"
include "ops/Quantization.td"
include "ops/Constexpr.td"

#endif // MIL_OPS_TD
