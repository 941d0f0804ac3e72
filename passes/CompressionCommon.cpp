//===- CompressionCommon.cpp - shared machinery of compression passes -----===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/ConfigRegistry.h"

#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <cstring>
#include <functional>

using namespace mlir;
using namespace mil;
using namespace mil::passes;
using pipeline::OpCompressorConfig;
using pipeline::OptimizationConfig;

unsigned passes::opsetOf(Operation *op) {
  if (auto fn = dyn_cast<FunctionOp>(op))
    return getOpsetVersion(fn.getOpset());
  return getEnclosingOpsetVersion(op);
}

/// The MIL op type of `op` ("conv", "constexpr_lut_to_dense", ...).
static std::string milOpType(Operation *op) {
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getOpType().str();
  return op->getName().getStringRef().drop_front(4).str();
}

bool passes::isCandidateConst(ConstOp op) {
  auto attr = dyn_cast<ElementsAttr>(op.getVal());
  if (!attr)
    return false;
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() < 10)
    return false;
  Type elem = type.getElementType();
  return elem.isF16() || elem.isF32() || elem.isUnsignedInteger(8) ||
         elem.isSignlessInteger(8);
}

StringRef passes::milInputName(Operation *op, unsigned index) {
  auto *dialect = dyn_cast<MILDialect>(op->getDialect());
  if (!dialect)
    return "";
  std::optional<ArrayRef<MILInputInfo>> table =
      dialect->getMILInputTable(op->getName().getStringRef());
  if (!table)
    return "";
  for (auto [info, start, length] : getMILInputOperandGroups(op, *table))
    if (index >= start && index < start + length)
      return info->name;
  return "";
}

/// The value of the bool input `name` of `op` when a const gives it.
static std::optional<bool> boolInput(Operation *op, StringRef name) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (milInputName(op, operand.getOperandNumber()) != name)
      continue;
    auto cst = operand.get().getDefiningOp<ConstOp>();
    auto dense = cst ? dyn_cast<DenseElementsAttr>(cst.getVal()) : nullptr;
    if (dense && dense.getNumElements() == 1)
      return dense.getValues<APInt>()[0].getBoolValue();
    return std::nullopt;
  }
  return false; // An absent transpose input means false.
}

std::optional<int64_t> passes::intInput(Operation *op, StringRef name) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (milInputName(op, operand.getOperandNumber()) != name)
      continue;
    auto cst = operand.get().getDefiningOp<ConstOp>();
    auto dense = cst ? dyn_cast<DenseIntElementsAttr>(cst.getVal()) : nullptr;
    if (dense && dense.getNumElements() == 1)
      return (*dense.getValues<APInt>().begin()).getSExtValue();
  }
  return std::nullopt;
}

/// Adds the (output, input) axes one use of a weight proposes (spec 2.8).
static void collectAxes(OpOperand &use,
                        SmallVectorImpl<std::pair<int64_t, int64_t>> &axes) {
  Operation *user = use.getOwner();
  std::string type = milOpType(user);
  if (isConstexprOp(user)) {
    for (Value result : user->getResults())
      for (OpOperand &next : result.getUses())
        collectAxes(next, axes);
    return;
  }
  if (type == "conv_transpose") {
    axes.push_back({1, 0});
    return;
  }
  if (type == "matmul") {
    StringRef input = milInputName(user, use.getOperandNumber());
    bool isY = input == "y";
    std::optional<bool> transpose =
        boolInput(user, isY ? "transpose_y" : "transpose_x");
    bool t = transpose.value_or(false);
    if (isY)
      axes.push_back(t ? std::pair{-2, -1} : std::pair{-1, -2});
    else
      axes.push_back(t ? std::pair{-1, -2} : std::pair{-2, -1});
    return;
  }
  axes.push_back({0, 1});
}

ChannelAxes passes::selectChannelAxes(ConstOp op) {
  return selectChannelAxes(op.getResult(), op, getMILOpName(op));
}

