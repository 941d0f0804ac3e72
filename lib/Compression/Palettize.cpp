//===- Palettize.cpp - weight palettization -------------------------------===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Structure: the weight is viewed as [outer, C, inner] around the channel
// axis; channel group g covers channels [g * groupSize, (g + 1) * groupSize),
// i.e. `outer` contiguous runs of groupSize * inner elements. Scalar modes on
// fp16 / int8 / uint8 work on a histogram of order-preserving keys (65536 or
// 256 of them): counting is O(N), the clustering sees only distinct values,
// and indices are written through a key -> index table. fp32 scalar modes
// and everything vector or custom work on gathered float copies.
//
// Groups run in parallel; a single large group is split into fixed-size
// chunks instead. Chunking never depends on the thread count and partial
// results are combined in chunk order, so results are reproducible.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Palettize.h"

#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/KMeans.h"

#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <type_traits>

using llvm::ArrayRef;

namespace mil::compression {

uint16_t doubleToHalf(double value) {
  uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  double a = std::fabs(value);
  if (std::isnan(value))
    return sign | 0x7E00;
  if (a >= 65520.0) // at or past the midpoint between 65504 and 2^16
    return sign | 0x7C00;
  if (a < 0x1p-14) {
    // Subnormal: a multiple of 2^-24. The scaling is exact and nearbyint
    // rounds half to even in the default rounding mode; 1024 becomes the
    // smallest normal on its own.
    return sign | static_cast<uint16_t>(std::nearbyint(a * 0x1p24));
  }
  int exponent;
  std::frexp(a, &exponent); // a = f * 2^exponent, f in [0.5, 1)
  double mantissa = std::nearbyint(std::ldexp(a, 11 - exponent));
  int halfExponent = exponent - 1;
  if (mantissa == 2048.0) {
    mantissa = 1024.0;
    ++halfExponent;
  }
  if (halfExponent > 15)
    return sign | 0x7C00;
  return sign | static_cast<uint16_t>((halfExponent + 15) << 10) |
         static_cast<uint16_t>(static_cast<unsigned>(mantissa) - 1024);
}

namespace {

//===----------------------------------------------------------------------===//
// numpy details of UNIFORM
//===----------------------------------------------------------------------===//

/// coremltools computes `scale = (val_max - val_min) / (2^nbits - 1)` on two
/// numpy scalars of the weight dtype and a Python int. numpy 1.x promotes
/// that scalar-only expression to float64; numpy >= 2 (NEP 50) would keep the
/// weight dtype (an fp16 step). The LUT `arange * scale + val_min` is float64
/// either way and cast once. The fixtures (coremltools 9.1.dev1) are byte
/// identical with the float64 step only, so they were made with numpy 1.x.
constexpr bool kStepInWeightDtype = false;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

constexpr unsigned kSupportedNbits[] = {1, 2, 3, 4, 6, 8};

bool isSupportedNbits(unsigned nbits) {
  return std::find(std::begin(kSupportedNbits), std::end(kSupportedNbits),
                   nbits) != std::end(kSupportedNbits);
}

/// The smallest supported nbits whose LUT holds `count` entries, or 0.
unsigned nbitsForCount(uint64_t count) {
  for (unsigned nbits : kSupportedNbits)
    if (count <= (uint64_t(1) << nbits))
      return nbits;
  return 0;
}

const char *modeName(PalettizeMode mode) {
  switch (mode) {
  case PalettizeMode::KMeans:
    return "kmeans";
  case PalettizeMode::Uniform:
    return "uniform";
  case PalettizeMode::Unique:
    return "unique";
  case PalettizeMode::Custom:
    return "custom";
  }
  return "";
}

const char *kUniqueOverflow = "Can't perform palettization:Unique values in "
                              "weight cannot be represented by 8 bits "
                              "palettization.";

/// Elements per chunk when a single group is split across threads.
constexpr uint64_t kChunkElements = uint64_t(1) << 18;

/// Groups at least this large (single-group case) use chunk parallelism.
constexpr uint64_t kParallelElements = uint64_t(1) << 19;

uint64_t numChunks(uint64_t n) {
  return std::max<uint64_t>(1, (n + kChunkElements - 1) / kChunkElements);
}

/// Calls fn(begin, end) on fixed-size chunks of [0, n), in parallel or not.
template <typename Fn> void forEachChunk(uint64_t n, bool parallel, Fn fn) {
  uint64_t chunks = numChunks(n);
  auto body = [&](size_t c) {
    uint64_t begin = c * kChunkElements;
    fn(c, begin, std::min(n, begin + kChunkElements));
  };
  if (parallel && chunks > 1)
    llvm::parallelFor(0, chunks, body);
  else
    for (uint64_t c = 0; c < chunks; ++c)
      body(c);
}

/// Elements per read of a mapped weight (FileBackedMemory.h).
constexpr uint64_t kPieceElements = uint64_t(1) << 16;

/// Calls fn(in, begin, end) on pieces [begin, end) of elements [first, last)
/// of `w`, `in` holding the piece's elements: pieces of mapped weights are
/// read with pread, whose copy costs less than touching the mapping.
template <typename Raw, typename Fn>
void forEachPiece(const Raw *w, uint64_t first, uint64_t last, Fn &&fn) {
  thread_local ReadBuffer buffer;
  for (uint64_t begin = first; begin < last; begin += kPieceElements) {
    uint64_t end = std::min(last, begin + kPieceElements);
    fn(buffer.read(w + begin, end - begin), begin, end);
  }
}

/// The weight as [outer, channels, inner] and its channel groups.
struct Layout {
  uint64_t outer = 1, channels = 1, inner = 1;
  uint64_t groupSize = 1, numGroups = 1, clusterDim = 1;
  uint64_t total = 0;

  uint64_t groupElements() const { return outer * groupSize * inner; }

