//===- PruneTest.cpp - pruning kernels ------------------------------------===//
//
// Part of mil-mlir.
//
// Expected values: the spec's worked examples (compression.md 3.4, 5.1,
// 5.4, 5.12), golden slices of coremltools' output (fixtures/coremltools,
// *_prune_threshold0.02), and plain restatements of coremltools' numpy code
// (sorting instead of the kernels' radix selection) on random tensors.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Prune.h"

#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/Half.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace mil::compression;

namespace {

std::vector<uint16_t> toHalves(const std::vector<float> &values) {
  std::vector<uint16_t> out;
  for (float v : values)
    out.push_back(floatToHalf(v));
  return out;
}

/// The dense tensor the SparseParams stand for, as floats.
std::vector<float> densify(const SparseParams &params, ElemType type) {
  std::vector<float> out(params.mask.size(), 0.0f);
  size_t next = 0;
  for (size_t i = 0; i < params.mask.size(); ++i) {
    if (!params.mask[i])
      continue;
    if (type == ElemType::Float16) {
      uint16_t bits;
      std::memcpy(&bits, params.nonzero.data() + 2 * next, 2);
      out[i] = halfToFloat(bits);
    } else if (type == ElemType::Float32) {
      std::memcpy(&out[i], params.nonzero.data() + 4 * next, 4);
    } else if (type == ElemType::Int8) {
      out[i] = static_cast<int8_t>(params.nonzero[next]);
    } else {
      out[i] = params.nonzero[next];
    }
    ++next;
  }
  return out;
}

/// Runs `fn(tensor)` on `values` stored as fp32 and as fp16 and returns the
/// densified results.
template <typename Fn>
std::pair<std::vector<float>, std::vector<float>>
bothFloatTypes(const std::vector<float> &values,
               const std::vector<int64_t> &shape, Fn &&fn) {
  std::vector<uint16_t> halves = toHalves(values);
  TensorRef f32{values.data(), ElemType::Float32, shape};
  TensorRef f16{halves.data(), ElemType::Float16, shape};
  SparseParams a, b;
  Status sa = fn(f32, a), sb = fn(f16, b);
  EXPECT_TRUE(sa.ok) << sa.message;
  EXPECT_TRUE(sb.ok) << sb.message;
  EXPECT_FALSE(a.skipped) << a.reason;
  EXPECT_FALSE(b.skipped) << b.reason;
  return {densify(a, ElemType::Float32), densify(b, ElemType::Float16)};
}

void expectConsistent(const SparseParams &params, size_t elementBytes) {
  uint64_t kept = 0;
  for (uint8_t bit : params.mask) {
    EXPECT_LE(bit, 1);
    kept += bit;
  }
  EXPECT_EQ(kept, params.numNonzero);
  EXPECT_EQ(params.nonzero.size(), params.numNonzero * elementBytes);
}

/// numpy 1.x `np.percentile(values, q)` of fp16 (`half`) or fp32 values,
/// by sorting; returns the threshold as compared (rounded to the dtype).
double referenceThreshold(std::vector<float> values, double q, bool half) {
  std::sort(values.begin(), values.end());
  double n = static_cast<double>(values.size());
  double v = (n - 1) * (q / 100.0);
  double previous = std::floor(v), gamma = v - previous;
  size_t i = static_cast<size_t>(previous);
  size_t j = std::min(i + 1, values.size() - 1);
  double a = values[i], b = values[j];
  double d = half ? halfToFloat(floatToHalf(static_cast<float>(b - a)))
                  : static_cast<double>(static_cast<float>(b - a));
  double r = gamma >= 0.5 ? b - d * (1 - gamma) : a + d * gamma;
  return half ? halfToFloat(floatToHalf(static_cast<float>(r)))
              : static_cast<double>(static_cast<float>(r));
}

//===----------------------------------------------------------------------===//
// Threshold (3.4.1)
//===----------------------------------------------------------------------===//

TEST(PruneThreshold, SpecExample) {
  std::vector<int64_t> shape = {4};
  auto [f32, f16] = bothFloatTypes({0.3f, -0.2f, -0.01f, 0.05f}, shape,
                                   [](const TensorRef &w, SparseParams &out) {
                                     return thresholdPrune(w, 0.03, 0.0, out);
                                   });
  EXPECT_EQ(f32, std::vector<float>({0.3f, -0.2f, 0.0f, 0.05f}));
  std::vector<float> expected16 = {halfToFloat(floatToHalf(0.3f)),
                                   halfToFloat(floatToHalf(-0.2f)), 0.0f,
                                   halfToFloat(floatToHalf(0.05f))};
  EXPECT_EQ(f16, expected16);

  std::vector<float> w = {0.3f, -0.2f, -0.01f, 0.05f};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(thresholdPrune(weight, 0.03, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 1, 0, 1}));
  EXPECT_EQ(out.numNonzero, 3u);
  std::vector<float> kept(3);
  std::memcpy(kept.data(), out.nonzero.data(), 12);
  EXPECT_EQ(kept, std::vector<float>({0.3f, -0.2f, 0.05f}));
}

