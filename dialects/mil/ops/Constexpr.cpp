//===- Constexpr.cpp - MIL constexpr ops -----------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
// The verifiers reject what coremltools rejects (spec/compression.md
// section 1), in its order: the dtype domains first (ODS type constraints
// and, for the iOS16 attribute form, the attribute dtypes), then that every
// input is known at compile time, then each op's own checks in the order of
// its type inference, then the result types derived from the inputs. Checks
// that read values (mask popcounts, padding bits, axis values) run when the
// value is a constant; a value produced by another constexpr op is checked by
// the kernels when it is materialized.
//
// Constexpr ops have no fold hooks on purpose: coremltools gives them no
// value inference, so nothing downstream folds through them, and folding
// would decompress every weight under canonicalization. The values come from
// mil::evaluateConstexpr (ConstexprEval.h) on request.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"

#include "../FamilyRegistration.h"
#include "VerifyUtils.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mil;
using namespace mil::verify;

#define GET_OP_CLASSES
#include "mil/Dialect/ConstexprOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
/// How a constexpr op carries its parameters: iOS16 MIL attributes (opsets
/// CoreML6/CoreML7) or iOS18 MIL inputs (CoreML8 and later).
enum class Form { Attributes, Operands };

/// One parameter of a form: its MIL name and whether the op has it.
struct Param {
  StringRef name;
  bool present;
  bool required = true;
};
} // namespace

static LogicalResult verifyConstantInputs(Operation *op);

static constexpr unsigned kIOS16Opset = 6; // CoreML6
static constexpr unsigned kIOS18Opset = 8; // CoreML8

/// Checks that the enclosing opset has the op in `form`. `dual` ops exist in
/// both generations, so their attribute form is limited to CoreML6/CoreML7;
/// the iOS16-only constexpr_affine_dequantize keeps attributes in every
/// opset.
static LogicalResult verifyOpset(Operation *op, Form form, bool dual) {
  unsigned version = getEnclosingOpsetVersion(op);
  if (!version)
    return form == Form::Operands ? verifyConstantInputs(op) : success();
  if (version < kIOS16Opset)
    return op->emitOpError()
           << "needs opset CoreML6 (iOS16) or later, but the enclosing "
              "function's opset is CoreML"
           << version;
  if (form == Form::Operands && version < kIOS18Opset)
    return op->emitOpError()
           << "uses the iOS18 input form, which needs opset CoreML8 or "
              "later, but the enclosing function's opset is CoreML"
           << version << (dual ? " (use the iOS16 attribute form there)" : "");
  if (form == Form::Attributes && dual && version >= kIOS18Opset)
    return op->emitOpError()
           << "uses the iOS16 attribute form, but the enclosing function's "
              "opset CoreML"
           << version << " needs the iOS18 input form (operands)";
  return form == Form::Operands ? verifyConstantInputs(op) : success();
}

/// Picks the form of an op that has both, from the parameters present:
/// exactly one form, allowed by the opset, with its required parameters.
static FailureOr<Form> verifyDualForm(Operation *op, ArrayRef<Param> attrs,
                                      ArrayRef<Param> operands) {
  auto firstPresent = [](ArrayRef<Param> params) -> const Param * {
    for (const Param &p : params)
      if (p.present)
        return &p;
    return nullptr;
  };
  const Param *attr = firstPresent(attrs);
  const Param *operand = firstPresent(operands);
  if (attr && operand) {
    op->emitOpError() << "mixes the iOS16 attribute form (attribute '"
                      << attr->name << "') with the iOS18 input form (input '"
                      << operand->name << "'); use one form";
    return failure();
  }
  Form form;
  if (attr) {
    form = Form::Attributes;
  } else if (operand) {
    form = Form::Operands;
  } else {
    // Nothing given: report what the opset's form misses.
    unsigned version = getEnclosingOpsetVersion(op);
    form = version && version < kIOS18Opset ? Form::Attributes : Form::Operands;
  }
  if (failed(verifyOpset(op, form, /*dual=*/true)))
    return failure();
  for (const Param &p : form == Form::Attributes ? attrs : operands) {
    if (p.required && !p.present) {
      op->emitOpError() << "requires the "
                        << (form == Form::Attributes ? "iOS16 attribute '"
                                                     : "iOS18 input '")
                        << p.name << "'";
      return failure();
    }
  }
  return form;
}