  /// fn(begin, end) for each contiguous run of group g, in order.
  template <typename Fn> void forEachRun(uint64_t g, Fn fn) const {
    uint64_t length = groupSize * inner;
    for (uint64_t o = 0; o < outer; ++o) {
      uint64_t begin = (o * channels + g * groupSize) * inner;
      fn(begin, begin + length);
    }
  }
};

float loadFloat(ElemType type, const void *data, uint64_t i) {
  switch (type) {
  case ElemType::Float16:
    return halfToFloat(static_cast<const uint16_t *>(data)[i]);
  case ElemType::Float32:
    return static_cast<const float *>(data)[i];
  case ElemType::Int8:
    return static_cast<const int8_t *>(data)[i];
  case ElemType::UInt8:
    return static_cast<const uint8_t *>(data)[i];
  }
  return 0;
}

/// Stores `value` as element i of a `type` buffer: fp16 with one rounding,
/// integers rounded to nearest and saturated (clustered integers).
void storeRounded(ElemType type, uint8_t *data, uint64_t i, double value) {
  switch (type) {
  case ElemType::Float16: {
    uint16_t h = doubleToHalf(value);
    std::memcpy(data + 2 * i, &h, 2);
    return;
  }
  case ElemType::Float32: {
    float f = static_cast<float>(value);
    std::memcpy(data + 4 * i, &f, 4);
    return;
  }
  case ElemType::Int8:
    data[i] = static_cast<uint8_t>(
        static_cast<int8_t>(std::clamp(std::nearbyint(value), -128.0, 127.0)));
    return;
  case ElemType::UInt8:
    data[i] =
        static_cast<uint8_t>(std::clamp(std::nearbyint(value), 0.0, 255.0));
    return;
  }
}

/// Element offsets, in `shape`, of the channels [begin, begin + count) along
/// `axis`, listed in row-major order of that slice after numpy's
/// swapaxes(0, axis); `sliceShape` receives the swapped slice's shape.
void swappedOffsets(ArrayRef<int64_t> shape, int64_t axis, uint64_t begin,
                    uint64_t count, std::vector<uint64_t> &offsets,
                    std::vector<int64_t> &sliceShape) {
  size_t rank = shape.size();
  std::vector<uint64_t> strides(rank, 1);
  for (size_t d = rank; d-- > 1;)
    strides[d - 1] = strides[d] * static_cast<uint64_t>(shape[d]);
  std::vector<size_t> perm(rank);
  std::iota(perm.begin(), perm.end(), size_t(0));
  std::swap(perm[0], perm[axis]);
  sliceShape.assign(rank, 0);
  uint64_t total = 1;
  for (size_t d = 0; d < rank; ++d) {
    sliceShape[d] = perm[d] == static_cast<size_t>(axis)
                        ? static_cast<int64_t>(count)
                        : shape[perm[d]];
    total *= static_cast<uint64_t>(sliceShape[d]);
  }
  offsets.resize(total);
  if (total == 0)
    return;
  std::vector<uint64_t> coord(rank, 0);
  uint64_t base = begin * strides[axis];
  uint64_t offset = base;
  for (uint64_t i = 0; i < total; ++i) {
    offsets[i] = offset;
    for (size_t d = rank; d-- > 0;) {
      uint64_t stride = strides[perm[d]];
      if (++coord[d] < static_cast<uint64_t>(sliceShape[d])) {
        offset += stride;
        break;
      }
      offset -= stride * (coord[d] - 1);
      coord[d] = 0;
    }
  }
}

/// Nearest entry of an ascending `lut` (duplicates allowed) for each of the
/// ascending `values`; ties and duplicates resolve to the lowest index.
void nearestSorted(ArrayRef<double> lut, ArrayRef<double> values,
                   std::vector<uint32_t> &out) {
  std::vector<double> distinct;
  std::vector<uint32_t> first;
  for (size_t t = 0; t < lut.size(); ++t) {
    if (distinct.empty() || lut[t] != distinct.back()) {
      distinct.push_back(lut[t]);
      first.push_back(static_cast<uint32_t>(t));
    }
  }
  out.resize(values.size());
  size_t p = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    double v = values[i];
    while (p + 1 < distinct.size() &&
           std::fabs(v - distinct[p + 1]) < std::fabs(v - distinct[p]))
      ++p;
    out[i] = first[p];
  }
}

/// Decision thresholds of an ascending LUT: element v maps to the number of
/// thresholds strictly below it, which is the lowest nearest entry. Padded
/// with +inf to a power of two for a branch-free binary search.
struct NearestSearch {
  std::vector<double> mids; // mids[0] = -inf; mids[t] between distinct t-1, t
  std::vector<uint32_t> first;

  explicit NearestSearch(ArrayRef<double> lut) {
    std::vector<double> distinct;
    for (size_t t = 0; t < lut.size(); ++t) {
      if (distinct.empty() || lut[t] != distinct.back()) {
        distinct.push_back(lut[t]);
        first.push_back(static_cast<uint32_t>(t));
      }
    }
    size_t size = 1;
    while (size < distinct.size())
      size *= 2;
    mids.assign(size, std::numeric_limits<double>::infinity());
    mids[0] = -std::numeric_limits<double>::infinity();
    for (size_t t = 1; t < distinct.size(); ++t)
      mids[t] = 0.5 * (distinct[t - 1] + distinct[t]);
    first.resize(size, first.back());
  }