// Sparsity below the minimum skips with coremltools' warning; equality
// passes. Pre-existing zeros count.
TEST(PruneThreshold, MinimumSparsity) {
  std::vector<float> w = {1.0f, 2.0f, 3.0f, 0.0f};
  std::vector<int64_t> shape = {2, 2};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(thresholdPrune(weight, 0.5, 0.5, out).ok);
  EXPECT_TRUE(out.skipped);
  EXPECT_EQ(out.reason, "weight value has sparsity of 0.25 < "
                        "minimum_sparsity_percentile 0.5. Skipped.");
  EXPECT_TRUE(out.mask.empty());
  ASSERT_TRUE(thresholdPrune(weight, 1.0, 0.5, out).ok);
  EXPECT_FALSE(out.skipped);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 1, 1, 0}));
  ASSERT_TRUE(thresholdPrune(weight, 1e-3, 0.3, out).ok);
  EXPECT_TRUE(out.skipped);
  EXPECT_EQ(out.reason, "weight value has sparsity of 0.25 < "
                        "minimum_sparsity_percentile 0.3. Skipped.");
  std::vector<float> big(30000, 1.0f);
  big[0] = 0.0f;
  std::vector<int64_t> bigShape = {30000};
  TensorRef bigWeight{big.data(), ElemType::Float32, bigShape};
  ASSERT_TRUE(thresholdPrune(bigWeight, 1e-12, 0.5, out).ok);
  EXPECT_EQ(out.reason, "weight value has sparsity of 3.3333333333333335e-05 "
                        "< minimum_sparsity_percentile 0.5. Skipped.");
}

// 5.4 item 37: first int(size * t) elements 0, the rest 3.0, threshold
// 1e-3: compressed iff m < t... or equal.
TEST(PruneThreshold, ZerosVersusMinimum) {
  std::vector<int64_t> shape = {90, 30, 3, 3};
  size_t size = numElements(shape);
  for (double t : {0.1, 0.5, 0.9})
    for (double m : {0.0, 0.3, 0.7}) {
      std::vector<float> w(size, 3.0f);
      std::fill(w.begin(), w.begin() + static_cast<size_t>(size * t), 0.0f);
      TensorRef weight{w.data(), ElemType::Float32, shape};
      SparseParams out;
      ASSERT_TRUE(thresholdPrune(weight, 1e-3, m, out).ok);
      EXPECT_EQ(out.skipped, !(m < t)) << t << " " << m;
    }
}

// The threshold is compared in the weight's dtype: 0.02 becomes fp16
// 0.0200042724609375, which prunes an fp16 weight of exactly that value;
// the same value in fp32 is above 0.02f and kept.
TEST(PruneThreshold, ComparedInWeightDtype) {
  uint16_t cut = floatToHalf(0.02f);
  ASSERT_EQ(cut, 0x251F);
  std::vector<uint16_t> w16 = {cut, static_cast<uint16_t>(cut | 0x8000),
                               static_cast<uint16_t>(cut + 1)};
  std::vector<int64_t> shape = {3};
  TensorRef weight16{w16.data(), ElemType::Float16, shape};
  SparseParams out;
  ASSERT_TRUE(thresholdPrune(weight16, 0.02, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 0, 1}));
  std::vector<float> w32 = {halfToFloat(cut), -halfToFloat(cut), 0.01f};
  TensorRef weight32{w32.data(), ElemType::Float32, shape};
  ASSERT_TRUE(thresholdPrune(weight32, 0.02, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 1, 0}));
  // 5.12 item 95: threshold 0 prunes only zeros; the default 1e-12 is 0 in
  // fp16.
  std::vector<uint16_t> tiny = {0x0001, 0x8000, 0x0000, 0x3C00};
  std::vector<int64_t> shape4 = {4};
  TensorRef tinyWeight{tiny.data(), ElemType::Float16, shape4};
  ASSERT_TRUE(thresholdPrune(tinyWeight, 1e-12, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 0, 1}));
  ASSERT_TRUE(thresholdPrune(tinyWeight, 0.0, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 0, 1}));
}

// Integer weights (joint compression) are pruned by value; np.abs keeps
// int8 -128 at -128, which is <= any non-negative threshold.
TEST(PruneThreshold, IntegerWeights) {
  std::vector<int8_t> w = {-128, -3, 2, 0, 5, 127};
  std::vector<int64_t> shape = {6};
  TensorRef weight{w.data(), ElemType::Int8, shape};
  SparseParams out;
  ASSERT_TRUE(thresholdPrune(weight, 2.5, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 1, 0, 0, 1, 1}));
  EXPECT_EQ(out.nonzero, std::vector<uint8_t>({0xFD, 5, 127}));
  std::vector<uint8_t> u = {200, 1, 3, 0};
  std::vector<int64_t> shape4 = {4};
  TensorRef uweight{u.data(), ElemType::UInt8, shape4};
  ASSERT_TRUE(thresholdPrune(uweight, 2.0, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 1, 0}));
  EXPECT_EQ(out.nonzero, std::vector<uint8_t>({200, 3}));
}

