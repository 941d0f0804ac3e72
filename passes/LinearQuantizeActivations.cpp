//===- LinearQuantizeActivations.cpp - W8A8 activation quantization -------===//
//
// Part of mil-mlir. coremltools' linear_quantize_activations: the ranges
// come from a statistics file or from calibration by the interpreter
// (mil/Interpreter/Calibration.h), the concat ranges are unified, the
// program is raised to iOS17, then insert_prefix_quantize_dequantize_pair,
// insert_suffix_quantize_dequantize_pair and
// dequantize_quantize_pair_elimination run as coremltools runs them, with
// its scales, dtypes and op names. Where coremltools builds an invalid
// program (an fp16 suffix scale on an fp32 tensor, a quantized int32 add)
// the scale is cast to the tensor's dtype and non-float tensors are skipped.
//
//===----------------------------------------------------------------------===//

#include "CompressionCommon.h"
#include "QuantizationUtils.h"

#include "mil/Passes/ActivationQuantization.h"
#include "mil/Passes/Passes.h"

#include "mil/Interpreter/Calibration.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <map>
#include <set>

namespace mil {
#define GEN_PASS_DEF_LINEARQUANTIZEACTIVATIONS
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

using Range = interp::ActivationRange;
using Stats = interp::ActivationStats;

constexpr unsigned kIOS17Opset = 7;

/// The value a numpy float16 holds for `v` (rounded once, to nearest even).
float toHalf(double v) {
  llvm::APFloat f(v);
  bool lost;
  f.convert(llvm::APFloat::IEEEhalf(), llvm::APFloat::rmNearestTiesToEven,
            &lost);
  return f.convertToFloat();
}

/// coremltools' symmetric int8 scale of a range: the range goes to fp16,
/// `quantize_weight` divides its fp16 width by 254 (numpy computes the fp16
/// division in fp32 and rounds to fp16).
float symmetricScale(const Range &r) {
  float maxAbs = std::max(std::fabs(toHalf(r.rmin)), std::fabs(toHalf(r.rmax)));
  float width = toHalf(2.0 * maxAbs);
  return toHalf(width / 254.0f);
}

/// The operand bound to MIL input `name`, if any.
Value milInput(Operation *op, StringRef name) {
  for (OpOperand &operand : op->getOpOperands())
    if (milInputName(op, operand.getOperandNumber()) == name)
      return operand.get();
  return {};
}

bool isFloatTensor(Value v) {
  Type elem = cast<ShapedType>(v.getType()).getElementType();
  return elem.isF16() || elem.isF32();
}

/// The ops using `v`, each once, in block order; block outputs are not
/// children (coremltools' `child_ops`).
SmallVector<Operation *> childOps(Value v) {
  SmallVector<Operation *> out;
  for (Operation *user : v.getUsers())
    if (!isa<ReturnOp>(user) && !llvm::is_contained(out, user))
      out.push_back(user);
  llvm::sort(out, [](Operation *a, Operation *b) {
    if (a->getBlock() != b->getBlock())
      return false;
    return a->isBeforeInBlock(b);
  });
  return out;
}

/// `_check_child_op_type`: `v` has one child and it is of MIL type `type`.
bool soleChildIs(Value v, StringRef type) {
  SmallVector<Operation *> children = childOps(v);
  return children.size() == 1 && milTypeOf(children.front()) == type;
}

/// insert_prefix_quantize_dequantize_pair's pattern: conv, avg_pool,
/// max_pool and linear (input `x`) and add (`x` and `y`, both const or
/// neither) that `config` does not skip, on float tensors.
bool takesPrefixPair(Operation *op, const pipeline::OptimizationConfig &config,
                     Value &x, Value &y) {
  static const char *const kUnary[] = {"conv", "avg_pool", "max_pool",
                                       "linear"};
  std::string type = milTypeOf(op);
  bool unary = llvm::is_contained(kUnary, type);
  if (!unary && type != "add")
    return false;
  if (!config.resolve(getMILOpName(op), type))
    return false;
  x = milInput(op, "x");
  y = unary ? Value() : milInput(op, "y");
  if (!x || (!unary && !y))
    return false;
  // Not in coremltools: quantize only float tensors (it refuses an int32
  // add when it builds the quantize op).
  if (!isFloatTensor(x) || (y && !isFloatTensor(y)))
    return false;
  return unary || (x.getDefiningOp<ConstOp>() != nullptr) ==
                      (y.getDefiningOp<ConstOp>() != nullptr);
}

/// coremltools writes the program it compressed without the source's
/// program attributes (the converter's buildInfo).
void dropProgramAttributes(ModuleOp module) {
  auto program =
      module->getAttrOfType<DictionaryAttr>(MILDialect::kProgramAttr);
  if (!program || !program.get("attributes"))
    return;
  NamedAttrList entries(program);
  entries.erase("attributes");
  module->setAttr(MILDialect::kProgramAttr,
                  entries.getDictionary(module.getContext()));
}

struct LinearQuantizeActivations
    : public mil::impl::LinearQuantizeActivationsBase<
          LinearQuantizeActivations> {
  using LinearQuantizeActivationsBase::LinearQuantizeActivationsBase;

  void runOnOperation() override;

private:
  LogicalResult loadStats(Stats &stats);
  void unifyConcatRanges(Stats &stats);
  LogicalResult prefixBlock(Block &block);
  LogicalResult suffixBlock(Block &block);
  FailureOr<bool> trySuffix(DequantizeOp dequantize);
  /// quantize -> dequantize of `input` before the builder's point, with
  /// `scaleType` scales and, for suffix pairs, an int8 zero point 0.
  FailureOr<Value> insertPair(OpBuilder &b, Operation *user, Value input,
                              Type scaleType, bool suffix);
  FailureOr<Range> rangeOf(Value v, Operation *at);

  pipeline::OptimizationConfig config;
  Stats stats;
  std::optional<AutoNamer> namer;
  std::set<Operation *> visited;
};

/// The ranges of `activation-stats`, or else calibrated on the samples of
/// `calibration-data`; `dump-activation-stats` writes them (before concat
/// unification, which is applied to a loaded file too).
LogicalResult LinearQuantizeActivations::loadStats(Stats &out) {
  ModuleOp module = getOperation();
  if (activationStats.empty() == calibrationData.empty())
    return module.emitError()
           << "linear_quantize_activations: give either "
              "activation-stats=FILE.json or calibration-data=FILE.npz,...";
  if (!activationStats.empty()) {
    llvm::Expected<Stats> read = interp::readActivationStats(activationStats);
    if (!read)
      return module.emitError() << llvm::toString(read.takeError());
    out = std::move(*read);
  } else {
    // The interpreter runs the default function on the samples; the other
    // functions' tensors would get no ranges, or those of a same-named
    // tensor of the default function.
    SmallVector<StringRef> functions;
    for (auto fn : module.getOps<FunctionOp>())
      functions.push_back(fn.getSymName());
    if (functions.size() > 1)
      return module.emitError()
             << "linear_quantize_activations: calibration-data runs only the "
                "default function, but the program has "
             << functions.size() << " functions ("
             << llvm::join(functions, ", ")
             << "); give activation-stats=FILE.json with the ranges of "
                "every function's tensors";
    FailureOr<Stats> calibrated =
        interp::calibrateActivations(module, calibrationData);
    if (failed(calibrated))
      return failure();
    out = std::move(*calibrated);
  }
  if (!dumpActivationStats.empty())
    if (llvm::Error e = interp::writeActivationStats(dumpActivationStats, out))
      return module.emitError() << llvm::toString(std::move(e));
  return success();
}

/// The inputs and output of a concat (whose output is not a block output)
/// share one range: the group's smallest rmin and largest rmax; groups that
/// share a tensor are one group.
void LinearQuantizeActivations::unifyConcatRanges(Stats &s) {
  llvm::EquivalenceClasses<std::string> groups;
  getOperation().walk([&](ConcatOp concat) {
    Value out = concat->getResult(0);
    if (isBlockOutput(out))
      return;
    std::string outName = interp::getTensorName(out);
    if (!s.count(outName))
      return;
    groups.insert(outName);
    for (Value in : concat.getValues()) {
      std::string name = interp::getTensorName(in);
      if (s.count(name))
        groups.unionSets(outName, name);
    }
  });
  for (auto it = groups.begin(); it != groups.end(); ++it) {
    if (!it->isLeader())
      continue;
    Range merged = s[it->getData()];
    for (auto m = groups.member_begin(it); m != groups.member_end(); ++m) {
      merged.rmin = std::min(merged.rmin, s[*m].rmin);
      merged.rmax = std::max(merged.rmax, s[*m].rmax);
    }
    for (auto m = groups.member_begin(it); m != groups.member_end(); ++m)
      s[*m] = merged;
  }
}

FailureOr<Range> LinearQuantizeActivations::rangeOf(Value v, Operation *at) {
  std::string name = interp::getTensorName(v);
  auto it = stats.find(name);
  if (it == stats.end())
    return at->emitError() << "linear_quantize_activations: no statistics "
                              "for tensor '"
                           << name << "' in "
                           << (activationStats.empty()
                                   ? std::string("the calibration")
                                   : activationStats.getValue());
  return it->second;
}

/// Errors name `user`, the op whose input or output is quantized.
FailureOr<Value> LinearQuantizeActivations::insertPair(
    OpBuilder &b, Operation *user, Value input, Type scaleType, bool suffix) {
  FailureOr<Range> range = rangeOf(input, user);
  if (failed(range))
    return failure();
  float scale = symmetricScale(*range);
  Location loc = input.getLoc();
  Type i8 = b.getIntegerType(8);
  std::string q = namer->next("quantize");
  Value qZero =
      suffix ? createScalarConst(b, loc, i8, 0, q + "_zero_point_0") : Value();
  Value qScale = createScalarConst(b, loc, scaleType, scale, q + "_scale_0");
  Value dtype = createStringConst(b, loc, "int8", q + "_output_dtype_0");
  QuantizeOp quantize =
      buildQuantize(b, loc, input, qZero, qScale, Value(), dtype, q);
  std::string d = namer->next("dequantize");
  Value dZero =
      suffix ? createScalarConst(b, loc, i8, 0, d + "_zero_point_0") : Value();
  Value dScale = createScalarConst(b, loc, scaleType, scale, d + "_scale_0");
  DequantizeOp dequantize =
      buildDequantize(b, loc, quantize, dZero, dScale, Value(), d);
  if (suffix)
    dequantize->setAttr(MILDialect::kOutputsAttr,
                        b.getStrArrayAttr({d + "__post__dequant"}));
  // The suffix pass does not start a pattern from the pairs it made.
  if (suffix) {
    visited.insert(quantize);
    visited.insert(dequantize);
  }
  return dequantize.getResult();
}

/// insert_prefix_quantize_dequantize_pair on one block (nested blocks
/// first, as coremltools collects the ops).
LogicalResult LinearQuantizeActivations::prefixBlock(Block &block) {
  SmallVector<Operation *> ops;
  for (Operation &op : block) {
    for (Region &region : op.getRegions())
      for (Block &nested : region)
        if (failed(prefixBlock(nested)))
          return failure();
    ops.push_back(&op);
  }
  for (Operation *op : ops) {
    Value x, y;
    if (!takesPrefixPair(op, config, x, y))
      continue;
    OpBuilder b(op);
    for (StringRef name : {StringRef("x"), StringRef("y")}) {
      Value in = name == "x" ? x : y;
      if (!in)
        continue;
      FailureOr<Value> pair = insertPair(
          b, op, in, cast<ShapedType>(in.getType()).getElementType(), false);
      if (failed(pair))
        return failure();
      for (OpOperand &operand : op->getOpOperands())
        if (operand.get() == in &&
            milInputName(op, operand.getOperandNumber()) == name)
          operand.set(*pair);
    }
  }
  return success();
}

FailureOr<bool> LinearQuantizeActivations::trySuffix(DequantizeOp dequantize) {
  static const char *const kCore[] = {"conv", "add", "avg_pool", "max_pool",
                                      "linear"};
  static const char *const kActivations[] = {
      "leaky_relu",   "tanh", "scaled_tanh", "sigmoid",
      "hard_sigmoid", "relu", "relu6"};
  SmallVector<Operation *> children = childOps(dequantize.getResult());
  if (children.size() != 1 ||
      !llvm::is_contained(kCore, milTypeOf(children.front())))
    return false;
  Operation *core = children.front();
  std::string coreType = milTypeOf(core);
  if (coreType == "add") {
    Value x = milInput(core, "x"), y = milInput(core, "y");
    if (!x || !y || !x.getDefiningOp<DequantizeOp>() ||
        !y.getDefiningOp<DequantizeOp>())
      return false;
  }
  if (!config.resolve(getMILOpName(core), coreType))
    return false;
  if (core->getNumResults() != 1 || soleChildIs(core->getResult(0), "quantize"))
    return false;
  Operation *last = core;
  SmallVector<Operation *> next = childOps(core->getResult(0));
  Operation *child = next.empty() ? nullptr : next.front();
  if (child && llvm::is_contained(kActivations, milTypeOf(child)) &&
      child->getNumResults() == 1) {
    SmallVector<Operation *> after = childOps(child->getResult(0));
    if (!after.empty()) {
      if (soleChildIs(child->getResult(0), "quantize"))
        return false;
      last = child;
      child = after.front();
    }
  }
  if (!child)
    return false;
  Value out = last->getResult(0);
  // coremltools' suffix scale is fp16 whatever the tensor; an fp32 tensor
  // gets it cast to fp32 so that the program is valid.
  OpBuilder b(last->getContext());
  b.setInsertionPointAfter(last);
  FailureOr<Value> pair = insertPair(
      b, last, out, cast<ShapedType>(out.getType()).getElementType(), true);
  if (failed(pair))
    return failure();
  Operation *quantize = pair->getDefiningOp()->getOperand(0).getDefiningOp();
  out.replaceAllUsesExcept(*pair, quantize);
  return true;
}

/// insert_suffix_quantize_dequantize_pair on one block: sweeps in program
/// order from every dequantize until nothing changes.
LogicalResult LinearQuantizeActivations::suffixBlock(Block &block) {
  bool changed = true;
  while (changed) {
    changed = false;
    SmallVector<Operation *> ops;
    for (Operation &op : block)
      ops.push_back(&op);
    for (Operation *op : ops) {
      if (!visited.insert(op).second)
        continue;
      for (Region &region : op->getRegions())
        for (Block &nested : region)
          if (failed(suffixBlock(nested)))
            return failure();
      auto dequantize = dyn_cast<DequantizeOp>(op);
      if (!dequantize)
        continue;
      FailureOr<bool> done = trySuffix(dequantize);
      if (failed(done))
        return failure();
      changed |= *done;
    }
  }
  return success();
}

void LinearQuantizeActivations::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<pipeline::OptimizationConfig> loaded =
      loadPassConfig(module, "linear_quantize_activations", configFile,
                     "OpLinearQuantizerConfig",
                     {{"mode", mode},
                      {"dtype", dtype},
                      {"weight_threshold", weightThreshold}});
  if (failed(loaded))
    return signalPassFailure();
  config = std::move(*loaded);
  // Activations are quantized to int8, symmetrically (coremltools'
  // _MODE_DTYPE_TO_RANGE); other configs would be silently misread.
  auto check = [&](const pipeline::OptionalCompressorConfig &c) {
    const auto *lq =
        c ? c->getIf<pipeline::OpLinearQuantizerConfig>() : nullptr;
    if (!lq)
      return true;
    return lq->mode == pipeline::LinearQuantizationMode::LinearSymmetric &&
           lq->dtype == pipeline::QuantizationDtype::Int8;
  };
  bool supported = check(config.global());
  for (const auto &entry : config.opTypeConfigs())
    supported &= check(entry.second);
  for (const auto &entry : config.opNameConfigs())
    supported &= check(entry.second);
  if (!supported) {
    module.emitError() << "linear_quantize_activations supports only mode "
                          "linear_symmetric with dtype int8";
    return signalPassFailure();
  }
  if (failed(loadStats(stats)))
    return signalPassFailure();
  unifyConcatRanges(stats);
  raiseOpset(module, kIOS17Opset);
  dropProgramAttributes(module);
  resetAutoNames(module);
  namer.emplace(module);
  for (auto fn : module.getOps<FunctionOp>())
    for (Block &block : fn.getBody())
      if (failed(prefixBlock(block)))
        return signalPassFailure();
  for (auto fn : module.getOps<FunctionOp>())
    for (Block &block : fn.getBody())
      if (failed(suffixBlock(block)))
        return signalPassFailure();
  eliminateDequantizeQuantizePairs(module);
}

} // namespace

std::vector<std::string>
mil::getActivationQuantizedOps(ModuleOp module,
                               const pipeline::OptimizationConfig &config) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  module.walk([&](Operation *op) {
    Value x, y;
    if (!takesPrefixPair(op, config, x, y))
      return;
    std::string name = getMILOpName(op).str();
    if (!name.empty() && seen.insert(name).second)
      names.push_back(name);
  });
  return names;
}