/// The MIL dtype name of `type` (its MLIR spelling when it has none).
static std::string dtypeString(Type type) {
  StringRef name = getMILDTypeName(type);
  if (!name.empty())
    return name.str();
  std::string str;
  llvm::raw_string_ostream os(str);
  os << type;
  return str;
}

static bool isUInt(Type t, unsigned width) {
  return t.isUnsignedInteger(width);
}
static bool isInt(Type t, unsigned width) { return t.isSignlessInteger(width); }
/// Domain T of the LUT ops and of iOS16 sparse_to_dense.
static bool isLutElem(Type t) {
  return isUInt(t, 8) || isInt(t, 8) || t.isF16() || t.isF32();
}

/// The value of a one-element integer constant, if it can be read.
static std::optional<int64_t> getScalarInt(Attribute attr) {
  auto ints = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!ints || ints.getNumElements() != 1)
    return std::nullopt;
  return (*ints.getValues<APInt>().begin()).getSExtValue();
}

/// The value of a one-element string constant, if `attr` is one.
static std::optional<StringRef> getScalarString(Attribute attr) {
  auto strs = dyn_cast_or_null<DenseStringElementsAttr>(attr);
  if (!strs || strs.getNumElements() != 1)
    return std::nullopt;
  return strs.getRawStringData().front();
}

/// The value of `v` when a `mil.const` produces it.
static Attribute getConstValue(Value v) {
  auto c = v.getDefiningOp<ConstOp>();
  return c ? c.getVal() : Attribute();
}

/// The values of an integer vector attribute (the iOS16 `shape`), when they
/// can be read without materializing a resource.
static std::optional<SmallVector<int64_t>> getShapeValues(ElementsAttr attr) {
  auto values = attr.tryGetValues<APInt>();
  if (!values)
    return std::nullopt;
  SmallVector<int64_t> shape;
  for (APInt v : *values)
    shape.push_back(v.getZExtValue());
  return shape;
}

/// True when `v` is known at compile time (spec 1.0 rule 1): a `mil.const`
/// or constexpr result, or computed only from such values by ops without
/// regions. Random ops are never constant.
static bool isCompileTimeConstant(Value v) {
  SmallVector<Value> worklist{v};
  llvm::SmallPtrSet<Operation *, 8> seen;
  while (!worklist.empty()) {
    Operation *def = worklist.pop_back_val().getDefiningOp();
    if (!def)
      return false; // A function or block input.
    if (isa<ConstOp>(def) || isConstexprOp(def) || !seen.insert(def).second)
      continue;
    if (def->getNumRegions() || def->getNumOperands() == 0 ||
        def->getName().getStringRef().starts_with("mil.random_"))
      return false;
    llvm::append_range(worklist, def->getOperands());
  }
  return true;
}

/// Checks rule 1 of spec 1.0 for every operand of `op`.
static LogicalResult verifyConstantInputs(Operation *op) {
  ArrayRef<MILInputInfo> table =
      *cast<MILDialect>(op->getDialect())
           ->getMILInputTable(op->getName().getStringRef());
  for (auto [info, start, length] : getMILInputOperandGroups(op, table))
    for (unsigned i = start, e = start + length; i < e; ++i)
      if (!isCompileTimeConstant(op->getOperand(i)))
        return op->emitOpError()
               << "input '" << StringRef(info->name).str()
               << "' must be const at compile time (a mil.const, a constexpr "
                  "result, or computed from them only)";
  return success();
}

/// The packed bytes of `attr` when they can be read (dense or resource).
static std::optional<ArrayRef<uint8_t>>
readPackedBytes(Attribute attr, std::vector<uint8_t> &storage, Location loc) {
  auto elements = dyn_cast_or_null<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  // Reading must not report anything: an unreadable value is simply unknown.
  ScopedDiagnosticHandler quiet(loc.getContext(),
                                [](Diagnostic &) { return success(); });
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(elements, storage, loc);
  if (failed(bytes))
    return std::nullopt;
  return *bytes;
}

