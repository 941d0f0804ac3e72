//===- QuantizeTest.cpp - block-wise linear quantization kernel -----------===//
//
// Part of mil-mlir.
//
// Expected values: the spec's worked examples (compression.md 3.2, 5.1),
// golden slices of coremltools' output (fixtures/coremltools, mlp_iOS18_lq_*),
// and a straightforward element-by-element restatement of coremltools'
// numpy code (`referenceQuantize`) that the fast kernel must match byte for
// byte on many layouts.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Quantize.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS16.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/Half.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace mil::compression;

namespace {

const QuantSpec kInt4Linear{QuantMode::Linear, true, 4};
const QuantSpec kInt8Symmetric{QuantMode::LinearSymmetric, true, 8};
const QuantSpec kUInt8Symmetric{QuantMode::LinearSymmetric, false, 8};
const QuantSpec kUInt8Linear{QuantMode::Linear, false, 8};

std::vector<uint16_t> toHalves(const std::vector<float> &values) {
  std::vector<uint16_t> out;
  for (float v : values)
    out.push_back(floatToHalf(v));
  return out;
}

std::vector<uint8_t> floatBytes(const std::vector<float> &values) {
  std::vector<uint8_t> out(values.size() * 4);
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

std::vector<uint8_t> halfBytes(const std::vector<uint16_t> &values) {
  std::vector<uint8_t> out(values.size() * 2);
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

std::vector<uint8_t> int8Bytes(const std::vector<int> &values) {
  std::vector<uint8_t> out;
  for (int v : values)
    out.push_back(static_cast<uint8_t>(static_cast<int8_t>(v)));
  return out;
}

std::vector<uint8_t> uint8Bytes(const std::vector<int> &values) {
  std::vector<uint8_t> out;
  for (int v : values)
    out.push_back(static_cast<uint8_t>(v));
  return out;
}

std::string specName(const QuantSpec &spec) {
  return std::string(spec.mode == QuantMode::Linear ? "linear "
                                                    : "symmetric ") +
         (spec.isSigned ? "int" : "uint") + std::to_string(spec.bits);
}

/// coremltools' quantize_weight_by_dtype, element by element: the values of
/// `w` are exact in the weight dtype; with fp16 every numpy operation is
/// rounded to fp16.
QuantParams referenceQuantize(const std::vector<float> &w, bool half,
                              const std::vector<int64_t> &shape,
                              const std::vector<int64_t> &blocks,
                              const QuantSpec &spec) {
  auto r = [half](float x) { return half ? halfToFloat(floatToHalf(x)) : x; };
  auto mul = [&](float a, float b) {
    return r(static_cast<float>(static_cast<double>(a) * b));
  };
  size_t rank = shape.size();
  std::vector<int64_t> params(rank), extents(rank);
  int64_t numParams = 1;
  for (size_t a = 0; a < rank; ++a) {
    extents[a] = blocks[a] > 0 ? blocks[a] : shape[a];
    params[a] = shape[a] / extents[a];
    numParams *= params[a];
  }
  auto paramOf = [&](int64_t flat) {
    int64_t p = 0, stride = 1;
    for (size_t a = rank; a-- > 0;) {
      int64_t index = flat % shape[a];
      flat /= shape[a];
      p += (index / extents[a]) * stride;
      stride *= params[a];
    }
    return p;
  };
  std::vector<float> lows(numParams, INFINITY), highs(numParams, -INFINITY);
  for (size_t i = 0; i < w.size(); ++i) {
    int64_t p = paramOf(i);
    lows[p] = std::min(lows[p], w[i]);
    highs[p] = std::max(highs[p], w[i]);
  }
  auto [qmin, qmax] = quantRange(spec);
  QuantParams out;
  std::vector<float> scales(numParams), zeroPoints(numParams);
  for (int64_t p = 0; p < numParams; ++p) {
    float lo = std::min(0.0f, lows[p]), hi = std::max(0.0f, highs[p]);
    if (spec.mode == QuantMode::LinearSymmetric) {
      hi = std::max(std::fabs(lows[p]), std::fabs(highs[p]));
      lo = -hi;
    }
    float span = r(hi - lo);
    scales[p] = r(span / static_cast<float>(qmax - qmin));
    float z = 0;
    if (spec.mode == QuantMode::Linear) {
      z = std::nearbyint(r(r(mul(qmin, hi) - mul(qmax, lo)) / span));
      if (!std::isnan(z))
        z = std::min<float>(std::max<float>(z, qmin), qmax);
      out.offset.push_back(
          std::isnan(z) ? 0 : static_cast<uint8_t>(static_cast<int>(z)));
    } else if (!spec.isSigned) {
      z = qmax / 2;
      out.offset.push_back(static_cast<uint8_t>(z));
    }
    zeroPoints[p] = z;
    if (half) {
      uint16_t bits = floatToHalf(scales[p]);
      out.scale.push_back(static_cast<uint8_t>(bits));
      out.scale.push_back(static_cast<uint8_t>(bits >> 8));
    } else {
      uint8_t bytes[4];
      std::memcpy(bytes, &scales[p], 4);
      out.scale.insert(out.scale.end(), bytes, bytes + 4);
    }
  }
  for (size_t i = 0; i < w.size(); ++i) {
    int64_t p = paramOf(i);
    float q = std::nearbyint(r(w[i] / scales[p])) + zeroPoints[p];
    if (std::isnan(q))
      q = 0;
    q = std::min<float>(std::max<float>(q, qmin), qmax);
    out.data.push_back(static_cast<uint8_t>(static_cast<int>(q)));
  }
  for (size_t a = 0; a < rank; ++a)
    out.paramShape.push_back(params[a]);
  return out;
}

/// Quantizes `values` (rounded to the weight dtype first) with the kernel
/// and with the reference; they must agree byte for byte.
void expectMatchesReference(std::vector<float> values, bool half,
                            const std::vector<int64_t> &shape,
                            const std::vector<int64_t> &blocks,
                            const QuantSpec &spec) {
  SCOPED_TRACE(specName(spec) + (half ? " fp16" : " fp32") + " shape " +
               std::to_string(shape.size()) + "-d, " +
               std::to_string(values.size()) + " elements");
  std::vector<uint16_t> halfValues;
  if (half) {
    halfValues = toHalves(values);
    for (size_t i = 0; i < values.size(); ++i)
      values[i] = halfToFloat(halfValues[i]);
  }
  TensorRef weight{half ? static_cast<const void *>(halfValues.data())
                        : static_cast<const void *>(values.data()),
                   half ? ElemType::Float16 : ElemType::Float32, shape};
  QuantParams got;
  Status status = linearQuantize(weight, spec, blocks, got);
  ASSERT_TRUE(status.ok) << status.message;
  QuantParams expected = referenceQuantize(values, half, shape, blocks, spec);
  EXPECT_EQ(got.paramShape, expected.paramShape);
  EXPECT_EQ(got.scale, expected.scale);
  EXPECT_EQ(got.offset, expected.offset);
  ASSERT_EQ(got.data.size(), expected.data.size());
  size_t mismatches = 0, first = 0;
  for (size_t i = 0; i < got.data.size(); ++i)
    if (got.data[i] != expected.data[i] && mismatches++ == 0)
      first = i;
  EXPECT_EQ(mismatches, 0u) << "first mismatch at element " << first;
}

/// Weight-like values: normal, with exact zeros, an all-zero leading stretch
/// and a few extreme values (fp16 subnormals and large magnitudes).
std::vector<float> randomWeights(size_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.02f);
  std::uniform_int_distribution<int> pick(0, 99);
  std::vector<float> out(count);
  for (size_t i = 0; i < count; ++i) {
    int kind = pick(rng);
    out[i] = kind < 5    ? 0.0f
             : kind < 7  ? normal(rng) * 1e-3f
             : kind == 7 ? normal(rng) * 100.0f
                         : normal(rng);
  }
  for (size_t i = 0; i < std::min<size_t>(count / 10, 64); ++i)
    out[i] = 0.0f;
  return out;
}

const QuantSpec kAllSpecs[] = {
    {QuantMode::Linear, true, 4},
    {QuantMode::Linear, false, 4},
    {QuantMode::Linear, true, 8},
    {QuantMode::Linear, false, 8},
    {QuantMode::LinearSymmetric, true, 4},
    {QuantMode::LinearSymmetric, false, 4},
    {QuantMode::LinearSymmetric, true, 8},
    {QuantMode::LinearSymmetric, false, 8},
};

//===----------------------------------------------------------------------===//
// Ranges and the spec's worked values
//===----------------------------------------------------------------------===//

TEST(QuantizeRange, AllDtypesAndModes) {
  using P = std::pair<int, int>;
  EXPECT_EQ(quantRange({QuantMode::Linear, true, 8}), P(-128, 127));
  EXPECT_EQ(quantRange({QuantMode::LinearSymmetric, true, 8}), P(-127, 127));
  EXPECT_EQ(quantRange({QuantMode::Linear, false, 8}), P(0, 255));
  EXPECT_EQ(quantRange({QuantMode::LinearSymmetric, false, 8}), P(0, 254));
  EXPECT_EQ(quantRange({QuantMode::Linear, true, 4}), P(-8, 7));
  EXPECT_EQ(quantRange({QuantMode::LinearSymmetric, true, 4}), P(-7, 7));
  EXPECT_EQ(quantRange({QuantMode::Linear, false, 4}), P(0, 15));
  EXPECT_EQ(quantRange({QuantMode::LinearSymmetric, false, 4}), P(0, 14));
}

// Spec 3.2 table (and 5.1 item 4): [-2, -10, 6, -3], one block, fp32.
TEST(QuantizeSpecTable, Float32) {
  std::vector<float> w = {-2, -10, 6, -3};
  std::vector<int64_t> shape = {4}, blocks = {4};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  struct Row {
    QuantSpec spec;
    float scale;
    std::vector<uint8_t> offset, data;
  } rows[] = {
      {kInt4Linear, 16.0f / 15.0f, int8Bytes({1}), int8Bytes({-1, -8, 7, -2})},
      {kInt8Symmetric, 20.0f / 254.0f, {}, int8Bytes({-25, -127, 76, -38})},
      {kUInt8Symmetric, 20.0f / 254.0f, uint8Bytes({127}),
       uint8Bytes({102, 0, 203, 89})},
      {kUInt8Linear, 16.0f / 255.0f, uint8Bytes({159}),
       uint8Bytes({127, 0, 255, 111})},
  };
  for (const Row &row : rows) {
    SCOPED_TRACE(specName(row.spec));
    QuantParams out;
    ASSERT_TRUE(linearQuantize(weight, row.spec, blocks, out).ok);
    EXPECT_EQ(out.paramShape, std::vector<int64_t>({1}));
    EXPECT_EQ(out.scale, floatBytes({row.scale}));
    EXPECT_EQ(out.offset, row.offset);
    EXPECT_EQ(out.data, row.data);
  }
  EXPECT_NEAR(16.0f / 15.0f, 1.0666667f, 1e-6);
  EXPECT_NEAR(20.0f / 254.0f, 0.07874016f, 1e-7);
  EXPECT_NEAR(16.0f / 255.0f, 0.0627451f, 1e-7);
}

// The same table for an fp16 weight: the scale is fp16 (rounded at each
// step), the codes do not change.
TEST(QuantizeSpecTable, Float16) {
  std::vector<uint16_t> w = toHalves({-2, -10, 6, -3});
  std::vector<int64_t> shape = {1, 4}, blocks = {0, 0};
  TensorRef weight{w.data(), ElemType::Float16, shape};
  QuantParams out;
  ASSERT_TRUE(linearQuantize(weight, kInt4Linear, blocks, out).ok);
  EXPECT_EQ(out.paramShape, std::vector<int64_t>({1, 1}));
  EXPECT_EQ(out.scale, halfBytes({floatToHalf(16.0f / 15.0f)}));
  EXPECT_EQ(out.offset, int8Bytes({1}));
  EXPECT_EQ(out.data, int8Bytes({-1, -8, 7, -2}));
  ASSERT_TRUE(linearQuantize(weight, kInt8Symmetric, blocks, out).ok);
  EXPECT_EQ(out.scale, halfBytes({floatToHalf(20.0f / 254.0f)}));
  EXPECT_TRUE(out.offset.empty());
  EXPECT_EQ(out.data, int8Bytes({-25, -127, 76, -38}));
  ASSERT_TRUE(linearQuantize(weight, kUInt8Symmetric, blocks, out).ok);
  EXPECT_EQ(out.offset, uint8Bytes({127}));
  EXPECT_EQ(out.data, uint8Bytes({102, 0, 203, 89}));
  ASSERT_TRUE(linearQuantize(weight, kUInt8Linear, blocks, out).ok);
  EXPECT_EQ(out.scale, halfBytes({floatToHalf(16.0f / 255.0f)}));
  EXPECT_EQ(out.offset, uint8Bytes({159}));
  EXPECT_EQ(out.data, uint8Bytes({127, 0, 255, 111}));
}

//===----------------------------------------------------------------------===//
// Parameter shapes and errors
//===----------------------------------------------------------------------===//

// Spec 3.2 table of the standard test weights and 5.1 item 6.
TEST(QuantizeParamShape, StandardWeights) {
  struct Case {
    std::vector<int64_t> shape, blocks, expected;
  } cases[] = {
      {{90, 30, 2, 2}, {1, 0, 0, 0}, {90, 1, 1, 1}},
      {{90, 30, 2, 2}, {1, 2, 0, 0}, {90, 15, 1, 1}},
      {{70, 81}, {1, 0}, {70, 1}},
      {{70, 81}, {1, 9}, {70, 9}},
      {{2, 1, 70, 35}, {0, 0, 0, 1}, {1, 1, 1, 35}},
      {{2, 1, 70, 35}, {0, 0, 2, 1}, {1, 1, 35, 35}},
      {{30, 4, 21, 10}, {0, 1, 0, 0}, {1, 4, 1, 1}},
      {{30, 4, 21, 10}, {2, 1, 0, 0}, {15, 4, 1, 1}},
      {{30, 4, 21, 10}, {6, 1, 0, 0}, {5, 4, 1, 1}},
      {{64, 32, 2, 2}, {0, 1, 0, 0}, {1, 32, 1, 1}},
      {{64, 32, 2, 2}, {32, 1, 0, 0}, {2, 32, 1, 1}},
      {{64, 32, 2, 2}, {0, 0, 0, 0}, {1, 1, 1, 1}},
      {{4, 6}, {1, 2}, {4, 3}},
      {{4, 6}, {1, 6}, {4, 1}},
      {{4, 6}, {2, 6}, {2, 1}},
  };
  for (const Case &c : cases) {
    std::vector<float> w = randomWeights(numElements(c.shape), 7);
    TensorRef weight{w.data(), ElemType::Float32, c.shape};
    QuantParams out;
    ASSERT_TRUE(linearQuantize(weight, kInt4Linear, c.blocks, out).ok);
    EXPECT_EQ(out.paramShape, c.expected);
    EXPECT_EQ(out.scale.size(), numElements(c.expected) * 4);
    EXPECT_EQ(out.offset.size(), numElements(c.expected));
    EXPECT_EQ(out.data.size(), w.size());
  }
}

TEST(QuantizeErrors, NonDividingBlock) {
  std::vector<float> w(24, 1.0f);
  std::vector<int64_t> shape = {4, 6}, blocks = {1, 8};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  QuantParams out;
  Status status = linearQuantize(weight, kInt8Symmetric, blocks, out);
  EXPECT_FALSE(status.ok);
  EXPECT_EQ(status.message,
            "Invalid block_sizes; On 1th axis, the dim size 6 is not divisible "
            "by block size 8. Unable to perform structured quantization.");

  // 5.3 item 34: P3's conv weight with block 13 on its input axis.
  std::vector<float> conv(90 * 30 * 2 * 2, 1.0f);
  std::vector<int64_t> convShape = {90, 30, 2, 2}, convBlocks = {1, 13, 0, 0};
  TensorRef convWeight{conv.data(), ElemType::Float32, convShape};
  status = linearQuantize(convWeight, {QuantMode::LinearSymmetric, true, 4},
                          convBlocks, out);
  EXPECT_EQ(status.message,
            "Invalid block_sizes; On 1th axis, the dim size 30 is not "
            "divisible by block size 13. Unable to perform structured "
            "quantization.");
}

TEST(QuantizeErrors, NonFloatWeight) {
  std::vector<int8_t> w = {1, 2, 3, 4, 5, 6};
  std::vector<int64_t> shape = {3, 2}, blocks = {0, 2};
  for (ElemType type : {ElemType::Int8, ElemType::UInt8}) {
    TensorRef weight{w.data(), type, shape};
    QuantParams out;
    Status status = linearQuantize(weight, kInt8Symmetric, blocks, out);
    EXPECT_FALSE(status.ok);
    EXPECT_EQ(status.message, "Only floating numpy arrays are supported.");
  }
}

TEST(QuantizeErrors, BlockSizesPerAxisAndBits) {
  std::vector<float> w(6, 1.0f);
  std::vector<int64_t> shape = {3, 2}, blocks = {0};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  QuantParams out;
  Status status = linearQuantize(weight, kInt8Symmetric, blocks, out);
  EXPECT_EQ(status.message,
            "Each axis should have a block size, which means len(block_sizes) "
            "must be equal to weight's rank, but got 1 vs 2");
  std::vector<int64_t> good = {0, 0};
  status = linearQuantize(weight, {QuantMode::Linear, true, 2}, good, out);
  EXPECT_FALSE(status.ok);
  EXPECT_EQ(status.message,
            "Invalid dtype. Should be int4/8 or uint4/8, but got int2");
}

//===----------------------------------------------------------------------===//
// Degenerate blocks
//===----------------------------------------------------------------------===//

// An all-zero block gets scale 0, offset 0 and codes 0 (numpy's NaN cast),
// so it dequantizes to exactly 0; the other blocks are unaffected.
TEST(QuantizeDegenerate, AllZeroBlock) {
  std::vector<float> w = {0, 0, 0, 0, 1, -2, 3, -4};
  std::vector<int64_t> shape = {2, 4}, blocks = {1, 0};
  for (bool half : {false, true}) {
    std::vector<uint16_t> w16 = toHalves(w);
    TensorRef weight{half ? static_cast<const void *>(w16.data()) : w.data(),
                     half ? ElemType::Float16 : ElemType::Float32, shape};
    for (const QuantSpec &spec : kAllSpecs) {
      SCOPED_TRACE(specName(spec));
      QuantParams out;
      ASSERT_TRUE(linearQuantize(weight, spec, blocks, out).ok);
      size_t scaleBytes = half ? 2 : 4;
      for (size_t i = 0; i < scaleBytes; ++i)
        EXPECT_EQ(out.scale[i], 0);
      EXPECT_NE(out.scale[scaleBytes + scaleBytes - 1], 0);
      for (int i = 0; i < 4; ++i)
        EXPECT_EQ(out.data[i], 0);
      if (spec.mode == QuantMode::Linear) {
        EXPECT_EQ(out.offset[0], 0);
      } else if (!spec.isSigned) {
        EXPECT_EQ(out.offset[0], (quantRange(spec).second) / 2);
      }

      // Round trip through constexpr_blockwise_shift_scale.
      std::vector<uint8_t> decoded(w.size() * scaleBytes);
      TensorRef data{out.data.data(),
                     spec.isSigned ? ElemType::Int8 : ElemType::UInt8, shape,
                     spec.bits};
      TensorRef scale{out.scale.data(), weight.type, out.paramShape};
      TensorRef offset{out.offset.data(), data.type, out.paramShape, spec.bits};
      ASSERT_TRUE(ios18::blockwiseShiftScale(
                      data, scale, out.offset.empty() ? nullptr : &offset,
                      decoded.data(), decoded.size())
                      .ok);
      // 0 * (0 - z): zero, possibly -0.0 as numpy computes it.
      for (size_t i = 0; i < 4; ++i) {
        float value;
        if (half) {
          uint16_t bits;
          std::memcpy(&bits, decoded.data() + 2 * i, 2);
          value = halfToFloat(bits);
        } else {
          std::memcpy(&value, decoded.data() + 4 * i, 4);
        }
        EXPECT_EQ(value, 0.0f) << "element " << i;
      }
    }
  }
}

// A constant non-zero block: LINEAR extends the range to 0, symmetric uses
// |c|; both reproduce the constant.
TEST(QuantizeDegenerate, ConstantBlock) {
  std::vector<float> w(8, 1.5f);
  std::vector<int64_t> shape = {8}, blocks = {0};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  QuantParams out;
  ASSERT_TRUE(linearQuantize(weight, kUInt8Linear, blocks, out).ok);
  EXPECT_EQ(out.scale, floatBytes({1.5f / 255.0f}));
  EXPECT_EQ(out.offset, uint8Bytes({0}));
  EXPECT_EQ(out.data, std::vector<uint8_t>(8, 255));
  ASSERT_TRUE(linearQuantize(weight, kInt8Symmetric, blocks, out).ok);
  EXPECT_EQ(out.scale, floatBytes({3.0f / 254.0f}));
  EXPECT_EQ(out.data, std::vector<uint8_t>(8, 127));
  std::vector<float> negative(8, -1.5f);
  TensorRef negativeWeight{negative.data(), ElemType::Float32, shape};
  ASSERT_TRUE(linearQuantize(negativeWeight, kUInt8Linear, blocks, out).ok);
  EXPECT_EQ(out.offset, uint8Bytes({255}));
  EXPECT_EQ(out.data, std::vector<uint8_t>(8, 0));
}

//===----------------------------------------------------------------------===//
// The kernel against the element-by-element reference
//===----------------------------------------------------------------------===//

TEST(QuantizeReference, SmallLayouts) {
  struct Case {
    std::vector<int64_t> shape, blocks;
  } cases[] = {
      {{}, {}},
      {{1}, {0}},
      {{37}, {0}},
      {{36}, {4}},
      {{8, 16}, {1, 0}},
      {{8, 16}, {0, 1}},
      {{8, 16}, {2, 4}},
      {{8, 16}, {0, 0}},
      {{8, 16}, {8, 16}},
      {{8, 16}, {1, 1}},
      {{8, 16}, {4, 0}},
      {{3, 5, 7}, {1, 0, 7}},
      {{3, 5, 7}, {3, 1, 0}},
      {{3, 5, 7}, {0, 1, 1}},
      {{6, 4, 10}, {2, 2, 5}}, // three partially blocked axes
      {{4, 6, 3, 4}, {2, 3, 0, 2}},
      {{2, 3, 4, 6}, {1, 3, 2, 3}},
      {{2, 3, 4, 6}, {0, 1, 0, 2}},
      {{30, 4, 3, 2}, {2, 1, 0, 0}}, // conv_transpose per block
      {{30, 4, 3, 2}, {0, 1, 0, 0}}, // conv_transpose per channel
      {{1, 7, 1, 3}, {1, 7, 1, 1}},
      {{2, 1, 70, 35}, {0, 0, 2, 1}},
  };
  unsigned seed = 1;
  for (const Case &c : cases)
    for (bool half : {true, false})
      for (const QuantSpec &spec : kAllSpecs)
        expectMatchesReference(randomWeights(numElements(c.shape), seed++),
                               half, c.shape, c.blocks, spec);
}

// Long blocks are split into pieces and many short ones grouped: neither
// may change the result.
TEST(QuantizeReference, LargeLayouts) {
  struct Case {
    std::vector<int64_t> shape, blocks;
  } cases[] = {
      {{3, 70000}, {1, 0}},   // rows longer than a task
      {{2, 5000}, {0, 0}},    // per tensor, split into pieces
      {{40000}, {0}},         // rank 1
      {{5, 8192}, {1, 4096}}, // runs of exactly the split length
      {{700, 96}, {0, 1}},    // per input channel
      {{96, 700}, {0, 2}},    // short runs, many rows per group
      {{64, 48, 3, 3}, {1, 16, 0, 0}},
  };
  unsigned seed = 100;
  for (const Case &c : cases)
    for (bool half : {true, false})
      for (const QuantSpec &spec :
           {kInt8Symmetric, kUInt8Linear,
            QuantSpec{QuantMode::LinearSymmetric, true, 4}})
        expectMatchesReference(randomWeights(numElements(c.shape), seed++),
                               half, c.shape, c.blocks, spec);
}

// fp16 weights whose w / scale lies just off .5: numpy rounds the
// quotient to fp16 (making it .5 exactly, then even) before rounding it to
// an integer.
TEST(QuantizeReference, HalfQuotientRounding) {
  // With +-1 in the tensor the int8 symmetric scale is fp16(2 / 254); find
  // fp16 values in (0.5, 1) for which the two roundings disagree.
  float scale = halfToFloat(floatToHalf(2.0f / 254.0f));
  std::vector<float> w = {1.0f, -1.0f};
  std::vector<int> expected = {127, -127};
  for (uint16_t bits = 0x3800; bits < 0x3C00 && w.size() < 6; ++bits) {
    float value = halfToFloat(bits);
    float quotient = value / scale;
    float rounded = halfToFloat(floatToHalf(quotient));
    if (std::nearbyint(quotient) == std::nearbyint(rounded))
      continue;
    w.push_back(value);
    expected.push_back(static_cast<int>(std::nearbyint(rounded)));
    w.push_back(-value);
    expected.push_back(-static_cast<int>(std::nearbyint(rounded)));
  }
  ASSERT_EQ(w.size(), 6u);
  std::vector<uint16_t> w16 = toHalves(w);
  std::vector<int64_t> shape = {6}, blocks = {0};
  TensorRef weight{w16.data(), ElemType::Float16, shape};
  QuantParams out;
  ASSERT_TRUE(linearQuantize(weight, kInt8Symmetric, blocks, out).ok);
  EXPECT_EQ(out.scale, halfBytes({floatToHalf(scale)}));
  EXPECT_EQ(out.data, int8Bytes(expected));
  expectMatchesReference(w, true, shape, blocks, kInt8Symmetric);
}

//===----------------------------------------------------------------------===//
// The vector paths (SSE2, AVX2 with F16C) against the scalar one
//===----------------------------------------------------------------------===//

/// Rows of edge values, one kind per row: random, exact ties of w / scale
/// (the row's maximum 127 makes the int8 symmetric scale 1), -0 and +0,
/// fp16 subnormals, constant rows, a single nonzero value, mixed magnitudes.
std::vector<float> edgeWeights(int64_t rows, int64_t cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.02f);
  std::uniform_int_distribution<int> small(-254, 254);
  std::vector<float> out(rows * cols);
  for (int64_t r = 0; r < rows; ++r) {
    float *row = out.data() + r * cols;
    for (int64_t c = 0; c < cols; ++c) {
      switch (r % 8) {
      case 0:
        row[c] = normal(rng);
        break;
      case 1: // halves: ties for every scale that is a power of two
        row[c] = c == 0 ? 127.0f : static_cast<float>(small(rng)) * 0.5f;
        break;
      case 2:
        row[c] = (c % 3 == 0) ? -0.0f : (c % 3 == 1 ? 0.0f : -0.0f);
        break;
      case 3: // fp16 subnormals (multiples of 2^-24) and a few normals
        row[c] = static_cast<float>(small(rng)) * 0x1p-24f *
                 (c % 17 == 0 ? 64.0f : 1.0f);
        break;
      case 4:
        row[c] = r % 16 == 4 ? 0.3f : -2.5f;
        break;
      case 5:
        row[c] = c == cols / 2 ? -0.007f : 0.0f;
        break;
      case 6:
        row[c] = normal(rng) * (c % 5 == 0 ? 1000.0f : 1e-3f);
        break;
      default: // ties after the quotient is rounded to fp16
        row[c] = static_cast<float>(small(rng)) * (1.0f / 3.0f);
        break;
      }
    }
  }
  return out;
}

/// Restores the best kernel when a test ends.
struct KernelScope {
  ~KernelScope() { setQuantKernel(bestQuantKernel()); }
};

TEST(QuantizeKernels, VectorPathsMatchScalar) {
  KernelScope restore;
  std::vector<QuantKernel> levels;
  for (QuantKernel k : {QuantKernel::SSE2, QuantKernel::AVX2})
    if (k <= bestQuantKernel())
      levels.push_back(k);
  if (levels.empty())
    GTEST_SKIP() << "no vector path in this build or on this CPU";
  struct Case {
    std::vector<int64_t> shape, blocks;
  } cases[] = {
      {{32, 200}, {1, 0}},  // per channel, fused units, 8-element tails
      {{16, 4096}, {1, 0}}, // per channel, multiples of 32
      {{3, 70000}, {1, 0}}, // rows longer than a fused unit
      {{40, 200}, {0, 1}},  // one parameter per column
      {{24, 256}, {1, 32}}, // per block
      {{8, 96}, {4, 0}},    // row groups sharing parameters
      {{16, 999}, {0, 0}},  // per tensor, odd length
  };
  unsigned seed = 7;
  for (const Case &c : cases)
    for (bool half : {true, false})
      for (const QuantSpec &spec : kAllSpecs)
        for (bool packed : {false, true}) {
          if (packed && spec.bits != 4)
            continue;
          int64_t rows = c.shape[0], cols = numElements(c.shape) / rows;
          std::vector<float> values = edgeWeights(rows, cols, seed++);
          std::vector<uint16_t> halves = toHalves(values);
          TensorRef weight{half ? static_cast<const void *>(halves.data())
                                : static_cast<const void *>(values.data()),
                           half ? ElemType::Float16 : ElemType::Float32,
                           c.shape};
          auto run = [&](QuantKernel kernel) {
            EXPECT_EQ(setQuantKernel(kernel), kernel);
            QuantParams out;
            std::vector<uint8_t> bytes(numElements(c.shape));
            Status status =
                packed
                    ? linearQuantize(weight, spec, c.blocks, out, bytes.data())
                    : linearQuantize(weight, spec, c.blocks, out);
            EXPECT_TRUE(status.ok) << status.message;
            if (packed)
              out.data = bytes;
            return out;
          };
          QuantParams scalar = run(QuantKernel::Scalar);
          for (QuantKernel level : levels) {
            SCOPED_TRACE(specName(spec) + (half ? " fp16" : " fp32") +
                         (packed ? " packed" : "") + ", level " +
                         std::to_string(static_cast<int>(level)) + ", " +
                         std::to_string(c.shape[0]) + "x" +
                         std::to_string(c.shape[1]));
            QuantParams vector = run(level);
            EXPECT_EQ(vector.scale, scalar.scale);
            EXPECT_EQ(vector.offset, scalar.offset);
            size_t mismatches = 0, first = 0;
            for (size_t i = 0; i < scalar.data.size(); ++i)
              if (vector.data[i] != scalar.data[i] && mismatches++ == 0)
                first = i;
            EXPECT_EQ(mismatches, 0u) << "first mismatch at element " << first;
          }
          // And both equal numpy's arithmetic, restated element by element.
          if (!packed) {
            setQuantKernel(bestQuantKernel());
            expectMatchesReference(values, half, c.shape, c.blocks, spec);
          }
        }
}

TEST(QuantizePieces, AnySplitMatchesWholeTensor) {
  struct Case {
    std::vector<int64_t> shape, blocks;
    /// Whether the one-pass route (prepareUnits) takes the layout.
    bool units;
  } cases[] = {
      {{32, 200}, {1, 0}, true},     // per channel, fused
      {{3, 70000}, {1, 0}, false},   // rows longer than a unit may be
      {{40, 200}, {0, 1}, false},    // one parameter per column
      {{24, 256}, {1, 32}, true},    // per block
      {{8, 96}, {4, 0}, true},       // row groups sharing parameters
      {{16, 999}, {0, 0}, false},    // per tensor, odd length
      {{2, 6, 10}, {1, 3, 0}, true}, // three axes merged into runs
      {{5, 7}, {1, 0}, true},        // odd rows: whole units only at 4 bits
  };
  std::mt19937 rng(11);
  unsigned seed = 23;
  for (const Case &c : cases)
    for (bool half : {true, false})
      for (const QuantSpec &spec : kAllSpecs) {
        int64_t count = numElements(c.shape);
        std::vector<float> values =
            edgeWeights(c.shape[0], count / c.shape[0], seed++);
        std::vector<uint16_t> halves = toHalves(values);
        TensorRef weight{half ? static_cast<const void *>(halves.data())
                              : static_cast<const void *>(values.data()),
                         half ? ElemType::Float16 : ElemType::Float32, c.shape};
        SCOPED_TRACE(specName(spec) + (half ? " fp16 " : " fp32 ") +
                     std::to_string(count) + " elements");
        size_t bytes = packedSizeInBytes(count, spec.bits);
        QuantParams whole;
        std::vector<uint8_t> expected(bytes);
        ASSERT_TRUE(
            linearQuantize(weight, spec, c.blocks, whole, expected.data()).ok);
        LinearQuantizer quantizer;
        QuantParams params;
        ASSERT_TRUE(quantizer.computeParams(weight, spec, c.blocks, params).ok);
        EXPECT_EQ(params.paramShape, whole.paramShape);
        EXPECT_EQ(params.scale, whole.scale);
        EXPECT_EQ(params.offset, whole.offset);
        EXPECT_TRUE(params.data.empty());
        // Pieces of random lengths, in reverse order, each into its own
        // buffer (4-bit pieces start on a byte).
        for (int split = 0; split < 3; ++split) {
          std::vector<std::pair<int64_t, int64_t>> pieces;
          std::uniform_int_distribution<int64_t> length(1, count / 3 + 1);
          for (int64_t begin = 0; begin < count;) {
            int64_t n = std::min(count - begin, length(rng));
            if (spec.bits == 4 && begin + n < count && n % 2)
              ++n;
            pieces.push_back({begin, n});
            begin += n;
          }
          std::vector<uint8_t> got(bytes, 0xAA);
          for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
            std::vector<uint8_t> piece(
                packedSizeInBytes(it->second, spec.bits));
            quantizer.quantizeRange(it->first, it->second, piece.data());
            std::memcpy(got.data() + it->first * spec.bits / 8, piece.data(),
                        piece.size());
          }
          EXPECT_EQ(got, expected) << pieces.size() << " pieces";
        }

        // The one-pass route: pieces of random numbers of whole units, in
        // reverse order, each computing its units' parameters.
        LinearQuantizer onePass;
        QuantParams unitParams;
        uint64_t unitBytes = 0;
        ASSERT_TRUE(
            onePass.prepareUnits(weight, spec, c.blocks, unitParams, unitBytes)
                .ok);
        bool oddUnits = spec.bits == 4 && c.shape.back() % 2;
        EXPECT_EQ(unitBytes > 0, c.units && !oddUnits);
        if (unitBytes == 0)
          continue;
        EXPECT_EQ(unitParams.paramShape, whole.paramShape);
        uint64_t numUnits = bytes / unitBytes;
        ASSERT_EQ(numUnits * unitBytes, bytes);
        std::vector<std::pair<uint64_t, uint64_t>> pieces;
        std::uniform_int_distribution<uint64_t> units(1, numUnits / 3 + 1);
        for (uint64_t unit = 0; unit < numUnits;) {
          uint64_t n = std::min(numUnits - unit, units(rng));
          pieces.push_back({unit * unitBytes, n * unitBytes});
          unit += n;
        }
        std::vector<uint8_t> got(bytes, 0xAA);
        for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
          std::vector<uint8_t> piece(it->second);
          EXPECT_TRUE(
              onePass.quantizeUnits(it->first, it->second, piece.data()));
          std::memcpy(got.data() + it->first, piece.data(), piece.size());
        }
        EXPECT_EQ(got, expected) << pieces.size() << " unit pieces";
        EXPECT_EQ(unitParams.scale, whole.scale);
        EXPECT_EQ(unitParams.offset, whole.offset);
        EXPECT_FALSE(unitParams.hasInf);
      }
}

