//===- Half.h - IEEE binary16 conversions -----------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_HALF_H
#define MIL_COMPRESSION_HALF_H

#include <cstdint>
#include <cstring>

namespace mil::compression {

/// fp32 -> fp16 bits, rounding to nearest even (as numpy's astype does);
/// overflow gives infinity, NaN stays NaN.
inline uint16_t floatToHalf(float value) {
  uint32_t x;
  std::memcpy(&x, &value, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t abs = x & 0x7FFFFFFF;
  if (abs >= 0x7F800000) // inf or NaN
    return static_cast<uint16_t>(sign | 0x7C00 |
                                 (abs > 0x7F800000 ? 0x200 : 0));
  if (abs >= 0x477FF000) // rounds to beyond the largest half
    return static_cast<uint16_t>(sign | 0x7C00);
  if (abs < 0x38800000) { // subnormal half (or zero)
    // Shift the implicit-one mantissa into place, rounding to nearest even.
    uint32_t exponent = abs >> 23;
    if (exponent < 102)
      return static_cast<uint16_t>(sign);
    uint32_t mantissa = (abs & 0x7FFFFF) | 0x800000;
    uint32_t shift = 126 - exponent;
    uint32_t half = mantissa >> shift;
    uint32_t rest = mantissa & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1)))
      ++half;
    return static_cast<uint16_t>(sign | half);
  }
  // Normal: rebias the exponent and round the mantissa to 10 bits, to
  // nearest even without a data-dependent branch (adding 0xFFF plus the kept
  // LSB carries exactly when RNE rounds up; random weights made the branch
  // mispredict half the time). A carry into the exponent is correct.
  uint32_t bits = abs - 0x38000000;
  return static_cast<uint16_t>(sign |
                               ((bits + 0x0FFF + ((bits >> 13) & 1)) >> 13));
}

/// fp16 bits -> fp32, exactly.
/// The float with IEEE bits `bits`, and the reverse.
inline float bitsToFloat(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}
inline uint32_t floatToBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  return bits;
}

/// fp16 bits to float without branches, so that loops over weights
/// vectorize; subnormals are built by a float subtraction (exact), so no
/// denormal arithmetic is involved.
inline float halfToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t magnitude = h & 0x7FFF;
  uint32_t normal = (magnitude << 13) + 0x38000000;
  float subnormal =
      bitsToFloat(0x38800000 | (magnitude << 13)) - bitsToFloat(0x38800000);
  uint32_t special = 0x7F800000 | ((magnitude & 0x3FF) << 13);
  uint32_t bits = magnitude >= 0x7C00  ? special
                  : magnitude >= 0x400 ? normal
                                       : floatToBits(subnormal);
  return bitsToFloat(bits | sign);
}

} // namespace mil::compression

#endif // MIL_COMPRESSION_HALF_H
