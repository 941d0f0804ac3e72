//===- MILDialect.cpp - the mil dialect -------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/MILTypes.h"

#include "FamilyRegistration.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace mil;

#include "mil/Dialect/MILDialect.cpp.inc"

void MILDialect::initialize() {
  registerTypes();
#define MIL_FAMILY(Name) detail::register##Name##Ops(*this);
#include "MILFamilies.def"
}

LogicalResult MILDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() == kDefaultFunctionAttr) {
    auto module = dyn_cast<ModuleOp>(op);
    if (!module)
      return op->emitError()
             << "'" << kDefaultFunctionAttr << "' is only valid on a module";
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name)
      return op->emitError() << "'" << kDefaultFunctionAttr
                             << "' must be a string naming a function";
    if (!module.lookupSymbol<FunctionOp>(name))
      return op->emitError() << "default function '" << name.getValue()
                             << "' is not a mil.function of this module";
    return success();
  }
  // The translator mirrors the parts of the model file the dialect does not
  // model (see mil/Translate/Translate.h).
  if (attr.getName() == kModelAttr || attr.getName() == kProgramAttr) {
    if (!isa<ModuleOp>(op) || !isa<DictionaryAttr>(attr.getValue()))
      return op->emitError() << "'" << attr.getName().getValue()
                             << "' must be a dictionary on a module";
    return success();
  }
  // A pipeline model: the module of the pipeline, a sub-model kept as its
  // serialized bytes, the weight file a sub-program's blobs live in.
  if (attr.getName() == "mil.pipeline" ||
      attr.getName() == "mil.serialized_model" ||
      attr.getName() == "mil.weight_file") {
    bool unit = attr.getName() == "mil.pipeline";
    if (!isa<ModuleOp>(op) || (unit ? !isa<UnitAttr>(attr.getValue())
                                    : !isa<StringAttr>(attr.getValue())))
      return op->emitError()
             << "'" << attr.getName().getValue() << "' must be "
             << (unit ? "a unit" : "a string") << " attribute on a module";
    return success();
  }
  if (attr.getName() == kErrorStatsAttr) {
    auto stats = dyn_cast<mlir::DenseF64ArrayAttr>(attr.getValue());
    if (!stats || stats.size() != 3)
      return op->emitError()
             << "'" << kErrorStatsAttr << "' must be an array of three f64";
    return success();
  }
  return op->emitError() << "unknown mil attribute '"
                         << attr.getName().getValue() << "'";
}

StringRef mil::getMILOpName(Operation *op) {
  if (auto name = op->getAttrOfType<StringAttr>(MILDialect::kNameAttr))
    return name.getValue();
  return {};
}

std::string mil::getMILResultName(OpResult result) {
  Operation *op = result.getOwner();
  unsigned i = result.getResultNumber();
  if (auto outputs = op->getAttrOfType<ArrayAttr>(MILDialect::kOutputsAttr)) {
    if (i < outputs.size())
      if (auto str = dyn_cast<StringAttr>(outputs[i]))
        return str.str();
    return {};
  }
  StringRef name = getMILOpName(op);
  if (name.empty() || op->getNumResults() == 1)
    return name.str();
  return (name + "_" + Twine(i)).str();
}

void mil::setMILResultNames(Operation *op, OpAsmSetValueNameFn setName) {
  for (OpResult result : op->getResults())
    if (std::string name = getMILResultName(result); !name.empty())
      setName(result, name);
}

SmallVector<std::pair<unsigned, unsigned>>
mil::getMILInputOperandRanges(Operation *op, ArrayRef<MILInputInfo> table) {
  SmallVector<int32_t> sizes;
  if (auto segments = dyn_cast_or_null<DenseI32ArrayAttr>(
          op->getInherentAttr("operandSegmentSizes").value_or(Attribute()))) {
    sizes.assign(segments.asArrayRef().begin(), segments.asArrayRef().end());
  } else {
    // At most one optional or variadic input: it takes what is left.
    unsigned required = 0;
    for (const MILInputInfo &input : table)
      required += input.kind == MILInputKind::Required;
    for (const MILInputInfo &input : table) {
      if (input.kind == MILInputKind::Attribute)
        continue;
      sizes.push_back(input.kind == MILInputKind::Required
                          ? 1
                          : op->getNumOperands() - required);
    }
  }
  SmallVector<std::pair<unsigned, unsigned>> ranges;
  unsigned start = 0;
  for (int32_t size : sizes) {
    ranges.emplace_back(start, size);
    start += size;
  }
  return ranges;
}

SmallVector<MILInputOperands>
mil::getMILInputOperandGroups(Operation *op, ArrayRef<MILInputInfo> table) {
  SmallVector<std::pair<unsigned, unsigned>> ranges =
      getMILInputOperandRanges(op, table);
  SmallVector<MILInputOperands> groups;
  for (const MILInputInfo &input : table) {
    if (input.kind == MILInputKind::Attribute)
      continue;
    if (groups.size() == ranges.size())
      break;
    auto [start, length] = ranges[groups.size()];
    groups.push_back({&input, start, length});
  }
  return groups;
}

FailureOr<Operation *>
mil::buildMILOp(OpBuilder &builder, Location loc, StringRef opType,
                ArrayRef<MILInput> inputs, TypeRange resultTypes,
                ArrayRef<NamedAttribute> attrs, unsigned numRegions) {
  auto *dialect = builder.getContext()->getOrLoadDialect<MILDialect>();
  std::string name = ("mil." + opType).str();
  std::optional<ArrayRef<MILInputInfo>> table = dialect->getMILInputTable(name);
  if (!table)
    return emitError(loc) << "'" << opType << "' is not a MIL op type";
  OperationState state(loc, name);
  SmallVector<int32_t> segments;
  unsigned numVariable = 0;
  unsigned used = 0;
  for (const MILInputInfo &info : *table) {
    if (info.kind == MILInputKind::Attribute)
      continue;
    numVariable += info.kind != MILInputKind::Required;
    const MILInput *input = llvm::find_if(
        inputs, [&](const MILInput &in) { return in.name == info.name; });
    if (input == inputs.end()) {
      if (info.kind == MILInputKind::Required)
        return emitError(loc)
               << "'" << opType << "' needs its input '" << info.name << "'";
      segments.push_back(0);
      continue;
    }
    ++used;
    if (info.kind != MILInputKind::Variadic && input->values.size() != 1)
      return emitError(loc)
             << "input '" << info.name << "' of '" << opType
             << "' takes one value, got " << input->values.size();
    state.addOperands(input->values);
    segments.push_back(input->values.size());
  }
  if (used != inputs.size()) {
    for (const MILInput &input : inputs)
      if (llvm::none_of(*table, [&](const MILInputInfo &info) {
            return info.name == input.name &&
                   info.kind != MILInputKind::Attribute;
          }))
        return emitError(loc)
               << "'" << opType << "' has no input '" << input.name << "'";
  }
  // Mirrors MIL_Op: more than one optional/variadic input needs segments.
  if (numVariable > 1)
    state.addAttribute("operandSegmentSizes",
                       builder.getDenseI32ArrayAttr(segments));
  state.addTypes(resultTypes);
  state.addAttributes(attrs);
  for (unsigned i = 0; i < numRegions; ++i)
    state.addRegion();
  return builder.create(state);
}
