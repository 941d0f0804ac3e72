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
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <vector>

#include <stdlib.h>
#include <unistd.h>

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

/// Whether the three figures have the same bits (NaNs included).
bool sameBits(const ErrorStats &a, const ErrorStats &b) {
  return std::memcmp(&a.squaredError, &b.squaredError, sizeof(double)) == 0 &&
         std::memcmp(&a.squaredReference, &b.squaredReference,
                     sizeof(double)) == 0 &&
         std::memcmp(&a.maxAbsError, &b.maxAbsError, sizeof(double)) == 0;
}

/// Special fp16 scales the fused vector pass must get right or leave to
/// the tables.
enum class Scales { Random, WithZeros, Tiny, Overflowing, WithInf, WithNaN };

/// blockwiseShiftScaleError of random int8/uint8 data (4-bit, maybe still
/// packed, when `bits` is 4) with fp16 scales of `scaleShape` against the
/// first `count` elements of a random fp16 reference: with the scalar and
/// the best kernel, equal bit for bit to measureError and measureErrorOf of
/// blockwiseShiftScale's whole output.
void expectFusedMatches(std::vector<int64_t> shape,
                        std::vector<int64_t> scaleShape, ElemType dataType,
                        unsigned bits, bool packed, Scales scales,
                        uint64_t shortBy = 0) {
  SCOPED_TRACE(::testing::Message()
               << "shape " << ::testing::PrintToString(shape) << " scale "
               << ::testing::PrintToString(scaleShape) << " bits " << bits
               << (packed ? " packed" : "") << " scales "
               << static_cast<int>(scales) << " short by " << shortBy);
  std::mt19937 rng(static_cast<unsigned>(numElements(shape) * 31 +
                                         numElements(scaleShape) * 7 +
                                         static_cast<unsigned>(scales)));
  uint64_t total = numElements(shape), groups = numElements(scaleShape);
  uint64_t count = total - shortBy;
  std::vector<uint8_t> data = randomTensor(rng, dataType, total, bits, 0);
  std::vector<uint16_t> scale(groups), reference(total);
  std::uniform_real_distribution<float> real(-1, 1);
  for (uint16_t &h : scale)
    h = floatToHalf(real(rng) * 0.05f);
  for (uint16_t &h : reference)
    h = floatToHalf(real(rng));
  for (uint64_t g = 0; g < groups; ++g) {
    uint32_t r = rng() % 5;
    switch (scales) {
    case Scales::Random:
      break;
    case Scales::WithZeros:
      if (r == 0)
        scale[g] = rng() % 2 ? 0x8000 : 0x0000;
      break;
    case Scales::Tiny: // Subnormal scales and products.
      scale[g] = static_cast<uint16_t>((rng() % 0x400) | (rng() % 2) << 15);
      break;
    case Scales::Overflowing: // Products past 65504 become inf.
      if (r == 0)
        scale[g] = rng() % 2 ? 0x7BFF : 0xFBFF;
      break;
    case Scales::WithInf:
      if (r == 0 || g == groups / 2)
        scale[g] = rng() % 2 ? 0x7C00 : 0xFC00;
      break;
    case Scales::WithNaN:
      if (r == 0 || g == groups / 2)
        scale[g] = 0x7C01 | static_cast<uint16_t>(rng() % 0x3FF) |
                   static_cast<uint16_t>((rng() % 2) << 15);
      break;
    }
  }
  TensorRef rd{data.data(), dataType, shape, bits};
  TensorRef rs{scale.data(), ElemType::Float16, scaleShape};
  std::vector<uint16_t> whole(total);
  ASSERT_TRUE(
      ios18::blockwiseShiftScale(rd, rs, nullptr, whole.data(), 2 * total).ok);
  std::vector<uint8_t> packedData;
  TensorRef given = rd;
  if (packed) {
    packedData.resize(packedSizeInBytes(total, bits));
    packBits(data.data(), total, bits, packedData.data());
    given.data = packedData.data();
  }
  StatsKernel best = bestStatsKernel();
  ErrorStats first;
  for (StatsKernel kernel : {StatsKernel::Scalar, best}) {
    setStatsKernel(kernel);
    ErrorStats expected = measureError(ElemType::Float16, reference.data(),
                                       ElemType::Float16, whole.data(), count);
    ErrorStats filled = measureErrorOf(
        ElemType::Float16, reference.data(), ElemType::Float16, count,
        [&](uint64_t begin, uint64_t end, void *out) {
          std::memcpy(out, whole.data() + begin, 2 * (end - begin));
        });
    ErrorStats fused;
    Status s = ios18::blockwiseShiftScaleError(given, packed, rs, nullptr,
                                               ElemType::Float16,
                                               reference.data(), count, fused);
    setStatsKernel(best);
    ASSERT_TRUE(s.ok) << s.message;
    if (kernel == StatsKernel::Scalar)
      first = expected;
    // NaN scales give NaN sums whose payloads the two kernels carry
    // differently (they did before the fused pass too).
    if (scales == Scales::WithNaN) {
      EXPECT_TRUE(std::isnan(expected.squaredError) &&
                  std::isnan(first.squaredError));
    } else {
      EXPECT_TRUE(sameBits(expected, first));
    }
    EXPECT_TRUE(sameBits(filled, expected));
    EXPECT_TRUE(sameBits(fused, expected))
        << fused.squaredError << " " << expected.squaredError << " "
        << fused.squaredReference << " " << expected.squaredReference << " "
        << fused.maxAbsError << " " << expected.maxAbsError;
  }
  if (scales == Scales::Random) {
    EXPECT_GT(first.squaredError, 0);
  }
}

