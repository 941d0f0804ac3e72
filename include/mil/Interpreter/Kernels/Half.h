//===- Half.h - bulk fp16 <-> fp32 conversion -------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Every op of an fp16 program widens its inputs and rounds its outputs, so
// these loops run over every activation twice per op. They use the F16C
// instructions when the CPU has them (checked at run time: the build is not
// tied to the build machine) and the exact scalar conversions of
// mil/Compression/Half.h otherwise; both round to nearest even.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_HALF_H
#define MIL_INTERPRETER_KERNELS_HALF_H

#include <cstdint>

namespace mil::kernels {

/// out[i] = the float of fp16 bits in[i] (exact).
void halfToFloat(const uint16_t *in, float *out, int64_t n);
/// out[i] = in[i] rounded to fp16 bits, to nearest even (overflow to
/// infinity, NaN stays NaN).
void floatToHalf(const float *in, uint16_t *out, int64_t n);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_HALF_H
