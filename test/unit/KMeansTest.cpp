//===- KMeansTest.cpp - k-means clustering kernels ------------------------===//
//
// Part of mil-mlir.
//
// The 1-D solver is checked against exhaustive search (tiny inputs) and an
// O(k n^2) reference DP (inputs large enough to take the Lagrangian path);
// the vector solver for exactness on few distinct vectors, quality on
// separated data and independence from the thread count.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/KMeans.h"

#include "llvm/Support/Parallel.h"
#include "llvm/Support/Threading.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace mil::compression;

namespace {

/// Weighted squared error of the contiguous run [a, b).
double runCost(const std::vector<double> &v, const std::vector<double> &w,
               size_t a, size_t b) {
  double weight = 0, sum = 0;
  for (size_t i = a; i < b; ++i) {
    weight += w[i];
    sum += w[i] * v[i];
  }
  double mean = sum / weight, cost = 0;
  for (size_t i = a; i < b; ++i)
    cost += w[i] * (v[i] - mean) * (v[i] - mean);
  return cost;
}

/// Exhaustive: every way to cut n sorted values into k contiguous runs.
double exhaustive(const std::vector<double> &v, const std::vector<double> &w,
                  unsigned k) {
  size_t n = v.size();
  double best = std::numeric_limits<double>::infinity();
  std::vector<size_t> cuts(k + 1);
  // Enumerate k-1 cut positions in [1, n-1] by recursion.
  auto recurse = [&](auto &self, unsigned j, size_t from) -> void {
    if (j == k) {
      cuts[k] = n;
      double total = 0;
      for (unsigned t = 0; t < k; ++t)
        total += runCost(v, w, cuts[t], cuts[t + 1]);
      best = std::min(best, total);
      return;
    }
    for (size_t c = from; c + (k - j) <= n; ++c) {
      cuts[j] = c;
      self(self, j + 1, c + 1);
    }
  };
  cuts[0] = 0;
  recurse(recurse, 1, 1);
  return best;
}

/// O(k n^2) layered DP, no speed-ups.
double referenceDP(const std::vector<double> &v, const std::vector<double> &w,
                   unsigned k) {
  size_t n = v.size();
  std::vector<std::vector<double>> cost(n + 1, std::vector<double>(n + 1));
  for (size_t a = 0; a < n; ++a) {
    double weight = 0, sum = 0, squares = 0;
    for (size_t b = a + 1; b <= n; ++b) {
      weight += w[b - 1];
      sum += w[b - 1] * v[b - 1];
      squares += w[b - 1] * v[b - 1] * v[b - 1];
      cost[a][b] = std::max(0.0, squares - sum * sum / weight);
    }
  }
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> prev(n + 1, inf), cur(n + 1, inf);
  for (size_t i = 1; i <= n; ++i)
    prev[i] = cost[0][i];
  for (unsigned j = 2; j <= k; ++j) {
    std::fill(cur.begin(), cur.end(), inf);
    for (size_t i = j; i <= n; ++i)
      for (size_t m = j - 1; m < i; ++m)
        cur[i] = std::min(cur[i], prev[m] + cost[m][i]);
    std::swap(prev, cur);
  }
  return prev[n];
}

/// Sorted distinct values from `draw`, with random positive weights.
template <typename Draw>
void makeInput(size_t n, std::mt19937_64 &rng, Draw draw,
               std::vector<double> &v, std::vector<double> &w) {
  v.clear();
  for (size_t i = 0; i < n; ++i)
    v.push_back(draw());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  w.resize(v.size());
  for (double &x : w)
    x = 1 + static_cast<double>(rng() % 5);
}

/// The structural promises of kmeans1DOptimal: ascending centroids, each the
/// weighted mean of a non-empty contiguous run, and the returned error.
void checkSolution(const std::vector<double> &v, const std::vector<double> &w,
                   unsigned k, double error,
                   const std::vector<double> &centroids,
                   const std::vector<uint32_t> &assignment) {
  ASSERT_EQ(centroids.size(), std::min<size_t>(k, v.size()));
  ASSERT_EQ(assignment.size(), v.size());
  for (size_t i = 1; i < centroids.size(); ++i)
    EXPECT_LT(centroids[i - 1], centroids[i]);
  double total = 0;
  size_t start = 0;
  for (size_t j = 0; j < centroids.size(); ++j) {
    size_t end = start;
    while (end < v.size() && assignment[end] == j)
      ++end;
    ASSERT_GT(end, start) << "cluster " << j << " empty or out of order";
    double weight = 0, sum = 0;
    for (size_t i = start; i < end; ++i) {
      weight += w[i];
      sum += w[i] * v[i];
    }
    EXPECT_NEAR(centroids[j], sum / weight, 1e-12 * (1 + std::fabs(sum)));
    total += runCost(v, w, start, end);
    start = end;
  }
  EXPECT_EQ(start, v.size());
  EXPECT_NEAR(error, total, 1e-9 * (1 + total));
}

TEST(KMeans1D, MatchesExhaustiveSearch) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> normal(0, 1);
  for (int trial = 0; trial < 300; ++trial) {
    size_t n = 1 + rng() % 11;
    std::vector<double> v, w;
    makeInput(
        n, rng, [&] { return std::round(normal(rng) * 8) / 8; }, v, w);
    unsigned k = 1 + static_cast<unsigned>(rng() % v.size());
    std::vector<double> centroids;
    std::vector<uint32_t> assignment;
    double error = kmeans1DOptimal(v, w, k, centroids, assignment);
    EXPECT_NEAR(error, exhaustive(v, w, k), 1e-9) << "trial " << trial;
    checkSolution(v, w, k, error, centroids, assignment);
  }
}