// conv_iOS18_prune_threshold0.02: conv0 elements 0..63 and their mask bits;
// mlp fc2 elements 704..719 including 710 = -fp16(0.02), which is pruned.
TEST(PruneThreshold, Golden) {
  std::vector<uint16_t> conv = {
      0x25B9, 0xA71A, 0xA05E, 0xA41D, 0x2229, 0x9625, 0x14E4, 0x913E,
      0x9B99, 0x262B, 0x23F6, 0xA6F4, 0x23E2, 0xA475, 0x25A1, 0xA4E8,
      0xA687, 0xA6FE, 0xA78C, 0x2070, 0x9EB8, 0xA4F9, 0x267B, 0x04EF,
      0xA576, 0x286D, 0xA09F, 0x13F8, 0xA5D4, 0x9EEE, 0xA7D5, 0x1C2E,
      0x9466, 0xA4A5, 0x8EE8, 0xA65F, 0x16D1, 0x9D10, 0x26BB, 0x24B7,
      0x9CAF, 0x90FB, 0x08D2, 0x9AB9, 0x8CF2, 0x2649, 0x2554, 0x22F6,
      0x1D28, 0x2843, 0x254C, 0x9FD2, 0x9F2E, 0x264A, 0x9F58, 0xA8E6,
      0x2542, 0xA6F0, 0xA847, 0xA569, 0xA6C5, 0x23EC, 0xA86B, 0x99FB,
  };
  std::vector<uint8_t> convMask = {
      1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0,
      1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0,
      0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0};
  std::vector<uint16_t> fc2 = {0xA459, 0x2498, 0xA032, 0x27B1, 0xA284, 0x251A,
                               0xA51F, 0x2A57, 0xA85F, 0x19F4, 0xA73E, 0x9EE1,
                               0x2132, 0x9DCD, 0x9865, 0x8EC2};
  std::vector<uint8_t> fc2Mask = {0, 0, 0, 1, 0, 0, 0, 1,
                                  1, 0, 1, 0, 0, 0, 0, 0};
  for (auto [values, mask] :
       {std::make_pair(conv, convMask), std::make_pair(fc2, fc2Mask)}) {
    std::vector<int64_t> shape = {static_cast<int64_t>(values.size())};
    TensorRef weight{values.data(), ElemType::Float16, shape};
    SparseParams out;
    ASSERT_TRUE(thresholdPrune(weight, 0.02, 0.0, out).ok);
    EXPECT_EQ(out.mask, mask);
    std::vector<uint16_t> kept;
    for (size_t i = 0; i < values.size(); ++i)
      if (mask[i])
        kept.push_back(values[i]);
    ASSERT_EQ(out.nonzero.size(), kept.size() * 2);
    EXPECT_EQ(std::memcmp(out.nonzero.data(), kept.data(), kept.size() * 2), 0);
  }
}

//===----------------------------------------------------------------------===//
// Magnitude (3.4.2)
//===----------------------------------------------------------------------===//

TEST(PruneMagnitude, SpecExample) {
  std::vector<int64_t> shape = {4};
  auto [f32, f16] = bothFloatTypes({0.3f, -0.2f, -0.01f, 0.05f}, shape,
                                   [](const TensorRef &w, SparseParams &out) {
                                     return magnitudePrune(w, 0.75, out);
                                   });
  EXPECT_EQ(f32, std::vector<float>({0.3f, 0, 0, 0}));
  EXPECT_EQ(f16, std::vector<float>({halfToFloat(floatToHalf(0.3f)), 0, 0, 0}));
}

// 3.4.5: floor(t * (N - 1)) + 1 elements of distinct magnitude are zeroed.
TEST(PruneMagnitude, SpecCounts) {
  struct Case {
    std::vector<int64_t> shape;
    double target;
    uint64_t kept;
  } cases[] = {{{90, 30, 2, 2}, 0.9, 1080}, {{70, 81}, 0.2, 4536}};
  for (const Case &c : cases) {
    size_t size = numElements(c.shape);
    std::vector<float> w(size);
    std::iota(w.begin(), w.end(), 1.0f);
    std::shuffle(w.begin(), w.end(), std::mt19937(5));
    for (size_t i = 0; i < size; i += 2)
      w[i] = -w[i];
    TensorRef weight{w.data(), ElemType::Float32, c.shape};
    SparseParams out;
    ASSERT_TRUE(magnitudePrune(weight, c.target, out).ok);
    EXPECT_EQ(out.numNonzero, c.kept);
    expectConsistent(out, 4);
  }
}

// Target 0 changes nothing, target 1 zeroes everything (0 * val, which
// leaves a NaN for inf/NaN weights, as numpy does).
TEST(PruneMagnitude, Extremes) {
  std::vector<uint16_t> w = {0x3C00, 0x0000, 0x8000, 0xBC00, 0x7C00, 0x0001};
  std::vector<int64_t> shape = {2, 3};
  TensorRef weight{w.data(), ElemType::Float16, shape};
  SparseParams out;
  ASSERT_TRUE(magnitudePrune(weight, 0.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 0, 1, 1, 1}));
  ASSERT_TRUE(magnitudePrune(weight, 1.0, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 0, 0, 0, 1, 0}));
  ASSERT_EQ(out.numNonzero, 1u);
  uint16_t value;
  std::memcpy(&value, out.nonzero.data(), 2);
  // inf * 0: the default NaN (0xFE00 on x86, 0x7E00 on Arm), as in numpy.
  EXPECT_EQ(value & 0x7FFF, 0x7E00);
  std::vector<float> finite = {1, 2, 3, 4};
  std::vector<int64_t> shape4 = {4};
  TensorRef finiteWeight{finite.data(), ElemType::Float32, shape4};
  ASSERT_TRUE(magnitudePrune(finiteWeight, 1.0, out).ok);
  EXPECT_EQ(out.numNonzero, 0u);
  EXPECT_TRUE(out.nonzero.empty());
}

