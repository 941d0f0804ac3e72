//===- BitPacking.cpp - sub-byte element packing ----------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"

#include "llvm/Support/Endian.h"

#include <cstring>

using namespace mil::compression;

/// Packs whole bytes of 8 / bits elements for widths that divide 8: each
/// output byte depends on one run of inputs, so the loop has no carried
/// state and vectorizes.
template <unsigned Bits>
static void packWhole(const uint8_t *values, uint64_t bytes, uint8_t *out) {
  constexpr unsigned perByte = 8 / Bits, mask = (1u << Bits) - 1;
  for (uint64_t b = 0; b < bytes; ++b) {
    unsigned byte = 0;
    for (unsigned k = 0; k < perByte; ++k)
      byte |= (values[b * perByte + k] & mask) << (k * Bits);
    out[b] = static_cast<uint8_t>(byte);
  }
}

/// 4-bit packing eight values at a time in a 64-bit word (the generic loop
/// does not vectorize: its input and output may alias).
template <>
void packWhole<4>(const uint8_t *values, uint64_t bytes, uint8_t *out) {
  uint64_t b = 0;
  for (; b + 4 <= bytes; b += 4) {
    uint64_t v =
        llvm::support::endian::read64le(values + 2 * b) & 0x0F0F0F0F0F0F0F0Full;
    // Byte 2j takes element 2j + 1 as its high nibble; then the even bytes
    // close up.
    v = (v | (v >> 4)) & 0x00FF00FF00FF00FFull;
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFFull;
    v = (v | (v >> 16)) & 0x00000000FFFFFFFFull;
    llvm::support::endian::write32le(out + b, static_cast<uint32_t>(v));
  }
  for (; b < bytes; ++b)
    out[b] = static_cast<uint8_t>((values[2 * b] & 0xF) |
                                  (values[2 * b + 1] & 0xF) << 4);
}

template <unsigned Bits>
static void unpackWhole(const uint8_t *packed, uint64_t bytes,
                        uint8_t *values) {
  constexpr unsigned perByte = 8 / Bits, mask = (1u << Bits) - 1;
  for (uint64_t b = 0; b < bytes; ++b)
    for (unsigned k = 0; k < perByte; ++k)
      values[b * perByte + k] =
          static_cast<uint8_t>((packed[b] >> (k * Bits)) & mask);
}

/// 4-bit unpacking four bytes at a time in a 64-bit word.
template <>
void unpackWhole<4>(const uint8_t *packed, uint64_t bytes, uint8_t *values) {
  uint64_t b = 0;
  for (; b + 4 <= bytes; b += 4) {
    uint64_t v = llvm::support::endian::read32le(packed + b);
    // Byte j to byte 2j, then each byte's high nibble to the next byte.
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFull;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFull;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0Full;
    llvm::support::endian::write64le(values + 2 * b, v);
  }
  for (; b < bytes; ++b) {
    values[2 * b] = packed[b] & 0xF;
    values[2 * b + 1] = packed[b] >> 4;
  }
}

void mil::compression::packBits(const uint8_t *values, uint64_t count,
                                unsigned bits, uint8_t *out) {
  // Nothing to do, and `out` may be null (the data() of an empty vector).
  if (count == 0)
    return;
  uint64_t numBytes = packedSizeInBytes(count, bits);
  if (bits == 8) {
    std::memcpy(out, values, count);
    return;
  }
  // Fast paths for 1, 2 and 4 bits over the whole bytes; the tail (and the
  // 3- and 6-bit widths, whose elements straddle bytes) bit by bit.
  uint64_t done = 0;
  if (bits == 1 || bits == 2 || bits == 4) {
    uint64_t whole = count / (8 / bits);
    if (bits == 1)
      packWhole<1>(values, whole, out);
    else if (bits == 2)
      packWhole<2>(values, whole, out);
    else
      packWhole<4>(values, whole, out);
    done = whole * (8 / bits);
  }
  uint64_t first = done * bits / 8;
  std::memset(out + first, 0, numBytes - first);
  const unsigned mask = (1u << bits) - 1;
  uint64_t bit = done * bits;
  for (uint64_t i = done; i < count; ++i, bit += bits) {
    unsigned v = values[i] & mask;
    uint64_t byte = bit / 8;
    unsigned shift = bit % 8;
    out[byte] |= static_cast<uint8_t>(v << shift);
    // 3- and 6-bit elements may straddle into the next byte.
    if (shift + bits > 8)
      out[byte + 1] |= static_cast<uint8_t>(v >> (8 - shift));
  }
}

void mil::compression::unpackBits(const uint8_t *packed, uint64_t count,
                                  unsigned bits, uint8_t *values) {
  if (count == 0)
    return;
  if (bits == 8) {
    std::memcpy(values, packed, count);
    return;
  }
  uint64_t done = 0;
  if (bits == 1 || bits == 2 || bits == 4) {
    uint64_t whole = count / (8 / bits);
    if (bits == 1)
      unpackWhole<1>(packed, whole, values);
    else if (bits == 2)
      unpackWhole<2>(packed, whole, values);
    else
      unpackWhole<4>(packed, whole, values);
    done = whole * (8 / bits);
  }
  const unsigned mask = (1u << bits) - 1;
  uint64_t bit = done * bits;
  for (uint64_t i = done; i < count; ++i, bit += bits) {
    uint64_t byte = bit / 8;
    unsigned shift = bit % 8;
    unsigned v = packed[byte] >> shift;
    if (shift + bits > 8)
      v |= static_cast<unsigned>(packed[byte + 1]) << (8 - shift);
    values[i] = static_cast<uint8_t>(v & mask);
  }
}

void mil::compression::unpackSignedBits(const uint8_t *packed, uint64_t count,
                                        unsigned bits, int8_t *values) {
  auto *raw = reinterpret_cast<uint8_t *>(values);
  unpackBits(packed, count, bits, raw);
  if (bits == 8)
    return;
  // (v ^ sign) - sign sign-extends without a branch (random signs would
  // mispredict half the time) and vectorizes.
  const uint8_t signBit = static_cast<uint8_t>(1u << (bits - 1));
  for (uint64_t i = 0; i < count; ++i)
    raw[i] = static_cast<uint8_t>((raw[i] ^ signBit) - signBit);
}
