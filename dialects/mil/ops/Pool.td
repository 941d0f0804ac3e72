//===- Pool.td - MIL Pool ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_POOL_TD
#define MIL_POOL_TD

include "MILBase.td"

#endif // MIL_POOL_TD
