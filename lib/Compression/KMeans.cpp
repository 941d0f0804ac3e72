//===- KMeans.cpp - k-means clustering for palettization ------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/KMeans.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

using llvm::ArrayRef;

namespace mil::compression {

namespace {

//===----------------------------------------------------------------------===//
// 1-D: exact dynamic program
//===----------------------------------------------------------------------===//

/// Per-thread scratch sized for more values than this is freed after use.
constexpr size_t kKeptScratch = size_t(1) << 18;

/// Prefix sums of weights, weighted values and weighted squares of values
/// centred on their weighted mean (centring keeps S2 - S1^2 / W from
/// cancelling catastrophically).
struct PrefixSums {
  std::vector<double> w, s1, s2, x;
  double mean = 0;

  void build(ArrayRef<double> values, ArrayRef<double> weights) {
    size_t n = values.size();
    double total = 0, sum = 0;
    for (size_t i = 0; i < n; ++i) {
      total += weights[i];
      sum += weights[i] * values[i];
    }
    mean = total > 0 ? sum / total : 0;
    w.resize(n + 1);
    s1.resize(n + 1);
    s2.resize(n + 1);
    x.resize(n);
    w[0] = s1[0] = s2[0] = 0;
    for (size_t i = 0; i < n; ++i) {
      x[i] = values[i] - mean;
      w[i + 1] = w[i] + weights[i];
      s1[i + 1] = s1[i] + weights[i] * x[i];
      s2[i + 1] = s2[i] + weights[i] * x[i] * x[i];
    }
  }

  /// Frees the arrays after an unusually large input (they are reused
  /// per thread otherwise).
  void release(size_t n) {
    if (n > kKeptScratch)
      *this = PrefixSums();
  }

