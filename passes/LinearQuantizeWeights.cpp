//===- LinearQuantizeWeights.cpp - affine weight quantization ---*- C++ -*-===//
//
// Part of mil-mlir. coremltools' linear_quantize_weights (spec 2.9): the
// candidates are chosen and configured in program order, quantized by the
// lib/Compression kernel in parallel, then rewritten in program order.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"
#include "QuantizationUtils.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/Quantize.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/Threading.h"

#include <cmath>

namespace mil {
#define GEN_PASS_DEF_LINEARQUANTIZEWEIGHTS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;
using pipeline::OpLinearQuantizerConfig;

namespace {

/// coremltools' name of the pass, for messages and reports.
constexpr llvm::StringLiteral kPass = "linear_quantize_weights";

/// One weight to quantize.
struct Job {
  ConstOp op;
  OpLinearQuantizerConfig config;
  SmallVector<int64_t> blockSizes;
  WeightView view;
  compression::QuantParams params;
  /// The quantized elements, packed, for the new const's blob (not in joint
  /// mode, which needs them unpacked in params.data).
  ResourceBuffer data;
  /// Large weights (inPieces): the quantized elements, made piece by piece
  /// in program order (quantizeInPieces) instead of into `data`.
  bool inPieces = false;
  ElementsAttr dataAttr;
  /// params.scale moved out of the heap when large (per-block scales of a
  /// big model add up to 1/16 of its weights).
  ResourceBuffer scale;
  std::string skipReason; ///< The kernel's warning when it could not.
  /// Joint mode, pruned weight: the constexpr_sparse_to_dense whose
  /// nonzero_data the const is (the dense weight was quantized).
  Operation *sparseConsumer = nullptr;
  std::string name;     ///< The const's MIL name (weightName).
  bool infSkip = false; ///< Skipped for inf values (one warning only).
};

/// max - min of an integer weight, for the "0/1 mask" skip.
int64_t intRange(const compression::TensorRef &w) {
  uint64_t n = compression::numElements(w.shape);
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (uint64_t i = 0; i < n; ++i) {
    int64_t v = w.type == compression::ElemType::Int8
                    ? static_cast<const int8_t *>(w.data)[i]
                    : static_cast<const uint8_t *>(w.data)[i];
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return n ? hi - lo : 0;
}

/// `infer_block_sizes` (spec 2.8) for a quantizer config; nullopt means
/// "skip this op" (a warning was emitted).
FailureOr<std::optional<SmallVector<int64_t>>>
inferBlockSizes(ConstOp op, Value weight,
                const OpLinearQuantizerConfig &config) {
  using pipeline::CompressionGranularity;
  int64_t rank = cast<ShapedType>(weight.getType()).getRank();
  const auto *perAxis = std::get_if<std::vector<int64_t>>(&config.blockSize);
  if (config.granularity == CompressionGranularity::PerBlock && perAxis) {
    if (static_cast<int64_t>(perAxis->size()) != rank)
      return op.emitError()
             << "The block_size in config must has one element for each "
                "axis. However, for op "
             << weightName(op) << ", there are " << perAxis->size()
             << " elements in block_size, but there are " << rank
             << " axes in the weight.";
    return std::optional(
        SmallVector<int64_t>(perAxis->begin(), perAxis->end()));
  }
  ChannelAxes axes = selectChannelAxes(weight, op, weightName(op));
  if (!axes.output || !axes.input) {
    op.emitWarning() << "Cannot perform quantization on " << weightName(op)
                     << " as block_sizes is None. Skipped this op.";
    return std::optional<SmallVector<int64_t>>();
  }
  SmallVector<int64_t> blocks(rank, 0);
  switch (config.granularity) {
  case CompressionGranularity::PerChannel:
    blocks[*axes.output] = 1;
    break;
  case CompressionGranularity::PerBlock:
    blocks[*axes.input] = std::get<int64_t>(config.blockSize);
    blocks[*axes.output] = 1;
    break;
  default:
    break;
  }
  return std::optional(std::move(blocks));
}

/// The MLIR type of a quantized element.
Type quantizedType(MLIRContext *ctx, const OpLinearQuantizerConfig &config) {
  return IntegerType::get(ctx, config.nbits(),
                          config.isSigned() ? IntegerType::Signless
                                            : IntegerType::Unsigned);
}

/// The kernel's spec for a quantizer config.
compression::QuantSpec quantSpecOf(const OpLinearQuantizerConfig &config) {
  compression::QuantSpec spec;
  spec.mode = config.mode == pipeline::LinearQuantizationMode::Linear
                  ? compression::QuantMode::Linear
                  : compression::QuantMode::LinearSymmetric;
  spec.isSigned = config.isSigned();
  spec.bits = config.nbits();
  spec.rejectInf = true;
  return spec;
}

/// Packed data from this size on is made piece by piece: writing fresh
/// output pages costs more than quantizing into them.
constexpr uint64_t kInPiecesBytes = uint64_t(1) << 20;
/// Bytes per piece: a cache-resident buffer per thread.
constexpr size_t kPieceBytes = size_t(1) << 17;

/// A small tensor (scalars, vectors of parameters) as a dense attribute,
/// anything else as a resource.
ElementsAttr makeValue(RankedTensorType type, ArrayRef<uint8_t> bytes,
                       StringRef name, Location loc) {
  if (type.getNumElements() < 10) {
    FailureOr<ElementsAttr> dense = makeDenseFromPackedBytes(type, bytes, loc);
    if (succeeded(dense))
      return *dense;
  }
  return makeResourceFromPackedBytes(type, name, bytes);
}

struct LinearQuantizeWeights
    : public mil::impl::LinearQuantizeWeightsBase<LinearQuantizeWeights> {
  using LinearQuantizeWeightsBase::LinearQuantizeWeightsBase;

  void runOnOperation() override {
    FailureOr<pipeline::OptimizationConfig> config =
        loadPassConfig(getOperation(), "linear_quantize_weights", configFile,
                       "OpLinearQuantizerConfig",
                       {{"mode", mode},
                        {"dtype", dtype},
                        {"granularity", granularity},
                        {"block_size", blockSize},
                        {"weight_threshold", weightThreshold}});
    if (failed(config))
      return signalPassFailure();
    shared = SharedWeights();
    if (!jointCompression && failed(shared.init(getOperation(), *config)))
      return signalPassFailure();
    // A new coremltools call: its automatic op names count from 0 again.
    resetAutoNames(getOperation());
    for (auto fn : getOperation().getOps<FunctionOp>())
      if (failed(runOnFunction(fn, *config)))
        return signalPassFailure();
  }

  LogicalResult runOnFunction(FunctionOp fn,
                              const pipeline::OptimizationConfig &config);
  LogicalResult select(ConstOp op, const pipeline::OptimizationConfig &config,
                       unsigned opset, std::vector<Job> &jobs);
  void rewrite(Job &job, unsigned opset);
  LogicalResult quantizeInPieces(Job &job, unsigned opset);
  void finishScale(Job &job, unsigned opset);
  void rewriteSparse(Job &job, StringRef name, Type qType);

  SharedWeights shared;
};

LogicalResult
LinearQuantizeWeights::select(ConstOp op,
                              const pipeline::OptimizationConfig &config,
                              unsigned opset, std::vector<Job> &jobs) {
  FailureOr<std::optional<pipeline::OpCompressorConfig>> resolved =
      resolveConstConfig(op, config);
  if (failed(resolved))
    return failure();
  if (!*resolved) {
    reportSkipped(op, kPass, noConfigReason(op));
    return success();
  }
  const auto *cfg = (*resolved)->getIf<OpLinearQuantizerConfig>();
  if (!cfg)
    return success(); // loadPassConfig refused other classes.
  // Joint mode takes consts whose sole consumer is a constexpr op of the
  // patterns coremltools whitelists (spec 2.7); others are plain weights.
  Operation *sparseConsumer = nullptr, *lutConsumer = nullptr;
  if (auto use = soleUse(op.getResult());
      use && jointCompression && isConstexprOp(use->first)) {
    StringRef type = use->first->getName().getStringRef();
    if (type == "mil.constexpr_sparse_to_dense" &&
        use->second == "nonzero_data")
      sparseConsumer = use->first;
    else if ((type == "mil.constexpr_lut_to_dense" ||
              type == "mil.constexpr_lut_to_sparse") &&
             use->second == "lut")
      lutConsumer = use->first;
    else {
      reportSkipped(op, kPass,
                    "joint compression does not apply to its consumer " +
                        type.drop_front(4));
      return success();
    }
  }
  Operation *consumer = sparseConsumer ? sparseConsumer : lutConsumer;
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
    return success();
  }
  if (lutConsumer &&
      cfg->granularity != pipeline::CompressionGranularity::PerTensor)
    return op.emitError()
           << "When use joint compression for palettization-quantization, "
              "please make sure to use per-tensor quantization, because the "
              "axis for the data to bequantized (palettization's lut) is "
              "different from the original weight.";
  using pipeline::CompressionGranularity;
  if (opset < kIOS18Opset) {
    if (cfg->granularity == CompressionGranularity::PerBlock)
      return op.emitError()
             << "The per_block quantization is supported since iOS18. Please "
                "re-convert your model with minimum_deployment_target set to "
                "at least ct.target.iOS18.";
    if (cfg->nbits() == 4)
      return op.emitError()
             << "The 4-bit quantization is supported since iOS18. Please "
                "re-convert your model with minimum_deployment_target set to "
                "at least ct.target.iOS18.";
  }
  // A pruned weight is quantized dense: its zeros take part in min/max.
  FailureOr<WeightView> view =
      sparseConsumer ? viewConstexprResult(sparseConsumer, 0) : viewWeight(op);
  if (failed(view))
    return failure();
  compression::TensorRef w = view->tensor();
  bool isFloat = w.type == compression::ElemType::Float16 ||
                 w.type == compression::ElemType::Float32;
  if (!isFloat) {
    if (intRange(w) < 2) {
      reportSkipped(op, kPass, "an integer weight of values 0/1 (a mask)");
      return success();
    }
    return op.emitError() << "Only floating numpy arrays are supported.";
  }
  FailureOr<std::optional<SmallVector<int64_t>>> blocks =
      lutConsumer
          ? std::optional(SmallVector<int64_t>(view->shape.size(), 0))
          : inferBlockSizes(op,
                            sparseConsumer ? sparseConsumer->getResult(0)
                                           : op.getResult(),
                            *cfg);
  if (failed(blocks))
    return failure();
  if (!*blocks) {
    reportSkipped(op, kPass, "its consumers need different channel axes");
    return success();
  }
  Job job;
  job.op = op;
  job.config = *cfg;
  job.blockSizes = std::move(**blocks);
  job.view = std::move(*view);
  job.sparseConsumer = sparseConsumer;
  job.name = weightName(op);
  jobs.push_back(std::move(job));
  return success();
}

LogicalResult LinearQuantizeWeights::runOnFunction(
    FunctionOp fn, const pipeline::OptimizationConfig &config) {
  unsigned opset = opsetOf(fn);
  FailureOr<bool> run =
      checkCompressionOpset(fn, "linear_quantize_weights", jointCompression);
  if (failed(run) || !*run)
    return failure(failed(run));
  std::vector<Job> jobs;
  SmallVector<ConstOp> candidates = collectCandidateConsts(fn, kPass);
  for (ConstOp op : candidates)
    if (!(!jointCompression && shared.reuse(op, kPass)) &&
        failed(select(op, config, opset, jobs)))
      return failure();

  // The kernel runs on every weight in parallel; large weights are split
  // further inside it.
  auto size = [](const Job &job) {
    return compression::numElements(job.view.shape) *
           compression::elemTypeSize(job.view.ref.type);
  };
  for (Job &job : jobs)
    job.inPieces =
        !job.sparseConsumer &&
        compression::packedSizeInBytes(compression::numElements(job.view.shape),
                                       job.config.nbits()) >= kInPiecesBytes;
  parallelForEachLargestFirst(&getContext(), jobs, size, [&](Job &job) {
    if (job.inPieces)
      return; // In program order below, each in parallel pieces.
    compression::QuantSpec spec = quantSpecOf(job.config);
    spec.measureError = measureError && !job.sparseConsumer;
    compression::TensorRef w = job.view.tensor();
    compression::Status status;
    if (job.sparseConsumer) {
      status = compression::linearQuantize(w, spec, job.blockSizes, job.params);
    } else {
      // Straight into the new const's blob.
      job.data = ResourceBuffer(compression::packedSizeInBytes(
          compression::numElements(w.shape), spec.bits));
      status = compression::linearQuantize(w, spec, job.blockSizes, job.params,
                                           job.data.data());
    }
    if (status && job.params.hasInf) {
      job.skipReason = "The const " + job.name +
                       " has inf/-inf, which is not supported by "
                       "quantization. Skipped.";
      job.infSkip = true;
      job.data = ResourceBuffer();
      return;
    }
    if (!status) {
      job.skipReason = status.message; // Reported below, in program order.
      return;
    }
    if (!job.sparseConsumer)
      finishScale(job, opset);
  });
  for (Job &job : jobs) {
    if (job.inPieces && failed(quantizeInPieces(job, opset)))
      return failure();
    if (!job.skipReason.empty()) {
      job.op.emitWarning() << job.skipReason;
      reportSkipped(job.op, kPass, job.skipReason);
      if (job.infSkip)
        continue;
      job.op.emitWarning() << "Cannot perform quantization on " << job.name
                           << ". Skipped this op.";
      continue;
    }
    reportCompressed(job.op, kPass);
    SharedWeights::Pending pending = shared.prepare(job.op);
    rewrite(job, opset);
    shared.commit(pending);
  }
  return success();
}

/// The kernel on a large weight: its parameters, then its elements piece by
/// piece into the new const's blob (makeResourceInPieces). Sets
/// job.skipReason as the parallel loop does.
LogicalResult LinearQuantizeWeights::quantizeInPieces(Job &job,
                                                      unsigned opset) {
  compression::QuantSpec spec = quantSpecOf(job.config);
  spec.measureError = measureError;
  compression::TensorRef w = job.view.tensor();
  compression::LinearQuantizer quantizer;
  uint64_t count = compression::numElements(w.shape);
  unsigned bits = spec.bits;
  auto dataType =
      RankedTensorType::get(cast<RankedTensorType>(job.op.getType()).getShape(),
                            quantizedType(&getContext(), job.config));
  size_t dataBytes = compression::packedSizeInBytes(count, bits);
  // One pass when the blocks form small units (per channel, per block
  // along the last axis): each piece is whole units, whose parameters and
  // elements are computed while they are in cache. An infinity or NaN
  // (rejectInf) sends the weight down the two-pass route.
  uint64_t unitBytes = 0;
  compression::Status status =
      quantizer.prepareUnits(w, spec, job.blockSizes, job.params, unitBytes);
  if (status && !job.params.hasInf && unitBytes > 0) {
    size_t pieceBytes =
        std::max<uint64_t>(1, kPieceBytes / unitBytes) * unitBytes;
    FailureOr<ElementsAttr> data = makeResourceInPieces(
        dataType, job.name + "_quantized_data", dataBytes, pieceBytes,
        [&](size_t offset, uint8_t *out, size_t n) {
          return quantizer.quantizeUnits(offset, n, out);
        });
    if (succeeded(data)) {
      job.dataAttr = *data;
      job.params.error = quantizer.measuredError();
      finishScale(job, opset);
      return success();
    }
  }
  if (status && !job.params.hasInf)
    status = quantizer.computeParams(w, spec, job.blockSizes, job.params);
  if (status && job.params.hasInf) {
    job.skipReason = "The const " + job.name +
                     " has inf/-inf, which is not supported by "
                     "quantization. Skipped.";
    job.infSkip = true;
    return success();
  }
  if (!status) {
    job.skipReason = status.message;
    return success();
  }
  // Byte offsets are whole bytes of elements, so 4-bit pieces start on an
  // even element.
  FailureOr<ElementsAttr> data = makeResourceInPieces(
      dataType, job.name + "_quantized_data", dataBytes, kPieceBytes,
      [&](size_t offset, uint8_t *out, size_t n) {
        uint64_t first = offset * 8 / bits;
        quantizer.quantizeRange(
            first, std::min<uint64_t>(n * 8 / bits, count - first), out);
        return true;
      });
  if (failed(data))
    return job.op.emitError()
           << "could not make the quantized data of " << job.name;
  job.dataAttr = *data;
  finishScale(job, opset);
  return success();
}

/// A large scale goes to a resource buffer, after the data (iOS 18 form).
void LinearQuantizeWeights::finishScale(Job &job, unsigned opset) {
  if ((opset == 0 || opset >= kIOS18Opset) &&
      job.params.scale.size() >= (1u << 20)) {
    job.scale = toResourceBuffer(job.params.scale, 8);
    std::vector<uint8_t>().swap(job.params.scale);
  }
}

void LinearQuantizeWeights::rewrite(Job &job, unsigned opset) {
  MLIRContext *ctx = &getContext();
  ConstOp op = job.op;
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto weightType = cast<RankedTensorType>(op.getType());
  Type floatType = weightType.getElementType();
  Type qType = quantizedType(ctx, job.config);
  std::string name = job.name + "_quantized";
  const compression::QuantParams &p = job.params;
  auto dataType = RankedTensorType::get(weightType.getShape(), qType);
  if (job.sparseConsumer)
    return rewriteSparse(job, name, qType);

  if (opset == 0 || opset >= kIOS18Opset) {
    auto scaleType = RankedTensorType::get(p.paramShape, floatType);
    SmallVector<MILInput> inputs;
    Value data;
    if (job.dataAttr) {
      data = b.create<ConstOp>(loc, dataType, job.dataAttr);
      data.getDefiningOp()->setAttr("inline", b.getUnitAttr());
    } else {
      data = createWeightConst(b, loc, dataType, std::move(job.data),
                               name + "_data");
    }
    inputs.push_back({"data", {data}});
    Value scale = b.create<ConstOp>(
        loc, scaleType,
        job.scale.size() ? job.scale.finish(scaleType, name + "_scale")
                         : makeValue(scaleType, p.scale, name + "_scale", loc));
    scale.getDefiningOp()->setAttr("inline", b.getUnitAttr());
    inputs.push_back({"scale", {scale}});
    if (!p.offset.empty()) {
      auto offsetType = RankedTensorType::get(p.paramShape, qType);
      std::vector<uint8_t> packed(p.offset);
      if (job.config.nbits() < 8) {
        packed.assign(compression::packedSizeInBytes(p.offset.size(), 4), 0);
        compression::packBits(p.offset.data(), p.offset.size(), 4,
                              packed.data());
      }
      Value offset = b.create<ConstOp>(
          loc, offsetType,
          makeValue(offsetType, packed, name + "_offset", loc));
      offset.getDefiningOp()->setAttr("inline", b.getUnitAttr());
      inputs.push_back({"offset", {offset}});
    }
    FailureOr<Operation *> q = buildMILOp(
        b, loc, "constexpr_blockwise_shift_scale", inputs, weightType,
        {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
    if (p.error)
      (*q)->setAttr(MILDialect::kErrorStatsAttr,
                    b.getDenseF64ArrayAttr({p.error->squaredError,
                                            p.error->squaredReference,
                                            p.error->maxAbsError}));
    replaceConst(op, (*q)->getResult(0));
    return;
  }

  // iOS16 form (ios18_quant_params_to_ios16): the axis is the first
  // parameter dim longer than 1 (0 if none); scale and zero point are
  // squeezed to a scalar or a vector; an absent offset is zeros.
  int64_t axis = 0, length = 1;
  for (auto [i, d] : llvm::enumerate(p.paramShape))
    if (d > 1) {
      axis = i;
      length = d;
      break;
    }
  SmallVector<int64_t> paramShape;
  if (length > 1)
    paramShape.push_back(length);
  auto scaleType = RankedTensorType::get(paramShape, floatType);
  auto zpType = RankedTensorType::get(paramShape, qType);
  std::vector<uint8_t> zeroPoint(p.offset);
  if (zeroPoint.empty())
    zeroPoint.assign(p.scale.size() / (floatType.isF16() ? 2 : 4), 0);
  auto axisType = RankedTensorType::get({}, b.getI32Type());
  SmallVector<NamedAttribute> attrs = {
      b.getNamedAttr("quantized_data",
                     job.dataAttr ? job.dataAttr
                                  : job.data.finish(dataType, name + "_data")),
      b.getNamedAttr("zero_point",
                     makeValue(zpType, zeroPoint, name + "_zero_point", loc)),
      b.getNamedAttr("scale",
                     makeValue(scaleType, p.scale, name + "_scale", loc)),
      b.getNamedAttr(
          "axis", DenseElementsAttr::get(axisType, static_cast<int32_t>(axis))),
      b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))};
  FailureOr<Operation *> q =
      buildMILOp(b, loc, "constexpr_affine_dequantize", {}, weightType, attrs);
  replaceConst(op, (*q)->getResult(0));
}

/// Joint mode on a pruned weight: constexpr_sparse_blockwise_shift_scale
/// over the existing mask, whose data output becomes the nonzero_data of the
/// existing constexpr_sparse_to_dense (its mask input stays as it is).
void LinearQuantizeWeights::rewriteSparse(Job &job, StringRef name,
                                          Type qType) {
  ConstOp op = job.op;
  Operation *sparse = job.sparseConsumer;
  Value maskValue = sparse->getOperand(1);
  FailureOr<std::vector<uint8_t>> mask = readMask(maskValue);
  if (failed(mask)) {
    op.emitWarning() << "the mask of " << getMILOpName(sparse)
                     << " is not a const; " << job.name << " is left as it is";
    return;
  }
  const compression::QuantParams &p = job.params;
  std::vector<uint8_t> data;
  for (size_t i = 0; i < mask->size(); ++i)
    if ((*mask)[i])
      data.push_back(p.data[i]);
  OpBuilder b(sparse); // After the mask, wherever it is.
  Location loc = op.getLoc();
  auto nonzeroType = cast<RankedTensorType>(op.getType());
  auto dataType = RankedTensorType::get(nonzeroType.getShape(), qType);
  auto scaleType =
      RankedTensorType::get(p.paramShape, nonzeroType.getElementType());
  SmallVector<MILInput> inputs = {
      {"data_mask", {maskValue}},
      {"nonzero_data",
       {createWeightConst(b, loc, dataType, data, (name + "_data").str())}},
      {"scale",
       {createWeightConst(b, loc, scaleType, p.scale,
                          (name + "_scale").str())}}};
  if (!p.offset.empty()) {
    auto offsetType = RankedTensorType::get(p.paramShape, qType);
    inputs.push_back({"offset",
                      {createWeightConst(b, loc, offsetType, p.offset,
                                         (name + "_offset").str())}});
  }
  FailureOr<Operation *> q = buildMILOp(
      b, loc, "constexpr_sparse_blockwise_shift_scale", inputs,
      {maskValue.getType(), nonzeroType},
      {b.getNamedAttr(MILDialect::kNameAttr, b.getStringAttr(name))});
  replaceConst(op, (*q)->getResult(1));
}

} // namespace
