//===- BitPacking.cpp - sub-byte element packing ----------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"

#include <cstring>

using namespace mil::compression;

void mil::compression::packBits(const uint8_t *values, uint64_t count,
                                unsigned bits, uint8_t *out) {
  uint64_t numBytes = packedSizeInBytes(count, bits);
  std::memset(out, 0, numBytes);
  if (bits == 8) {
    std::memcpy(out, values, count);
    return;
  }
  const unsigned mask = (1u << bits) - 1;
  uint64_t bit = 0;
  for (uint64_t i = 0; i < count; ++i, bit += bits) {
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
  if (bits == 8) {
    std::memcpy(values, packed, count);
    return;
  }
  const unsigned mask = (1u << bits) - 1;
  uint64_t bit = 0;
  for (uint64_t i = 0; i < count; ++i, bit += bits) {
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
  const unsigned signBit = 1u << (bits - 1);
  for (uint64_t i = 0; i < count; ++i)
    if (raw[i] & signBit)
      raw[i] |= static_cast<uint8_t>(~((1u << bits) - 1));
}