  uint32_t operator()(double v) const {
    size_t pos = 0;
    for (size_t step = mids.size() / 2; step > 0; step /= 2)
      pos += mids[pos + step] < v ? step : 0;
    return first[pos];
  }
};

//===----------------------------------------------------------------------===//
// Small key spaces: fp16, int8, uint8
//===----------------------------------------------------------------------===//

/// fp16 bits mapped to an order-preserving 16-bit key (negative values
/// reversed below the positive ones; NaNs end up beyond the infinities).
struct HalfKeys {
  using Raw = uint16_t;
  static constexpr uint32_t kKeys = 65536;
  static constexpr bool kFloat = true;
  // Branch-free: weight signs are random, a branch would mispredict half
  // the time.
  static uint32_t key(Raw r) {
    uint32_t flip = (0u - (static_cast<uint32_t>(r) >> 15)) & 0x7FFFu;
    return (r ^ flip) ^ 0x8000u;
  }
  static Raw raw(uint32_t key) {
    uint32_t flip = (0u - ((key >> 15) ^ 1u)) & 0x7FFFu;
    return static_cast<Raw>((key ^ flip) ^ 0x8000u);
  }
  static double value(Raw r) { return halfToFloat(r); }
  static bool isNaNKey(uint32_t key) { return key < 0x03FF || key > 0xFC00; }
  static bool isInfKey(uint32_t key) { return key == 0x03FF || key == 0xFC00; }
  static bool isNegZeroKey(uint32_t key) { return key == 0x7FFF; }
  static bool isPosZeroKey(uint32_t key) { return key == 0x8000; }
};

struct Int8Keys {
  using Raw = int8_t;
  static constexpr uint32_t kKeys = 256;
  static constexpr bool kFloat = false;
  static uint32_t key(Raw r) { return static_cast<uint8_t>(r) ^ 0x80u; }
  static Raw raw(uint32_t key) { return static_cast<Raw>(key ^ 0x80u); }
  static double value(Raw r) { return r; }
  static bool isNaNKey(uint32_t) { return false; }
  static bool isInfKey(uint32_t) { return false; }
  static bool isNegZeroKey(uint32_t) { return false; }
  static bool isPosZeroKey(uint32_t) { return false; }
};

struct UInt8Keys {
  using Raw = uint8_t;
  static constexpr uint32_t kKeys = 256;
  static constexpr bool kFloat = false;
  static uint32_t key(Raw r) { return r; }
  static Raw raw(uint32_t key) { return static_cast<Raw>(key); }
  static double value(Raw r) { return r; }
  static bool isNaNKey(uint32_t) { return false; }
  static bool isInfKey(uint32_t) { return false; }
  static bool isNegZeroKey(uint32_t) { return false; }
  static bool isPosZeroKey(uint32_t) { return false; }
};

/// The distinct values of a group, from its key histogram.
struct Distinct {
  std::vector<uint32_t> keys;    // present keys, ascending
  std::vector<uint32_t> present; // scratch: their counts
  std::vector<uint32_t> slot;    // keys[i] -> index into values
  std::vector<double> values;    // ascending; -0 and +0 are one value
  std::vector<double> counts;    // occurrences of each value
  std::vector<uint32_t> repKey;  // the key stored in a LUT for each value
};

/// Per-thread scratch: `counts` is all zero between uses; `table` maps raw
/// bits to an index and only entries of present keys are ever read.
template <class K> struct KeyScratch {
  std::vector<uint32_t> counts = std::vector<uint32_t>(K::kKeys, 0);
  std::vector<uint8_t> table = std::vector<uint8_t>(K::kKeys, 0);
  Distinct distinct;
  std::vector<double> centroids, cast;
  std::vector<uint32_t> assignment, valueIndex;
};

template <class K> KeyScratch<K> &keyScratch() {
  thread_local KeyScratch<K> scratch;
  return scratch;
}

template <class K>
void minMaxKeys(const typename K::Raw *w, const Layout &layout, uint64_t g,
                bool parallel, uint32_t &minKey, uint32_t &maxKey) {
  uint32_t lo = K::kKeys, hi = 0;
  // Locals, not the references, in the loop: stores through them would keep
  // the extremes in memory.
  auto scanPiece = [](const typename K::Raw *in, uint64_t n, uint32_t &mnOut,
                      uint32_t &mxOut) {
    if constexpr (std::is_same_v<K, HalfKeys>) {
      // A signed 16-bit order key (negatives' magnitude bits flipped) lets
      // the compiler use packed 16-bit min/max.
      int16_t mn = INT16_MAX, mx = INT16_MIN;
      for (uint64_t e = 0; e < n; ++e) {
        int16_t v = static_cast<int16_t>(in[e]);
        int16_t k = static_cast<int16_t>(v ^ ((v >> 15) & 0x7FFF));
        mn = std::min(mn, k);
        mx = std::max(mx, k);
      }
      if (n > 0) {
        mnOut = std::min<uint32_t>(mnOut, static_cast<uint16_t>(mn) ^ 0x8000u);
        mxOut = std::max<uint32_t>(mxOut, static_cast<uint16_t>(mx) ^ 0x8000u);
      }
    } else {
      uint32_t mn = mnOut, mx = mxOut;
      for (uint64_t e = 0; e < n; ++e) {
        uint32_t k = K::key(in[e]);
        mn = std::min(mn, k);
        mx = std::max(mx, k);
      }
      mnOut = mn;
      mxOut = mx;
    }
  };
  auto scan = [&](uint64_t begin, uint64_t end, uint32_t &mnOut,
                  uint32_t &mxOut) {
    forEachPiece(w, begin, end,
                 [&](const typename K::Raw *in, uint64_t b, uint64_t e) {
                   scanPiece(in, e - b, mnOut, mxOut);
                 });
  };
  if (layout.numGroups == 1) {
    uint64_t chunks = numChunks(layout.total);
    std::vector<uint32_t> mins(chunks, K::kKeys), maxs(chunks, 0);
    forEachChunk(layout.total, parallel,
                 [&](uint64_t c, uint64_t begin, uint64_t end) {
                   scan(begin, end, mins[c], maxs[c]);
                 });
    for (uint64_t c = 0; c < chunks; ++c) {
      lo = std::min(lo, mins[c]);
      hi = std::max(hi, maxs[c]);
    }
  } else {
    layout.forEachRun(g, [&](uint64_t b, uint64_t e) { scan(b, e, lo, hi); });
  }
  minKey = lo;
  maxKey = hi;
}

/// Counts group g's keys into `counts` (all zero on entry) and records the
/// key range.
template <class K>
void histogram(const typename K::Raw *w, const Layout &layout, uint64_t g,
               bool parallel, std::vector<uint32_t> &counts, uint32_t &minKey,
               uint32_t &maxKey) {
  uint32_t lo = K::kKeys, hi = 0;
  if (layout.numGroups == 1 && parallel && layout.total > kChunkElements) {
    // One histogram of raw bits per part. Counts are integers, so the parts
    // may follow the thread count without changing the sums. Two
    // interleaved tables per part keep repeated values from serialising on
    // one counter.
    uint64_t parts =
        std::clamp<uint64_t>(llvm::parallel::strategy.compute_thread_count(), 1,
                             numChunks(layout.total));
    uint64_t per = (layout.total + parts - 1) / parts;
    std::vector<uint32_t> partial(2 * parts * K::kKeys, 0);
    llvm::parallelFor(0, parts, [&](size_t c) {
      uint32_t *h0 = &partial[2 * c * K::kKeys], *h1 = h0 + K::kKeys;
      uint64_t first = c * per, last = std::min(layout.total, first + per);
      forEachPiece(
          w, first, last,
          [&](const typename K::Raw *in, uint64_t b, uint64_t end) {
            const auto *raw =
                reinterpret_cast<const std::make_unsigned_t<typename K::Raw> *>(
                    in);
            uint64_t n = end - b, e = 0;
            for (; e + 1 < n; e += 2) {
              ++h0[raw[e]];
              ++h1[raw[e + 1]];
            }
            if (e < n)
              ++h0[raw[e]];
          });
    });
    for (uint32_t r = 0; r < K::kKeys; ++r) {
      uint32_t sum = 0;
      for (uint64_t c = 0; c < 2 * parts; ++c)
        sum += partial[c * K::kKeys + r];
      if (sum) {
        uint32_t k = K::key(static_cast<typename K::Raw>(r));
        counts[k] = sum;
        lo = std::min(lo, k);
        hi = std::max(hi, k);
      }
    }
  } else {
    layout.forEachRun(g, [&](uint64_t first, uint64_t last) {
      forEachPiece(w, first, last,
                   [&](const typename K::Raw *in, uint64_t b, uint64_t end) {
                     for (uint64_t e = 0; e < end - b; ++e) {
                       uint32_t k = K::key(in[e]);
                       ++counts[k];
                       lo = std::min(lo, k);
                       hi = std::max(hi, k);
                     }
                   });
    });
  }
  minKey = lo;
  maxKey = hi;
}

/// Turns the histogram into the distinct values and clears it.
template <class K>
void extractDistinct(std::vector<uint32_t> &counts, uint32_t minKey,
                     uint32_t maxKey, Distinct &d) {
  // Branch-free compaction of the present keys, then their values.
  size_t range = maxKey - minKey + 1;
  d.keys.resize(range);
  d.present.resize(range);
  uint32_t *keys = d.keys.data(), *present = d.present.data();
  size_t found = 0;
  for (uint32_t k = minKey; k <= maxKey; ++k) {
    uint32_t c = counts[k];
    keys[found] = k;
    present[found] = c;
    found += c != 0;
    counts[k] = 0;
  }
  d.keys.resize(found);
  d.slot.resize(found);
  d.values.resize(found);
  d.counts.resize(found);
  d.repKey.resize(found);
  size_t values = 0;
  for (size_t i = 0; i < found; ++i) {
    uint32_t k = keys[i];
    // numpy's unique treats -0 and +0 as one value; +0 represents both.
    if (K::isPosZeroKey(k) && i > 0 && K::isNegZeroKey(keys[i - 1])) {
      d.slot[i] = static_cast<uint32_t>(values - 1);
      d.counts[values - 1] += present[i];
      d.repKey[values - 1] = k;
      d.values[values - 1] = 0.0;
      continue;
    }
    d.slot[i] = static_cast<uint32_t>(values);
    d.values[values] = K::value(K::raw(k));
    d.counts[values] = present[i];
    d.repKey[values] = k;
    ++values;
  }
  d.values.resize(values);
  d.counts.resize(values);
  d.repKey.resize(values);
}

/// Writes indices[e] = table[raw(w[e])] for group g.
template <class K>
void writeIndices(const typename K::Raw *w, const Layout &layout, uint64_t g,
                  bool parallel, const uint8_t *table, uint8_t *indices) {
  // Byte stores may alias anything: keep the pointers in locals so they are
  // not reloaded per element.
  auto write = [w, table, indices](uint64_t first, uint64_t last) {
    forEachPiece(
        w, first, last,
        [=](const typename K::Raw *in, uint64_t begin, uint64_t end) {
          uint8_t *out = indices + begin;
          for (uint64_t e = 0; e < end - begin; ++e)
            out[e] = table[static_cast<std::make_unsigned_t<typename K::Raw>>(
                in[e])];
        });
  };
  if (layout.numGroups == 1)
    forEachChunk(layout.total, parallel,
                 [&](uint64_t, uint64_t b, uint64_t e) { write(b, e); });
  else
    layout.forEachRun(g, write);
}

Status nonFiniteError(PalettizeMode mode, bool nan) {
  return Status::error(std::string("Cannot palettize a weight that contains ") +
                       (nan ? "NaN" : "infinity") + " in " + modeName(mode) +
                       " mode.");
}

/// Per-group outcome of the scalar kernels.
struct GroupResult {
  Status status;
  std::vector<double> lut; // cast-exact LUT values (UNIQUE: the distinct ones)
  std::vector<uint32_t> lutBits; // raw bits / integer values of the LUT
  bool overflow = false;
};

/// KMEANS on one group of a small-key type.
template <class K>
void kmeansSmallKeys(const typename K::Raw *w, const Layout &layout, uint64_t g,
                     bool parallel, unsigned nbits, ElemType type,
                     uint8_t *lutOut, uint8_t *indices, GroupResult &out) {
  KeyScratch<K> &s = keyScratch<K>();
  uint32_t minKey, maxKey;
  histogram<K>(w, layout, g, parallel, s.counts, minKey, maxKey);
  Distinct &d = s.distinct;
  extractDistinct<K>(s.counts, minKey, maxKey, d);
  if (K::isNaNKey(minKey) || K::isNaNKey(maxKey) || K::isInfKey(minKey) ||
      K::isInfKey(maxKey)) {
    out.status = nonFiniteError(PalettizeMode::KMeans,
                                K::isNaNKey(minKey) || K::isNaNKey(maxKey));
    return;
  }
  size_t entries = size_t(1) << nbits;
  std::vector<uint32_t> &valueIndex = s.valueIndex;
  valueIndex.resize(d.values.size());
  if (d.values.size() <= entries) {
    // Fewer distinct values than entries: the values themselves, rest 0.
    for (size_t q = 0; q < d.values.size(); ++q) {
      storeRounded(type, lutOut, q, d.values[q]);
      valueIndex[q] = static_cast<uint32_t>(q);
    }
    for (size_t q = d.values.size(); q < entries; ++q)
      storeRounded(type, lutOut, q, 0.0);
  } else {
    std::vector<double> &centroids = s.centroids, &cast = s.cast;
    kmeans1DOptimal(d.values, d.counts, static_cast<unsigned>(entries),
                    centroids, s.assignment);
    // Cast to the weight type, then give every value its nearest entry of
    // the cast LUT (the DP's assignment is optimal for the uncast one).
    cast.resize(entries);
    for (size_t t = 0; t < entries; ++t) {
      storeRounded(type, lutOut, t, centroids[t]);
      cast[t] = loadFloat(type, lutOut, t);
    }
    nearestSorted(cast, d.values, valueIndex);
  }
  uint8_t *table = s.table.data();
  for (size_t i = 0; i < d.keys.size(); ++i)
    table[K::raw(d.keys[i]) & (K::kKeys - 1)] = valueIndex[d.slot[i]];
  writeIndices<K>(w, layout, g, parallel, table, indices);
}

/// UNIQUE on one group of a small-key type: indices are ranks; the LUT
/// (padded later, once nbits is known) is kept in `out`.
template <class K>
void uniqueSmallKeys(const typename K::Raw *w, const Layout &layout, uint64_t g,
                     bool parallel, uint8_t *indices, GroupResult &out,
                     std::atomic<bool> &overflow) {
  if (overflow.load(std::memory_order_relaxed))
    return;
  KeyScratch<K> &s = keyScratch<K>();
  uint32_t minKey, maxKey;
  histogram<K>(w, layout, g, parallel, s.counts, minKey, maxKey);
  Distinct &d = s.distinct;
  extractDistinct<K>(s.counts, minKey, maxKey, d);
  if (K::isNaNKey(minKey) || K::isNaNKey(maxKey)) {
    out.status = nonFiniteError(PalettizeMode::Unique, true);
    return;
  }
  if (d.values.size() > 256) {
    out.overflow = true;
    overflow = true;
    return;
  }
  for (size_t q = 0; q < d.values.size(); ++q)
    out.lutBits.push_back(K::raw(d.repKey[q]) & (K::kKeys - 1));
  uint8_t *table = s.table.data();
  for (size_t i = 0; i < d.keys.size(); ++i)
    table[K::raw(d.keys[i]) & (K::kKeys - 1)] = static_cast<uint8_t>(d.slot[i]);
  writeIndices<K>(w, layout, g, parallel, table, indices);
}

/// UNIFORM on one fp16 group, as numpy evaluates it on fp16 arrays: every
/// step of ((v - min) / (max - min)) * (2^n - 1) rounds to fp16, np.round
/// rounds half to even.
void uniformHalf(const uint16_t *w, const Layout &layout, uint64_t g,
                 bool parallel, unsigned nbits, uint8_t *lutOut,
                 uint8_t *indices, GroupResult &out) {
  uint32_t minKey, maxKey;
  minMaxKeys<HalfKeys>(w, layout, g, parallel, minKey, maxKey);
  if (HalfKeys::isNaNKey(minKey) || HalfKeys::isNaNKey(maxKey) ||
      HalfKeys::isInfKey(minKey) || HalfKeys::isInfKey(maxKey)) {
    out.status =
        nonFiniteError(PalettizeMode::Uniform, HalfKeys::isNaNKey(minKey) ||
                                                   HalfKeys::isNaNKey(maxKey));
    return;
  }
  auto round16 = [](float v) { return halfToFloat(floatToHalf(v)); };
  float lo = halfToFloat(HalfKeys::raw(minKey));
  float hi = halfToFloat(HalfKeys::raw(maxKey));
  float range = round16(hi - lo);
  uint32_t levels = (1u << nbits) - 1;
  auto indexOf = [&](uint32_t key) -> uint32_t {
    float v = halfToFloat(HalfKeys::raw(key));
    float t =
        round16(round16(round16(v - lo) / range) * static_cast<float>(levels));
    float r = std::nearbyint(t);
    // 0/0 for a constant group: numpy's NaN -> uint8 cast gives 0 on x86.
    if (!(r >= 0))
      return 0;
    return static_cast<uint32_t>(std::min(r, 255.0f));
  };
  // The index is monotone in the key: find where each level starts, then
  // fill the raw-bits table over the key range.
  std::vector<uint32_t> start(levels + 2, maxKey + 1);
  uint32_t from = minKey;
  for (uint32_t b = 1; b <= levels; ++b) {
    uint32_t a = from, z = maxKey + 1;
    while (a < z) {
      uint32_t mid = a + (z - a) / 2;
      if (indexOf(mid) >= b)
        z = mid;
      else
        a = mid + 1;
    }
    start[b] = a;
    from = a;
  }
  uint8_t *table = keyScratch<HalfKeys>().table.data();
  uint32_t level = 0;
  for (uint32_t k = minKey; k <= maxKey; ++k) {
    while (level < levels && k >= start[level + 1])
      ++level;
    table[HalfKeys::raw(k)] = static_cast<uint8_t>(level);
  }
  writeIndices<HalfKeys>(w, layout, g, parallel, table, indices);

  double step = kStepInWeightDtype
                    ? static_cast<double>(round16(range / levels))
                    : static_cast<double>(range) / levels;
  for (uint32_t k = 0; k <= levels; ++k) {
    uint16_t h = doubleToHalf(static_cast<double>(k) * step + lo);
    std::memcpy(lutOut + 2 * k, &h, 2);
  }
}

/// UNIFORM on an integer group. coremltools widens int8 / uint8 to int32:
/// the index math is float64 and the float64 LUT is truncated by
/// astype(int32) before the cast back.
template <class K>
void uniformInt(const typename K::Raw *w, const Layout &layout, uint64_t g,
                bool parallel, unsigned nbits, uint8_t *lutOut,
                uint8_t *indices) {
  uint32_t minKey, maxKey;
  minMaxKeys<K>(w, layout, g, parallel, minKey, maxKey);
  double lo = K::value(K::raw(minKey)), hi = K::value(K::raw(maxKey));
  double range = hi - lo;
  uint32_t levels = (1u << nbits) - 1;
  std::vector<uint8_t> table(K::kKeys, 0);
  for (uint32_t k = minKey; k <= maxKey; ++k) {
    double r = std::nearbyint((K::value(K::raw(k)) - lo) / range * levels);
    table[K::raw(k) & (K::kKeys - 1)] =
        r >= 0 ? static_cast<uint8_t>(std::min(r, 255.0)) : 0;
  }
  writeIndices<K>(w, layout, g, parallel, table.data(), indices);
  double step = range / levels;
  for (uint32_t k = 0; k <= levels; ++k)
    lutOut[k] = static_cast<uint8_t>(static_cast<typename K::Raw>(
        static_cast<int32_t>(std::trunc(static_cast<double>(k) * step + lo))));
}

//===----------------------------------------------------------------------===//
// fp32 scalar modes
//===----------------------------------------------------------------------===//

/// fp32 groups up to this size are clustered exactly over their distinct
/// values (sorted copy); larger ones over 65536 equal-width bins.
constexpr uint64_t kExactFloatElements = uint64_t(1) << 18;
constexpr size_t kFloatBins = 65536;

/// Copies group g (in run order) and checks for NaN / infinity.
void gatherFloats(const float *w, const Layout &layout, uint64_t g,
                  std::vector<float> &out, bool &nan, bool &inf) {
  out.clear();
  out.reserve(layout.groupElements());
  nan = inf = false;
  layout.forEachRun(g, [&](uint64_t begin, uint64_t end) {
    for (uint64_t e = begin; e < end; ++e) {
      float v = w[e];
      nan |= std::isnan(v);
      inf |= std::isinf(v);
      out.push_back(v);
    }
  });
}

/// KMEANS on one fp32 group. Exact (DP over the distinct values) for groups
/// of up to 2^18 elements or whose 65536 equal-width bins each hold a single
/// value. Otherwise the DP runs on the bins (weighted by count, at their
/// means) and Lloyd iterations on the full data refine it. With bin width
/// delta = (max - min) / 65536, the binned solution's MSE is at most
/// (sqrt(MSE*) + delta)^2 + delta^2 / 4 for the optimum MSE*; Lloyd only
/// lowers it.
void kmeansFloat(const float *w, const Layout &layout, uint64_t g,
                 bool parallel, unsigned nbits, uint8_t *lutOut,
                 uint8_t *indices, GroupResult &out) {
  std::vector<float> data;
  bool nan, inf;
  gatherFloats(w, layout, g, data, nan, inf);
  if (nan || inf) {
    out.status = nonFiniteError(PalettizeMode::KMeans, nan);
    return;
  }
  size_t entries = size_t(1) << nbits;
  size_t n = data.size();
  std::vector<double> values, counts;
  bool exact = true;
  float lo = *std::min_element(data.begin(), data.end());
  float hi = *std::max_element(data.begin(), data.end());
  if (n <= kExactFloatElements) {
    std::vector<float> sorted(data);
    std::sort(sorted.begin(), sorted.end());
    for (float v : sorted) {
      if (!values.empty() && values.back() == v) {
        counts.back() += 1;
        continue;
      }
      values.push_back(v == 0 ? 0.0 : v);
      counts.push_back(1);
    }
  } else {
    double width = static_cast<double>(hi) - lo;
    double scale = width > 0 ? kFloatBins / width : 0;
    std::vector<double> binSum(kFloatBins, 0), binCount(kFloatBins, 0);
    std::vector<float> binMin(kFloatBins, std::numeric_limits<float>::max());
    std::vector<float> binMax(kFloatBins, std::numeric_limits<float>::lowest());
    for (float v : data) {
      size_t bin = std::min<size_t>(
          kFloatBins - 1,
          static_cast<size_t>((static_cast<double>(v) - lo) * scale));
      binSum[bin] += v;
      binCount[bin] += 1;
      binMin[bin] = std::min(binMin[bin], v);
      binMax[bin] = std::max(binMax[bin], v);
    }
    for (size_t b = 0; b < kFloatBins; ++b) {
      if (binCount[b] == 0)
        continue;
      exact &= binMin[b] == binMax[b];
      values.push_back(binMin[b] == binMax[b] ? binMin[b]
                                              : binSum[b] / binCount[b]);
      counts.push_back(binCount[b]);
    }
  }

  // `used` LUT entries carry centroids; any others stay 0 and unused.
  std::vector<double> lutValues(entries, 0.0);
  size_t used = std::min(entries, values.size());
  if (exact && values.size() <= entries) {
    std::copy(values.begin(), values.end(), lutValues.begin());
  } else {
    std::vector<double> centroids;
    std::vector<uint32_t> assignment;
    kmeans1DOptimal(values, counts,
                    static_cast<unsigned>(std::min(entries, values.size())),
                    centroids, assignment);
    if (!exact) {
      // Lloyd refinement on the elements themselves.
      uint64_t chunks = (n + kChunkElements - 1) / kChunkElements;
      size_t k = centroids.size();
      std::vector<double> sums(chunks * k), cnts(chunks * k);
      for (unsigned iteration = 0; iteration < 10; ++iteration) {
        NearestSearch search(centroids);
        forEachChunk(n, parallel, [&](uint64_t c, uint64_t b, uint64_t e) {
          double *s = &sums[c * k];
          double *m = &cnts[c * k];
          std::fill(s, s + k, 0.0);
          std::fill(m, m + k, 0.0);
          for (uint64_t i = b; i < e; ++i) {
            uint32_t j = search(data[i]);
            s[j] += data[i];
            m[j] += 1;
          }
        });
        std::vector<double> next(centroids);
        for (size_t j = 0; j < k; ++j) {
          double s = 0, m = 0;
          for (uint64_t c = 0; c < chunks; ++c) {
            s += sums[c * k + j];
            m += cnts[c * k + j];
          }
          if (m > 0)
            next[j] = s / m;
        }
        std::sort(next.begin(), next.end());
        if (next == centroids)
          break;
        centroids.swap(next);
      }
    }
    std::copy(centroids.begin(), centroids.end(), lutValues.begin());
  }

  // Cast, then nearest entry of the cast LUT (unused padding excluded).
  std::vector<double> cast(used);
  for (size_t t = 0; t < entries; ++t) {
    float f = static_cast<float>(lutValues[t]);
    std::memcpy(lutOut + 4 * t, &f, 4);
    if (t < used)
      cast[t] = f;
  }
  NearestSearch search(cast);
  std::vector<uint64_t> starts;
  layout.forEachRun(g, [&](uint64_t b, uint64_t) { starts.push_back(b); });
  uint64_t runLength = layout.groupSize * layout.inner;
  forEachChunk(n, parallel, [&](uint64_t, uint64_t b, uint64_t e) {
    const float *values = data.data();
    const uint64_t *runStarts = starts.data();
    uint8_t *out = indices;
    for (uint64_t i = b; i < e; ++i)
      out[runStarts[i / runLength] + i % runLength] =
          static_cast<uint8_t>(search(values[i]));
  });
}

/// UNIFORM on one fp32 group, in float32 as numpy does.
void uniformFloat(const float *w, const Layout &layout, uint64_t g,
                  bool parallel, unsigned nbits, uint8_t *lutOut,
                  uint8_t *indices, GroupResult &out) {
  float lo = std::numeric_limits<float>::infinity();
  float hi = -std::numeric_limits<float>::infinity();
  bool nan = false;
  auto scan = [&](uint64_t begin, uint64_t end) {
    for (uint64_t e = begin; e < end; ++e) {
      nan |= std::isnan(w[e]);
      lo = std::min(lo, w[e]);
      hi = std::max(hi, w[e]);
    }
  };
  layout.forEachRun(g, scan);
  if (nan || std::isinf(lo) || std::isinf(hi)) {
    out.status = nonFiniteError(PalettizeMode::Uniform, nan);
    return;
  }
  float range = hi - lo;
  uint32_t levelsInt = (1u << nbits) - 1;
  float levels = static_cast<float>(levelsInt);
  auto write = [w, indices, lo, range, levels](uint64_t begin, uint64_t end) {
    for (uint64_t e = begin; e < end; ++e) {
      float t = (w[e] - lo) / range;
      float r = std::nearbyint(t * levels);
      indices[e] = r >= 0 ? static_cast<uint8_t>(std::min(r, 255.0f)) : 0;
    }
  };
  if (layout.numGroups == 1)
    forEachChunk(layout.total, parallel,
                 [&](uint64_t, uint64_t b, uint64_t e) { write(b, e); });
  else
    layout.forEachRun(g, write);
  double step = kStepInWeightDtype ? static_cast<double>(range / levels)
                                   : static_cast<double>(range) / levelsInt;
  for (uint32_t k = 0; k <= levelsInt; ++k) {
    float f = static_cast<float>(static_cast<double>(k) * step + lo);
    std::memcpy(lutOut + 4 * k, &f, 4);
  }
}

//===----------------------------------------------------------------------===//
// Distinct rows (UNIQUE on fp32 scalars and on vectors)
//===----------------------------------------------------------------------===//

uint32_t canonicalBits(float v) {
  if (v == 0)
    return 0; // -0 == +0
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return bits;
}

/// Distinct rows of `rows` (n x dim) in lexicographic order, if at most 256:
/// writes each row's rank to `ranks` and the sorted distinct rows to
/// `distinct`. Returns false on more than 256.
bool uniqueRows(ArrayRef<float> rows, size_t dim, std::vector<uint32_t> &ranks,
                std::vector<float> &distinct) {
  size_t n = dim ? rows.size() / dim : 0;
  constexpr size_t kCapacity = 1024;
  std::vector<uint32_t> table(kCapacity, UINT32_MAX);
  std::vector<uint32_t> reps, ids(n);
  for (size_t r = 0; r < n; ++r) {
    const float *row = &rows[r * dim];
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t d = 0; d < dim; ++d)
      h = (h ^ canonicalBits(row[d])) * 0x100000001B3ull;
    size_t slot = (h ^ (h >> 32)) & (kCapacity - 1);
    while (true) {
      uint32_t id = table[slot];
      if (id == UINT32_MAX) {
        if (reps.size() == 256)
          return false;
        table[slot] = ids[r] = static_cast<uint32_t>(reps.size());
        reps.push_back(static_cast<uint32_t>(r));
        break;
      }
      const float *other = &rows[static_cast<size_t>(reps[id]) * dim];
      bool equal = true;
      for (size_t d = 0; d < dim && equal; ++d)
        equal = row[d] == other[d];
      if (equal) {
        ids[r] = id;
        // -0 == +0: numpy keeps either (unstable sort); prefer +0.
        for (size_t d = 0; d < dim; ++d) {
          if (std::signbit(row[d]) != std::signbit(other[d])) {
            if (std::signbit(other[d]))
              reps[id] = static_cast<uint32_t>(r);
            break;
          }
        }
        break;
      }
      slot = (slot + 1) & (kCapacity - 1);
    }
  }
  std::vector<uint32_t> order(reps.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const float *x = &rows[static_cast<size_t>(reps[a]) * dim];
    const float *y = &rows[static_cast<size_t>(reps[b]) * dim];
    return std::lexicographical_compare(x, x + dim, y, y + dim);
  });
  std::vector<uint32_t> rank(reps.size());
  distinct.resize(reps.size() * dim);
  for (size_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = static_cast<uint32_t>(i);
    for (size_t d = 0; d < dim; ++d)
      distinct[i * dim + d] =
          rows[static_cast<size_t>(reps[order[i]]) * dim + d];
  }
  ranks.resize(n);
  for (size_t r = 0; r < n; ++r)
    ranks[r] = rank[ids[r]];
  return true;
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

