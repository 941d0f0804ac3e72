//===- ControlFlow.td - MIL ControlFlow ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONTROL_FLOW_TD
#define MIL_CONTROL_FLOW_TD

include "MILBase.td"

#endif // MIL_CONTROL_FLOW_TD
