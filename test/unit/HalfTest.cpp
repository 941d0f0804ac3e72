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

// The branch-free rounding of normal values agrees with rounding written out
// case by case, over a sweep of float bit patterns that covers every normal
// half exponent with ties, carries into the exponent and the overflow edge.
TEST(Half, BranchFreeRoundingMatchesReference) {
  auto reference = [](float value) -> uint16_t {
    uint32_t x;
    std::memcpy(&x, &value, 4);
    uint32_t sign = (x >> 16) & 0x8000, abs = x & 0x7FFFFFFF;
    uint32_t bits = abs - 0x38000000, half = bits >> 13, rest = bits & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1)))
      ++half;
    return static_cast<uint16_t>(sign | half);
  };
  uint64_t checked = 0;
  for (uint32_t abs = 0x38800000; abs < 0x477FF000; abs += 0x7F) {
    for (uint32_t sign : {0u, 0x80000000u}) {
      uint32_t x = abs | sign;
      float f;
      std::memcpy(&f, &x, 4);
      ASSERT_EQ(mil::compression::floatToHalf(f), reference(f)) << f;
      ++checked;
    }
  }
  // Exact ties around 1.0: 1 + 2^-11 rounds to 1 (even), 1 + 3 * 2^-11 up.
  EXPECT_EQ(mil::compression::floatToHalf(1.0f + 0x1p-11f), 0x3C00);
  EXPECT_EQ(mil::compression::floatToHalf(1.0f + 3 * 0x1p-11f), 0x3C02);
  // The largest half and the first value that rounds to infinity.
  EXPECT_EQ(mil::compression::floatToHalf(65504.0f), 0x7BFF);
  EXPECT_EQ(mil::compression::floatToHalf(65520.0f), 0x7C00);
  EXPECT_GT(checked, 1000000u);
}
