//===- Classify.td - MIL Classify ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CLASSIFY_TD
#define MIL_CLASSIFY_TD

include "MILBase.td"

#endif // MIL_CLASSIFY_TD
