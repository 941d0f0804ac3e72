//===- ShiftScaleErrorTest.cpp - error measured while reconstructing ------===//
//
// Part of mil-mlir.
//
// blockwiseShiftScaleError must give exactly measureError's figures on
// blockwiseShiftScale's whole output: the report prints them either way.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/Half.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <vector>

using namespace mil::compression;

namespace {

struct Case {
  std::vector<int64_t> shape, scaleShape;
  ElemType dataType, scaleType, referenceType;
  unsigned bits = 8;
  std::optional<ElemType> offsetType;
};

/// `count` random elements of `type` (of `bits` for integers), as bytes.
std::vector<uint8_t> randomTensor(std::mt19937 &rng, ElemType type,
                                  uint64_t count, unsigned bits,
                                  float magnitude) {
  std::vector<uint8_t> out(count * elemTypeSize(type));
  std::uniform_real_distribution<float> real(-magnitude, magnitude);
  for (uint64_t i = 0; i < count; ++i) {
    switch (type) {
    case ElemType::Float16: {
      uint16_t h = floatToHalf(real(rng));
      std::memcpy(&out[2 * i], &h, 2);
      break;
    }
    case ElemType::Float32: {
      float f = real(rng);
      std::memcpy(&out[4 * i], &f, 4);
      break;
    }
    case ElemType::Int8:
      out[i] = static_cast<uint8_t>(static_cast<int>(rng() % (1u << bits)) -
                                    (1 << (bits - 1)));
      break;
    case ElemType::UInt8:
      out[i] = static_cast<uint8_t>(rng() % (1u << bits));
      break;
    }
  }
  return out;
}

void expectSameAsDecompressThenMeasure(const Case &c, bool packed) {
  std::mt19937 rng(1234);
  uint64_t count = numElements(c.shape), groups = numElements(c.scaleShape);
  std::vector<uint8_t> data = randomTensor(rng, c.dataType, count, c.bits, 8);
  std::vector<uint8_t> scale = randomTensor(rng, c.scaleType, groups, 8, 0.1f);
  std::vector<uint8_t> offset;
  if (c.offsetType)
    offset = randomTensor(rng, *c.offsetType, groups, c.bits, 3);
  std::vector<uint8_t> reference =
      randomTensor(rng, c.referenceType, count, 8, 0.8f);

  TensorRef rd{data.data(), c.dataType, c.shape, c.bits};
  TensorRef rs{scale.data(), c.scaleType, c.scaleShape};
  TensorRef ro{offset.data(), c.offsetType.value_or(ElemType::UInt8),
               c.scaleShape, c.bits};
  const TensorRef *off = c.offsetType ? &ro : nullptr;

  std::vector<uint8_t> whole(count * elemTypeSize(c.scaleType));
  ASSERT_TRUE(
      ios18::blockwiseShiftScale(rd, rs, off, whole.data(), whole.size()).ok);
  ErrorStats expected = measureError(c.referenceType, reference.data(),
                                     c.scaleType, whole.data(), count);

  std::vector<uint8_t> packedData;
  TensorRef given = rd;
  if (packed) {
    packedData.resize(packedSizeInBytes(count, c.bits));
    packBits(data.data(), count, c.bits, packedData.data());
    given.data = packedData.data();
  }
  ErrorStats fused;
  Status s = ios18::blockwiseShiftScaleError(
      given, packed, rs, off, c.referenceType, reference.data(), count, fused);
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_GT(expected.squaredError, 0);
  EXPECT_EQ(fused.squaredError, expected.squaredError);
  EXPECT_EQ(fused.squaredReference, expected.squaredReference);
  EXPECT_EQ(fused.maxAbsError, expected.maxAbsError);
}

using E = ElemType;

TEST(ShiftScaleError, Int8PerChannelFp16) {
  // Rows of 700 cross the 64 Ki-element chunks mid-row; one table per row.
  expectSameAsDecompressThenMeasure(
      {{300, 700}, {300, 1}, E::Int8, E::Float16, E::Float16}, false);
}

TEST(ShiftScaleError, UInt8WithOffsetPerBlock) {
  expectSameAsDecompressThenMeasure(
      {{96, 1024}, {96, 4}, E::UInt8, E::Float16, E::Float16, 8, E::UInt8},
      false);
}

TEST(ShiftScaleError, Int8ConvPerOutputChannelFp32) {
  // Trailing dims with one scale each merge into one run per row.
  expectSameAsDecompressThenMeasure(
      {{64, 48, 3, 3}, {64, 1, 1, 1}, E::Int8, E::Float32, E::Float32}, false);
}

TEST(ShiftScaleError, Int4PackedPerBlock32) {
  expectSameAsDecompressThenMeasure(
      {{200, 1024}, {200, 32}, E::Int8, E::Float16, E::Float16, 4}, true);
}

TEST(ShiftScaleError, Int4PackedWithOffsetBlocksOnBothAxes) {
  expectSameAsDecompressThenMeasure(
      {{128, 640}, {32, 20}, E::Int8, E::Float16, E::Float16, 4, E::Int8},
      true);
}

TEST(ShiftScaleError, UInt4UnpackedFp32Reference) {
  expectSameAsDecompressThenMeasure(
      {{50, 3000}, {50, 3}, E::UInt8, E::Float16, E::Float32, 4, E::UInt8},
      false);
}

TEST(ShiftScaleError, Fp16DataFp32Offset) {
  expectSameAsDecompressThenMeasure({{70, 1100},
                                     {70, 11},
                                     E::Float16,
                                     E::Float16,
                                     E::Float16,
                                     16,
                                     E::Float32},
                                    false);
}

TEST(ShiftScaleError, VectorTablesMatchScalarOnExtremeScales) {
  // Random fp16 scale patterns below 128 (subnormal products, -0) and one
  // of 65504 (products that become inf); both kernels give the same bits.
  std::mt19937 rng(99);
  int64_t rows = 130, cols = 512;
  std::vector<int64_t> shape{rows, cols}, scaleShape{rows, 1};
  std::vector<int8_t> data(rows * cols);
  std::vector<uint16_t> scale(rows), reference(rows * cols);
  for (int8_t &x : data)
    x = static_cast<int8_t>(rng());
  for (uint16_t &h : scale) {
    do
      h = static_cast<uint16_t>(rng());
    while ((h & 0x7FFF) >= 0x5800);
  }
  scale[0] = 0x7BFF;
  scale[1] = 0x0001;
  scale[2] = 0x8000;
  for (uint16_t &h : reference)
    h = floatToHalf(std::uniform_real_distribution<float>(-1, 1)(rng));
  TensorRef rd{data.data(), E::Int8, shape};
  TensorRef rs{scale.data(), E::Float16, scaleShape};
  StatsKernel best = bestStatsKernel();
  ErrorStats stats[2];
  // Measures with the scalar and the best kernel; true if both succeed
  // with bit-identical sums.
  auto measureBoth = [&] {
    for (int k = 0; k < 2; ++k) {
      setStatsKernel(k ? best : StatsKernel::Scalar);
      bool ok = ios18::blockwiseShiftScaleError(rd, false, rs, nullptr,
                                                E::Float16, reference.data(),
                                                reference.size(), stats[k])
                    .ok;
      setStatsKernel(best);
      if (!ok)
        return false;
    }
    return stats[0].squaredError == stats[1].squaredError &&
           stats[0].squaredReference == stats[1].squaredReference &&
           stats[0].maxAbsError == stats[1].maxAbsError;
  };
  EXPECT_TRUE(measureBoth());
  EXPECT_TRUE(std::isinf(stats[0].squaredError));
  // Without the overflowing row, the sums are finite and still equal.
  scale[0] = 0x3C00;
  EXPECT_TRUE(measureBoth());
  EXPECT_FALSE(std::isinf(stats[0].squaredError));
}

TEST(ShiftScaleError, ReferenceShorterThanOutputFails) {
  std::vector<int8_t> data(4);
  std::vector<uint16_t> scale(1, floatToHalf(1));
  std::vector<int64_t> shape{4}, scaleShape{1};
  TensorRef rd{data.data(), E::Int8, shape};
  TensorRef rs{scale.data(), E::Float16, scaleShape};
  ErrorStats stats;
  std::vector<uint16_t> reference(5);
  Status s = ios18::blockwiseShiftScaleError(rd, false, rs, nullptr, E::Float16,
                                             reference.data(), 5, stats);
  EXPECT_FALSE(s.ok);
}

} // namespace
