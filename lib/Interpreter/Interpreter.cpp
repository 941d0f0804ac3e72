//===- Interpreter.cpp - CPU evaluation of mil functions
//-------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Interpreter.h"

#include "OpContext.h"

#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <chrono>
#include <cstring>

using namespace mlir;
using namespace mil;
using namespace mil::interp;

//===----------------------------------------------------------------------===//
// Types and consts
//===----------------------------------------------------------------------===//

bool mil::interp::dtypeOf(Type type, DType &out) {
  if (type.isF16())
    out = DType::Float16;
  else if (type.isF32() || type.isBF16() ||
           isa<Float8E4M3FNType, Float8E5M2Type>(type))
    out = DType::Float32;
  else if (type.isF64())
    out = DType::Float64;
  else if (isa<StringType>(type))
    out = DType::String;
  else if (auto i = dyn_cast<IntegerType>(type)) {
    unsigned w = i.getWidth();
    bool u = i.isUnsigned();
    if (w == 1 && !u)
      out = DType::Bool;
    else if (w <= 8)
      out = u ? DType::UInt8 : DType::Int8;
    else if (w == 16)
      out = u ? DType::UInt16 : DType::Int16;
    else if (w == 32)
      out = u ? DType::UInt32 : DType::Int32;
    else if (w == 64)
      out = u ? DType::UInt64 : DType::Int64;
    else
      return false;
  } else
    return false;
  return true;
}

namespace {

/// The runtime tensor of a const value: borrowed from the attribute's
/// storage when its bytes are laid out as the tensor is (resource blobs,
/// dense raw data), unpacked otherwise.
FailureOr<Tensor> tensorFromAttr(ElementsAttr attr, Location loc) {
  auto type = cast<ShapedType>(attr.getType());
  Type elem = type.getElementType();
  DType dtype;
  if (!dtypeOf(elem, dtype))
    return emitError(loc) << "the interpreter has no tensors of " << elem;
  SmallVector<int64_t> shape(type.getShape());
  if (dtype == DType::String) {
    auto strings = dyn_cast<DenseStringElementsAttr>(attr);
    if (!strings)
      return emitError(loc) << "string constant is not a dense attribute";
    std::vector<std::string> values;
    if (strings.isSplat()) {
      values.assign(type.getNumElements(),
                    strings.getRawStringData().front().str());
    } else {
      for (StringRef s : strings.getRawStringData())
        values.push_back(s.str());
    }
    return Tensor::fromStrings(shape, std::move(values));
  }
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
  if (failed(bytes))
    return failure();
  int64_t n = type.getNumElements();
  unsigned bits = 0;
  // Sub-byte integers are packed, uint1 (palettization indices) too; bool
  // (signless i1) takes a byte per element.
  if (auto i = dyn_cast<IntegerType>(elem);
      i && i.getWidth() < 8 && (i.getWidth() != 1 || i.isUnsigned()))
    bits = i.getWidth();
  if (elem.isBF16() || isa<Float8E4M3FNType, Float8E5M2Type>(elem)) {
    // Widen through APFloat: rare, so the slow path is fine.
    std::vector<float> values;
    values.reserve(n);
    for (APFloat v : cast<DenseElementsAttr>(attr).getValues<APFloat>())
      values.push_back(v.convertToFloat());
    return Tensor::fromFloats(DType::Float32, shape, std::move(values));
  }
  if (bits) {
    // Sub-byte: unpack LSB first into one byte per element.
    if (bytes->size() * 8 < static_cast<uint64_t>(n) * bits)
      return emitError(loc) << "sub-byte constant too short";
    Tensor t = Tensor::zeros(dtype, shape);
    auto *out = t.mutableData<uint8_t>();
    bool isSigned = !cast<IntegerType>(elem).isUnsigned();
    for (int64_t i = 0; i < n; ++i) {
      uint64_t bit = static_cast<uint64_t>(i) * bits;
      unsigned v = 0;
      for (unsigned b = 0; b < bits; ++b, ++bit)
        v |= ((*bytes)[bit / 8] >> (bit % 8) & 1u) << b;
      if (isSigned && (v >> (bits - 1)))
        v |= ~0u << bits;
      out[i] = static_cast<uint8_t>(v);
    }
    return t;
  }
  size_t need = static_cast<size_t>(n) * dtypeSize(dtype);
  if (bytes->size() < need)
    return emitError(loc) << "constant holds " << bytes->size()
                          << " bytes, its type needs " << need;
  if (storage.empty()) {
    // Points into the attribute (a mapped weight blob or uniqued dense
    // data), which the context keeps alive.
    return Tensor::borrow(dtype, shape, bytes->data(), nullptr);
  }
  Tensor t = Tensor::zeros(dtype, shape);
  if (need)
    std::memcpy(t.mutableData<uint8_t>(), bytes->data(), need);
  return t;
}

} // namespace

