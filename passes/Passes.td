//===- Passes.td - mil-mlir passes --------------------------*- tablegen -*-===//
//
// Part of mil-mlir. Every pass and its options; one C++ file per pass.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_TD
#define MIL_PASSES_TD

include "mlir/Pass/PassBase.td"

def DecompressWeights : Pass<"mil-decompress-weights", "mlir::ModuleOp"> {
  let summary = "Replace constexpr weight-compression ops by plain constants";
  let description = [{
    coremltools' `decompress_weights`: every `constexpr_*` op (both the iOS16
    and the iOS18 forms, and chains of them) is evaluated and replaced by a
    `mil.const` holding the dense weight, named after the op's output. Ops
    are taken in program order, so producers of a chain come first. The
    options restrict the pass to some op types or op names; an op left
    compressed keeps its inputs.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    ListOption<"opTypes", "op-types", "std::string",
               "Only decompress ops of these types (e.g. "
               "constexpr_lut_to_dense); all when empty">,
    ListOption<"opNames", "op-names", "std::string",
               "Only decompress the ops with these MIL names; all when empty">,
  ];
}

def RaiseOpset : Pass<"mil-raise-opset", "mlir::ModuleOp"> {
  let summary = "Raise every function to at least an opset";
  let description = [{
    What coremltools' compression APIs (`linear_quantize_weights`,
    `palettize_weights`, `prune_weights`, `decompress_weights`) do to a
    program before its passes run: they load it at specification version
    `max(spec, 7)`, which puts every function at opset iOS16 (CoreML6), the
    first with the constexpr ops; the model is then written at specification
    version 7. Ops are kept as they are (the iOS16 forms of the ops that
    changed take the iOS15 inputs). Functions already at `opset` or later
    are left alone; export writes the specification version the raised
    opset needs. `mil-compress` runs it before its compression modes.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    Option<"opset", "opset", "std::string", "\"CoreML6\"",
           "the lowest opset a function may have (CoreML5 .. CoreML9)">,
  ];
}

def StripBuildInfo : Pass<"mil-strip-build-info", "mlir::ModuleOp"> {
  let summary = "Drop the program's attributes (buildInfo)";
  let description = [{
    coremltools' compression APIs reload the program from its protobuf,
    which keeps none of the `Program` attributes (the `buildInfo` dictionary
    of the coremltools version that converted it), and write the result
    without them. This pass does the same to the mirrored `mil.program`
    attribute; `mil-compress` runs it with its compression modes, so that
    their output equals coremltools'.
  }];
}

