//===- OpUtils.h - helpers shared by the op families ------------*- C++ -*-===//
//
// Part of mil-mlir. Private to lib/Interpreter.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_INTERPRETER_OPUTILS_H
#define MIL_LIB_INTERPRETER_OPUTILS_H

#include "OpContext.h"

namespace mil::interp {

/// numpy broadcasting of `a` and `b`; false when incompatible.
inline bool broadcastShapes(llvm::ArrayRef<int64_t> a,
                            llvm::ArrayRef<int64_t> b,
                            llvm::SmallVectorImpl<int64_t> &out) {
  size_t rank = std::max(a.size(), b.size());
  out.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return false;
    out[i] = da == 1 ? db : da;
  }
  return true;
}

/// Strides of `shape` aligned to the right of `outShape`, 0 on broadcast
/// dimensions.
inline llvm::SmallVector<int64_t, 6>
broadcastStrides(llvm::ArrayRef<int64_t> shape,
                 llvm::ArrayRef<int64_t> outShape) {
  llvm::SmallVector<int64_t, 6> strides(outShape.size(), 0);
  int64_t stride = 1;
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    size_t o = outShape.size() - shape.size() + i;
    strides[o] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/// Calls `f(outIndex, indexIntoA, indexIntoB)` for every element of the
/// broadcast of shapes `a` and `b` to `out`.
template <typename F>
void forEachBroadcast(llvm::ArrayRef<int64_t> out, llvm::ArrayRef<int64_t> a,
                      llvm::ArrayRef<int64_t> b, F f) {
  int64_t n = 1;
  for (int64_t d : out)
    n *= d;
  if (n == 0)
    return;
  if (a == out && b == out) {
    for (int64_t i = 0; i < n; ++i)
      f(i, i, i);
    return;
  }
  auto sa = broadcastStrides(a, out), sb = broadcastStrides(b, out);
  size_t rank = out.size();
  if (rank == 0) {
    f(0, 0, 0);
    return;
  }
  llvm::SmallVector<int64_t, 6> idx(rank, 0);
  int64_t inner = out[rank - 1], ia = 0, ib = 0;
  int64_t la = sa[rank - 1], lb = sb[rank - 1];
  for (int64_t o = 0; o < n; o += inner) {
    for (int64_t j = 0; j < inner; ++j)
      f(o + j, ia + j * la, ib + j * lb);
    // Advance the outer index.
    for (int64_t d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
      ++idx[d];
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < out[d])
        break;
      ia -= sa[d] * out[d];
      ib -= sb[d] * out[d];
      idx[d] = 0;
    }
  }
}

/// The "axes" input, or every axis of a rank-`rank` tensor when it is
/// absent; the axes are not normalized yet.
inline std::vector<int64_t> axesOrAll(OpContext &ctx, int64_t rank) {
  if (ctx.has("axes"))
    return ctx.getInts("axes");
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < rank; ++d)
    axes.push_back(d);
  return axes;
}

/// Normalizes `axes` against `rank` in place; false, with the error set, on
/// an axis out of range or repeated.
inline bool normalizeDistinctAxes(OpContext &ctx,
                                  llvm::MutableArrayRef<int64_t> axes,
                                  int64_t rank) {
  std::vector<bool> seen(rank, false);
  for (int64_t &a : axes) {
    if (!ctx.normalizeAxis(a, rank))
      return false;
    if (seen[a]) {
      ctx.setError("repeated axis");
      return false;
    }
    seen[a] = true;
  }
  return true;
}

/// Steps the row-major multi-index `idx` to the next element of a tensor of
/// shape `shape` (only its first idx.size() entries are read), wrapping to
/// all zeros after the last element.
inline void advanceIndex(llvm::MutableArrayRef<int64_t> idx,
                         llvm::ArrayRef<int64_t> shape) {
  for (int64_t d = static_cast<int64_t>(idx.size()) - 1; d >= 0; --d) {
    if (++idx[d] < shape[d])
      break;
    idx[d] = 0;
  }
}

/// Applies `f` to every element of float tensor input `x`, giving the
/// result in its declared dtype.
template <typename F>
mlir::LogicalResult unaryFloat(OpContext &ctx, F f,
                               llvm::StringRef input = "x") {
  const Tensor &x = ctx.in(input);
  if (ctx.failed())
    return mlir::failure();
  std::vector<float> v = x.toFloats();
  for (float &e : v)
    e = f(e);
  ctx.setResult(0,
                Tensor::fromFloats(ctx.resultType(0), x.shape(), std::move(v)));
  return mlir::success();
}

/// The most elements an op may allocate for a result whose size comes from
/// input values (fill, range_1d, tile, random_*, resize, ...): 2^28, 1 GiB
/// of fp32. Larger results are refused rather than exhausting memory.
constexpr int64_t kMaxValueSizedElements = int64_t(1) << 28;

/// Whether a result of shape `shape` is within kMaxValueSizedElements (and
/// has no negative dimension); false, with an error naming the op, if not.
inline bool checkResultSize(OpContext &ctx, llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) {
      ctx.setError("negative dimension in result shape " +
                   shapeToString(shape));
      return false;
    }
    // n * d <= limit exactly when n <= limit / d: no overflow.
    if (d && n > kMaxValueSizedElements / d) {
      ctx.setError("result shape " + shapeToString(shape) +
                   " exceeds the interpreter's limit of " +
                   llvm::Twine(kMaxValueSizedElements) + " elements");
      return false;
    }
    n *= d;
  }
  return true;
}

/// conv (or conv_transpose) of input "x" with weight `w` and optional bias
/// `b`, the other parameters read from the op (lib/Interpreter/ops/
/// ConvPool.cpp).
mlir::LogicalResult evalConv(OpContext &ctx, bool transposed, const Tensor &w,
                             const Tensor *b);

/// Copies the elements of `t` selected by the strided box `begin`, `step`
/// (per dimension) with output shape `outShape` into a new tensor.
Tensor stridedGather(const Tensor &t, llvm::ArrayRef<int64_t> begin,
                     llvm::ArrayRef<int64_t> step,
                     llvm::ArrayRef<int64_t> outShape);

} // namespace mil::interp

#endif // MIL_LIB_INTERPRETER_OPUTILS_H
