//===- ReverseSequence.cpp - reverse_sequence
//------------------------------===//
//
// Part of mil-mlir. TensorFlow's reverse_sequence, which coremltools
// documents for the op: for each index i along batch_axis, the first
// lengths[i] elements along seq_axis are reversed, the rest are kept.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cstring>

using namespace mlir;
using namespace mil::interp;

namespace {

LogicalResult reverseSequence(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> lengths = ctx.getInts("lengths");
  int64_t seqAxis = ctx.getInt("seq_axis", 0);
  int64_t batchAxis = ctx.getInt("batch_axis", 0);
  if (ctx.failed() || !ctx.normalizeAxis(seqAxis, x.rank()) ||
      !ctx.normalizeAxis(batchAxis, x.rank()))
    return failure();
  if (x.dtype() == DType::String || x.rank() == 0)
    return ctx.error("x must be a numeric tensor of rank >= 1");
  if (seqAxis == batchAxis)
    return ctx.error("seq_axis and batch_axis are both " + Twine(seqAxis));
  int64_t seqLen = x.shape()[seqAxis], batch = x.shape()[batchAxis];
  if (static_cast<int64_t>(lengths.size()) != batch)
    return ctx.error("lengths has " + Twine(lengths.size()) +
                     " entries, x has " + Twine(batch) + " along batch_axis");
  for (int64_t l : lengths)
    if (l < 0 || l > seqLen)
      return ctx.error("length " + Twine(l) + " is outside [0, " +
                       Twine(seqLen) + "]");
  Tensor out = x.clone();
  size_t es = dtypeSize(x.dtype());
  auto strides = stridesOf(x.shape());
  const auto *src = x.data<uint8_t>();
  auto *dst = out.mutableData<uint8_t>();
  SmallVector<int64_t> idx(x.rank(), 0);
  for (int64_t i = 0, n = x.numElements(); i < n; ++i) {
    int64_t l = lengths[idx[batchAxis]], s = idx[seqAxis];
    if (s < l) {
      int64_t from = i + (l - 1 - 2 * s) * strides[seqAxis];
      std::memcpy(dst + i * es, src + from * es, es);
    }
    advanceIndex(idx, x.shape());
  }
  ctx.setResult(0, out);
  return success();
}

} // namespace

void mil::interp::registerReverseSequenceOps(OpRegistry &r) {
  r["reverse_sequence"] = reverseSequence;
}