// The percentile is interpolated in float64 and then, for an fp16 weight,
// compared in fp16: here it is 1.00078125, which rounds up to the next
// element's magnitude, so that element is pruned too; an fp32 weight keeps
// it.
TEST(PruneMagnitude, ThresholdRoundedToWeightDtype) {
  std::vector<float> w = {0.5f, -1.0f, 1.0009765625f, 3.0f, -4.0f};
  std::vector<int64_t> shape = {5};
  auto [f32, f16] =
      bothFloatTypes(w, shape, [](const TensorRef &t, SparseParams &out) {
        return magnitudePrune(t, 0.45, out);
      });
  EXPECT_EQ(f16, std::vector<float>({0, 0, 0, 3.0f, -4.0f}));
  EXPECT_EQ(f32, std::vector<float>({0, 0, 1.0009765625f, 3.0f, -4.0f}));
}

// Ties at the cut are all pruned; -0.0 counts as zero; NaN anywhere makes
// the percentile NaN, so nothing but zeros goes.
TEST(PruneMagnitude, TiesZerosAndNaN) {
  std::vector<float> w = {1, -1, 1, 2, -0.0f, 3};
  std::vector<int64_t> shape = {6};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(magnitudePrune(weight, 0.5, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 0, 0, 1, 0, 1}));
  w[5] = NAN;
  ASSERT_TRUE(magnitudePrune(weight, 0.5, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 1, 1, 1, 0, 1}));
}

// 5.12 item 95: p = 0.5 on 8192 weights without zeros keeps about half.
TEST(PruneMagnitude, HalfOfMS) {
  std::vector<int64_t> shape = {32, 64, 2, 2};
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> uniform(0.01f, 1.0f);
  std::vector<float> w(numElements(shape));
  for (float &v : w)
    v = uniform(rng);
  std::vector<uint16_t> w16 = toHalves(w);
  TensorRef weight{w16.data(), ElemType::Float16, shape};
  SparseParams out;
  ASSERT_TRUE(magnitudePrune(weight, 0.5, out).ok);
  EXPECT_GE(out.numNonzero, 0.49 * 8192);
  EXPECT_LE(out.numNonzero, 0.51 * 8192);
  ASSERT_TRUE(magnitudePrune(weight, 0.0, out).ok);
  EXPECT_EQ(out.numNonzero, 8192u);
}

// The radix selection against sorting, on fp16 data full of ties (a
// narrow distribution) and fp32 data, small and large.
TEST(PruneMagnitude, MatchesSortedPercentile) {
  unsigned seed = 1;
  for (size_t size : {7u, 1000u, 65537u, 300000u})
    for (double target : {0.1, 0.3, 0.5, 0.75, 0.97})
      for (bool half : {true, false}) {
        SCOPED_TRACE(std::to_string(size) + " " + std::to_string(target) +
                     (half ? " fp16" : " fp32"));
        std::mt19937 rng(seed++);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        std::vector<float> w(size);
        for (float &v : w)
          v = normal(rng);
        std::vector<uint16_t> w16 = toHalves(w);
        std::vector<float> magnitudes(size);
        for (size_t i = 0; i < size; ++i)
          magnitudes[i] = std::fabs(half ? halfToFloat(w16[i]) : w[i]);
        double cut = referenceThreshold(magnitudes, target * 100.0, half);
        std::vector<int64_t> shape = {static_cast<int64_t>(size)};
        TensorRef weight{half ? static_cast<const void *>(w16.data())
                              : w.data(),
                         half ? ElemType::Float16 : ElemType::Float32, shape};
        SparseParams out;
        ASSERT_TRUE(magnitudePrune(weight, target, out).ok);
        expectConsistent(out, half ? 2 : 4);
        size_t mismatches = 0;
        for (size_t i = 0; i < size; ++i) {
          bool keep = !(magnitudes[i] <= cut) && magnitudes[i] != 0;
          mismatches += out.mask[i] != keep;
        }
        EXPECT_EQ(mismatches, 0u);
        std::vector<float> dense =
            densify(out, half ? ElemType::Float16 : ElemType::Float32);
        for (size_t i = 0; i < size; ++i) {
          if (out.mask[i]) {
            ASSERT_EQ(dense[i], half ? halfToFloat(w16[i]) : w[i]);
          }
        }
      }
}