/// Writes the LUT / index shapes once nbits is known.
void finishShapes(ArrayRef<int64_t> shape, int64_t axis, const Layout &layout,
                  unsigned nbits, PalettizeResult &result) {
  result.nbits = nbits;
  result.lutShape.assign(shape.size() + 2, 1);
  result.lutShape[axis] = static_cast<int64_t>(layout.numGroups);
  result.lutShape[shape.size()] = int64_t(1) << nbits;
  result.lutShape[shape.size() + 1] = static_cast<int64_t>(layout.clusterDim);
  result.indicesShape.assign(shape.begin(), shape.end());
  result.indicesShape[axis] /= static_cast<int64_t>(layout.clusterDim);
  if (layout.clusterDim > 1)
    result.vectorAxis = axis;
}

/// Runs fn(g) for every group: in parallel across groups, or (one group)
/// sequentially with `parallel` letting the kernel split the group.
template <typename Fn> void forEachGroup(const Layout &layout, Fn fn) {
  if (layout.numGroups == 1)
    fn(0, layout.total >= kParallelElements);
  else
    llvm::parallelFor(0, layout.numGroups, [&](size_t g) { fn(g, false); });
}

Status firstError(const std::vector<GroupResult> &groups) {
  for (const GroupResult &r : groups)
    if (!r.status)
      return r.status;
  return Status::success();
}

