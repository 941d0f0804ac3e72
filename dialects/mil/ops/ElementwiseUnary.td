//===- ElementwiseUnary.td - MIL ElementwiseUnary ops ------*- tablegen -*-===//
//
// Elementwise unary ops (coremltools ops/defs/iOS15/elementwise_unary.py and
// iOS17/elementwise_unary.py). All but `cast` return the type and shape of
// `x`; `cast` keeps the shape and changes the dtype.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ELEMENTWISE_UNARY_TD
#define MIL_ELEMENTWISE_UNARY_TD

include "MILBase.td"

// What `cast` accepts and produces: fp16, fp32, int32 and bool in iOS15;
// iOS17 adds int8, uint8, int16 and uint16.
def MIL_Unary_CastTensor : MIL_TensorOf<[F16, F32, MIL_Int8, MIL_UInt8,
                                         MIL_Int16, MIL_UInt16, MIL_Int32,
                                         MIL_Bool]>;

// f(x) on fp16 or fp32 (coremltools' elementwise_unary).
class MIL_Unary_FloatOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_FloatTensor:$x);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

// f(x) on fp16, fp32 or int32 (coremltools' elementwise_unary_with_int).
class MIL_Unary_NumOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_NumTensor:$x);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

// f(x + epsilon) on fp16 or fp32, `epsilon` an optional constant scalar of
// the dtype of `x` before iOS17 and of fp16 or fp32 from iOS17 on.
class MIL_Unary_EpsilonOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_FloatTensor:$x,
                       Optional<MIL_FloatTensor>:$epsilon);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_AbsOp : MIL_Unary_NumOp<"abs"> {
  let summary = "elementwise absolute value";
  let description = [{
    MIL `abs` (iOS15+, unchanged in later opsets): |x|, elementwise, on fp16,
    fp32 or int32.
  }];
}