TEST(PruneMagnitude, IntegerWeights) {
  // |int8| wraps at -128 (the smallest magnitude); the cut interpolates in
  // float64: magnitudes sorted -128, 1, 2, 3, 4 -> 40th percentile 1.6.
  std::vector<int8_t> w = {3, -128, -1, 2, 4};
  std::vector<int64_t> shape = {5};
  TensorRef weight{w.data(), ElemType::Int8, shape};
  SparseParams out;
  ASSERT_TRUE(magnitudePrune(weight, 0.4, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 0, 1, 1}));
  std::vector<uint8_t> u = {10, 20, 30, 40};
  std::vector<int64_t> shape4 = {4};
  TensorRef uweight{u.data(), ElemType::UInt8, shape4};
  ASSERT_TRUE(magnitudePrune(uweight, 0.5, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 0, 1, 1}));
}

//===----------------------------------------------------------------------===//
// Block-structured magnitude (3.4.3)
//===----------------------------------------------------------------------===//

TEST(PruneBlock, SpecExamples) {
  struct Case {
    std::vector<int64_t> shape;
    int64_t dim;
    std::vector<float> input, expected;
  } cases[] = {
      {{4, 3},
       0,
       {1, 3, 4, -6, -7, 2, 0, 3, 4, -9, 2, -1},
       {1, 3, 0, -6, -7, 0, 0, 0, 0, -9, 0, 0}},
      {{3, 5},
       1,
       {1, 3, 4, 18, 1, -6, -7, 2, 2, 9, 0, 3, 4, 8, 9},
       {0, 0, 4, 18, 0, -6, -7, 0, 0, 9, 0, 0, 0, 0, 9}},
      {{4, 2}, 0, {1, 3, -6, -7, 0, 3, -9, 2}, {0, 3, 0, -7, 0, 0, -9, 0}},
  };
  for (const Case &c : cases) {
    auto [f32, f16] = bothFloatTypes(
        c.input, c.shape, [&](const TensorRef &w, SparseParams &out) {
          return blockMagnitudePrune(w, 0.5, 2, c.dim, out);
        });
    EXPECT_EQ(f32, c.expected);
    EXPECT_EQ(f16, c.expected);
  }
}

TEST(PruneBlock, SkipAndErrors) {
  std::vector<float> w(40, 1.0f);
  std::vector<int64_t> shape = {4, 10};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(blockMagnitudePrune(weight, 0.5, 3, 0, out).ok);
  EXPECT_TRUE(out.skipped);
  EXPECT_EQ(out.reason, "block_size > channel / 2 is not applicable for block "
                        "sparsity. Got block_size = 3, channel = 4. Skipped.");
  ASSERT_TRUE(blockMagnitudePrune(weight, 0.5, 5, 1, out).ok);
  EXPECT_FALSE(out.skipped);

  std::vector<int64_t> vector40 = {40};
  TensorRef rank1{w.data(), ElemType::Float32, vector40};
  Status status = blockMagnitudePrune(rank1, 0.5, 2, 0, out);
  EXPECT_FALSE(status.ok);
  EXPECT_EQ(status.message,
            "block sparsity only supports weights of rank [2, 3, 4, 5]");
  std::vector<int64_t> shape3 = {2, 2, 10};
  TensorRef rank3{w.data(), ElemType::Float32, shape3};
  status = blockMagnitudePrune(rank3, 0.5, 2, 2, out);
  EXPECT_EQ(status.message, "bock sparsity pruning only supports dim [0, 1].");
  status = blockMagnitudePrune(rank3, 0.5, 2, 3, out);
  EXPECT_EQ(status.message, "tuple index out of range");
}

// 5.1 item 14: kept elements equal the input; skip iff block_size >
// shape[dim] / 2; exact sparsity when the blocks tile the axis and the
// target is reachable.
TEST(PruneBlock, Stress) {
  std::vector<std::vector<int64_t>> shapes = {
      {10, 25}, {10, 5, 8}, {40, 100, 6, 7}, {20, 60, 4, 5, 6}};
  std::mt19937 rng(2);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (const auto &shape : shapes) {
    std::vector<float> w(numElements(shape));
    for (float &v : w)
      v = uniform(rng);
    TensorRef weight{w.data(), ElemType::Float32, shape};
    for (int64_t dim : {0, 1})
      for (int64_t block : {2, 5, 10, 17})
        for (double target : {0.0, 0.1, 0.5, 0.75, 1.0}) {
          SparseParams out;
          ASSERT_TRUE(blockMagnitudePrune(weight, target, block, dim, out).ok);
          EXPECT_EQ(out.skipped, block > shape[dim] / 2.0);
          if (out.skipped)
            continue;
          expectConsistent(out, 4);
          std::vector<float> dense = densify(out, ElemType::Float32);
          for (size_t i = 0; i < w.size(); ++i) {
            if (out.mask[i]) {
              ASSERT_EQ(dense[i], w[i]);
            }
          }
          uint64_t size = w.size();
          double blocks = static_cast<double>(size / block) * target;
          if (shape[dim] % block == 0 && blocks == std::floor(blocks)) {
            EXPECT_EQ(size - out.numNonzero,
                      static_cast<uint64_t>(std::llround(size * target)))
                << "dim " << dim << " block " << block << " target " << target;
          }
        }
  }
}