/// Scalar KMEANS / UNIFORM / UNIQUE.
template <class K>
Status palettizeScalarKeys(const TensorRef &weight, const PalettizeSpec &spec,
                           const Layout &layout, PalettizeResult &result) {
  using Raw = typename K::Raw;
  const Raw *w = static_cast<const Raw *>(weight.data);
  size_t elemSize = elemTypeSize(weight.type);
  std::vector<GroupResult> groups(layout.numGroups);
  result.indices.assign(layout.total, 0);
  uint8_t *indices = result.indices.data();

  if (spec.mode == PalettizeMode::Unique) {
    std::atomic<bool> overflow{false};
    forEachGroup(layout, [&](uint64_t g, bool parallel) {
      uniqueSmallKeys<K>(w, layout, g, parallel, indices, groups[g], overflow);
    });
    if (Status s = firstError(groups); !s)
      return s;
    if (overflow) {
      result = PalettizeResult();
      result.skipped = true;
      result.reason = kUniqueOverflow;
      return Status::success();
    }
    size_t most = 0;
    for (const GroupResult &r : groups)
      most = std::max(most, r.lutBits.size());
    unsigned nbits = std::max(spec.nbits, nbitsForCount(most));
    size_t entries = size_t(1) << nbits;
    result.lut.assign(layout.numGroups * entries * elemSize, 0);
    for (uint64_t g = 0; g < layout.numGroups; ++g)
      for (size_t q = 0; q < groups[g].lutBits.size(); ++q) {
        uint8_t *at = &result.lut[(g * entries + q) * elemSize];
        if (elemSize == 2) {
          uint16_t bits = static_cast<uint16_t>(groups[g].lutBits[q]);
          std::memcpy(at, &bits, 2);
        } else {
          *at = static_cast<uint8_t>(groups[g].lutBits[q]);
        }
      }
    finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
    return Status::success();
  }

  unsigned nbits = spec.nbits;
  size_t entries = size_t(1) << nbits;
  result.lut.assign(layout.numGroups * entries * elemSize, 0);
  forEachGroup(layout, [&](uint64_t g, bool parallel) {
    uint8_t *lut = &result.lut[g * entries * elemSize];
    if (spec.mode == PalettizeMode::KMeans) {
      kmeansSmallKeys<K>(w, layout, g, parallel, nbits, weight.type, lut,
                         indices, groups[g]);
    } else if constexpr (K::kFloat) {
      uniformHalf(w, layout, g, parallel, nbits, lut, indices, groups[g]);
    } else {
      uniformInt<K>(w, layout, g, parallel, nbits, lut, indices);
    }
  });
  if (Status s = firstError(groups); !s)
    return s;
  finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
  return Status::success();
}

