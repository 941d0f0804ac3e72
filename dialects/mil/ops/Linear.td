//===- Linear.td - MIL Linear ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LINEAR_TD
#define MIL_LINEAR_TD

include "MILBase.td"

#endif // MIL_LINEAR_TD
