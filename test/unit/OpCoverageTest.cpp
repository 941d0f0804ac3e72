//===- OpCoverageTest.cpp - the dialect covers coremltools' op set --------===//
//
// Part of mil-mlir. The reference list is every op type that coremltools
// registers for the iOS15..iOS18 opsets (ops/defs/iOS1x/__init__.py), plus
// `write_state`, the op type coremltools serializes coreml_update_state as.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"

#include "gtest/gtest.h"

#include <set>
#include <string>

using namespace mlir;

namespace {

// clang-format off
const char *const kCoremltoolsOps[] = {
    // iOS15
    "clamped_relu", "elu", "gelu", "leaky_relu", "linear_activation", "prelu",
    "relu", "relu6", "scaled_tanh", "sigmoid", "sigmoid_hard", "silu",
    "softmax", "softplus", "softplus_parametric", "softsign",
    "thresholded_relu",
    "classify",
    "cond", "const", "list_gather", "list_length", "list_read", "list_scatter",
    "list_write", "make_list", "select", "while_loop",
    "conv", "conv_quantized", "conv_transpose",
    "add", "equal", "floor_div", "greater", "greater_equal", "less",
    "less_equal", "logical_and", "logical_or", "logical_xor", "maximum",
    "minimum", "mod", "mul", "not_equal", "pow", "real_div", "sub",
    "abs", "acos", "asin", "atan", "atanh", "cast", "ceil", "clip", "cos",
    "cosh", "erf", "exp", "exp2", "floor", "inverse", "log", "logical_not",
    "round", "rsqrt", "sign", "sin", "sinh", "sqrt", "square", "tan", "tanh",
    "threshold",
    "affine", "crop", "crop_resize", "resample", "resize_bilinear",
    "resize_nearest_neighbor", "upsample_bilinear",
    "upsample_nearest_neighbor",
    "einsum", "linear", "matmul",
    "batch_norm", "instance_norm", "l2_norm", "layer_norm",
    "local_response_norm",
    "avg_pool", "l2_pool", "max_pool",
    "random_bernoulli", "random_categorical", "random_normal",
    "random_uniform",
    "gru", "lstm", "rnn",
    "reduce_argmax", "reduce_argmin", "reduce_l1_norm", "reduce_l2_norm",
    "reduce_log_sum", "reduce_log_sum_exp", "reduce_max", "reduce_mean",
    "reduce_min", "reduce_prod", "reduce_sum", "reduce_sum_square",
    "gather", "gather_along_axis", "gather_nd", "scatter",
    "scatter_along_axis", "scatter_nd",
    "argsort", "band_part", "concat", "cumsum", "fill", "flatten2d",
    "identity", "non_maximum_suppression", "non_zero", "one_hot", "pad",
    "range_1d", "shape", "split", "stack", "tile", "topk",
    "depth_to_space", "expand_dims", "pixel_shuffle", "reshape", "reverse",
    "reverse_sequence", "slice_by_index", "slice_by_size", "sliding_windows",
    "space_to_batch", "space_to_depth", "squeeze", "transpose",
    "batch_to_space", // registered for iOS15, missing from its __init__.py
    // iOS16
    "constexpr_affine_dequantize", "constexpr_cast", "constexpr_lut_to_dense",
    "constexpr_sparse_to_dense", "fill_like", "pixel_unshuffle",
    "reshape_like",
    // iOS17
    "dequantize", "quantize", "resize",
    // iOS18
    "constexpr_blockwise_shift_scale", "constexpr_lut_to_sparse",
    "constexpr_sparse_blockwise_shift_scale", "read_state", "write_state",
    "slice_update", "scaled_dot_product_attention",
};
// clang-format on

TEST(OpCoverage, EveryCoremltoolsOpIsAMILOp) {
  MLIRContext ctx;
  ctx.loadDialect<mil::MILDialect>();
  std::set<std::string> registered;
  for (RegisteredOperationName name : ctx.getRegisteredOperations())
    if (name.getDialectNamespace() == "mil")
      registered.insert(name.getStringRef().str());

  unsigned covered = 0;
  for (const char *op : kCoremltoolsOps) {
    bool found = registered.count(std::string("mil.") + op) != 0;
    EXPECT_TRUE(found) << "coremltools op '" << op << "' has no mil op";
    covered += found;
  }
  // Printed so that the coverage number is in the test log.
  std::printf("mil dialect: %u of %zu coremltools op types covered; %zu mil "
              "ops registered\n",
              covered, std::size(kCoremltoolsOps), registered.size());
}

} // namespace