TEST(ShiftScaleError, FusedVectorPassMatchesDecompressThenMeasure) {
  // {shape, scale shape}: blocks of 1, 7, 8, 32 and 4096 along the last
  // dim, rows of lengths that are not multiples of 8, 64 Ki-element chunk
  // boundaries inside rows and blocks, blocks along the first dim, merged
  // trailing dims, one scale for all, element counts that end mid-group.
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>>
      shapes = {
          {{37, 13}, {37, 13}},   {{19, 63}, {19, 9}},
          {{23, 40}, {23, 5}},    {{100, 672}, {100, 21}},
          {{17, 8192}, {17, 2}},  {{333, 1001}, {333, 1}},
          {{64, 300}, {8, 3}},    {{40, 7, 3, 3}, {40, 1, 1, 1}},
          {{70001}, {1}},         {{3, 65537}, {3, 1}},
          {{131075}, {131075}},   {{1, 5}, {1, 1}},
          {{260, 257}, {260, 1}}, {{4, 70000}, {4, 10000}},
      };
  for (const auto &[shape, scaleShape] : shapes)
    for (ElemType type : {ElemType::Int8, ElemType::UInt8})
      for (Scales scales :
           {Scales::Random, Scales::WithZeros, Scales::Tiny,
            Scales::Overflowing, Scales::WithInf, Scales::WithNaN})
        expectFusedMatches(shape, scaleShape, type, 8, false, scales);
}

TEST(ShiftScaleError, FusedVectorPassMatchesOnPackedInt4) {
  for (ElemType type : {ElemType::Int8, ElemType::UInt8}) {
    for (bool packed : {false, true}) {
      expectFusedMatches({200, 1024}, {200, 32}, type, 4, packed,
                         Scales::Random);
      expectFusedMatches({96, 1400}, {96, 200}, type, 4, packed,
                         Scales::WithZeros);
      expectFusedMatches({3, 43690}, {3, 1}, type, 4, packed, Scales::Tiny);
      expectFusedMatches({70, 1100}, {70, 1}, type, 4, packed, Scales::WithNaN);
      // Packed data whose compared part ends mid-byte.
      expectFusedMatches({7, 9363}, {7, 1}, type, 4, packed, Scales::Random, 4);
    }
  }
}