/// The number of set bits among the first `numBits` of LSB-first `bytes`.
/// Masks of large weights are megabytes long and, without -mpopcnt,
/// llvm::popcount is a library call: whole words are counted by a SWAR
/// popcount into byte-wide counters (at most 8 per word, so 31 words fit a
/// byte), a loop the compiler vectorizes.
static uint64_t countSetBits(ArrayRef<uint8_t> bytes, uint64_t numBits) {
  uint64_t count = 0, fullBytes = std::min<uint64_t>(numBits / 8, bytes.size());
  uint64_t i = 0, wordBytes = fullBytes & ~uint64_t(7);
  while (i < wordBytes) {
    uint64_t stop = std::min(wordBytes, i + 8 * 31), counters = 0;
    for (; i < stop; i += 8) {
      uint64_t x;
      std::memcpy(&x, bytes.data() + i, 8);
      x -= (x >> 1) & 0x5555555555555555ull;
      x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
      counters += (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    }
    counters = (counters & 0x00FF00FF00FF00FFull) +
               ((counters >> 8) & 0x00FF00FF00FF00FFull);
    count += (counters * 0x0001000100010001ull) >> 48;
  }
  for (; i < fullBytes; ++i)
    count += llvm::popcount(static_cast<unsigned>(bytes[i]));
  if (numBits % 8 && fullBytes < bytes.size())
    count += llvm::popcount(
        static_cast<unsigned>(bytes[fullBytes] & ((1u << (numBits % 8)) - 1)));
  return count;
}

/// Spec 1.7 check 2: when the uint1 `mask` is a constant, its number of set
/// elements equals the length of `data` (named `dataName`).
static LogicalResult verifyMaskCount(Operation *op, Value mask, StringRef name,
                                     Value data, StringRef dataName) {
  auto maskType = dyn_cast<RankedTensorType>(mask.getType());
  auto dataType = dyn_cast<RankedTensorType>(data.getType());
  if (!maskType || !maskType.hasStaticShape() || !dataType ||
      dataType.isDynamicDim(0))
    return success();
  std::vector<uint8_t> storage;
  std::optional<ArrayRef<uint8_t>> bytes =
      readPackedBytes(getConstValue(mask), storage, op->getLoc());
  if (!bytes)
    return success();
  uint64_t ones = countSetBits(*bytes, maskType.getNumElements());
  if (ones != static_cast<uint64_t>(dataType.getDimSize(0)))
    return op->emitOpError()
           << "the number of 1s in '" << name << "' (" << ones
           << ") must equal the number of elements of '" << dataName << "' ("
           << dataType.getDimSize(0) << ")";
  return success();
}

/// Checks that `result` (named `name`) has element type `elem` (`elemWhat`
/// says where it comes from) and, when `shape` is given, a shape compatible
/// with it (`shapeWhat`).
static LogicalResult verifyResult(Operation *op, Value result, StringRef name,
                                  Type elem, StringRef elemWhat,
                                  std::optional<ArrayRef<int64_t>> shape,
                                  StringRef shapeWhat) {
  auto type = cast<ShapedType>(result.getType());
  if (elem && type.getElementType() != elem)
    return op->emitOpError() << "result '" << name << "' must have dtype "
                             << dtypeString(elem) << " (" << elemWhat
                             << "), got " << dtypeString(type.getElementType());
  if (shape && type.hasRank() &&
      failed(verifyCompatibleShape(type.getShape(), *shape)))
    return op->emitOpError()
           << "result '" << name << "' must have shape " << formatShape(*shape)
           << " (" << shapeWhat << "), got " << formatShape(type.getShape());
  return success();
}

/// `a % b == 0` for static dims (a zero `b` never divides).
static bool dimDivides(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
    return true;
  return b != 0 && a % b == 0;
}

/// Checks the iOS18 LUT parameters in the order of spec 1.6 for dense
/// indices of type `indicesType` (named `indicesName`) holding `nbitsElem`
/// indices (from `nbitsName`), and computes the de-palettized shape into
/// `denseShape` (left unset when it cannot be known) and the LUT's
/// VECTOR_SIZE.
static LogicalResult verifyLutParams(
    Operation *op, ShapedType indicesType, StringRef indicesName,
    Type nbitsElem, StringRef nbitsName, Value lut, Value vectorAxis,
    std::optional<SmallVector<int64_t>> &denseShape, int64_t &vectorSize) {
  vectorSize = ShapedType::kDynamic;
  auto lutType = dyn_cast<RankedTensorType>(lut.getType());
  if (!indicesType.hasRank())
    return success();
  int64_t rank = indicesType.getRank();
  if (rank < 1)
    return op->emitOpError()
           << "input '" << indicesName << "' must have rank >= 1, got a scalar";
  if (!lutType)
    return success();
  if (lutType.getRank() != rank + 2)
    return op->emitOpError()
           << "input 'lut' must have rank " << rank + 2 << " (2 more than '"
           << indicesName << "': [groups..., NUM_PALETTES, VECTOR_SIZE]), got "
           << lutType.getRank();
  for (int64_t k = 0; k < rank; ++k)
    if (!dimDivides(indicesType.getDimSize(k), lutType.getDimSize(k)))
      return op->emitOpError()
             << "dim " << k << " of '" << indicesName << "' ("
             << indicesType.getDimSize(k) << ") must be a multiple of dim " << k
             << " of 'lut' (" << lutType.getDimSize(k) << ")";
  unsigned nbits = nbitsElem.getIntOrFloatBitWidth();
  int64_t numPalettes = lutType.getDimSize(rank);
  if (!ShapedType::isDynamic(numPalettes)) {
    if (numPalettes <= 0 || !llvm::isPowerOf2_64(numPalettes))
      return op->emitOpError() << "input 'lut' must have 2^nbits palettes (dim "
                               << rank << "), got " << numPalettes;
    if (numPalettes != (int64_t(1) << nbits))
      return op->emitOpError()
             << "input 'lut' has " << numPalettes << " palettes (dim " << rank
             << "), so nbits is " << llvm::Log2_64(numPalettes) << " and '"
             << nbitsName << "' must be uint" << llvm::Log2_64(numPalettes)
             << ", got " << dtypeString(nbitsElem);
  }
  std::optional<int64_t> axis;
  if (vectorAxis) {
    auto axisType = cast<ShapedType>(vectorAxis.getType());
    if (axisType.hasRank() && axisType.getRank() != 0)
      return op->emitOpError()
             << "input 'vector_axis' must be a scalar, got a tensor of rank "
             << axisType.getRank();
    axis = getScalarInt(getConstValue(vectorAxis));
    if (axis && (*axis < -rank || *axis >= rank))
      return op->emitOpError()
             << "input 'vector_axis' must be in [" << -rank << ", " << rank
             << ") (the rank of '" << indicesName << "'), got " << *axis;
    if (axis && *axis < 0)
      *axis += rank;
  }
  vectorSize = lutType.getDimSize(rank + 1);
  if (!vectorAxis && vectorSize != 1) {
    if (!ShapedType::isDynamic(vectorSize))
      return op->emitOpError()
             << "requires input 'vector_axis' when the last dim of 'lut' "
                "(VECTOR_SIZE) is "
             << vectorSize << " > 1";
    return success();
  }
  SmallVector<int64_t> shape(indicesType.getShape());
  if (vectorSize != 1) {
    if (!axis)
      return success(); // Which dim grows is not known.
    int64_t &dim = shape[*axis];
    if (!ShapedType::isDynamic(dim))
      dim = ShapedType::isDynamic(vectorSize) ? ShapedType::kDynamic
                                              : dim * vectorSize;
  }
  denseShape = std::move(shape);
  return success();
}

/// Checks the iOS18 shift-scale parameters (spec 1.5) for dense data of type
/// `dataType` (named `dataName`) with dtype `dataElem`.
static LogicalResult verifyShiftScaleParams(Operation *op, ShapedType dataType,
                                            StringRef dataName, Type dataElem,
                                            Value scale, Value offset) {
  auto scaleType = cast<ShapedType>(scale.getType());
  if (dataType.hasRank() && scaleType.hasRank()) {
    if (dataType.getRank() != scaleType.getRank())
      return op->emitOpError()
             << "inputs '" << dataName << "' and 'scale' must have the same "
             << "rank, got " << dataType.getRank() << " vs "
             << scaleType.getRank();
    if (dataType.getRank() < 1)
      return op->emitOpError()
             << "input '" << dataName << "' must have rank >= 1, got a scalar";
    for (int64_t i = 0, e = dataType.getRank(); i < e; ++i)
      if (!dimDivides(dataType.getDimSize(i), scaleType.getDimSize(i)))
        return op->emitOpError()
               << "dim " << i << " of '" << dataName << "' ("
               << dataType.getDimSize(i) << ") must be a multiple of dim " << i
               << " of 'scale' (" << scaleType.getDimSize(i) << ")";
  } else if (dataType.hasRank() && dataType.getRank() < 1) {
    return op->emitOpError()
           << "input '" << dataName << "' must have rank >= 1, got a scalar";
  }
  if (!offset)
    return success();
  auto offsetType = cast<ShapedType>(offset.getType());
  if (failed(verifyCompatibleShape(offsetType, scaleType)))
    return op->emitOpError()
           << "input 'offset' must have the shape of 'scale' ("
           << formatShape(scaleType.getShape()) << "), got "
           << formatShape(offsetType.getShape());
  Type offsetElem = offsetType.getElementType();
  if (!isa<FloatType>(offsetElem) && offsetElem != dataElem)
    return op->emitOpError()
           << "input 'offset' must be fp16/fp32 or have the dtype of '"
           << (dataName == "data" ? "data" : "nonzero_data") << "' ("
           << dtypeString(dataElem) << "), got " << dtypeString(offsetElem);
  return success();
}

/// Checks that `v` (input `name`) is a vector.
static LogicalResult verifyVectorInput(Operation *op, Value v, StringRef name) {
  auto type = cast<ShapedType>(v.getType());
  if (type.hasRank() && type.getRank() != 1)
    return op->emitOpError()
           << "input '" << name << "' must have rank 1, got " << type.getRank();
  return success();
}

/// Checks that attribute `name` holds values whose dtype satisfies `ok`
/// (described by `domain`).
static LogicalResult verifyAttrDomain(Operation *op, ElementsAttr attr,
                                      StringRef name, StringRef domain,
                                      function_ref<bool(Type)> ok) {
  Type elem = attr.getShapedType().getElementType();
  if (!ok(elem))
    return op->emitOpError() << "attribute '" << name << "' must hold "
                             << domain << " values, got " << dtypeString(elem);
  return success();
}

/// Checks that attribute `name` is a vector.
static LogicalResult verifyVectorAttr(Operation *op, ElementsAttr attr,
                                      StringRef name) {
  int64_t rank = attr.getShapedType().getRank();
  if (rank != 1)
    return op->emitOpError()
           << "attribute '" << name << "' must have rank 1, got " << rank;
  return success();
}

static bool isUInt8(Type t) { return isUInt(t, 8); }
static bool isUInt32(Type t) { return isUInt(t, 32); }

static int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

//===----------------------------------------------------------------------===//
// constexpr_affine_dequantize
//===----------------------------------------------------------------------===//

LogicalResult ConstexprAffineDequantizeOp::verify() {
  if (failed(verifyOpset(*this, Form::Attributes, /*dual=*/false)))
    return failure();
  ShapedType data = getQuantizedData().getShapedType();
  ShapedType zeroPoint = getZeroPoint().getShapedType();
  ShapedType scale = getScale().getShapedType();
  Type dataElem = data.getElementType();
  if (!isUInt(dataElem, 8) && !isInt(dataElem, 8))
    return emitOpError() << "attribute 'quantized_data' must hold uint8 or "
                            "int8 values, got "
                         << dtypeString(dataElem);
  Type zpElem = zeroPoint.getElementType();
  if (!isUInt(zpElem, 8) && !isInt(zpElem, 8) && !zpElem.isF32())
    return emitOpError() << "attribute 'zero_point' must hold uint8, int8 or "
                            "fp32 values, got "
                         << dtypeString(zpElem);
  Type scaleElem = scale.getElementType();
  if (!scaleElem.isF16() && !scaleElem.isF32())
    return emitOpError()
           << "attribute 'scale' must hold fp16 or fp32 values, got "
           << dtypeString(scaleElem);
  int64_t rank = data.getRank();
  if (rank < 1)
    return emitOpError()
           << "attribute 'quantized_data' must have rank >= 1, got a scalar";
  ShapedType axisType = getAxis().getShapedType();
  if (!isInt(axisType.getElementType(), 32) || axisType.getRank() != 0)
    return emitOpError() << "attribute 'axis' must be an int32 scalar, got "
                         << axisType;
  std::optional<int64_t> axisValue = getScalarInt(getAxis());
  if (!axisValue)
    return success(); // A resource: the constexpr issue reads it.
  int64_t axis = *axisValue;
  if (axis < -rank || axis >= rank)
    return emitOpError() << "attribute 'axis' must be in [" << -rank << ", "
                         << rank << ") (the rank of 'quantized_data'), got "
                         << axis;
  if (axis < 0)
    axis += rank;
  std::pair<ShapedType, const char *> params[] = {{scale, "scale"},
                                                  {zeroPoint, "zero_point"}};
  for (auto [param, name] : params)
    if (param.getRank() > 1)
      return emitOpError() << "attribute '" << name
                           << "' must be a scalar or a vector, got rank "
                           << param.getRank();
  for (auto [param, name] : params)
    if (param.getRank() == 1 && param.getDimSize(0) != data.getDimSize(axis))
      return emitOpError() << "attribute '" << name
                           << "' as a vector must have "
                           << data.getDimSize(axis)
                           << " elements (dim 'axis' of 'quantized_data'), got "
                           << param.getDimSize(0);
  return verifyResult(*this, getOutput(), "output", scaleElem,
                      "the dtype of 'scale'", data.getShape(),
                      "the shape of 'quantized_data'");
}

//===----------------------------------------------------------------------===//
// constexpr_cast
//===----------------------------------------------------------------------===//

LogicalResult ConstexprCastOp::verify() {
  FailureOr<Form> form =
      verifyDualForm(*this,
                     {{"source_val", getSourceValAttr() != nullptr},
                      {"output_dtype", getOutputDtypeAttr() != nullptr}},
                     {{"source_val", getSourceValInput() != nullptr},
                      {"output_dtype", getOutputDtypeInput() != nullptr}});
  if (failed(form))
    return failure();
  std::optional<StringRef> dtype;
  ShapedType source;
  if (*form == Form::Attributes) {
    source = getSourceValAttr().getShapedType();
    if (!source.getElementType().isF16())
      return emitOpError()
             << "attribute 'source_val' must hold fp16 values, got "
             << dtypeString(source.getElementType());
    ShapedType dtypeType = getOutputDtypeAttr().getShapedType();
    if (!isa<StringType>(dtypeType.getElementType()) ||
        dtypeType.getRank() != 0)
      return emitOpError()
             << "attribute 'output_dtype' must be a string scalar, got "
             << dtypeType;
    dtype = getScalarString(getOutputDtypeAttr());
  } else {
    source = cast<ShapedType>(getSourceValInput().getType());
    dtype = getScalarString(getConstValue(getOutputDtypeInput()));
  }
  if (dtype && *dtype != "fp32")
    return emitOpError() << "parameter 'output_dtype' must be \"fp32\" (the "
                            "only supported output dtype), got \""
                         << *dtype << "\"";
  std::optional<ArrayRef<int64_t>> shape;
  if (source.hasRank())
    shape = source.getShape();
  return verifyResult(*this, getOutput(), "output", nullptr, "", shape,
                      "the shape of 'source_val'");
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense
//===----------------------------------------------------------------------===//

LogicalResult ConstexprLutToDenseOp::verify() {
  FailureOr<Form> form =
      verifyDualForm(*this,
                     {{"indices", getIndicesAttr() != nullptr},
                      {"lut", getLutAttr() != nullptr},
                      {"shape", getShapeAttr() != nullptr}},
                     {{"indices", getIndicesInput() != nullptr},
                      {"lut", getLutInput() != nullptr},
                      {"vector_axis", getVectorAxis() != nullptr,
                       /*required=*/false}});
  if (failed(form))
    return failure();

  if (*form == Form::Operands) {
    auto indices = cast<ShapedType>(getIndicesInput().getType());
    std::optional<SmallVector<int64_t>> shape;
    int64_t vectorSize;
    if (failed(verifyLutParams(
            *this, indices, "indices", indices.getElementType(), "indices",
            getLutInput(), getVectorAxis(), shape, vectorSize)))
      return failure();
    std::optional<ArrayRef<int64_t>> expected;
    if (shape)
      expected = *shape;
    return verifyResult(
        *this, getOutput(), "output",
        getElementTypeOrSelf(getLutInput().getType()), "the dtype of 'lut'",
        expected,
        "the shape of 'indices', with dim 'vector_axis' times VECTOR_SIZE");
  }

  ElementsAttr indices = *getIndices(), lut = *getLut(), shape = *getShape();
  if (failed(verifyAttrDomain(*this, indices, "indices", "uint8 (packed)",
                              isUInt8)) ||
      failed(verifyAttrDomain(*this, lut, "lut", "uint8, int8, fp16 or fp32",
                              isLutElem)) ||
      failed(verifyAttrDomain(*this, shape, "shape", "uint32", isUInt32)) ||
      failed(verifyVectorAttr(*this, indices, "indices")) ||
      failed(verifyVectorAttr(*this, lut, "lut")))
    return failure();
  int64_t numPalettes = lut.getShapedType().getDimSize(0);
  if (!llvm::is_contained({2, 4, 16, 64, 256}, numPalettes))
    return emitOpError() << "attribute 'lut' must have 2, 4, 16, 64 or 256 "
                            "entries, got "
                         << numPalettes;
  if (failed(verifyVectorAttr(*this, shape, "shape")))
    return failure();
  Type lutElem = lut.getShapedType().getElementType();
  std::optional<SmallVector<int64_t>> outShape = getShapeValues(shape);
  if (outShape) {
    int64_t nbits = llvm::Log2_64(numPalettes);
    int64_t bytes = (nbits * product(*outShape) + 7) / 8;
    int64_t m = indices.getShapedType().getDimSize(0);
    if (m != bytes)
      return emitOpError()
             << "attribute 'indices' must hold ceil(nbits * prod(shape) / 8) "
                "= "
             << bytes << " bytes for " << nbits << "-bit indices, got " << m;
  }
  std::optional<ArrayRef<int64_t>> expected;
  if (outShape)
    expected = *outShape;
  return verifyResult(*this, getOutput(), "output", lutElem,
                      "the dtype of 'lut'", expected,
                      "the value of attribute 'shape'");
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense
//===----------------------------------------------------------------------===//

LogicalResult ConstexprSparseToDenseOp::verify() {
  FailureOr<Form> form =
      verifyDualForm(*this,
                     {{"nonzero_data", getNonzeroDataAttr() != nullptr},
                      {"mask", getMaskAttr() != nullptr},
                      {"shape", getShapeAttr() != nullptr}},
                     {{"nonzero_data", getNonzeroDataInput() != nullptr},
                      {"mask", getMaskInput() != nullptr}});
  if (failed(form))
    return failure();

  if (*form == Form::Operands) {
    if (failed(
            verifyVectorInput(*this, getNonzeroDataInput(), "nonzero_data")) ||
        failed(verifyMaskCount(*this, getMaskInput(), "mask",
                               getNonzeroDataInput(), "nonzero_data")))
      return failure();
    auto mask = cast<ShapedType>(getMaskInput().getType());
    std::optional<ArrayRef<int64_t>> expected;
    if (mask.hasRank())
      expected = mask.getShape();
    return verifyResult(*this, getOutput(), "output",
                        getElementTypeOrSelf(getNonzeroDataInput().getType()),
                        "the dtype of 'nonzero_data'", expected,
                        "the shape of 'mask'");
  }

  ElementsAttr data = *getNonzeroData(), mask = *getMask(), shape = *getShape();
  if (failed(verifyAttrDomain(*this, data, "nonzero_data",
                              "uint8, int8, fp16 or fp32", isLutElem)) ||
      failed(verifyAttrDomain(*this, mask, "mask", "uint8 (packed bits)",
                              isUInt8)) ||
      failed(verifyAttrDomain(*this, shape, "shape", "uint32", isUInt32)) ||
      failed(verifyVectorAttr(*this, data, "nonzero_data")) ||
      failed(verifyVectorAttr(*this, mask, "mask")) ||
      failed(verifyVectorAttr(*this, shape, "shape")))
    return failure();
  std::vector<uint8_t> storage;
  std::optional<ArrayRef<uint8_t>> maskBytes =
      readPackedBytes(mask, storage, getLoc());
  int64_t numData = data.getShapedType().getDimSize(0);
  if (maskBytes) {
    uint64_t ones = countSetBits(*maskBytes, uint64_t(maskBytes->size()) * 8);
    if (ones != static_cast<uint64_t>(numData))
      return emitOpError() << "the number of set bits in attribute 'mask' ("
                           << ones
                           << ") must equal the number of elements of "
                              "attribute 'nonzero_data' ("
                           << numData << ")";
  }
  std::optional<SmallVector<int64_t>> outShape = getShapeValues(shape);
  if (outShape) {
    int64_t count = product(*outShape);
    int64_t bytes = (count + 7) / 8;
    int64_t m = mask.getShapedType().getDimSize(0);
    if (m != bytes)
      return emitOpError()
             << "attribute 'mask' must hold ceil(prod(shape) / 8) = " << bytes
             << " bytes, got " << m;
    if (maskBytes && count % 8 && ((*maskBytes)[bytes - 1] >> (count % 8)) != 0)
      return emitOpError() << "the padding bits of attribute 'mask' (bits "
                           << count << " to " << bytes * 8 - 1 << ") must be 0";
  }
  std::optional<ArrayRef<int64_t>> expected;
  if (outShape)
    expected = *outShape;
  return verifyResult(*this, getOutput(), "output",
                      data.getShapedType().getElementType(),
                      "the dtype of 'nonzero_data'", expected,
                      "the value of attribute 'shape'");
}

//===----------------------------------------------------------------------===//
// constexpr_blockwise_shift_scale
//===----------------------------------------------------------------------===//

LogicalResult ConstexprBlockwiseShiftScaleOp::verify() {
  if (failed(verifyOpset(*this, Form::Operands, /*dual=*/false)))
    return failure();
  auto data = cast<ShapedType>(getData().getType());
  if (failed(verifyShiftScaleParams(*this, data, "data", data.getElementType(),
                                    getScale(), getOffset())))
    return failure();
  std::optional<ArrayRef<int64_t>> expected;
  if (data.hasRank())
    expected = data.getShape();
  return verifyResult(*this, getOutput(), "output",
                      getElementTypeOrSelf(getScale().getType()),
                      "the dtype of 'scale'", expected, "the shape of 'data'");
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_sparse
//===----------------------------------------------------------------------===//

LogicalResult ConstexprLutToSparseOp::verify() {
  if (failed(verifyOpset(*this, Form::Operands, /*dual=*/false)) ||
      failed(verifyVectorInput(*this, getIndicesNonzeroData(),
                               "indices_nonzero_data")) ||
      failed(verifyMaskCount(*this, getIndicesMask(), "indices_mask",
                             getIndicesNonzeroData(), "indices_nonzero_data")))
    return failure();
  auto mask = cast<ShapedType>(getIndicesMask().getType());
  auto data = cast<ShapedType>(getIndicesNonzeroData().getType());
  std::optional<SmallVector<int64_t>> maskShape;
  int64_t vectorSize;
  if (failed(verifyLutParams(*this, mask, "indices_mask", data.getElementType(),
                             "indices_nonzero_data", getLut(), getVectorAxis(),
                             maskShape, vectorSize)))
    return failure();
  std::optional<ArrayRef<int64_t>> expectedMask;
  if (maskShape)
    expectedMask = *maskShape;
  if (failed(verifyResult(*this, getOutputMask(), "output_mask", nullptr, "",
                          expectedMask,
                          "the shape of 'indices_mask', with dim "
                          "'vector_axis' times VECTOR_SIZE")))
    return failure();
  std::optional<SmallVector<int64_t>> dataShape;
  if (data.hasRank()) {
    int64_t d = data.getDimSize(0);
    dataShape = SmallVector<int64_t>{ShapedType::isDynamic(d) ||
                                             ShapedType::isDynamic(vectorSize)
                                         ? ShapedType::kDynamic
                                         : d * vectorSize};
  }
  std::optional<ArrayRef<int64_t>> expectedData;
  if (dataShape)
    expectedData = *dataShape;
  return verifyResult(*this, getOutputNonzeroData(), "output_nonzero_data",
                      getElementTypeOrSelf(getLut().getType()),
                      "the dtype of 'lut'", expectedData,
                      "the length of 'indices_nonzero_data' times "
                      "VECTOR_SIZE");
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_blockwise_shift_scale
//===----------------------------------------------------------------------===//

LogicalResult ConstexprSparseBlockwiseShiftScaleOp::verify() {
  if (failed(verifyOpset(*this, Form::Operands, /*dual=*/false)) ||
      failed(verifyVectorInput(*this, getNonzeroData(), "nonzero_data")) ||
      failed(verifyMaskCount(*this, getDataMask(), "data_mask",
                             getNonzeroData(), "nonzero_data")))
    return failure();
  auto mask = cast<ShapedType>(getDataMask().getType());
  auto data = cast<ShapedType>(getNonzeroData().getType());
  if (failed(verifyShiftScaleParams(*this, mask, "data_mask",
                                    data.getElementType(), getScale(),
                                    getOffset())))
    return failure();
  std::optional<ArrayRef<int64_t>> expectedMask, expectedData;
  if (mask.hasRank())
    expectedMask = mask.getShape();
  if (data.hasRank())
    expectedData = data.getShape();
  if (failed(verifyResult(*this, getOutputMask(), "output_mask", nullptr, "",
                          expectedMask, "the shape of 'data_mask'")))
    return failure();
  return verifyResult(*this, getOutputNonzeroData(), "output_nonzero_data",
                      getElementTypeOrSelf(getScale().getType()),
                      "the dtype of 'scale'", expectedData,
                      "the shape of 'nonzero_data'");
}

void mil::detail::registerConstexprOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ConstexprOps.cpp.inc"
      >();
}
