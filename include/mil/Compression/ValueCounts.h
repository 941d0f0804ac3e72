//===- ValueCounts.h - zeros and distinct values of a tensor ----*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// What `mil-compress --info` shows of a weight, at the speed of reading it:
// 16- and 8-bit tensors are counted with a bitmap of every bit pattern (no
// sorted copy), in parallel chunks.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_VALUECOUNTS_H
#define MIL_COMPRESSION_VALUECOUNTS_H

#include "mil/Compression/TensorRef.h"

#include <cstdint>

namespace mil::compression {

struct ValueCounts {
  /// Elements with |x| <= 1e-12.
  uint64_t zeros = 0;
  /// Distinct values; -0 equals +0 and all NaNs count as one value.
  uint64_t distinct = 0;
};

/// Counts the `count` elements of `type` at `data`.
ValueCounts countValues(ElemType type, const void *data, uint64_t count);

} // namespace mil::compression

#endif // MIL_COMPRESSION_VALUECOUNTS_H
