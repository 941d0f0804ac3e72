//===- ConvPlan.h - convolutions prepared once on oneDNN --------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// A convolution whose weights are constant, prepared once for one input
// shape: oneDNN's direct convolution in the layouts it prefers (channels
// last or channel-blocked), the weights reordered once, each call
// reordering the input in and the output back to row-major (as PyTorch's
// mkldnn path does).
// docs/Performance.md has the measurements.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_CONVPLAN_H
#define MIL_INTERPRETER_KERNELS_CONVPLAN_H

#include "mil/Interpreter/Kernels/Conv.h"

#include <memory>

namespace mil::kernels {

class ConvPlan {
public:
  /// The plan of conv() on these operands (shapes checked by convShape),
  /// or null when oneDNN has no fast convolution for them (conv() then
  /// does the work). `weight` and `bias` (may be null) are copied.
  static std::unique_ptr<ConvPlan>
  create(const Shape &xShape, const float *weight, const Shape &weightShape,
         const float *bias, const ConvParams &params, const Shape &outShape);
  ~ConvPlan();

  /// The input shape the plan was made for.
  const Shape &inputShape() const;
  /// out = conv(x) as conv() computes it, up to float summation order;
  /// false (out undefined) when oneDNN reports an error. Not reentrant.
  bool run(const float *x, float *out);

private:
  struct Impl;
  explicit ConvPlan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_CONVPLAN_H