TEST(QuantizePieces, OnePassRefusesInfinityAndNaN) {
  std::vector<int64_t> shape = {4, 16}, blocks = {1, 0};
  QuantSpec spec = kInt8Symmetric;
  spec.rejectInf = true;
  for (float bad : {-INFINITY, NAN}) {
    std::vector<float> values(64, 0.5f);
    values[40] = bad;
    TensorRef weight{values.data(), ElemType::Float32, shape};
    LinearQuantizer quantizer;
    QuantParams params;
    uint64_t unitBytes = 0;
    ASSERT_TRUE(
        quantizer.prepareUnits(weight, spec, blocks, params, unitBytes).ok);
    ASSERT_EQ(unitBytes, 16u);
    std::vector<uint8_t> out(64);
    // Rows 0 and 1 are clean; row 2 holds the bad value.
    EXPECT_TRUE(quantizer.quantizeUnits(0, 32, out.data()));
    EXPECT_FALSE(quantizer.quantizeUnits(32, 32, out.data() + 32));
  }
}

TEST(QuantizePieces, InfinityRejected) {
  std::vector<float> values(64, 0.5f);
  values[40] = -INFINITY;
  std::vector<int64_t> shape = {4, 16}, blocks = {1, 0};
  TensorRef weight{values.data(), ElemType::Float32, shape};
  QuantSpec spec = kInt8Symmetric;
  spec.rejectInf = true;
  LinearQuantizer quantizer;
  QuantParams params;
  ASSERT_TRUE(quantizer.computeParams(weight, spec, blocks, params).ok);
  EXPECT_TRUE(params.hasInf);
  EXPECT_TRUE(params.scale.empty());
}