ChannelAxes passes::selectChannelAxes(Value weight, Operation *reportOn,
                                      StringRef name) {
  SmallVector<std::pair<int64_t, int64_t>> axes;
  for (OpOperand &use : weight.getUses())
    collectAxes(use, axes);
  int64_t rank = cast<ShapedType>(weight.getType()).getRank();
  auto norm = [&](int64_t a) { return a < 0 ? a + rank : a; };
  ChannelAxes result;
  if (axes.empty())
    return result;
  bool outputAgrees = true, inputAgrees = true;
  for (auto [out, in] : axes) {
    outputAgrees &= norm(out) == norm(axes[0].first);
    inputAgrees &= norm(in) == norm(axes[0].second);
  }
  auto decide = [&](bool agrees, int64_t axis, std::optional<int64_t> &out,
                    StringRef which) {
    if (agrees)
      out = norm(axis);
    else
      reportOn->emitWarning()
          << "Can't decide " << which << " axis for op " << name
          << ", because it's fed into multiple downstream ops which require "
             "different "
          << which << " axes.";
  };
  decide(outputAgrees, axes[0].first, result.output, "output");
  decide(inputAgrees, axes[0].second, result.input, "input");
  return result;
}

std::optional<std::pair<Operation *, StringRef>> passes::soleUse(Value v) {
  if (!v.hasOneUse())
    return std::nullopt;
  OpOperand &use = *v.getUses().begin();
  return std::pair{use.getOwner(),
                   milInputName(use.getOwner(), use.getOperandNumber())};
}

std::string passes::weightName(ConstOp op) {
  StringRef name = getMILOpName(op);
  if (!name.empty())
    return name.str();
  if (auto use = soleUse(op.getResult()))
    if (!getMILOpName(use->first).empty())
      return (getMILOpName(use->first) + "_" + use->second + "_0").str();
  return "";
}

/// `_get_op_config` of a non-const op: op name, op type, global.
static std::optional<OpCompressorConfig>
resolveOpConfig(Operation *op, const OptimizationConfig &config) {
  return config.resolve(getMILOpName(op), milOpType(op));
}

/// `_get_const_op_config` of a const or constexpr op (spec 2.6).
static FailureOr<std::optional<OpCompressorConfig>>
resolveConstLike(Operation *op, const OptimizationConfig &config) {
  if (pipeline::CompressorConfigLookup byName =
          config.lookupOpName(getMILOpName(op));
      byName.found)
    return byName.config;
  if (config.lookupOpType(milOpType(op)).found)
    return op->emitError() << "const ops cannot be set by the `set_op_type` "
                              "function. Please use `set_global`";
  SmallVector<Operation *> consumers;
  for (Value result : op->getResults())
    for (Operation *user : result.getUsers())
      if (!isa<ReturnOp>(user) && !llvm::is_contained(consumers, user))
        consumers.push_back(user);
  if (consumers.empty())
    return std::optional<OpCompressorConfig>();
  // Program order, as coremltools lists child ops (use lists are not).
  llvm::sort(consumers, [](Operation *a, Operation *b) {
    return a->getBlock() == b->getBlock() ? a->isBeforeInBlock(b) : a < b;
  });
  if (llvm::all_of(consumers, isConstexprOp))
    return resolveConstLike(consumers.front(), config);
  std::optional<OpCompressorConfig> first =
      resolveOpConfig(consumers.front(), config);
  for (Operation *other : llvm::drop_begin(consumers)) {
    std::optional<OpCompressorConfig> cfg = resolveOpConfig(other, config);
    if (cfg != first) {
      return op->emitError()
             << "compression config conflict detected between ops "
             << getMILOpName(consumers.front()) << " and "
             << getMILOpName(other) << ". " << getMILOpName(consumers.front())
             << " has config " << pipeline::toString(first) << " while "
             << getMILOpName(other) << " has " << pipeline::toString(cfg)
             << ".";
    }
  }
  return first;
}

