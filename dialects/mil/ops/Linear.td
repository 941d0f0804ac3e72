//===- Linear.td - MIL Linear ops ----------------------------*- tablegen -*-===//
//
// Linear algebra (coremltools ops/defs/iOS15/linear.py, iOS17/linear.py) and
// attention (iOS18/transformers.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LINEAR_TD
#define MIL_LINEAR_TD

include "MILBase.td"

// The attention mask domain of scaled_dot_product_attention ("M").
def MIL_Linear_MaskTensor : MIL_TensorOf<[MIL_Bool, F16, F32]>;

def MIL_LinearOp : MIL_PureOp<"linear"> {
  let summary = "fully connected layer: x * transpose(weight) + bias";
  let description = [{
    MIL `linear` (iOS15+): `x` is `[*D, D_in]`, `weight` is `[D_out, D_in]`,
    `bias` is `[D_out]`; the output is `[*D, D_out]` with the element type of
    `x`. `weight` and `bias` are const.

    iOS15 requires one element type (fp16, fp32 or int32) for `x`, `weight`
    and `bias`; from iOS17 `weight` and `bias` (of one element type) may
    differ from `x`.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_NumTensor:$weight,
                       Optional<MIL_NumTensor>:$bias);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_MatmulOp : MIL_PureOp<"matmul"> {
  let summary = "N-D batched matrix multiplication with broadcasting";
  let description = [{
    MIL `matmul` (iOS15+): NumPy-style `matmul` of `x` (`[*, K1]`) and `y`
    (`[*, K2]`), both at least 1-D, after optionally swapping the last two
    dims of either (`transpose_x`, `transpose_y`, default false).

    iOS15 requires one element type (fp16, fp32 or int32) for `x`, `y` and
    the output; from iOS17 `x` and `y` may differ when exactly one of them is
    const, and the output then takes the element type of the non-const one.
  }];
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_NumTensor:$y,
                       Optional<MIL_BoolScalar>:$transpose_x,
                       Optional<MIL_BoolScalar>:$transpose_y);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

def MIL_EinsumOp : MIL_PureOp<"einsum"> {
  let summary = "einsum for one batched matrix-multiplication layout";
  let description = [{
    MIL `einsum` (iOS15+): `values` is a tuple of two tensors of one element
    type (fp16 or fp32) and of rank 3 or 4; only the equations
    `"nchw,nwhu->nchu"` and `"chw,whr->chr"` (and equivalent spellings) are
    supported. The `H` (and, at rank 4, `B`) dims broadcast.
  }];
  let arguments = (ins Variadic<MIL_FloatTensor>:$values,
                       MIL_StringScalar:$equation);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

def MIL_ScaledDotProductAttentionOp
    : MIL_PureOp<"scaled_dot_product_attention"> {
  let summary = "softmax(query * transpose(key) / sqrt(E) + mask) * value";
  let description = [{
    MIL `scaled_dot_product_attention` (iOS18+): `query` is `[B, *?, L, E]`,
    `key` is `[B, *?, S, E]`, `value` is `[B, *?, S, EV]`, all of one element
    type (fp16 or fp32) and rank at least 3; the output is `[B, *?, L, EV]`.
    `attn_mask` (bool, fp16 or fp32) ends in `S` and broadcasts to
    `[B, *?, L, S]`; a bool mask selects the scores that take part, a float
    mask is added to them.
  }];
  let arguments = (ins MIL_FloatTensor:$query,
                       MIL_FloatTensor:$key,
                       MIL_FloatTensor:$value,
                       Optional<MIL_Linear_MaskTensor>:$attn_mask);
  let results = (outs MIL_FloatTensor:$output);
  let hasVerifier = 1;
}

#endif // MIL_LINEAR_TD
