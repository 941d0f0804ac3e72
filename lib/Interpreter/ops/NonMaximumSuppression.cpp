//===- NonMaximumSuppression.cpp - non_maximum_suppression
//-----------------===//
//
// Part of mil-mlir. Greedy NMS per batch element. Boxes are
// [x_center, y_center, width, height] (the form coremltools' PyTorch
// frontend converts torchvision's corner boxes to before this op). A box's
// score is its best class score (with per_class_suppression, each
// (box, class) pair is a candidate scored by that class and suppresses only
// candidates of its class). Candidates scoring below score_threshold are
// dropped; the rest are taken in descending score order (ties: lower box
// index first), each kept unless its IoU with a kept candidate exceeds
// iou_threshold, until max_boxes are kept. Results are padded to max_boxes
// with zero boxes and scores and index -1.
//
// iOS15/16 form: boxes [n, B, 4], scores [n, B, K], four results (the last
// is the count per batch element). iOS17 form (no score_threshold): boxes
// [n, 4, B], scores [n, K, B], three results.
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace mil::interp;

namespace {

float iou(const float *a, const float *b) {
  float ax0 = a[0] - a[2] / 2, ax1 = a[0] + a[2] / 2;
  float ay0 = a[1] - a[3] / 2, ay1 = a[1] + a[3] / 2;
  float bx0 = b[0] - b[2] / 2, bx1 = b[0] + b[2] / 2;
  float by0 = b[1] - b[3] / 2, by1 = b[1] + b[3] / 2;
  float iw = std::max(0.0f, std::min(ax1, bx1) - std::max(ax0, bx0));
  float ih = std::max(0.0f, std::min(ay1, by1) - std::max(ay0, by0));
  float inter = iw * ih;
  float uni = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter;
  return uni > 0 ? inter / uni : 0.0f;
}

/// `t` [n, a, b] transposed to [n, b, a].
std::vector<float> swapLast(const std::vector<float> &t, int64_t n, int64_t a,
                            int64_t b) {
  std::vector<float> out(t.size());
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < a; ++j)
      for (int64_t k = 0; k < b; ++k)
        out[(i * b + k) * a + j] = t[(i * a + j) * b + k];
  return out;
}

LogicalResult nms(OpContext &ctx) {
  const Tensor &boxesT = ctx.in("boxes");
  const Tensor &scoresT = ctx.in("scores");
  double iouThreshold = ctx.getFloat("iou_threshold");
  bool iOS15 = ctx.has("score_threshold");
  double scoreThreshold =
      ctx.getFloat("score_threshold", -std::numeric_limits<double>::infinity());
  int64_t maxBoxes = ctx.getInt("max_boxes");
  bool perClass = ctx.getBool("per_class_suppression", false);
  if (ctx.failed())
    return failure();
  if (boxesT.rank() != 3 || scoresT.rank() != 3 ||
      boxesT.shape()[0] != scoresT.shape()[0])
    return ctx.error("boxes and scores must be rank 3 with one batch size");
  int64_t n = boxesT.shape()[0], numBoxes, k;
  std::vector<float> boxes = boxesT.toFloats(), scores = scoresT.toFloats();
  if (iOS15) {
    numBoxes = boxesT.shape()[1];
    k = scoresT.shape()[2];
    if (boxesT.shape()[2] != 4 || scoresT.shape()[1] != numBoxes)
      return ctx.error("boxes must be [n, B, 4] and scores [n, B, K]");
  } else {
    numBoxes = boxesT.shape()[2];
    k = scoresT.shape()[1];
    if (boxesT.shape()[1] != 4 || scoresT.shape()[2] != numBoxes)
      return ctx.error("boxes must be [n, 4, B] and scores [n, K, B]");
    boxes = swapLast(boxes, n, 4, numBoxes);
    scores = swapLast(scores, n, k, numBoxes);
  }
  if (maxBoxes < 0)
    return ctx.error("max_boxes is negative");
  SmallVector<int64_t> boxShape{n, maxBoxes, 4}, scoreShape{n, maxBoxes, k};
  if (!checkResultSize(ctx, boxShape) || !checkResultSize(ctx, scoreShape))
    return failure();
  std::vector<float> outBoxes(n * maxBoxes * 4, 0.0f),
      outScores(n * maxBoxes * k, 0.0f);
  std::vector<int64_t> outIndices(n * maxBoxes, -1), counts(n, 0);
  struct Candidate {
    int64_t box, cls;
    float score;
  };
  for (int64_t b = 0; b < n; ++b) {
    const float *bb = boxes.data() + b * numBoxes * 4;
    const float *sb = scores.data() + b * numBoxes * k;
    std::vector<Candidate> cands;
    for (int64_t i = 0; i < numBoxes && k > 0; ++i) {
      if (perClass) {
        for (int64_t c = 0; c < k; ++c)
          if (sb[i * k + c] >= scoreThreshold)
            cands.push_back({i, c, sb[i * k + c]});
      } else {
        float best = *std::max_element(sb + i * k, sb + (i + 1) * k);
        if (best >= scoreThreshold)
          cands.push_back({i, 0, best});
      }
    }
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Candidate &x, const Candidate &y) {
                       return x.score > y.score;
                     });
    std::vector<Candidate> kept;
    for (const Candidate &cand : cands) {
      if (static_cast<int64_t>(kept.size()) >= maxBoxes)
        break;
      bool suppressed = false;
      for (const Candidate &prev : kept)
        if (prev.cls == cand.cls &&
            iou(bb + prev.box * 4, bb + cand.box * 4) > iouThreshold) {
          suppressed = true;
          break;
        }
      if (suppressed)
        continue;
      int64_t slot = b * maxBoxes + kept.size();
      std::copy(bb + cand.box * 4, bb + cand.box * 4 + 4,
                outBoxes.begin() + slot * 4);
      std::copy(sb + cand.box * k, sb + (cand.box + 1) * k,
                outScores.begin() + slot * k);
      outIndices[slot] = cand.box;
      kept.push_back(cand);
    }
    counts[b] = kept.size();
  }
  ctx.setFloatResult(0, OpContext::toShape(boxShape), std::move(outBoxes));
  ctx.setFloatResult(1, OpContext::toShape(scoreShape), std::move(outScores));
  ctx.setResult(2,
                Tensor::fromInts(ctx.resultType(2), {n, maxBoxes}, outIndices));
  if (ctx.getNumResults() > 3)
    ctx.setResult(3, Tensor::fromInts(ctx.resultType(3), {n}, counts));
  return success();
}

} // namespace

void mil::interp::registerNonMaximumSuppressionOps(OpRegistry &r) {
  r["non_maximum_suppression"] = nms;
}
