//===- Attention.cpp - scaled_dot_product_attention
//------------------------===//
//
// Part of mil-mlir. coremltools' iOS18 value inference:
//   softmax(query @ key^T / sqrt(E) + mask) @ value
// where a bool mask adds -inf where it is false (a row with every score
// masked is NaN, as in numpy). The leading (batch) dims of query, key and
// value are equal; the mask broadcasts to [*batch, L, S].
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mil::interp;

namespace {

LogicalResult attention(OpContext &ctx) {
  const Tensor &q = ctx.in("query");
  const Tensor &k = ctx.in("key");
  const Tensor &v = ctx.in("value");
  const Tensor *mask = ctx.has("attn_mask") ? &ctx.in("attn_mask") : nullptr;
  if (ctx.failed())
    return failure();
  int64_t rank = q.rank();
  if (rank < 3 || k.rank() != rank || v.rank() != rank)
    return ctx.error("query, key and value must have one rank >= 3 (" +
                     shapeToString(q.shape()) + ", " +
                     shapeToString(k.shape()) + ", " +
                     shapeToString(v.shape()) + ")");
  ArrayRef<int64_t> batchDims = q.shape().drop_back(2);
  if (k.shape().drop_back(2) != batchDims ||
      v.shape().drop_back(2) != batchDims)
    return ctx.error("query, key and value must have the same batch dims");
  int64_t l = q.shape()[rank - 2], e = q.shape()[rank - 1];
  int64_t s = k.shape()[rank - 2], ev = v.shape()[rank - 1];
  if (k.shape()[rank - 1] != e)
    return ctx.error("query and key have different embedding sizes");
  if (v.shape()[rank - 2] != s)
    return ctx.error("key and value have different sequence lengths");
  SmallVector<int64_t> scoreShape(batchDims);
  scoreShape.append({l, s});
  SmallVector<int64_t> outShape(batchDims);
  outShape.append({l, ev});
  // Zero-sized embeddings can make either exceed the inputs.
  if (!checkResultSize(ctx, scoreShape) || !checkResultSize(ctx, outShape))
    return failure();
  if (mask) {
    if (mask->dtype() == DType::String || mask->rank() == 0 ||
        mask->shape().back() != s)
      return ctx.error("attn_mask must end in the key sequence length " +
                       Twine(s));
    SmallVector<int64_t> b;
    if (!broadcastShapes(scoreShape, mask->shape(), b) ||
        ArrayRef<int64_t>(b) != ArrayRef<int64_t>(scoreShape))
      return ctx.error("attn_mask " + shapeToString(mask->shape()) +
                       " does not broadcast to " + shapeToString(scoreShape));
  }
  // The additive mask over [*batch, L, S].
  std::vector<float> addend;
  if (mask) {
    int64_t n = 1;
    for (int64_t d : scoreShape)
      n *= d;
    addend.assign(n, 0.0f);
    bool isBool = mask->dtype() == DType::Bool;
    forEachBroadcast(
        scoreShape, scoreShape, mask->shape(),
        [&](int64_t o, int64_t, int64_t m) {
          double mv = mask->getDouble(m);
          addend[o] =
              isBool
                  ? (mv != 0 ? 0.0f : -std::numeric_limits<float>::infinity())
                  : static_cast<float>(mv);
        });
  }
  std::vector<float> sq, sk, sv;
  const float *pq = q.floats(sq), *pk = k.floats(sk), *pv = v.floats(sv);
  int64_t batches = 1;
  for (int64_t d : batchDims)
    batches *= d;
  std::vector<float> out(batches * l * ev, 0.0f), row(s);
  float root = std::sqrt(static_cast<float>(e));
  for (int64_t b = 0; b < batches; ++b) {
    const float *qb = pq + b * l * e, *kb = pk + b * s * e,
                *vb = pv + b * s * ev;
    for (int64_t i = 0; i < l; ++i) {
      float mx = -std::numeric_limits<float>::infinity();
      for (int64_t j = 0; j < s; ++j) {
        float dot = 0;
        for (int64_t t = 0; t < e; ++t)
          dot += qb[i * e + t] * kb[j * e + t];
        row[j] = dot / root;
        if (mask)
          row[j] += addend[(b * l + i) * s + j];
        mx = std::max(mx, row[j]);
      }
      float sum = 0;
      for (int64_t j = 0; j < s; ++j) {
        row[j] = std::exp(row[j] - mx);
        sum += row[j];
      }
      float *o = out.data() + (b * l + i) * ev;
      for (int64_t j = 0; j < s; ++j) {
        float wgt = row[j] / sum;
        for (int64_t t = 0; t < ev; ++t)
          o[t] += wgt * vb[j * ev + t];
      }
    }
  }
  ctx.setFloatResult(0, OpContext::toShape(outShape), std::move(out));
  return success();
}

} // namespace

void mil::interp::registerAttentionOps(OpRegistry &r) {
  r["scaled_dot_product_attention"] = attention;
}
