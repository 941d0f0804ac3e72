//===- ControlFlow.cpp - cond, while_loop, lists and states
//----------------===//
//
// Part of mil-mlir. Running a region adds values to the evaluator's
// environment, which may move the values an op has looked up: these ops copy
// their inputs before running one.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cstring>

using namespace mlir;
using namespace mil::interp;

namespace {

bool truthy(const RtValue &v) {
  return v.kind == RtValue::Kind::Tensor && !v.tensor.isNull() &&
         v.tensor.numElements() == 1 && v.tensor.getDouble(0) != 0;
}

LogicalResult cond(OpContext &ctx) {
  const Tensor &pred = ctx.in("pred");
  if (ctx.failed())
    return failure();
  if (pred.numElements() != 1)
    return ctx.error("pred must be a scalar");
  bool taken = pred.getDouble(0) != 0;
  SmallVector<RtValue> results;
  if (failed(ctx.runRegion(taken ? 0 : 1, {}, results)))
    return failure();
  if (results.size() != ctx.getNumResults())
    return ctx.error("branch returns " + Twine(results.size()) + " values");
  for (unsigned i = 0; i < results.size(); ++i)
    ctx.setResult(i, results[i]);
  return success();
}

LogicalResult whileLoop(OpContext &ctx) {
  SmallVector<RtValue> vars;
  for (const RtValue *v : ctx.variadic("loop_vars"))
    vars.push_back(*v);
  if (ctx.failed())
    return failure();
  for (int64_t it = 0;; ++it) {
    if (it >= ctx.maxLoopIterations())
      return ctx.error("more than " + Twine(ctx.maxLoopIterations()) +
                       " iterations (mil-run --max-loop-iterations)");
    SmallVector<RtValue> c;
    if (failed(ctx.runRegion(0, vars, c)))
      return failure();
    if (c.size() != 1)
      return ctx.error("cond block must return one bool");
    if (!truthy(c[0]))
      break;
    SmallVector<RtValue> next;
    if (failed(ctx.runRegion(1, vars, next)))
      return failure();
    if (next.size() != vars.size())
      return ctx.error("body returns " + Twine(next.size()) + " values for " +
                       Twine(vars.size()) + " loop variables");
    vars = std::move(next);
  }
  if (vars.size() != ctx.getNumResults())
    return ctx.error("loop variables do not match the results");
  for (unsigned i = 0; i < vars.size(); ++i)
    ctx.setResult(i, vars[i]);
  return success();
}

LogicalResult readState(OpContext &ctx) {
  const RtValue *v = ctx.value("input");
  if (!v || v->kind != RtValue::Kind::State || !v->state)
    return ctx.error("input is not a state");
  ctx.setResult(0, *v->state);
  return success();
}

LogicalResult writeState(OpContext &ctx) {
  const RtValue *v = ctx.value("input");
  if (!v || v->kind != RtValue::Kind::State || !v->state)
    return ctx.error("input is not a state");
  Tensor *slot = v->state;
  const Tensor &data = ctx.in("data");
  if (ctx.failed())
    return failure();
  if (data.shape() != slot->shape())
    return ctx.error("data has shape " + shapeToString(data.shape()) +
                     ", the state " + shapeToString(slot->shape()));
  *slot = data.castTo(slot->dtype());
  return success();
}

const ListValue *listInput(OpContext &ctx) {
  const RtValue *v = ctx.value("ls");
  if (!v || v->kind != RtValue::Kind::List || !v->list) {
    ctx.setError("ls is not a list");
    return nullptr;
  }
  return v->list.get();
}

RtValue listValue(std::shared_ptr<ListValue> list) {
  RtValue v;
  v.kind = RtValue::Kind::List;
  v.list = std::move(list);
  return v;
}

LogicalResult makeList(OpContext &ctx) {
  auto list = std::make_shared<ListValue>();
  int64_t length = ctx.getInt("init_length", 1);
  list->dynamic = ctx.getBool("dynamic_length", true);
  std::string dtype = ctx.getString("dtype", "fp32");
  if (ctx.failed())
    return failure();
  if (!parseDTypeName(dtype, list->dtype))
    return ctx.error("unknown list dtype '" + dtype + "'");
  bool known = true;
  for (const RtValue *v : ctx.variadic("elem_shape")) {
    if (v->tensor.dtype() == DType::String) {
      known = false;
      continue;
    }
    list->elemShape.push_back(v->tensor.getInt(0));
  }
  if (length < 0 || length > (1 << 24))
    return ctx.error("bad init_length");
  for (int64_t i = 0; i < length; ++i)
    list->elements.push_back(known ? Tensor::zeros(list->dtype, list->elemShape)
                                   : Tensor());
  ctx.setResult(0, listValue(std::move(list)));
  return success();
}

/// A copy of `list` with `value` at `index` (grown if dynamic).
bool writeElement(OpContext &ctx, ListValue &list, int64_t index,
                  const Tensor &value) {
  if (index < 0) {
    ctx.setError("negative list index");
    return false;
  }
  if (index >= static_cast<int64_t>(list.elements.size())) {
    if (!list.dynamic) {
      ctx.setError("index " + Twine(index) + " past the end of a fixed list");
      return false;
    }
    if (index > (1 << 24)) {
      ctx.setError("list index too large");
      return false;
    }
    list.elements.resize(index + 1);
  }
  list.elements[index] = value.castTo(list.dtype);
  return true;
}

LogicalResult listWrite(OpContext &ctx) {
  const ListValue *ls = listInput(ctx);
  int64_t index = ctx.getInt("index");
  const Tensor &value = ctx.in("value");
  if (!ls || ctx.failed())
    return failure();
  auto copy = std::make_shared<ListValue>(*ls);
  if (!writeElement(ctx, *copy, index, value))
    return failure();
  ctx.setResult(0, listValue(std::move(copy)));
  return success();
}

LogicalResult listRead(OpContext &ctx) {
  const ListValue *ls = listInput(ctx);
  int64_t index = ctx.getInt("index");
  if (!ls || ctx.failed())
    return failure();
  if (index < 0 || index >= static_cast<int64_t>(ls->elements.size()) ||
      ls->elements[index].isNull())
    return ctx.error("list element " + Twine(index) + " is not set");
  ctx.setResult(0, ls->elements[index]);
  return success();
}

LogicalResult listLength(OpContext &ctx) {
  const ListValue *ls = listInput(ctx);
  if (!ls)
    return failure();
  ctx.setResult(0, Tensor::scalarInt(ctx.resultType(0), ls->elements.size()));
  return success();
}

LogicalResult listGather(OpContext &ctx) {
  const ListValue *ls = listInput(ctx);
  const Tensor &indices = ctx.in("indices");
  if (!ls || ctx.failed())
    return failure();
  std::vector<Tensor> parts;
  for (int64_t i = 0, n = indices.numElements(); i < n; ++i) {
    int64_t at = indices.getInt(i);
    if (at < 0 || at >= static_cast<int64_t>(ls->elements.size()) ||
        ls->elements[at].isNull())
      return ctx.error("list element " + Twine(at) + " is not set");
    if (!parts.empty() && parts[0].shape() != ls->elements[at].shape())
      return ctx.error("list elements differ in shape");
    parts.push_back(ls->elements[at]);
  }
  SmallVector<int64_t> shape{static_cast<int64_t>(parts.size())};
  if (!parts.empty())
    shape.append(parts[0].shape().begin(), parts[0].shape().end());
  else
    shape.append(ls->elemShape.begin(), ls->elemShape.end());
  Tensor out = Tensor::zeros(ls->dtype, shape);
  size_t bytes = parts.empty() ? 0 : parts[0].numBytes();
  for (size_t i = 0; i < parts.size(); ++i)
    std::memcpy(out.mutableData<uint8_t>() + i * bytes, parts[i].raw(), bytes);
  ctx.setResult(0, out.castTo(ctx.resultType(0)));
  return success();
}

LogicalResult listScatter(OpContext &ctx) {
  const ListValue *ls = listInput(ctx);
  const Tensor &indices = ctx.in("indices");
  const Tensor &value = ctx.in("value");
  if (!ls || ctx.failed())
    return failure();
  int64_t n = indices.numElements();
  if (value.rank() < 1 || value.shape()[0] != n)
    return ctx.error("value must have one slice per index");
  auto copy = std::make_shared<ListValue>(*ls);
  SmallVector<int64_t> begin(value.rank(), 0), step(value.rank(), 1);
  SmallVector<int64_t> shape(value.shape());
  shape[0] = 1;
  for (int64_t i = 0; i < n; ++i) {
    begin[0] = i;
    Tensor slice = stridedGather(value, begin, step, shape)
                       .reshaped(value.shape().drop_front());
    if (!writeElement(ctx, *copy, indices.getInt(i), slice))
      return failure();
  }
  ctx.setResult(0, listValue(std::move(copy)));
  return success();
}

} // namespace

void mil::interp::registerControlFlowOps(OpRegistry &r) {
  r["cond"] = cond;
  r["while_loop"] = whileLoop;
  r["read_state"] = readState;
  r["write_state"] = writeState;
  r["make_list"] = makeList;
  r["list_write"] = listWrite;
  r["list_read"] = listRead;
  r["list_length"] = listLength;
  r["list_gather"] = listGather;
  r["list_scatter"] = listScatter;
}
