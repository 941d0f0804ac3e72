//===- ElementwiseUnary.td - MIL ElementwiseUnary ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ELEMENTWISE_UNARY_TD
#define MIL_ELEMENTWISE_UNARY_TD

include "MILBase.td"

#endif // MIL_ELEMENTWISE_UNARY_TD