//===----------------------------------------------------------------------===//
// Round trips through the decompression kernels
//===----------------------------------------------------------------------===//

TEST(QuantizeRoundTrip, BlockwiseShiftScale) {
  std::vector<int64_t> shape = {16, 64};
  for (bool half : {true, false})
    for (const QuantSpec &spec : kAllSpecs)
      for (std::vector<int64_t> blocks :
           {std::vector<int64_t>{1, 0}, {0, 0}, {1, 32}, {4, 8}}) {
        SCOPED_TRACE(specName(spec) + (half ? " fp16" : " fp32"));
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> uniform(-3.0f, 1.0f);
        // The widest range is symmetric: 6 over 2^bits - 2 steps.
        std::vector<float> w(16 * 64);
        for (float &v : w)
          v = uniform(rng);
        std::vector<uint16_t> w16 = toHalves(w);
        if (half)
          for (size_t i = 0; i < w.size(); ++i)
            w[i] = halfToFloat(w16[i]);
        TensorRef weight{half ? static_cast<const void *>(w16.data())
                              : w.data(),
                         half ? ElemType::Float16 : ElemType::Float32, shape};
        QuantParams out;
        ASSERT_TRUE(linearQuantize(weight, spec, blocks, out).ok);
        TensorRef data{out.data.data(),
                       spec.isSigned ? ElemType::Int8 : ElemType::UInt8, shape,
                       spec.bits};
        TensorRef scale{out.scale.data(), weight.type, out.paramShape};
        TensorRef offset{out.offset.data(), data.type, out.paramShape,
                         spec.bits};
        size_t elementBytes = half ? 2 : 4;
        std::vector<uint8_t> decoded(w.size() * elementBytes);
        Status status = ios18::blockwiseShiftScale(
            data, scale, out.offset.empty() ? nullptr : &offset, decoded.data(),
            decoded.size());
        ASSERT_TRUE(status.ok) << status.message;
        // Each element is within half a step (plus fp16 rounding).
        float maxStep = 6.0f / ((1 << spec.bits) - 2);
        for (size_t i = 0; i < w.size(); ++i) {
          float value;
          if (half) {
            uint16_t bits;
            std::memcpy(&bits, decoded.data() + 2 * i, 2);
            value = halfToFloat(bits);
          } else {
            std::memcpy(&value, decoded.data() + 4 * i, 4);
          }
          ASSERT_NEAR(value, w[i], 0.5f * maxStep + 4e-3f) << "element " << i;
        }
      }
}

