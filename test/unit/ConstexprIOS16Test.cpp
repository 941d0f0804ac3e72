//===- ConstexprIOS16Test.cpp - IOS16 constexpr decompression kernels
//-------===//
//
// Part of mil-mlir.
//
// Expected values are worked out by hand from spec/compression.md 1.1-1.4.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ConstexprIOS16.h"

#include "mil/Compression/BitPacking.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace mil::compression;
using namespace mil::compression::ios16;

namespace {

constexpr ElemType U8 = ElemType::UInt8;
constexpr ElemType I8 = ElemType::Int8;
constexpr ElemType F16 = ElemType::Float16;
constexpr ElemType F32 = ElemType::Float32;

/// An owned test tensor; ref() views it.
struct Tensor {
  std::vector<uint8_t> bytes;
  ElemType type;
  std::vector<int64_t> shape;
  TensorRef ref() const { return {bytes.data(), type, shape}; }
};

template <typename T>
Tensor make(ElemType type, const std::vector<T> &values,
            std::vector<int64_t> shape) {
  EXPECT_EQ(sizeof(T), elemTypeSize(type));
  Tensor t{std::vector<uint8_t>(values.size() * sizeof(T)), type,
           std::move(shape)};
  if (!values.empty())
    std::memcpy(t.bytes.data(), values.data(), t.bytes.size());
  return t;
}

/// An output buffer of `count` T, pre-filled with a junk byte so that
/// elements the kernel fails to write show up.
template <typename T> std::vector<T> junk(size_t count) {
  std::vector<T> out(count);
  std::memset(out.data(), 0xA5, count * sizeof(T));
  return out;
}

template <typename T> size_t bytesOf(const std::vector<T> &v) {
  return v.size() * sizeof(T);
}

const char *kAxisMsg = "Parameter axis needs to be in the range "
                       "-quantized_data.rank <= axis < quantized_data.rank";
const char *kScaleRankMsg =
    "Parameter scale needs to be either a scalar or vector";
const char *kZeroPointRankMsg =
    "Parameter zero_point needs to be either a scalar or vector";
const char *kScaleSizeMsg =
    "Parameter scale, if vector, needs to have same size as the dimension "
    "size along the parameter quantized_data";
const char *kZeroPointSizeMsg =
    "Parameter zero_point, if vector, needs to have same size as the "
    "dimension size along the parameter quantized_data";
const char *kIndicesRankMsg = "Parameter indices needs to have rank == 1";
const char *kLutRankMsg = "Parameter lut needs to have rank == 1";
const char *kLutSizeMsg =
    "Parameter lut should be a vector of size from one of {2, 4, 16, 64, 256}";
const char *kIndicesSizeMsg = "Constraint violated, M = ceil(n_bits * "
                              "product(shape) / 8) where M = indices.size";
const char *kNonzeroRankMsg = "Parameter nonzero_data needs to have rank == 1";
const char *kMaskRankMsg = "Parameter mask needs to have rank == 1";
const char *kSetBitsMsg = "Number of set bits in mask needs to be equal to "
                          "number of elements in parameter nonzero_data";
const char *kMaskSizeMsg =
    "Constraint Violated: M = ceil( product(shape) / 8) where M = mask.size";
const char *kPaddingMsg =
    "Padded bits in mask should be unset or equals to zero";

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS16Helpers, ElemTypes) {
  EXPECT_EQ(elemTypeSize(U8), 1u);
  EXPECT_EQ(elemTypeSize(I8), 1u);
  EXPECT_EQ(elemTypeSize(F16), 2u);
  EXPECT_EQ(elemTypeSize(F32), 4u);
  EXPECT_STREQ(elemTypeName(U8), "uint8");
  EXPECT_STREQ(elemTypeName(I8), "int8");
  EXPECT_STREQ(elemTypeName(F16), "fp16");
  EXPECT_STREQ(elemTypeName(F32), "fp32");
}

TEST(ConstexprIOS16Helpers, NumElements) {
  EXPECT_EQ(numElements({}), 1u);
  EXPECT_EQ(numElements({5}), 5u);
  EXPECT_EQ(numElements({2, 3, 4}), 24u);
  EXPECT_EQ(numElements({2, 0, 4}), 0u);
}