FailureOr<std::optional<OpCompressorConfig>>
passes::resolveConstConfig(ConstOp op, const OptimizationConfig &config) {
  return resolveConstLike(op, config);
}

FailureOr<std::optional<OpCompressorConfig>>
passes::resolveWeightConfig(Operation *op, const OptimizationConfig &config) {
  return resolveConstLike(op, config);
}

FailureOr<bool> passes::needCompressConst(ConstOp op,
                                          std::optional<int64_t> threshold,
                                          std::string *why) {
  auto skip = [&](const Twine &reason) {
    if (why)
      *why = reason.str();
    return false;
  };
  for (Operation *user : op.getResult().getUsers())
    if (isConstexprOp(user))
      return skip("already compressed: it feeds " +
                  user->getName().getStringRef().drop_front(4) +
                  " (compress it further with joint compression)");
  if (!threshold)
    return op.emitError() << "weight_threshold cannot be None";
  auto type = cast<ShapedType>(op.getType());
  if (type.getRank() <= 1)
    return skip("rank " + Twine(type.getRank()) +
                ": scalars and vectors are not compressed");
  if (type.getNumElements() <= *threshold)
    return skip(Twine(type.getNumElements()) +
                " elements, not more than weight_threshold " +
                Twine(*threshold));
  return true;
}

std::string passes::noConfigReason(Operation *op) {
  for (Value result : op->getResults())
    for (Operation *user : result.getUsers())
      if (!isa<ReturnOp>(user))
        return "excluded by the config (null for its name or its "
               "consumer's op type, or no global config)";
  return "no op consumes it";
}

/// The MIL name of the weight `op` stands for.
static std::string reportedName(Operation *op) {
  if (auto cst = dyn_cast<ConstOp>(op))
    return weightName(cst);
  return getMILOpName(op).str();
}

static void report(Operation *op, CompressionEvent::Kind kind, StringRef pass,
                   const Twine &message) {
  if (!hasCompressionEventCallback())
    return;
  auto fn = op->getParentOfType<FunctionOp>();
  reportCompressionEvent({kind, pass.str(),
                          fn ? fn.getSymName().str() : std::string(),
                          reportedName(op), message.str()});
}

void passes::reportCompressed(Operation *op, StringRef pass) {
  report(op, CompressionEvent::Kind::Compressed, pass, "");
}

void passes::reportSkipped(Operation *op, StringRef pass, const Twine &reason) {
  report(op, CompressionEvent::Kind::Skipped, pass, reason);
}

std::optional<compression::ElemType> passes::kernelElemType(Type t) {
  using compression::ElemType;
  if (t.isF16())
    return ElemType::Float16;
  if (t.isF32())
    return ElemType::Float32;
  if (t.isUnsignedInteger(8))
    return ElemType::UInt8;
  if (t.isSignlessInteger(8))
    return ElemType::Int8;
  return std::nullopt;
}

/// A kernel view of `attr`, a weight that `op` gives.
static FailureOr<WeightView> viewAttr(ElementsAttr attr, Operation *op) {
  auto type = cast<ShapedType>(attr.getType());
  std::optional<compression::ElemType> elem =
      kernelElemType(type.getElementType());
  if (!elem)
    return op->emitError() << "has a weight of element type "
                           << type.getElementType()
                           << ", which cannot be compressed";
  WeightView view;
  FailureOr<ArrayRef<uint8_t>> bytes =
      getPackedBytes(attr, view.storage, op->getLoc());
  if (failed(bytes))
    return failure();
  view.shape.assign(type.getShape().begin(), type.getShape().end());
  view.ref.data = bytes->data();
  view.inStorage =
      !view.storage.empty() && bytes->data() == view.storage.data();
  view.ref.type = *elem;
  view.ref.bits = 8;
  return view;
}

FailureOr<WeightView> passes::viewWeight(ConstOp op) {
  return viewAttr(cast<ElementsAttr>(op.getVal()), op);
}