/// Block norms as numpy computes them for an fp16 weight (rank 2, squares
/// and running sums rounded to fp16), then the 3.4.2 rule by sorting.
std::vector<uint8_t> referenceBlockMask(const std::vector<uint16_t> &w,
                                        int64_t rows, int64_t cols,
                                        int64_t block, int64_t dim,
                                        double target) {
  auto r = [](float x) { return halfToFloat(floatToHalf(x)); };
  int64_t channels = dim == 0 ? rows : cols;
  std::vector<float> map(w.size());
  for (int64_t other = 0; other < (dim == 0 ? cols : rows); ++other)
    for (int64_t first = 0; first < channels; first += block) {
      auto at = [&](int64_t c) {
        return dim == 0 ? c * cols + other : other * cols + c;
      };
      float sum = 0.0f;
      for (int64_t c = first; c < std::min(first + block, channels); ++c) {
        float x = halfToFloat(w[at(c)]);
        sum = r(sum + r(x * x));
      }
      float norm = r(std::sqrt(sum));
      for (int64_t c = first; c < std::min(first + block, channels); ++c)
        map[at(c)] = norm;
    }
  double cut = referenceThreshold(map, target * 100.0, true);
  std::vector<uint8_t> mask(w.size());
  for (size_t i = 0; i < w.size(); ++i)
    mask[i] = !(map[i] <= cut) && (w[i] & 0x7FFF) != 0;
  return mask;
}

TEST(PruneBlock, MatchesReference) {
  unsigned seed = 10;
  struct Case {
    int64_t rows, cols, block, dim;
  } cases[] = {{64, 48, 4, 0}, {64, 48, 4, 1},   {37, 50, 3, 0},
               {37, 50, 7, 1}, {300, 400, 2, 0}, {300, 401, 8, 1}};
  for (const Case &c : cases)
    for (double target : {0.2, 0.5, 0.8}) {
      std::mt19937 rng(seed++);
      std::normal_distribution<float> normal(0.0f, 0.02f);
      std::vector<float> w(c.rows * c.cols);
      for (float &v : w)
        v = normal(rng);
      std::vector<uint16_t> w16 = toHalves(w);
      std::vector<int64_t> shape = {c.rows, c.cols};
      TensorRef weight{w16.data(), ElemType::Float16, shape};
      SparseParams out;
      ASSERT_TRUE(blockMagnitudePrune(weight, target, c.block, c.dim, out).ok);
      ASSERT_FALSE(out.skipped);
      EXPECT_EQ(out.mask,
                referenceBlockMask(w16, c.rows, c.cols, c.block, c.dim, target))
          << c.rows << "x" << c.cols << " block " << c.block << " dim " << c.dim
          << " target " << target;
    }
}

//===----------------------------------------------------------------------===//
// n:m (3.4.4)
//===----------------------------------------------------------------------===//

TEST(PruneNM, SpecExamples) {
  struct Case {
    std::vector<int64_t> shape;
    int64_t n, m, dim;
    std::vector<float> input, expected;
  } cases[] = {
      {{4, 4},
       1,
       2,
       1,
       {1, 3, 4, -3, -6, -7, 2, 4, 0, 3, 4, 1, -9, 2, -1, 8},
       {0, 3, 4, 0, 0, -7, 0, 4, 0, 3, 4, 0, -9, 0, 0, 8}},
      {{4, 4},
       1,
       2,
       1,
       {3, 4, 7, 6, 1, 8, -3, -8, -2, -3, -4, 0, 5, 4, -3, -2},
       {0, 4, 7, 0, 0, 8, 0, -8, 0, -3, -4, 0, 5, 0, -3, 0}},
      {{4, 4},
       1,
       2,
       0,
       {3, 4, 7, 6, 1, 8, -3, -8, -2, -3, -4, 0, 5, 4, -3, -2},
       {3, 0, 7, 0, 0, 8, 0, -8, 0, 0, -4, 0, 5, 4, 0, -2}},
      {{7, 6},
       2,
       3,
       0,
       {1, 3,  4,  -3, 2,  4, -6, -7, 2, 4, 6,  8, 0, 4,
        4, 1,  -9, -4, -9, 2, -1, 8,  3, 9, -1, 5, 0, 8,
        9, -3, -3, 3,  6,  3, 6,  -1, 2, 1, -2, 8, 2, -6},
       {0, 0, 0, 0, 0, 0, -6, -7, 0, 4, 0, 8, 0, 0, 4, 0, -9, 0,  -9, 0, 0,
        0, 0, 9, 0, 5, 0, 8,  9,  0, 0, 0, 6, 0, 0, 0, 2, 1,  -2, 8,  2, -6}},
  };
  for (const Case &c : cases) {
    auto [f32, f16] = bothFloatTypes(
        c.input, c.shape, [&](const TensorRef &w, SparseParams &out) {
          return nmPrune(w, c.n, c.m, c.dim, out);
        });
    EXPECT_EQ(f32, c.expected);
    EXPECT_EQ(f16, c.expected);
  }
}

