//===- ConstexprIOS16.h - iOS16 constexpr decompression --*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Value semantics of the iOS16 constexpr ops (spec/compression.md 1.1-1.4):
// constexpr_affine_dequantize, constexpr_cast, constexpr_lut_to_dense and
// constexpr_sparse_to_dense. Every kernel writes into a caller-provided
// buffer and allocates nothing except the message of a failed Status.
// Tensors are dense, row-major (numpy C order); fp16 elements are raw IEEE
// binary16 bits (uint16_t). The `void *` buffers need no particular
// alignment.
//
// The declarations live in `mil::compression::ios16`; the parameter types
// are those of TensorRef.h.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_CONSTEXPRIOS16_H
#define MIL_COMPRESSION_CONSTEXPRIOS16_H

#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace mil::compression::ios16 {

using compression::ElemType;
using compression::elemTypeSize;
using compression::numElements;
using compression::Status;
using compression::TensorRef;

/// MIL spelling of `type` ("uint8", "int8", "fp16", "fp32").
const char *elemTypeName(ElemType type);

/// constexpr_affine_dequantize (1.1):
///   out = cast_to(scale.type,
///                 (float32(quantized_data) - float32(zero_point)) * scale)
/// computed in float32; fp16 output rounds to nearest even. `zeroPoint` and
/// `scale` are scalars (rank 0) or vectors (rank 1) along `axis`
/// (-rank <= axis < rank). quantized_data is uint8/int8, zero_point
/// uint8/int8/fp32, scale fp16/fp32. The output has quantizedData.shape and
/// the scale's element type; `output` must hold `outputBytes` >=
/// numElements(quantizedData.shape) * elemTypeSize(scale.type) bytes.
Status affineDequantize(const TensorRef &quantizedData,
                        const TensorRef &zeroPoint, const TensorRef &scale,
                        int64_t axis, void *output, size_t outputBytes);

/// fp16 -> fp32 of `count` elements (exact).
void castHalfToFloat(const uint16_t *source, uint64_t count, float *output);

/// constexpr_cast (1.2): `source` must be fp16 and `outputDtype` "fp32";
/// writes numElements(source.shape) floats to `output` (`outputBytes` long).
Status cast(const TensorRef &source, llvm::StringRef outputDtype, void *output,
            size_t outputBytes);

/// Index width of a LUT of `lutSize` entries: log2 of 2/4/16/64/256, or 0 if
/// the size is not one of those.
unsigned lutIndexBits(uint64_t lutSize);

/// constexpr_lut_to_dense, iOS16 form (1.3): `indices` is a rank-1 uint8
/// tensor of LSB-first packed nbits-wide indices, `lut` a rank-1 table of
/// 2^nbits entries (nbits in {1, 2, 4, 6, 8}; uint8/int8/fp16/fp32).
/// Writes lut[index[k]] for every element k of `shape` (the output has the
/// LUT's element type); `output` must hold numElements(shape) *
/// elemTypeSize(lut.type) bytes. Padding bits of the last byte are ignored.
Status lutToDense(const TensorRef &indices, const TensorRef &lut,
                  llvm::ArrayRef<int64_t> shape, void *output,
                  size_t outputBytes);

/// constexpr_sparse_to_dense, iOS16 form (1.4): `mask` is a rank-1 uint8
/// tensor, one LSB-first bit per element of `shape`; `nonzeroData` is the
/// rank-1 list of the values at the set bits, in order. Writes a dense
/// tensor of `shape` (nonzeroData's element type) with zeros elsewhere;
/// `output` must hold numElements(shape) * elemTypeSize(nonzeroData.type)
/// bytes.
Status sparseToDense(const TensorRef &nonzeroData, const TensorRef &mask,
                     llvm::ArrayRef<int64_t> shape, void *output,
                     size_t outputBytes);

} // namespace mil::compression::ios16

#endif // MIL_COMPRESSION_CONSTEXPRIOS16_H