TEST(ConstexprIOS16Helpers, LutIndexBits) {
  EXPECT_EQ(lutIndexBits(2), 1u);
  EXPECT_EQ(lutIndexBits(4), 2u);
  EXPECT_EQ(lutIndexBits(16), 4u);
  EXPECT_EQ(lutIndexBits(64), 6u);
  EXPECT_EQ(lutIndexBits(256), 8u);
  // 3-bit (8 entries) is not expressible in the iOS16 op; nor are others.
  for (uint64_t size : {0, 1, 3, 8, 32, 128, 512})
    EXPECT_EQ(lutIndexBits(size), 0u) << size;
}

//===----------------------------------------------------------------------===//
// constexpr_affine_dequantize
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS16Affine, ScalarZeroPointAndScale) {
  Tensor q = make<uint8_t>(U8, {0, 128, 255}, {3});
  Tensor zp = make<uint8_t>(U8, {128}, {});
  Tensor scale = make<float>(F32, {0.5f}, {});
  auto out = junk<float>(3);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<float>{-64.0f, 0.0f, 63.5f}));
}

TEST(ConstexprIOS16Affine, SignedZeroPointWithUnsignedData) {
  // float32(200) - float32(-100) = 300: neither side wraps.
  Tensor q = make<uint8_t>(U8, {200, 0}, {2});
  Tensor zp = make<int8_t>(I8, {-100}, {});
  Tensor scale = make<float>(F32, {1.0f}, {});
  auto out = junk<float>(2);
  ASSERT_TRUE(affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                               bytesOf(out)));
  EXPECT_EQ(out, (std::vector<float>{300.0f, 100.0f}));
}

TEST(ConstexprIOS16Affine, PerChannelAxis0) {
  Tensor q = make<int8_t>(I8, {-1, 0, 1, 10, 20, 30}, {2, 3});
  Tensor zp = make<int8_t>(I8, {0, 10}, {2});
  Tensor scale = make<float>(F32, {2.0f, 0.25f}, {2});
  auto out = junk<float>(6);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<float>{-2, 0, 2, 0, 2.5f, 5}));
}

TEST(ConstexprIOS16Affine, PerChannelNegativeAxisLast) {
  // axis -1 of rank 3 is axis 2; fp32 scalar zero point 1.5.
  Tensor q =
      make<uint8_t>(U8, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {2, 2, 3});
  Tensor zp = make<float>(F32, {1.5f}, {});
  Tensor scale = make<float>(F32, {1.0f, 10.0f, 100.0f}, {3});
  auto out = junk<float>(12);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), -1, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<float>{-0.5f, 5, 150, 2.5f, 35, 450, 5.5f, 65,
                                     750, 8.5f, 95, 1050}));
}

TEST(ConstexprIOS16Affine, PerChannelNegativeAxisMiddle) {
  // axis -2 of rank 3 is axis 1: zero point vector, scale scalar.
  Tensor q =
      make<uint8_t>(U8, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {2, 2, 3});
  Tensor zp = make<uint8_t>(U8, {1, 4}, {2});
  Tensor scale = make<float>(F32, {2.0f}, {});
  auto out = junk<float>(12);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), -2, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out,
            (std::vector<float>{0, 2, 4, 0, 2, 4, 12, 14, 16, 12, 14, 16}));
}

TEST(ConstexprIOS16Affine, Fp16ScaleGivesFp16Output) {
  // scale [0.5, -2] (fp16 0x3800, 0xC000): (-2 - 0) * 0.5 = -1 (0xBC00),
  // (3 - 1) * -2 = -4 (0xC400).
  Tensor q = make<int8_t>(I8, {-2, 3}, {2});
  Tensor zp = make<int8_t>(I8, {0, 1}, {2});
  Tensor scale = make<uint16_t>(F16, {0x3800, 0xC000}, {2});
  auto out = junk<uint16_t>(2);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint16_t>{0xBC00, 0xC400}));
}

TEST(ConstexprIOS16Affine, Fp16OutputRoundsToNearestEven) {
  // In [2048, 4096) fp16 steps by 2. (q + 1800) * 1.0:
  //   2049 is a tie between 2048 (even, 0x6800) and 2050 (odd)  -> 0x6800
  //   2050 is exact                                           -> 0x6801
  //   2051 is a tie between 2050 (odd) and 2052 (even, 0x6802) -> 0x6802
  Tensor q = make<uint8_t>(U8, {249, 250, 251}, {3});
  Tensor zp = make<float>(F32, {-1800.0f}, {});
  Tensor scale = make<uint16_t>(F16, {0x3C00}, {});
  auto out = junk<uint16_t>(3);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint16_t>{0x6800, 0x6801, 0x6802}));
}