TEST(KMeans1D, MatchesReferenceDPOnLargerInputs) {
  // Sizes where the Lagrangian shortcut (not the layered DP) runs, on
  // smooth, flat, bimodal, heavy-tailed and coarsely rounded data.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0, 1);
  std::uniform_real_distribution<double> flat(-1, 1);
  const unsigned ks[] = {3, 4, 8, 16, 32, 64};
  for (int trial = 0; trial < 40; ++trial) {
    size_t n = 300 + rng() % 500;
    unsigned k = ks[trial % 6];
    int shape = trial % 5;
    auto draw = [&] {
      switch (shape) {
      case 0:
        return normal(rng);
      case 1:
        return flat(rng);
      case 2:
        return rng() % 2 ? 3 + 0.1 * normal(rng) : normal(rng);
      case 3:
        return std::pow(flat(rng), 5);
      default:
        return std::round(normal(rng) * 20) / 20;
      }
    };
    std::vector<double> v, w;
    makeInput(n, rng, draw, v, w);
    if (v.size() <= k)
      continue;
    std::vector<double> centroids;
    std::vector<uint32_t> assignment;
    double error = kmeans1DOptimal(v, w, k, centroids, assignment);
    double reference = referenceDP(v, w, k);
    EXPECT_NEAR(error, reference, 1e-9 * reference)
        << "trial " << trial << " n " << v.size() << " k " << k;
    checkSolution(v, w, k, error, centroids, assignment);
  }
}

TEST(KMeans1D, WeightsMoveTheOptimum) {
  std::vector<double> v = {0, 1, 10, 11};
  std::vector<double> centroids;
  std::vector<uint32_t> assignment;
  EXPECT_DOUBLE_EQ(kmeans1DOptimal(v, {1, 1, 1, 1}, 2, centroids, assignment),
                   1.0);
  EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 0, 1, 1}));
  // Weights 100, 1, 1, 1 with k = 3: {0} | {1} | {10, 11} costs 0.5, while
  // {0, 1} | {10} | {11} costs 100/101 and {0} | {1, 10} | {11} 40.5.
  EXPECT_DOUBLE_EQ(kmeans1DOptimal(v, {100, 1, 1, 1}, 3, centroids, assignment),
                   0.5);
  EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 1, 2, 2}));
  EXPECT_EQ(centroids, (std::vector<double>{0, 1, 10.5}));
  // A weight of 3 on 11 pulls the last centroid: (10 + 33) / 4.
  kmeans1DOptimal(v, {1, 1, 1, 3}, 2, centroids, assignment);
  EXPECT_DOUBLE_EQ(centroids[1], 43.0 / 4);
}

TEST(KMeans1D, DegenerateSizes) {
  std::vector<double> centroids;
  std::vector<uint32_t> assignment;
  EXPECT_EQ(kmeans1DOptimal({}, {}, 4, centroids, assignment), 0.0);
  EXPECT_TRUE(centroids.empty());
  // k >= n: every value is its own centroid (k is clamped to n).
  std::vector<double> v = {-2, 0.5, 3};
  EXPECT_EQ(kmeans1DOptimal(v, {1, 2, 3}, 8, centroids, assignment), 0.0);
  EXPECT_EQ(centroids, v);
  EXPECT_EQ(assignment, (std::vector<uint32_t>{0, 1, 2}));
  // k = 1: the weighted mean.
  double error = kmeans1DOptimal(v, {1, 2, 3}, 1, centroids, assignment);
  double mean = (-2 + 1.0 + 9) / 6;
  EXPECT_DOUBLE_EQ(centroids[0], mean);
  EXPECT_NEAR(error,
              (-2 - mean) * (-2 - mean) + 2 * (0.5 - mean) * (0.5 - mean) +
                  3 * (3 - mean) * (3 - mean),
              1e-12);
}

