//===- Reduction.td - MIL Reduction ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_REDUCTION_TD
#define MIL_REDUCTION_TD

include "MILBase.td"

#endif // MIL_REDUCTION_TD