Status palettizeScalarFloat(const TensorRef &weight, const PalettizeSpec &spec,
                            const Layout &layout, PalettizeResult &result) {
  const float *w = static_cast<const float *>(weight.data);
  std::vector<GroupResult> groups(layout.numGroups);
  result.indices.assign(layout.total, 0);
  uint8_t *indices = result.indices.data();

  if (spec.mode == PalettizeMode::Unique) {
    std::atomic<bool> overflow{false};
    forEachGroup(layout, [&](uint64_t g, bool) {
      if (overflow)
        return;
      std::vector<float> data;
      bool nan, inf;
      gatherFloats(w, layout, g, data, nan, inf);
      if (nan) {
        groups[g].status = nonFiniteError(PalettizeMode::Unique, true);
        return;
      }
      std::vector<uint32_t> ranks;
      std::vector<float> distinct;
      if (!uniqueRows(data, 1, ranks, distinct)) {
        groups[g].overflow = true;
        overflow = true;
        return;
      }
      groups[g].lut.assign(distinct.begin(), distinct.end());
      size_t i = 0;
      layout.forEachRun(g, [&](uint64_t b, uint64_t e) {
        for (uint64_t x = b; x < e; ++x)
          indices[x] = static_cast<uint8_t>(ranks[i++]);
      });
    });
    if (Status s = firstError(groups); !s)
      return s;
    if (overflow) {
      result = PalettizeResult();
      result.skipped = true;
      result.reason = kUniqueOverflow;
      return Status::success();
    }
    size_t most = 0;
    for (const GroupResult &r : groups)
      most = std::max(most, r.lut.size());
    unsigned nbits = std::max(spec.nbits, nbitsForCount(most));
    size_t entries = size_t(1) << nbits;
    result.lut.assign(layout.numGroups * entries * 4, 0);
    for (uint64_t g = 0; g < layout.numGroups; ++g)
      for (size_t q = 0; q < groups[g].lut.size(); ++q) {
        float f = static_cast<float>(groups[g].lut[q]);
        std::memcpy(&result.lut[(g * entries + q) * 4], &f, 4);
      }
    finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
    return Status::success();
  }

  unsigned nbits = spec.nbits;
  size_t entries = size_t(1) << nbits;
  result.lut.assign(layout.numGroups * entries * 4, 0);
  forEachGroup(layout, [&](uint64_t g, bool parallel) {
    uint8_t *lut = &result.lut[g * entries * 4];
    if (spec.mode == PalettizeMode::KMeans)
      kmeansFloat(w, layout, g, parallel, nbits, lut, indices, groups[g]);
    else
      uniformFloat(w, layout, g, parallel, nbits, lut, indices, groups[g]);
  });
  if (Status s = firstError(groups); !s)
    return s;
  finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
  return Status::success();
}