// Per-channel parameters, converted as ios18_quant_params_to_ios16 does,
// through constexpr_affine_dequantize.
TEST(QuantizeRoundTrip, AffineDequantize) {
  std::vector<int64_t> shape = {8, 3, 2, 2}, blocks = {1, 0, 0, 0};
  std::vector<float> w = randomWeights(numElements(shape), 11);
  std::vector<uint16_t> w16 = toHalves(w);
  TensorRef weight{w16.data(), ElemType::Float16, shape};
  for (const QuantSpec &spec : {kInt8Symmetric, kUInt8Linear}) {
    QuantParams out;
    ASSERT_TRUE(linearQuantize(weight, spec, blocks, out).ok);
    std::vector<uint8_t> zeroPoint =
        out.offset.empty() ? std::vector<uint8_t>(8, 0) : out.offset;
    std::vector<int64_t> vector8 = {8};
    ElemType dataType = spec.isSigned ? ElemType::Int8 : ElemType::UInt8;
    TensorRef data{out.data.data(), dataType, shape};
    TensorRef zero{zeroPoint.data(), dataType, vector8};
    TensorRef scale{out.scale.data(), ElemType::Float16, vector8};
    std::vector<uint16_t> decoded(w.size());
    ASSERT_TRUE(ios16::affineDequantize(data, zero, scale, 0, decoded.data(),
                                        decoded.size() * 2)
                    .ok);
    for (size_t i = 0; i < w.size(); ++i) {
      uint16_t scaleBits;
      std::memcpy(&scaleBits, out.scale.data() + 2 * (i / 12), 2);
      ASSERT_NEAR(halfToFloat(decoded[i]), halfToFloat(w16[i]),
                  0.5f * halfToFloat(scaleBits) * 1.01f +
                      std::fabs(halfToFloat(w16[i])) * 1e-3f + 1e-6f);
    }
  }
}