  /// Weighted squared error of the values [m, i) around their mean.
  double cost(size_t m, size_t i) const {
    double weight = w[i] - w[m];
    if (weight <= 0)
      return 0;
    double s = s1[i] - s1[m];
    double c = (s2[i] - s2[m]) - s * s / weight;
    return c > 0 ? c : 0;
  }
};

/// SMAWK row minima of a totally monotone matrix: for each row of the
/// arithmetic progression rowBegin + t * rowStep (t < rowCount), the leftmost
/// column of `cols` minimising f(row, col). `argmin` and `minimum` are indexed
/// by row; `stack` has room for 2 * rowCount columns (each level keeps at most
/// as many columns as it has rows, and the row count halves per level).
template <typename Fn>
void smawk(size_t rowBegin, size_t rowStep, size_t rowCount,
           const uint32_t *cols, size_t colCount, const Fn &f, uint32_t *argmin,
           double *minimum, uint32_t *stack) {
  if (rowCount == 0)
    return;
  // REDUCE: drop columns that cannot hold a row minimum.
  uint32_t *kept = stack;
  size_t keptCount = 0;
  for (size_t c = 0; c < colCount; ++c) {
    uint32_t col = cols[c];
    while (keptCount > 0) {
      size_t row = rowBegin + rowStep * (keptCount - 1);
      if (f(row, kept[keptCount - 1]) <= f(row, col))
        break;
      --keptCount;
    }
    if (keptCount < rowCount)
      kept[keptCount++] = col;
  }
  // Odd rows recursively, then each even row between its neighbours' minima.
  smawk(rowBegin + rowStep, rowStep * 2, rowCount / 2, kept, keptCount, f,
        argmin, minimum, stack + keptCount);
  size_t k = 0;
  for (size_t t = 0; t < rowCount; t += 2) {
    size_t row = rowBegin + rowStep * t;
    uint32_t last =
        t + 1 < rowCount ? argmin[row + rowStep] : kept[keptCount - 1];
    uint32_t best = kept[k];
    double bestValue = f(row, best);
    while (kept[k] != last) {
      ++k;
      double value = f(row, kept[k]);
      if (value < bestValue) {
        bestValue = value;
        best = kept[k];
      }
    }
    argmin[row] = best;
    minimum[row] = bestValue;
  }
}

/// Forces 0 = b[0] < b[1] < ... < b[k] = n (k <= n).
void makeStrict(std::vector<size_t> &bounds, size_t n) {
  size_t k = bounds.size() - 1;
  bounds[0] = 0;
  for (size_t j = 1; j <= k; ++j)
    bounds[j] = std::max(bounds[j], bounds[j - 1] + 1);
  bounds[k] = n;
  for (size_t j = k; j-- > 1;)
    bounds[j] = std::min(bounds[j], bounds[j + 1] - 1);
}

/// Cluster boundaries (b[0] = 0 < b[1] < ... < b[k] = n) of an optimal
/// partition of the n sorted values into k contiguous runs, 2 <= k < n.
void optimalBoundaries(const PrefixSums &ps, size_t n, unsigned k,
                       std::vector<size_t> &bounds) {
  // D_j(i): least error of the first i values in j clusters. Empty clusters
  // are allowed so that every entry is finite: a column m >= i stands for
  // "the last cluster is empty" (value D_{j-1}(i)), which keeps the matrix
  // D_{j-1}(m) + cost(m, i) totally monotone (kmeans1d's formulation).
  std::vector<double> prev(n + 1), cur(n + 1);
  for (size_t i = 0; i <= n; ++i)
    prev[i] = ps.cost(0, i);
  std::vector<uint32_t> back(static_cast<size_t>(k - 2) * (n + 1));
  std::vector<uint32_t> cols(n), stack(2 * n + 2);
  std::iota(cols.begin(), cols.end(), 0u);
  for (unsigned j = 2; j < k; ++j) {
    const double *d = prev.data();
    auto f = [&](size_t i, size_t m) {
      size_t start = m < i ? m : i;
      return d[start] + ps.cost(start, i);
    };
    uint32_t *argmin = back.data() + static_cast<size_t>(j - 2) * (n + 1);
    smawk(1, 1, n, cols.data(), n, f, argmin, cur.data(), stack.data());
    cur[0] = 0;
    argmin[0] = 0;
    std::swap(prev, cur);
  }
  // The last layer only needs the full prefix.
  size_t bestStart = 0;
  double best = std::numeric_limits<double>::infinity();
  for (size_t m = 0; m < n; ++m) {
    double value = prev[m] + ps.cost(m, n);
    if (value < best) {
      best = value;
      bestStart = m;
    }
  }
  bounds.assign(k + 1, 0);
  bounds[k] = n;
  bounds[k - 1] = bestStart;
  for (unsigned j = k - 1; j >= 2; --j) {
    size_t i = bounds[j];
    size_t m = back[static_cast<size_t>(j - 2) * (n + 1) + i];
    bounds[j - 1] = std::min(m, i);
  }
  // Rounding can make an empty cluster tie with a split; splitting a run of
  // distinct values never costs more, so force strictly increasing bounds.
  makeStrict(bounds, n);
}

//===----------------------------------------------------------------------===//
// 1-D: Lagrangian shortcut
//===----------------------------------------------------------------------===//
//
// The layered DP costs ~10 cost evaluations per value and layer. Because the
// cost is Monge, the optimal error OPT(k) is convex in k, so a partition with
// exactly k clusters that minimises "error + lambda * clusters" over ALL
// partitions is an optimal k-partition (Aggarwal-Schieber-Tokuyama; the
// O(n log U) method of Gronlund et al. for 1-D k-means). That penalised
// problem is one pass over the values. Lambda is tuned on a coarse grid of
// boundaries first; a few Lloyd iterations estimate OPT(k) for the first
// guess and give a candidate that a pass can also prove optimal (ties).
// Only when no lambda pins down k clusters does the layered DP run.

double partitionCost(const PrefixSums &ps, const std::vector<size_t> &bounds) {
  double total = 0;
  for (size_t j = 0; j + 1 < bounds.size(); ++j)
    total += ps.cost(bounds[j], bounds[j + 1]);
  return total;
}

/// A few Lloyd iterations from weight quantiles, on sorted values (O(k log n)
/// each): a near-optimal partition whose error estimates OPT(k).
void lloydBoundaries(const PrefixSums &ps, size_t n, unsigned k,
                     std::vector<size_t> &bounds) {
  bounds.assign(k + 1, 0);
  double total = ps.w[n];
  for (unsigned j = 1; j < k; ++j) {
    double target = total * j / k;
    bounds[j] =
        std::lower_bound(ps.w.begin(), ps.w.end(), target) - ps.w.begin();
  }
  bounds[k] = n;
  makeStrict(bounds, n);
  std::vector<double> centre(k);
  std::vector<size_t> next(k + 1);
  for (unsigned iteration = 0; iteration < 6; ++iteration) {
    for (unsigned j = 0; j < k; ++j)
      centre[j] = (ps.s1[bounds[j + 1]] - ps.s1[bounds[j]]) /
                  (ps.w[bounds[j + 1]] - ps.w[bounds[j]]);
    next[0] = 0;
    next[k] = n;
    for (unsigned j = 1; j < k; ++j) {
      double mid = 0.5 * (centre[j - 1] + centre[j]);
      next[j] = std::upper_bound(ps.x.begin(), ps.x.end(), mid) - ps.x.begin();
    }
    makeStrict(next, n);
    if (next == bounds)
      break;
    bounds.swap(next);
  }
}

/// Workspace of the penalised pass.
struct PenalisedPass {
  std::vector<double> best;
  std::vector<uint32_t> from, count, cand, start;

