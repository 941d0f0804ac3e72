//===- Activation.td - MIL Activation ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ACTIVATION_TD
#define MIL_ACTIVATION_TD

include "MILBase.td"

#endif // MIL_ACTIVATION_TD
