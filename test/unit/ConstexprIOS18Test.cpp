//===- ConstexprIOS18Test.cpp - IOS18 constexpr decompression kernels
//-------===//
//
// Part of mil-mlir.
//
// Expected values are the spec's worked examples (compression.md 1.5-1.9) or
// computed by hand.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ConstexprIOS18.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/Half.h"

#include "gtest/gtest.h"

#include <optional>
#include <type_traits>
#include <vector>

using namespace mil::compression;
using namespace mil::compression::ios18;

namespace {

std::vector<uint16_t> halves(std::initializer_list<float> values) {
  std::vector<uint16_t> out;
  for (float v : values)
    out.push_back(floatToHalf(v));
  return out;
}

std::vector<float> toFloats(const std::vector<uint16_t> &values) {
  std::vector<float> out;
  for (uint16_t v : values)
    out.push_back(halfToFloat(v));
  return out;
}

template <typename T>
TensorRef ref(const std::vector<T> &values, ElemType type,
              const std::vector<int64_t> &shape, unsigned bits = 8) {
  return TensorRef{values.data(), type, shape, bits};
}

template <typename T> size_t bytesOf(const std::vector<T> &v) {
  return v.size() * sizeof(T);
}

// Shapes used by reference below must outlive the TensorRefs.
const std::vector<int64_t> kShape1x2x4 = {1, 2, 4};
const std::vector<int64_t> kShape1x1x2 = {1, 1, 2};

// The 4x6 mask of the 1.8 example.
const std::vector<uint8_t> kMask4x6 = {1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1,
                                       0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0};
const std::vector<uint8_t> kMaskIndices = {0, 1, 1, 0, 1, 1, 0, 0, 1};
const std::vector<int64_t> kShape4x6 = {4, 6};
const std::vector<int64_t> kShape9 = {9};

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18Helpers, DtypeNamesAndSizes) {
  EXPECT_EQ(dtypeName(ElemType::Int8, 4), "int4");
  EXPECT_EQ(dtypeName(ElemType::UInt8, 1), "uint1");
  EXPECT_EQ(dtypeName(ElemType::UInt8), "uint8");
  EXPECT_EQ(dtypeName(ElemType::Float16), "fp16");
  EXPECT_EQ(dtypeName(ElemType::Float32), "fp32");
  EXPECT_EQ(elemTypeSize(ElemType::Float16), 2u);
  EXPECT_EQ(numElements({2, 3, 4}), 24u);
  EXPECT_EQ(numElements({}), 1u);
}

//===----------------------------------------------------------------------===//
// constexpr_blockwise_shift_scale (1.5)
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18BlockwiseShiftScale, SpecExample) {
  std::vector<int8_t> data = {4, 8, 10, 13, 24, 5, 6, 9};
  std::vector<uint16_t> scale = halves({4, 8});
  std::vector<int8_t> offset = {4, 0};
  TensorRef off = ref(offset, ElemType::Int8, kShape1x1x2);
  std::vector<uint16_t> out(8);
  Status s = blockwiseShiftScale(ref(data, ElemType::Int8, kShape1x2x4),
                                 ref(scale, ElemType::Float16, kShape1x1x2),
                                 &off, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{0, 16, 80, 104, 80, 4, 48, 72}));
}

TEST(ConstexprIOS18BlockwiseShiftScale, PerBlockScaleWithOffset) {
  std::vector<uint8_t> data = {1, 2,  3,  4,  5,  6,  7,  8,
                               9, 10, 11, 12, 13, 14, 15, 16};
  std::vector<float> scale = {0.5f, 2.0f, 0.25f, 4.0f};
  std::vector<uint8_t> offset = {1, 2, 3, 4};
  std::vector<int64_t> dataShape = {4, 4}, scaleShape = {2, 2};
  TensorRef off = ref(offset, ElemType::UInt8, scaleShape);
  std::vector<float> out(16);
  Status s = blockwiseShiftScale(ref(data, ElemType::UInt8, dataShape),
                                 ref(scale, ElemType::Float32, scaleShape),
                                 &off, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{0, 0.5f, 2, 4, 2, 2.5f, 10, 12, 1.5f,
                                     1.75f, 28, 32, 2.5f, 2.75f, 44, 48}));
}

TEST(ConstexprIOS18BlockwiseShiftScale, Int4DataAndOffset) {
  // int4 [-8, -1, 0, 7, 3, -5] packed LSB-first.
  std::vector<uint8_t> packed = {0xF8, 0x70, 0xB3};
  std::vector<int8_t> data(6);
  unpackSignedBits(packed.data(), 6, 4, data.data());
  ASSERT_EQ(data, (std::vector<int8_t>{-8, -1, 0, 7, 3, -5}));
  std::vector<float> scale = {0.5f, 2.0f};
  std::vector<int8_t> offset = {-1, 2};
  std::vector<int64_t> dataShape = {2, 3}, scaleShape = {2, 1};
  TensorRef off = ref(offset, ElemType::Int8, scaleShape, 4);
  std::vector<float> out(6);
  Status s = blockwiseShiftScale(ref(data, ElemType::Int8, dataShape, 4),
                                 ref(scale, ElemType::Float32, scaleShape),
                                 &off, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{-3.5f, 0, 0.5f, 10, 2, -14}));
}

TEST(ConstexprIOS18BlockwiseShiftScale, NoOffsetFp16DataFp32Scale) {
  std::vector<uint16_t> data = halves({1.5f, -2, 0.25f, 3});
  std::vector<float> scale = {2.0f, -1.0f};
  std::vector<int64_t> dataShape = {2, 2}, scaleShape = {2, 1};
  std::vector<float> out(4);
  Status s = blockwiseShiftScale(ref(data, ElemType::Float16, dataShape),
                                 ref(scale, ElemType::Float32, scaleShape),
                                 nullptr, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{3, -4, -0.25f, -3}));
}

TEST(ConstexprIOS18BlockwiseShiftScale, Fp16ArithmeticRoundsLikeNumpy) {
  // fp32 data is cast to fp16 first: 1 + 2^-11 ties to 1, 2049 to 2048.
  std::vector<float> data = {1.0009765625f, 1.00048828125f, 2049.0f};
  std::vector<uint16_t> one = halves({1});
  std::vector<int64_t> dataShape = {3}, scaleShape = {1};
  std::vector<uint16_t> out(3);
  Status s = blockwiseShiftScale(ref(data, ElemType::Float32, dataShape),
                                 ref(one, ElemType::Float16, scaleShape),
                                 nullptr, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{1.0009765625f, 1, 2048}));

  // fp16 2048 - fp16 -1.5 = 2049.5 rounds to 2050 in fp16; * 0.75 = 1537.5
  // ties to 1538. (float32 then one rounding would give 1537.)
  std::vector<uint16_t> d16 = halves({2048}), o16 = halves({-1.5f}),
                        s16 = halves({0.75f});
  TensorRef off = ref(o16, ElemType::Float16, scaleShape);
  std::vector<uint16_t> out1(1);
  s = blockwiseShiftScale(ref(d16, ElemType::Float16, scaleShape),
                          ref(s16, ElemType::Float16, scaleShape), &off,
                          out1.data(), bytesOf(out1));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(halfToFloat(out1[0]), 1538.0f);
}