TEST(ConstexprIOS16Affine, Fp16OutputComputedInFloat32) {
  // fp16 0.1 is 0x2E66 = 0.0999755859375; 3 * that = 0.2999267578125 in
  // float32, which is 204.5 fp16 steps (2^-12) above 0.25: a tie, rounded to
  // the even 204 -> 0x3400 + 204 = 0x34CC. 255 * 65504 overflows to +inf.
  Tensor q = make<uint8_t>(U8, {3, 255}, {2});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor scale = make<uint16_t>(F16, {0x2E66, 0x7BFF}, {2});
  auto out = junk<uint16_t>(2);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint16_t>{0x34CC, 0x7C00}));
}

TEST(ConstexprIOS16Affine, EmptyTensor) {
  Tensor q = make<uint8_t>(U8, {}, {0, 3});
  Tensor zp = make<uint8_t>(U8, {0, 0, 0}, {3});
  Tensor scale = make<float>(F32, {1, 1, 1}, {3});
  EXPECT_TRUE(affineDequantize(q.ref(), zp.ref(), scale.ref(), 1, nullptr, 0));
}

TEST(ConstexprIOS16Affine, AxisOutOfRange) {
  Tensor q = make<uint8_t>(U8, {1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor scale = make<float>(F32, {1.0f}, {});
  auto out = junk<float>(6);
  for (int64_t axis : {2, 3, -3, -100}) {
    Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), axis,
                                out.data(), bytesOf(out));
    EXPECT_FALSE(s.ok) << axis;
    EXPECT_EQ(s.message, kAxisMsg) << axis;
  }
  for (int64_t axis : {-2, -1, 0, 1})
    EXPECT_TRUE(affineDequantize(q.ref(), zp.ref(), scale.ref(), axis,
                                 out.data(), bytesOf(out)))
        << axis;
  // A rank-0 quantized_data admits no axis at all.
  Tensor scalarQ = make<uint8_t>(U8, {1}, {});
  Status s = affineDequantize(scalarQ.ref(), zp.ref(), scale.ref(), 0,
                              out.data(), bytesOf(out));
  EXPECT_EQ(s.message, kAxisMsg);
}

TEST(ConstexprIOS16Affine, ParameterRank) {
  Tensor q = make<uint8_t>(U8, {1, 2, 3, 4}, {2, 2});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor zp2 = make<uint8_t>(U8, {0, 0, 0, 0}, {2, 2});
  Tensor scale = make<float>(F32, {1.0f}, {});
  Tensor scale2 = make<float>(F32, {1, 1, 1, 1}, {2, 2});
  auto out = junk<float>(4);
  Status s = affineDequantize(q.ref(), zp.ref(), scale2.ref(), 0, out.data(),
                              bytesOf(out));
  EXPECT_EQ(s.message, kScaleRankMsg);
  s = affineDequantize(q.ref(), zp2.ref(), scale.ref(), 0, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kZeroPointRankMsg);
  // Order: axis, then scale rank, then zero_point rank.
  s = affineDequantize(q.ref(), zp2.ref(), scale2.ref(), 0, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kScaleRankMsg);
  s = affineDequantize(q.ref(), zp2.ref(), scale2.ref(), 5, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kAxisMsg);
}