  /// min over partitions of the values into any number of runs of
  /// error + lambda * runs; returns it and writes the partition's bounds.
  /// Candidates are kept in a queue with the row from which each is best
  /// (the Monge property makes that a suffix), found by galloping from the
  /// previous crossover and bisecting.
  double run(const PrefixSums &ps, size_t n, double lambda,
             std::vector<size_t> &bounds) {
    best.resize(n + 1);
    from.resize(n + 1);
    count.resize(n + 1);
    cand.resize(n + 1);
    start.resize(n + 1);
    best[0] = 0;
    count[0] = 0;
    // m < i always here, so the run is never empty: no checks needed.
    const double *w = ps.w.data(), *s1 = ps.s1.data(), *s2 = ps.s2.data();
    double *e = best.data();
    auto value = [&](size_t m, size_t i) {
      double s = s1[i] - s1[m];
      double c = (s2[i] - s2[m]) - s * s / (w[i] - w[m]);
      return e[m] + std::max(c, 0.0);
    };
    // Whether candidate i (> q) is at least as good as q at `row`, without
    // divisions: the s2[row] terms cancel, and multiplying by both (positive)
    // run weights clears the denominators. `a` is offset(i, q).
    auto offset = [&](size_t i, size_t q) {
      return (e[i] - s2[i]) - (e[q] - s2[q]);
    };
    auto laterWins = [&](size_t i, double a, size_t q, size_t row) {
      double wi = w[row] - w[i], wq = w[row] - w[q];
      double xi = s1[row] - s1[i], xq = s1[row] - s1[q];
      return a * wi * wq <= xi * xi * wq - xq * xq * wi;
    };
    size_t head = 0, tail = 1, hint = 1;
    cand[0] = 0;
    start[0] = 1;
    for (size_t i = 1; i <= n; ++i) {
      while (tail - head > 1 && start[head + 1] <= i)
        ++head;
      size_t m = cand[head];
      best[i] = value(m, i) + lambda;
      from[i] = static_cast<uint32_t>(m);
      count[i] = count[m] + 1;
      if (i == n)
        break;
      // Candidate i, usable from row i + 1.
      size_t first = i + 1;
      while (tail > head) {
        size_t q = cand[tail - 1];
        size_t row = std::max<size_t>(start[tail - 1], first);
        if (laterWins(i, offset(i, q), q, row))
          --tail;
        else
          break;
      }
      if (tail == head) {
        cand[tail] = static_cast<uint32_t>(i);
        start[tail++] = static_cast<uint32_t>(first);
        continue;
      }
      // The crossover row is near the previous one: gallop from there, then
      // bisect.
      size_t q = cand[tail - 1];
      size_t lo = std::max<size_t>(start[tail - 1], first) + 1, hi = n + 1;
      double a = offset(i, q);
      auto beats = [&](size_t row) { return laterWins(i, a, q, row); };
      size_t guess = std::clamp<size_t>(hint, lo, n);
      if (beats(guess)) {
        hi = guess;
        for (size_t step = 1; hi > lo; step *= 2) {
          size_t probe = hi - std::min(step, hi - lo);
          if (!beats(probe)) {
            lo = probe + 1;
            break;
          }
          hi = probe;
        }
      } else {
        lo = guess + 1;
        for (size_t step = 1; lo < hi; step *= 2) {
          size_t probe = std::min(lo + step - 1, n);
          if (beats(probe)) {
            hi = probe;
            break;
          }
          if (probe == n) {
            lo = n + 1;
            break;
          }
          lo = probe + 1;
        }
      }
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (beats(mid))
          hi = mid;
        else
          lo = mid + 1;
      }
      hint = lo;
      if (lo <= n) {
        cand[tail] = static_cast<uint32_t>(i);
        start[tail++] = static_cast<uint32_t>(lo);
      }
    }
    bounds.assign(count[n] + 1, 0);
    size_t i = n;
    for (size_t j = count[n]; j > 0; --j) {
      bounds[j] = i;
      i = from[i];
    }
    bounds[0] = 0;
    return best[n];
  }
};

/// Varies lambda (at most `attempts` passes) until the penalised optimum of
/// `ps` has k runs; `found` then holds it. The run count falls as lambda
/// grows (roughly as lambda^(-1/3), since OPT(j) ~ c / j^2): the search keeps
/// a bracket and interpolates log lambda against log runs, bisecting when one
/// side stalls. With `candidate`, a pass that cannot beat the candidate's
/// error + lambda * k (up to rounding) proves the candidate optimal, which
/// also settles ties in OPT's convexity.
bool searchLambda(PenalisedPass &pass, const PrefixSums &ps, size_t n,
                  unsigned k, double &lambda, unsigned attempts,
                  const std::vector<size_t> *candidate, double candidateCost,
                  std::vector<size_t> &found) {
  double low = 0, high = std::numeric_limits<double>::infinity();
  double lowRuns = 0, highRuns = 0;
  int lastSide = 0, repeats = 0;
  double target = std::log(static_cast<double>(k));
  for (unsigned attempt = 0; attempt < attempts; ++attempt) {
    double optimum = pass.run(ps, n, lambda, found);
    size_t runs = found.size() - 1;
    if (runs == k)
      return true;
    if (candidate) {
      double reference = candidateCost + lambda * k;
      if (optimum >= reference - 1e-12 * reference) {
        found = *candidate;
        return true;
      }
    }
    int side = runs > k ? -1 : 1; // -1: lambda too small
    repeats = side == lastSide ? repeats + 1 : 0;
    lastSide = side;
    if (side < 0) {
      low = lambda;
      lowRuns = std::log(static_cast<double>(runs));
    } else {
      high = lambda;
      highRuns = std::log(static_cast<double>(std::max<size_t>(runs, 1)));
    }
    if (std::isinf(high) || low == 0) {
      // Unbracketed: step by the expected power law, overshooting a little.
      double ratio = static_cast<double>(runs) / k;
      double factor = std::pow(ratio, 4.0);
      lambda *= side < 0 ? std::max(factor, 1.5) : std::min(factor, 1 / 1.5);
      continue;
    }
    double logLow = std::log(low), logHigh = std::log(high);
    double t = repeats >= 1 ? 0.5 : (target - lowRuns) / (highRuns - lowRuns);
    t = std::clamp(t, 0.05, 0.95);
    lambda = std::exp(logLow + t * (logHigh - logLow));
  }
  return false;
}

/// An optimal k-partition through the penalised problem, or false when a
/// few lambdas do not pin down k clusters (the caller then runs the DP).
/// Lambda is first tuned on a coarse version of the problem (boundaries on
/// a grid of about max(1024, 32 k) points, sampled prefix sums), so the full
/// pass usually runs once.
bool lagrangianBoundaries(const PrefixSums &ps, size_t n, unsigned k,
                          std::vector<size_t> &bounds) {
  std::vector<size_t> candidate;
  lloydBoundaries(ps, n, k, candidate);
  double candidateCost = partitionCost(ps, candidate);
  // OPT(j) ~ c / j^2 puts the k-run lambda near OPT(k-1) - OPT(k) ~
  // 2 OPT(k) / k.
  double lambda = 2 * candidateCost / k;
  if (!(lambda > 0))
    return false;

  // Reused across calls: allocation would rival the pass itself.
  thread_local PenalisedPass pass;
  size_t grid = std::max<size_t>(1024, 32 * static_cast<size_t>(k));
  if (n > 2 * grid) {
    PrefixSums coarse;
    coarse.w.resize(grid + 1);
    coarse.s1.resize(grid + 1);
    coarse.s2.resize(grid + 1);
    for (size_t t = 0; t <= grid; ++t) {
      size_t at = t * n / grid;
      coarse.w[t] = ps.w[at];
      coarse.s1[t] = ps.s1[at];
      coarse.s2[t] = ps.s2[at];
    }
    searchLambda(pass, coarse, grid, k, lambda, 30, nullptr, 0, bounds);
  }
  bool found = searchLambda(pass, ps, n, k, lambda, 16, &candidate,
                            candidateCost, bounds);
  if (n > kKeptScratch)
    pass = PenalisedPass();
  return found;
}

//===----------------------------------------------------------------------===//
// Vectors: k-means++ and Lloyd
//===----------------------------------------------------------------------===//

/// splitmix64: a small, fully specified generator, so results do not depend
/// on the standard library's distributions.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

/// Work is split into fixed-size chunks (independent of the thread count) and
/// partial results are combined in chunk order, so every result is the same
/// whatever the parallelism.
constexpr size_t kChunk = 8192;

size_t numChunks(size_t n) { return (n + kChunk - 1) / kChunk; }

/// Bits of a float with -0 folded into +0, so equal values hash equally.
uint32_t canonicalBits(float v) {
  if (v == 0)
    return 0;
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return bits;
}

/// Finds the distinct vectors if there are at most `limit` of them. Returns
/// false (early) otherwise. `reps` receives one representative row index per
/// distinct vector (first occurrence), `ids` each row's distinct id.
bool distinctVectors(ArrayRef<float> data, size_t dim, size_t n, size_t limit,
                     std::vector<uint32_t> &reps, std::vector<uint32_t> &ids) {
  size_t capacity = 16;
  while (capacity < 4 * (limit + 1))
    capacity *= 2;
  std::vector<uint32_t> table(capacity, UINT32_MAX);
  reps.clear();
  ids.assign(n, 0);
  for (size_t r = 0; r < n; ++r) {
    const float *row = data.data() + r * dim;
    uint64_t h = 0x12345678ull;
    for (size_t d = 0; d < dim; ++d)
      h = (h ^ canonicalBits(row[d])) * 0x100000001B3ull;
    h ^= h >> 29;
    size_t slot = h & (capacity - 1);
    while (true) {
      uint32_t id = table[slot];
      if (id == UINT32_MAX) {
        if (reps.size() == limit)
          return false;
        table[slot] = static_cast<uint32_t>(reps.size());
        ids[r] = static_cast<uint32_t>(reps.size());
        reps.push_back(static_cast<uint32_t>(r));
        break;
      }
      const float *other = data.data() + static_cast<size_t>(reps[id]) * dim;
      bool equal = true;
      for (size_t d = 0; d < dim && equal; ++d)
        equal = row[d] == other[d];
      if (equal) {
        ids[r] = id;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  return true;
}

double squaredDistance(const float *a, const double *c, size_t dim) {
  double s = 0;
  for (size_t d = 0; d < dim; ++d) {
    double diff = a[d] - c[d];
    s += diff * diff;
  }
  return s;
}

/// k-means++ seeding: each next centre drawn with probability ~ D^2.
void seedPlusPlus(const float *data, size_t dim, size_t n, unsigned k,
                  uint64_t seed, std::vector<double> &centers) {
  SplitMix rng{seed};
  centers.assign(static_cast<size_t>(k) * dim, 0);
  std::vector<double> dist(n);
  size_t chunks = numChunks(n);
  std::vector<double> partial(chunks);
  size_t pick = std::min<size_t>(n - 1, static_cast<size_t>(rng.uniform() * n));
  for (unsigned j = 0; j < k; ++j) {
    double *center = &centers[static_cast<size_t>(j) * dim];
    for (size_t d = 0; d < dim; ++d)
      center[d] = data[pick * dim + d];
    if (j + 1 == k)
      break;
    llvm::parallelFor(0, chunks, [&](size_t c) {
      double sum = 0;
      for (size_t r = c * kChunk, e = std::min(n, r + kChunk); r < e; ++r) {
        double dr = squaredDistance(&data[r * dim], center, dim);
        if (j == 0 || dr < dist[r])
          dist[r] = dr;
        sum += dist[r];
      }
      partial[c] = sum;
    });
    double total = 0;
    for (double p : partial)
      total += p;
    if (!(total > 0))
      continue; // every point is a centre already; repeat the last one
    double target = rng.uniform() * total;
    size_t c = 0;
    while (c + 1 < chunks && target >= partial[c]) {
      target -= partial[c];
      ++c;
    }
    size_t end = std::min(n, c * kChunk + kChunk);
    pick = c * kChunk;
    size_t lastPositive = pick;
    for (size_t r = pick; r < end; ++r) {
      if (dist[r] > 0)
        lastPositive = r;
      if (target < dist[r]) {
        pick = r;
        break;
      }
      target -= dist[r];
      pick = r + 1;
    }
    if (pick >= end || !(dist[pick] > 0))
      pick = lastPositive;
  }
}

/// Lloyd iterations from `centers` until no label changes, the error stops
/// improving (relative 1e-7) or `maxIterations`. Ends on an assignment, so
/// every label is its point's nearest centre; returns that error.
double lloyd(const float *data, size_t dim, size_t n, unsigned k,
             unsigned maxIterations, std::vector<double> &centers,
             std::vector<uint32_t> &labels) {
  size_t chunks = numChunks(n);
  labels.assign(n, UINT32_MAX);
  std::vector<float> dist(n);
  std::vector<double> sums(chunks * k * dim), counts(chunks * k),
      partial(chunks);
  std::vector<size_t> changed(chunks);
  // Centres transposed ([dim][k], float) so the loop over centres
  // vectorises.
  std::vector<float> centerT(static_cast<size_t>(k) * dim);
  double previous = std::numeric_limits<double>::infinity();
  for (unsigned iteration = 0;; ++iteration) {
    for (unsigned j = 0; j < k; ++j)
      for (size_t d = 0; d < dim; ++d)
        centerT[d * k + j] = static_cast<float>(centers[j * dim + d]);
    llvm::parallelFor(0, chunks, [&](size_t c) {
      double *s = &sums[c * k * dim];
      double *cnt = &counts[c * k];
      std::fill(s, s + k * dim, 0.0);
      std::fill(cnt, cnt + k, 0.0);
      std::vector<float> d2(k);
      const float *ct = centerT.data();
      size_t changes = 0;
      double err = 0;
      for (size_t r = c * kChunk, e = std::min(n, r + kChunk); r < e; ++r) {
        const float *x = &data[r * dim];
        std::fill(d2.begin(), d2.end(), 0.0f);
        for (size_t d = 0; d < dim; ++d) {
          float xd = x[d];
          const float *row = ct + d * k;
          for (unsigned j = 0; j < k; ++j) {
            float diff = xd - row[j];
            d2[j] += diff * diff;
          }
        }
        uint32_t best = 0;
        for (unsigned j = 1; j < k; ++j)
          if (d2[j] < d2[best])
            best = j;
        changes += labels[r] != best;
        labels[r] = best;
        dist[r] = d2[best];
        err += d2[best];
        cnt[best] += 1;
        for (size_t d = 0; d < dim; ++d)
          s[best * dim + d] += x[d];
      }
      changed[c] = changes;
      partial[c] = err;
    });
    size_t totalChanged = 0;
    double error = 0;
    for (size_t c = 0; c < chunks; ++c) {
      totalChanged += changed[c];
      error += partial[c];
    }
    // Stopping right after an assignment keeps every label the nearest
    // centre (with no change, the centres are also the labels' means).
    if (totalChanged == 0 || iteration + 1 >= maxIterations ||
        previous - error <= 1e-7 * previous)
      return error;
    previous = error;
    // New means (combined in chunk order); an empty cluster takes the point
    // farthest from its centre.
    std::vector<double> mean(static_cast<size_t>(k) * dim, 0.0);
    std::vector<double> weight(k, 0.0);
    for (size_t c = 0; c < chunks; ++c)
      for (unsigned j = 0; j < k; ++j) {
        weight[j] += counts[c * k + j];
        for (size_t d = 0; d < dim; ++d)
          mean[j * dim + d] += sums[(c * k + j) * dim + d];
      }
    std::vector<uint8_t> taken;
    for (unsigned j = 0; j < k; ++j) {
      if (weight[j] > 0) {
        for (size_t d = 0; d < dim; ++d)
          centers[j * dim + d] = mean[j * dim + d] / weight[j];
        continue;
      }
      if (taken.empty())
        taken.assign(n, 0);
      size_t far = 0;
      float farDist = -1;
      for (size_t r = 0; r < n; ++r) {
        if (!taken[r] && dist[r] > farDist) {
          farDist = dist[r];
          far = r;
        }
      }
      taken[far] = 1;
      for (size_t d = 0; d < dim; ++d)
        centers[j * dim + d] = data[far * dim + d];
    }
  }
}

} // namespace

/// Below this many DP cells the layered DP is cheap enough on its own.
constexpr uint64_t kSmallDP = 1 << 12;

double kmeans1DOptimal(ArrayRef<double> values, ArrayRef<double> weights,
                       unsigned k, std::vector<double> &centroids,
                       std::vector<uint32_t> &assignment) {
  size_t n = values.size();
  centroids.clear();
  assignment.assign(n, 0);
  if (n == 0 || k == 0)
    return 0;
  if (k > n)
    k = static_cast<unsigned>(n);
  thread_local PrefixSums ps;
  ps.build(values, weights);

  std::vector<size_t> bounds;
  if (k == 1) {
    bounds = {0, n};
  } else if (k == n) {
    bounds.resize(n + 1);
    std::iota(bounds.begin(), bounds.end(), size_t(0));
  } else if (static_cast<uint64_t>(k - 2) * n <= kSmallDP ||
             !lagrangianBoundaries(ps, n, k, bounds)) {
    optimalBoundaries(ps, n, k, bounds);
  }
  ps.release(n);

  // Means and the error, summed directly rather than from the prefix sums.
  double total = 0;
  centroids.resize(k);
  for (unsigned j = 0; j < k; ++j) {
    double w = 0, s = 0;
    for (size_t i = bounds[j]; i < bounds[j + 1]; ++i) {
      w += weights[i];
      s += weights[i] * values[i];
      assignment[i] = j;
    }
    double c = w > 0 ? s / w : values[bounds[j]];
    // A mean is never outside its run; rounding could put it there.
    c = std::clamp(c, values[bounds[j]], values[bounds[j + 1] - 1]);
    centroids[j] = c;
    for (size_t i = bounds[j]; i < bounds[j + 1]; ++i)
      total += weights[i] * (values[i] - c) * (values[i] - c);
  }
  return total;
}

void kmeansVectors(ArrayRef<float> data, size_t dim, unsigned k, uint64_t seed,
                   std::vector<float> &centroids,
                   std::vector<uint32_t> &labels) {
  size_t n = dim ? data.size() / dim : 0;
  centroids.assign(static_cast<size_t>(k) * dim, 0.0f);
  labels.assign(n, 0);
  if (n == 0 || k == 0)
    return;

  // Few distinct vectors: they are the optimal centroids (zero error).
  std::vector<uint32_t> reps, ids;
  if (distinctVectors(data, dim, n, k, reps, ids)) {
    std::vector<uint32_t> order(reps.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const float *x = &data[static_cast<size_t>(reps[a]) * dim];
      const float *y = &data[static_cast<size_t>(reps[b]) * dim];
      return std::lexicographical_compare(x, x + dim, y, y + dim);
    });
    std::vector<uint32_t> rank(reps.size());
    for (size_t i = 0; i < order.size(); ++i) {
      rank[order[i]] = static_cast<uint32_t>(i);
      std::memcpy(&centroids[i * dim],
                  &data[static_cast<size_t>(reps[order[i]]) * dim],
                  dim * sizeof(float));
    }
    for (size_t r = 0; r < n; ++r)
      labels[r] = rank[ids[r]];
    return;
  }

  // Restarts run on an evenly strided sample of at most 2^16 vectors; the
  // best start is then refined on all of them.
  constexpr unsigned kRestarts = 3;
  constexpr size_t kSample = 1 << 16;
  std::vector<float> sample;
  const float *fit = data.data();
  size_t fitCount = n;
  if (n > kSample) {
    sample.resize(kSample * dim);
    for (size_t i = 0; i < kSample; ++i)
      std::memcpy(&sample[i * dim], &data[(i * n / kSample) * dim],
                  dim * sizeof(float));
    fit = sample.data();
    fitCount = kSample;
  }
  double bestError = std::numeric_limits<double>::infinity();
  std::vector<double> centers, bestCenters;
  std::vector<uint32_t> runLabels;
  SplitMix seeds{seed};
  for (unsigned restart = 0; restart < kRestarts; ++restart) {
    seedPlusPlus(fit, dim, fitCount, k, seeds.next(), centers);
    double error = lloyd(fit, dim, fitCount, k, 300, centers, runLabels);
    if (error < bestError) {
      bestError = error;
      bestCenters = centers;
      if (fit == data.data())
        labels.swap(runLabels);
    }
  }
  if (fit != data.data())
    lloyd(data.data(), dim, n, k, 50, bestCenters, labels);
  for (size_t i = 0; i < bestCenters.size(); ++i)
    centroids[i] = static_cast<float>(bestCenters[i]);
}

double kmeansVectorsError(ArrayRef<float> data, size_t dim,
                          ArrayRef<float> centroids,
                          ArrayRef<uint32_t> labels) {
  double total = 0;
  for (size_t r = 0; r < labels.size(); ++r) {
    for (size_t d = 0; d < dim; ++d) {
      double diff = static_cast<double>(data[r * dim + d]) -
                    centroids[static_cast<size_t>(labels[r]) * dim + d];
      total += diff * diff;
    }
  }
  return total;
}

} // namespace mil::compression