TEST(ConstexprIOS18BlockwiseShiftScale, FloatOffsetWithIntegerData) {
  std::vector<int8_t> data = {3, -3};
  std::vector<float> scale = {2.0f};
  std::vector<float> offset = {0.5f};
  std::vector<int64_t> dataShape = {2}, scaleShape = {1};
  TensorRef off = ref(offset, ElemType::Float32, scaleShape);
  std::vector<float> out(2);
  Status s = blockwiseShiftScale(ref(data, ElemType::Int8, dataShape),
                                 ref(scale, ElemType::Float32, scaleShape),
                                 &off, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{5, -7}));
}

TEST(ConstexprIOS18BlockwiseShiftScaleErrors, SpecMessages) {
  std::vector<int8_t> data(8, 1);
  std::vector<float> scale(4, 1.0f);
  std::vector<int8_t> offset(4, 0);
  std::vector<float> out(8);
  std::vector<int64_t> s2x4 = {2, 4}, s8 = {8}, s2 = {2}, s1x2 = {1, 2},
                       s2x1 = {2, 1}, s1x3 = {1, 3}, scalar = {};
  auto run = [&](std::vector<int64_t> &dataShape,
                 std::vector<int64_t> &scaleShape, const TensorRef *off) {
    return blockwiseShiftScale(ref(data, ElemType::Int8, dataShape),
                               ref(scale, ElemType::Float32, scaleShape), off,
                               out.data(), bytesOf(out));
  };

  EXPECT_EQ(run(s2x4, s8, nullptr).message,
            "Parameter 'data' and 'scale' need to have the same rank, but got "
            "2 vs 1.");
  EXPECT_EQ(run(scalar, scalar, nullptr).message,
            "Parameter 'data' needs to have at least rank 1, but got scalar.");
  EXPECT_EQ(run(s2x4, s1x3, nullptr).message,
            "Number of scales along each dimension should be a factor of "
            "corresponding dimension size of 'data'. However, at dim 1, the "
            "'data' has 4 while 'scale' has 3.");

  TensorRef badShape = ref(offset, ElemType::Int8, s2x1);
  EXPECT_EQ(run(s2x4, s1x2, &badShape).message,
            "Invalid parameter 'offset'; the shape of 'offset' should match "
            "the shape of 'scale', but got ((2, 1)) vs ((1, 2)).");
  TensorRef badShape1 = ref(offset, ElemType::Int8, s2);
  EXPECT_EQ(run(s8, s1x2, &badShape1).message,
            "Parameter 'data' and 'scale' need to have the same rank, but got "
            "1 vs 2.");

  TensorRef uintOffset = ref(offset, ElemType::UInt8, s1x2);
  EXPECT_EQ(run(s2x4, s1x2, &uintOffset).message,
            "Invalid parameter 'offset'; the dtype of 'offset' should match "
            "the dtype of 'data', but got (uint8) vs (int8).");
  TensorRef int4Offset = ref(offset, ElemType::Int8, s1x2, 4);
  EXPECT_EQ(run(s2x4, s1x2, &int4Offset).message,
            "Invalid parameter 'offset'; the dtype of 'offset' should match "
            "the dtype of 'data', but got (int4) vs (int8).");
  // Offsets of data's dtype are fine.
  TensorRef goodOffset = ref(offset, ElemType::Int8, s1x2);
  EXPECT_TRUE(run(s2x4, s1x2, &goodOffset));
}

TEST(ConstexprIOS18BlockwiseShiftScaleErrors, DomainsAndBuffers) {
  std::vector<int8_t> data(4, 1);
  std::vector<int8_t> intScale(1, 1);
  std::vector<float> scale(1, 1.0f);
  std::vector<int64_t> s4 = {4}, s1 = {1};
  std::vector<float> out(4);
  Status s = blockwiseShiftScale(ref(data, ElemType::Int8, s4),
                                 ref(intScale, ElemType::Int8, s1), nullptr,
                                 out.data(), bytesOf(out));
  EXPECT_FALSE(s);
  EXPECT_NE(s.message.find("Input scale expects"), std::string::npos);
  s = blockwiseShiftScale(ref(data, ElemType::Int8, s4, 2),
                          ref(scale, ElemType::Float32, s1), nullptr,
                          out.data(), bytesOf(out));
  EXPECT_FALSE(s);
  EXPECT_NE(s.message.find("but got int2"), std::string::npos);
  s = blockwiseShiftScale(ref(data, ElemType::Int8, s4),
                          ref(scale, ElemType::Float32, s1), nullptr,
                          out.data(), bytesOf(out) - 1);
  EXPECT_FALSE(s);
  EXPECT_NE(s.message.find("too small"), std::string::npos);
  EXPECT_TRUE(verifyBlockwiseShiftScale(ref(data, ElemType::Int8, s4),
                                        ref(scale, ElemType::Float32, s1),
                                        nullptr));
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense (1.6)
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18LutToDense, SpecGroupedExample) {
  std::vector<uint8_t> indices = {2, 3, 3, 0, 1, 0, 3, 0, 2, 1, 0, 3};
  std::vector<uint16_t> lut = halves({1, 5, 9, 13, 2, 10, 18, 26});
  std::vector<int64_t> indicesShape = {6, 2}, lutShape = {2, 1, 4, 1};
  TensorRef idx = ref(indices, ElemType::UInt8, indicesShape, 2);
  TensorRef table = ref(lut, ElemType::Float16, lutShape);
  std::vector<int64_t> shape;
  ASSERT_TRUE(lutToDenseShape(idx, table, std::nullopt, shape));
  EXPECT_EQ(shape, indicesShape);
  std::vector<uint16_t> out(12);
  Status s = lutToDense(idx, table, std::nullopt, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out),
            (std::vector<float>{9, 13, 13, 1, 5, 1, 26, 2, 18, 10, 2, 26}));
}

// The 1.6 vector example with a = [1, 2, 3], b = [10, 20, 30].
struct VectorExample {
  std::vector<uint8_t> indices = {0, 0, 1, 0, 1, 1, 0, 0};
  std::vector<float> lut = {1, 2, 3, 10, 20, 30};
  std::vector<int64_t> indicesShape = {2, 2, 2}, lutShape = {1, 1, 1, 2, 3};