TEST(ConstexprIOS16Affine, ParameterVectorSize) {
  Tensor q = make<uint8_t>(U8, {1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor zp2 = make<uint8_t>(U8, {0, 0}, {2});
  Tensor zp3 = make<uint8_t>(U8, {0, 0, 0}, {3});
  Tensor scale = make<float>(F32, {1.0f}, {});
  Tensor scale2 = make<float>(F32, {1, 1}, {2});
  Tensor scale3 = make<float>(F32, {1, 1, 1}, {3});
  auto out = junk<float>(6);
  // Along axis 1 (size 3), length-2 vectors are wrong.
  Status s = affineDequantize(q.ref(), zp.ref(), scale2.ref(), 1, out.data(),
                              bytesOf(out));
  EXPECT_EQ(s.message, kScaleSizeMsg);
  s = affineDequantize(q.ref(), zp2.ref(), scale.ref(), -1, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kZeroPointSizeMsg);
  // Scale is checked before zero_point.
  s = affineDequantize(q.ref(), zp2.ref(), scale2.ref(), 1, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kScaleSizeMsg);
  // A vector of length 1 is not a scalar: it must match the axis too.
  Tensor scale1 = make<float>(F32, {1.0f}, {1});
  s = affineDequantize(q.ref(), zp.ref(), scale1.ref(), 0, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, kScaleSizeMsg);
  // The matching vectors along axis -1 and axis 0 are accepted.
  EXPECT_TRUE(affineDequantize(q.ref(), zp3.ref(), scale3.ref(), -1, out.data(),
                               bytesOf(out)));
  EXPECT_TRUE(affineDequantize(q.ref(), zp2.ref(), scale2.ref(), 0, out.data(),
                               bytesOf(out)));
}

TEST(ConstexprIOS16Affine, DtypeErrors) {
  Tensor q = make<uint8_t>(U8, {1, 2}, {2});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor scale = make<float>(F32, {1.0f}, {});
  Tensor half = make<uint16_t>(F16, {0, 0}, {2});
  Tensor halfScalar = make<uint16_t>(F16, {0}, {});
  auto out = junk<float>(2);
  Status s = affineDequantize(half.ref(), zp.ref(), scale.ref(), 0, out.data(),
                              bytesOf(out));
  EXPECT_EQ(s.message,
            "Parameter quantized_data expects uint8 or int8 but got fp16");
  s = affineDequantize(q.ref(), halfScalar.ref(), scale.ref(), 0, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message,
            "Parameter zero_point expects uint8, int8 or fp32 but got fp16");
  s = affineDequantize(q.ref(), zp.ref(), zp.ref(), 0, out.data(),
                       bytesOf(out));
  EXPECT_EQ(s.message, "Parameter scale expects fp16 or fp32 but got uint8");
}

TEST(ConstexprIOS16Affine, OutputTooSmall) {
  Tensor q = make<uint8_t>(U8, {1, 2}, {2});
  Tensor zp = make<uint8_t>(U8, {0}, {});
  Tensor scale = make<float>(F32, {1.0f}, {});
  auto out = junk<float>(2);
  Status s = affineDequantize(q.ref(), zp.ref(), scale.ref(), 0, out.data(), 7);
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "Output buffer too small: needs 8 bytes but got 7");
}

//===----------------------------------------------------------------------===//
// constexpr_cast
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS16Cast, HalfToFloat) {
  // 1, -2, 0x3555 = 0.333251953125, smallest subnormal 2^-24, -0, +inf.
  Tensor src = make<uint16_t>(
      F16, {0x3C00, 0xC000, 0x3555, 0x0001, 0x8000, 0x7C00}, {2, 3});
  auto out = junk<float>(6);
  Status s = cast(src.ref(), "fp32", out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -2.0f);
  EXPECT_EQ(out[2], 0.333251953125f);
  EXPECT_EQ(out[3], 5.9604644775390625e-08f);
  EXPECT_EQ(out[4], 0.0f);
  EXPECT_TRUE(std::signbit(out[4]));
  EXPECT_EQ(out[5], std::numeric_limits<float>::infinity());

  auto direct = junk<float>(6);
  castHalfToFloat(reinterpret_cast<const uint16_t *>(src.bytes.data()), 6,
                  direct.data());
  EXPECT_EQ(std::memcmp(direct.data(), out.data(), bytesOf(out)), 0);
}

TEST(ConstexprIOS16Cast, Errors) {
  Tensor src = make<uint16_t>(F16, {0x3C00}, {1});
  Tensor f32 = make<float>(F32, {1.0f}, {1});
  auto out = junk<float>(1);
  Status s = cast(src.ref(), "fp16", out.data(), bytesOf(out));
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "Only output_dtype = fp32 is supported");
  s = cast(f32.ref(), "fp32", out.data(), bytesOf(out));
  EXPECT_EQ(s.message, "Parameter source_val expects fp16 but got fp32");
  s = cast(src.ref(), "fp32", out.data(), 2);
  EXPECT_EQ(s.message, "Output buffer too small: needs 4 bytes but got 2");
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS16Lut, SpecExample2Bit) {
  // Indices [0, 3, 2, 1, 3] pack into [0b01101100, 0b00000011] = [108, 3].
  Tensor idx = make<uint8_t>(U8, {108, 3}, {2});
  Tensor lut = make<uint8_t>(U8, {10, 20, 30, 40}, {4});
  auto out = junk<uint8_t>(5);
  Status s = lutToDense(idx.ref(), lut.ref(), {5}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint8_t>{10, 40, 30, 20, 40}));

  Tensor flut = make<float>(F32, {-1.5f, 0.25f, 2.0f, 8.0f}, {4});
  auto fout = junk<float>(5);
  s = lutToDense(idx.ref(), flut.ref(), {5}, fout.data(), bytesOf(fout));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(fout, (std::vector<float>{-1.5f, 8.0f, 2.0f, 0.25f, 8.0f}));
}