//===----------------------------------------------------------------------===//
// Golden slices of coremltools' output
//===----------------------------------------------------------------------===//

// mlp_iOS18_lq_int8-per-channel: row 1 of fc0 (128x64) and its scale.
// Elements 4 (15.498 -> fp16 15.5 -> 16) and 9 (-78.526 -> -78.5 -> -78)
// come out differently if w / scale is not rounded to fp16 first.
TEST(QuantizeGolden, Int8PerChannelRow) {
  std::vector<uint16_t> row = {
      0x2027, 0xA740, 0x2495, 0x275A, 0x1DAB, 0x248A, 0x9E63, 0x2510,
      0xA41E, 0xA72E, 0x18F6, 0xA94A, 0x24B6, 0xA056, 0xA794, 0xA415,
      0x22DD, 0x1FCC, 0x2692, 0xA89B, 0x21BD, 0xA20B, 0x27BF, 0x2292,
      0xA451, 0xA2EF, 0x20D2, 0x163F, 0x2746, 0xA3F3, 0x1955, 0x99B0,
      0x23AF, 0x2825, 0x20F1, 0x24E9, 0xA048, 0x21A2, 0x9E15, 0xA4FC,
      0x188D, 0x17F7, 0xA66D, 0x216D, 0x25BD, 0x9827, 0x2248, 0x2520,
      0x284E, 0x24BD, 0xA50F, 0x1C41, 0xA63E, 0x1751, 0xA563, 0xA315,
      0xA913, 0x29CE, 0x995B, 0xA0ED, 0xA650, 0x23C6, 0xA0E2, 0xA25A,
  };
  std::vector<int> expected = {
      23,  -79, 50,  80,  16,   50,  -17,  55,  -45, -78, 7,   -116, 52,
      -24, -83, -45, 38,  21,   72,  -101, 31,  -33, 85,  36,  -47,  -38,
      26,  4,   80,  -43, 7,    -8,  42,   91,  27,  54,  -23, 31,   -17,
      -54, 6,   5,   -70, 30,   63,  -6,   34,  56,  94,  52,  -55,  12,
      -68, 5,   -59, -39, -111, 127, -7,   -27, -69, 42,  -27, -35};
  std::vector<int64_t> shape = {1, 64}, blocks = {1, 0};
  TensorRef weight{row.data(), ElemType::Float16, shape};
  QuantParams out;
  ASSERT_TRUE(linearQuantize(weight, kInt8Symmetric, blocks, out).ok);
  EXPECT_EQ(out.scale, halfBytes({0x0DDA}));
  EXPECT_TRUE(out.offset.empty());
  EXPECT_EQ(out.data, int8Bytes(expected));
}

