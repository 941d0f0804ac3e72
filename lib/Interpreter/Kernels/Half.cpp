//===- Half.cpp - bulk fp16 <-> fp32 conversion ---------------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Half.h"
#include "mil/Compression/Half.h"
#include "mil/Interpreter/Kernels/Common.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MIL_HAVE_F16C_PATH 1
#endif

using namespace mil::kernels;

namespace {
/// Elements per parallelFor chunk: below this a thread hand-off costs more
/// than the conversion.
constexpr int64_t kGrain = int64_t(1) << 16;

#ifdef MIL_HAVE_F16C_PATH
bool hasF16C() {
  static const bool has =
      __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
  return has;
}

__attribute__((target("avx,f16c"))) void
halfToFloatF16C(const uint16_t *in, float *out, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128(
                                  reinterpret_cast<const __m128i *>(in + i))));
  for (; i < n; ++i)
    out[i] = mil::compression::halfToFloat(in[i]);
}

__attribute__((target("avx,f16c"))) void
floatToHalfF16C(const float *in, uint16_t *out, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm_storeu_si128(
        reinterpret_cast<__m128i *>(out + i),
        _mm256_cvtps_ph(_mm256_loadu_ps(in + i), _MM_FROUND_TO_NEAREST_INT));
  for (; i < n; ++i)
    out[i] = mil::compression::floatToHalf(in[i]);
}
#endif

void halfToFloatRange(const uint16_t *in, float *out, int64_t n) {
#ifdef MIL_HAVE_F16C_PATH
  if (hasF16C())
    return halfToFloatF16C(in, out, n);
#endif
  for (int64_t i = 0; i < n; ++i)
    out[i] = mil::compression::halfToFloat(in[i]);
}

void floatToHalfRange(const float *in, uint16_t *out, int64_t n) {
#ifdef MIL_HAVE_F16C_PATH
  if (hasF16C())
    return floatToHalfF16C(in, out, n);
#endif
  for (int64_t i = 0; i < n; ++i)
    out[i] = mil::compression::floatToHalf(in[i]);
}
} // namespace

void mil::kernels::halfToFloat(const uint16_t *in, float *out, int64_t n) {
  if (n <= kGrain)
    return halfToFloatRange(in, out, n);
  parallelFor(n, kGrain, [&](int64_t begin, int64_t end) {
    halfToFloatRange(in + begin, out + begin, end - begin);
  });
}

void mil::kernels::floatToHalf(const float *in, uint16_t *out, int64_t n) {
  if (n <= kGrain)
    return floatToHalfRange(in, out, n);
  parallelFor(n, kGrain, [&](int64_t begin, int64_t end) {
    floatToHalfRange(in + begin, out + begin, end - begin);
  });
}