TEST(ConstexprIOS16Lut, SpecExample3BitIsNotExpressible) {
  // The spec's 3-bit packing example ([1..7] -> [209, 88, 31]) is the shared
  // LSB-first layout, but an 8-entry LUT is rejected by the iOS16 op.
  std::vector<uint8_t> unpacked(7);
  const uint8_t packed[] = {209, 88, 31};
  unpackBits(packed, 7, 3, unpacked.data());
  EXPECT_EQ(unpacked, (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7}));

  Tensor idx = make<uint8_t>(U8, {209, 88, 31}, {3});
  Tensor lut = make<uint8_t>(U8, {0, 1, 2, 3, 4, 5, 6, 7}, {8});
  auto out = junk<uint8_t>(7);
  Status s = lutToDense(idx.ref(), lut.ref(), {7}, out.data(), bytesOf(out));
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, kLutSizeMsg);
}

TEST(ConstexprIOS16Lut, OneBitIgnoresPadding) {
  // 10 elements in 2 bytes: 178 = 0b10110010 -> 0,1,0,0,1,1,0,1; then 1,0.
  Tensor lut = make<int8_t>(I8, {-3, 7}, {2});
  const std::vector<int8_t> expected = {-3, 7, -3, -3, 7, 7, -3, 7, 7, -3};
  for (uint8_t last : {uint8_t(0x01), uint8_t(0xFD)}) {
    Tensor idx = make<uint8_t>(U8, {178, last}, {2});
    auto out = junk<int8_t>(10);
    Status s =
        lutToDense(idx.ref(), lut.ref(), {2, 5}, out.data(), bytesOf(out));
    ASSERT_TRUE(s.ok) << s.message;
    EXPECT_EQ(out, expected) << int(last);
  }
}

TEST(ConstexprIOS16Lut, FourBitFp16) {
  // [15, 1, 10] -> bytes [0x1F, 0x0A]; fp16 LUT entries are copied bitwise.
  std::vector<uint16_t> table(16);
  for (uint16_t i = 0; i < 16; ++i)
    table[i] = 0x3C00 + i;
  Tensor lut = make<uint16_t>(F16, table, {16});
  Tensor idx = make<uint8_t>(U8, {0x1F, 0x0A}, {2});
  auto out = junk<uint16_t>(3);
  Status s = lutToDense(idx.ref(), lut.ref(), {3}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint16_t>{0x3C0F, 0x3C01, 0x3C0A}));
}

TEST(ConstexprIOS16Lut, SixBitStraddlesBytes) {
  // [63, 1, 32, 5]: byte0 = 63 | (1 << 6) = 127; byte1 = 0;
  // byte2 = (32 >> 4) | (5 << 2) = 22.
  std::vector<uint8_t> table(64);
  for (int i = 0; i < 64; ++i)
    table[i] = static_cast<uint8_t>(255 - i);
  Tensor lut = make<uint8_t>(U8, table, {64});
  Tensor idx = make<uint8_t>(U8, {127, 0, 22}, {3});
  auto out = junk<uint8_t>(4);
  Status s = lutToDense(idx.ref(), lut.ref(), {2, 2}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint8_t>{192, 254, 223, 250}));
}

TEST(ConstexprIOS16Lut, EightBitFp32) {
  std::vector<float> table(256);
  for (int i = 0; i < 256; ++i)
    table[i] = 0.5f * i;
  Tensor lut = make<float>(F32, table, {256});
  Tensor idx = make<uint8_t>(U8, {0, 255, 7}, {3});
  auto out = junk<float>(3);
  Status s = lutToDense(idx.ref(), lut.ref(), {3, 1}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<float>{0.0f, 127.5f, 3.5f}));
}

