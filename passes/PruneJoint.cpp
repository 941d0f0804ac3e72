//===- PruneJoint.cpp - pruning weights that are already compressed -------===//
//
// Part of mil-mlir. prune_weights with joint_compression (spec 2.11, 3.5):
// the candidates are quantized (constexpr_blockwise_shift_scale) and
// palettized (constexpr_lut_to_dense) weights, whose decompressed values are
// pruned; the quantized data or the indices at the kept positions then feed
// constexpr_sparse_blockwise_shift_scale or constexpr_lut_to_sparse, and a
// constexpr_sparse_to_dense named "{op}_sparsified" gives the dense weight.
// Values that decompress to 0 become sparse too.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"

#include "mil/Compression/Prune.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/TensorData.h"

#include "mlir/IR/Threading.h"

using namespace mlir;
using namespace mil;
using namespace mil::passes;
using pipeline::OpCompressorConfig;
using pipeline::OpMagnitudePrunerConfig;
using pipeline::OpThresholdPrunerConfig;

compression::Status passes::runPruneKernel(const OpCompressorConfig &config,
                                           const compression::TensorRef &w,
                                           compression::SparseParams &out) {
  if (const auto *t = config.getIf<OpThresholdPrunerConfig>())
    return compression::thresholdPrune(w, t->threshold,
                                       t->minimumSparsityPercentile, out);
  const auto &m = config.get<OpMagnitudePrunerConfig>();
  if (m.nMRatio)
    return compression::nmPrune(w, m.nMRatio->first, m.nMRatio->second,
                                m.dim.value_or(1), out);
  if (m.blockSize)
    return compression::blockMagnitudePrune(w, *m.targetSparsity, *m.blockSize,
                                            m.dim.value_or(0), out);
  return compression::magnitudePrune(w, *m.targetSparsity, out);
}

bool passes::feedsOnlyConvLinearWeight(Value weight) {
  for (OpOperand &use : weight.getUses()) {
    StringRef type = use.getOwner()->getName().getStringRef();
    if ((type != "mil.conv" && type != "mil.linear") ||
        milInputName(use.getOwner(), use.getOperandNumber()) != "weight")
      return false;
  }
  return true;
}

namespace {

struct Job {
  Operation *op;
  OpCompressorConfig config;
  WeightView view;
  compression::SparseParams params;
  std::string error;
};

/// The operand of `op` bound to MIL input `name`, or null.
Value input(Operation *op, StringRef name) {
  for (OpOperand &operand : op->getOpOperands())
    if (milInputName(op, operand.getOperandNumber()) == name)
      return operand.get();
  return {};
}

/// The elements of a const at the kept positions of `mask`, one byte per
/// element for sub-byte types (to be packed again), raw bytes otherwise.
FailureOr<std::vector<uint8_t>> keptElements(Value v, ArrayRef<uint8_t> mask) {
  size_t size;
  FailureOr<std::vector<uint8_t>> elements = readElements(v, size);
  if (failed(elements) || elements->size() != mask.size() * size)
    return failure();
  std::vector<uint8_t> out;
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask[i])
      out.insert(out.end(), elements->begin() + i * size,
                 elements->begin() + (i + 1) * size);
  return out;
}