TEST(ShiftScaleError, FusedVectorPassMatchesOnAShorterReference) {
  // The reference ends mid-row, mid-group: the last chunk is partial.
  for (uint64_t shortBy : {1, 5, 8, 13, 65536 + 3})
    expectFusedMatches({300, 700}, {300, 20}, ElemType::Int8, 8, false,
                       Scales::Random, shortBy);
}

TEST(ShiftScaleError, RegisteredTensorsAreReadFromTheirFile) {
  // Reference and data "mappings" registered as a file's bytes whose memory
  // holds something else: every figure must come from the file (pread),
  // none from the memory.
  std::mt19937 rng(5);
  int64_t rows = 70, cols = 2000;
  uint64_t count = rows * cols;
  std::vector<int64_t> shape{rows, cols}, scaleShape{rows, 1};
  std::vector<uint8_t> data = randomTensor(rng, E::Int8, count, 8, 0);
  std::vector<uint16_t> scale(rows), reference(count), decoy(count, 0x3C00),
      whole(count);
  for (uint16_t &h : scale)
    h = floatToHalf(0.01f);
  for (uint16_t &h : reference)
    h = floatToHalf(std::uniform_real_distribution<float>(-1, 1)(rng));
  TensorRef rd{data.data(), E::Int8, shape};
  TensorRef rs{scale.data(), E::Float16, scaleShape};
  ASSERT_TRUE(
      ios18::blockwiseShiftScale(rd, rs, nullptr, whole.data(), 2 * count).ok);

  char path[] = "/tmp/mil-stats-reference-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  unlink(path);
  // The reference at an offset in the file, as in weight.bin, then the
  // data.
  std::vector<uint8_t> file(64 + 3 * count);
  std::memcpy(file.data() + 64, reference.data(), 2 * count);
  std::memcpy(file.data() + 64 + 2 * count, data.data(), count);
  ASSERT_EQ(write(fd, file.data(), file.size()),
            static_cast<ssize_t>(file.size()));
  registerFileMapping(decoy.data(), 2 * count, fd, 64);
  std::vector<uint8_t> decoyData(count, 0x7F);
  registerFileMapping(decoyData.data(), count, fd, 64 + 2 * count);
  TensorRef mappedData{decoyData.data(), E::Int8, shape};

  ErrorStats expected = measureError(E::Float16, reference.data(), E::Float16,
                                     whole.data(), count);
  StatsKernel best = bestStatsKernel();
  for (StatsKernel kernel : {StatsKernel::Scalar, best}) {
    setStatsKernel(kernel);
    ErrorStats viaFile =
        measureError(E::Float16, decoy.data(), E::Float16, whole.data(), count);
    ErrorStats filled = measureErrorOf(
        E::Float16, decoy.data(), E::Float16, count,
        [&](uint64_t begin, uint64_t end, void *out) {
          std::memcpy(out, whole.data() + begin, 2 * (end - begin));
        });
    ErrorStats fused;
    Status s = ios18::blockwiseShiftScaleError(
        mappedData, false, rs, nullptr, E::Float16, decoy.data(), count, fused);
    setStatsKernel(best);
    ASSERT_TRUE(s.ok) << s.message;
    EXPECT_TRUE(sameBits(viaFile, expected));
    EXPECT_TRUE(sameBits(filled, expected));
    EXPECT_TRUE(sameBits(fused, expected));
  }
  unregisterFileMapping(decoy.data());
  unregisterFileMapping(decoyData.data());
  close(fd);
  // Unregistered, the memory is read.
  ErrorStats decoyStats =
      measureError(E::Float16, decoy.data(), E::Float16, whole.data(), count);
  EXPECT_NE(decoyStats.squaredReference, expected.squaredReference);
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