Value passes::createWeightConst(OpBuilder &b, Location loc,
                                RankedTensorType type, ArrayRef<uint8_t> bytes,
                                StringRef name) {
  Type elem = type.getElementType();
  unsigned width = elem.getIntOrFloatBitWidth();
  bool subByte = width < 8 && !elem.isSignlessInteger(1);
  return createWeightConst(b, loc, type,
                           toResourceBuffer(bytes, subByte ? width : 8), name);
}

ResourceBuffer passes::toResourceBuffer(ArrayRef<uint8_t> bytes,
                                        unsigned width) {
  bool subByte = width < 8;
  uint64_t count = bytes.size();
  ResourceBuffer buffer(subByte ? compression::packedSizeInBytes(count, width)
                                : count);
  // In parallel chunks straight into the blob: the first touch of fresh
  // memory costs as much as the copy. Chunks of a multiple of 8 elements
  // start on a byte boundary.
  constexpr uint64_t kChunk = 1 << 20;
  uint8_t *out = buffer.data();
  llvm::parallelFor(0, (count + kChunk - 1) / kChunk, [&](size_t c) {
    uint64_t begin = c * kChunk, n = std::min(kChunk, count - begin);
    if (subByte)
      compression::packBits(bytes.data() + begin, n, width,
                            out + begin * width / 8);
    else
      std::memcpy(out + begin, bytes.data() + begin, n);
  });
  return buffer;
}

Value passes::createWeightConst(OpBuilder &b, Location loc,
                                RankedTensorType type, ResourceBuffer buffer,
                                StringRef name) {
  auto cst = b.create<ConstOp>(loc, type, buffer.finish(type, name));
  cst->setAttr("inline", b.getUnitAttr());
  return cst.getResult();
}

void passes::replaceConst(ConstOp op, Value replacement) {
  op.getResult().replaceAllUsesWith(replacement);
  op.erase();
}

FailureOr<OptimizationConfig>
passes::loadPassConfig(Operation *anchor, StringRef passName,
                       StringRef configFile, StringRef configType,
                       ArrayRef<std::pair<std::string, std::string>> fields,
                       ArrayRef<StringRef> accepted) {
  SmallVector<std::pair<std::string, std::string>> set;
  for (const auto &field : fields)
    if (!field.second.empty())
      set.push_back(field);
  SmallVector<StringRef> classes(accepted.begin(), accepted.end());
  if (classes.empty())
    classes.push_back(configType);
  auto report = [&](llvm::Error error) {
    return anchor->emitError() << llvm::toString(std::move(error));
  };
  OptimizationConfig config;
  if (!configFile.empty()) {
    if (!set.empty())
      return anchor->emitError()
             << passName << ": option '" << set.front().first
             << "' cannot be combined with 'config' (the file has the "
                "configs)";
    // A config registered in memory (mil/Passes/ConfigRegistry.h) comes
    // before a file of the same name.
    if (std::optional<OptimizationConfig> registered =
            lookupOptimizationConfig(configFile)) {
      config = std::move(*registered);
    } else {
      llvm::Expected<OptimizationConfig> parsed =
          pipeline::parseOptimizationConfigFile(configFile);
      if (!parsed)
        return report(parsed.takeError());
      config = std::move(*parsed);
    }
  } else {
    llvm::Expected<OpCompressorConfig> global =
        pipeline::parseOpConfig(configType, set, passName);
    if (!global)
      return report(global.takeError());
    config.setGlobal(std::move(*global));
  }
  std::string wrong;
  auto check = [&](const pipeline::OptionalCompressorConfig &cfg) {
    if (cfg && wrong.empty() &&
        !llvm::is_contained(classes, cfg->getClassName()))
      wrong = cfg->getClassName().str();
  };
  check(config.global());
  for (const auto &entry : config.opTypeConfigs())
    check(entry.second);
  for (const auto &entry : config.opNameConfigs())
    check(entry.second);
  if (!wrong.empty()) {
    std::string list = llvm::join(classes, ", ");
    return anchor->emitError() << passName << " only accept " << list
                               << " type config. Got " << wrong << ".";
  }
  return config;
}