TEST(KMeans1D, ManyClustersOnManyValues) {
  // fp16-like sizes (the palettizer's 8-bit case): the Lagrangian path must
  // land on exactly 256 clusters and agree with the structure checks.
  std::mt19937_64 rng(3);
  std::normal_distribution<double> normal(0, 0.02);
  std::vector<double> v, w;
  makeInput(
      20000, rng, [&] { return normal(rng); }, v, w);
  std::vector<double> centroids;
  std::vector<uint32_t> assignment;
  double error = kmeans1DOptimal(v, w, 256, centroids, assignment);
  checkSolution(v, w, 256, error, centroids, assignment);
  // More clusters, less error.
  std::vector<double> c16;
  double error16 = kmeans1DOptimal(v, w, 16, c16, assignment);
  EXPECT_LT(error, error16);
}

TEST(KMeansVectors, FewDistinctVectorsAreExact) {
  // 3 distinct rows among 7, k = 4: lexicographic centroids, a zero pad.
  std::vector<float> data = {1, 2, 0, 5, 1, 2, -1, 0, 0, 5, -1, 0, 1, 2};
  std::vector<float> centroids;
  std::vector<uint32_t> labels;
  kmeansVectors(data, 2, 4, 0, centroids, labels);
  EXPECT_EQ(centroids, (std::vector<float>{-1, 0, 0, 5, 1, 2, 0, 0}));
  EXPECT_EQ(labels, (std::vector<uint32_t>{2, 1, 2, 0, 1, 0, 2}));
  EXPECT_EQ(kmeansVectorsError(data, 2, centroids, labels), 0.0);
}

TEST(KMeansVectors, FindsSeparatedClusters) {
  // Eight tight blobs far apart: the optimum puts one centroid per blob.
  std::mt19937_64 rng(5);
  std::normal_distribution<float> noise(0, 0.01f);
  std::vector<float> data;
  for (int i = 0; i < 4000; ++i) {
    int blob = i % 8;
    data.push_back(static_cast<float>(blob % 4) * 10 + noise(rng));
    data.push_back(static_cast<float>(blob / 4) * 10 + noise(rng));
    data.push_back(noise(rng));
  }
  std::vector<float> centroids;
  std::vector<uint32_t> labels;
  kmeansVectors(data, 3, 8, 0, centroids, labels);
  double mse = kmeansVectorsError(data, 3, centroids, labels) / 4000;
  EXPECT_LT(mse, 3 * 3 * 0.01 * 0.01);
  // Points of one blob share a label.
  for (int i = 8; i < 4000; ++i)
    EXPECT_EQ(labels[i], labels[i % 8]);
}

TEST(KMeansVectors, IndependentOfThreadCount) {
  // More than the 2^16 sample, so sampling and the full refinement run.
  std::mt19937_64 rng(9);
  std::normal_distribution<float> normal(0, 1);
  std::vector<float> data(2 * 70000);
  for (float &x : data)
    x = normal(rng);
  std::vector<float> parallelCentroids, serialCentroids;
  std::vector<uint32_t> parallelLabels, serialLabels;
  kmeansVectors(data, 2, 16, 42, parallelCentroids, parallelLabels);
  llvm::ThreadPoolStrategy saved = llvm::parallel::strategy;
  llvm::parallel::strategy = llvm::hardware_concurrency(1);
  kmeansVectors(data, 2, 16, 42, serialCentroids, serialLabels);
  llvm::parallel::strategy = saved;
  EXPECT_EQ(parallelCentroids, serialCentroids);
  EXPECT_EQ(parallelLabels, serialLabels);
  // Every label is the nearest centroid.
  size_t notNearest = 0;
  for (size_t r = 0; r < serialLabels.size(); ++r) {
    float best = std::numeric_limits<float>::infinity();
    uint32_t arg = 0;
    for (uint32_t j = 0; j < 16; ++j) {
      float dx = data[2 * r] - serialCentroids[2 * j];
      float dy = data[2 * r + 1] - serialCentroids[2 * j + 1];
      if (dx * dx + dy * dy < best) {
        best = dx * dx + dy * dy;
        arg = j;
      }
    }
    notNearest += arg != serialLabels[r];
  }
  EXPECT_EQ(notNearest, 0u);
}

TEST(KMeansVectors, SeedChangesNothingForTrivialData) {
  std::vector<float> data = {3, 3, 3, 3, 3, 3};
  std::vector<float> a, b;
  std::vector<uint32_t> la, lb;
  kmeansVectors(data, 3, 2, 1, a, la);
  kmeansVectors(data, 3, 2, 2, b, lb);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, (std::vector<float>{3, 3, 3, 0, 0, 0}));
  EXPECT_EQ(la, (std::vector<uint32_t>{0, 0}));
}

} // namespace
