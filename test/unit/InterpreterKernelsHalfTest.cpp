//===- InterpreterKernelsHalfTest.cpp - bulk fp16 conversion --------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Half.h"
#include "mil/Interpreter/Kernels/Common.h"
#include "mil/Interpreter/Kernels/Half.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

using namespace mil::kernels;
namespace c = mil::compression;

// The bulk conversions (F16C on this machine) agree bit for bit with the
// scalar ones the rest of the project uses, on every fp16 value and on
// floats around each rounding boundary, in the threaded path too.
TEST(InterpreterKernelsHalf, WideningMatchesScalarOnEveryHalf) {
  std::vector<uint16_t> in(1 << 16);
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = static_cast<uint16_t>(i);
  std::vector<float> out(in.size());
  halfToFloat(in.data(), out.data(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    float want = c::halfToFloat(in[i]);
    if (std::isnan(want))
      EXPECT_TRUE(std::isnan(out[i])) << i;
    else
      EXPECT_EQ(c::floatToBits(out[i]), c::floatToBits(want)) << i;
  }
}

TEST(InterpreterKernelsHalf, RoundingMatchesScalar) {
  std::vector<float> in;
  // Each finite half, the midpoints to its neighbours and one ulp either
  // side of them: ties to even, subnormals, overflow to infinity.
  for (uint32_t h = 0; h < 0x7C00; ++h) {
    float v = c::halfToFloat(static_cast<uint16_t>(h));
    float next = h + 1 == 0x7C00 ? 65520.0f
                                 : c::halfToFloat(static_cast<uint16_t>(h + 1));
    float mid = v + (next - v) / 2;
    for (float x :
         {v, mid, std::nextafter(mid, 0.0f), std::nextafter(mid, INFINITY)}) {
      in.push_back(x);
      in.push_back(-x);
    }
  }
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0.0f, 100.0f);
  for (int i = 0; i < 100000; ++i)
    in.push_back(normal(rng));
  for (float x : {1e-30f, 7e4f, 1e10f, INFINITY, -INFINITY, NAN})
    in.push_back(x);
  std::vector<uint16_t> out(in.size());
  floatToHalf(in.data(), out.data(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    uint16_t want = c::floatToHalf(in[i]);
    if (std::isnan(in[i]))
      EXPECT_TRUE((out[i] & 0x7C00) == 0x7C00 && (out[i] & 0x3FF)) << i;
    else
      EXPECT_EQ(out[i], want) << "input " << in[i];
  }
}

TEST(InterpreterKernelsHalf, ThreadedAndTailElements) {
  setNumThreads(2);
  for (int64_t n : {0, 1, 7, 9, 200001}) {
    std::vector<float> in(n);
    for (int64_t i = 0; i < n; ++i)
      in[i] = static_cast<float>(i % 4099) * 0.37f - 700.0f;
    std::vector<uint16_t> half(n);
    std::vector<float> back(n);
    floatToHalf(in.data(), half.data(), n);
    halfToFloat(half.data(), back.data(), n);
    for (int64_t i = 0; i < n; ++i) {
      ASSERT_EQ(half[i], c::floatToHalf(in[i])) << i;
      ASSERT_EQ(back[i], c::halfToFloat(half[i])) << i;
    }
  }
  setNumThreads(0);
}