/// One group gathered as float in numpy's swapaxes order, with where each
/// element came from and where each index goes.
struct GatheredGroup {
  std::vector<float> data;
  std::vector<int64_t> shape;
  std::vector<uint64_t> indexOffsets; // per vector (or element)
  uint64_t vectors = 0;
};

void gatherGroup(const TensorRef &weight, int64_t axis, const Layout &layout,
                 uint64_t g, GatheredGroup &out) {
  std::vector<uint64_t> offsets;
  swappedOffsets(weight.shape, axis, g * layout.groupSize, layout.groupSize,
                 offsets, out.shape);
  out.data.resize(offsets.size());
  for (size_t i = 0; i < offsets.size(); ++i)
    out.data[i] = loadFloat(weight.type, weight.data, offsets[i]);
  std::vector<int64_t> indexShape(weight.shape.begin(), weight.shape.end());
  indexShape[axis] /= static_cast<int64_t>(layout.clusterDim);
  std::vector<int64_t> ignored;
  uint64_t perGroup = layout.groupSize / layout.clusterDim;
  swappedOffsets(indexShape, axis, g * perGroup, perGroup, out.indexOffsets,
                 ignored);
  out.vectors = out.indexOffsets.size();
}

/// Vectors of a gathered group: vector (j, r) is the V consecutive entries
/// along the group's axis 0 (stride = elements per axis-0 slice).
void groupVectors(const GatheredGroup &group, uint64_t dim,
                  std::vector<float> &rows) {
  uint64_t slice = group.shape.empty() ? 1 : group.data.size() / group.shape[0];
  rows.resize(group.vectors * dim);
  for (uint64_t q = 0; q < group.vectors; ++q) {
    uint64_t j = q / slice, r = q % slice;
    for (uint64_t v = 0; v < dim; ++v)
      rows[q * dim + v] = group.data[(j * dim + v) * slice + r];
  }
}

/// Nearest LUT row (ties to the lowest index) for each row.
void nearestRows(ArrayRef<float> rows, size_t dim, ArrayRef<double> lut,
                 size_t entries, std::vector<uint32_t> &labels) {
  size_t n = rows.size() / dim;
  labels.resize(n);
  uint64_t chunks = numChunks(n);
  auto body = [&](size_t c) {
    for (size_t r = c * kChunkElements,
                e = std::min<size_t>(n, r + kChunkElements);
         r < e; ++r) {
      uint32_t best = 0;
      double bestDist = std::numeric_limits<double>::infinity();
      for (size_t t = 0; t < entries; ++t) {
        double dist = 0;
        for (size_t d = 0; d < dim; ++d) {
          double diff = rows[r * dim + d] - lut[t * dim + d];
          dist += diff * diff;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = static_cast<uint32_t>(t);
        }
      }
      labels[r] = best;
    }
  };
  llvm::parallelFor(0, chunks, body);
}

/// Vector palettization (KMEANS / UNIQUE) and CUSTOM.
Status palettizeGathered(const TensorRef &weight, const PalettizeSpec &spec,
                         const Layout &layout, PalettizeResult &result) {
  uint64_t dim = layout.clusterDim;
  size_t elemSize = elemTypeSize(weight.type);
  uint64_t G = layout.numGroups;
  result.indices.assign(layout.total / dim, 0);
  std::vector<GroupResult> groups(G);
  std::vector<std::vector<uint32_t>> labels(G);
  std::vector<std::vector<double>> luts(G);
  std::vector<GatheredGroup> gathered(G);

  if (spec.mode == PalettizeMode::Custom) {
    // The user's function may not be thread-safe: one group at a time.
    unsigned nbits = 0;
    for (uint64_t g = 0; g < G; ++g) {
      GatheredGroup group;
      gatherGroup(weight, spec.channelAxis, layout, g, group);
      std::vector<float> lut;
      std::vector<uint32_t> idx;
      if (Status s = spec.lutFunction(group.data, group.shape,
                                      static_cast<unsigned>(dim), lut, idx);
          !s)
        return s;
      if (lut.size() % dim != 0)
        return Status::error("The lut_function returned " +
                             std::to_string(lut.size()) +
                             " LUT values, not a multiple of cluster_dim (" +
                             std::to_string(dim) + ").");
      uint64_t rows = lut.size() / dim;
      unsigned k = 0;
      while ((uint64_t(1) << k) < rows)
        ++k;
      if ((uint64_t(1) << k) != rows || !isSupportedNbits(k))
        return Status::error(
            "The lut_function must return 2^k LUT entries with k in (1, 2, "
            "3, 4, 6, 8), but got " +
            std::to_string(rows) + ".");
      if (g > 0 && k != nbits)
        return Status::error("The lut_function returned LUTs of different "
                             "sizes for different channel groups.");
      nbits = k;
      if (idx.size() != group.vectors)
        return Status::error(
            "The lut_function returned " + std::to_string(idx.size()) +
            " indices, expected " + std::to_string(group.vectors) + ".");
      for (uint64_t q = 0; q < idx.size(); ++q) {
        if (idx[q] >= rows)
          return Status::error("The lut_function returned index " +
                               std::to_string(idx[q]) + ", out of range for " +
                               std::to_string(rows) + " LUT entries.");
        result.indices[group.indexOffsets[q]] = static_cast<uint8_t>(idx[q]);
      }
      luts[g].assign(lut.begin(), lut.end());
    }
    size_t entries = size_t(1) << nbits;
    result.lut.assign(G * entries * dim * elemSize, 0);
    for (uint64_t g = 0; g < G; ++g)
      for (size_t i = 0; i < entries * dim; ++i)
        storeRounded(weight.type, result.lut.data(), g * entries * dim + i,
                     luts[g][i]);
    finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
    return Status::success();
  }

  std::atomic<bool> overflow{false};
  unsigned nbits = spec.nbits;
  auto runGroup = [&](size_t g) {
    if (overflow)
      return;
    GatheredGroup &group = gathered[g];
    gatherGroup(weight, spec.channelAxis, layout, g, group);
    for (float v : group.data) {
      if (std::isnan(v) ||
          (spec.mode == PalettizeMode::KMeans && std::isinf(v))) {
        groups[g].status = nonFiniteError(spec.mode, std::isnan(v));
        return;
      }
    }
    std::vector<float> rows;
    groupVectors(group, dim, rows);
    if (spec.mode == PalettizeMode::Unique) {
      std::vector<float> distinct;
      if (!uniqueRows(rows, dim, labels[g], distinct)) {
        groups[g].overflow = true;
        overflow = true;
        return;
      }
      luts[g].assign(distinct.begin(), distinct.end());
      return;
    }
    size_t entries = size_t(1) << nbits;
    std::vector<float> centroids;
    kmeansVectors(rows, dim, static_cast<unsigned>(entries), /*seed=*/0,
                  centroids, labels[g]);
    // Cast to the weight type, then reassign to the nearest cast row.
    std::vector<uint8_t> castBytes(entries * dim * elemSize);
    luts[g].resize(entries * dim);
    for (size_t i = 0; i < entries * dim; ++i) {
      storeRounded(weight.type, castBytes.data(), i, centroids[i]);
      luts[g][i] = loadFloat(weight.type, castBytes.data(), i);
    }
    nearestRows(rows, dim, luts[g], entries, labels[g]);
  };
  if (G == 1)
    runGroup(0);
  else
    llvm::parallelFor(0, G, runGroup);
  if (Status s = firstError(groups); !s)
    return s;
  if (overflow) {
    result = PalettizeResult();
    result.skipped = true;
    result.reason = kUniqueOverflow;
    return Status::success();
  }
  if (spec.mode == PalettizeMode::Unique) {
    size_t most = 0;
    for (const auto &lut : luts)
      most = std::max<size_t>(most, lut.size() / dim);
    nbits = std::max(spec.nbits, nbitsForCount(most));
  }
  size_t entries = size_t(1) << nbits;
  result.lut.assign(G * entries * dim * elemSize, 0);
  for (uint64_t g = 0; g < G; ++g) {
    for (size_t i = 0; i < luts[g].size(); ++i)
      storeRounded(weight.type, result.lut.data(), g * entries * dim + i,
                   luts[g][i]);
    for (uint64_t q = 0; q < gathered[g].vectors; ++q)
      result.indices[gathered[g].indexOffsets[q]] =
          static_cast<uint8_t>(labels[g][q]);
  }
  finishShapes(weight.shape, spec.channelAxis, layout, nbits, result);
  return Status::success();
}

} // namespace