TEST(ConstexprIOS16Lut, LongInputsCrossChunks) {
  // 2-bit: indices k % 4 pack to 0b11100100 = 228 in every byte.
  Tensor lut2 = make<float>(F32, {1.0f, 2.0f, 3.0f, 4.0f}, {4});
  Tensor idx2 = make<uint8_t>(U8, std::vector<uint8_t>(625, 228), {625});
  auto out2 = junk<float>(2500);
  Status s =
      lutToDense(idx2.ref(), lut2.ref(), {50, 50}, out2.data(), bytesOf(out2));
  ASSERT_TRUE(s.ok) << s.message;
  for (size_t k = 0; k < out2.size(); ++k)
    ASSERT_EQ(out2[k], float(k % 4 + 1)) << k;

  // 6-bit: the 3-byte group [127, 0, 22] holds indices [63, 1, 32, 5].
  std::vector<uint8_t> packed;
  for (int g = 0; g < 258; ++g)
    packed.insert(packed.end(), {127, 0, 22});
  std::vector<uint16_t> table(64);
  for (uint16_t i = 0; i < 64; ++i)
    table[i] = i;
  Tensor lut6 = make<uint16_t>(F16, table, {64});
  Tensor idx6 = make<uint8_t>(U8, packed, {774});
  auto out6 = junk<uint16_t>(1032);
  s = lutToDense(idx6.ref(), lut6.ref(), {1032}, out6.data(), bytesOf(out6));
  ASSERT_TRUE(s.ok) << s.message;
  const uint16_t group[] = {63, 1, 32, 5};
  for (size_t k = 0; k < out6.size(); ++k)
    ASSERT_EQ(out6[k], group[k % 4]) << k;
}

TEST(ConstexprIOS16Lut, Errors) {
  Tensor idx = make<uint8_t>(U8, {108, 3}, {2});
  Tensor idx2d = make<uint8_t>(U8, {108, 3}, {1, 2});
  Tensor idx3 = make<uint8_t>(U8, {108, 3, 0}, {3});
  Tensor idxI8 = make<int8_t>(I8, {1, 3}, {2});
  Tensor lut = make<uint8_t>(U8, {10, 20, 30, 40}, {4});
  Tensor lut2d = make<uint8_t>(U8, {10, 20, 30, 40}, {2, 2});
  Tensor lut3 = make<uint8_t>(U8, {10, 20, 30}, {3});
  auto out = junk<uint8_t>(5);
  auto run = [&](const Tensor &i, const Tensor &l,
                 llvm::ArrayRef<int64_t> shape) {
    return lutToDense(i.ref(), l.ref(), shape, out.data(), bytesOf(out))
        .message;
  };
  EXPECT_EQ(run(idx2d, lut, {5}), kIndicesRankMsg);
  EXPECT_EQ(run(idx, lut2d, {5}), kLutRankMsg);
  EXPECT_EQ(run(idx2d, lut2d, {5}), kIndicesRankMsg); // order
  EXPECT_EQ(run(idx, lut3, {5}), kLutSizeMsg);
  EXPECT_EQ(run(idx3, lut, {5}), kIndicesSizeMsg);
  EXPECT_EQ(run(idx, lut, {4}), kIndicesSizeMsg);    // needs 1 byte
  EXPECT_EQ(run(idx, lut, {3, 3}), kIndicesSizeMsg); // needs 3 bytes
  EXPECT_EQ(run(idx3, lut3, {5}), kLutSizeMsg);      // order
  EXPECT_EQ(run(idxI8, lut, {5}),
            "Parameter indices expects uint8 but got int8");
  EXPECT_EQ(run(idx, lut, {-5}), "Parameter shape has a negative dimension -5");
  Status s = lutToDense(idx.ref(), lut.ref(), {5}, out.data(), 4);
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "Output buffer too small: needs 5 bytes but got 4");
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS16Sparse, SpecExample) {
  // shape (5,), elements 2 and 3 non-zero: mask [0b00001100] = [12].
  Tensor data = make<uint8_t>(U8, {7, 9}, {2});
  Tensor mask = make<uint8_t>(U8, {12}, {1});
  auto out = junk<uint8_t>(5);
  Status s =
      sparseToDense(data.ref(), mask.ref(), {5}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<uint8_t>{0, 0, 7, 9, 0}));
}

TEST(ConstexprIOS16Sparse, Fp32FullByte) {
  // shape (2, 4), mask 0b10000001: elements 0 and 7.
  Tensor data = make<float>(F32, {1.5f, -2.25f}, {2});
  Tensor mask = make<uint8_t>(U8, {129}, {1});
  auto out = junk<float>(8);
  Status s =
      sparseToDense(data.ref(), mask.ref(), {2, 4}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<float>{1.5f, 0, 0, 0, 0, 0, 0, -2.25f}));
}

