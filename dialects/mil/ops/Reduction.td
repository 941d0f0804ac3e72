//===- Reduction.td - MIL Reduction ops -----------------------*- tablegen -*-===//
//
// Reductions (coremltools ops/defs/iOS15/reduction.py, iOS17/reduction.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_REDUCTION_TD
#define MIL_REDUCTION_TD

include "MILBase.td"

// The index output domain of reduce_argmax/reduce_argmin: int32, and from
// iOS17 uint16.
def MIL_Reduction_IndexTensor : MIL_TensorOf<[MIL_Int32, MIL_UInt16]>;

// A reduction over `axes` (coremltools' ReductionAxes, iOS15+, not redefined
// later): `x` (fp16, fp32 or int32, at least 1-D) is reduced over `axes`
// (default: all dims); `keep_dims` (default false) keeps the reduced dims
// with size 1. The output has the element type of `x` and is a scalar when
// every dim is dropped.
class MIL_Reduction_AxesOp<string mnemonic, string what>
    : MIL_PureOp<mnemonic> {
  let summary = "reduces `x` to the " # what # " over `axes`";
  let description = "MIL `" # mnemonic # "` (iOS15+, unchanged since): "
      # "computes the " # what # " of the elements of `x` over `axes` "
      # "(default: all dims), dropping the reduced dims unless `keep_dims`.";
  let arguments = (ins MIL_NumTensor:$x,
                       Optional<MIL_Int32Tensor>:$axes,
                       Optional<MIL_BoolScalar>:$keep_dims);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

// reduce_argmax / reduce_argmin (coremltools' reduce_arg): the index of the
// extreme element of `x` along `axis` (default -1). iOS17 adds the optional
// `output_dtype` ("int32", the default, or "uint16").
class MIL_Reduction_ArgOp<string mnemonic, string what>
    : MIL_PureOp<mnemonic> {
  let summary = "index of the " # what # " of `x` along `axis`";
  let description = "MIL `" # mnemonic # "` (iOS15+): the index of the "
      # what # " element of `x` (fp16, fp32 or int32, at least 1-D) along "
      # "`axis` (default -1); ties give no guaranteed index. The axis is "
      # "dropped unless `keep_dims`. The output is int32 in iOS15; iOS17 "
      # "adds the input `output_dtype` (\"int32\" or \"uint16\") that selects "
      # "the output element type.";
  let arguments = (ins MIL_NumTensor:$x,
                       Optional<MIL_Int32Scalar>:$axis,
                       Optional<MIL_BoolScalar>:$keep_dims,
                       Optional<MIL_StringScalar>:$output_dtype);
  let results = (outs MIL_Reduction_IndexTensor:$output);
  let hasVerifier = 1;
}

def MIL_ReduceArgmaxOp : MIL_Reduction_ArgOp<"reduce_argmax", "maximum">;
def MIL_ReduceArgminOp : MIL_Reduction_ArgOp<"reduce_argmin", "minimum">;

def MIL_ReduceL1NormOp : MIL_Reduction_AxesOp<"reduce_l1_norm",
                                              "L1 norm (sum of |x|)">;
def MIL_ReduceL2NormOp : MIL_Reduction_AxesOp<"reduce_l2_norm",
                                              "L2 norm (sqrt of sum of x^2)">;
def MIL_ReduceLogSumOp : MIL_Reduction_AxesOp<"reduce_log_sum",
                                              "natural log of the sum">;
def MIL_ReduceLogSumExpOp
    : MIL_Reduction_AxesOp<"reduce_log_sum_exp",
                           "natural log of the sum of exponentials">;
def MIL_ReduceMaxOp : MIL_Reduction_AxesOp<"reduce_max", "maximum">;
def MIL_ReduceMeanOp : MIL_Reduction_AxesOp<"reduce_mean", "mean">;
def MIL_ReduceMinOp : MIL_Reduction_AxesOp<"reduce_min", "minimum">;
def MIL_ReduceProdOp : MIL_Reduction_AxesOp<"reduce_prod", "product">;
def MIL_ReduceSumOp : MIL_Reduction_AxesOp<"reduce_sum", "sum">;
def MIL_ReduceSumSquareOp : MIL_Reduction_AxesOp<"reduce_sum_square",
                                                 "sum of squares">;

#endif // MIL_REDUCTION_TD