TEST(PruneNM, SkipAndErrors) {
  std::vector<float> w(24, 1.0f);
  std::vector<int64_t> shape = {4, 6};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(nmPrune(weight, 2, 3, 0, out).ok);
  EXPECT_TRUE(out.skipped);
  EXPECT_EQ(out.reason, "m > channel / 2 is not applicable for n:m pruning. "
                        "Got m = 3, channel = 4. Skipped.");
  ASSERT_TRUE(nmPrune(weight, 2, 3, 1, out).ok);
  EXPECT_FALSE(out.skipped);
  std::vector<int64_t> vector24 = {24};
  TensorRef rank1{w.data(), ElemType::Float32, vector24};
  EXPECT_EQ(nmPrune(rank1, 1, 2, 0, out).message,
            "m:m pruning only supports weights of rank [2, 3, 4, 5]");
  EXPECT_EQ(nmPrune(weight, 1, 2, 2, out).message,
            "n:m pruning only supports dim [0, 1].");
  EXPECT_FALSE(nmPrune(weight, 3, 2, 1, out).ok);
}

// 5.1 item 16: skip iff m > shape[dim] / 2, exact sparsity n/m when m
// divides the axis, kept elements unchanged.
TEST(PruneNM, Stress) {
  std::vector<std::pair<int64_t, int64_t>> ratios = {{1, 1}, {0, 2},  {1, 2},
                                                     {3, 5}, {5, 10}, {12, 17}};
  std::vector<std::vector<int64_t>> shapes = {
      {1, 2}, {3, 3}, {10, 5, 8}, {80, 50, 6, 7}, {40, 30, 4, 5, 6}};
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  for (const auto &shape : shapes) {
    std::vector<float> w(numElements(shape));
    for (float &v : w)
      v = uniform(rng);
    TensorRef weight{w.data(), ElemType::Float32, shape};
    for (int64_t dim : {0, 1})
      for (auto [n, m] : ratios) {
        SparseParams out;
        ASSERT_TRUE(nmPrune(weight, n, m, dim, out).ok);
        EXPECT_EQ(out.skipped, m > shape[dim] / 2.0);
        if (out.skipped)
          continue;
        expectConsistent(out, 4);
        std::vector<float> dense = densify(out, ElemType::Float32);
        for (size_t i = 0; i < w.size(); ++i) {
          if (out.mask[i]) {
            ASSERT_EQ(dense[i], w[i]);
          }
        }
        if (shape[dim] % m == 0) {
          EXPECT_EQ((w.size() - out.numNonzero) * m, w.size() * n);
        }
      }
  }
}

/// coremltools' n:m with a stable sort (numpy's insertion sort for m <= 17;
/// any sort for distinct magnitudes).
std::vector<uint8_t> referenceNMMask(const std::vector<float> &magnitudes,
                                     const std::vector<int64_t> &shape,
                                     int64_t n, int64_t m, int64_t dim) {
  int64_t outer = dim == 0 ? 1 : shape[0], channels = shape[dim], inner = 1;
  for (size_t a = dim + 1; a < shape.size(); ++a)
    inner *= shape[a];
  std::vector<uint8_t> mask(magnitudes.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i)
      for (int64_t first = 0; first < channels; first += m) {
        std::vector<std::pair<float, int64_t>> group;
        for (int64_t j = 0; j < m; ++j) {
          int64_t c = first + j;
          group.push_back(
              {c < channels ? magnitudes[(o * channels + c) * inner + i] : 0.0f,
               j});
        }
        std::stable_sort(
            group.begin(), group.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
        std::vector<bool> pruned(m, false);
        for (int64_t k = 0; k < n; ++k)
          pruned[group[k].second] = true;
        for (int64_t j = 0; j < m && first + j < channels; ++j) {
          float magnitude = magnitudes[(o * channels + first + j) * inner + i];
          mask[(o * channels + first + j) * inner + i] =
              !pruned[j] && magnitude != 0.0f;
        }
      }
  return mask;
}

// Ties (small integers as fp16) must be broken as numpy's stable small sort
// does: the earlier position is pruned first, real zeros before padding.
TEST(PruneNM, TiesMatchReference) {
  std::mt19937 rng(8);
  std::uniform_int_distribution<int> small(-3, 3);
  struct Case {
    std::vector<int64_t> shape;
    int64_t n, m, dim;
  } cases[] = {{{16, 30}, 2, 4, 1},   {{16, 30}, 2, 4, 0},
               {{9, 10, 3}, 1, 3, 1}, {{40, 7, 2, 2}, 3, 5, 0},
               {{5, 70}, 9, 17, 1},   {{35, 4}, 16, 17, 0},
               {{600, 64}, 2, 4, 1},  {{64, 600}, 1, 4, 0}};
  for (const Case &c : cases) {
    std::vector<float> w(numElements(c.shape));
    for (float &v : w)
      v = static_cast<float>(small(rng));
    std::vector<float> magnitudes(w.size());
    for (size_t i = 0; i < w.size(); ++i)
      magnitudes[i] = std::fabs(w[i]);
    std::vector<uint8_t> expected =
        referenceNMMask(magnitudes, c.shape, c.n, c.m, c.dim);
    std::vector<uint16_t> w16 = toHalves(w);
    TensorRef weight{w16.data(), ElemType::Float16, c.shape};
    SparseParams out;
    ASSERT_TRUE(nmPrune(weight, c.n, c.m, c.dim, out).ok);
    EXPECT_EQ(out.mask, expected) << c.n << ":" << c.m << " dim " << c.dim;
  }
}

// Groups longer than 17 go through numpy's quicksort; with distinct
// magnitudes any correct sort agrees.
TEST(PruneNM, LongGroups) {
  std::vector<int64_t> shape = {50, 120};
  std::vector<float> w(numElements(shape));
  std::iota(w.begin(), w.end(), 1.0f);
  std::shuffle(w.begin(), w.end(), std::mt19937(9));
  for (int64_t dim : {0, 1}) {
    std::vector<uint8_t> expected = referenceNMMask(w, shape, 7, 20, dim);
    TensorRef weight{w.data(), ElemType::Float32, shape};
    SparseParams out;
    ASSERT_TRUE(nmPrune(weight, 7, 20, dim, out).ok);
    EXPECT_EQ(out.mask, expected);
  }
}

// val * (1 - mask): a pruned inf becomes NaN and stays in nonzero_data.
TEST(PruneNM, PrunedInfinityBecomesNaN) {
  std::vector<float> w = {INFINITY, 5.0f, 1.0f, 2.0f};
  std::vector<int64_t> shape = {1, 4};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(nmPrune(weight, 1, 2, 1, out).ok);
  // Groups {inf, 5} and {1, 2}: 5 and 1 are pruned; inf stays.
  EXPECT_EQ(out.mask, std::vector<uint8_t>({1, 0, 0, 1}));
  std::vector<float> withNaN = {1.0f, INFINITY, 2.0f, 3.0f};
  TensorRef nanWeight{withNaN.data(), ElemType::Float32, shape};
  ASSERT_TRUE(nmPrune(nanWeight, 2, 2, 1, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 1, 0, 0}));
  float value;
  std::memcpy(&value, out.nonzero.data(), 4);
  EXPECT_TRUE(std::isnan(value));
}

