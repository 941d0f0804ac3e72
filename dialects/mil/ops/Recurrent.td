//===- Recurrent.td - MIL Recurrent ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_RECURRENT_TD
#define MIL_RECURRENT_TD

include "MILBase.td"

#endif // MIL_RECURRENT_TD
