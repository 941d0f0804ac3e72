//===- InterpreterKernelsCommonTest.cpp - shapes, threads, transpose ------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Kernels/Common.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>

using namespace mil::kernels;

TEST(InterpreterKernelsCommon, NumElementsAndStrides) {
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({2, 3, 4}), 24);
  EXPECT_EQ(numElements({2, 0, 4}), 0);
  EXPECT_EQ(stridesOf({2, 3, 4}), (Shape{12, 4, 1}));
  AxisSplit s = splitAtAxis({2, 3, 4, 5}, 2);
  EXPECT_EQ(s.outer, 6);
  EXPECT_EQ(s.axis, 4);
  EXPECT_EQ(s.inner, 5);
}

TEST(InterpreterKernelsCommon, ParallelForCoversEachIndexOnce) {
  for (int threads : {1, 2, 3}) {
    setNumThreads(threads);
    EXPECT_EQ(getNumThreads(), threads);
    std::vector<std::atomic<int>> hits(1000);
    parallelFor(1000, 7, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i)
        hits[i]++;
    });
    for (auto &h : hits)
      EXPECT_EQ(h.load(), 1);
  }
  setNumThreads(0);
}

// Back-to-back small jobs: a worker that wakes late finds the job it was
// woken for finished and must neither run a chunk twice nor touch the
// finished job's function.
TEST(InterpreterKernelsCommon, ParallelForBackToBack) {
  setNumThreads(3);
  for (int round = 0; round < 2000; ++round) {
    std::vector<int> hits(5, 0);
    std::atomic<int> calls{0};
    parallelFor(5, 1, [&](int64_t b, int64_t e) {
      ++calls;
      for (int64_t i = b; i < e; ++i)
        hits[i]++;
    });
    ASSERT_LE(calls.load(), 3);
    for (int h : hits)
      ASSERT_EQ(h, 1);
  }
  setNumThreads(0);
}

TEST(InterpreterKernelsCommon, TransposeMatchesIndexFormula) {
  Shape shape{2, 3, 4};
  std::vector<float> x(24);
  std::iota(x.begin(), x.end(), 0.0f);
  std::vector<int64_t> perm{2, 0, 1};
  std::vector<float> out(24);
  transpose(x.data(), shape, perm, out.data());
  // out[k, i, j] = x[i, j, k]
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        EXPECT_EQ(out[(k * 2 + i) * 3 + j], x[(i * 3 + j) * 4 + k]);
}
