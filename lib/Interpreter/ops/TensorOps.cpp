//===- TensorOps.cpp - shape, layout, slicing, gather and scatter
//----------===//
//
// Part of mil-mlir. Data movement works on element bytes, so every dtype
// moves exactly (strings are not supported by these ops).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

using namespace mlir;
using namespace mil::interp;

Tensor mil::interp::stridedGather(const Tensor &t, ArrayRef<int64_t> begin,
                                  ArrayRef<int64_t> step,
                                  ArrayRef<int64_t> outShape) {
  Tensor out = Tensor::zeros(t.dtype(), outShape);
  size_t es = dtypeSize(t.dtype());
  int64_t n = out.numElements();
  if (!n)
    return out;
  auto in = stridesOf(t.shape());
  size_t rank = outShape.size();
  const auto *src = t.data<uint8_t>();
  auto *dst = out.mutableData<uint8_t>();
  if (rank == 0) {
    std::memcpy(dst, src, es);
    return out;
  }
  SmallVector<int64_t, 6> idx(rank, 0);
  int64_t base = 0;
  for (size_t d = 0; d < rank; ++d)
    base += begin[d] * in[d];
  int64_t inner = outShape[rank - 1], innerStep = step[rank - 1] * in[rank - 1];
  int64_t at = base;
  for (int64_t o = 0; o < n; o += inner) {
    if (innerStep == 1) {
      std::memcpy(dst + o * es, src + at * es, inner * es);
    } else {
      for (int64_t j = 0; j < inner; ++j)
        std::memcpy(dst + (o + j) * es, src + (at + j * innerStep) * es, es);
    }
    for (int64_t d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
      ++idx[d];
      at += step[d] * in[d];
      if (idx[d] < outShape[d])
        break;
      at -= step[d] * in[d] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

namespace {

bool checkBytes(OpContext &ctx, const Tensor &t) {
  if (t.dtype() == DType::String) {
    ctx.setError("string tensors are not supported");
    return false;
  }
  return !t.isNull();
}

/// `t` with axes permuted by `perm`.
Tensor permute(const Tensor &t, ArrayRef<int64_t> perm) {
  SmallVector<int64_t, 6> shape, step;
  auto strides = stridesOf(t.shape());
  // A gather whose step along output dim d is the input stride of perm[d]:
  // express it as a strided gather over a relabelled input.
  for (int64_t p : perm)
    shape.push_back(t.shape()[p]);
  Tensor out = Tensor::zeros(t.dtype(), shape);
  size_t es = dtypeSize(t.dtype());
  int64_t n = out.numElements();
  size_t rank = perm.size();
  if (!n)
    return out;
  if (rank == 0) {
    std::memcpy(out.mutableData<uint8_t>(), t.raw(), es);
    return out;
  }
  for (int64_t p : perm)
    step.push_back(strides[p]);
  const auto *src = t.data<uint8_t>();
  auto *dst = out.mutableData<uint8_t>();
  SmallVector<int64_t, 6> idx(rank, 0);
  int64_t inner = shape[rank - 1], innerStep = step[rank - 1], at = 0;
  for (int64_t o = 0; o < n; o += inner) {
    if (es == 4) {
      auto *d4 = reinterpret_cast<uint32_t *>(dst) + o;
      const auto *s4 = reinterpret_cast<const uint32_t *>(src) + at;
      for (int64_t j = 0; j < inner; ++j)
        d4[j] = s4[j * innerStep];
    } else if (es == 2) {
      auto *d2 = reinterpret_cast<uint16_t *>(dst) + o;
      const auto *s2 = reinterpret_cast<const uint16_t *>(src) + at;
      for (int64_t j = 0; j < inner; ++j)
        d2[j] = s2[j * innerStep];
    } else {
      for (int64_t j = 0; j < inner; ++j)
        std::memcpy(dst + (o + j) * es, src + (at + j * innerStep) * es, es);
    }
    for (int64_t d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
      ++idx[d];
      at += step[d];
      if (idx[d] < shape[d])
        break;
      at -= step[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

LogicalResult reshape(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> shape = ctx.getInts("shape");
  if (ctx.failed())
    return failure();
  int64_t known = 1, infer = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && i < static_cast<size_t>(x.rank()))
      shape[i] = x.shape()[i];
    if (shape[i] == -1) {
      if (infer >= 0)
        return ctx.error("shape has more than one -1");
      infer = i;
    } else if (shape[i] < 0) {
      return ctx.error("negative size in shape");
    } else {
      known *= shape[i];
    }
  }
  if (infer >= 0) {
    if (known == 0 || x.numElements() % known)
      return ctx.error("cannot infer the -1 of shape for " +
                       Twine(x.numElements()) + " elements");
    shape[infer] = x.numElements() / known;
    known *= shape[infer];
  }
  if (known != x.numElements())
    return ctx.error("cannot reshape " + shapeToString(x.shape()) + " to " +
                     shapeToString(shape));
  ctx.setResult(0, x.reshaped(shape));
  return success();
}

LogicalResult expandDims(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> axes = ctx.getInts("axes");
  if (ctx.failed())
    return failure();
  int64_t rank = x.rank() + axes.size();
  std::vector<bool> inserted(rank, false);
  for (int64_t a : axes) {
    if (!ctx.normalizeAxis(a, rank))
      return failure();
    inserted[a] = true;
  }
  SmallVector<int64_t> shape;
  size_t k = 0;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(inserted[d] ? 1
                                : (k < x.shape().size() ? x.shape()[k++] : 1));
  ctx.setResult(0, x.reshaped(shape));
  return success();
}

LogicalResult squeeze(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  std::vector<bool> drop(x.rank(), false);
  if (ctx.has("axes")) {
    for (int64_t a : ctx.getInts("axes")) {
      if (!ctx.normalizeAxis(a, x.rank()))
        return failure();
      if (x.shape()[a] != 1)
        return ctx.error("cannot squeeze axis " + Twine(a) + " of size " +
                         Twine(x.shape()[a]));
      drop[a] = true;
    }
  } else {
    for (int64_t d = 0; d < x.rank(); ++d)
      drop[d] = x.shape()[d] == 1;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < x.rank(); ++d)
    if (!drop[d])
      shape.push_back(x.shape()[d]);
  ctx.setResult(0, x.reshaped(shape));
  return success();
}

LogicalResult transpose(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> perm = ctx.getInts("perm");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (static_cast<int64_t>(perm.size()) != x.rank())
    return ctx.error("perm has " + Twine(perm.size()) + " entries for rank " +
                     Twine(x.rank()));
  std::vector<bool> seen(x.rank(), false);
  for (int64_t &p : perm) {
    if (!ctx.normalizeAxis(p, x.rank()))
      return failure();
    if (seen[p])
      return ctx.error("perm is not a permutation");
    seen[p] = true;
  }
  ctx.setResult(0, permute(x, perm));
  return success();
}

/// Concatenation of `parts` along `axis` (all the same rank and dtype).
Tensor concatTensors(ArrayRef<Tensor> parts, int64_t axis, DType type) {
  SmallVector<int64_t> shape(parts[0].shape());
  shape[axis] = 0;
  for (const Tensor &p : parts)
    shape[axis] += p.shape()[axis];
  Tensor out = Tensor::zeros(type, shape);
  size_t es = dtypeSize(type);
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  int64_t innerOut = out.numElements() / std::max<int64_t>(outer, 1);
  auto *dst = out.mutableData<uint8_t>();
  int64_t offset = 0;
  for (const Tensor &p : parts) {
    int64_t chunk = p.numElements() / std::max<int64_t>(outer, 1);
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(dst + (o * innerOut + offset) * es,
                  p.data<uint8_t>() + o * chunk * es, chunk * es);
    offset += chunk;
  }
  return out;
}

LogicalResult concat(OpContext &ctx) {
  auto values = ctx.variadic("values");
  int64_t axis = ctx.getInt("axis");
  bool interleave = ctx.getBool("interleave", false);
  if (ctx.failed())
    return failure();
  if (values.empty())
    return ctx.error("no values");
  DType type = ctx.resultType(0);
  SmallVector<Tensor> parts;
  for (const RtValue *v : values) {
    if (v->kind != RtValue::Kind::Tensor || !checkBytes(ctx, v->tensor))
      return ctx.error("values must be tensors");
    parts.push_back(v->tensor.castTo(type));
  }
  int64_t rank = parts[0].rank();
  if (!ctx.normalizeAxis(axis, rank))
    return failure();
  for (const Tensor &p : parts) {
    if (p.rank() != rank)
      return ctx.error("values differ in rank");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && p.shape()[d] != parts[0].shape()[d])
        return ctx.error("values differ in shape outside the axis: " +
                         shapeToString(p.shape()) + " vs " +
                         shapeToString(parts[0].shape()));
  }
  if (interleave) {
    // Split each along the axis into slices of its size and alternate.
    int64_t size = parts[0].shape()[axis];
    for (const Tensor &p : parts)
      if (p.shape()[axis] != size)
        return ctx.error("interleave needs equal sizes along the axis");
    SmallVector<int64_t> shape(parts[0].shape());
    shape.insert(shape.begin() + axis + 1, 1);
    SmallVector<Tensor> expanded;
    for (const Tensor &p : parts)
      expanded.push_back(p.reshaped(shape));
    Tensor joined = concatTensors(expanded, axis + 1, type);
    SmallVector<int64_t> outShape(parts[0].shape());
    outShape[axis] *= parts.size();
    ctx.setResult(0, joined.reshaped(outShape));
    return success();
  }
  ctx.setResult(0, concatTensors(parts, axis, type));
  return success();
}

LogicalResult stack(OpContext &ctx) {
  auto values = ctx.variadic("values");
  int64_t axis = ctx.getInt("axis");
  if (ctx.failed())
    return failure();
  if (values.empty())
    return ctx.error("no values");
  DType type = ctx.resultType(0);
  SmallVector<Tensor> parts;
  int64_t rank = values[0]->tensor.rank();
  if (!ctx.normalizeAxis(axis, rank + 1))
    return failure();
  for (const RtValue *v : values) {
    if (v->kind != RtValue::Kind::Tensor || !checkBytes(ctx, v->tensor))
      return ctx.error("values must be tensors");
    if (v->tensor.shape() != values[0]->tensor.shape())
      return ctx.error("values differ in shape");
    SmallVector<int64_t> shape(v->tensor.shape());
    shape.insert(shape.begin() + axis, 1);
    parts.push_back(v->tensor.castTo(type).reshaped(shape));
  }
  ctx.setResult(0, concatTensors(parts, axis, type));
  return success();
}

LogicalResult split(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis");
  if (ctx.failed() || !checkBytes(ctx, x) || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  int64_t size = x.shape()[axis];
  std::vector<int64_t> sizes;
  unsigned n = ctx.getNumResults();
  if (ctx.has("split_sizes")) {
    sizes = ctx.getInts("split_sizes");
  } else {
    int64_t parts = ctx.getInt("num_splits", n);
    if (parts <= 0)
      return ctx.error("num_splits must be positive");
    int64_t each = (size + parts - 1) / parts;
    for (int64_t i = 0, left = size; i < parts; ++i, left -= each)
      sizes.push_back(std::min(each, std::max<int64_t>(left, 0)));
  }
  if (sizes.size() != n)
    return ctx.error("split gives " + Twine(sizes.size()) + " parts for " +
                     Twine(n) + " results");
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0)
      return ctx.error("negative split size");
    total += s;
  }
  if (total != size)
    return ctx.error("split sizes add up to " + Twine(total) +
                     ", the axis has " + Twine(size));
  SmallVector<int64_t> begin(x.rank(), 0), step(x.rank(), 1);
  for (unsigned i = 0; i < n; ++i) {
    SmallVector<int64_t> shape(x.shape());
    shape[axis] = sizes[i];
    ctx.setResult(i, stridedGather(x, begin, step, shape));
    begin[axis] += sizes[i];
  }
  return success();
}

/// begin/end/stride of slice_by_index and slice_update, resolved.
struct SliceBox {
  SmallVector<int64_t> begin, step, shape, squeezed;
};

bool resolveSlice(OpContext &ctx, const Tensor &x, SliceBox &box) {
  int64_t rank = x.rank();
  std::vector<int64_t> begin = ctx.getInts("begin");
  std::vector<int64_t> end = ctx.getInts("end");
  std::vector<int64_t> stride =
      ctx.getInts("stride", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> beginMask =
      ctx.getInts("begin_mask", std::vector<int64_t>(rank, 0));
  std::vector<int64_t> endMask =
      ctx.getInts("end_mask", std::vector<int64_t>(rank, 0));
  std::vector<int64_t> squeezeMask =
      ctx.getInts("squeeze_mask", std::vector<int64_t>(rank, 0));
  if (ctx.failed())
    return false;
  if (static_cast<int64_t>(begin.size()) != rank ||
      static_cast<int64_t>(end.size()) != rank ||
      static_cast<int64_t>(stride.size()) != rank ||
      static_cast<int64_t>(beginMask.size()) != rank ||
      static_cast<int64_t>(endMask.size()) != rank ||
      static_cast<int64_t>(squeezeMask.size()) != rank) {
    ctx.setError("begin, end, stride and masks must have one entry per "
                 "dimension of x (rank " +
                 Twine(rank) + ")");
    return false;
  }
  for (int64_t d = 0; d < rank; ++d) {
    int64_t dim = x.shape()[d], s = stride[d];
    if (s == 0) {
      ctx.setError("stride 0");
      return false;
    }
    int64_t b = begin[d], e = end[d];
    if (b < 0)
      b += dim;
    if (e < 0)
      e += dim;
    if (s > 0) {
      if (beginMask[d])
        b = 0;
      if (endMask[d])
        e = dim;
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
    } else {
      if (beginMask[d])
        b = dim - 1;
      if (endMask[d])
        e = -1;
      b = std::clamp<int64_t>(b, -1, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
    }
    if (squeezeMask[d]) {
      e = b + (s > 0 ? 1 : -1);
      if (b < 0 || b >= dim) {
        ctx.setError("squeezed index out of range");
        return false;
      }
    }
    int64_t len = s > 0 ? (e > b ? (e - b + s - 1) / s : 0)
                        : (b > e ? (b - e + (-s) - 1) / (-s) : 0);
    box.begin.push_back(len ? b : 0);
    box.step.push_back(s);
    box.shape.push_back(len);
    if (!squeezeMask[d])
      box.squeezed.push_back(len);
  }
  return true;
}

LogicalResult sliceByIndex(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  SliceBox box;
  if (!resolveSlice(ctx, x, box))
    return failure();
  ctx.setResult(
      0,
      stridedGather(x, box.begin, box.step, box.shape).reshaped(box.squeezed));
  return success();
}

LogicalResult sliceBySize(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> begin = ctx.getInts("begin");
  std::vector<int64_t> size = ctx.getInts("size");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (static_cast<int64_t>(begin.size()) != x.rank() ||
      static_cast<int64_t>(size.size()) != x.rank())
    return ctx.error("begin and size need one entry per dimension");
  SmallVector<int64_t> step(x.rank(), 1), shape;
  for (int64_t d = 0; d < x.rank(); ++d) {
    int64_t dim = x.shape()[d];
    if (begin[d] < 0)
      begin[d] += dim;
    int64_t s = size[d] == -1 ? dim - begin[d] : size[d];
    if (begin[d] < 0 || s < 0 || begin[d] + s > dim)
      return ctx.error("slice out of bounds in dimension " + Twine(d));
    shape.push_back(s);
  }
  ctx.setResult(0, stridedGather(x, begin, step, shape));
  return success();
}

LogicalResult sliceUpdate(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &update = ctx.in("update");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  SliceBox box;
  if (!resolveSlice(ctx, x, box))
    return failure();
  int64_t count = 1;
  for (int64_t s : box.shape)
    count *= s;
  if (update.numElements() != count)
    return ctx.error("update has " + Twine(update.numElements()) +
                     " elements, the slice " + Twine(count));
  Tensor out = x.castTo(ctx.resultType(0)).clone();
  Tensor upd = update.castTo(out.dtype());
  size_t es = dtypeSize(out.dtype());
  auto strides = stridesOf(x.shape());
  int64_t rank = x.rank();
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < count; ++i) {
    int64_t at = 0;
    for (int64_t d = 0; d < rank; ++d)
      at += (box.begin[d] + idx[d] * box.step[d]) * strides[d];
    std::memcpy(out.mutableData<uint8_t>() + at * es,
                upd.data<uint8_t>() + i * es, es);
    advanceIndex(idx, box.shape);
  }
  ctx.setResult(0, out);
  return success();
}

LogicalResult tile(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> reps = ctx.getInts("reps");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (static_cast<int64_t>(reps.size()) != x.rank())
    return ctx.error("reps needs one entry per dimension");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (reps[d] < 0)
      return ctx.error("negative reps");
    // Checked below; saturated so that the product cannot overflow.
    int64_t size;
    if (__builtin_mul_overflow(x.shape()[d], reps[d], &size))
      size = std::numeric_limits<int64_t>::max();
    shape.push_back(size);
  }
  if (!checkResultSize(ctx, shape))
    return failure();
  Tensor out = Tensor::zeros(x.dtype(), shape);
  size_t es = dtypeSize(x.dtype());
  auto in = stridesOf(x.shape());
  SmallVector<int64_t> idx(x.rank(), 0);
  for (int64_t o = 0, n = out.numElements(); o < n; ++o) {
    int64_t at = 0;
    for (int64_t d = 0; d < x.rank(); ++d)
      at += (idx[d] % x.shape()[d]) * in[d];
    std::memcpy(out.mutableData<uint8_t>() + o * es,
                x.data<uint8_t>() + at * es, es);
    advanceIndex(idx, shape);
  }
  ctx.setResult(0, out);
  return success();
}

LogicalResult pad(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> pads = ctx.getInts("pad");
  std::string mode = ctx.getString("mode", "constant");
  double value = ctx.getFloat("constant_val", 0.0);
  if (ctx.failed())
    return failure();
  int64_t rank = x.rank();
  if (pads.size() % 2 || static_cast<int64_t>(pads.size()) > 2 * rank)
    return ctx.error("pad must hold 2 entries per padded dimension");
  SmallVector<int64_t> before(rank, 0), after(rank, 0), shape;
  int64_t first = rank - pads.size() / 2;
  for (size_t i = 0; i < pads.size() / 2; ++i) {
    before[first + i] = pads[2 * i];
    after[first + i] = pads[2 * i + 1];
  }
  for (int64_t d = 0; d < rank; ++d) {
    if (before[d] < 0 || after[d] < 0)
      return ctx.error("negative padding");
    if (mode == "reflect" &&
        (before[d] >= x.shape()[d] || after[d] >= x.shape()[d]))
      return ctx.error("reflect padding must be smaller than the dimension");
    if (mode == "replicate" && x.shape()[d] == 0 && before[d] + after[d] > 0)
      return ctx.error("cannot replicate an empty dimension");
    shape.push_back(x.shape()[d] + before[d] + after[d]);
  }
  if (mode != "constant" && mode != "reflect" && mode != "replicate")
    return ctx.error("unknown pad mode '" + mode + "'");
  std::vector<float> scratch;
  const float *in = x.floats(scratch);
  auto strides = stridesOf(x.shape());
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  std::vector<float> out(n);
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t o = 0; o < n; ++o) {
    int64_t at = 0;
    bool outside = false;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t i = idx[d] - before[d], dim = x.shape()[d];
      if (i < 0 || i >= dim) {
        if (mode == "constant") {
          outside = true;
          break;
        }
        if (mode == "reflect")
          i = i < 0 ? -i : 2 * (dim - 1) - i;
        else
          i = i < 0 ? 0 : dim - 1;
      }
      at += i * strides[d];
    }
    out[o] = outside ? static_cast<float>(value) : in[at];
    advanceIndex(idx, shape);
  }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

/// Reads index `i` of `indices` wrapped against `dim`; false if outside.
bool wrapIndex(const Tensor &indices, int64_t i, int64_t dim, int64_t &out) {
  out = indices.getInt(i);
  if (out < 0)
    out += dim;
  return out >= 0 && out < dim;
}

LogicalResult gather(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &indices = ctx.in("indices");
  int64_t axis = ctx.getInt("axis", 0);
  int64_t batchDims = ctx.getInt("batch_dims", 0);
  if (ctx.failed() || !checkBytes(ctx, x) || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  if (batchDims < 0)
    batchDims += indices.rank();
  if (batchDims < 0 || batchDims > axis || batchDims > indices.rank())
    return ctx.error("bad batch_dims");
  for (int64_t d = 0; d < batchDims; ++d)
    if (x.shape()[d] != indices.shape()[d])
      return ctx.error("batch dimensions of x and indices differ");
  SmallVector<int64_t> shape(x.shape().take_front(axis));
  for (int64_t d = batchDims; d < indices.rank(); ++d)
    shape.push_back(indices.shape()[d]);
  for (int64_t d = axis + 1; d < x.rank(); ++d)
    shape.push_back(x.shape()[d]);
  int64_t batch = 1, outer = 1, inner = 1, k = 1;
  for (int64_t d = 0; d < batchDims; ++d)
    batch *= x.shape()[d];
  for (int64_t d = batchDims; d < axis; ++d)
    outer *= x.shape()[d];
  for (int64_t d = axis + 1; d < x.rank(); ++d)
    inner *= x.shape()[d];
  for (int64_t d = batchDims; d < indices.rank(); ++d)
    k *= indices.shape()[d];
  int64_t dim = x.shape()[axis];
  Tensor out = Tensor::zeros(x.dtype(), shape);
  size_t es = dtypeSize(x.dtype());
  auto *dst = out.mutableData<uint8_t>();
  const auto *src = x.data<uint8_t>();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < k; ++j) {
        int64_t i;
        if (!wrapIndex(indices, b * k + j, dim, i))
          return ctx.error("index " + Twine(indices.getInt(b * k + j)) +
                           " is out of range for size " + Twine(dim));
        std::memcpy(dst + (((b * outer + o) * k + j) * inner) * es,
                    src + (((b * outer + o) * dim + i) * inner) * es,
                    inner * es);
      }
  ctx.setResult(0, out);
  return success();
}

LogicalResult gatherAlongAxis(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &indices = ctx.in("indices");
  int64_t axis = ctx.getInt("axis", 0);
  if (ctx.failed() || !checkBytes(ctx, x) || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  if (indices.rank() != x.rank())
    return ctx.error("indices must have the rank of x");
  for (int64_t d = 0; d < x.rank(); ++d)
    if (d != axis && indices.shape()[d] != x.shape()[d])
      return ctx.error("indices and x differ outside the axis");
  Tensor out = Tensor::zeros(x.dtype(), indices.shape());
  size_t es = dtypeSize(x.dtype());
  auto xs = stridesOf(x.shape());
  int64_t rank = x.rank();
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t o = 0, n = out.numElements(); o < n; ++o) {
    int64_t i;
    if (!wrapIndex(indices, o, x.shape()[axis], i))
      return ctx.error("index out of range");
    int64_t at = 0;
    for (int64_t d = 0; d < rank; ++d)
      at += (d == axis ? i : idx[d]) * xs[d];
    std::memcpy(out.mutableData<uint8_t>() + o * es,
                x.data<uint8_t>() + at * es, es);
    advanceIndex(idx, indices.shape());
  }
  ctx.setResult(0, out);
  return success();
}

LogicalResult gatherNd(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  const Tensor &indices = ctx.in("indices");
  int64_t batchDims = ctx.getInt("batch_dims", 0);
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (indices.rank() < 1)
    return ctx.error("indices must have rank >= 1");
  int64_t k = indices.shape().back();
  if (batchDims < 0 || batchDims + k > x.rank() || batchDims >= indices.rank())
    return ctx.error("indices' last dimension is too large");
  SmallVector<int64_t> shape(indices.shape().drop_back());
  for (int64_t d = batchDims + k; d < x.rank(); ++d)
    shape.push_back(x.shape()[d]);
  int64_t batch = 1, inner = 1;
  for (int64_t d = 0; d < batchDims; ++d)
    batch *= x.shape()[d];
  for (int64_t d = batchDims + k; d < x.rank(); ++d)
    inner *= x.shape()[d];
  int64_t per = indices.numElements() / std::max<int64_t>(k, 1) /
                std::max<int64_t>(batch, 1);
  auto xs = stridesOf(x.shape());
  int64_t batchStride = batchDims ? xs[batchDims - 1] : 0;
  Tensor out = Tensor::zeros(x.dtype(), shape);
  size_t es = dtypeSize(x.dtype());
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t j = 0; j < per; ++j) {
      int64_t at = b * batchStride;
      for (int64_t q = 0; q < k; ++q) {
        int64_t i;
        if (!wrapIndex(indices, (b * per + j) * k + q, x.shape()[batchDims + q],
                       i))
          return ctx.error("index out of range");
        at += i * xs[batchDims + q];
      }
      std::memcpy(out.mutableData<uint8_t>() + (b * per + j) * inner * es,
                  x.data<uint8_t>() + at * es, inner * es);
    }
  ctx.setResult(0, out);
  return success();
}

/// Combines `u` into `d` by scatter mode `mode`.
bool scatterCombine(const std::string &mode, double &d, double u) {
  if (mode == "update")
    d = u;
  else if (mode == "add")
    d += u;
  else if (mode == "sub")
    d -= u;
  else if (mode == "mul")
    d *= u;
  else if (mode == "div")
    d /= u;
  else if (mode == "max")
    d = std::max(d, u);
  else if (mode == "min")
    d = std::min(d, u);
  else
    return false;
  return true;
}

LogicalResult scatterFinish(OpContext &ctx, const Tensor &data,
                            std::vector<double> &values) {
  ctx.setResult(0,
                Tensor::fromDoubles(ctx.resultType(0), data.shape(), values));
  return success();
}

LogicalResult scatter(OpContext &ctx) {
  const Tensor &data = ctx.in("data");
  const Tensor &indices = ctx.in("indices");
  const Tensor &updates = ctx.in("updates");
  int64_t axis = ctx.getInt("axis", 0);
  std::string mode = ctx.getString("mode", "add");
  if (ctx.failed() || !ctx.normalizeAxis(axis, data.rank()))
    return failure();
  int64_t outer = 1, inner = 1, dim = data.shape()[axis];
  for (int64_t d = 0; d < axis; ++d)
    outer *= data.shape()[d];
  for (int64_t d = axis + 1; d < data.rank(); ++d)
    inner *= data.shape()[d];
  int64_t k = indices.numElements();
  if (updates.numElements() != outer * k * inner)
    return ctx.error("updates must have shape data[:axis] + indices + "
                     "data[axis+1:]");
  std::vector<double> d = data.toDoubles(), u = updates.toDoubles();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < k; ++j) {
      int64_t i;
      if (!wrapIndex(indices, j, dim, i))
        return ctx.error("index out of range");
      for (int64_t q = 0; q < inner; ++q)
        if (!scatterCombine(mode, d[(o * dim + i) * inner + q],
                            u[(o * k + j) * inner + q]))
          return ctx.error("unknown scatter mode '" + mode + "'");
    }
  return scatterFinish(ctx, data, d);
}

LogicalResult scatterAlongAxis(OpContext &ctx) {
  const Tensor &data = ctx.in("data");
  const Tensor &indices = ctx.in("indices");
  const Tensor &updates = ctx.in("updates");
  int64_t axis = ctx.getInt("axis", 0);
  std::string mode = ctx.getString("mode", "add");
  if (ctx.failed() || !ctx.normalizeAxis(axis, data.rank()))
    return failure();
  if (indices.shape() != updates.shape() || indices.rank() != data.rank())
    return ctx.error("indices and updates must share a shape of data's rank");
  std::vector<double> d = data.toDoubles(), u = updates.toDoubles();
  auto ds = stridesOf(data.shape());
  int64_t rank = data.rank();
  SmallVector<int64_t> idx(rank, 0);
  for (int64_t o = 0, n = indices.numElements(); o < n; ++o) {
    int64_t i;
    if (!wrapIndex(indices, o, data.shape()[axis], i))
      return ctx.error("index out of range");
    int64_t at = 0;
    for (int64_t q = 0; q < rank; ++q) {
      int64_t v = q == axis ? i : idx[q];
      if (v >= data.shape()[q])
        return ctx.error("indices exceed data outside the axis");
      at += v * ds[q];
    }
    if (!scatterCombine(mode, d[at], u[o]))
      return ctx.error("unknown scatter mode '" + mode + "'");
    advanceIndex(idx, indices.shape());
  }
  return scatterFinish(ctx, data, d);
}

LogicalResult scatterNd(OpContext &ctx) {
  const Tensor &data = ctx.in("data");
  const Tensor &indices = ctx.in("indices");
  const Tensor &updates = ctx.in("updates");
  std::string mode = ctx.getString("mode", "add");
  if (ctx.failed())
    return failure();
  if (indices.rank() < 1)
    return ctx.error("indices must have rank >= 1");
  int64_t k = indices.shape().back();
  if (k > data.rank())
    return ctx.error("indices' last dimension exceeds data's rank");
  int64_t inner = 1;
  for (int64_t d = k; d < data.rank(); ++d)
    inner *= data.shape()[d];
  int64_t count = indices.numElements() / std::max<int64_t>(k, 1);
  if (updates.numElements() != count * inner)
    return ctx.error("updates do not match indices and data");
  auto ds = stridesOf(data.shape());
  std::vector<double> d = data.toDoubles(), u = updates.toDoubles();
  for (int64_t j = 0; j < count; ++j) {
    int64_t at = 0;
    for (int64_t q = 0; q < k; ++q) {
      int64_t i;
      if (!wrapIndex(indices, j * k + q, data.shape()[q], i))
        return ctx.error("index out of range");
      at += i * ds[q];
    }
    for (int64_t q = 0; q < inner; ++q)
      if (!scatterCombine(mode, d[at + q], u[j * inner + q]))
        return ctx.error("unknown scatter mode '" + mode + "'");
  }
  return scatterFinish(ctx, data, d);
}

/// depth_to_space / pixel_shuffle: [N, C*r*r, H, W] -> [N, C, H*r, W*r];
/// `dcr` picks the channel order (depth-column-row as depth_to_space).
LogicalResult toSpace(OpContext &ctx, int64_t r, bool dcr) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (x.rank() != 4 || r <= 0 || x.shape()[1] % (r * r))
    return ctx.error("x must be rank 4 with channels divisible by the "
                     "block size squared");
  int64_t n = x.shape()[0], c = x.shape()[1] / (r * r), h = x.shape()[2],
          w = x.shape()[3];
  // View x as [N, a, b, c', H, W] then permute to [N, c', H, a, W, b].
  Tensor view =
      dcr ? x.reshaped({n, r, r, c, h, w}) : x.reshaped({n, c, r, r, h, w});
  SmallVector<int64_t> perm = dcr ? SmallVector<int64_t>{0, 3, 4, 1, 5, 2}
                                  : SmallVector<int64_t>{0, 1, 4, 2, 5, 3};
  ctx.setResult(0, permute(view, perm).reshaped({n, c, h * r, w * r}));
  return success();
}

