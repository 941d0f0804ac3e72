//===- BitPacking.h - sub-byte element packing ------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// MIL stores int4 and uint1/2/3/4/6 tensors as an LSB-first bit stream:
// element i occupies stream bits [i*b, i*b + b), stream bit k being bit
// (k mod 8) of byte (k div 8). This is the layout of weight.bin blobs, of
// immediate `bytes` values, and of the iOS16 constexpr indices and masks.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_BITPACKING_H
#define MIL_COMPRESSION_BITPACKING_H

#include <cstddef>
#include <cstdint>

namespace mil::compression {

/// Bytes `count` elements of `bits` bits take when packed.
constexpr uint64_t packedSizeInBytes(uint64_t count, unsigned bits) {
  return (count * bits + 7) / 8;
}

/// Unused bits in the last byte of `count` packed elements of `bits` bits.
constexpr unsigned packedPaddingBits(uint64_t count, unsigned bits) {
  return static_cast<unsigned>((8 - (count * bits) % 8) % 8);
}

/// Packs the low `bits` bits (1..8) of each of `count` values into `out`,
/// which must hold packedSizeInBytes(count, bits) bytes; unused bits are 0.
/// Signed values (int4) are packed as their two's complement low bits.
void packBits(const uint8_t *values, uint64_t count, unsigned bits,
              uint8_t *out);

/// Unpacks `count` elements of `bits` bits from `packed` into `values`,
/// zero-extending each element.
void unpackBits(const uint8_t *packed, uint64_t count, unsigned bits,
                uint8_t *values);

/// Unpacks `count` signed elements of `bits` bits (int4), sign-extending.
void unpackSignedBits(const uint8_t *packed, uint64_t count, unsigned bits,
                      int8_t *values);

} // namespace mil::compression

#endif // MIL_COMPRESSION_BITPACKING_H