Value passes::finalDenseValue(Operation *op) {
  Value v = op->getResults().back();
  while (true) {
    Operation *next = nullptr;
    for (Operation *user : v.getUsers())
      if (isConstexprOp(user)) {
        next = user;
        break;
      }
    if (!next)
      return v;
    v = next->getResults().back();
  }
}

FailureOr<bool> passes::needCompressJoint(ConstOp op, Operation *consumer,
                                          std::optional<int64_t> threshold) {
  if (!threshold)
    return op.emitError() << "weight_threshold cannot be None";
  auto dense = cast<ShapedType>(finalDenseValue(consumer).getType());
  return dense.getNumElements() > *threshold;
}

FailureOr<WeightView> passes::viewConstexprResult(Operation *op,
                                                  unsigned index) {
  DenseMap<Value, ElementsAttr> values;
  FailureOr<SmallVector<ElementsAttr>> results =
      evaluateConstexprChain(op, values, "_value");
  if (failed(results))
    return failure();
  return viewAttr((*results)[index], op);
}

FailureOr<std::vector<uint8_t>> passes::readElements(Value v,
                                                     size_t &elementBytes) {
  auto cst = v ? v.getDefiningOp<ConstOp>() : nullptr;
  if (!cst)
    return failure();
  auto attr = cast<ElementsAttr>(cst.getVal());
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes =
      getPackedBytes(attr, storage, cst.getLoc());
  if (failed(bytes))
    return failure();
  unsigned width = attr.getElementType().getIntOrFloatBitWidth();
  elementBytes = std::max(1u, width / 8);
  if (width >= 8)
    return std::vector<uint8_t>(bytes->begin(), bytes->end());
  std::vector<uint8_t> out(attr.getNumElements());
  compression::unpackBits(bytes->data(), out.size(), width, out.data());
  return out;
}

FailureOr<std::vector<uint8_t>> passes::readMask(Value mask) {
  size_t elementBytes;
  return readElements(mask, elementBytes);
}

FailureOr<bool> passes::checkCompressionOpset(FunctionOp fn, StringRef passName,
                                              bool joint) {
  unsigned opset = opsetOf(fn);
  if (opset && opset < kIOS16Opset) {
    fn.emitWarning() << "The program's opset is not compatible with iOS16. "
                        "Skipped the compression pass "
                     << passName << ".";
    fn.walk([&](ConstOp op) {
      auto type = dyn_cast<ShapedType>(op.getType());
      if (type && type.hasStaticShape() && type.getNumElements() >= 10)
        reportSkipped(op, passName,
                      "opset " + fn.getOpset() +
                          " predates iOS16 (CoreML6), the first with the "
                          "constexpr ops (mil-raise-opset raises it)");
    });
    return false;
  }
  if (joint && opset && opset < kIOS18Opset)
    return fn.emitError()
           << "Joint compression is only supported since iOS18. Please "
              "re-convert your model with minimum_deployment_target set to at "
              "least ct.target.iOS18.";
  return true;
}

SmallVector<ConstOp> passes::collectCandidateConsts(FunctionOp fn,
                                                    StringRef pass) {
  SmallVector<ConstOp> candidates;
  fn.walk([&](ConstOp op) {
    if (isCandidateConst(op)) {
      candidates.push_back(op);
      return;
    }
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!pass.empty() && type && type.hasStaticShape() &&
        type.getNumElements() >= 10 && isa<ElementsAttr>(op.getVal()))
      reportSkipped(op, pass,
                    "element type " + getMILDTypeName(type.getElementType()) +
                        " is not compressed (fp16, fp32, int8, uint8 are)");
  });
  return candidates;
}