def LinearQuantizeWeights
    : Pass<"mil-linear-quantize-weights", "mlir::ModuleOp"> {
  let summary = "Affine (linear) weight quantization";
  let description = [{
    coremltools' `linear_quantize_weights`: every const weight whose config
    (op name over op type over global) asks for it becomes
    `constexpr_blockwise_shift_scale` (CoreML8+ programs) or
    `constexpr_affine_dequantize` (CoreML6/CoreML7), with the same quantized
    bytes, scales and zero points as coremltools. The options are the fields
    of `OpLinearQuantizerConfig` (the global config); `config` reads a YAML or
    JSON file in the `OptimizationConfig.from_yaml` shape instead.
    A weight shared by several functions (one value) is compressed once and
    the functions share its parameters; their configs for it must agree.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    Option<"mode", "mode", "std::string", "\"\"",
           "linear_symmetric (default) or linear">,
    Option<"dtype", "dtype", "std::string", "\"\"",
           "int8 (default), uint8, int4 or uint4">,
    Option<"granularity", "granularity", "std::string", "\"\"",
           "per_tensor, per_channel (default) or per_block">,
    Option<"blockSize", "block-size", "std::string", "\"\"",
           "per_block block length: an int (default 32) or a list per "
           "axis such as [1,32,0,0]">,
    Option<"weightThreshold", "weight-threshold", "std::string", "\"\"",
           "compress weights with more elements than this (default 2048)">,
    Option<"jointCompression", "joint-compression", "bool", "false",
           "compress weights that are already compressed (CoreML8+): "
           "prune + palettize / quantize, palettize + quantize the LUT">,
    Option<"configFile", "config", "std::string", "\"\"",
           "a YAML or JSON OptimizationConfig file (instead of the options)">,
    Option<"measureError", "measure-error", "bool", "false",
           "record each weight's quantization error (mil.error_stats on its "
           "constexpr_blockwise_shift_scale) where the kernel can measure it "
           "exactly as it quantizes, for mil-compress's report">,
  ];
}

def PruneWeights : Pass<"mil-prune-weights", "mlir::ModuleOp"> {
  let summary = "Weight pruning (sparsification)";
  let description = [{
    coremltools' `prune_weights`: threshold pruning (`OpThresholdPrunerConfig`)
    or magnitude pruning (`OpMagnitudePrunerConfig`: unstructured
    `target-sparsity`, block-structured with `block-size` and `dim`, or n:m
    with `n-m-ratio`) of const weights into `constexpr_sparse_to_dense`
    (uint1 mask for CoreML8+, packed uint8 mask and shape for CoreML6/7),
    with the same masks as coremltools. Setting any magnitude option selects
    `OpMagnitudePrunerConfig`; `config` reads a YAML or JSON
    `OptimizationConfig` file instead.
    A weight shared by several functions (one value) is compressed once and
    the functions share its parameters; their configs for it must agree.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    Option<"threshold", "threshold", "std::string", "\"\"",
           "prune |w| <= threshold (default 1e-12)">,
    Option<"minimumSparsity", "minimum-sparsity-percentile", "std::string",
           "\"\"",
           "keep the weight dense below this fraction of zeros "
           "(default 0.5)">,
    Option<"targetSparsity", "target-sparsity", "std::string", "\"\"",
           "magnitude pruning: fraction of elements to zero">,
    Option<"blockSize", "block-size", "std::string", "\"\"",
           "magnitude pruning: block length (> 1) along dim">,
    Option<"nMRatio", "n-m-ratio", "std::string", "\"\"",
           "magnitude pruning: n:m sparsity as [n,m]">,
    Option<"dim", "dim", "std::string", "\"\"",
           "the axis of block or n:m pruning (0 or 1)">,
    Option<"weightThreshold", "weight-threshold", "std::string", "\"\"",
           "compress weights with more elements than this (default 2048)">,
    Option<"jointCompression", "joint-compression", "bool", "false",
           "compress weights that are already compressed (CoreML8+): "
           "prune + palettize / quantize, palettize + quantize the LUT">,
    Option<"configFile", "config", "std::string", "\"\"",
           "a YAML or JSON OptimizationConfig file (instead of the options)">,
  ];
}

def PalettizeWeights : Pass<"mil-palettize-weights", "mlir::ModuleOp"> {
  let summary = "Weight palettization (look-up tables)";
  let description = [{
    coremltools' `palettize_weights`: const weights become
    `constexpr_lut_to_dense` (iOS18 grouped / vector form for CoreML8+, the
    packed iOS16 form for CoreML6/7), with `constexpr_blockwise_shift_scale`
    after it for `enable-per-channel-scale`. `uniform` and `unique` give
    coremltools' exact tables; `kmeans` is globally optimal for scalar
    tables (never a larger error than coremltools'). The options are the
    fields of `OpPalettizerConfig`; `config` reads a YAML or JSON file
    instead.
    A weight shared by several functions (one value) is compressed once and
    the functions share its parameters; their configs for it must agree.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    Option<"mode", "mode", "std::string", "\"\"",
           "kmeans (default), uniform, unique or custom">,
    Option<"nbits", "nbits", "std::string", "\"\"",
           "bits per index: 1, 2, 3, 4, 6 or 8 (kmeans, uniform)">,
    Option<"lutFunction", "lut-function", "std::string", "\"\"",
           "custom mode: the name of a registered LUT function">,
    Option<"granularity", "granularity", "std::string", "\"\"",
           "per_tensor (default) or per_grouped_channel">,
    Option<"groupSize", "group-size", "std::string", "\"\"",
           "channels per group (default 32; 0 = one group)">,
    Option<"channelAxis", "channel-axis", "std::string", "\"\"",
           "the grouping axis (default: from the consuming op)">,
    Option<"clusterDim", "cluster-dim", "std::string", "\"\"",
           "vector length of vector palettization (default 1)">,
    Option<"enablePerChannelScale", "enable-per-channel-scale",
           "std::string", "\"\"",
           "normalize each channel by its maximum before palettizing">,
    Option<"numKmeansWorkers", "num-kmeans-workers", "std::string", "\"\"",
           "accepted for compatibility; threads come from the context">,
    Option<"weightThreshold", "weight-threshold", "std::string", "\"\"",
           "compress weights with more elements than this (default 2048)">,
    Option<"jointCompression", "joint-compression", "bool", "false",
           "compress weights that are already compressed (CoreML8+): "
           "prune + palettize / quantize, palettize + quantize the LUT">,
    Option<"configFile", "config", "std::string", "\"\"",
           "a YAML or JSON OptimizationConfig file (instead of the options)">,
  ];
}

//===----------------------------------------------------------------------===//
// Cleanup passes (coremltools' common:: passes that matter for compressed
// weight graphs)
//===----------------------------------------------------------------------===//

def DeadCodeElimination
    : Pass<"mil-dead-code-elimination", "mlir::ModuleOp"> {
  let summary = "Remove ops whose outputs reach no block output";
  let description = [{
    coremltools' `common::dead_code_elimination`: an op none of whose
    outputs is used (transitively) by a block output is removed, in nested
    blocks too; state writes (`write_state`) always stay.
  }];
  let statistics = [Statistic<"numRemoved", "removed", "ops removed">];
}

def ConstDeduplication
    : Pass<"mil-const-deduplication", "mlir::ModuleOp"> {
  let summary = "Share equal weights once";
  let description = [{
    coremltools' `common::const_deduplication`: within each block, consts of
    at least `const-threshold` elements with the same type and contents
    (hash, then bytes) become one; so do the parameters of iOS16 constexpr
    ops (consts in coremltools), which then share one blob in weight.bin;
    then constexpr ops of the same type with the same parameters are merged.
    Block outputs are never replaced.
  }];
  let options = [
    Option<"constThreshold", "const-threshold", "int64_t", "100",
           "consts with fewer elements are left alone">,
  ];
  let statistics = [Statistic<"numMerged", "merged", "values merged">];
}

def ConstElimination : Pass<"mil-const-elimination", "mlir::ModuleOp"> {
  let summary = "Fold ops whose values are known into consts";
  let description = [{
    coremltools' `common::const_elimination` for what we can evaluate:
    `shape` of a static tensor and the layout ops that keep a const's bytes
    (`reshape`, `expand_dims`, `squeeze`, `identity`; the folded const shares
    the weight's blob), and any other op the interpreter evaluates whose
    inputs are all constant and whose outputs have static shapes. Constexpr ops are folded (decompressed) only with
    `fold-constexpr`. Outputs with more elements than `skip-const-by-size`
    are not folded.
  }];
  let options = [
    Option<"skipConstBySize", "skip-const-by-size", "std::string", "\"\"",
           "do not fold outputs with more elements than this (a float)">,
    Option<"foldConstexpr", "fold-constexpr", "bool", "false",
           "also fold constexpr ops (decompressing their weights)">,
  ];
  let statistics = [Statistic<"numFolded", "folded", "ops folded">];
}

def LinearQuantizeActivations
    : Pass<"mil-linear-quantize-activations", "mlir::ModuleOp"> {
  let summary = "Activation quantization (the A of W8A8), given or calibrated ranges";
  let description = [{
    coremltools' `linear_quantize_activations`: the ranges of
    `activation-stats` (`{tensor: {"rmin": r, "rmax": r}}`), or else those
    calibrated by the interpreter on the samples of `calibration-data` (one
    run per `.npz` sample, a running min/max per tensor), are unified
    around concats, the program is raised to iOS17, then
    `insert_prefix_quantize_dequantize_pair` (before `x` of conv, avg_pool,
    max_pool, linear and both inputs of add), `insert_suffix_quantize_dequantize_pair`
    (after conv, add, pools, linear and a following activation) and
    `dequantize_quantize_pair_elimination` run with coremltools' int8
    symmetric scales and op names. The config (op name over op type over
    global; None skips an op) is an `OpLinearQuantizerConfig`; `config`
    reads a YAML or JSON `OptimizationConfig`. coremltools runs its default
    pipeline afterwards (see the `activation_quantization` passes).
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let options = [
    Option<"activationStats", "activation-stats", "std::string", "\"\"",
           "JSON file of activation ranges by tensor name">,
    ListOption<"calibrationData", "calibration-data", "std::string",
               "calibration samples (.npz, inputs by name), instead of "
               "activation-stats">,
    Option<"dumpActivationStats", "dump-activation-stats", "std::string",
           "\"\"", "write the ranges (JSON) before the rewrite">,
    Option<"mode", "mode", "std::string", "\"\"",
           "linear_symmetric (the only mode for activations)">,
    Option<"dtype", "dtype", "std::string", "\"\"",
           "int8 (the only dtype for activations)">,
    Option<"weightThreshold", "weight-threshold", "std::string", "\"\"",
           "accepted for the config's sake; no effect on activations">,
    Option<"configFile", "config", "std::string", "\"\"",
           "a YAML or JSON OptimizationConfig file (instead of the options)">,
  ];
}

def NullifyRedundantQuantizationZeroPoint
    : Pass<"mil-nullify-redundant-quantization-zero-point", "mlir::ModuleOp"> {
  let summary = "Drop zero points that change nothing";
  let description = [{
    coremltools' `common::nullify_redundant_quantization_zero_point`:
    quantize/dequantize ops with an all-zero zero point are rebuilt without
    it (with new automatic names, as coremltools names them); a dequantize
    of a const with zero point -128/+128 folds the shift into a uint8/int8
    const; a quantize -> dequantize pair with zero points -128/+128 becomes
    a uint8/int8 pair without them.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let statistics = [Statistic<"numRebuilt", "rebuilt", "ops rebuilt">];
}

def DequantizeQuantizePairElimination
    : Pass<"mil-dequantize-quantize-pair-elimination", "mlir::ModuleOp"> {
  let summary = "Remove dequantize -> quantize pairs with equal parameters";
  let description = [{
    coremltools' `common::dequantize_quantize_pair_elimination`: a quantize
    fed by a dequantize with the same scale, zero point and axis is replaced
    by the dequantize's input; the dequantize goes when nothing else uses
    it. A dequantize that is a block output stays.
  }];
  let statistics = [Statistic<"numRemoved", "removed", "quantize ops removed">];
}

def TopologicalReorder : Pass<"mil-topological-reorder", "mlir::ModuleOp"> {
  let summary = "Move casts and transposes right before their first use";
  let description = [{
    coremltools' `common::topological_reorder`: from the last op of a block
    to the first, each `cast` and `transpose` moves right before the first
    op that uses it, or to the end of the block when none does.
  }];
  let statistics = [Statistic<"numMoved", "moved", "ops moved">];
}

def GuardNegativeGatherIndices
    : Pass<"mil-guard-negative-gather-indices", "mlir::ModuleOp"> {
  let summary = "Wrap negative gather indices explicitly (iOS17+)";
  let description = [{
    coremltools' `common::guard_negative_gather_indices`: iOS17 `gather` no
    longer wraps negative indices, so in every iOS17+ function each gather
    with non-const signed indices `i` gets
    `select(greater_equal(i, 0), i, add(i, x.shape[axis]))` as indices
    (int8/int16 indices cast to int32 first) and is rebuilt under its op
    name, with automatic names for the new ops. The size is a const when
    static, else `shape` + `slice_by_index`. Like coremltools, every run adds
    a guard, also around indices guarded before.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let statistics = [Statistic<"numGuarded", "guarded", "gathers guarded">];
}

def FuseTransposeMatmul : Pass<"mil-fuse-transpose-matmul", "mlir::ModuleOp"> {
  let summary = "Fold transposes of the last two dims into matmul";
  let description = [{
    coremltools' `common::fuse_transpose_matmul`: a matmul input produced by
    a transpose that swaps only the last two dims is replaced by the
    transpose's input, flipping transpose_x / transpose_y, and the matmul is
    rebuilt under its op name. As in coremltools, the perm const of every
    transpose feeding a matmul is rewritten into its canonical form (leading
    entries non-negative, the last two negative: [1, 0, 2] becomes
    [1, -3, -1]), also when nothing fuses.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let statistics = [Statistic<"numFused", "fused", "matmuls fused">];
}

def ReduceTransposes : Pass<"mil-reduce-transposes", "mlir::ModuleOp"> {
  let summary = "Cancel transposes and move them to where they are needed";
  let description = [{
    coremltools' `common::reduce_transposes`, on each function body without
    nested regions: a transpose's result stays lazy through unary-like ops
    and axis-update ops (elementwise binary ops, reduce_* with keep_dims)
    that can take it, is cancelled by a transpose with the inverse perm, and
    materializes at any other use or a function output. Where the
    materializing uses of a connected group of transposes are fewer than
    the transposes, the group is removed and a new transpose (automatic
    name) inserted before each materializing use; so two transposes feeding
    one matmul are rebuilt under new names on each run, as in coremltools.
    Not implemented: the rewrites of concat, split and pad and of a
    non-scalar operand of a binary op; a function that needs one is left
    unchanged, with a remark.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let statistics = [
    Statistic<"numRemoved", "removed", "transposes removed">,
    Statistic<"numAdded", "added", "transposes materialized">,
    Statistic<"numSkipped", "skipped", "functions left unchanged">,
  ];
}

def DistributiveQuantizedBinaryOpScaleNormalization
    : Pass<"mil-distributive-quantized-binary-op-scale-normalization",
           "mlir::ModuleOp"> {
  let summary = "Normalize the second input scale of quantized add/sub to 1";
  let description = [{
    coremltools' `common::distributive_quantized_binary_op_scale_normalization`:
    dequantize(s_x), dequantize(s_y) -> add/sub (-> relu) -> quantize(s_z)
    gets input scales s_x/s_y and 1 and output scale s_z/s_y (scalar s_y
    only; x and y are swapped when only s_x is scalar; left alone when a
    quotient is out of fp16 range). The new ops get automatic names.
  }];
  let dependentDialects = ["::mil::MILDialect"];
  let statistics = [Statistic<"numNormalized", "normalized", "ops normalized">];
}

def RemoveRedundantOps : Pass<"mil-remove-redundant-ops", "mlir::ModuleOp"> {
  let summary = "Merge ops of one type with identical inputs";
  let description = [{
    coremltools' `common::remove_redundant_ops`: consumers of a value that
    have the same type and identical inputs (the same values, or small
    consts with equal elements) are merged into the first. Ops with regions,
    random ops, multi-result ops and block outputs are kept.
  }];
  let statistics = [Statistic<"numRemoved", "removed", "ops removed">];
}

def DedupOpAndVarNames : Pass<"mil-dedup-op-and-var-names", "mlir::ModuleOp"> {
  let summary = "Rename op and var names used twice";
  let description = [{
    coremltools' `common::dedup_op_and_var_names`: in program order, an op
    or var name already used in the function gets the first free "_1",
    "_2", ... suffix. Function inputs and outputs keep their names.
  }];
  let statistics = [Statistic<"numRenamed", "renamed", "ops renamed">];
}

#endif // MIL_PASSES_TD