Status palettize(const TensorRef &weight, const PalettizeSpec &spec,
                 PalettizeResult &result) {
  result = PalettizeResult();
  if (!weight.data && numElements(weight.shape) != 0)
    return Status::error("The weight has no data.");
  if (spec.nbits != 0 && !isSupportedNbits(spec.nbits))
    return Status::error("Invalid nbits. Support (1, 2, 3, 4, 6, 8), but got " +
                         std::to_string(spec.nbits));
  if ((spec.mode == PalettizeMode::KMeans ||
       spec.mode == PalettizeMode::Uniform) &&
      spec.nbits == 0)
    return Status::error(std::string("\"nbits\" must be provided for ") +
                         modeName(spec.mode) + " mode");
  if (spec.mode == PalettizeMode::Custom && !spec.lutFunction)
    return Status::error(
        "\"lut_function\" can not be None, if \"mode\" is \"custom\".");
  int64_t rank = static_cast<int64_t>(weight.shape.size());
  if (spec.channelAxis < 0 || spec.channelAxis >= rank)
    return Status::error("Invalid channel_axis. Should be in range [" +
                         std::to_string(-rank) + ", " + std::to_string(rank) +
                         "), but got " + std::to_string(spec.channelAxis));
  if (spec.groupSize < 0)
    return Status::error("Invalid group_size " +
                         std::to_string(spec.groupSize) +
                         ". It must be non-negative.");
  if (spec.clusterDim < 1)
    return Status::error("Invalid cluster_dim " +
                         std::to_string(spec.clusterDim) +
                         ". It must be positive.");
  if (numElements(weight.shape) == 0)
    return Status::error("Cannot palettize an empty weight.");

  Layout layout;
  int64_t axis = spec.channelAxis;
  for (int64_t d = 0; d < rank; ++d) {
    uint64_t dim = static_cast<uint64_t>(weight.shape[d]);
    if (d < axis)
      layout.outer *= dim;
    else if (d > axis)
      layout.inner *= dim;
  }
  layout.channels = static_cast<uint64_t>(weight.shape[axis]);
  layout.total = numElements(weight.shape);
  uint64_t groupSize = spec.groupSize == 0
                           ? layout.channels
                           : static_cast<uint64_t>(spec.groupSize);
  if (layout.channels % groupSize != 0) {
    result.skipped = true;
    result.reason = "Can't perform palettization: The number of channels at " +
                    std::to_string(axis) + "th axis (" +
                    std::to_string(layout.channels) +
                    ") is not divisible by channel_group_size (" +
                    std::to_string(groupSize) + ").";
    return Status::success();
  }
  if (groupSize % static_cast<uint64_t>(spec.clusterDim) != 0) {
    result.skipped = true;
    result.reason = "Can't perform palettization: The channel_group_size at " +
                    std::to_string(axis) + "th axis (" +
                    std::to_string(groupSize) +
                    ") is not divisible by cluster_dim (" +
                    std::to_string(spec.clusterDim) + ").";
    return Status::success();
  }
  if (spec.mode == PalettizeMode::Uniform && spec.clusterDim > 1)
    return Status::error("Vector palettization (cluster_dim > 1) doesn't "
                         "support UNIFORM mode.");
  layout.groupSize = groupSize;
  layout.numGroups = layout.channels / groupSize;
  layout.clusterDim = static_cast<uint64_t>(spec.clusterDim);

  if (spec.clusterDim > 1 || spec.mode == PalettizeMode::Custom)
    return palettizeGathered(weight, spec, layout, result);
  switch (weight.type) {
  case ElemType::Float16:
    return palettizeScalarKeys<HalfKeys>(weight, spec, layout, result);
  case ElemType::Int8:
    return palettizeScalarKeys<Int8Keys>(weight, spec, layout, result);
  case ElemType::UInt8:
    return palettizeScalarKeys<UInt8Keys>(weight, spec, layout, result);
  case ElemType::Float32:
    return palettizeScalarFloat(weight, spec, layout, result);
  }
  return Status::error("Unsupported weight type for palettization.");
}

Status perChannelScale(const TensorRef &weight, int64_t channelAxis,
                       std::vector<uint8_t> &scaled,
                       std::vector<int64_t> &scaleShape,
                       std::vector<uint8_t> &scale) {
  if (weight.type != ElemType::Float16 && weight.type != ElemType::Float32)
    return Status::error("Per-channel scale needs a floating-point weight "
                         "(fp16 or fp32).");
  int64_t rank = static_cast<int64_t>(weight.shape.size());
  if (channelAxis < 0 || channelAxis >= rank)
    return Status::error("Invalid channel_axis. Should be in range [" +
                         std::to_string(-rank) + ", " + std::to_string(rank) +
                         "), but got " + std::to_string(channelAxis));
  uint64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (d < channelAxis)
      outer *= static_cast<uint64_t>(weight.shape[d]);
    else if (d > channelAxis)
      inner *= static_cast<uint64_t>(weight.shape[d]);
  }
  uint64_t channels = static_cast<uint64_t>(weight.shape[channelAxis]);
  size_t elemSize = elemTypeSize(weight.type);
  scaleShape.assign(weight.shape.begin(), weight.shape.end());
  scaleShape[channelAxis] = 1;
  scale.assign(outer * inner * elemSize, 0);
  scaled.assign(outer * channels * inner * elemSize, 0);

  // |W| is exact in both types, so the maximum is taken on floats; numpy's
  // fp16 division rounds the float32 quotient to fp16.
  std::vector<float> s(outer * inner, 0.0f);
  for (uint64_t o = 0; o < outer; ++o)
    for (uint64_t c = 0; c < channels; ++c)
      for (uint64_t i = 0; i < inner; ++i) {
        float a = std::fabs(loadFloat(weight.type, weight.data,
                                      (o * channels + c) * inner + i));
        float &m = s[o * inner + i];
        if (a > m || std::isnan(a))
          m = a;
      }
  for (float &v : s)
    if (v == 0)
      v = 1;
  for (uint64_t p = 0; p < s.size(); ++p)
    storeRounded(weight.type, scale.data(), p, s[p]);
  for (uint64_t o = 0; o < outer; ++o)
    for (uint64_t c = 0; c < channels; ++c)
      for (uint64_t i = 0; i < inner; ++i) {
        uint64_t e = (o * channels + c) * inner + i;
        float q = loadFloat(weight.type, weight.data, e) / s[o * inner + i];
        if (weight.type == ElemType::Float16) {
          uint16_t h = floatToHalf(q);
          std::memcpy(&scaled[2 * e], &h, 2);
        } else {
          std::memcpy(&scaled[4 * e], &q, 4);
        }
      }
  return Status::success();
}

} // namespace mil::compression
