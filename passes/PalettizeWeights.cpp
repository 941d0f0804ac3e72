//===- PalettizeWeights.cpp - weight palettization --------------*- C++ -*-===//
//
// Part of mil-mlir. coremltools' palettize_weights (spec 2.10): const weights
// become look-up tables and indices (constexpr_lut_to_dense), grouped,
// vector and per-channel-scaled where the opset allows it.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"
#include "NamedRegistry.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/Palettize.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/LutFunctions.h"
#include "mil/Passes/Passes.h"
#include "mil/Passes/Progress.h"

#include "mlir/IR/Threading.h"

namespace mil {
#define GEN_PASS_DEF_PALETTIZEWEIGHTS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;
using pipeline::CompressionGranularity;
using pipeline::OpPalettizerConfig;
using pipeline::PalettizationMode;

//===----------------------------------------------------------------------===//
// LUT function registry
//===----------------------------------------------------------------------===//

static NamedRegistry<compression::LutFunction> &lutFunctions() {
  static NamedRegistry<compression::LutFunction> registry;
  return registry;
}

void mil::registerLutFunction(StringRef name, compression::LutFunction fn) {
  lutFunctions().set(name, std::move(fn));
}

void mil::unregisterLutFunction(StringRef name) { lutFunctions().erase(name); }

std::optional<compression::LutFunction> mil::lookupLutFunction(StringRef name) {
  return lutFunctions().lookup(name);
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

namespace {

/// coremltools' name of the pass, for messages and reports.
constexpr llvm::StringLiteral kPass = "palettize_weights";

struct Job {
  ConstOp op;
  OpPalettizerConfig config;
  compression::PalettizeSpec spec;
  WeightView view;
  /// enable_per_channel_scale: the normalized weight and the scale.
  std::vector<uint8_t> scaled, scale;
  std::vector<int64_t> scaleShape;
  compression::PalettizeResult result;
  /// result.indices packed as soon as the kernel is done (not in joint
  /// mode on a pruned weight, which needs them unpacked).
  ResourceBuffer packedIndices;
  std::string error;
  /// Joint mode: the constexpr_sparse_to_dense whose nonzero_data the const
  /// is (the dense weight is palettized), or the
  /// constexpr_blockwise_shift_scale whose data it is (integer weights).
  Operation *sparseConsumer = nullptr, *shiftScaleConsumer = nullptr;
  std::string name; ///< The const's MIL name (weightName).
};

compression::PalettizeMode kernelMode(PalettizationMode mode) {
  switch (mode) {
  case PalettizationMode::KMeans:
    return compression::PalettizeMode::KMeans;
  case PalettizationMode::Uniform:
    return compression::PalettizeMode::Uniform;
  case PalettizationMode::Unique:
    return compression::PalettizeMode::Unique;
  case PalettizationMode::Custom:
    return compression::PalettizeMode::Custom;
  }
  llvm_unreachable("palettization mode");
}

struct PalettizeWeights
    : public mil::impl::PalettizeWeightsBase<PalettizeWeights> {
  using PalettizeWeightsBase::PalettizeWeightsBase;

  void runOnOperation() override {
    FailureOr<pipeline::OptimizationConfig> config = loadPassConfig(
        getOperation(), "palettize_weights", configFile, "OpPalettizerConfig",
        {{"mode", mode},
         {"nbits", nbits},
         {"lut_function", lutFunction},
         {"granularity", granularity},
         {"group_size", groupSize},
         {"channel_axis", channelAxis},
         {"cluster_dim", clusterDim},
         {"enable_per_channel_scale", enablePerChannelScale},
         {"num_kmeans_workers", numKmeansWorkers},
         {"weight_threshold", weightThreshold}});
    if (failed(config))
      return signalPassFailure();
    shared = SharedWeights();
    if (!jointCompression && failed(shared.init(getOperation(), *config)))
      return signalPassFailure();
    for (auto fn : getOperation().getOps<FunctionOp>())
      if (failed(runOnFunction(fn, *config)))
        return signalPassFailure();
  }

  LogicalResult runOnFunction(FunctionOp fn,
                              const pipeline::OptimizationConfig &config);
  FailureOr<bool> select(ConstOp op, const OpPalettizerConfig &cfg,
                         unsigned opset, Job &job);
  LogicalResult rewrite(Job &job, unsigned opset);
  LogicalResult rewriteSparse(Job &job, StringRef name);

  SharedWeights shared;
};

FailureOr<bool> PalettizeWeights::select(ConstOp op,
                                         const OpPalettizerConfig &cfg,
                                         unsigned opset, Job &job) {
  job.name = weightName(op);
  StringRef name = job.name;
  bool ios18 = opset == 0 || opset >= kIOS18Opset;
  // The dense weight: the const, or in joint mode the densified pruned
  // weight, whose consumers give the channel axes.
  Value weight = job.sparseConsumer       ? job.sparseConsumer->getResult(0)
                 : job.shiftScaleConsumer ? job.shiftScaleConsumer->getResult(0)
                                          : op.getResult();
  if (!ios18) {
    if (cfg.granularity == CompressionGranularity::PerGroupedChannel)
      return op.emitError()
             << "The per_grouped_channel palettization is supported since "
                "iOS18. Please re-convert your model with "
                "minimum_deployment_target set to at least ct.target.iOS18.";
    if (cfg.clusterDim > 1)
      return op.emitError()
             << "The vector palettization is supported since iOS18. Please "
                "re-convert your model with minimum_deployment_target set to "
                "at least ct.target.iOS18.";
  }
  ChannelAxes axes = selectChannelAxes(weight, op, name);
  if (!axes.output || !axes.input) {
    op.emitWarning() << "Cannot perform palettization on " << name
                     << " as block_sizes is None. Skipped this op.";
    reportSkipped(op, kPass, "its consumers need different channel axes");
    return false;
  }
  auto type = cast<RankedTensorType>(weight.getType());
  int64_t rank = type.getRank();
  int64_t axis = *axes.output;
  if (cfg.channelAxis) {
    int64_t given = *cfg.channelAxis;
    if (given < -rank || given >= rank)
      return op.emitError() << "Invalid channel_axis. Should be in range ["
                            << -rank << ", " << rank << "), but got " << given;
    axis = given < 0 ? given + rank : given;
  }
  if (cfg.clusterDim > 1) {
    if (job.sparseConsumer)
      return op.emitError() << "vector palettization (cluster_dim > 1) of "
                               "the pruned weight "
                            << name << " is not supported yet";
    for (Operation *user : weight.getUsers()) {
      StringRef t = user->getName().getStringRef();
      if (t != "mil.conv" && t != "mil.conv_transpose")
        continue;
      int64_t extent = type.getDimSize(axis);
      int64_t groups = intInput(user, "groups").value_or(1);
      if (axis == 0 && groups > 1)
        extent /= groups;
      if (extent % cfg.clusterDim != 0) {
        op.emitWarning() << "The `cluster_dim` is invalid for " << name
                         << ". Skipped this op.";
        reportSkipped(op, kPass,
                      "cluster_dim " + Twine(cfg.clusterDim) +
                          " does not divide its channels");
        return false;
      }
    }
  }
  if (cfg.enablePerChannelScale && !ios18)
    return op.emitError() << "Palettization with per-channel-scale is only "
                             "supported since iOS18. Please set "
                             "minimum_deployment_target accordingly.";
  compression::PalettizeSpec &spec = job.spec;
  spec.mode = kernelMode(cfg.mode);
  spec.nbits = cfg.nbits ? static_cast<unsigned>(*cfg.nbits) : 0;
  spec.channelAxis = axis;
  spec.groupSize = cfg.granularity == CompressionGranularity::PerGroupedChannel
                       ? cfg.groupSize
                       : 0;
  spec.clusterDim = cfg.clusterDim;
  if (cfg.mode == PalettizationMode::Custom) {
    std::optional<compression::LutFunction> fn =
        lookupLutFunction(cfg.lutFunctionName);
    if (!fn)
      return op.emitError() << "no LUT function named '" << cfg.lutFunctionName
                            << "' is registered (mil::registerLutFunction)";
    spec.lutFunction = std::move(*fn);
  }
  // Pruned zeros take part in the clustering (spec 3.5).
  FailureOr<WeightView> view = job.sparseConsumer
                                   ? viewConstexprResult(job.sparseConsumer, 0)
                                   : viewWeight(op);
  if (failed(view))
    return failure();
  job.op = op;
  job.config = cfg;
  job.view = std::move(*view);
  return true;
}

LogicalResult
PalettizeWeights::runOnFunction(FunctionOp fn,
                                const pipeline::OptimizationConfig &config) {
  unsigned opset = opsetOf(fn);
  FailureOr<bool> run =
      checkCompressionOpset(fn, "palettize_weights", jointCompression);
  if (failed(run) || !*run)
    return failure(failed(run));
  SmallVector<ConstOp> candidates = collectCandidateConsts(fn, kPass);
  std::vector<Job> jobs;
  for (ConstOp op : candidates) {
    if (!jointCompression && shared.reuse(op, kPass))
      continue;
    FailureOr<std::optional<pipeline::OpCompressorConfig>> resolved =
        resolveConstConfig(op, config);
    if (failed(resolved))
      return failure();
    if (!*resolved) {
      reportSkipped(op, kPass, noConfigReason(op));
      continue;
    }
    const auto *cfg = (*resolved)->getIf<OpPalettizerConfig>();
    if (!cfg)
      continue;
    Job job;
    if (auto use = soleUse(op.getResult());
        use && jointCompression && isConstexprOp(use->first)) {
      StringRef type = use->first->getName().getStringRef();
      if (type == "mil.constexpr_sparse_to_dense" &&
          use->second == "nonzero_data")
        job.sparseConsumer = use->first;
      else if (type == "mil.constexpr_blockwise_shift_scale" &&
               use->second == "data")
        job.shiftScaleConsumer = use->first;
      else {
        reportSkipped(op, kPass,
                      "joint compression does not apply to its consumer " +
                          type.drop_front(4));
        continue;
      }
    }
    Operation *consumer =
        job.sparseConsumer ? job.sparseConsumer : job.shiftScaleConsumer;
    std::string why;
    FailureOr<bool> need =
        consumer ? needCompressJoint(op, consumer, cfg->weightThreshold)
                 : needCompressConst(op, cfg->weightThreshold, &why);
    if (failed(need))
      return failure();
    if (!*need) {
      reportSkipped(op, kPass,
                    why.empty() ? "not more elements than weight_threshold"
                                : why);
      continue;
    }
    FailureOr<bool> selected = select(op, *cfg, opset, job);
    if (failed(selected))
      return failure();
    if (*selected)
      jobs.push_back(std::move(job));
  }

  auto palettizeJob = [&](Job &job) {
    compression::TensorRef w = job.view.tensor();
    if (job.config.enablePerChannelScale) {
      compression::Status s = compression::perChannelScale(
          w, job.spec.channelAxis, job.scaled, job.scaleShape, job.scale);
      if (!s) {
        job.error = s.message;
        return;
      }
      w.data = job.scaled.data();
    }
    compression::Status s = compression::palettize(w, job.spec, job.result);
    if (!s)
      job.error = s.message;
    // One byte per element is twice the fp16 weight's size for 4 bits:
    // packed at once, only the running jobs' unpacked indices are alive.
    if (s && !job.result.skipped && !job.sparseConsumer) {
      std::vector<uint8_t> &indices = job.result.indices;
      job.packedIndices = toResourceBuffer(indices, job.result.nbits);
      std::vector<uint8_t>().swap(indices);
    }
    std::vector<uint8_t>().swap(job.scaled);
    reportWeightProgress(compression::numElements(w.shape) *
                         compression::elemTypeSize(w.type));
  };
  // Weights of more than kLargeElements run one at a time (the kernel
  // splits each of them), the others in parallel: bounds the unpacked
  // indices alive at once.
  constexpr uint64_t kLargeElements = uint64_t(1) << 26;
  std::vector<Job *> large;
  std::vector<Job *> small;
  for (Job &job : jobs)
    (compression::numElements(job.view.shape) > kLargeElements ? large : small)
        .push_back(&job);
  for (Job *job : large)
    palettizeJob(*job);
  parallelForEach(&getContext(), small, [&](Job *job) { palettizeJob(*job); });

  for (Job &job : jobs) {
    if (!job.error.empty())
      return job.op.emitError() << job.error;
    if (job.result.skipped) {
      job.op.emitWarning() << job.result.reason;
      job.op.emitWarning() << "Cannot perform palettization on " << job.name
                           << ". Skipped this op.";
      reportSkipped(job.op, kPass, job.result.reason);
      continue;
    }
    reportCompressed(job.op, kPass);
    SharedWeights::Pending pending = shared.prepare(job.op);
    if (failed(rewrite(job, opset)))
      return failure();
    shared.commit(pending);
  }
  return success();
}

LogicalResult PalettizeWeights::rewrite(Job &job, unsigned opset) {
  MLIRContext *ctx = &getContext();
  ConstOp op = job.op;
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto weightType = cast<RankedTensorType>(op.getType());
  Type elem = weightType.getElementType();
  std::string name = job.name + "_palettized";
  const compression::PalettizeResult &r = job.result;
  unsigned nbits = r.nbits;
  if (job.sparseConsumer)
    return rewriteSparse(job, name);

  if (opset == 0 || opset >= kIOS18Opset) {
    auto indicesType = RankedTensorType::get(
        r.indicesShape, IntegerType::get(ctx, nbits, IntegerType::Unsigned));
    auto lutType = RankedTensorType::get(r.lutShape, elem);
    SmallVector<MILInput> inputs = {
        {"indices",
         {createWeightConst(b, loc, indicesType, std::move(job.packedIndices),
                            name + "_indices")}},
        {"lut", {createWeightConst(b, loc, lutType, r.lut, name + "_lut")}}};
    if (r.vectorAxis) {
      auto axisType = RankedTensorType::get({}, b.getI32Type());
      auto axis =
          b.create<ConstOp>(loc, axisType,
                            DenseElementsAttr::get(
                                axisType, static_cast<int32_t>(*r.vectorAxis)));
      axis->setAttr("inline", b.getUnitAttr());
      inputs.push_back({"vector_axis", {axis}});
    }
    FailureOr<Operation *> lut = buildMILOp(
        b, loc, "constexpr_lut_to_dense", inputs, weightType,
        {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
    Value result = (*lut)->getResult(0);
    if (job.config.enablePerChannelScale) {
      auto scaleType = RankedTensorType::get(job.scaleShape, elem);
      Value scale =
          createWeightConst(b, loc, scaleType, job.scale, name + "_pcs_scale");
      FailureOr<Operation *> pcs =
          buildMILOp(b, loc, "constexpr_blockwise_shift_scale",
                     {{"data", {result}}, {"scale", {scale}}}, weightType,
                     {b.getNamedAttr(MILDialect::kNameAttr,
                                     b.getStringAttr(name + "_pcs"))});
      result = (*pcs)->getResult(0);
    }
    replaceConst(op, result);
    return success();
  }

  // iOS16: a 1-D LUT of 2, 4, 16, 64 or 256 entries, indices packed LSB
  // first into uint8, and the shape as uint32.
  int64_t entries = int64_t(1) << nbits;
  if (!llvm::is_contained({2, 4, 16, 64, 256}, entries))
    return op.emitError()
           << "Parameter lut should be a vector of size from one of {2, 4, "
              "16, 64, 256}; a "
           << nbits << "-bit palette needs opset CoreML8 (iOS18) or later";
  // The indices were packed LSB first with nbits, as iOS16 stores them.
  ResourceBuffer &packed = job.packedIndices;
  auto ui8 = IntegerType::get(ctx, 8, IntegerType::Unsigned);
  auto ui32 = IntegerType::get(ctx, 32, IntegerType::Unsigned);
  SmallVector<APInt> dims;
  for (int64_t d : weightType.getShape())
    dims.push_back(APInt(32, d));
  auto shapeType = RankedTensorType::get({weightType.getRank()}, ui32);
  auto indicesType =
      RankedTensorType::get({static_cast<int64_t>(packed.size())}, ui8);
  auto lutType = RankedTensorType::get({entries}, elem);
  SmallVector<NamedAttribute> attrs = {
      b.getNamedAttr("indices", packed.finish(indicesType, name + "_indices")),
      b.getNamedAttr(
          "lut", makeResourceFromPackedBytes(lutType, name + "_lut", r.lut)),
      b.getNamedAttr("shape", DenseElementsAttr::get(shapeType, dims)),
      b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))};
  FailureOr<Operation *> lut =
      buildMILOp(b, loc, "constexpr_lut_to_dense", {}, weightType, attrs);
  replaceConst(op, (*lut)->getResult(0));
  return success();
}

/// Joint mode on a pruned weight: constexpr_lut_to_sparse over the existing
/// mask; the existing constexpr_sparse_to_dense takes both its outputs.
LogicalResult PalettizeWeights::rewriteSparse(Job &job, StringRef name) {
  ConstOp op = job.op;
  Operation *sparse = job.sparseConsumer;
  Value maskValue = sparse->getOperand(1);
  FailureOr<std::vector<uint8_t>> mask = readMask(maskValue);
  if (failed(mask))
    return op.emitError() << "the mask of " << getMILOpName(sparse)
                          << " must be a const for joint palettization";
  const compression::PalettizeResult &r = job.result;
  std::vector<uint8_t> indices;
  for (size_t i = 0; i < mask->size(); ++i)
    if ((*mask)[i])
      indices.push_back(r.indices[i]);
  OpBuilder b(sparse); // After the mask, wherever it is.
  Location loc = op.getLoc();
  auto nonzeroType = cast<RankedTensorType>(op.getType());
  auto indicesType = RankedTensorType::get(
      {static_cast<int64_t>(indices.size())},
      IntegerType::get(&getContext(), r.nbits, IntegerType::Unsigned));
  auto lutType =
      RankedTensorType::get(r.lutShape, nonzeroType.getElementType());
  SmallVector<MILInput> inputs = {
      {"indices_mask", {maskValue}},
      {"indices_nonzero_data",
       {createWeightConst(b, loc, indicesType, indices,
                          (name + "_indices").str())}},
      {"lut",
       {createWeightConst(b, loc, lutType, r.lut, (name + "_lut").str())}}};
  FailureOr<Operation *> lut = buildMILOp(
      b, loc, "constexpr_lut_to_sparse", inputs,
      {maskValue.getType(), nonzeroType},
      {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
  sparse->setOperand(1, (*lut)->getResult(0));
  replaceConst(op, (*lut)->getResult(1));
  return success();
}

} // namespace