//===----------------------------------------------------------------------===//
// OpContext
//===----------------------------------------------------------------------===//

OpContext::OpContext(Operation *op, Evaluator &evaluator)
    : op(op), evaluator(evaluator) {
  std::unique_ptr<InputRanges> &cached = evaluator.rangeCache[op];
  if (!cached) {
    cached = std::make_unique<InputRanges>();
    auto *dialect = dyn_cast<MILDialect>(op->getDialect());
    std::optional<ArrayRef<MILInputInfo>> table;
    if (dialect)
      table = dialect->getMILInputTable(op->getName().getStringRef());
    if (table) {
      for (auto [info, start, length] : getMILInputOperandGroups(op, *table))
        cached->emplace_back(info->name, std::make_pair(start, length));
    }
  }
  ranges = cached.get();
}

StringRef OpContext::opType() const {
  StringRef name = op->getName().getStringRef();
  name.consume_front("mil.");
  return name;
}

std::optional<std::pair<unsigned, unsigned>>
OpContext::range(StringRef name) const {
  for (const auto &[n, r] : *ranges)
    if (n == name) {
      if (r.second == 0 || r.first + r.second > op->getNumOperands())
        return std::nullopt;
      return r;
    }
  return std::nullopt;
}

bool OpContext::has(StringRef name) const { return range(name).has_value(); }

bool OpContext::isConstant(StringRef name) const {
  auto r = range(name);
  if (!r || r->second != 1)
    return false;
  // An overridden const changes from run to run: what an op caches from it
  // (a conv plan's reordered weights) would be stale.
  mlir::Value v = op->getOperand(r->first);
  if (evaluator.overrides && evaluator.overrides->count(v))
    return false;
  return evaluator.constants.count(v);
}

const RtValue *OpContext::value(StringRef name) {
  auto r = range(name);
  if (!r)
    return nullptr;
  auto it = evaluator.env.find(op->getOperand(r->first));
  if (it == evaluator.env.end()) {
    setError("input '" + name + "' has no value");
    return nullptr;
  }
  return &it->second;
}

const Tensor &OpContext::in(StringRef name) {
  static const Tensor null;
  const RtValue *v = value(name);
  if (!v) {
    if (!hasFailed)
      setError("missing input '" + name + "'");
    return null;
  }
  if (v->kind != RtValue::Kind::Tensor) {
    setError("input '" + name + "' is not a tensor");
    return null;
  }
  return v->tensor;
}

SmallVector<const RtValue *> OpContext::variadic(StringRef name) {
  SmallVector<const RtValue *> values;
  auto r = range(name);
  if (!r)
    return values;
  for (unsigned i = r->first; i < r->first + r->second; ++i) {
    auto it = evaluator.env.find(op->getOperand(i));
    if (it == evaluator.env.end()) {
      setError("input '" + name + "' has no value");
      return {};
    }
    values.push_back(&it->second);
  }
  return values;
}

