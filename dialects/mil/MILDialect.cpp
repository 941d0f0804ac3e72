//===- MILDialect.cpp - the mil dialect -------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/MILTypes.h"

#include "FamilyRegistration.h"

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
      return op->emitError() << "'" << kDefaultFunctionAttr
                             << "' is only valid on a module";
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name)
      return op->emitError() << "'" << kDefaultFunctionAttr
                             << "' must be a string naming a function";
    if (!module.lookupSymbol<FunctionOp>(name))
      return op->emitError() << "default function '" << name.getValue()
                             << "' is not a mil.function of this module";
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

void mil::setMILResultNames(Operation *op, OpAsmSetValueNameFn setName) {
  if (op->getNumResults() == 0)
    return;
  if (auto outputs = op->getAttrOfType<ArrayAttr>(MILDialect::kOutputsAttr)) {
    for (auto [result, name] : llvm::zip(op->getResults(), outputs))
      if (auto str = dyn_cast<StringAttr>(name); str && !str.empty())
        setName(result, str.getValue());
    return;
  }
  StringRef name = getMILOpName(op);
  if (name.empty())
    return;
  if (op->getNumResults() == 1) {
    setName(op->getResult(0), name);
    return;
  }
  for (OpResult result : op->getResults())
    setName(result, (name + "_" + Twine(result.getResultNumber())).str());
}
