//===- Quantization.td - MIL Quantization ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_QUANTIZATION_TD
#define MIL_QUANTIZATION_TD

include "MILBase.td"

#endif // MIL_QUANTIZATION_TD
