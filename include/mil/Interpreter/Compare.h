//===- Compare.h - output error statistics ----------------------*- C++ -*-===//
//
// Part of mil-mlir. How far a computed tensor is from a reference one, in
// the measures users judge compressed models by.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_COMPARE_H
#define MIL_INTERPRETER_COMPARE_H

#include "mil/Interpreter/Tensor.h"

namespace mil::interp {

struct ErrorStats {
  /// 10 log10(sum ref^2 / sum (out - ref)^2); +inf when equal.
  double snr = 0;
  /// 20 log10(max |ref| / rms(out - ref)); +inf when equal.
  double psnr = 0;
  double maxAbsError = 0;
  /// False when the shapes differ (the other fields are then meaningless).
  bool comparable = false;
};

/// Statistics of `out` against `ref` (compared as doubles; any dtype but
/// string). NaN in `out` where `ref` is finite gives an SNR of -inf.
ErrorStats compareTensors(const Tensor &ref, const Tensor &out);

/// min, max and mean of the elements of `t` (zeros when empty).
struct Summary {
  double min = 0, max = 0, mean = 0;
};
Summary summarize(const Tensor &t);

} // namespace mil::interp

#endif // MIL_INTERPRETER_COMPARE_H
