//===- QuantizationUtils.cpp - helpers of the activation passes -----------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Compression/Half.h"

using namespace mlir;
using namespace mil;
using namespace mil::passes;

static constexpr llvm::StringLiteral kCountersAttr =
    "coremltools.auto_name_counters";

std::string AutoNamer::next(StringRef type) {
  MLIRContext *ctx = module.getContext();
  NamedAttrList counters;
  if (auto dict = module->getAttrOfType<DictionaryAttr>(kCountersAttr))
    counters.assign(dict.getValue());
  int64_t n = 0;
  if (auto current = dyn_cast_or_null<IntegerAttr>(counters.get(type)))
    n = current.getInt();
  counters.set(type, IntegerAttr::get(IntegerType::get(ctx, 64), n + 1));
  module->setAttr(kCountersAttr, counters.getDictionary(ctx));
  return (type + "_" + llvm::Twine(n)).str();
}

void passes::resetAutoNames(ModuleOp module) {
  module->removeAttr(kCountersAttr);
}

static Value namedConst(OpBuilder &b, Location loc, Type type, Attribute value,
                        StringRef name) {
  auto op = b.create<ConstOp>(loc, type, value);
  op->setAttr(MILDialect::kNameAttr, b.getStringAttr(name));
  return op.getResult();
}

Value passes::createScalarConst(OpBuilder &b, Location loc, Type elem,
                                double value, StringRef name) {
  auto type = RankedTensorType::get({}, elem);
  Attribute attr;
  if (elem.isF16())
    attr = DenseElementsAttr::get(
        type, APFloat(APFloat::IEEEhalf(),
                      APInt(16, compression::floatToHalf(
                                    static_cast<float>(value)))));
  else if (elem.isF32())
    attr = DenseElementsAttr::get(type, static_cast<float>(value));
  else
    attr = DenseElementsAttr::get(
        type, APInt(elem.getIntOrFloatBitWidth(), static_cast<int64_t>(value),
                    /*isSigned=*/!elem.isUnsignedInteger()));
  return namedConst(b, loc, type, attr, name);
}

Value passes::createStringConst(OpBuilder &b, Location loc, StringRef value,
                                StringRef name) {
  auto type = RankedTensorType::get({}, StringType::get(b.getContext()));
  return namedConst(b, loc, type, DenseStringElementsAttr::get(type, {value}),
                    name);
}

std::optional<double> passes::scalarConstValue(Value v) {
  auto cst = v ? v.getDefiningOp<ConstOp>() : ConstOp();
  auto dense = cst ? dyn_cast<DenseElementsAttr>(cst.getVal()) : nullptr;
  if (!dense || dense.getNumElements() != 1)
    return std::nullopt;
  Type elem = dense.getElementType();
  if (isa<FloatType>(elem))
    return (*dense.getValues<APFloat>().begin()).convertToDouble();
  if (auto integer = dyn_cast<IntegerType>(elem)) {
    APInt i = *dense.getValues<APInt>().begin();
    return integer.isUnsigned() ? static_cast<double>(i.getZExtValue())
                                : static_cast<double>(i.getSExtValue());
  }
  return std::nullopt;
}

QuantParamsView passes::getQuantParams(Operation *op) {
  if (auto q = dyn_cast<QuantizeOp>(op))
    return {q.getInput(), q.getZeroPoint(), q.getScale(), q.getAxis(),
            q.getOutputDtype()};
  auto d = cast<DequantizeOp>(op);
  return {d.getInput(), d.getZeroPoint(), d.getScale(), d.getAxis(), {}};
}

void passes::setOpName(Operation *op, StringRef name) {
  op->setAttr(MILDialect::kNameAttr, StringAttr::get(op->getContext(), name));
}

void passes::eraseDeadConst(Value v) {
  if (auto cst = v ? v.getDefiningOp<ConstOp>() : ConstOp())
    if (cst->use_empty())
      cst->erase();
}

QuantizeOp passes::buildQuantize(OpBuilder &b, Location loc, Value input,
                                 Value zeroPoint, Value scale, Value axis,
                                 Value outputDtype, StringRef name) {
  std::optional<std::string> dtype;
  if (auto cst = outputDtype.getDefiningOp<ConstOp>())
    if (auto s = dyn_cast<DenseStringElementsAttr>(cst.getVal()))
      dtype = s.getRawStringData().front().str();
  Type elem =
      IntegerType::get(b.getContext(), 8,
                       dtype && *dtype == "uint8" ? IntegerType::Unsigned
                                                  : IntegerType::Signless);
  auto inType = cast<ShapedType>(input.getType());
  Type type = inType.hasRank()
                  ? Type(RankedTensorType::get(inType.getShape(), elem))
                  : Type(UnrankedTensorType::get(elem));
  auto op = b.create<QuantizeOp>(loc, type, input, zeroPoint, scale, axis,
                                 outputDtype);
  setOpName(op, name);
  return op;
}

DequantizeOp passes::buildDequantize(OpBuilder &b, Location loc, Value input,
                                     Value zeroPoint, Value scale, Value axis,
                                     StringRef name) {
  Type elem = cast<ShapedType>(scale.getType()).getElementType();
  auto inType = cast<ShapedType>(input.getType());
  Type type = inType.hasRank()
                  ? Type(RankedTensorType::get(inType.getShape(), elem))
                  : Type(UnrankedTensorType::get(elem));
  auto op = b.create<DequantizeOp>(loc, type, input, zeroPoint, scale, axis);
  setOpName(op, name);
  return op;
}

bool passes::isBlockOutput(Value v) {
  for (Operation *user : v.getUsers())
    if (isa<ReturnOp>(user) && user->getBlock() == v.getParentBlock())
      return true;
  return false;
}

Operation *passes::soleUser(Value v) {
  if (!v.hasOneUse())
    return nullptr;
  return v.getUses().begin()->getOwner();
}

std::string passes::milTypeOf(Operation *op) {
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getOpType().str();
  return op->getName().getStringRef().drop_front(4).str();
}

void passes::raiseOpset(ModuleOp module, unsigned opset) {
  bool raised = false;
  for (auto fn : module.getOps<FunctionOp>()) {
    unsigned current = getOpsetVersion(fn.getOpset());
    if (current && current < opset) {
      fn.setOpset(("CoreML" + llvm::Twine(opset)).str());
      raised = true;
    }
  }
  auto model = module->getAttrOfType<DictionaryAttr>(MILDialect::kModelAttr);
  if (!raised || !model)
    return;
  // The specification version CoreML{n} needs is n + 1.
  NamedAttrList entries(model);
  auto version =
      dyn_cast_or_null<IntegerAttr>(entries.get("specificationVersion"));
  if (!version || version.getInt() >= static_cast<int64_t>(opset) + 1)
    return;
  entries.set("specificationVersion",
              IntegerAttr::get(version.getType(), opset + 1));
  module->setAttr(MILDialect::kModelAttr,
                  entries.getDictionary(module.getContext()));
}
