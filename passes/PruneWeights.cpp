//===- PruneWeights.cpp - weight sparsification -----------------*- C++ -*-===//
//
// Part of mil-mlir. coremltools' prune_weights (spec 2.11): threshold or
// magnitude pruning (unstructured, block, n:m) of const weights into
// constexpr_sparse_to_dense, in the form of the function's opset.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/Prune.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/Threading.h"

namespace mil {
#define GEN_PASS_DEF_PRUNEWEIGHTS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;
using pipeline::OpCompressorConfig;
using pipeline::OpMagnitudePrunerConfig;
using pipeline::OpThresholdPrunerConfig;

namespace {

/// coremltools' name of the pass, for messages and reports.
constexpr llvm::StringLiteral kPass = "prune_weights";

struct Job {
  ConstOp op;
  OpCompressorConfig config;
  WeightView view;
  compression::SparseParams params;
  /// The packed mask and the kept values, written by the kernel in place
  /// for the new consts' blobs.
  ResourceBuffer mask, nonzero;
  std::string error; ///< A kernel error (coremltools raises).
};

/// True when `op`'s every consumer is a conv or linear taking it as weight.
bool feedsOnlyConvLinearWeight(ConstOp op) {
  for (OpOperand &use : op.getResult().getUses()) {
    Operation *user = use.getOwner();
    StringRef type = user->getName().getStringRef();
    if (type != "mil.conv" && type != "mil.linear")
      return false;
    if (milInputName(user, use.getOperandNumber()) != "weight")
      return false;
  }
  return true;
}

struct PruneWeights : public mil::impl::PruneWeightsBase<PruneWeights> {
  using PruneWeightsBase::PruneWeightsBase;

