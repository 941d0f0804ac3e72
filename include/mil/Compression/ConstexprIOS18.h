//===- ConstexprIOS18.h - iOS18 constexpr decompression --*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Value semantics of the iOS18 constexpr ops (spec/compression.md 1.5-1.9):
// constexpr_blockwise_shift_scale, constexpr_lut_to_dense (grouped / vector
// form), constexpr_sparse_to_dense (mask form), constexpr_lut_to_sparse and
// constexpr_sparse_blockwise_shift_scale. Chains (1.11) are evaluated by
// calling the kernels in program order, feeding one kernel's output buffers
// to the next.
//
// Tensors are dense and row-major (numpy C order); fp16 elements are raw
// IEEE binary16 bits (uint16_t). Sub-byte tensors are passed UNPACKED, one
// byte per element (unpack them with BitPacking.h first): int4 as Int8,
// uint1/2/3/4/6 as UInt8, with TensorRef::bits giving the MIL bit width.
// Masks are uint1 tensors: one byte per element, nonzero meaning set.
//
// Every kernel validates first (in the spec's order, with the spec's
// messages) and writes nothing when validation fails. Kernels allocate at
// most one scratch buffer per call (lutToSparse), never per element.
//
// The declarations live in `mil::compression::ios18`; the parameter types
// are those of TensorRef.h.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_CONSTEXPRIOS18_H
#define MIL_COMPRESSION_CONSTEXPRIOS18_H

#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/TensorRef.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mil::compression::ios18 {

using compression::ElemType;
using compression::elemTypeSize;
using compression::ErrorStats;
using compression::numElements;
using compression::Status;
using compression::TensorRef;

/// MIL spelling of a tensor's dtype: "int4", "uint1", "uint8", "fp16", ...
std::string dtypeName(ElemType type, unsigned bits = 8);

//===----------------------------------------------------------------------===//
// constexpr_blockwise_shift_scale (1.5)
//===----------------------------------------------------------------------===//

/// Validates the inputs of constexpr_blockwise_shift_scale (1.5): `data`
/// int4/uint4/int8/uint8/fp16/fp32, `scale` fp16/fp32 of the same rank whose
/// dims divide data's, optional `offset` (nullptr when absent) shaped like
/// `scale`, float or of data's dtype. The output has data.shape and the
/// scale's element type.
Status verifyBlockwiseShiftScale(const TensorRef &data, const TensorRef &scale,
                                 const TensorRef *offset);

/// constexpr_blockwise_shift_scale (1.5):
///   out[i] = scale[j] * (data[i] - offset[j]),  j_k = i_k / (d_k / s_k).
/// As numpy does it: data is first cast to the scale dtype; with an fp32
/// scale all arithmetic is float32; with an fp16 scale each step is rounded
/// to fp16 (round to nearest even), except that an fp32 offset promotes the
/// subtraction and the product to float32 before the final fp16 rounding.
/// For integer data this equals computing in float32 and rounding once.
/// `output` must hold `outputBytes` >= numElements(data.shape) *
/// elemTypeSize(scale.type) bytes.
Status blockwiseShiftScale(const TensorRef &data, const TensorRef &scale,
                           const TensorRef *offset, void *output,
                           size_t outputBytes);

/// The ErrorStats (ErrorStats.h) of blockwiseShiftScale's output against
/// the first `count` elements of `reference`, computed while the output is
/// made a chunk at a time in small per-thread buffers, never whole; equal
/// bit for bit to measureError of the whole output. 4-bit `data` may be
/// given still packed LSB first (as weight.bin stores it) with
/// `dataPacked`; `count` must not exceed the output's element count.
Status blockwiseShiftScaleError(const TensorRef &data, bool dataPacked,
                                const TensorRef &scale, const TensorRef *offset,
                                ElemType referenceType, const void *reference,
                                uint64_t count, ErrorStats &stats);

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense, iOS18 grouped / vector form (1.6)
//===----------------------------------------------------------------------===//

/// Validates constexpr_lut_to_dense (1.6) and computes its output shape:
/// `indices` is an unpacked UInt8 tensor of rank K >= 1 whose `bits` is the
/// index width nbits; `lut` (uint8/int8/fp16/fp32) has shape
/// [G_0, ..., G_{K-1}, 2^nbits, VECTOR_SIZE]; `vectorAxis` is required iff
/// VECTOR_SIZE > 1 and lies in [-K, K). The output shape is indices.shape
/// with dim vectorAxis multiplied by VECTOR_SIZE.
Status lutToDenseShape(const TensorRef &indices, const TensorRef &lut,
                       std::optional<int64_t> vectorAxis,
                       std::vector<int64_t> &outputShape);

/// constexpr_lut_to_dense (1.6): out[i] = lut[g(i), indices[i], 0] with
/// g_k(i) = i_k / (indices.shape[k] / G_k); with VECTOR_SIZE = V > 1 each
/// index position i expands into the V output elements
/// out[..., i_a * V + v, ...] = lut[g(i), indices[i], v] along axis a.
/// The output has the LUT's element type and lutToDenseShape's shape;
/// `output` must hold `outputBytes` >= numElements(shape) *
/// elemTypeSize(lut.type) bytes. An index >= NUM_PALETTES is an error.
Status lutToDense(const TensorRef &indices, const TensorRef &lut,
                  std::optional<int64_t> vectorAxis, void *output,
                  size_t outputBytes);

