//===- Random.td - MIL Random ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_RANDOM_TD
#define MIL_RANDOM_TD

include "MILBase.td"

#endif // MIL_RANDOM_TD
