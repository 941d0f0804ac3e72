//===- State.td - MIL State ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_STATE_TD
#define MIL_STATE_TD

include "MILBase.td"

#endif // MIL_STATE_TD