//===----------------------------------------------------------------------===//
// SharedWeights
//===----------------------------------------------------------------------===//

LogicalResult SharedWeights::init(ModuleOp module,
                                  const OptimizationConfig &config) {
  struct Use {
    FunctionOp fn;
    ConstOp op;
  };
  DenseMap<Attribute, SmallVector<Use>> users;
  SmallVector<Attribute> order;
  for (auto fn : module.getOps<FunctionOp>())
    fn.walk([&](ConstOp op) {
      if (!isCandidateConst(op))
        return;
      SmallVector<Use> &list = users[op.getVal()];
      if (list.empty())
        order.push_back(op.getVal());
      if (list.empty() || list.back().fn != fn)
        list.push_back({fn, op});
    });
  for (Attribute key : order) {
    SmallVector<Use> &list = users[key];
    if (list.size() < 2)
      continue;
    shared.insert(key);
    FailureOr<std::optional<OpCompressorConfig>> first =
        resolveConstConfig(list.front().op, config);
    if (failed(first))
      return failure();
    for (Use other : llvm::drop_begin(list)) {
      FailureOr<std::optional<OpCompressorConfig>> cfg =
          resolveConstConfig(other.op, config);
      if (failed(cfg))
        return failure();
      if (*cfg == *first)
        continue;
      Use front = list.front();
      StringRef f1 = front.fn.getSymName(), f2 = other.fn.getSymName();
      return other.op.emitError()
             << "the weight " << weightName(front.op)
             << " is shared by functions '" << f1 << "' and '" << f2
             << "', whose configs for it differ: " << pipeline::toString(*first)
             << " in '" << f1 << "', " << pipeline::toString(*cfg) << " in '"
             << f2
             << "'. A shared weight is compressed once; give it one config "
                "(by op name, or the same op type config in both).";
    }
  }
  return success();
}

bool SharedWeights::reuse(ConstOp op, StringRef pass) {
  auto it = compressed.find(op.getVal());
  if (it == compressed.end())
    return false;
  reportCompressed(op, pass);
  Value done = it->second.value;
  // The compressed form: its constexpr ops and their const parameters, in
  // an order where producers come first.
  SmallVector<Operation *> chain;
  llvm::SmallPtrSet<Operation *, 8> seen;
  std::function<void(Operation *)> visit = [&](Operation *def) {
    if (!def || !seen.insert(def).second)
      return;
    if (!isa<ConstOp>(def) && !isConstexprOp(def))
      return;
    for (Value operand : def->getOperands())
      visit(operand.getDefiningOp());
    chain.push_back(def);
  };
  visit(done.getDefiningOp());
  OpBuilder b(op);
  IRMapping mapping;
  // The ops are named after the weight, whose name may differ here.
  StringRef from = it->second.name;
  std::string to = weightName(op);
  for (Operation *def : chain) {
    Operation *copy = b.clone(*def, mapping);
    StringRef name = getMILOpName(copy);
    if (!from.empty() && from != to && name.starts_with(from))
      copy->setAttr(MILDialect::kNameAttr,
                    b.getStringAttr(Twine(to) + name.drop_front(from.size())));
  }
  replaceConst(op, mapping.lookup(done));
  return true;
}

SharedWeights::Pending SharedWeights::prepare(ConstOp op) {
  Pending pending;
  if (!shared.contains(op.getVal()) || compressed.count(op.getVal()))
    return pending;
  for (OpOperand &use : op.getResult().getUses())
    if (!isa<ReturnOp>(use.getOwner())) {
      pending.key = op.getVal();
      pending.use = &use;
      pending.name = weightName(op);
      break;
    }
  return pending;
}

void SharedWeights::commit(const Pending &pending) {
  if (!pending.use)
    return;
  Value replacement = pending.use->get();
  if (Operation *def = replacement.getDefiningOp(); def && isConstexprOp(def))
    compressed[pending.key] = {replacement, pending.name};
}