LogicalResult toDepth(OpContext &ctx, int64_t r, bool dcr) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  if (x.rank() != 4 || r <= 0 || x.shape()[2] % r || x.shape()[3] % r)
    return ctx.error("x must be rank 4 with H and W divisible by the block "
                     "size");
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2] / r,
          w = x.shape()[3] / r;
  Tensor view = x.reshaped({n, c, h, r, w, r});
  SmallVector<int64_t> perm = dcr ? SmallVector<int64_t>{0, 3, 5, 1, 2, 4}
                                  : SmallVector<int64_t>{0, 1, 3, 5, 2, 4};
  ctx.setResult(0, permute(view, perm).reshaped({n, c * r * r, h, w}));
  return success();
}

LogicalResult shapeOp(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  ctx.setResult(0, Tensor::fromInts(ctx.resultType(0), {x.rank()}, x.shape()));
  return success();
}

LogicalResult fill(OpContext &ctx, ArrayRef<int64_t> shape) {
  double v = ctx.getFloat("value", 0.0);
  if (ctx.failed())
    return failure();
  if (!checkResultSize(ctx, shape))
    return failure();
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<double> values(n, v);
  ctx.setResult(0, Tensor::fromDoubles(ctx.resultType(0), shape, values));
  return success();
}

LogicalResult range1d(OpContext &ctx) {
  double start = ctx.getFloat("start"), end = ctx.getFloat("end"),
         step = ctx.getFloat("step");
  if (ctx.failed())
    return failure();
  if (step == 0)
    return ctx.error("step is 0");
  double count = std::ceil((end - start) / step);
  if (!(count >= 0))
    count = 0;
  if (count > static_cast<double>(kMaxValueSizedElements))
    return ctx.error("the range has more elements than the interpreter's "
                     "limit of " +
                     Twine(kMaxValueSizedElements));
  std::vector<double> v(static_cast<size_t>(count));
  for (size_t i = 0; i < v.size(); ++i)
    v[i] = start + i * step;
  ctx.setResult(0, Tensor::fromDoubles(ctx.resultType(0),
                                       {static_cast<int64_t>(v.size())}, v));
  return success();
}