/// The one-element numeric input `name`, or null after reporting that it
/// must be `what`.
static const Tensor *scalarInput(OpContext &ctx, StringRef name,
                                 StringRef what) {
  const Tensor &t = ctx.in(name);
  if (t.isNull() || t.numElements() != 1 || t.dtype() == DType::String) {
    ctx.setError("input '" + name + "' must be " + what);
    return nullptr;
  }
  return &t;
}

int64_t OpContext::getInt(StringRef name, int64_t dflt) {
  if (!has(name))
    return dflt;
  const Tensor *t = scalarInput(*this, name, "a numeric scalar");
  if (!t)
    return dflt;
  return t->getInt(0);
}

std::vector<int64_t> OpContext::getInts(StringRef name,
                                        std::vector<int64_t> dflt) {
  if (!has(name))
    return dflt;
  const Tensor &t = in(name);
  if (t.isNull() || t.dtype() == DType::String) {
    setError("input '" + name + "' must be numeric");
    return dflt;
  }
  return t.toInts();
}

double OpContext::getFloat(StringRef name, double dflt) {
  if (!has(name))
    return dflt;
  const Tensor *t = scalarInput(*this, name, "a numeric scalar");
  if (!t)
    return dflt;
  return t->getDouble(0);
}

bool OpContext::getBool(StringRef name, bool dflt) {
  if (!has(name))
    return dflt;
  const Tensor *t = scalarInput(*this, name, "a scalar");
  if (!t)
    return dflt;
  return t->getDouble(0) != 0;
}

std::string OpContext::getString(StringRef name, std::string dflt) {
  if (!has(name))
    return dflt;
  const Tensor &t = in(name);
  if (t.isNull() || t.dtype() != DType::String || t.numElements() != 1) {
    setError("input '" + name + "' must be a string scalar");
    return dflt;
  }
  return t.strings()[0];
}

DType OpContext::resultType(unsigned i) {
  DType type = DType::Float32;
  if (i >= op->getNumResults())
    return type;
  Type t = op->getResult(i).getType();
  if (auto state = dyn_cast<StateType>(t))
    t = state.getWrappedType();
  if (auto shaped = dyn_cast<ShapedType>(t))
    if (!dtypeOf(shaped.getElementType(), type))
      setError("result " + Twine(i) + " has an unsupported element type");
  return type;
}

void OpContext::setResult(unsigned i, Tensor t) {
  setResult(i, RtValue::of(std::move(t)));
}

void OpContext::setResult(unsigned i, RtValue v) {
  if (i >= op->getNumResults()) {
    setError("has no result " + Twine(i));
    return;
  }
  evaluator.env[op->getResult(i)] = std::move(v);
}

LogicalResult OpContext::error(const Twine &msg) {
  if (!hasFailed) {
    op->emitError() << "cannot evaluate '" << opType() << "' op '"
                    << getMILOpName(op) << "': " << msg;
  }
  hasFailed = true;
  return failure();
}

LogicalResult OpContext::runRegion(unsigned index, ArrayRef<RtValue> args,
                                   SmallVectorImpl<RtValue> &results) {
  if (index >= op->getNumRegions() || op->getRegion(index).empty())
    return error("has no region " + Twine(index));
  if (mlir::failed(
          evaluator.runBlock(op->getRegion(index).front(), args, results))) {
    hasFailed = true;
    return failure();
  }
  return success();
}

