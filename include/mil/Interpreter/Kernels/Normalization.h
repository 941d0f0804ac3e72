//===- Normalization.h - softmax and the MIL normalizations -----*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_NORMALIZATION_H
#define MIL_INTERPRETER_KERNELS_NORMALIZATION_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// MIL `softmax` along `axis`: exp(x - max) / sum(exp(x - max)).
void softmax(const float *x, const Shape &shape, int64_t axis, float *out);

/// log_softmax along `axis`: x - max - log(sum(exp(x - max))).
void logSoftmax(const float *x, const Shape &shape, int64_t axis, float *out);

/// MIL `layer_norm`: over the dimensions in `axes` (any set, unique),
/// out = (x - mean) / sqrt(var + epsilon) * gamma + beta with the biased
/// variance. gamma and beta have shape [x.shape[a] for a in sorted(axes)]
/// (row-major); either may be null (ones / zeros).
void layerNorm(const float *x, const Shape &shape,
               const std::vector<int64_t> &axes, const float *gamma,
               const float *beta, float epsilon, float *out);

/// MIL `instance_norm`: x [N, C, *D] normalized over *D per (n, c), then
/// * gamma[c] + beta[c] (null: ones / zeros); biased variance.
void instanceNorm(const float *x, const Shape &shape, const float *gamma,
                  const float *beta, float epsilon, float *out);

/// MIL `batch_norm`: x [N, C, *D] (rank >= 2),
/// out = (x - mean[c]) / sqrt(variance[c] + epsilon) * gamma[c] + beta[c];
/// gamma and beta may be null.
void batchNorm(const float *x, const Shape &shape, const float *mean,
               const float *variance, const float *gamma, const float *beta,
               float epsilon, float *out);

/// MIL `l2_norm`: x seen as [outer, inner]; each row divided by
/// sqrt(sum of its squares + epsilon). MIL normalizes the last three
/// dimensions: outer = product of the first rank - 3 (1 when rank <= 3).
void l2Norm(const float *x, int64_t outer, int64_t inner, float epsilon,
            float *out);

/// MIL `local_response_norm` on x [N, C, *D]:
/// out = x / (k + alpha / size * sum_j x_j^2)^beta, j over the channels
/// [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)] within [0, C).
void localResponseNorm(const float *x, const Shape &shape, int64_t size,
                       float alpha, float beta, float k, float *out);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_NORMALIZATION_H