def MIL_AcosOp : MIL_Unary_FloatOp<"acos"> {
  let summary = "elementwise inverse cosine";
  let description = [{
    MIL `acos` (iOS15+, unchanged in later opsets): arccos(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_AsinOp : MIL_Unary_FloatOp<"asin"> {
  let summary = "elementwise inverse sine";
  let description = [{
    MIL `asin` (iOS15+, unchanged in later opsets): arcsin(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_AtanOp : MIL_Unary_FloatOp<"atan"> {
  let summary = "elementwise inverse tangent";
  let description = [{
    MIL `atan` (iOS15+, unchanged in later opsets): arctan(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_AtanhOp : MIL_Unary_FloatOp<"atanh"> {
  let summary = "elementwise inverse hyperbolic tangent";
  let description = [{
    MIL `atanh` (iOS15+, unchanged in later opsets): artanh(x), elementwise,
    on fp16 or fp32.
  }];
}

def MIL_CastOp : MIL_PureOp<"cast"> {
  let summary = "elementwise conversion to another dtype";
  let description = [{
    MIL `cast` (iOS15+): converts `x` to the dtype named by the constant
    string `dtype`, keeping the shape. iOS15 casts between fp16, fp32, int32
    and bool; iOS17 adds int8, uint8, int16 and uint16.
  }];
  let arguments = (ins MIL_Unary_CastTensor:$x,
                       MIL_StringScalar:$dtype);
  let results = (outs MIL_Unary_CastTensor:$output);
  let hasVerifier = 1;
}

def MIL_CeilOp : MIL_Unary_FloatOp<"ceil"> {
  let summary = "elementwise round up to an integer";
  let description = [{
    MIL `ceil` (iOS15+, unchanged in later opsets): ceil(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_ClipOp : MIL_PureOp<"clip"> {
  let summary = "elementwise clamp to [alpha, beta]";
  let description = [{
    MIL `clip` (iOS15+): `min(max(x, alpha), beta)`, with `alpha` and `beta`
    constant scalars of the dtype of `x`. iOS17 additionally requires
    `alpha < beta`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$alpha,
                       MIL_FloatTensor:$beta);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_CosOp : MIL_Unary_FloatOp<"cos"> {
  let summary = "elementwise cosine";
  let description = [{
    MIL `cos` (iOS15+, unchanged in later opsets): cos(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_CoshOp : MIL_Unary_FloatOp<"cosh"> {
  let summary = "elementwise hyperbolic cosine";
  let description = [{
    MIL `cosh` (iOS15+, unchanged in later opsets): cosh(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_ErfOp : MIL_Unary_FloatOp<"erf"> {
  let summary = "elementwise Gauss error function";
  let description = [{
    MIL `erf` (iOS15+, unchanged in later opsets): erf(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_ExpOp : MIL_Unary_FloatOp<"exp"> {
  let summary = "elementwise natural exponential";
  let description = [{
    MIL `exp` (iOS15+, unchanged in later opsets): e^x, elementwise, on fp16
    or fp32.
  }];
}

def MIL_Exp2Op : MIL_Unary_NumOp<"exp2"> {
  let summary = "elementwise base-2 exponential";
  let description = [{
    MIL `exp2` (iOS15+, unchanged in later opsets): 2^x, elementwise, on fp16,
    fp32 or int32.
  }];
}

def MIL_FloorOp : MIL_Unary_FloatOp<"floor"> {
  let summary = "elementwise round down to an integer";
  let description = [{
    MIL `floor` (iOS15+, unchanged in later opsets): floor(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_InverseOp : MIL_Unary_EpsilonOp<"inverse"> {
  let summary = "elementwise reciprocal";
  let description = [{
    MIL `inverse` (iOS15+): 1 / (x + epsilon), elementwise; the constant
    `epsilon` defaults to 1e-4. iOS15 requires `epsilon` to have the dtype of
    `x`; iOS17 allows fp16 or fp32 for either.
  }];
}

def MIL_LogOp : MIL_Unary_EpsilonOp<"log"> {
  let summary = "elementwise natural logarithm";
  let description = [{
    MIL `log` (iOS15+): log(x + epsilon), elementwise; the constant `epsilon`
    defaults to 1e-45. iOS15 requires `epsilon` to have the dtype of `x`;
    iOS17 allows fp16 or fp32 for either.
  }];
}

def MIL_LogicalNotOp : MIL_PureOp<"logical_not"> {
  let summary = "elementwise logical negation";
  let description = [{
    MIL `logical_not` (iOS15+, unchanged in later opsets): NOT x on bool.
  }];
  let arguments = (ins MIL_BoolTensor:$x);
  let results = (outs MIL_BoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_RoundOp : MIL_Unary_FloatOp<"round"> {
  let summary = "elementwise round to the nearest integer";
  let description = [{
    MIL `round` (iOS15+, unchanged in later opsets): x rounded to the nearest
    integer (0.5 rounds to 0), elementwise, on fp16 or fp32.
  }];
}

def MIL_RsqrtOp : MIL_Unary_EpsilonOp<"rsqrt"> {
  let summary = "elementwise reciprocal square root";
  let description = [{
    MIL `rsqrt` (iOS15+): 1 / sqrt(x + epsilon), elementwise; the constant
    `epsilon` defaults to 1e-12. iOS15 requires `epsilon` to have the dtype of
    `x`; iOS17 allows fp16 or fp32 for either.
  }];
}

def MIL_SignOp : MIL_Unary_NumOp<"sign"> {
  let summary = "elementwise sign of x";
  let description = [{
    MIL `sign` (iOS15+, unchanged in later opsets): -1, 0 or 1 by the sign of
    x, elementwise, on fp16, fp32 or int32.
  }];
}

def MIL_SinOp : MIL_Unary_FloatOp<"sin"> {
  let summary = "elementwise sine";
  let description = [{
    MIL `sin` (iOS15+, unchanged in later opsets): sin(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_SinhOp : MIL_Unary_FloatOp<"sinh"> {
  let summary = "elementwise hyperbolic sine";
  let description = [{
    MIL `sinh` (iOS15+, unchanged in later opsets): sinh(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_SqrtOp : MIL_Unary_FloatOp<"sqrt"> {
  let summary = "elementwise square root";
  let description = [{
    MIL `sqrt` (iOS15+, unchanged in later opsets): sqrt(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_SquareOp : MIL_Unary_NumOp<"square"> {
  let summary = "elementwise square";
  let description = [{
    MIL `square` (iOS15+, unchanged in later opsets): x * x, elementwise, on
    fp16, fp32 or int32.
  }];
}

def MIL_TanOp : MIL_Unary_FloatOp<"tan"> {
  let summary = "elementwise tangent";
  let description = [{
    MIL `tan` (iOS15+, unchanged in later opsets): tan(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_TanhOp : MIL_Unary_FloatOp<"tanh"> {
  let summary = "elementwise hyperbolic tangent";
  let description = [{
    MIL `tanh` (iOS15+, unchanged in later opsets): tanh(x), elementwise, on
    fp16 or fp32.
  }];
}

def MIL_ThresholdOp : MIL_PureOp<"threshold"> {
  let summary = "elementwise lower bound max(x, alpha)";
  let description = [{
    MIL `threshold` (iOS15+, unchanged in later opsets): values of `x` below
    the constant scalar `alpha` become `alpha`; fp16, fp32 or int32, `alpha`
    of the dtype of `x`.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_NumTensor:$alpha);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_ELEMENTWISE_UNARY_TD