bool OpContext::normalizeAxis(int64_t &axis, int64_t rank) {
  int64_t original = axis;
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= std::max<int64_t>(rank, 1)) {
    setError("axis " + Twine(original) + " is out of range for rank " +
             Twine(rank));
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Evaluator
//===----------------------------------------------------------------------===//

LogicalResult Evaluator::evalConst(Operation *op) {
  mlir::Value result = op->getResult(0);
  if (overrides)
    if (auto it = overrides->find(result); it != overrides->end()) {
      env[result] = RtValue::of(it->second);
      return success();
    }
  auto found = constants.find(result);
  if (found == constants.end()) {
    Attribute val = cast<ConstOp>(op).getVal();
    if (auto listType = dyn_cast<ListType>(result.getType());
        listType && isa<ArrayAttr>(val))
      return evalConstList(op, listType, cast<ArrayAttr>(val));
    auto attr = dyn_cast<ElementsAttr>(val);
    if (!attr)
      return op->emitError()
             << "cannot evaluate 'const' op '" << getMILOpName(op)
             << "': only tensor constants are supported";
    FailureOr<Tensor> t = tensorFromAttr(attr, op->getLoc());
    if (failed(t))
      return failure();
    found = constants.try_emplace(result, std::move(*t)).first;
  }
  env[result] = RtValue::of(found->second);
  return success();
}

LogicalResult Evaluator::evalConstList(Operation *op, ListType type,
                                       ArrayAttr elements) {
  auto list = std::make_shared<ListValue>();
  auto elemType = dyn_cast<ShapedType>(type.getElementType());
  if (!elemType || !dtypeOf(elemType.getElementType(), list->dtype))
    return op->emitError() << "cannot evaluate 'const' op '" << getMILOpName(op)
                           << "': a list of " << type.getElementType()
                           << " is not supported";
  if (elemType.hasStaticShape())
    list->elemShape.assign(elemType.getShape().begin(),
                           elemType.getShape().end());
  list->dynamic = false;
  for (Attribute a : elements) {
    auto attr = dyn_cast<ElementsAttr>(a);
    if (!attr)
      return op->emitError()
             << "cannot evaluate 'const' op '" << getMILOpName(op)
             << "': a list element is not a tensor";
    FailureOr<Tensor> t = tensorFromAttr(attr, op->getLoc());
    if (failed(t))
      return failure();
    list->elements.push_back(std::move(*t));
  }
  RtValue v;
  v.kind = RtValue::Kind::List;
  v.list = std::move(list);
  env[op->getResult(0)] = std::move(v);
  return success();
}

LogicalResult Evaluator::evalConstexpr(Operation *op) {
  if (!constants.count(op->getResult(0))) {
    auto valueOf = [&](mlir::Value v) -> ElementsAttr {
      if (auto cst = v.getDefiningOp<ConstOp>())
        return dyn_cast<ElementsAttr>(cst.getVal());
      return constexprAttrs.lookup(v);
    };
    FailureOr<SmallVector<ElementsAttr>> values =
        evaluateConstexpr(op, valueOf, getMILOpName(op));
    if (failed(values))
      return failure();
    for (auto [result, attr] : llvm::zip(op->getResults(), *values)) {
      FailureOr<Tensor> t = tensorFromAttr(attr, op->getLoc());
      if (failed(t))
        return failure();
      constexprAttrs[result] = attr;
      constants[result] = std::move(*t);
    }
  }
  for (OpResult result : op->getResults())
    env[result] = RtValue::of(constants[result]);
  return success();
}

LogicalResult Evaluator::runBlock(Block &block, ArrayRef<RtValue> args,
                                  SmallVectorImpl<RtValue> &results) {
  if (args.size() != block.getNumArguments())
    return emitError(block.getParentOp()->getLoc())
           << "block takes " << block.getNumArguments() << " values, got "
           << args.size();
  for (auto [arg, v] : llvm::zip(block.getArguments(), args)) {
    env[arg] = v;
    if (observer && v.kind == RtValue::Kind::Tensor)
      observer(arg, v.tensor);
  }
  return runBlockFrom(block, 0, results);
}

LogicalResult Evaluator::evalConstant(Operation *op) {
  if (isa<ConstOp>(op))
    return evalConst(op);
  if (!isConstexprOp(op))
    return op->emitError() << "'" << getMILOpName(op)
                           << "' is not a const or constexpr op";
  // evalConstexpr reads const operands from their attributes.
  for (mlir::Value operand : op->getOperands()) {
    Operation *def = operand.getDefiningOp();
    if (!def)
      return op->emitError() << "constexpr op '" << getMILOpName(op)
                             << "' takes a function input";
    if (!isa<ConstOp>(def) && !constants.count(operand) &&
        failed(evalConstant(def)))
      return failure();
  }
  return evalConstexpr(op);
}

LogicalResult Evaluator::runBlockFrom(Block &block, unsigned start,
                                      SmallVectorImpl<RtValue> &results,
                                      function_ref<void(unsigned)> beforeOp) {
  auto observe = [&](Operation &op) {
    if (!observer)
      return;
    for (OpResult r : op.getResults())
      if (const RtValue &v = env[r]; v.kind == RtValue::Kind::Tensor)
        observer(r, v.tensor);
  };
  unsigned position = 0;
  for (Operation &op : block) {
    if (position++ < start)
      continue;
    if (beforeOp)
      beforeOp(position - 1);
    if (isa<ReturnOp>(op)) {
      results.clear();
      for (mlir::Value v : op.getOperands()) {
        auto it = env.find(v);
        if (it == env.end())
          return op.emitError("returned value has no value");
        results.push_back(it->second);
      }
      return success();
    }
    if (isa<ConstOp>(op)) {
      if (failed(evalConst(&op)))
        return failure();
      observe(op);
      continue;
    }
    if (isConstexprOp(&op)) {
      if (failed(evalConstexpr(&op)))
        return failure();
      observe(op);
      continue;
    }
    StringRef type = op.getName().getStringRef();
    type.consume_front("mil.");
    OpFn &fn = fnCache[&op];
    if (!fn) {
      if (auto generic = dyn_cast<GenericOp>(op))
        return op.emitError() << "cannot evaluate '" << generic.getOpType()
                              << "' op '" << getMILOpName(&op)
                              << "': the op type is unknown to the dialect";
      auto found = registry.find(type);
      if (found == registry.end())
        return op.emitError()
               << "cannot evaluate '" << type << "' op '" << getMILOpName(&op)
               << "': not implemented by the interpreter";
      fn = found->second;
    }
    // Result slots exist before the op runs, so that setting them does not
    // move the input values the op is reading.
    for (OpResult r : op.getResults())
      env[r] = RtValue();
    OpContext ctx(&op, *this);
    auto start = profile ? std::chrono::steady_clock::now()
                         : std::chrono::steady_clock::time_point();
    if (failed(fn(ctx)) || ctx.failed()) {
      ctx.setError("evaluation failed");
      return failure();
    }
    if (profile) {
      OpProfile::Entry &entry = profile->byType[type.str()];
      entry.ms += std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      ++entry.count;
    }
    for (OpResult r : op.getResults())
      if (const RtValue &v = env[r];
          v.kind == RtValue::Kind::Tensor && v.tensor.isNull())
        return ctx.error("result " + Twine(r.getResultNumber()) +
                         " was not computed");
    observe(op);
  }
  return emitError(block.getParentOp()->getLoc()) << "block has no return";
}

//===----------------------------------------------------------------------===//
// Interpreter
//===----------------------------------------------------------------------===//

const OpRegistry &mil::interp::getOpRegistry() {
  static const OpRegistry registry = [] {
    OpRegistry r;
    registerElementwiseOps(r);
    registerActivationOps(r);
    registerTensorOps(r);
    registerLinearOps(r);
    registerConvPoolOps(r);
    registerNormalizationOps(r);
    registerReductionOps(r);
    registerControlFlowOps(r);
    registerRecurrentOps(r);
    registerImageOps(r);
    registerSpaceBatchOps(r);
    registerReverseSequenceOps(r);
    registerReshapeLikeOps(r);
    registerQuantizeOps(r);
    registerAttentionOps(r);
    registerRandomOps(r);
    registerResampleOps(r);
    registerCropResizeOps(r);
    registerResizeOps(r);
    registerNonMaximumSuppressionOps(r);
    registerConvQuantizedOps(r);
    registerClassifyOps(r);
    return r;
  }();
  return registry;
}

std::vector<std::string> mil::interp::getImplementedOpTypes() {
  std::vector<std::string> names;
  for (const auto &entry : getOpRegistry())
    names.push_back(entry.getKey().str());
  names.push_back("const");
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> mil::interp::getAllOpTypes(MLIRContext *ctx) {
  std::vector<std::string> names;
  auto *dialect = ctx->getOrLoadDialect<MILDialect>();
  for (RegisteredOperationName name : ctx->getRegisteredOperations()) {
    if (&name.getDialect() != dialect)
      continue;
    StringRef op = name.getStringRef();
    op.consume_front("mil.");
    if (op == "function" || op == "return" || op == "generic")
      continue;
    names.push_back(op.str());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Interpreter::~Interpreter() = default;

FailureOr<std::unique_ptr<Interpreter>>
Interpreter::create(ModuleOp module, StringRef functionName) {
  std::string name = functionName.str();
  if (name.empty()) {
    if (auto dflt =
            module->getAttrOfType<StringAttr>(MILDialect::kDefaultFunctionAttr))
      name = dflt.getValue().str();
    else
      name = "main";
  }
  FunctionOp func;
  for (auto f : module.getOps<FunctionOp>())
    if (f.getSymName() == name)
      func = f;
  if (!func) {
    std::string known;
    for (auto f : module.getOps<FunctionOp>())
      known += (known.empty() ? "" : ", ") + f.getSymName().str();
    return module.emitError()
           << "no function '" << name
           << "' in the program (functions: " << known << ")";
  }
  std::unique_ptr<Interpreter> interp(new Interpreter());
  interp->function = func;
  interp->evaluator = std::make_unique<Evaluator>(getOpRegistry());
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    InputInfo info;
    info.name = func.getInputName(i).str();
    if (info.name.empty())
      info.name = "input_" + std::to_string(i);
    Type t = type;
    if (auto state = dyn_cast<StateType>(t)) {
      info.isState = true;
      t = state.getWrappedType();
    }
    auto shaped = dyn_cast<ShapedType>(t);
    if (!shaped || !dtypeOf(shaped.getElementType(), info.dtype))
      return func.emitError()
             << "input '" << info.name
             << "' has a type the interpreter cannot feed: " << type;
    if (shaped.hasRank())
      for (int64_t d : shaped.getShape())
        info.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
    interp->inputs.push_back(std::move(info));
  }
  Operation *ret = func.getBody().front().getTerminator();
  for (auto [i, v] : llvm::enumerate(ret->getOperands())) {
    std::string out;
    if (auto r = dyn_cast<OpResult>(v))
      out = getMILResultName(r);
    else if (auto arg = dyn_cast<BlockArgument>(v))
      out = func.getInputName(arg.getArgNumber()).str();
    if (out.empty())
      out = "output_" + std::to_string(i);
    interp->outputNames.push_back(out);
  }
  return interp;
}

/// The environment of a checkpoint.
struct mil::interp::CheckpointData {
  llvm::DenseMap<mlir::Value, RtValue> env;
};

std::optional<unsigned> Interpreter::getBodyPosition(Operation *op) const {
  Block &body = cast<FunctionOp>(function).getBody().front();
  Operation *top = body.findAncestorOpInBlock(*op);
  if (!top)
    return std::nullopt;
  unsigned position = 0;
  for (Operation &o : body) {
    if (&o == top)
      return position;
    ++position;
  }
  return std::nullopt;
}

bool Interpreter::hasStates() const {
  return llvm::any_of(inputs, [](const InputInfo &i) { return i.isState; });
}

void Interpreter::setObserver(ValueObserver observer) {
  evaluator->observer = std::move(observer);
}

FailureOr<NamedTensors> Interpreter::run(const NamedTensors &namedInputs,
                                         StateMap &states) {
  return run(namedInputs, states, RunOptions());
}

FailureOr<NamedTensors> Interpreter::run(const NamedTensors &namedInputs,
                                         StateMap &states,
                                         const RunOptions &options) {
  auto func = cast<FunctionOp>(function);
  if ((options.resumeFrom || options.checkpoints) && hasStates())
    return func.emitError()
           << "checkpoints are not supported for a function with states";
  SmallVector<RtValue> args;
  // A resumed run has its inputs in the checkpoint.
  ArrayRef<InputInfo> given =
      options.resumeFrom ? ArrayRef<InputInfo>() : ArrayRef<InputInfo>(inputs);
  for (const InputInfo &info : given) {
    if (info.isState) {
      Tensor &slot = states[info.name];
      if (slot.isNull())
        slot = Tensor::zeros(info.dtype, info.shape);
      else if (slot.dtype() != info.dtype)
        slot = slot.castTo(info.dtype);
      if (slot.shape() != ArrayRef<int64_t>(info.shape))
        return func.emitError()
               << "state '" << info.name << "' has shape "
               << shapeToString(slot.shape()) << ", the program declares "
               << shapeToString(info.shape);
      RtValue v;
      v.kind = RtValue::Kind::State;
      v.state = &slot;
      args.push_back(v);
      continue;
    }
    const Tensor *given = nullptr;
    for (const auto &[n, t] : namedInputs)
      if (n == info.name)
        given = &t;
    if (!given)
      return func.emitError() << "no value for input '" << info.name << "'";
    bool ok = given->rank() == static_cast<int64_t>(info.shape.size());
    for (size_t d = 0; ok && d < info.shape.size(); ++d)
      ok = info.shape[d] < 0 || info.shape[d] == given->shape()[d];
    if (!ok)
      return func.emitError()
             << "input '" << info.name << "' has shape "
             << shapeToString(given->shape()) << ", the program declares "
             << shapeToString(info.shape) << " (-1: flexible)";
    if (given->dtype() == DType::String)
      return func.emitError() << "input '" << info.name << "' is a string";
    args.push_back(RtValue::of(given->castTo(info.dtype)));
  }
  evaluator->states = &states;
  evaluator->overrides = options.overrides;
  Block &body = func.getBody().front();
  SmallVector<RtValue> results;
  unsigned start = 0;
  if (const Checkpoint *from = options.resumeFrom) {
    // The checkpoint's values, then the overrides of consts it evaluated.
    auto &env = evaluator->getEnv();
    env = from->data->env;
    if (options.overrides)
      for (const auto &[value, tensor] : *options.overrides)
        if (auto it = env.find(value); it != env.end())
          it->second = RtValue::of(tensor);
    start = from->position;
  } else {
    for (auto [arg, v] : llvm::zip(body.getArguments(), args)) {
      evaluator->bind(arg, v);
      if (evaluator->observer && v.kind == RtValue::Kind::Tensor)
        evaluator->observer(arg, v.tensor);
    }
  }
  size_t nextCheckpoint = 0;
  auto record = [&](unsigned position) {
    for (;
         options.checkpoints && nextCheckpoint < options.checkpointAt.size() &&
         options.checkpointAt[nextCheckpoint] <= position;
         ++nextCheckpoint) {
      auto data = std::make_shared<CheckpointData>();
      data->env = evaluator->getEnv();
      Checkpoint c;
      c.position = position;
      c.data = std::move(data);
      options.checkpoints->push_back(std::move(c));
    }
  };
  LogicalResult status =
      args.size() != body.getNumArguments() && !options.resumeFrom
          ? emitError(func.getLoc())
                << "function takes " << body.getNumArguments()
                << " values, got " << args.size()
          : evaluator->runBlockFrom(body, start, results,
                                    options.checkpoints
                                        ? function_ref<void(unsigned)>(record)
                                        : nullptr);
  evaluator->states = nullptr;
  evaluator->overrides = nullptr;
  // A run keeps no values: the next one (or a checkpoint) starts afresh.
  evaluator->getEnv().clear();
  if (failed(status))
    return failure();
  NamedTensors outputs;
  for (auto [name, v] : llvm::zip(outputNames, results)) {
    if (v.kind == RtValue::Kind::State && v.state)
      outputs.emplace_back(name, *v.state);
    else if (v.kind == RtValue::Kind::Tensor)
      outputs.emplace_back(name, v.tensor);
    else if (v.kind == RtValue::Kind::Dict && v.dict)
      // A dict output (classify) gives its values in key order.
      outputs.emplace_back(name, v.dict->values);
    else
      return func.emitError() << "output '" << name << "' is not a tensor";
  }
  return outputs;
}

void Interpreter::setMaxLoopIterations(int64_t n) {
  evaluator->maxLoopIterations = n;
}

void Interpreter::setProfile(OpProfile *profile) {
  evaluator->profile = profile;
}

FailureOr<Tensor> mil::interp::evaluateConstant(mlir::Value v) {
  Operation *def = v.getDefiningOp();
  if (!def)
    return emitError(v.getLoc()) << "a function input is not a constant";
  Evaluator evaluator(getOpRegistry());
  if (failed(evaluator.evalConstant(def)))
    return failure();
  const RtValue *value = evaluator.lookup(v);
  if (!value || value->kind != RtValue::Kind::Tensor)
    return def->emitError() << "'" << getMILOpName(def) << "' gives no tensor";
  return value->tensor;
}

//===----------------------------------------------------------------------===//
// Folding
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<ElementsAttr>>
mil::interp::foldOp(Operation *op,
                    function_ref<ElementsAttr(mlir::Value)> valueOf,
                    int64_t resourceThreshold) {
  StringRef type = op->getName().getStringRef();
  if (!type.consume_front("mil.") || op->getNumRegions() ||
      !op->getNumResults() || !isMemoryEffectFree(op))
    return failure();
  const OpRegistry &registry = getOpRegistry();
  auto fn = registry.find(type);
  if (fn == registry.end())
    return failure();
  for (OpResult r : op->getResults()) {
    auto t = dyn_cast<RankedTensorType>(r.getType());
    if (!t || !t.hasStaticShape())
      return failure();
  }
  // Diagnostics of a failed evaluation are not errors of the program.
  ScopedDiagnosticHandler silence(op->getContext(),
                                  [](Diagnostic &) { return success(); });
  Evaluator evaluator(registry);
  StateMap noStates;
  evaluator.states = &noStates;
  for (mlir::Value v : op->getOperands()) {
    ElementsAttr attr = valueOf(v);
    if (!attr)
      return failure();
    FailureOr<Tensor> t = tensorFromAttr(attr, op->getLoc());
    if (failed(t))
      return failure();
    evaluator.bind(v, RtValue::of(std::move(*t)));
  }
  for (OpResult r : op->getResults())
    evaluator.bind(r, RtValue());
  OpContext ctx(op, evaluator);
  if (failed(fn->second(ctx)) || ctx.failed())
    return failure();
  SmallVector<ElementsAttr> results;
  for (OpResult r : op->getResults()) {
    const RtValue *v = evaluator.lookup(r);
    auto resultType = cast<RankedTensorType>(r.getType());
    DType dtype;
    if (!v || v->kind != RtValue::Kind::Tensor || v->tensor.isNull() ||
        v->tensor.shape() != resultType.getShape() ||
        !dtypeOf(resultType.getElementType(), dtype) ||
        dtype != v->tensor.dtype() || dtype == DType::String ||
        (getMILElementBitWidth(resultType.getElementType()) % 8 != 0 &&
         dtype != DType::Bool))
      return failure();
    ArrayRef<uint8_t> bytes(v->tensor.data<uint8_t>(), v->tensor.numBytes());
    if (v->tensor.numElements() >= resourceThreshold) {
      results.push_back(
          makeResourceFromPackedBytes(resultType, getMILResultName(r), bytes));
      continue;
    }
    FailureOr<ElementsAttr> dense =
        makeDenseFromPackedBytes(resultType, bytes, op->getLoc());
    if (failed(dense))
      return failure();
    results.push_back(*dense);
  }
  return results;
}
