//===- Normalization.td - MIL Normalization ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_NORMALIZATION_TD
#define MIL_NORMALIZATION_TD

include "MILBase.td"

#endif // MIL_NORMALIZATION_TD