TEST(ConstexprIOS16Sparse, Fp16TwoBytes) {
  // shape (3, 3): elements 0, 4, 8 -> mask [0b00010001, 0b00000001].
  Tensor data = make<uint16_t>(F16, {0x3C00, 0xC000, 0x3800}, {3});
  Tensor mask = make<uint8_t>(U8, {17, 1}, {2});
  auto out = junk<uint16_t>(9);
  Status s =
      sparseToDense(data.ref(), mask.ref(), {3, 3}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out,
            (std::vector<uint16_t>{0x3C00, 0, 0, 0, 0xC000, 0, 0, 0, 0x3800}));
}

TEST(ConstexprIOS16Sparse, Int8AllAndNone) {
  Tensor data = make<int8_t>(I8, {-1, -2, -3, -4, -5, -6, -7, -8, -9}, {9});
  Tensor mask = make<uint8_t>(U8, {0xFF, 0x01}, {2});
  auto out = junk<int8_t>(9);
  Status s =
      sparseToDense(data.ref(), mask.ref(), {9}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, (std::vector<int8_t>{-1, -2, -3, -4, -5, -6, -7, -8, -9}));

  Tensor none = make<int8_t>(I8, {}, {0});
  Tensor zeroMask = make<uint8_t>(U8, {0, 0}, {2});
  s = sparseToDense(none.ref(), zeroMask.ref(), {9}, out.data(), bytesOf(out));
  ASSERT_TRUE(s.ok) << s.message;
  EXPECT_EQ(out, std::vector<int8_t>(9, 0));

  Tensor emptyMask = make<uint8_t>(U8, {}, {0});
  EXPECT_TRUE(sparseToDense(none.ref(), emptyMask.ref(), {0}, nullptr, 0));
}

TEST(ConstexprIOS16Sparse, Errors) {
  Tensor data = make<uint8_t>(U8, {7, 9}, {2});
  Tensor data2d = make<uint8_t>(U8, {7, 9}, {1, 2});
  Tensor data3 = make<uint8_t>(U8, {7, 9, 11}, {3});
  Tensor mask = make<uint8_t>(U8, {12}, {1});
  Tensor maskScalar = make<uint8_t>(U8, {12}, {});
  Tensor mask2d = make<uint8_t>(U8, {12}, {1, 1});
  Tensor maskI8 = make<int8_t>(I8, {12}, {1});
  Tensor maskLong = make<uint8_t>(U8, {12, 0}, {2});
  Tensor maskLongSet = make<uint8_t>(U8, {12, 1}, {2});
  Tensor maskPadded = make<uint8_t>(U8, {44}, {1}); // bits 2, 3, 5
  auto out = junk<uint8_t>(16);
  auto run = [&](const Tensor &d, const Tensor &m,
                 llvm::ArrayRef<int64_t> shape) {
    return sparseToDense(d.ref(), m.ref(), shape, out.data(), bytesOf(out))
        .message;
  };
  EXPECT_EQ(run(data2d, mask, {5}), kNonzeroRankMsg);
  EXPECT_EQ(run(data, maskScalar, {5}), kMaskRankMsg);
  EXPECT_EQ(run(data, mask2d, {5}), kMaskRankMsg);
  EXPECT_EQ(run(data2d, mask2d, {5}), kNonzeroRankMsg); // order
  EXPECT_EQ(run(data3, mask, {5}), kSetBitsMsg);
  EXPECT_EQ(run(data, maskLongSet, {5}), kSetBitsMsg); // before the size check
  EXPECT_EQ(run(data, maskLong, {5}), kMaskSizeMsg);
  EXPECT_EQ(run(data, mask, {9}), kMaskSizeMsg);
  EXPECT_EQ(run(data3, maskPadded, {5}), kPaddingMsg);
  // Bit 5 is a real element when the shape has 6 or more elements.
  EXPECT_EQ(run(data3, maskPadded, {6}), "");
  EXPECT_EQ(run(data, maskI8, {5}),
            "Parameter mask expects uint8 but got int8");
  Status s = sparseToDense(data.ref(), mask.ref(), {5}, out.data(), 4);
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "Output buffer too small: needs 5 bytes but got 4");
}

} // namespace
