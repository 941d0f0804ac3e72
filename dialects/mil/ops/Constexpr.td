//===- Constexpr.td - MIL Constexpr ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONSTEXPR_TD
#define MIL_CONSTEXPR_TD

include "MILBase.td"

#endif // MIL_CONSTEXPR_TD
