//===- Core.cpp - functions, const, return, generic op ----------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/CoreOps.cpp.inc"

void mil::detail::registerCoreOps(MILDialect &dialect) {
  dialect.addStructuralOps<
#define GET_OP_LIST
#include "mil/Dialect/CoreOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// FunctionOp
//===----------------------------------------------------------------------===//

unsigned mil::getOpsetVersion(StringRef opset) {
  unsigned version;
  if (!opset.consume_front("CoreML") || opset.getAsInteger(10, version) ||
      version < 5 || version > 9)
    return 0;
  return version;
}

unsigned mil::getEnclosingOpsetVersion(Operation *op) {
  auto fn = op->getParentOfType<FunctionOp>();
  return fn ? getOpsetVersion(fn.getOpset()) : 0;
}

void FunctionOp::build(OpBuilder &builder, OperationState &state,
                       StringRef name, FunctionType type, StringRef opset) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  state.addAttribute(getOpsetAttrName(state.name),
                     builder.getStringAttr(opset));
  state.addRegion();
}

ParseResult FunctionOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildFuncType =
      [](Builder &builder, ArrayRef<Type> argTypes, ArrayRef<Type> results,
         function_interface_impl::VariadicFlag,
         std::string &) { return builder.getFunctionType(argTypes, results); };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false,
      getFunctionTypeAttrName(result.name), buildFuncType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FunctionOp::print(OpAsmPrinter &p) {
  function_interface_impl::printFunctionOp(
      p, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

StringRef FunctionOp::getInputName(unsigned i) {
  std::optional<ArrayAttr> names = getInputNames();
  if (!names || i >= names->size())
    return {};
  return cast<StringAttr>((*names)[i]).getValue();
}

void FunctionOp::getAsmBlockArgumentNames(Region &region,
                                          OpAsmSetValueNameFn setNameFn) {
  if (&region != &getBody() || region.empty())
    return;
  for (BlockArgument arg : region.front().getArguments())
    if (StringRef name = getInputName(arg.getArgNumber()); !name.empty())
      setNameFn(arg, name);
}

LogicalResult FunctionOp::verify() {
  if (!getOpsetVersion(getOpset()))
    return emitOpError() << "has unknown opset '" << getOpset()
                         << "' (expected one of CoreML5 .. CoreML9)";
  FunctionType type = getFunctionType();
  for (auto [i, input] : llvm::enumerate(type.getInputs()))
    if (!isa<TensorType, StateType>(input) || !isMILValueType(input))
      return emitOpError() << "input #" << i << " has type " << input
                           << ", but a MIL function input must be a tensor "
                              "of a MIL element type or a state";
  for (auto [i, output] : llvm::enumerate(type.getResults()))
    if (!isMILValueType(output))
      return emitOpError() << "output #" << i << " has type " << output
                           << ", which is not a MIL value type";
  if (std::optional<ArrayAttr> names = getInputNames()) {
    if (names->size() != type.getNumInputs())
      return emitOpError() << "has " << names->size() << " input names for "
                           << type.getNumInputs() << " inputs";
    llvm::StringSet<> seen;
    for (Attribute name : *names) {
      StringRef str = cast<StringAttr>(name).getValue();
      if (str.empty())
        return emitOpError() << "has an empty input name";
      if (!seen.insert(str).second)
        return emitOpError() << "has duplicate input name '" << str << "'";
    }
  }
  if (getBody().empty())
    return emitOpError() << "must have a body";
  // An empty block has no terminator to ask for (the parser allows one).
  Block &entry = getBody().front();
  auto ret = entry.mightHaveTerminator()
                 ? dyn_cast<ReturnOp>(entry.getTerminator())
                 : ReturnOp();
  if (!ret)
    return emitOpError() << "body must end with mil.return";
  if (ret.getOutputs().getTypes() != type.getResults())
    return ret.emitOpError()
           << "returns (" << ret.getOutputs().getTypes()
           << ") but the enclosing function declares outputs ("
           << type.getResults() << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

// `mil.const <attr> [: type] attr-dict`: the type is spelled only when the
// value attribute does not carry it (lists, tuples, dictionaries).
ParseResult ConstOp::parse(OpAsmParser &parser, OperationState &result) {
  Attribute val;
  if (parser.parseAttribute(val))
    return failure();
  Type type;
  if (succeeded(parser.parseOptionalColon())) {
    if (parser.parseType(type))
      return failure();
  } else if (auto typed = dyn_cast<TypedAttr>(val)) {
    type = typed.getType();
  } else {
    return parser.emitError(parser.getCurrentLocation())
           << "expected ':' and the MIL type of an untyped constant";
  }
  result.addAttribute(getValAttrName(result.name), val);
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  result.addTypes(type);
  return success();
}

void ConstOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printAttribute(getVal());
  auto typed = dyn_cast<TypedAttr>(getVal());
  if (!typed || typed.getType() != getType())
    p << " : " << getType();
  p.printOptionalAttrDict((*this)->getAttrs(), {getValAttrName()});
}

/// Bytes a dense tensor of `type` takes with sub-byte elements packed.
static uint64_t packedByteSize(ShapedType type) {
  unsigned bits = getMILElementBitWidth(type.getElementType());
  return (uint64_t(type.getNumElements()) * bits + 7) / 8;
}

LogicalResult ConstOp::verify() {
  Type type = getType();
  if (auto elements = dyn_cast<ElementsAttr>(getVal())) {
    auto tensor = dyn_cast<TensorType>(type);
    if (!tensor || !tensor.hasStaticShape())
      return emitOpError() << "must have a statically shaped tensor type, got "
                           << type;
    if (elements.getType() != type)
      return emitOpError() << "value has type " << elements.getType()
                           << " but the result has type " << type;
    if (!isMILElementType(tensor.getElementType()))
      return emitOpError() << "element type " << tensor.getElementType()
                           << " is not a MIL dtype";
    // A resource blob holds the raw (packed) bytes; its size must match.
    if (auto resource = dyn_cast<DenseResourceElementsAttr>(elements)) {
      if (AsmResourceBlob *blob = resource.getRawHandle().getBlob()) {
        uint64_t expected = packedByteSize(tensor);
        if (blob->getData().size() != expected)
          return emitOpError()
                 << "resource '" << resource.getRawHandle().getKey()
                 << "' holds " << blob->getData().size() << " bytes but "
                 << type << " needs " << expected;
      }
    }
    return success();
  }
  if (isa<TypedAttr>(getVal()))
    return emitOpError() << "value " << getVal()
                         << " is neither a tensor constant nor a "
                            "list/tuple/dict constant";
  if (!isa<ListType, TupleType, DictType>(type))
    return emitOpError() << "an untyped value needs a list, tuple or dict "
                            "type, got "
                         << type;
  if (!isa<ArrayAttr, DictionaryAttr>(getVal()))
    return emitOpError() << "a list, tuple or dict constant must be an "
                            "array or dictionary attribute";
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor) { return getVal(); }

void ConstOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setMILResultNames(getOperation(), setNameFn);
}

//===----------------------------------------------------------------------===//
// GenericOp
//===----------------------------------------------------------------------===//

OperandRange GenericOp::getInput(StringRef name) {
  unsigned start = 0;
  ArrayRef<int32_t> sizes = getInputSizes();
  for (auto [i, inputName] : llvm::enumerate(getInputNames())) {
    if (cast<StringAttr>(inputName).getValue() == name)
      return getInputs().slice(start, sizes[i]);
    start += sizes[i];
  }
  return getInputs().slice(0, 0);
}

// `mil.generic "type" name(%v) tuple(%a, %b) ({...}, ...) attr-dict
//     : (types) -> types`, the inputs written as MIL ops write theirs.
ParseResult GenericOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &b = parser.getBuilder();
  std::string opType;
  if (parser.parseString(&opType))
    return failure();
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SmallVector<Attribute> names;
  SmallVector<int32_t> sizes;
  // Inputs run until the region list, the attributes or the type.
  std::string name;
  while (succeeded(parser.parseOptionalKeywordOrString(&name))) {
    names.push_back(b.getStringAttr(name));
    size_t before = operands.size();
    if (parser.parseOperandList(operands, AsmParser::Delimiter::Paren))
      return failure();
    sizes.push_back(operands.size() - before);
  }
  if (succeeded(parser.parseOptionalLParen())) {
    do {
      if (parser.parseRegion(*result.addRegion()))
        return failure();
    } while (succeeded(parser.parseOptionalComma()));
    if (parser.parseRParen())
      return failure();
  }
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  FunctionType type;
  SMLoc typeLoc = parser.getCurrentLocation();
  if (parser.parseColonType(type) ||
      parser.resolveOperands(operands, type.getInputs(), typeLoc,
                             result.operands))
    return failure();
  result.addTypes(type.getResults());
  result.addAttribute(getOpTypeAttrName(result.name), b.getStringAttr(opType));
  result.addAttribute(getInputNamesAttrName(result.name),
                      b.getArrayAttr(names));
  result.addAttribute(getInputSizesAttrName(result.name),
                      b.getDenseI32ArrayAttr(sizes));
  return success();
}

void GenericOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printString(getOpType());
  unsigned start = 0;
  ArrayRef<int32_t> sizes = getInputSizes();
  for (auto [i, name] : llvm::enumerate(getInputNames())) {
    p << ' ';
    p.printKeywordOrString(cast<StringAttr>(name).getValue());
    p << '(' << getInputs().slice(start, sizes[i]) << ')';
    start += sizes[i];
  }
  if (!getBlocks().empty()) {
    p << " (";
    llvm::interleaveComma(getBlocks(), p, [&](Region &region) {
      p.printRegion(region, /*printEntryBlockArgs=*/true,
                    /*printBlockTerminators=*/true);
    });
    p << ')';
  }
  p.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getOpTypeAttrName(), getInputNamesAttrName(), getInputSizesAttrName()});
  p << " : ";
  p.printFunctionalType(getInputs().getTypes(), getResultTypes());
}

LogicalResult GenericOp::verify() {
  if (getOpType().empty())
    return emitOpError() << "needs a non-empty op type";
  ArrayRef<int32_t> sizes = getInputSizes();
  if (sizes.size() != getInputNames().size())
    return emitOpError() << "has " << getInputNames().size()
                         << " input names but " << sizes.size()
                         << " input sizes";
  int64_t total = 0;
  llvm::StringSet<> seen;
  for (auto [name, size] : llvm::zip(getInputNames(), sizes)) {
    StringRef str = cast<StringAttr>(name).getValue();
    if (str.empty())
      return emitOpError() << "has an empty input name";
    if (!seen.insert(str).second)
      return emitOpError() << "binds input '" << str << "' twice";
    if (size < 1)
      return emitOpError() << "binds no value to input '" << str << "'";
    total += size;
  }
  if (total != static_cast<int64_t>(getInputs().size()))
    return emitOpError() << "input sizes add up to " << total
                         << " but the op has " << getInputs().size()
                         << " operands";
  return success();
}

void GenericOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setMILResultNames(getOperation(), setNameFn);
}