LogicalResult flatten2d(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis", 1);
  if (ctx.failed())
    return failure();
  if (axis < 0)
    axis += x.rank();
  if (axis < 0 || axis > x.rank())
    return ctx.error("axis out of range");
  int64_t a = 1;
  for (int64_t d = 0; d < axis; ++d)
    a *= x.shape()[d];
  ctx.setResult(0, x.reshaped({a, x.numElements() / std::max<int64_t>(a, 1)}));
  return success();
}

LogicalResult reverse(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed() || !checkBytes(ctx, x))
    return failure();
  std::vector<int64_t> axes = axesOrAll(ctx, x.rank());
  SmallVector<int64_t> begin(x.rank(), 0), step(x.rank(), 1);
  for (int64_t a : axes) {
    if (!ctx.normalizeAxis(a, x.rank()))
      return failure();
    begin[a] = x.shape()[a] - 1;
    step[a] = -1;
  }
  ctx.setResult(0, stridedGather(x, begin, step, x.shape()));
  return success();
}

LogicalResult oneHot(OpContext &ctx) {
  const Tensor &indices = ctx.in("indices");
  int64_t size = ctx.getInt("one_hot_vector_size");
  int64_t axis = ctx.getInt("axis", -1);
  double on = ctx.getFloat("on_value", 1.0),
         off = ctx.getFloat("off_value", 0.0);
  if (ctx.failed() || !ctx.normalizeAxis(axis, indices.rank() + 1))
    return failure();
  if (size < 0)
    return ctx.error("negative one_hot_vector_size");
  SmallVector<int64_t> shape(indices.shape());
  shape.insert(shape.begin() + axis, size);
  if (!checkResultSize(ctx, shape))
    return failure();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= shape[d];
  for (int64_t d = axis + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  std::vector<double> v(outer * size * inner, off);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      int64_t k = indices.getInt(o * inner + i);
      if (k >= 0 && k < size)
        v[(o * size + k) * inner + i] = on;
    }
  ctx.setResult(0, Tensor::fromDoubles(ctx.resultType(0), shape, v));
  return success();
}

