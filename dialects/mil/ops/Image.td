//===- Image.td - MIL Image ops ----------------------------*- tablegen -*-===//
//
// TODO(family): op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_IMAGE_TD
#define MIL_IMAGE_TD

include "MILBase.td"

#endif // MIL_IMAGE_TD
