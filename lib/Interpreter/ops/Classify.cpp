//===- Classify.cpp - classify
//---------------------------------------------===//
//
// Part of mil-mlir. The classifier outputs: the label of the largest
// probability (the first on ties) and the dict from each class to its
// probability (fp64). As an output of a run, the dict gives its values in
// the order of `classes`.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

using namespace mlir;
using namespace mil::interp;

namespace {

LogicalResult classify(OpContext &ctx) {
  const Tensor &probs = ctx.in("probabilities");
  const RtValue *classes = ctx.value("classes");
  if (ctx.failed())
    return failure();
  if (!classes || classes->kind != RtValue::Kind::List || !classes->list)
    return ctx.error("classes must be a list");
  const std::vector<Tensor> &elems = classes->list->elements;
  int64_t k = elems.size();
  if (probs.numElements() != k)
    return ctx.error("probabilities has " + Twine(probs.numElements()) +
                     " elements for " + Twine(k) + " classes");
  if (k == 0)
    return ctx.error("classes is empty");
  bool isString = elems[0].dtype() == DType::String;
  std::vector<std::string> names;
  std::vector<int64_t> ids;
  for (const Tensor &e : elems) {
    if (e.numElements() != 1 || (e.dtype() == DType::String) != isString)
      return ctx.error("classes must hold scalars of one type");
    if (isString)
      names.push_back(e.strings()[0]);
    else
      ids.push_back(e.getInt(0));
  }
  std::vector<double> p = probs.toDoubles();
  int64_t best = 0;
  for (int64_t i = 1; i < k; ++i)
    if (p[i] > p[best])
      best = i;
  auto dict = std::make_shared<DictValue>();
  dict->values = Tensor::fromDoubles(DType::Float64, {k}, p);
  if (isString) {
    dict->keys = Tensor::fromStrings({k}, names);
    ctx.setResult(0, Tensor::fromStrings({}, {names[best]}));
  } else {
    dict->keys = Tensor::fromInts(DType::Int64, {k}, ids);
    ctx.setResult(0, Tensor::fromInts(DType::Int64, {}, {ids[best]}));
  }
  RtValue v;
  v.kind = RtValue::Kind::Dict;
  v.dict = std::move(dict);
  ctx.setResult(1, std::move(v));
  return success();
}

} // namespace

void mil::interp::registerClassifyOps(OpRegistry &r) {
  r["classify"] = classify;
}