LogicalResult bandPart(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t lower = ctx.getInt("lower", -1), upper = ctx.getInt("upper", -1);
  if (ctx.failed())
    return failure();
  if (x.rank() < 2)
    return ctx.error("x must have rank >= 2");
  int64_t m = x.shape()[x.rank() - 2], n = x.shape()[x.rank() - 1];
  std::vector<double> v = x.toDoubles();
  for (size_t i = 0; i < v.size(); ++i) {
    int64_t r = (i / n) % m, c = i % n;
    bool keep = (lower < 0 || r - c <= lower) && (upper < 0 || c - r <= upper);
    if (!keep)
      v[i] = 0;
  }
  ctx.setResult(0, Tensor::fromDoubles(ctx.resultType(0), x.shape(), v));
  return success();
}

LogicalResult nonZero(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  if (ctx.failed())
    return failure();
  std::vector<int64_t> coords;
  auto strides = stridesOf(x.shape());
  int64_t count = 0;
  for (int64_t i = 0, n = x.numElements(); i < n; ++i) {
    if (x.getDouble(i) == 0)
      continue;
    ++count;
    for (int64_t d = 0; d < x.rank(); ++d)
      coords.push_back((i / strides[d]) % x.shape()[d]);
  }
  ctx.setResult(0,
                Tensor::fromInts(ctx.resultType(0), {count, x.rank()}, coords));
  return success();
}