  Status run(int64_t axis, std::vector<float> &out,
             std::vector<int64_t> &shape) {
    TensorRef idx = ref(indices, ElemType::UInt8, indicesShape, 1);
    TensorRef table = ref(lut, ElemType::Float32, lutShape);
    if (Status s = lutToDenseShape(idx, table, axis, shape); !s)
      return s;
    out.assign(numElements(shape), -1.0f);
    return lutToDense(idx, table, axis, out.data(), bytesOf(out));
  }
};

TEST(ConstexprIOS18LutToDense, SpecVectorExampleAxis1) {
  VectorExample ex;
  std::vector<float> out;
  std::vector<int64_t> shape;
  Status s = ex.run(1, out, shape);
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(shape, (std::vector<int64_t>{2, 6, 2}));
  EXPECT_EQ(out,
            (std::vector<float>{1,  1,  2,  2,  3,  3,  10, 1, 20, 2, 30, 3,
                                10, 10, 20, 20, 30, 30, 1,  1, 2,  2, 3,  3}));
}

TEST(ConstexprIOS18LutToDense, SpecVectorExampleAxis2AndNegative) {
  VectorExample ex;
  std::vector<float> expected = {1,  2,  3,  1,  2,  3,  10, 20, 30, 1, 2, 3,
                                 10, 20, 30, 10, 20, 30, 1,  2,  3,  1, 2, 3};
  for (int64_t axis : {2, -1}) {
    std::vector<float> out;
    std::vector<int64_t> shape;
    Status s = ex.run(axis, out, shape);
    ASSERT_TRUE(s) << s.message;
    EXPECT_EQ(shape, (std::vector<int64_t>{2, 2, 6}));
    EXPECT_EQ(out, expected) << "axis " << axis;
  }
}

TEST(ConstexprIOS18LutToDense, VectorAxis0) {
  VectorExample ex;
  std::vector<float> out;
  std::vector<int64_t> shape;
  Status s = ex.run(-3, out, shape);
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(shape, (std::vector<int64_t>{6, 2, 2}));
  EXPECT_EQ(out,
            (std::vector<float>{1,  1,  10, 1, 2,  2,  20, 2, 3,  3,  30, 3,
                                10, 10, 1,  1, 20, 20, 2,  2, 30, 30, 3,  3}));
}

TEST(ConstexprIOS18LutToDense, SeveralGroupsAlongEachAxis) {
  // 4x6 uint1 indices; LUT (2, 3, 2, 1): blocks of 2 rows x 2 columns;
  // lut[g0][g1][e] = 40*g0 + 10*g1 + e - 50.
  std::vector<uint8_t> indices = {0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0,
                                  1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1};
  std::vector<int8_t> lut = {-50, -49, -40, -39, -30, -29,
                             -10, -9,  0,   1,   10,  11};
  std::vector<int64_t> indicesShape = {4, 6}, lutShape = {2, 3, 2, 1};
  std::vector<int8_t> out(24);
  Status s = lutToDense(ref(indices, ElemType::UInt8, indicesShape, 1),
                        ref(lut, ElemType::Int8, lutShape), std::nullopt,
                        out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<int8_t>{-50, -49, -39, -40, -30, -29, -49, -50,
                                      -40, -39, -29, -30, -9,  -9,  0,   0,
                                      11,  10,  -10, -10, 1,   1,   10,  11}));
}

TEST(ConstexprIOS18LutToDense, GroupedVectorLut) {
  // LUT (2, 1, 2, 2) fp16: group 0 {[1,2],[3,4]}, group 1 {[5,6],[7,8]}.
  std::vector<uint16_t> lut = halves({1, 2, 3, 4, 5, 6, 7, 8});
  std::vector<int64_t> lutShape = {2, 1, 2, 2};
  TensorRef table = ref(lut, ElemType::Float16, lutShape);

  std::vector<uint8_t> indices = {0, 1, 1, 1};
  std::vector<int64_t> indicesShape = {2, 2};
  TensorRef idx = ref(indices, ElemType::UInt8, indicesShape, 1);
  std::vector<uint16_t> out(8);
  Status s = lutToDense(idx, table, 1, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{1, 2, 3, 4, 7, 8, 7, 8}));
  s = lutToDense(idx, table, 0, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{1, 3, 2, 4, 7, 7, 8, 8}));

  // Groups along the vector axis are taken on index coordinates: output row
  // 4 comes from index row 2, which is in group 1.
  std::vector<uint8_t> column = {0, 1, 1, 0};
  std::vector<int64_t> columnShape = {4, 1};
  std::vector<uint16_t> out2(8);
  s = lutToDense(ref(column, ElemType::UInt8, columnShape, 1), table, 0,
                 out2.data(), bytesOf(out2));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out2), (std::vector<float>{1, 2, 3, 4, 7, 8, 5, 6}));
}

TEST(ConstexprIOS18LutToDense, VectorAxisIgnoredWhenVectorSizeIsOne) {
  std::vector<uint8_t> indices = {1, 0, 1};
  std::vector<uint8_t> lut = {200, 7};
  std::vector<int64_t> indicesShape = {3}, lutShape = {1, 2, 1};
  TensorRef idx = ref(indices, ElemType::UInt8, indicesShape, 1);
  TensorRef table = ref(lut, ElemType::UInt8, lutShape);
  std::vector<int64_t> shape;
  ASSERT_TRUE(lutToDenseShape(idx, table, 0, shape));
  EXPECT_EQ(shape, indicesShape);
  std::vector<uint8_t> out(3);
  ASSERT_TRUE(lutToDense(idx, table, 0, out.data(), bytesOf(out)));
  EXPECT_EQ(out, (std::vector<uint8_t>{7, 200, 7}));
}

TEST(ConstexprIOS18LutToDense, PackedUint3Indices) {
  // uint3 [7, 0, 3] packed LSB-first is 0xC7 0x00.
  std::vector<uint8_t> packed = {0xC7, 0x00};
  std::vector<uint8_t> indices(3);
  unpackBits(packed.data(), 3, 3, indices.data());
  std::vector<uint8_t> lut = {10, 11, 12, 13, 14, 15, 16, 17};
  std::vector<int64_t> indicesShape = {3}, lutShape = {1, 8, 1};
  std::vector<uint8_t> out(3);
  Status s = lutToDense(ref(indices, ElemType::UInt8, indicesShape, 3),
                        ref(lut, ElemType::UInt8, lutShape), std::nullopt,
                        out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<uint8_t>{17, 10, 13}));
}

