//===- ConvQuantized.cpp - conv_quantized
//----------------------------------===//
//
// Part of mil-mlir. coremltools' experimental conv_quantized: a conv whose
// uint8 weight (and bias) are dequantized first, as the NeuralNetwork
// format's quantized weights are:
//   "linear": W = W_q * quant_scale + quant_bias, quant_scale and
//             quant_bias holding one value or one per output channel;
//   "lut":    W = quant_scale[W_q], quant_scale being the 2^nbits-entry
//             lookup table (quant_bias unused).
//
//===----------------------------------------------------------------------===//

#include "../OpUtils.h"

using namespace mlir;
using namespace mil::interp;

namespace {

/// `q` dequantized; element i belongs to output channel i / perChannel.
bool dequantizeWeights(OpContext &ctx, const Tensor &q, int64_t channels,
                       bool lut, int64_t nbits, const std::vector<float> &scale,
                       const std::vector<float> &bias, Tensor &out) {
  int64_t n = q.numElements();
  int64_t perChannel = channels ? n / channels : 0;
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i) {
    int64_t code = q.getInt(i);
    if (lut) {
      if (code >= (int64_t(1) << nbits) ||
          code >= static_cast<int64_t>(scale.size())) {
        ctx.setError(
            "weight code " + Twine(code) + " is outside the lookup table of " +
            Twine(std::min<int64_t>(scale.size(), 1 << nbits)) + " entries");
        return false;
      }
      v[i] = scale[code];
      continue;
    }
    int64_t c = perChannel ? i / perChannel : 0;
    float s = scale.size() == 1 ? scale[0] : scale[c];
    float b = bias.size() == 1 ? bias[0] : bias[c];
    v[i] = static_cast<float>(code) * s + b;
  }
  out = Tensor::fromFloats(DType::Float32, q.shape(), std::move(v));
  return true;
}

LogicalResult convQuantized(OpContext &ctx) {
  const Tensor &wq = ctx.in("weight");
  const Tensor *bq = ctx.has("bias") ? &ctx.in("bias") : nullptr;
  std::string type = ctx.getString("quantization_type");
  int64_t nbits = ctx.getInt("nbits", 8);
  const Tensor &scaleT = ctx.in("quant_scale");
  const Tensor &biasT = ctx.in("quant_bias");
  if (ctx.failed())
    return failure();
  if (type != "linear" && type != "lut")
    return ctx.error("quantization_type must be \"linear\" or \"lut\", not \"" +
                     type + "\"");
  if (nbits < 1 || nbits > 8)
    return ctx.error("nbits " + Twine(nbits) + " is outside [1, 8]");
  if (wq.rank() < 3)
    return ctx.error("weight must have rank >= 3, has shape " +
                     shapeToString(wq.shape()));
  bool lut = type == "lut";
  int64_t channels = wq.shape()[0];
  std::vector<float> scale = scaleT.toFloats(), bias = biasT.toFloats();
  if (lut) {
    if (scale.empty())
      return ctx.error("quant_scale (the lookup table) is empty");
  } else {
    auto fits = [&](size_t size) {
      return size == 1 || static_cast<int64_t>(size) == channels;
    };
    if (!fits(scale.size()) || !fits(bias.size()))
      return ctx.error("quant_scale and quant_bias must have 1 or " +
                       Twine(channels) + " elements, have " +
                       Twine(scale.size()) + " and " + Twine(bias.size()));
  }
  Tensor w, b;
  if (!dequantizeWeights(ctx, wq, channels, lut, nbits, scale, bias, w))
    return failure();
  if (bq && !dequantizeWeights(ctx, *bq, bq->numElements(), lut, nbits, scale,
                               bias, b))
    return failure();
  return evalConv(ctx, /*transposed=*/false, w, bq ? &b : nullptr);
}

} // namespace

void mil::interp::registerConvQuantizedOps(OpRegistry &r) {
  r["conv_quantized"] = convQuantized;
}
