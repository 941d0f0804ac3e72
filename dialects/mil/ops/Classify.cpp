//===- Classify.cpp - MIL Classify ops ---------------------------*- C++
//-*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"

using namespace mlir;
using namespace mil;

#define GET_OP_CLASSES
#include "mil/Dialect/ClassifyOps.cpp.inc"

/// Whether `type` is a MIL int64 or string scalar (a rank-0 tensor).
static bool isClassScalar(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() != 0)
    return false;
  Type elem = tensor.getElementType();
  return elem.isSignlessInteger(64) || isa<StringType>(elem);
}

LogicalResult ClassifyOp::verify() {
  auto classes = cast<ListType>(getClasses().getType());
  Type classType = classes.getElementType();
  if (!isClassScalar(classType))
    return emitOpError() << "input 'classes' must be a list of int64 or "
                            "string scalars, got "
                         << classes;
  if (getClassLabel().getType() != classType)
    return emitOpError() << "result 'class_label' must have the element type "
                            "of 'classes' ("
                         << classType << "), got " << getClassLabel().getType();
  auto dict = cast<DictType>(getClassProbabilities().getType());
  auto f64Scalar = RankedTensorType::get({}, Float64Type::get(getContext()));
  if (dict.getKeyType() != classType || dict.getValueType() != f64Scalar)
    return emitOpError() << "result 'class_probabilities' must be "
                         << DictType::get(getContext(), classType, f64Scalar)
                         << ", got " << dict;
  auto probs = dyn_cast<RankedTensorType>(getProbabilities().getType());
  if (probs && probs.hasStaticShape() && classes.getLength() >= 0 &&
      probs.getNumElements() != classes.getLength())
    return emitOpError() << "input 'probabilities' must have one element per "
                            "class ("
                         << classes.getLength() << "), got "
                         << probs.getNumElements();
  return success();
}

void mil::detail::registerClassifyOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/ClassifyOps.cpp.inc"
      >();
}