// mlp_iOS18_lq_int4-per-block32: fc0 row 0, block 0.
TEST(QuantizeGolden, Int4PerBlock) {
  std::vector<uint16_t> block = {
      0x25B9, 0xA71A, 0xA05E, 0xA41D, 0x2229, 0x9625, 0x14E4, 0x913E,
      0x9B99, 0x262B, 0x23F6, 0xA6F4, 0x23E2, 0xA475, 0x25A1, 0xA4E8,
      0xA687, 0xA6FE, 0xA78C, 0x2070, 0x9EB8, 0xA4F9, 0x267B, 0x04EF,
      0xA576, 0x286D, 0xA09F, 0x13F8, 0xA5D4, 0x9EEE, 0xA7D5, 0x1C2E,
  };
  std::vector<int> expected = {5,  -6, -2, -3, 2,  0,  0,  0,  -1, 5,  3,
                               -6, 3,  -4, 4,  -4, -5, -6, -6, 2,  -1, -4,
                               5,  0,  -4, 7,  -2, 0,  -5, -1, -6, 1};
  std::vector<int64_t> shape = {1, 32}, blocks = {1, 32};
  TensorRef weight{block.data(), ElemType::Float16, shape};
  QuantParams out;
  ASSERT_TRUE(
      linearQuantize(weight, {QuantMode::LinearSymmetric, true, 4}, blocks, out)
          .ok);
  EXPECT_EQ(out.scale, halfBytes({0x1D0F}));
  EXPECT_EQ(out.data, int8Bytes(expected));
}