/// lutToDense for a per-tensor scalar LUT (shape [1, ..., 1, 2^bits, 1])
/// with the indices still packed LSB first (bits 1, 2, 4 or 8, as weight.bin
/// stores them): one table lookup per index, no unpacked copy.
Status lutToDensePerTensorPacked(const uint8_t *packedIndices, unsigned bits,
                                 uint64_t count, const TensorRef &lut,
                                 void *output, size_t outputBytes);

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense, iOS18 mask form (1.7)
//===----------------------------------------------------------------------===//

/// constexpr_sparse_to_dense (1.7): `nonzeroData` (rank 1, length D; any
/// ElemType) and a uint1 `mask` (UInt8, one byte per element) with exactly
/// D nonzero elements. Writes a tensor of mask.shape (nonzeroData's element
/// type): zeros, except the set positions, in row-major order, receive
/// nonzeroData[0], nonzeroData[1], ...; `output` must hold `outputBytes` >=
/// numElements(mask.shape) * elemTypeSize(nonzeroData.type) bytes.
Status sparseToDense(const TensorRef &nonzeroData, const TensorRef &mask,
                     void *output, size_t outputBytes);

/// sparseToDense with the uint1 mask still packed (LSB first, as weight.bin
/// stores it): `maskBits` holds ceil(numElements(shape) / 8) bytes. Saves
/// unpacking a mask of one byte per element on large weights.
Status sparseToDensePacked(const TensorRef &nonzeroData,
                           const uint8_t *maskBits,
                           llvm::ArrayRef<int64_t> shape, void *output,
                           size_t outputBytes);

//===----------------------------------------------------------------------===//
// constexpr_lut_to_sparse (1.8)
//===----------------------------------------------------------------------===//

/// Validates constexpr_lut_to_sparse (1.8) -- the 1.7 checks on
/// (indicesNonzeroData, indicesMask), then the 1.6 checks with
/// indices.shape := indicesMask.shape and the index width of
/// indicesNonzeroData -- and computes the output mask shape (indicesMask's,
/// dim vectorAxis times VECTOR_SIZE) and the output data length
/// (D * VECTOR_SIZE).
Status lutToSparseShapes(const TensorRef &indicesMask,
                         const TensorRef &indicesNonzeroData,
                         const TensorRef &lut,
                         std::optional<int64_t> vectorAxis,
                         std::vector<int64_t> &outputMaskShape,
                         int64_t &outputNonzeroCount);

/// constexpr_lut_to_sparse (1.8): de-palettizes the densified indices as
/// lutToDense does, expands the mask by repeating each element VECTOR_SIZE
/// times along vectorAxis, and writes the expanded mask (0/1 bytes, uint1
/// unpacked) to `outputMask` and the de-palettized values at its set
/// positions, in row-major order, to `outputNonzeroData` (LUT element type).
/// The buffers must hold `outputMaskBytes` >= numElements(mask shape) and
/// `outputNonzeroDataBytes` >= D * VECTOR_SIZE * elemTypeSize(lut.type)
/// bytes.
Status lutToSparse(const TensorRef &indicesMask,
                   const TensorRef &indicesNonzeroData, const TensorRef &lut,
                   std::optional<int64_t> vectorAxis, uint8_t *outputMask,
                   size_t outputMaskBytes, void *outputNonzeroData,
                   size_t outputNonzeroDataBytes);

//===----------------------------------------------------------------------===//
// constexpr_sparse_blockwise_shift_scale (1.9)
//===----------------------------------------------------------------------===//

/// constexpr_sparse_blockwise_shift_scale (1.9): validates with the 1.7
/// checks on (nonzeroData, dataMask), then the 1.5 checks with
/// data.shape := dataMask.shape and data dtype := nonzeroData's; writes the
/// mask (0/1 bytes) to `outputMask` and, for each set position in row-major
/// order, scale[j] * (nonzeroData[d] - offset[j]) (arithmetic as in
/// blockwiseShiftScale, blocks taken on the dense shape) to
/// `outputNonzeroData` (scale element type). The buffers must hold
/// `outputMaskBytes` >= numElements(dataMask.shape) and
/// `outputNonzeroDataBytes` >= D * elemTypeSize(scale.type) bytes.
Status sparseBlockwiseShiftScale(const TensorRef &dataMask,
                                 const TensorRef &nonzeroData,
                                 const TensorRef &scale,
                                 const TensorRef *offset, uint8_t *outputMask,
                                 size_t outputMaskBytes,
                                 void *outputNonzeroData,
                                 size_t outputNonzeroDataBytes);

} // namespace mil::compression::ios18

#endif // MIL_COMPRESSION_CONSTEXPRIOS18_H
