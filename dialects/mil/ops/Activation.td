//===- Activation.td - MIL Activation ops ------------------*- tablegen -*-===//
//
// Activation functions (coremltools ops/defs/iOS15/activation.py and
// iOS17/activation.py). Every op keeps the type and shape of `x`; `x` is
// fp16 or fp32 in every opset. Before iOS17 the constant parameters (`alpha`,
// `beta`) share `x`'s dtype; from iOS17 on they may be fp16 or fp32
// independently of `x`.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ACTIVATION_TD
#define MIL_ACTIVATION_TD

include "MILBase.td"

// An activation with only the input `x`.
class MIL_Act_XOnlyOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_FloatTensor:$x);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

// An activation with `x` and the constant `alpha`.
class MIL_Act_AlphaOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$alpha);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

// An activation with `x` and the constants `alpha` and `beta`.
class MIL_Act_AlphaBetaOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$alpha,
                       MIL_FloatTensor:$beta);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ClampedReluOp : MIL_Act_AlphaBetaOp<"clamped_relu"> {
  let summary = "ReLU with a leaky negative side, clamped above by beta";
  let description = [{
    MIL `clamped_relu` (iOS15+): `min(beta, x)` where `x >= 0`, else
    `min(beta, alpha * x)`. `alpha` and `beta` are constant scalars; iOS17
    lets their dtype differ from `x`'s.
  }];
}

def MIL_EluOp : MIL_Act_AlphaOp<"elu"> {
  let summary = "exponential linear unit";
  let description = [{
    MIL `elu` (iOS15+): `x` where `x > 0`, else `alpha * (exp(x) - 1)`.
    `alpha` is a constant scalar; iOS17 lets its dtype differ from `x`'s.
  }];
}

def MIL_GeluOp : MIL_PureOp<"gelu"> {
  let summary = "Gaussian error linear unit";
  let description = [{
    MIL `gelu` (iOS15+). `mode` is a constant string, `EXACT` (default),
    `TANH_APPROXIMATION` or `SIGMOID_APPROXIMATION`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_StringScalar>:$mode);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_LeakyReluOp : MIL_Act_AlphaOp<"leaky_relu"> {
  let summary = "leaky rectified linear unit";
  let description = [{
    MIL `leaky_relu` (iOS15+): `x` where `x >= 0`, else `alpha * x`. `alpha`
    is a constant scalar; iOS17 lets its dtype differ from `x`'s.
  }];
}

def MIL_LinearActivationOp : MIL_Act_AlphaBetaOp<"linear_activation"> {
  let summary = "affine map alpha * x + beta";
  let description = [{
    MIL `linear_activation` (iOS15+): `alpha * x + beta` elementwise. `alpha`
    and `beta` are constant scalars; iOS17 lets their dtype differ from
    `x`'s.
  }];
}

def MIL_PreluOp : MIL_Act_AlphaOp<"prelu"> {
  let summary = "parametric ReLU with one slope per channel";
  let description = [{
    MIL `prelu` (iOS15+): `x` is `[B, C, *d]` of rank 3, 4 or 5 and the
    constant `alpha` is `[C]`; negative values of channel `i` are scaled by
    `alpha[i]`. iOS17 lets `alpha`'s dtype differ from `x`'s.
  }];
}

def MIL_ReluOp : MIL_Act_XOnlyOp<"relu"> {
  let summary = "rectified linear unit max(x, 0)";
  let description = [{
    MIL `relu` (iOS15+), unchanged in later opsets.
  }];
}

def MIL_Relu6Op : MIL_Act_XOnlyOp<"relu6"> {
  let summary = "ReLU clamped to [0, 6]";
  let description = [{
    MIL `relu6` (iOS15+): `min(max(x, 0), 6)`, unchanged in later opsets.
  }];
}

def MIL_ScaledTanhOp : MIL_Act_AlphaBetaOp<"scaled_tanh"> {
  let summary = "alpha * tanh(beta * x)";
  let description = [{
    MIL `scaled_tanh` (iOS15+). `alpha` and `beta` are constant scalars;
    iOS17 lets their dtype differ from `x`'s.
  }];
}

def MIL_SigmoidOp : MIL_Act_XOnlyOp<"sigmoid"> {
  let summary = "logistic sigmoid";
  let description = [{
    MIL `sigmoid` (iOS15+): `1 / (1 + exp(-x))`, unchanged in later opsets.
  }];
}

def MIL_SigmoidHardOp : MIL_Act_AlphaBetaOp<"sigmoid_hard"> {
  let summary = "piecewise-linear sigmoid min(max(alpha * x + beta, 0), 1)";
  let description = [{
    MIL `sigmoid_hard` (iOS15+). `alpha` and `beta` are constant scalars;
    iOS17 lets their dtype differ from `x`'s.
  }];
}

def MIL_SiluOp : MIL_Act_XOnlyOp<"silu"> {
  let summary = "sigmoid linear unit x * sigmoid(x)";
  let description = [{
    MIL `silu` (iOS15+), also known as swish; unchanged in later opsets.
  }];
}

def MIL_SoftplusOp : MIL_Act_XOnlyOp<"softplus"> {
  let summary = "log(1 + exp(x))";
  let description = [{
    MIL `softplus` (iOS15+), unchanged in later opsets.
  }];
}

def MIL_SoftplusParametricOp : MIL_Act_AlphaBetaOp<"softplus_parametric"> {
  let summary = "per-channel alpha * log(1 + exp(beta * x))";
  let description = [{
    MIL `softplus_parametric` (iOS15+): `x` is `[b, C, ...]` of rank at least
    3; the constants `alpha` and `beta` are `[C]`. iOS17 lets their dtype
    differ from `x`'s.
  }];
}

def MIL_SoftmaxOp : MIL_PureOp<"softmax"> {
  let summary = "softmax along one axis";
  let description = [{
    MIL `softmax` (iOS15+): `exp(x)` normalised to sum to 1 along the
    constant `axis` (default -1). Unchanged in later opsets.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_Int32Scalar>:$axis);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_SoftsignOp : MIL_Act_XOnlyOp<"softsign"> {
  let summary = "x / (1 + |x|)";
  let description = [{
    MIL `softsign` (iOS15+), unchanged in later opsets.
  }];
}

def MIL_ThresholdedReluOp : MIL_Act_AlphaOp<"thresholded_relu"> {
  let summary = "x where x >= alpha, else 0";
  let description = [{
    MIL `thresholded_relu` (iOS15+). `alpha` is a constant scalar; iOS17 lets
    its dtype differ from `x`'s.
  }];
}

#endif // MIL_ACTIVATION_TD
