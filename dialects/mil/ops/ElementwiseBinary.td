//===- ElementwiseBinary.td - MIL ElementwiseBinary ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ELEMENTWISE_BINARY_TD
#define MIL_ELEMENTWISE_BINARY_TD

include "MILBase.td"

#endif // MIL_ELEMENTWISE_BINARY_TD
