//===- Conv.h - N-d convolution, transposed convolution, pads ---*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// MIL `conv` and `conv_transpose` over 1 to 3 spatial dimensions (any count
// works), NC* layout, with groups, strides, dilations and explicit pads. The
// pad and output-size rules of MIL's pad_type (shared by conv and the pools)
// are in computeSpatialPads.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_CONV_H
#define MIL_INTERPRETER_KERNELS_CONV_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// MIL `pad_type`.
enum class PadType { Valid, Same, SameLower, Custom };

/// Parses "valid", "same", "same_lower", "custom"; false otherwise.
bool parsePadType(const std::string &name, PadType &padType);

/// Pads and output sizes of conv and the pools (coremltools'
/// spatial_dimensions_out_shape), per spatial dimension i with effective
/// kernel ke = (kernel[i] - 1) * dilations[i] + 1:
/// - valid: no pads.
/// - same / same_lower: total = max(0, s * ceil(in / s) - in + ke - s);
///   same puts floor(total / 2) before, same_lower ceil(total / 2).
/// - custom: customPad[2i] before, customPad[2i + 1] after.
/// out = floor((in + total - ke) / s) + 1; with ceilMode (pools)
/// out = floor((in + total - ke + s - 1) / s) + 1, minus one when total > 0
/// and (out - 1) * s >= in + total / 2 (the last window would start in the
/// padding). The pads returned are the ones given (a ceil-mode window may
/// extend past padAfter; the kernels clip it). `dilations` may be empty (all
/// ones); `customPad` is used only for Custom. Fails on a non-positive
/// output size, stride, dilation or kernel size, a negative pad, sizes that
/// do not agree, or other than 1 to 3 spatial dimensions (MIL's range, the
/// kernels' too).
bool computeSpatialPads(PadType padType, const Shape &inSpatial,
                        const Shape &kernel, const Shape &strides,
                        const Shape &dilations, const Shape &customPad,
                        bool ceilMode, Shape &padBefore, Shape &padAfter,
                        Shape &outSpatial, std::string &error);

/// Geometry of a convolution; every vector has one entry per spatial
/// dimension.
struct ConvParams {
  Shape strides;
  Shape dilations;
  Shape padBefore;
  Shape padAfter;
  int64_t groups = 1;
};

/// Checks x [N, C_in, *D], weight [C_out, C_in / groups, *K] and the
/// params, and gives out [N, C_out, *O] with
/// O[i] = floor((D[i] + padBefore[i] + padAfter[i] - ke[i]) / strides[i]) + 1.
bool convShape(const Shape &xShape, const Shape &weightShape,
               const ConvParams &params, Shape &outShape, std::string &error);

/// MIL `conv`: out[n, co, o] = bias[co] + sum over ci in co's group and k
/// of w[co, ci, k] * x[n, g * C_in/groups + ci, o * s + k * d - padBefore],
/// zero outside x. `bias` ([C_out]) may be null. im2col + GEMM; depthwise
/// (C_in / groups == 1) by a direct kernel.
void conv(const float *x, const Shape &xShape, const float *weight,
          const Shape &weightShape, const float *bias, const ConvParams &params,
          float *out, const Shape &outShape);

/// Pads and output size of MIL `conv_transpose` per spatial dimension, with
/// ke = (K - 1) * d + 1 and full = (in - 1) * s + ke:
/// - outputSpatial given (non-empty, MIL `output_shape`'s spatial part):
///   out = outputSpatial; for Same/SameLower total = max(0, full - out) is
///   split as for conv; for Valid/Custom the given pads are kept.
/// - otherwise valid: out = full, no pads; same: out = in * s, total =
///   max(0, full - out) split as for conv; custom: out = full - before -
///   after.
bool computeConvTransposePads(PadType padType, const Shape &inSpatial,
                              const Shape &kernel, const Shape &strides,
                              const Shape &dilations, const Shape &customPad,
                              const Shape &outputSpatial, Shape &padBefore,
                              Shape &padAfter, Shape &outSpatial,
                              std::string &error);

/// Checks x [N, C_in, *D], weight [C_in, C_out / groups, *K] (MIL
/// conv_transpose layout, PyTorch's too) and gives out [N, C_out, *O] with
/// O[i] = (D[i] - 1) * s + ke - padBefore - padAfter.
bool convTransposeShape(const Shape &xShape, const Shape &weightShape,
                        const ConvParams &params, Shape &outShape,
                        std::string &error);

/// MIL `conv_transpose`, the adjoint of conv: each x[n, ci, i] adds
/// x * w[ci, co, k] to out[n, g * C_out/groups + co, i * s + k * d -
/// padBefore] when inside `outShape`, then bias. `outShape` may be larger
/// than convTransposeShape's (output_shape / output padding): the extra
/// positions get the contributions that land there, and bias.
void convTranspose(const float *x, const Shape &xShape, const float *weight,
                   const Shape &weightShape, const float *bias,
                   const ConvParams &params, float *out, const Shape &outShape);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_CONV_H
