//===- HalfTest.cpp - fp16 conversions agree with APFloat -----------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Half.h"

#include "llvm/ADT/APFloat.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace mil::compression;

namespace {

uint16_t reference(float f) {
  llvm::APFloat value(f);
  bool lost;
  value.convert(llvm::APFloat::IEEEhalf(), llvm::APFloat::rmNearestTiesToEven,
                &lost);
  return static_cast<uint16_t>(value.bitcastToAPInt().getZExtValue());
}

TEST(Half, EveryHalfRoundTrips) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    float f = halfToFloat(static_cast<uint16_t>(h));
    if (std::isnan(f))
      continue;
    EXPECT_EQ(floatToHalf(f), h) << std::hex << h;
    EXPECT_EQ(reference(f), h) << std::hex << h;
  }
}

TEST(Half, RoundsLikeAPFloat) {
  // Every fp32 with a spread of mantissas and exponents around the half range,
  // including the ties and subnormals.
  for (uint32_t exponent = 90; exponent < 150; ++exponent)
    for (uint32_t m = 0; m < (1u << 23); m += 4099) {
      for (uint32_t sign : {0u, 1u}) {
        uint32_t bits = (sign << 31) | (exponent << 23) | m;
        float f;
        std::memcpy(&f, &bits, 4);
        ASSERT_EQ(floatToHalf(f), reference(f)) << std::hex << bits;
      }
    }
  for (uint32_t bits : {0x38800000u, 0x387FFFFFu, 0x477FEFFFu, 0x477FF000u,
                        0x33000000u, 0x33000001u, 0x7F800000u}) {
    float f;
    std::memcpy(&f, &bits, 4);
    EXPECT_EQ(floatToHalf(f), reference(f)) << std::hex << bits;
  }
}

} // namespace
