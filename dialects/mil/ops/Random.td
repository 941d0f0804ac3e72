//===- Random.td - MIL Random ops ----------------------------*- tablegen -*-===//
//
// Random sampling (coremltools ops/defs/iOS15/random.py). The ops draw fresh
// values on each evaluation, so they are not Pure.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_RANDOM_TD
#define MIL_RANDOM_TD

include "MILBase.td"

def MIL_RandomBernoulliOp : MIL_Op<"random_bernoulli"> {
  let summary = "tensor of the given shape filled from a Bernoulli "
                "distribution";
  let description = [{
    MIL `random_bernoulli` (iOS15+, unchanged since): `shape` is the 1-D
    output shape; `prob` (default 0.5) is the probability of a 1 and sets
    the result dtype.
  }];
  let arguments = (ins MIL_Int32Tensor:$shape,
                       Optional<MIL_FloatScalar>:$prob,
                       Optional<MIL_Int32Scalar>:$seed);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_RandomCategoricalOp : MIL_Op<"random_categorical"> {
  let summary = "samples from categorical distributions";
  let description = [{
    MIL `random_categorical` (iOS15+, unchanged since): `x` is `[*D, K]`
    (logits or probabilities over the last dim, per `mode`); the result is
    `[*D, size]` of the dtype of `x`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_StringScalar>:$mode,
                       Optional<MIL_Int32Scalar>:$size,
                       Optional<MIL_Int32Scalar>:$seed);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_RandomNormalOp : MIL_Op<"random_normal"> {
  let summary = "tensor of the given shape filled from a normal distribution";
  let description = [{
    MIL `random_normal` (iOS15+, unchanged since): `shape` is the 1-D output
    shape; `mean` (default 0.0) and `stddev` (default 1.0) share one dtype,
    which is the result dtype.
  }];
  let arguments = (ins MIL_Int32Tensor:$shape,
                       Optional<MIL_FloatScalar>:$mean,
                       Optional<MIL_FloatScalar>:$stddev,
                       Optional<MIL_Int32Scalar>:$seed);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_RandomUniformOp : MIL_Op<"random_uniform"> {
  let summary = "tensor of the given shape filled from a uniform "
                "distribution";
  let description = [{
    MIL `random_uniform` (iOS15+, unchanged since): `shape` is the 1-D output
    shape; values are drawn from `[low, high)`; `low` (default 0.0) and
    `high` (default 1.0) share one dtype, which is the result dtype.
  }];
  let arguments = (ins MIL_Int32Tensor:$shape,
                       Optional<MIL_FloatScalar>:$low,
                       Optional<MIL_FloatScalar>:$high,
                       Optional<MIL_Int32Scalar>:$seed);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_RANDOM_TD