LogicalResult rewrite(Job &job) {
  Operation *op = job.op;
  OpBuilder b(op);
  Location loc = op->getLoc();
  auto denseType = cast<RankedTensorType>(op->getResult(0).getType());
  std::string name = getMILOpName(op).str();
  const compression::SparseParams &p = job.params;
  auto maskType = RankedTensorType::get(
      denseType.getShape(),
      IntegerType::get(op->getContext(), 1, IntegerType::Unsigned));
  bool isLut = op->getName().getStringRef() == "mil.constexpr_lut_to_dense";
  Value source = input(op, isLut ? "indices" : "data");
  FailureOr<std::vector<uint8_t>> kept = keptElements(source, p.mask);
  if (failed(kept))
    return op->emitError() << "the " << (isLut ? "indices" : "data") << " of "
                           << name
                           << " must be a const shaped like its output to "
                              "prune it jointly";
  Value mask = createWeightConst(b, loc, maskType, p.mask, name + "_mask");
  auto keptType = RankedTensorType::get(
      {static_cast<int64_t>(p.numNonzero)},
      cast<ShapedType>(source.getType()).getElementType());
  Value nonzero =
      createWeightConst(b, loc, keptType, *kept, name + "_nonzero_data");
  auto valuesType = RankedTensorType::get({static_cast<int64_t>(p.numNonzero)},
                                          denseType.getElementType());
  SmallVector<MILInput> inputs;
  if (isLut) {
    inputs = {{"indices_mask", {mask}},
              {"indices_nonzero_data", {nonzero}},
              {"lut", {input(op, "lut")}}};
    if (Value axis = input(op, "vector_axis"))
      inputs.push_back({"vector_axis", {axis}});
  } else {
    inputs = {{"data_mask", {mask}},
              {"nonzero_data", {nonzero}},
              {"scale", {input(op, "scale")}}};
    if (Value offset = input(op, "offset"))
      inputs.push_back({"offset", {offset}});
  }
  FailureOr<Operation *> sparse = buildMILOp(
      b, loc,
      isLut ? "constexpr_lut_to_sparse"
            : "constexpr_sparse_blockwise_shift_scale",
      inputs, {maskType, valuesType},
      {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
  if (failed(sparse))
    return failure();
  FailureOr<Operation *> dense =
      buildMILOp(b, loc, "constexpr_sparse_to_dense",
                 {{"nonzero_data", {(*sparse)->getResult(1)}},
                  {"mask", {(*sparse)->getResult(0)}}},
                 denseType,
                 {b.getNamedAttr(MILDialect::kNameAttr,
                                 b.getStringAttr(name + "_sparsified"))});
  if (failed(dense))
    return failure();
  op->getResult(0).replaceAllUsesWith((*dense)->getResult(0));
  op->erase();
  if (Operation *def = source.getDefiningOp(); def && def->use_empty())
    def->erase();
  return success();
}

} // namespace

LogicalResult
passes::pruneCompressedWeights(FunctionOp fn,
                               const pipeline::OptimizationConfig &config) {
  SmallVector<Operation *> candidates;
  fn.walk([&](Operation *op) {
    StringRef type = op->getName().getStringRef();
    // The iOS18 forms (operands); joint mode needs CoreML8 anyway.
    if ((type == "mil.constexpr_blockwise_shift_scale" ||
         type == "mil.constexpr_lut_to_dense") &&
        op->getNumOperands() > 0)
      candidates.push_back(op);
  });
  std::vector<Job> jobs;
  for (Operation *op : candidates) {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Type elem = type.getElementType();
    if (type.getNumElements() < 10 ||
        !(elem.isF16() || elem.isF32() || elem.isInteger(8)))
      continue;
    FailureOr<std::optional<OpCompressorConfig>> resolved =
        resolveWeightConfig(op, config);
    if (failed(resolved))
      return failure();
    if (!*resolved) {
      reportSkipped(op, "prune_weights", noConfigReason(op));
      continue;
    }
    // A weight already in a longer chain (e.g. a LUT that feeds a
    // per-channel scale) is pruned at the end of that chain, not here.
    if (llvm::any_of(op->getUsers(), isConstexprOp))
      continue;
    std::optional<int64_t> threshold = (*resolved)->getWeightThreshold();
    if (!threshold)
      return op->emitError() << "weight_threshold cannot be None";
    if (type.getRank() <= 1 || type.getNumElements() <= *threshold) {
      reportSkipped(op, "prune_weights",
                    type.getRank() <= 1
                        ? std::string("scalars and vectors are not compressed")
                        : std::to_string(type.getNumElements()) +
                              " elements, not more than weight_threshold " +
                              std::to_string(*threshold));
      continue;
    }
    const auto *mag = (*resolved)->getIf<OpMagnitudePrunerConfig>();
    if (mag && mag->isStructural() &&
        !feedsOnlyConvLinearWeight(op->getResult(0)) &&
        !config.lookupOpName(getMILOpName(op)).found) {
      op->emitWarning() << "op named " << getMILOpName(op)
                        << " not applicable for " << (*resolved)->str()
                        << " configuration. Skipped.";
      continue;
    }
    if (op->getName().getStringRef() == "mil.constexpr_lut_to_dense" &&
        cast<ShapedType>(input(op, "indices").getType()).getShape() !=
            type.getShape()) {
      op->emitWarning() << "pruning the vector-palettized weight "
                        << getMILOpName(op)
                        << " jointly is not supported; skipped";
      continue;
    }
    FailureOr<WeightView> view = viewConstexprResult(op, 0);
    if (failed(view))
      return failure();
    jobs.push_back({op, **resolved, std::move(*view), {}, {}});
  }
  parallelForEach(fn.getContext(), jobs, [&](Job &job) {
    compression::Status status =
        runPruneKernel(job.config, job.view.tensor(), job.params);
    if (!status)
      job.error = status.message;
  });
  for (Job &job : jobs) {
    if (!job.error.empty())
      return job.op->emitError() << job.error;
    if (job.params.skipped) {
      job.op->emitWarning() << job.params.reason;
      reportSkipped(job.op, "prune_weights", job.params.reason);
      continue;
    }
    reportCompressed(job.op, "prune_weights");
    if (failed(rewrite(job)))
      return failure();
  }
  return success();
}