  void runOnOperation() override {
    bool magnitude = !targetSparsity.empty() || !blockSize.empty() ||
                     !nMRatio.empty() || !dim.empty();
    StringRef type =
        magnitude ? "OpMagnitudePrunerConfig" : "OpThresholdPrunerConfig";
    SmallVector<std::pair<std::string, std::string>> fields = {
        {"weight_threshold", weightThreshold}};
    if (magnitude)
      fields.append({{"target_sparsity", targetSparsity},
                     {"block_size", blockSize},
                     {"n_m_ratio", nMRatio},
                     {"dim", dim}});
    else
      fields.append({{"threshold", threshold},
                     {"minimum_sparsity_percentile", minimumSparsity}});
    if (magnitude && (!threshold.empty() || !minimumSparsity.empty())) {
      getOperation().emitError()
          << "prune_weights: options 'threshold' and "
             "'minimum-sparsity-percentile' (OpThresholdPrunerConfig) cannot "
             "be combined with the OpMagnitudePrunerConfig options";
      return signalPassFailure();
    }
    FailureOr<pipeline::OptimizationConfig> config = loadPassConfig(
        getOperation(), "prune_weights", configFile, type, fields,
        {"OpMagnitudePrunerConfig", "OpThresholdPrunerConfig"});
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
  void rewrite(Job &job, unsigned opset);

  SharedWeights shared;
};

LogicalResult
PruneWeights::runOnFunction(FunctionOp fn,
                            const pipeline::OptimizationConfig &config) {
  unsigned opset = opsetOf(fn);
  FailureOr<bool> run =
      checkCompressionOpset(fn, "prune_weights", jointCompression);
  if (failed(run) || !*run)
    return failure(failed(run));
  // Joint mode prunes the compressed weights, not plain consts (spec 2.7).
  if (jointCompression)
    return pruneCompressedWeights(fn, config);
  SmallVector<ConstOp> candidates = collectCandidateConsts(fn, kPass);
  std::vector<Job> jobs;
  for (ConstOp op : candidates) {
    if (shared.reuse(op, kPass))
      continue;
    FailureOr<std::optional<OpCompressorConfig>> resolved =
        resolveConstConfig(op, config);
    if (failed(resolved))
      return failure();
    if (!*resolved) {
      reportSkipped(op, kPass, noConfigReason(op));
      continue;
    }
    std::string why;
    FailureOr<bool> need =
        needCompressConst(op, (*resolved)->getWeightThreshold(), &why);
    if (failed(need))
      return failure();
    if (!*need) {
      reportSkipped(op, kPass, why);
      continue;
    }
    const auto *mag = (*resolved)->getIf<OpMagnitudePrunerConfig>();
    if (mag && mag->isStructural() && !feedsOnlyConvLinearWeight(op) &&
        !config.lookupOpName(getMILOpName(op)).found) {
      op.emitWarning() << "op named " << getMILOpName(op)
                       << " not applicable for " << (*resolved)->str()
                       << " configuration. Skipped.";
      reportSkipped(op, kPass,
                    "structured pruning needs a conv or linear weight");
      continue;
    }
    FailureOr<WeightView> view = viewWeight(op);
    if (failed(view))
      return failure();
    jobs.push_back({op, **resolved, std::move(*view), {}, {}, {}, {}});
  }

  auto size = [](const Job &job) {
    return compression::numElements(job.view.shape) *
           compression::elemTypeSize(job.view.ref.type);
  };
  parallelForEachLargestFirst(&getContext(), jobs, size, [&](Job &job) {
    compression::TensorRef w = job.view.tensor();
    job.mask = ResourceBuffer(
        compression::packedSizeInBytes(compression::numElements(w.shape), 1));
    auto allocateNonzero = [&](uint64_t bytes) {
      job.nonzero = ResourceBuffer(bytes);
      return job.nonzero.data();
    };
    compression::SparseStorage storage;
    storage.packedMask = job.mask.data();
    storage.allocateNonzero = allocateNonzero;
    compression::Status status;
    if (const auto *t = job.config.getIf<OpThresholdPrunerConfig>()) {
      status = compression::thresholdPrune(
          w, t->threshold, t->minimumSparsityPercentile, job.params, storage);
    } else {
      const auto &m = job.config.get<OpMagnitudePrunerConfig>();
      if (m.nMRatio)
        status = compression::nmPrune(w, m.nMRatio->first, m.nMRatio->second,
                                      m.dim.value_or(1), job.params, storage);
      else if (m.blockSize)
        status = compression::blockMagnitudePrune(
            w, *m.targetSparsity, *m.blockSize, m.dim.value_or(0), job.params,
            storage);
      else
        status = compression::magnitudePrune(w, *m.targetSparsity, job.params,
                                             storage);
    }
    if (!status)
      job.error = status.message;
    if (!status || job.params.skipped) {
      job.mask = ResourceBuffer();
      job.nonzero = ResourceBuffer();
      return;
    }
    // The kernel may have asked for room for every element.
    job.nonzero.truncate(job.params.numNonzero *
                         compression::elemTypeSize(w.type));
  });

  for (Job &job : jobs) {
    if (!job.error.empty())
      return job.op.emitError() << job.error;
    if (job.params.skipped) {
      job.op.emitWarning() << job.params.reason;
      job.op.emitWarning() << "op named " << getMILOpName(job.op)
                           << " not applicable for " << job.config.str()
                           << " configuration. Skipped.";
      reportSkipped(job.op, kPass, job.params.reason);
      continue;
    }
    reportCompressed(job.op, kPass);
    SharedWeights::Pending pending = shared.prepare(job.op);
    rewrite(job, opset);
    shared.commit(pending);
  }
  return success();
}

void PruneWeights::rewrite(Job &job, unsigned opset) {
  ConstOp op = job.op;
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto weightType = cast<RankedTensorType>(op.getType());
  std::string name = getMILOpName(op).str() + "_sparsified";
  const compression::SparseParams &p = job.params;
  auto dataType = RankedTensorType::get({static_cast<int64_t>(p.numNonzero)},
                                        weightType.getElementType());

  if (opset == 0 || opset >= kIOS18Opset) {
    auto maskType = RankedTensorType::get(
        weightType.getShape(),
        IntegerType::get(&getContext(), 1, IntegerType::Unsigned));
    Value data = createWeightConst(b, loc, dataType, std::move(job.nonzero),
                                   name + "_nonzero_data");
    Value mask = createWeightConst(b, loc, maskType, std::move(job.mask),
                                   name + "_mask");
    FailureOr<Operation *> s = buildMILOp(
        b, loc, "constexpr_sparse_to_dense",
        {{"nonzero_data", {data}}, {"mask", {mask}}}, weightType,
        {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
    replaceConst(op, (*s)->getResult(0));
    return;
  }

  // iOS16: the same packed mask as uint8, and the shape as uint32.
  auto ui8 = IntegerType::get(&getContext(), 8, IntegerType::Unsigned);
  auto ui32 = IntegerType::get(&getContext(), 32, IntegerType::Unsigned);
  auto maskType =
      RankedTensorType::get({static_cast<int64_t>(job.mask.size())}, ui8);
  SmallVector<APInt> dims;
  for (int64_t d : weightType.getShape())
    dims.push_back(APInt(32, d));
  auto shapeType = RankedTensorType::get({weightType.getRank()}, ui32);
  SmallVector<NamedAttribute> attrs = {
      b.getNamedAttr("nonzero_data",
                     job.nonzero.finish(dataType, name + "_data")),
      b.getNamedAttr("mask", job.mask.finish(maskType, name + "_mask")),
      b.getNamedAttr("shape", DenseElementsAttr::get(shapeType, dims)),
      b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))};
  FailureOr<Operation *> s =
      buildMILOp(b, loc, "constexpr_sparse_to_dense", {}, weightType, attrs);
  replaceConst(op, (*s)->getResult(0));
}

} // namespace
