//===- CpuFeatures.h - run-time choice of the AVX2 + F16C kernels ---------===//
//
// Part of mil-mlir.
//
// The build targets plain x86-64; kernels compiled with MIL_TARGET_AVX2 run
// only where cpuHasAVX2F16C() says the CPU has both instruction sets.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_COMPRESSION_CPUFEATURES_H
#define MIL_LIB_COMPRESSION_CPUFEATURES_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MIL_HAVE_AVX2_KERNELS 1
#define MIL_TARGET_AVX2 __attribute__((target("avx2,f16c")))

namespace mil::compression {
/// Whether the CPU has AVX2 and F16C (checked once).
inline bool cpuHasAVX2F16C() {
  static const bool has =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c");
  return has;
}
} // namespace mil::compression
#endif

#endif // MIL_LIB_COMPRESSION_CPUFEATURES_H