LogicalResult slidingWindows(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  int64_t axis = ctx.getInt("axis"), size = ctx.getInt("size"),
          stride = ctx.getInt("stride", 1);
  if (ctx.failed() || !checkBytes(ctx, x) || !ctx.normalizeAxis(axis, x.rank()))
    return failure();
  if (size <= 0 || stride <= 0 || size > x.shape()[axis])
    return ctx.error("bad window size or stride");
  int64_t windows = (x.shape()[axis] - size) / stride + 1;
  SmallVector<Tensor> parts;
  SmallVector<int64_t> begin(x.rank(), 0), step(x.rank(), 1);
  SmallVector<int64_t> shape(x.shape());
  shape[axis] = size;
  SmallVector<int64_t> partShape(shape);
  partShape.insert(partShape.begin() + axis, 1);
  for (int64_t w = 0; w < windows; ++w) {
    begin[axis] = w * stride;
    parts.push_back(stridedGather(x, begin, step, shape).reshaped(partShape));
  }
  ctx.setResult(0, concatTensors(parts, axis, x.dtype()));
  return success();
}

} // namespace

void mil::interp::registerTensorOps(OpRegistry &r) {
  r["reshape"] = reshape;
  r["expand_dims"] = expandDims;
  r["squeeze"] = squeeze;
  r["transpose"] = transpose;
  r["concat"] = concat;
  r["stack"] = stack;
  r["split"] = split;
  r["slice_by_index"] = sliceByIndex;
  r["slice_by_size"] = sliceBySize;
  r["slice_update"] = sliceUpdate;
  r["tile"] = tile;
  r["pad"] = pad;
  r["gather"] = gather;
  r["gather_along_axis"] = gatherAlongAxis;
  r["gather_nd"] = gatherNd;
  r["scatter"] = scatter;
  r["scatter_along_axis"] = scatterAlongAxis;
  r["scatter_nd"] = scatterNd;
  r["shape"] = shapeOp;
  r["identity"] = [](OpContext &c) {
    const RtValue *v = c.value("x");
    if (!v)
      return c.error("missing input 'x'");
    c.setResult(0, *v);
    return success();
  };
  r["fill"] = [](OpContext &c) {
    std::vector<int64_t> shape = c.getInts("shape");
    return fill(c, shape);
  };
  r["fill_like"] = [](OpContext &c) {
    const Tensor &ref = c.in("ref_tensor");
    if (c.failed())
      return failure();
    SmallVector<int64_t> shape(ref.shape());
    return fill(c, shape);
  };
  r["range_1d"] = range1d;
  r["flatten2d"] = flatten2d;
  r["reverse"] = reverse;
  r["one_hot"] = oneHot;
  r["band_part"] = bandPart;
  r["non_zero"] = nonZero;
  r["sliding_windows"] = slidingWindows;
  r["pixel_shuffle"] = [](OpContext &c) {
    return toSpace(c, c.getInt("upscale_factor"), /*dcr=*/false);
  };
  r["pixel_unshuffle"] = [](OpContext &c) {
    return toDepth(c, c.getInt("downscale_factor"), /*dcr=*/false);
  };
  r["depth_to_space"] = [](OpContext &c) {
    return toSpace(c, c.getInt("block_size"), /*dcr=*/true);
  };
  r["space_to_depth"] = [](OpContext &c) {
    return toDepth(c, c.getInt("block_size"), /*dcr=*/true);
  };
}