TEST(ConstexprIOS18LutToDenseErrors, SpecMessages) {
  std::vector<uint8_t> indices(8, 0);
  std::vector<float> lut(64, 0.0f);
  std::vector<float> out(64);
  auto run = [&](std::vector<int64_t> indicesShape,
                 std::vector<int64_t> lutShape, unsigned bits,
                 std::optional<int64_t> axis) {
    return lutToDense(ref(indices, ElemType::UInt8, indicesShape, bits),
                      ref(lut, ElemType::Float32, lutShape), axis, out.data(),
                      bytesOf(out))
        .message;
  };
  EXPECT_EQ(run({}, {4, 1}, 2, std::nullopt),
            "Parameter 'indices' needs to have at least rank 1, but got "
            "scalar.");
  EXPECT_EQ(run({2, 4}, {1, 4, 1}, 2, std::nullopt),
            "Parameter 'lut' need to have 2 more dim than 'indices', but got "
            "3-rank 'lut' and 2-rank 'indices'.");
  EXPECT_EQ(run({2, 4}, {1, 3, 4, 1}, 2, std::nullopt),
            "Each dimension of 'indices' should be divisible by each "
            "corresponding dimension of the 'lut'. However, at dim 1, the "
            "'indices' has 4 while 'lut' has 3.");
  EXPECT_EQ(run({2, 4}, {1, 1, 3, 1}, 2, std::nullopt),
            "Invalid parameter 'lut'; the second last dim should have size "
            "2^nbits, but got 3.");
  EXPECT_EQ(run({2, 4}, {1, 1, 16, 1}, 2, std::nullopt),
            "Invalid parameter 'indices'; the second last dim indicate number "
            "of palettes (16), which means nbits is 4, so the dtype of indices "
            "should be uint4, but got uint2.");
  EXPECT_EQ(run({2, 4}, {1, 1, 4, 2}, 2, 2),
            "Invalid parameter 'vector_axis'; The valid range is between -2 "
            "and 2, but got 2.");
  EXPECT_EQ(run({2, 4}, {1, 1, 4, 2}, 2, -3),
            "Invalid parameter 'vector_axis'; The valid range is between -2 "
            "and 2, but got -3.");
  EXPECT_EQ(run({2, 4}, {1, 1, 4, 2}, 2, std::nullopt),
            "When lut's last dim (VECTOR_SIZE) > 1, the parameter "
            "'vector_axis' need to be provided.");
  EXPECT_EQ(run({2, 4}, {1, 1, 4, 2}, 2, -2), "");
}

TEST(ConstexprIOS18LutToDenseErrors, IndexRangeDomainAndBuffer) {
  std::vector<uint8_t> indices = {0, 4};
  std::vector<float> lut(4, 0.0f);
  std::vector<int64_t> indicesShape = {2}, lutShape = {1, 4, 1};
  std::vector<float> out(2);
  Status s = lutToDense(ref(indices, ElemType::UInt8, indicesShape, 2),
                        ref(lut, ElemType::Float32, lutShape), std::nullopt,
                        out.data(), bytesOf(out));
  EXPECT_EQ(s.message, "Invalid parameter 'indices'; value 4 at element 1 is "
                       "out of range for 4 palettes.");
  indices[1] = 3;
  s = lutToDense(ref(indices, ElemType::Int8, indicesShape, 2),
                 ref(lut, ElemType::Float32, lutShape), std::nullopt,
                 out.data(), bytesOf(out));
  EXPECT_NE(s.message.find("Input indices expects"), std::string::npos);
  s = lutToDense(ref(indices, ElemType::UInt8, indicesShape, 2),
                 ref(lut, ElemType::Float32, lutShape), std::nullopt,
                 out.data(), bytesOf(out) - 4);
  EXPECT_NE(s.message.find("too small"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense (1.7)
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18SparseToDense, Fp32AndInt4) {
  std::vector<uint8_t> mask = {1, 0, 1, 0, 1, 0};
  std::vector<int64_t> maskShape = {2, 3}, dataShape = {3};
  std::vector<float> data = {1.5f, -2.0f, 3.0f};
  std::vector<float> out(6, 9.0f);
  Status s = sparseToDense(ref(data, ElemType::Float32, dataShape),
                           ref(mask, ElemType::UInt8, maskShape, 1), out.data(),
                           bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{1.5f, 0, -2, 0, 3, 0}));

  std::vector<int8_t> int4 = {-8, 7, -1};
  std::vector<int8_t> out4(6, 9);
  s = sparseToDense(ref(int4, ElemType::Int8, dataShape, 4),
                    ref(mask, ElemType::UInt8, maskShape, 1), out4.data(),
                    bytesOf(out4));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out4, (std::vector<int8_t>{-8, 0, 7, 0, -1, 0}));
}

TEST(ConstexprIOS18SparseToDense, PackedMaskAndFp16) {
  // uint1 mask [0, 1, 1, 0, 0, 0, 0, 0, 1] packed LSB-first: 0x06 0x01.
  std::vector<uint8_t> packed = {0x06, 0x01};
  std::vector<uint8_t> mask(9);
  unpackBits(packed.data(), 9, 1, mask.data());
  std::vector<int64_t> maskShape = {3, 3}, dataShape = {3};
  std::vector<uint16_t> data = halves({0.5f, -1, 2});
  std::vector<uint16_t> out(9, 0xFFFF);
  Status s = sparseToDense(ref(data, ElemType::Float16, dataShape),
                           ref(mask, ElemType::UInt8, maskShape, 1), out.data(),
                           bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{0, 0.5f, -1, 0, 0, 0, 0, 0, 2}));
}

