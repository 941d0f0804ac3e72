//===- QuantizeErrorTest.cpp - error measured while quantizing ------------===//
//
// Part of mil-mlir.
//
// With QuantSpec::measureError the quantizer measures its result against
// the weight as it writes it; mil-compress's report prints those figures
// instead of blockwiseShiftScaleError's, so they must be equal bit for bit.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/Quantize.h"

#include "gtest/gtest.h"

#include <cstring>
#include <random>
#include <vector>

using namespace mil::compression;

namespace {

struct Case {
  std::vector<int64_t> shape, blockSizes;
  unsigned bits;
};

/// Random fp16 values whose rows differ in magnitude (several scales).
std::vector<uint16_t> randomWeight(uint64_t count, int64_t rowLength,
                                   unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint16_t> out(count);
  for (uint64_t i = 0; i < count; ++i) {
    float magnitude = 0.01f * static_cast<float>(1 + (i / rowLength) % 7);
    out[i] = floatToHalf(
        std::uniform_real_distribution<float>(-magnitude, magnitude)(rng));
  }
  return out;
}

/// blockwiseShiftScaleError of the quantized `packed` data and `params`
/// against `weight`.
ErrorStats measured(const Case &c, const std::vector<uint16_t> &weight,
                    const std::vector<uint8_t> &packed,
                    const QuantParams &params) {
  TensorRef rd{packed.data(), ElemType::Int8, c.shape, c.bits};
  TensorRef rs{params.scale.data(), ElemType::Float16, params.paramShape, 16};
  ErrorStats stats;
  EXPECT_TRUE(ios18::blockwiseShiftScaleError(rd, c.bits < 8, rs, nullptr,
                                              ElemType::Float16, weight.data(),
                                              weight.size(), stats)
                  .ok);
  return stats;
}

void expectSame(const ErrorStats &a, const ErrorStats &b) {
  EXPECT_EQ(a.squaredError, b.squaredError);
  EXPECT_EQ(a.squaredReference, b.squaredReference);
  EXPECT_EQ(a.maxAbsError, b.maxAbsError);
  EXPECT_GT(a.squaredError, 0);
}

// Per channel with rows of 8 to 65536 elements (partial last chunks among
// them) and per block along the last axis, int8 and int4, through
// linearQuantize and through LinearQuantizer's units; with the scalar stats
// kernel nothing is measured.
TEST(QuantizeError, MatchesBlockwiseShiftScaleError) {
  const Case cases[] = {
      {{30000, 8}, {1, 0}, 8},   {{200, 1024}, {1, 0}, 8},
      {{3, 65536}, {1, 0}, 8},   {{5, 65536}, {1, 0}, 4},
      {{300, 1024}, {1, 32}, 4}, {{300, 1024}, {1, 32}, 8},
      {{1000, 256}, {1, 0}, 4},  {{7, 64}, {1, 0}, 8},
  };
  StatsKernel best = bestStatsKernel();
  for (const Case &c : cases) {
    SCOPED_TRACE(std::to_string(c.shape[0]) + "x" + std::to_string(c.shape[1]) +
                 " int" + std::to_string(c.bits) + " block " +
                 std::to_string(c.blockSizes[1]));
    uint64_t count = c.shape[0] * c.shape[1];
    std::vector<uint16_t> weight = randomWeight(count, c.shape[1], count);
    TensorRef w{weight.data(), ElemType::Float16, c.shape, 16};
    QuantSpec spec;
    spec.bits = c.bits;
    spec.measureError = true;
    for (StatsKernel kernel : {StatsKernel::Scalar, best}) {
      setStatsKernel(kernel);
      std::vector<uint8_t> packed(packedSizeInBytes(count, c.bits));
      QuantParams params;
      ASSERT_TRUE(
          linearQuantize(w, spec, c.blockSizes, params, packed.data()).ok);
      // The units of LinearQuantizer, in pieces of 128 KiB as the pass
      // makes them, give the same bytes and figures.
      LinearQuantizer quantizer;
      QuantParams unitParams;
      uint64_t unitBytes = 0;
      ASSERT_TRUE(
          quantizer.prepareUnits(w, spec, c.blockSizes, unitParams, unitBytes)
              .ok);
      ASSERT_GT(unitBytes, 0u);
      std::vector<uint8_t> pieces(packed.size());
      uint64_t piece = std::max<uint64_t>(1, (1 << 17) / unitBytes) * unitBytes;
      for (uint64_t at = 0; at < pieces.size(); at += piece)
        ASSERT_TRUE(quantizer.quantizeUnits(
            at, std::min<uint64_t>(piece, pieces.size() - at),
            pieces.data() + at));
      EXPECT_EQ(pieces, packed);
      EXPECT_EQ(unitParams.scale, params.scale);
      std::optional<ErrorStats> units = quantizer.measuredError();
      if (kernel == StatsKernel::Scalar) {
        EXPECT_FALSE(params.error);
        EXPECT_FALSE(units);
        continue;
      }
      ASSERT_TRUE(params.error);
      ASSERT_TRUE(units);
      ErrorStats expected = measured(c, weight, packed, params);
      expectSame(*params.error, expected);
      expectSame(*units, expected);
      // The bytes do not depend on the measurement.
      spec.measureError = false;
      std::vector<uint8_t> plain(packed.size());
      QuantParams plainParams;
      ASSERT_TRUE(
          linearQuantize(w, spec, c.blockSizes, plainParams, plain.data()).ok);
      EXPECT_EQ(plain, packed);
      EXPECT_FALSE(plainParams.error);
      spec.measureError = true;
    }
    setStatsKernel(best);
  }
}

// An offset (linear mode) or an fp32 weight is not measured.
TEST(QuantizeError, NotMeasuredWithOffsetOrFloat32) {
  std::vector<int64_t> shape{64, 1024};
  std::vector<uint16_t> weight = randomWeight(64 * 1024, 1024, 1);
  TensorRef w{weight.data(), ElemType::Float16, shape, 16};
  QuantSpec spec;
  spec.measureError = true;
  spec.mode = QuantMode::Linear;
  QuantParams params;
  ASSERT_TRUE(linearQuantize(w, spec, {1, 0}, params).ok);
  EXPECT_FALSE(params.error);
  std::vector<float> single(64 * 1024, 0.5f);
  single[7] = -0.25f;
  TensorRef f{single.data(), ElemType::Float32, shape, 32};
  spec.mode = QuantMode::LinearSymmetric;
  QuantParams floatParams;
  ASSERT_TRUE(linearQuantize(f, spec, {1, 0}, floatParams).ok);
  EXPECT_FALSE(floatParams.error);
}

} // namespace
