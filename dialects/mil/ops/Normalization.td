//===- Normalization.td - MIL Normalization ops ---------------*- tablegen -*-===//
//
// Normalizations (coremltools ops/defs/iOS15/normalization.py,
// iOS17/normalization.py).
//
// In iOS15 every float input of these ops shares the element type of `x`
// ("T"); iOS17 splits the parameters off into a domain "U" (fp16 or fp32) of
// their own, so the parameters share one element type that may differ from
// `x`. The output always has the element type of `x`.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_NORMALIZATION_TD
#define MIL_NORMALIZATION_TD

include "MILBase.td"

def MIL_BatchNormOp : MIL_PureOp<"batch_norm"> {
  let summary = "batch normalization with given mean and variance";
  let description = [{
    MIL `batch_norm` (iOS15+): normalizes `x` (`[n, C, *D]`, rank 3 to 5) per
    channel by the const `[C]` vectors `mean` and `variance`, then scales by
    `gamma` (default ones) and shifts by `beta` (default zeros); `epsilon`
    defaults to 1e-5. From iOS17 the parameters may have another element
    type than `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$mean,
                       MIL_FloatTensor:$variance,
                       Optional<MIL_FloatTensor>:$gamma,
                       Optional<MIL_FloatTensor>:$beta,
                       Optional<MIL_FloatScalar>:$epsilon);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_InstanceNormOp : MIL_PureOp<"instance_norm"> {
  let summary = "instance normalization";
  let description = [{
    MIL `instance_norm` (iOS15+): normalizes `x` (`[n, C, *D]`, rank 3 or 4)
    over its spatial dims per sample and channel, then applies the optional
    const `[C]` vectors `gamma` and `beta`; `epsilon` defaults to 1e-5. From
    iOS17 the parameters may have another element type than `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_FloatTensor>:$gamma,
                       Optional<MIL_FloatTensor>:$beta,
                       Optional<MIL_FloatScalar>:$epsilon);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_L2NormOp : MIL_PureOp<"l2_norm"> {
  let summary = "L2 normalization over the last three dims";
  let description = [{
    MIL `l2_norm` (iOS15+): divides `x` (`[*B, *D]`, rank at least 3, with
    `*D` the last three dims) by the square root of the sum of squares over
    `*D` plus `epsilon` (default 1e-6), batch-wise over `*B`. From iOS17
    `epsilon` may have another element type than `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_FloatScalar>:$epsilon);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_LayerNormOp : MIL_PureOp<"layer_norm"> {
  let summary = "layer normalization over the given axes";
  let description = [{
    MIL `layer_norm` (iOS15+): normalizes `x` over `axes` (default: all dims),
    then scales by `gamma` and shifts by `beta`, both shaped like
    `x.shape[axes]`; `epsilon` defaults to 1e-5. From iOS17 the parameters
    may have another element type than `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_Int32Tensor>:$axes,
                       Optional<MIL_FloatTensor>:$gamma,
                       Optional<MIL_FloatTensor>:$beta,
                       Optional<MIL_FloatScalar>:$epsilon);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_LocalResponseNormOp : MIL_PureOp<"local_response_norm"> {
  let summary = "local response normalization across channels";
  let description = [{
    MIL `local_response_norm` (iOS15+): divides `x` (`[n, C, *D]`, rank 3 or
    4) by `(k + alpha / size * sum of squares over size neighboring
    channels) ^ beta`, with defaults `alpha = 1e-4`, `beta = 0.75`, `k = 1`.
    From iOS17 `alpha`, `beta` and `k` may have another element type than
    `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_Int32Scalar:$size,
                       Optional<MIL_FloatScalar>:$alpha,
                       Optional<MIL_FloatScalar>:$beta,
                       Optional<MIL_FloatScalar>:$k);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_NORMALIZATION_TD