//===----------------------------------------------------------------------===//
// Encoding (3.4.5) and sparsify
//===----------------------------------------------------------------------===//

TEST(PruneSparsify, NegativeZeroAndNaN) {
  std::vector<float> w = {-0.0f, 1.0f, 0.0f, NAN, -2.5f};
  std::vector<int64_t> shape = {5};
  TensorRef weight{w.data(), ElemType::Float32, shape};
  SparseParams out;
  ASSERT_TRUE(sparsify(weight, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 1, 0, 1, 1}));
  EXPECT_EQ(out.numNonzero, 3u);
  std::vector<uint16_t> w16 = {0x8000, 0x3C00, 0x0000, 0x7E00};
  std::vector<int64_t> shape4 = {4};
  TensorRef weight16{w16.data(), ElemType::Float16, shape4};
  ASSERT_TRUE(sparsify(weight16, out).ok);
  EXPECT_EQ(out.mask, std::vector<uint8_t>({0, 1, 0, 1}));
  EXPECT_EQ(out.nonzero, std::vector<uint8_t>({0x00, 0x3C, 0x00, 0x7E}));
}

// sparsify then constexpr_sparse_to_dense reproduces the dense tensor, for
// every element type, across many chunks.
TEST(PruneSparsify, RoundTripThroughSparseToDense) {
  std::vector<int64_t> shape = {300, 700};
  size_t size = numElements(shape);
  std::mt19937 rng(6);
  std::uniform_int_distribution<int> values(-120, 120);
  std::bernoulli_distribution zero(0.6);
  std::vector<float> f32(size);
  std::vector<int8_t> i8(size);
  for (size_t i = 0; i < size; ++i) {
    int v = zero(rng) ? 0 : values(rng);
    f32[i] = v * 0.25f;
    i8[i] = static_cast<int8_t>(v);
  }
  std::vector<uint16_t> f16 = toHalves(f32);
  std::vector<uint8_t> u8(i8.begin(), i8.end());
  struct Case {
    const void *data;
    ElemType type;
    size_t bytes;
  } cases[] = {{f32.data(), ElemType::Float32, 4},
               {f16.data(), ElemType::Float16, 2},
               {i8.data(), ElemType::Int8, 1},
               {u8.data(), ElemType::UInt8, 1}};
  for (const Case &c : cases) {
    TensorRef weight{c.data, c.type, shape};
    SparseParams out;
    ASSERT_TRUE(sparsify(weight, out).ok);
    expectConsistent(out, c.bytes);
    std::vector<int64_t> vectorShape = {static_cast<int64_t>(out.numNonzero)};
    TensorRef nonzero{out.nonzero.data(), c.type, vectorShape};
    TensorRef mask{out.mask.data(), ElemType::UInt8, shape, 1};
    std::vector<uint8_t> dense(size * c.bytes);
    Status status =
        ios18::sparseToDense(nonzero, mask, dense.data(), dense.size());
    ASSERT_TRUE(status.ok) << status.message;
    EXPECT_EQ(std::memcmp(dense.data(), c.data, dense.size()), 0);
  }
}

} // namespace
