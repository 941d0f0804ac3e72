//===- SpaceBatch.cpp - space_to_batch and batch_to_space -----------------===//
//
// Part of mil-mlir. TensorFlow's SpaceToBatchND / BatchToSpaceND on the two
// spatial dims of an NCHW tensor, as coremltools maps them: batch index
// (bh * blockW + bw) * N + n of the blocked tensor holds x[n, :, i * blockH
// + bh, j * blockW + bw] of the padded (or, inversely, uncropped) tensor.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <cstring>

using namespace mlir;
using namespace mil::interp;

namespace {

/// Reads `block_shape` ([2], positive) and `amounts` ([2, 2], non-negative).
bool blockParams(OpContext &ctx, const Tensor &x, StringRef amountsName,
                 std::vector<int64_t> &block, std::vector<int64_t> &amounts) {
  block = ctx.getInts("block_shape");
  amounts = ctx.getInts(amountsName);
  if (ctx.failed())
    return false;
  if (x.rank() != 4) {
    ctx.setError("x must have rank 4, has shape " + shapeToString(x.shape()));
    return false;
  }
  if (block.size() != 2 || amounts.size() != 4) {
    ctx.setError("block_shape must have 2 entries and " + amountsName + " 2x2");
    return false;
  }
  for (int64_t b : block)
    if (b <= 0 || b > kMaxValueSizedElements) {
      ctx.setError("block_shape entries must be positive");
      return false;
    }
  for (int64_t a : amounts)
    if (a < 0 || a > kMaxValueSizedElements) {
      ctx.setError(amountsName + " must be non-negative");
      return false;
    }
  return true;
}

LogicalResult spaceToBatch(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> block, pads;
  if (ctx.failed() || !blockParams(ctx, x, "paddings", block, pads))
    return failure();
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2],
          w = x.shape()[3];
  int64_t ph = h + pads[0] + pads[1], pw = w + pads[2] + pads[3];
  if (ph % block[0] || pw % block[1])
    return ctx.error("padded spatial size " + Twine(ph) + "x" + Twine(pw) +
                     " is not divisible by block_shape " + Twine(block[0]) +
                     "x" + Twine(block[1]));
  int64_t oh = ph / block[0], ow = pw / block[1];
  SmallVector<int64_t> shape{n * block[0] * block[1], c, oh, ow};
  if (!checkResultSize(ctx, shape))
    return failure();
  std::vector<float> sx, out(shape[0] * c * oh * ow, 0.0f);
  const float *px = x.floats(sx);
  for (int64_t bh = 0; bh < block[0]; ++bh)
    for (int64_t bw = 0; bw < block[1]; ++bw)
      for (int64_t b = 0; b < n; ++b) {
        int64_t ob = (bh * block[1] + bw) * n + b;
        for (int64_t ch = 0; ch < c; ++ch)
          for (int64_t i = 0; i < oh; ++i) {
            int64_t y = i * block[0] + bh - pads[0];
            if (y < 0 || y >= h)
              continue;
            for (int64_t j = 0; j < ow; ++j) {
              int64_t xx = j * block[1] + bw - pads[2];
              if (xx >= 0 && xx < w)
                out[((ob * c + ch) * oh + i) * ow + j] =
                    px[((b * c + ch) * h + y) * w + xx];
            }
          }
      }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

LogicalResult batchToSpace(OpContext &ctx) {
  const Tensor &x = ctx.in("x");
  std::vector<int64_t> block, crops;
  if (ctx.failed() || !blockParams(ctx, x, "crops", block, crops))
    return failure();
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2],
          w = x.shape()[3];
  if (n % (block[0] * block[1]))
    return ctx.error("batch " + Twine(n) +
                     " is not divisible by the product of block_shape " +
                     Twine(block[0] * block[1]));
  int64_t on = n / (block[0] * block[1]);
  int64_t oh = h * block[0] - crops[0] - crops[1],
          ow = w * block[1] - crops[2] - crops[3];
  if (oh < 0 || ow < 0)
    return ctx.error("crops remove more than the " + Twine(h * block[0]) + "x" +
                     Twine(w * block[1]) + " spatial size");
  SmallVector<int64_t> shape{on, c, oh, ow};
  std::vector<float> sx, out(on * c * oh * ow);
  const float *px = x.floats(sx);
  for (int64_t b = 0; b < on; ++b)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t i = 0; i < oh; ++i) {
        int64_t y = i + crops[0];
        int64_t bh = y % block[0], iy = y / block[0];
        for (int64_t j = 0; j < ow; ++j) {
          int64_t xx = j + crops[2];
          int64_t bw = xx % block[1], ix = xx / block[1];
          int64_t ib = (bh * block[1] + bw) * on + b;
          out[((b * c + ch) * oh + i) * ow + j] =
              px[((ib * c + ch) * h + iy) * w + ix];
        }
      }
  ctx.setFloatResult(0, OpContext::toShape(shape), std::move(out));
  return success();
}

} // namespace

void mil::interp::registerSpaceBatchOps(OpRegistry &r) {
  r["space_to_batch"] = spaceToBatch;
  r["batch_to_space"] = batchToSpace;
}