// mlp_iOS18_lq_uint8-linear-per-tensor: fc2 elements 64..127 plus the
// tensor's minimum and maximum (which fix the per-tensor parameters).
TEST(QuantizeGolden, UInt8LinearPerTensor) {
  std::vector<uint16_t> values = {
      0x2698, 0x9F29, 0xA623, 0xA2EF, 0xA905, 0x1C87, 0xA32E, 0x2321, 0x2063,
      0x9A10, 0x9D19, 0x2976, 0x28AF, 0x19CE, 0x27FE, 0x9F27, 0x9F2F, 0x280A,
      0xA705, 0x27E8, 0x255B, 0x295A, 0x25F8, 0x9EB6, 0xA7D4, 0xA4AC, 0x2988,
      0xA3BD, 0xA3D5, 0x2110, 0xA29E, 0x1DB1, 0xA666, 0x281F, 0x2066, 0xA629,
      0x15A5, 0xA23F, 0xA073, 0xA250, 0x16A6, 0x9D93, 0x255C, 0xA0C1, 0xA66D,
      0xA870, 0x275D, 0x210B, 0x22B8, 0x9F18, 0xA4B6, 0xA56F, 0x1C15, 0x263B,
      0x97E2, 0xA6C0, 0xA83A, 0x19C9, 0x2608, 0x1DB7, 0xA74D, 0x20D4, 0x25BA,
      0x2419, 0xAC7A, 0x2C42,
  };
  std::vector<int> expected = {
      179, 118, 86,  106, 58,  139, 105, 157, 147, 125, 122, 211, 199, 136,
      189, 118, 118, 190, 80,  189, 170, 209, 175, 119, 74,  97,  212, 103,
      102, 149, 107, 141, 84,  191, 147, 86,  134, 108, 115, 108, 134, 121,
      170, 114, 84,  66,  185, 149, 156, 118, 97,  91,  138, 177, 127, 82,
      69,  136, 175, 141, 78,  149, 173, 161, 0,   255};
  std::vector<int64_t> shape = {1, 66}, blocks = {0, 0};
  TensorRef weight{values.data(), ElemType::Float16, shape};
  QuantParams out;
  ASSERT_TRUE(linearQuantize(weight, kUInt8Linear, blocks, out).ok);
  EXPECT_EQ(out.scale, halfBytes({0x1062}));
  EXPECT_EQ(out.offset, uint8Bytes({131}));
  EXPECT_EQ(out.data, uint8Bytes(expected));
}

} // namespace
