//===- Conv.td - MIL Conv ops ----------------------------*- tablegen -*-===//
//
// Convolutions (coremltools ops/defs/iOS15/conv.py, iOS17/conv.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONV_TD
#define MIL_CONV_TD

include "MILBase.td"

def MIL_ConvOp : MIL_PureOp<"conv"> {
  let summary = "1-D, 2-D or 3-D convolution";
  let description = [{
    MIL `conv` (iOS15+): `x` is `[n, C_in, *d_in]`, `weight` is
    `[C_out, C_in / groups, *K]`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$weight,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_Int32Tensor>:$strides,
                       Optional<MIL_StringScalar>:$pad_type,
                       Optional<MIL_Int32Tensor>:$pad,
                       Optional<MIL_Int32Tensor>:$dilations,
                       Optional<MIL_Int32Scalar>:$groups);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_CONV_TD