TEST(ConstexprIOS18SparseToDenseErrors, SpecMessages) {
  std::vector<uint8_t> mask = {1, 0, 1, 1};
  std::vector<int64_t> maskShape = {2, 2}, badRank = {1, 3}, two = {2};
  std::vector<float> data = {1, 2, 3};
  std::vector<float> out(4);
  EXPECT_EQ(sparseToDense(ref(data, ElemType::Float32, badRank),
                          ref(mask, ElemType::UInt8, maskShape, 1), out.data(),
                          bytesOf(out))
                .message,
            "Parameter nonzero_data needs to have rank 1, but got 2");
  EXPECT_EQ(sparseToDense(ref(data, ElemType::Float32, two),
                          ref(mask, ElemType::UInt8, maskShape, 1), out.data(),
                          bytesOf(out))
                .message,
            "Number of 1s in mask not match number of elements in parameter "
            "nonzero_data");
  Status s = sparseToDense(ref(data, ElemType::Float32, {3}),
                           ref(mask, ElemType::Int8, maskShape, 1), out.data(),
                           bytesOf(out));
  EXPECT_NE(s.message.find("Input mask expects"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_sparse (1.8)
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18LutToSparse, SpecScalarExample) {
  std::vector<float> lut = {2, 3};
  std::vector<int64_t> lutShape = {1, 1, 2, 1};
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  TensorRef idx = ref(kMaskIndices, ElemType::UInt8, kShape9, 1);
  TensorRef table = ref(lut, ElemType::Float32, lutShape);
  std::vector<int64_t> maskShape;
  int64_t count = 0;
  ASSERT_TRUE(
      lutToSparseShapes(mask, idx, table, std::nullopt, maskShape, count));
  EXPECT_EQ(maskShape, kShape4x6);
  EXPECT_EQ(count, 9);
  std::vector<uint8_t> outMask(24, 7);
  std::vector<float> outData(9);
  Status s = lutToSparse(mask, idx, table, std::nullopt, outMask.data(),
                         outMask.size(), outData.data(), bytesOf(outData));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(outMask, kMask4x6);
  EXPECT_EQ(outData, (std::vector<float>{2, 3, 3, 2, 3, 3, 2, 2, 3}));
}

TEST(ConstexprIOS18LutToSparse, SpecVectorExampleAxis0) {
  // The spec's LUT [[2,2],[3,3]], made distinguishable: [[2,20],[3,30]].
  std::vector<float> lut = {2, 20, 3, 30};
  std::vector<int64_t> lutShape = {1, 1, 2, 2};
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  TensorRef idx = ref(kMaskIndices, ElemType::UInt8, kShape9, 1);
  TensorRef table = ref(lut, ElemType::Float32, lutShape);
  std::vector<int64_t> maskShape;
  int64_t count = 0;
  ASSERT_TRUE(lutToSparseShapes(mask, idx, table, 0, maskShape, count));
  EXPECT_EQ(maskShape, (std::vector<int64_t>{8, 6}));
  EXPECT_EQ(count, 18);
  std::vector<uint8_t> outMask(48);
  std::vector<float> outData(18);
  Status s = lutToSparse(mask, idx, table, 0, outMask.data(), outMask.size(),
                         outData.data(), bytesOf(outData));
  ASSERT_TRUE(s) << s.message;
  std::vector<uint8_t> expectedMask;
  for (int row = 0; row < 4; ++row)
    for (int copy = 0; copy < 2; ++copy)
      expectedMask.insert(expectedMask.end(), kMask4x6.begin() + row * 6,
                          kMask4x6.begin() + row * 6 + 6);
  EXPECT_EQ(outMask, expectedMask);
  EXPECT_EQ(outData, (std::vector<float>{2, 3, 20, 30, 3, 2, 3, 30, 20, 30, 3,
                                         2, 2, 30, 20, 20, 3, 30}));
}

TEST(ConstexprIOS18LutToSparse, VectorLastAxisGroupedInt8) {
  // Two groups along axis 0 (rows 0-1, rows 2-3), vector size 2 on axis 1.
  std::vector<int8_t> lut = {2, 20, 3, 30, -2, -20, -3, -30};
  std::vector<int64_t> lutShape = {2, 1, 2, 2};
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  TensorRef idx = ref(kMaskIndices, ElemType::UInt8, kShape9, 1);
  std::vector<uint8_t> outMask(48);
  std::vector<int8_t> outData(18);
  Status s = lutToSparse(mask, idx, ref(lut, ElemType::Int8, lutShape), -1,
                         outMask.data(), outMask.size(), outData.data(),
                         bytesOf(outData));
  ASSERT_TRUE(s) << s.message;
  std::vector<uint8_t> expectedMask;
  for (uint8_t bit : kMask4x6)
    expectedMask.insert(expectedMask.end(), 2, bit);
  EXPECT_EQ(outMask, expectedMask);
  EXPECT_EQ(outData, (std::vector<int8_t>{2, 20, 3, 30, 3, 30, 2, 20, 3, 30, -3,
                                          -30, -2, -20, -2, -20, -3, -30}));
}

TEST(ConstexprIOS18LutToSparseErrors, SpecMessages) {
  std::vector<float> lut(4, 1.0f);
  std::vector<int64_t> lutShape = {1, 1, 2, 1}, badLutShape = {1, 2, 1},
                       bigLut = {1, 1, 4, 1}, two = {2}, nineBy1 = {9, 1};
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  std::vector<uint8_t> outMask(48);
  std::vector<float> outData(18);
  auto run = [&](const TensorRef &idx, std::vector<int64_t> &shape) {
    return lutToSparse(mask, idx, ref(lut, ElemType::Float32, shape),
                       std::nullopt, outMask.data(), outMask.size(),
                       outData.data(), bytesOf(outData))
        .message;
  };
  EXPECT_EQ(run(ref(kMaskIndices, ElemType::UInt8, nineBy1, 1), lutShape),
            "Parameter nonzero_data needs to have rank 1, but got 2");
  EXPECT_EQ(run(ref(kMaskIndices, ElemType::UInt8, two, 1), lutShape),
            "Number of 1s in mask not match number of elements in parameter "
            "nonzero_data");
  EXPECT_EQ(run(ref(kMaskIndices, ElemType::UInt8, kShape9, 1), badLutShape),
            "Parameter 'lut' need to have 2 more dim than 'indices', but got "
            "3-rank 'lut' and 2-rank 'indices'.");
  EXPECT_EQ(run(ref(kMaskIndices, ElemType::UInt8, kShape9, 1), bigLut),
            "Invalid parameter 'indices'; the second last dim indicate number "
            "of palettes (4), which means nbits is 2, so the dtype of indices "
            "should be uint2, but got uint1.");
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_blockwise_shift_scale (1.9)
//===----------------------------------------------------------------------===//

const std::vector<uint8_t> kMask4x4 = {1, 1, 0, 0, 1, 1, 1, 0,
                                       0, 0, 1, 1, 1, 1, 0, 0};
const std::vector<int64_t> kShape4x4 = {4, 4};

TEST(ConstexprIOS18SparseBlockwiseShiftScale, SpecExample) {
  std::vector<int8_t> data = {10, 11, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> scale = {0.1f, 0.2f, 0.3f, 0.4f};
  std::vector<int8_t> offset = {1, 2, 3, 4};
  std::vector<int64_t> scaleShape = {1, 4};
  TensorRef off = ref(offset, ElemType::Int8, scaleShape);
  std::vector<uint8_t> outMask(16);
  std::vector<float> out(9);
  Status s = sparseBlockwiseShiftScale(
      ref(kMask4x4, ElemType::UInt8, kShape4x4, 1),
      ref(data, ElemType::Int8, kShape9),
      ref(scale, ElemType::Float32, scaleShape), &off, outMask.data(),
      outMask.size(), out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(outMask, kMask4x4);
  std::vector<float> expected = {0.9f, 1.8f, 0.2f, 0.4f, 0.6f,
                                 0.9f, 1.2f, 0.7f, 1.4f};
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_FLOAT_EQ(out[i], expected[i]) << i;
}

TEST(ConstexprIOS18SparseBlockwiseShiftScale, Uint4DataRowBlocksFp16) {
  // Scale (2, 1): rows 0-1 scale 2 offset 1, rows 2-3 scale 0.5 offset 3.
  std::vector<uint8_t> data = {15, 1, 2, 3, 4, 5, 6, 7, 9};
  std::vector<uint16_t> scale = halves({2, 0.5f});
  std::vector<uint8_t> offset = {1, 3};
  std::vector<int64_t> scaleShape = {2, 1};
  TensorRef off = ref(offset, ElemType::UInt8, scaleShape, 4);
  std::vector<uint8_t> outMask(16);
  std::vector<uint16_t> out(9);
  Status s = sparseBlockwiseShiftScale(
      ref(kMask4x4, ElemType::UInt8, kShape4x4, 1),
      ref(data, ElemType::UInt8, kShape9, 4),
      ref(scale, ElemType::Float16, scaleShape), &off, outMask.data(),
      outMask.size(), out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  // Set positions: rows 0,0,1,1,1 then 2,2,3,3.
  EXPECT_EQ(toFloats(out), (std::vector<float>{28, 0, 2, 4, 6, 1, 1.5f, 2, 3}));
}

TEST(ConstexprIOS18SparseBlockwiseShiftScaleErrors, SpecMessages) {
  std::vector<int8_t> data(9, 1);
  std::vector<float> scale(4, 1.0f);
  std::vector<int64_t> s4 = {4}, s1x3 = {1, 3}, s8 = {8}, s1x4 = {1, 4},
                       s2x2 = {2, 2};
  std::vector<int8_t> offset(4, 0);
  std::vector<uint8_t> outMask(16);
  std::vector<float> out(9);
  auto run = [&](const std::vector<int64_t> &dataShape,
                 const std::vector<int64_t> &scaleShape, const TensorRef *off) {
    return sparseBlockwiseShiftScale(
               ref(kMask4x4, ElemType::UInt8, kShape4x4, 1),
               ref(data, ElemType::Int8, dataShape),
               ref(scale, ElemType::Float32, scaleShape), off, outMask.data(),
               outMask.size(), out.data(), bytesOf(out))
        .message;
  };
  EXPECT_EQ(run(s8, s1x4, nullptr),
            "Number of 1s in mask not match number of elements in parameter "
            "nonzero_data");
  EXPECT_EQ(run(kShape9, s4, nullptr),
            "Parameter 'data' and 'scale' need to have the same rank, but got "
            "2 vs 1.");
  EXPECT_EQ(run(kShape9, s1x3, nullptr),
            "Number of scales along each dimension should be a factor of "
            "corresponding dimension size of 'data'. However, at dim 1, the "
            "'data' has 4 while 'scale' has 3.");
  TensorRef off = ref(offset, ElemType::Int8, s2x2);
  EXPECT_EQ(run(kShape9, s1x4, &off),
            "Invalid parameter 'offset'; the shape of 'offset' should match "
            "the shape of 'scale', but got ((2, 2)) vs ((1, 4)).");
  TensorRef floatOff = ref(scale, ElemType::Float32, s1x4);
  EXPECT_EQ(run(kShape9, s1x4, &floatOff), "");
}

//===----------------------------------------------------------------------===//
// Chaining (1.11)
//===----------------------------------------------------------------------===//

TEST(ConstexprIOS18Chain, QuantizedLutDequantizeFirst) {
  // blockwise_shift_scale(int8 LUT) -> lut_to_dense.lut
  std::vector<int8_t> qlut = {-2, -1, 0, 1};
  std::vector<int64_t> lutShape = {1, 1, 4, 1}, oneShape = {1, 1, 1, 1};
  std::vector<uint16_t> scale = halves({0.5f});
  std::vector<int8_t> offset = {-2};
  TensorRef off = ref(offset, ElemType::Int8, oneShape);
  std::vector<uint16_t> lut(4);
  ASSERT_TRUE(blockwiseShiftScale(ref(qlut, ElemType::Int8, lutShape),
                                  ref(scale, ElemType::Float16, oneShape), &off,
                                  lut.data(), bytesOf(lut)));
  EXPECT_EQ(toFloats(lut), (std::vector<float>{0, 0.5f, 1, 1.5f}));

  std::vector<uint8_t> indices = {3, 0, 2, 1};
  std::vector<int64_t> indicesShape = {2, 2};
  std::vector<uint16_t> out(4);
  Status s = lutToDense(ref(indices, ElemType::UInt8, indicesShape, 2),
                        ref(lut, ElemType::Float16, lutShape), std::nullopt,
                        out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(toFloats(out), (std::vector<float>{1.5f, 0, 1, 0.5f}));
}

TEST(ConstexprIOS18Chain, DepalettizeFirstThenPerChannelScale) {
  // lut_to_dense(int8 LUT) -> blockwise_shift_scale.data
  std::vector<int8_t> lut = {-8, -4, 4, 8};
  std::vector<int64_t> lutShape = {1, 1, 4, 1}, indicesShape = {2, 3},
                       scaleShape = {2, 1};
  std::vector<uint8_t> indices = {0, 1, 2, 3, 2, 1};
  std::vector<int8_t> dense(6);
  ASSERT_TRUE(lutToDense(ref(indices, ElemType::UInt8, indicesShape, 2),
                         ref(lut, ElemType::Int8, lutShape), std::nullopt,
                         dense.data(), bytesOf(dense)));
  EXPECT_EQ(dense, (std::vector<int8_t>{-8, -4, 4, 8, 4, -4}));
  std::vector<float> scale = {0.5f, 0.25f};
  std::vector<float> out(6);
  Status s = blockwiseShiftScale(ref(dense, ElemType::Int8, indicesShape),
                                 ref(scale, ElemType::Float32, scaleShape),
                                 nullptr, out.data(), bytesOf(out));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(out, (std::vector<float>{-4, -2, 2, 2, 1, -1}));
}

TEST(ConstexprIOS18Chain, LutToSparseThenSparseToDense) {
  std::vector<float> lut = {2, 20, 3, 30};
  std::vector<int64_t> lutShape = {1, 1, 2, 2};
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  TensorRef idx = ref(kMaskIndices, ElemType::UInt8, kShape9, 1);
  TensorRef table = ref(lut, ElemType::Float32, lutShape);
  std::vector<int64_t> maskShape;
  int64_t count = 0;
  ASSERT_TRUE(lutToSparseShapes(mask, idx, table, 0, maskShape, count));
  std::vector<uint8_t> sparseMask(numElements(maskShape));
  std::vector<float> sparseData(count);
  ASSERT_TRUE(lutToSparse(mask, idx, table, 0, sparseMask.data(),
                          sparseMask.size(), sparseData.data(),
                          bytesOf(sparseData)));
  std::vector<int64_t> countShape = {count};
  std::vector<float> dense(48);
  Status s = sparseToDense(ref(sparseData, ElemType::Float32, countShape),
                           ref(sparseMask, ElemType::UInt8, maskShape, 1),
                           dense.data(), bytesOf(dense));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(dense, (std::vector<float>{2,  3,  0,  0,  0,  0,  //
                                       20, 30, 0,  0,  0,  0,  //
                                       3,  2,  0,  0,  0,  3,  //
                                       30, 20, 0,  0,  0,  30, //
                                       0,  3,  2,  0,  2,  0,  //
                                       0,  30, 20, 0,  20, 0,  //
                                       0,  0,  0,  3,  0,  0,  //
                                       0,  0,  0,  30, 0,  0}));
}

TEST(ConstexprIOS18Chain, QuantizedLutOnPrunedPalettizedWeight) {
  // blockwise_shift_scale -> lut_to_sparse.lut -> sparse_to_dense
  std::vector<int8_t> qlut = {4, 6};
  std::vector<int64_t> lutShape = {1, 1, 2, 1}, oneShape = {1, 1, 1, 1};
  std::vector<float> scale = {0.5f};
  std::vector<float> lut(2);
  ASSERT_TRUE(blockwiseShiftScale(ref(qlut, ElemType::Int8, lutShape),
                                  ref(scale, ElemType::Float32, oneShape),
                                  nullptr, lut.data(), bytesOf(lut)));
  TensorRef mask = ref(kMask4x6, ElemType::UInt8, kShape4x6, 1);
  TensorRef idx = ref(kMaskIndices, ElemType::UInt8, kShape9, 1);
  std::vector<uint8_t> sparseMask(24);
  std::vector<float> sparseData(9);
  ASSERT_TRUE(lutToSparse(mask, idx, ref(lut, ElemType::Float32, lutShape),
                          std::nullopt, sparseMask.data(), sparseMask.size(),
                          sparseData.data(), bytesOf(sparseData)));
  std::vector<float> dense(24);
  Status s = sparseToDense(ref(sparseData, ElemType::Float32, kShape9),
                           ref(sparseMask, ElemType::UInt8, kShape4x6, 1),
                           dense.data(), bytesOf(dense));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(dense, (std::vector<float>{2, 3, 0, 0, 0, 0, 3, 2, 0, 0, 0, 3,
                                       0, 3, 2, 0, 2, 0, 0, 0, 0, 3, 0, 0}));
}

TEST(ConstexprIOS18Chain, SparseShiftScaleThenSparseToDense) {
  std::vector<int8_t> data = {10, 11, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> scale = {1, 2, 3, 4};
  std::vector<int8_t> offset = {1, 2, 3, 4};
  std::vector<int64_t> scaleShape = {1, 4};
  TensorRef off = ref(offset, ElemType::Int8, scaleShape);
  std::vector<uint8_t> outMask(16);
  std::vector<float> values(9);
  ASSERT_TRUE(sparseBlockwiseShiftScale(
      ref(kMask4x4, ElemType::UInt8, kShape4x4, 1),
      ref(data, ElemType::Int8, kShape9),
      ref(scale, ElemType::Float32, scaleShape), &off, outMask.data(),
      outMask.size(), values.data(), bytesOf(values)));
  std::vector<float> expected = {9, 18, 0, 0,  2, 4,  6, 0,
                                 0, 0,  9, 12, 7, 14, 0, 0};
  // Both outputs of the producer...
  std::vector<float> dense(16);
  Status s = sparseToDense(ref(values, ElemType::Float32, kShape9),
                           ref(outMask, ElemType::UInt8, kShape4x4, 1),
                           dense.data(), bytesOf(dense));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(dense, expected);
  // ... or output 2 with the original mask const.
  std::vector<float> dense2(16);
  s = sparseToDense(ref(values, ElemType::Float32, kShape9),
                    ref(kMask4x4, ElemType::UInt8, kShape4x4, 1), dense2.data(),
                    bytesOf(dense2));
  ASSERT_TRUE(s) << s.message;
  EXPECT_EQ(dense2, expected);
}

} // namespace

//===----------------------------------------------------------------------===//
// Fast paths agree with the general per-element paths
//===----------------------------------------------------------------------===//

namespace {
uint32_t nextRandom(uint32_t &state) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}
} // namespace

// Blocks of >= 256 along the last dim take the table path; the same data
// seen as rows of 128 (each scale repeated) takes the per-element path.
TEST(FastPaths, ShiftScaleTableMatchesPerElement) {
  uint32_t rng = 7;
  std::vector<int8_t> data(3 * 512);
  for (int8_t &d : data)
    d = static_cast<int8_t>(nextRandom(rng));
  std::vector<uint16_t> scale =
      halves({0.013f, -0.5f, 3.1f, 0.0007f, 2.f, 1e-3f});
  std::vector<int8_t> offsetInt = {3, -7, 0, 12, -128, 127};
  std::vector<uint16_t> offsetHalf =
      halves({0.5f, -1.25f, 3.f, 0.f, 7.5f, -0.1f});
  std::vector<float> offsetFloat = {0.3f, -2.f, 1.f, 100.f, -0.7f, 0.f};
  const std::vector<int64_t> wide = {3, 512}, wideScale = {3, 2};
  const std::vector<int64_t> narrow = {12, 128}, narrowScale = {12, 1};
  // The narrow view's scale k covers wide block (k / 4, (k % 4) / 2).
  auto narrowOf = [](const auto &v) {
    std::remove_cv_t<std::remove_reference_t<decltype(v)>> out;
    for (int k = 0; k < 12; ++k)
      out.push_back(v[(k / 4) * 2 + (k % 4) / 2]);
    return out;
  };
  for (int mode = 0; mode < 4; ++mode) {
    std::optional<TensorRef> offWide, offNarrow;
    std::vector<int8_t> oi = narrowOf(offsetInt);
    std::vector<uint16_t> oh = narrowOf(offsetHalf);
    std::vector<float> of = narrowOf(offsetFloat);
    if (mode == 1) {
      offWide = ref(offsetInt, ElemType::Int8, wideScale);
      offNarrow = ref(oi, ElemType::Int8, narrowScale);
    } else if (mode == 2) {
      offWide = ref(offsetHalf, ElemType::Float16, wideScale);
      offNarrow = ref(oh, ElemType::Float16, narrowScale);
    } else if (mode == 3) {
      offWide = ref(offsetFloat, ElemType::Float32, wideScale);
      offNarrow = ref(of, ElemType::Float32, narrowScale);
    }
    std::vector<uint16_t> ns = narrowOf(scale);
    std::vector<uint16_t> a(data.size()), b(data.size());
    ASSERT_TRUE(blockwiseShiftScale(ref(data, ElemType::Int8, wide),
                                    ref(scale, ElemType::Float16, wideScale),
                                    offWide ? &*offWide : nullptr, a.data(),
                                    bytesOf(a)));
    ASSERT_TRUE(blockwiseShiftScale(ref(data, ElemType::Int8, narrow),
                                    ref(ns, ElemType::Float16, narrowScale),
                                    offNarrow ? &*offNarrow : nullptr, b.data(),
                                    bytesOf(b)));
    EXPECT_EQ(a, b) << "offset mode " << mode;
  }
}

// A per-tensor LUT takes the gather path; the same table given as two
// identical groups takes the general path.
TEST(FastPaths, PerTensorLutMatchesGrouped) {
  uint32_t rng = 11;
  std::vector<uint8_t> indices(4 * 300);
  for (uint8_t &i : indices)
    i = nextRandom(rng) % 16;
  std::vector<uint16_t> table(16);
  for (int e = 0; e < 16; ++e)
    table[e] = floatToHalf(0.25f * e - 1.f);
  std::vector<uint16_t> twice(table);
  twice.insert(twice.end(), table.begin(), table.end());
  const std::vector<int64_t> shape = {4, 300}, one = {1, 1, 16, 1},
                             two = {2, 1, 16, 1};
  std::vector<uint16_t> a(indices.size()), b(indices.size());
  ASSERT_TRUE(lutToDense(ref(indices, ElemType::UInt8, shape, 4),
                         ref(table, ElemType::Float16, one), std::nullopt,
                         a.data(), bytesOf(a)));
  ASSERT_TRUE(lutToDense(ref(indices, ElemType::UInt8, shape, 4),
                         ref(twice, ElemType::Float16, two), std::nullopt,
                         b.data(), bytesOf(b)));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a[0], table[indices[0]]);
}

// The packed-mask kernel equals the unpacked one over chunk boundaries and
// an element count that is not a multiple of 8, and checks the count.
TEST(FastPaths, PackedMaskSparseMatchesUnpacked) {
  uint32_t rng = 5;
  const uint64_t count = 3 * (1 << 18) + 13;
  std::vector<uint8_t> mask(count);
  std::vector<float> nonzero;
  for (uint64_t i = 0; i < count; ++i) {
    mask[i] = nextRandom(rng) % 3 == 0;
    if (mask[i])
      nonzero.push_back(static_cast<float>(i));
  }
  std::vector<uint8_t> packed(packedSizeInBytes(count, 1));
  packBits(mask.data(), count, 1, packed.data());
  const std::vector<int64_t> shape = {static_cast<int64_t>(count)};
  const std::vector<int64_t> dataShape = {static_cast<int64_t>(nonzero.size())};
  std::vector<float> a(count), b(count);
  ASSERT_TRUE(sparseToDense(ref(nonzero, ElemType::Float32, dataShape),
                            ref(mask, ElemType::UInt8, shape, 1), a.data(),
                            bytesOf(a)));
  ASSERT_TRUE(sparseToDensePacked(ref(nonzero, ElemType::Float32, dataShape),
                                  packed.data(), shape, b.data(), bytesOf(b)));
  EXPECT_EQ(a, b);
  const std::vector<int64_t> fewer = {dataShape[0] - 1};
  Status s = sparseToDensePacked(ref(nonzero, ElemType::Float32, fewer),
                                 packed.data(), shape, b.data(), bytesOf(b));
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "Number of 1s in mask not match number of elements in "
                       "parameter nonzero_data");
}

// Trailing dims with one scale each merge into the run of the table path:
// a [2, 128, 2, 1] weight with a [2, 1, 1, 1] scale equals the same data as
// rows of 128 with each scale repeated.
TEST(FastPaths, ShiftScaleMergesTrailingDims) {
  uint32_t rng = 3;
  std::vector<uint8_t> data(2 * 256);
  for (uint8_t &d : data)
    d = static_cast<uint8_t>(nextRandom(rng));
  std::vector<uint16_t> scale = halves({0.02f, -1.5f});
  std::vector<uint16_t> repeated = halves({0.02f, 0.02f, -1.5f, -1.5f});
  const std::vector<int64_t> conv = {2, 128, 2, 1}, convScale = {2, 1, 1, 1};
  const std::vector<int64_t> rows = {4, 128}, rowScale = {4, 1};
  std::vector<uint16_t> a(data.size()), b(data.size());
  ASSERT_TRUE(blockwiseShiftScale(ref(data, ElemType::UInt8, conv),
                                  ref(scale, ElemType::Float16, convScale),
                                  nullptr, a.data(), bytesOf(a)));
  ASSERT_TRUE(blockwiseShiftScale(ref(data, ElemType::UInt8, rows),
                                  ref(repeated, ElemType::Float16, rowScale),
                                  nullptr, b.data(), bytesOf(b)));
  EXPECT_EQ(a, b);
}

// Per-tensor LUTs read straight from packed indices equal the general
// kernel on the unpacked ones, for every whole-byte width, tails that do not
// fill a byte and more than one parallel chunk.
TEST(FastPaths, PackedPerTensorLutMatchesUnpacked) {
  uint32_t rng = 17;
  for (unsigned bits : {1u, 2u, 4u, 8u}) {
    for (uint64_t count : {uint64_t(13), uint64_t(300007)}) {
      std::vector<uint8_t> indices(count);
      for (uint8_t &i : indices)
        i = nextRandom(rng) & ((1u << bits) - 1);
      std::vector<uint8_t> packed(packedSizeInBytes(count, bits));
      packBits(indices.data(), count, bits, packed.data());
      std::vector<float> table(size_t(1) << bits);
      for (size_t e = 0; e < table.size(); ++e)
        table[e] = 0.5f * e - 3.f;
      const std::vector<int64_t> shape = {static_cast<int64_t>(count)};
      const std::vector<int64_t> lutShape = {
          1, static_cast<int64_t>(table.size()), 1};
      std::vector<float> a(count), b(count);
      ASSERT_TRUE(lutToDense(ref(indices, ElemType::UInt8, shape, bits),
                             ref(table, ElemType::Float32, lutShape),
                             std::nullopt, a.data(), bytesOf(a)));
      ASSERT_TRUE(lutToDensePerTensorPacked(
          packed.data(), bits, count, ref(table, ElemType::Float32, lutShape),
          b.data(), bytesOf(b)));
      EXPECT_EQ(a, b) << bits << " bits, " << count;
    }
  }
}
