//===- ScatterGather.td - MIL ScatterGather ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_SCATTER_GATHER_TD
#define MIL_SCATTER_GATHER_TD

include "MILBase.td"

#endif // MIL_SCATTER_GATHER_TD
