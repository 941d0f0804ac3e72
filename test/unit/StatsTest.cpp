//===- StatsTest.cpp - report and --info kernels --------------------------===//
//
// Part of mil-mlir. measureError against the plain double loop it replaces,
// countValues against a sorted set.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ErrorStats.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/ValueCounts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>
#include <vector>

using namespace mil::compression;

namespace {

TEST(ErrorStatsTest, MatchesTheSequentialDoubleSums) {
  // Several chunks and a partial one.
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0, 0.02f);
  size_t n = 3 * 65536 + 123;
  std::vector<uint16_t> ref(n), approx(n);
  double err = 0, sum = 0, maxAbs = 0;
  for (size_t i = 0; i < n; ++i) {
    ref[i] = floatToHalf(normal(rng));
    approx[i] = floatToHalf(halfToFloat(ref[i]) + normal(rng) * 0.01f);
    double b = halfToFloat(ref[i]), d = halfToFloat(approx[i]) - b;
    err += d * d;
    sum += b * b;
    maxAbs = std::max(maxAbs, std::abs(d));
  }
  ErrorStats s = measureError(ElemType::Float16, ref.data(), ElemType::Float16,
                              approx.data(), n);
  EXPECT_EQ(s.maxAbsError, maxAbs);
  EXPECT_NEAR(s.squaredError, err, err * 1e-12);
  EXPECT_NEAR(s.squaredReference, sum, sum * 1e-12);
  EXPECT_NEAR(s.relativeRms(), std::sqrt(err / sum), 1e-12);
  EXPECT_NEAR(s.snrDb(), 10 * std::log10(sum / err), 1e-9);
}

TEST(ErrorStatsTest, ExactAndMixedTypes) {
  std::vector<float> a = {1.5f, -2, 0, 4};
  ErrorStats same =
      measureError(ElemType::Float32, a.data(), ElemType::Float32, a.data(), 4);
  EXPECT_EQ(same.squaredError, 0);
  EXPECT_EQ(same.squaredReference, 1.5 * 1.5 + 4 + 16);
  EXPECT_TRUE(std::isinf(same.snrDb()));
  EXPECT_EQ(same.relativeRms(), 0);
  // int8 reference against uint8 values: 200 - (-1) = 201.
  int8_t i8[] = {-1, 3};
  uint8_t u8[] = {200, 3};
  ErrorStats mixed = measureError(ElemType::Int8, i8, ElemType::UInt8, u8, 2);
  EXPECT_EQ(mixed.maxAbsError, 201);
  EXPECT_EQ(mixed.squaredError, 201.0 * 201);
  EXPECT_EQ(mixed.squaredReference, 1 + 9);
  EXPECT_EQ(measureError(ElemType::Int8, i8, ElemType::Int8, i8, 0).maxAbsError,
            0);
}

/// The same bits, NaNs excepted (their payloads are not part of the result).
void expectSameBits(const ErrorStats &a, const ErrorStats &b) {
  EXPECT_EQ(std::memcmp(&a.squaredError, &b.squaredError, sizeof(double)), 0);
  EXPECT_EQ(
      std::memcmp(&a.squaredReference, &b.squaredReference, sizeof(double)), 0);
  EXPECT_EQ(std::memcmp(&a.maxAbsError, &b.maxAbsError, sizeof(double)), 0);
}

TEST(ErrorStatsTest, VectorKernelMatchesScalarBitForBit) {
  // Every finite fp16 pattern is likely: subnormals, -0, +-65504, and
  // differences that round in double; lengths that end mid-lane.
  std::mt19937 rng(11);
  std::uniform_int_distribution<uint32_t> bits(0, 0xFFFF);
  auto finiteHalf = [&] {
    uint16_t h;
    do
      h = static_cast<uint16_t>(bits(rng));
    while ((h & 0x7C00) == 0x7C00);
    return h;
  };
  std::normal_distribution<float> normal(0, 0.02f);
  size_t n = 2 * 65536 + 13;
  std::vector<uint16_t> wild(n), ref(n), approx(n);
  for (size_t i = 0; i < n; ++i) {
    wild[i] = finiteHalf();
    ref[i] = floatToHalf(normal(rng));
    approx[i] = floatToHalf(halfToFloat(ref[i]) + normal(rng) * 0.01f);
  }
  wild[3] = 0x7BFF;
  wild[4] = 0xFBFF;
  wild[5] = 0x8000;
  wild[6] = 0x0001;
  StatsKernel best = bestStatsKernel();
  for (size_t count : {n, size_t(7), size_t(65536 + 8), size_t(100003)}) {
    for (auto [a, b] : {std::pair(&ref, &approx), std::pair(&wild, &approx),
                        std::pair(&ref, &wild)}) {
      setStatsKernel(StatsKernel::Scalar);
      ErrorStats scalar = measureError(ElemType::Float16, a->data(),
                                       ElemType::Float16, b->data(), count);
      setStatsKernel(best);
      ErrorStats vector = measureError(ElemType::Float16, a->data(),
                                       ElemType::Float16, b->data(), count);
      expectSameBits(scalar, vector);
      ErrorStats filled = measureErrorOf(
          ElemType::Float16, a->data(), ElemType::Float16, count,
          [&](uint64_t begin, uint64_t end, void *out) {
            std::memcpy(out, b->data() + begin, 2 * (end - begin));
          });
      expectSameBits(scalar, filled);
    }
  }
  setStatsKernel(best);
}

TEST(ValueCountsTest, Float16BitmapMatchesASet) {
  std::mt19937 rng(3);
  std::normal_distribution<float> normal(0, 0.5f);
  size_t n = (1 << 20) + 777;
  std::vector<uint16_t> v(n);
  for (uint16_t &h : v)
    h = floatToHalf(normal(rng));
  v[5] = 0x8000; // -0 is +0
  v[6] = 0x0000;
  v[7] = 0x7E01; // NaNs are one value
  v[8] = 0xFE00;
  std::set<double> distinct;
  uint64_t zeros = 0;
  for (uint16_t h : v) {
    double x = halfToFloat(h);
    zeros += std::abs(x) <= 1e-12;
    if (!std::isnan(x))
      distinct.insert(x);
  }
  ValueCounts c = countValues(ElemType::Float16, v.data(), n);
  EXPECT_EQ(c.zeros, zeros);
  EXPECT_EQ(c.distinct, distinct.size() + 1);
}

TEST(ValueCountsTest, Float32AndBytes) {
  std::vector<float> f = {0.0f, -0.0f, 1e-13f, 1.0f, 1.0f, 2.0f};
  ValueCounts c = countValues(ElemType::Float32, f.data(), f.size());
  EXPECT_EQ(c.zeros, 3u); // 0, -0 and 1e-13
  EXPECT_EQ(c.distinct, 4u);
  uint8_t b[] = {0, 0, 7, 255, 7};
  ValueCounts u = countValues(ElemType::UInt8, b, 5);
  EXPECT_EQ(u.zeros, 2u);
  EXPECT_EQ(u.distinct, 3u);
}

} // namespace
