//===- TensorRef.h - views of tensors for the numeric kernels ---*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The parameter types the decompression and compression kernels share.
// Tensors are dense and row-major (numpy C order); fp16 elements are raw IEEE
// binary16 bits (uint16_t). Sub-byte tensors are passed unpacked, one byte
// per element: int4 as Int8, uint1..uint6 as UInt8, with TensorRef::bits
// giving the MIL bit width.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_TENSORREF_H
#define MIL_COMPRESSION_TENSORREF_H

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace mil::compression {

/// Storage types of kernel tensors.
enum class ElemType : uint8_t { UInt8, Int8, Float16, Float32 };

/// Bytes of one element of `type`.
constexpr size_t elemTypeSize(ElemType type) {
  switch (type) {
  case ElemType::UInt8:
  case ElemType::Int8:
    return 1;
  case ElemType::Float16:
    return 2;
  case ElemType::Float32:
    return 4;
  }
  return 0;
}

/// Product of `shape` (1 for rank 0). Dimensions are assumed non-negative.
inline uint64_t numElements(llvm::ArrayRef<int64_t> shape) {
  uint64_t count = 1;
  for (int64_t dim : shape)
    count *= static_cast<uint64_t>(dim);
  return count;
}

/// Result of a kernel: ok, or failed with the spec's message.
struct Status {
  bool ok = true;
  std::string message;

  static Status success() { return {}; }
  static Status error(std::string message) {
    return {false, std::move(message)};
  }
  explicit operator bool() const { return ok; }
};

/// A read-only dense tensor: `numElements(shape)` elements of `type` at
/// `data`. A rank-0 tensor (empty shape) is a scalar. `bits` is the MIL bit
/// width of an integer tensor (int4 -> 4, uint1 -> 1, int8/uint8 -> 8); it
/// is ignored for float types.
struct TensorRef {
  const void *data = nullptr;
  ElemType type = ElemType::UInt8;
  llvm::ArrayRef<int64_t> shape;
  unsigned bits = 8;
};

} // namespace mil::compression

#endif // MIL_COMPRESSION_TENSORREF_H
