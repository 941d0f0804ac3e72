//===- Quantize.cpp - block-wise linear weight quantization ---------------===//
//
// Part of mil-mlir.
//
// Two passes over the weight: the min/max of every block, then the quantized
// value of every element. Adjacent axes are merged first, so the common
// layouts (per-tensor, per-channel on either axis, per-block) become rows
// whose runs of consecutive elements share a parameter. The min/max pass is
// split into tiles of rows x columns; partial results are merged in a fixed
// order (min/max are exact anyway), so the result never depends on how the
// tiles are scheduled. The quantization pass goes through contiguous ranges
// of elements (whole output bytes), with vector code where available (AVX2
// and F16C when the CPU has them, chosen at run time; else SSE2): a block
// with a finite nonzero scale holds only finite values, so its elements need
// no NaN or infinity handling and take a short branch-free vector path. Every
// path performs the same IEEE operations per element, so all give the same
// bytes (QuantizeKernels.VectorPathsMatchScalar).
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Quantize.h"

#include "CpuFeatures.h"
#include "ErrorStatsChunks.h"

#include "mil/Compression/Half.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Parallel.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/FileBackedMemory.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <tuple>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

using llvm::ArrayRef;
using llvm::SmallVector;

namespace mil::compression {

std::pair<int, int> quantRange(const QuantSpec &spec) {
  int levels = 1 << spec.bits;
  bool symmetric = spec.mode == QuantMode::LinearSymmetric;
  if (!spec.isSigned)
    return {0, levels - 1 - (symmetric ? 1 : 0)};
  return {-levels / 2 + (symmetric ? 1 : 0), levels / 2 - 1};
}

namespace {

/// The instruction set the kernels use; lower levels are for tests.
std::atomic<QuantKernel> &activeKernel() {
  static std::atomic<QuantKernel> kernel(bestQuantKernel());
  return kernel;
}

} // namespace

QuantKernel bestQuantKernel() {
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (cpuHasAVX2F16C())
    return QuantKernel::AVX2;
#endif
#if defined(__SSE2__)
  return QuantKernel::SSE2;
#else
  return QuantKernel::Scalar;
#endif
}

QuantKernel setQuantKernel(QuantKernel kernel) {
  QuantKernel best = bestQuantKernel();
  if (kernel > best)
    kernel = best;
  activeKernel().store(kernel, std::memory_order_relaxed);
  return kernel;
}

namespace {

inline bool useSSE2() {
  return activeKernel().load(std::memory_order_relaxed) >= QuantKernel::SSE2;
}
inline bool useAVX2() {
  return activeKernel().load(std::memory_order_relaxed) >= QuantKernel::AVX2;
}

/// Elements per task: large enough to amortize scheduling, small enough to
/// balance two to a few dozen threads.
constexpr int64_t kTaskElements = int64_t(1) << 15;
/// Runs at least this long are split into pieces rather than grouped.
constexpr int64_t kRunSplit = 4096;

/// Rounds `x` to fp16 precision (nearest even), staying in float. Exact for
/// results in fp16's normal range; smaller magnitudes (< 2^-14) are not
/// rounded as fp16 subnormals would be, which is harmless here because they
/// are only ever rounded to an integer (0) afterwards. NaN and inf survive.
inline float roundToHalfPrecision(float x) {
  uint32_t bits = floatToBits(x);
  bits = (bits + 0xFFF + ((bits >> 13) & 1)) & ~uint32_t(0x1FFF);
  return bitsToFloat(bits);
}

/// Order-preserving integer keys, so min/max reduce with integer compares:
/// negative values get their magnitude bits flipped. NaNs land beyond the
/// infinities, so a NaN anywhere shows up as the min or the max.
inline int16_t halfKey(uint16_t h) {
  int16_t v = static_cast<int16_t>(h);
  return static_cast<int16_t>(v ^ ((v >> 15) & 0x7FFF));
}
inline int32_t floatKey(uint32_t u) {
  int32_t v = static_cast<int32_t>(u);
  return v ^ ((v >> 31) & 0x7FFFFFFF);
}
/// The keys are involutions.
inline uint16_t halfFromKey(int32_t key) {
  return static_cast<uint16_t>(halfKey(static_cast<uint16_t>(key)));
}
inline float floatFromKey(int32_t key) {
  return bitsToFloat(
      static_cast<uint32_t>(floatKey(static_cast<uint32_t>(key))));
}

/// The weight seen as blocks: merged axes, outermost first.
struct Layout {
  SmallVector<int64_t, 6> dim, extent, params;
  int64_t numParams = 1;

  int rank() const { return static_cast<int>(dim.size()); }
};

/// Merges axes whose block structure allows it: a following whole axis joins
/// the previous axis's blocks; an axis with one-element blocks joins the
/// next. Axes of size 1 are dropped.
Layout buildLayout(ArrayRef<int64_t> shape, ArrayRef<int64_t> blockSizes) {
  Layout layout;
  for (size_t a = 0; a < shape.size(); ++a) {
    int64_t dim = shape[a];
    if (dim == 1)
      continue;
    int64_t extent = blockSizes[a] > 0 ? blockSizes[a] : dim;
    layout.dim.push_back(dim);
    layout.extent.push_back(extent);
    layout.params.push_back(dim / extent);
    while (layout.dim.size() >= 2) {
      size_t b = layout.dim.size() - 1, a2 = b - 1;
      if (layout.params[b] == 1) {
        layout.extent[a2] *= layout.dim[b];
      } else if (layout.extent[a2] == 1) {
        layout.params[a2] *= layout.params[b];
        layout.extent[a2] = layout.extent[b];
      } else {
        break;
      }
      layout.dim[a2] *= layout.dim[b];
      layout.dim.pop_back();
      layout.extent.pop_back();
      layout.params.pop_back();
    }
  }
  if (layout.dim.empty()) {
    layout.dim.push_back(1);
    layout.extent.push_back(1);
    layout.params.push_back(1);
  }
  for (int64_t p : layout.params)
    layout.numParams *= p;
  return layout;
}

/// The work decomposition. The last merged axis is the "row" (its runs of
/// `runExtent` elements share one parameter); the other merged axes are
/// flattened into rows. Tasks are tiles of rows x columns: a column chunk
/// is a group of whole runs, or a piece of one long run.
struct Geometry {
  Layout layout;
  int64_t rows = 1, rowLength = 1, runExtent = 1, rowParams = 1;
  /// Consecutive rows sharing their parameters (rank 2: the block extent
  /// of axis 0; rank 1: 1); 0 when such rows are not contiguous (rank > 2).
  int64_t groupRows = 1;
  int64_t piecesPerRun = 1, pieceLength = 0, runsPerChunk = 1;
  int64_t colChunks = 1, maxChunkParams = 1, rowsPerTask = 1;

  explicit Geometry(Layout merged) : layout(std::move(merged)) {
    int rank = layout.rank();
    rowLength = layout.dim[rank - 1];
    runExtent = layout.extent[rank - 1];
    rowParams = layout.params[rank - 1];
    for (int a = 0; a + 1 < rank; ++a)
      rows *= layout.dim[a];
    groupRows = rank == 1 ? 1 : rank == 2 ? layout.extent[0] : 0;
    int64_t chunkWidth;
    if (runExtent >= kRunSplit) {
      piecesPerRun = (runExtent + kTaskElements - 1) / kTaskElements;
      pieceLength = (runExtent + piecesPerRun - 1) / piecesPerRun;
      colChunks = rowParams * piecesPerRun;
      chunkWidth = pieceLength;
    } else {
      runsPerChunk = std::max<int64_t>(
          1, std::min<int64_t>(rowParams, kRunSplit / runExtent));
      colChunks = (rowParams + runsPerChunk - 1) / runsPerChunk;
      maxChunkParams = runsPerChunk;
      chunkWidth = runsPerChunk * runExtent;
    }
    rowsPerTask = std::max<int64_t>(1, kTaskElements / chunkWidth);
  }

  /// Columns [begin, end) of column chunk `chunk`.
  std::pair<int64_t, int64_t> columns(int64_t chunk) const {
    if (runExtent >= kRunSplit) {
      int64_t run = chunk / piecesPerRun;
      int64_t begin = run * runExtent + (chunk % piecesPerRun) * pieceLength;
      return {begin, std::min(begin + pieceLength, (run + 1) * runExtent)};
    }
    int64_t begin = chunk * runsPerChunk * runExtent;
    return {begin, std::min((chunk + 1) * runsPerChunk, rowParams) * runExtent};
  }

  /// Index of the first parameter of row `row`.
  int64_t rowParamBase(int64_t row) const {
    int rank = layout.rank();
    if (rank == 1)
      return 0;
    if (rank == 2)
      return (row / layout.extent[0]) * rowParams;
    int64_t base = 0, stride = rowParams;
    for (int a = rank - 2; a >= 0; --a) {
      base += ((row % layout.dim[a]) / layout.extent[a]) * stride;
      row /= layout.dim[a];
      stride *= layout.params[a];
    }
    return base;
  }
};

template <typename Fn> void runTasks(int64_t numTasks, Fn &&fn) {
  if (numTasks <= 1) {
    for (int64_t i = 0; i < numTasks; ++i)
      fn(i);
    return;
  }
  llvm::parallelFor(0, static_cast<size_t>(numTasks),
                    [&](size_t i) { fn(static_cast<int64_t>(i)); });
}

/// Per block min/max as order keys (see halfKey / floatKey).
struct KeyRange {
  int32_t low = std::numeric_limits<int32_t>::max();
  int32_t high = std::numeric_limits<int32_t>::min();
  void merge(const KeyRange &other) {
    low = std::min(low, other.low);
    high = std::max(high, other.high);
  }
};

#if defined(MIL_HAVE_AVX2_KERNELS)
/// halfKey / floatKey of 16 halves / 8 floats.
MIL_TARGET_AVX2 inline __m256i halfKeys(__m256i v) {
  return _mm256_xor_si256(
      v, _mm256_and_si256(_mm256_srai_epi16(v, 15), _mm256_set1_epi16(0x7FFF)));
}
MIL_TARGET_AVX2 inline __m256i floatKeys(__m256i v) {
  return _mm256_xor_si256(v, _mm256_and_si256(_mm256_srai_epi32(v, 31),
                                              _mm256_set1_epi32(0x7FFFFFFF)));
}

/// reduceRun's min/max keys of p[0, count - count % 16 (halves) or 8).
template <bool IsHalf>
MIL_TARGET_AVX2 KeyRange reduceRunAVX2(const void *data, int64_t count) {
  const auto *p = static_cast<const __m256i *>(data);
  constexpr int64_t kLanes = IsHalf ? 16 : 8;
  int64_t vectors = count / kLanes;
  __m256i low = IsHalf ? _mm256_set1_epi16(0x7FFF)
                       : _mm256_set1_epi32(std::numeric_limits<int32_t>::max());
  __m256i high = IsHalf
                     ? _mm256_set1_epi16(static_cast<int16_t>(0x8000))
                     : _mm256_set1_epi32(std::numeric_limits<int32_t>::min());
  for (int64_t i = 0; i < vectors; ++i) {
    __m256i v = _mm256_loadu_si256(p + i);
    if constexpr (IsHalf) {
      __m256i key = halfKeys(v);
      low = _mm256_min_epi16(low, key);
      high = _mm256_max_epi16(high, key);
    } else {
      __m256i key = floatKeys(v);
      low = _mm256_min_epi32(low, key);
      high = _mm256_max_epi32(high, key);
    }
  }
  KeyRange range;
  if constexpr (IsHalf) {
    alignas(32) int16_t lows[16], highs[16];
    _mm256_store_si256(reinterpret_cast<__m256i *>(lows), low);
    _mm256_store_si256(reinterpret_cast<__m256i *>(highs), high);
    for (int k = 0; k < 16; ++k) {
      range.low = std::min<int32_t>(range.low, lows[k]);
      range.high = std::max<int32_t>(range.high, highs[k]);
    }
  } else {
    alignas(32) int32_t lows[8], highs[8];
    _mm256_store_si256(reinterpret_cast<__m256i *>(lows), low);
    _mm256_store_si256(reinterpret_cast<__m256i *>(highs), high);
    for (int k = 0; k < 8; ++k) {
      range.low = std::min(range.low, lows[k]);
      range.high = std::max(range.high, highs[k]);
    }
  }
  return range;
}
#endif

template <bool IsHalf>
KeyRange reduceRun(const void *data, int64_t offset, int64_t count) {
  KeyRange range;
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (useAVX2() && count >= 64) {
    constexpr int64_t kLanes = IsHalf ? 16 : 8;
    constexpr size_t kBytes = IsHalf ? 2 : 4;
    int64_t head = count - count % kLanes;
    range = reduceRunAVX2<IsHalf>(
        static_cast<const uint8_t *>(data) + offset * kBytes, head);
    if (head == count)
      return range;
    range.merge(reduceRun<IsHalf>(data, offset + head, count - head));
    return range;
  }
#endif
  if constexpr (IsHalf) {
    const uint16_t *p = static_cast<const uint16_t *>(data) + offset;
    int16_t low = std::numeric_limits<int16_t>::max();
    int16_t high = std::numeric_limits<int16_t>::min();
    for (int64_t i = 0; i < count; ++i) {
      int16_t key = halfKey(p[i]);
      low = key < low ? key : low;
      high = key > high ? key : high;
    }
    range.low = low;
    range.high = high;
  } else {
    const uint32_t *p = static_cast<const uint32_t *>(data) + offset;
    int32_t low = std::numeric_limits<int32_t>::max();
    int32_t high = std::numeric_limits<int32_t>::min();
    for (int64_t i = 0; i < count; ++i) {
      int32_t key = floatKey(p[i]);
      low = key < low ? key : low;
      high = key > high ? key : high;
    }
    range.low = low;
    range.high = high;
  }
  return range;
}

/// What pass 2 needs of a block: the divisor and the zero point (NaN when
/// numpy's is NaN, which makes every element 0).
struct BlockParams {
  float scale;
  float zeroPoint;
};

/// halfToFloat(floatToHalf(x)) without branches (per-block quantization
/// computes millions of parameters): normal results round the mantissa to
/// 10 bits, subnormal ones to a multiple of 2^-24 by adding and removing
/// 0.75 (whose ulp is 2^-24), large ones overflow to inf, and a NaN becomes
/// the quiet NaN of its sign.
inline float roundThroughHalf(float x) {
  uint32_t bits = floatToBits(x);
  uint32_t sign = bits & 0x80000000u, magnitude = bits & 0x7FFFFFFFu;
  uint32_t normal =
      sign | ((magnitude + 0xFFF + ((magnitude >> 13) & 1)) & ~0x1FFFu);
  uint32_t subnormal = sign | floatToBits((std::fabs(x) + 0.75f) - 0.75f);
  uint32_t result = magnitude < 0x38800000u ? subnormal : normal;
  result = magnitude >= 0x477FF000u ? sign | 0x7F800000u : result;
  result = magnitude > 0x7F800000u ? sign | 0x7FC00000u : result;
  return bitsToFloat(result);
}

/// The weight-dtype arithmetic of numpy: with fp16 every result is rounded
/// to fp16 (numpy computes fp16 ops in float32 and rounds once).
template <bool IsHalf> float inWeightType(float x) {
  if constexpr (IsHalf)
    return roundThroughHalf(x);
  else
    return x;
}

/// float(a) * float(b) rounded once to float (and then to the weight dtype);
/// going through double keeps the compiler from fusing it into an FMA.
template <bool IsHalf> float mul(float a, float b) {
  return inWeightType<IsHalf>(
      static_cast<float>(static_cast<double>(a) * static_cast<double>(b)));
}

/// quantize_weight_by_dtype's parameter math for one block whose min and max
/// are `low` and `high` (exact values of the weight dtype).
template <bool IsHalf>
BlockParams computeParams(float low, float high, const QuantSpec &spec,
                          int qmin, int qmax, uint8_t *scaleOut,
                          uint8_t *offsetOut) {
  float lo, hi;
  if (spec.mode == QuantMode::LinearSymmetric) {
    float maxAbs = std::max(std::fabs(low), std::fabs(high));
    if (std::isnan(low) || std::isnan(high))
      maxAbs = std::numeric_limits<float>::quiet_NaN();
    lo = -maxAbs;
    hi = maxAbs;
  } else {
    lo = std::isnan(low) ? low : std::min(0.0f, low);
    hi = std::isnan(high) ? high : std::max(0.0f, high);
  }
  float span = inWeightType<IsHalf>(hi - lo);
  float scale = inWeightType<IsHalf>(span / static_cast<float>(qmax - qmin));

  float zeroPoint = 0.0f;
  bool hasOffset = true;
  if (spec.mode == QuantMode::Linear) {
    float numerator =
        inWeightType<IsHalf>(mul<IsHalf>(static_cast<float>(qmin), hi) -
                             mul<IsHalf>(static_cast<float>(qmax), lo));
    zeroPoint = std::nearbyint(inWeightType<IsHalf>(numerator / span));
    if (!std::isnan(zeroPoint))
      zeroPoint = std::min(std::max(zeroPoint, static_cast<float>(qmin)),
                           static_cast<float>(qmax));
  } else if (!spec.isSigned) {
    zeroPoint = static_cast<float>(qmax / 2);
  } else {
    hasOffset = false;
  }

  if constexpr (IsHalf) {
    uint16_t bits = floatToHalf(scale);
    scaleOut[0] = static_cast<uint8_t>(bits);
    scaleOut[1] = static_cast<uint8_t>(bits >> 8);
  } else {
    uint32_t bits = floatToBits(scale);
    for (int i = 0; i < 4; ++i)
      scaleOut[i] = static_cast<uint8_t>(bits >> (8 * i));
  }
  if (hasOffset)
    *offsetOut = std::isnan(zeroPoint)
                     ? 0
                     : static_cast<uint8_t>(static_cast<int>(zeroPoint));
  return {scale, zeroPoint};
}

/// q = clip(round(w / scale) + z, qmin, qmax) for one element; NaN gives 0.
template <bool IsHalf>
inline uint8_t quantizeOne(const void *data, int64_t index, float scale,
                           float zeroPoint, float qmin, float qmax) {
  // Clamping w / scale to +-1024 before rounding changes no clipped result
  // (|z| <= 255) and keeps the magic-number rounding exact.
  const float limit = 1024.0f;
  const float magic = 12582912.0f; // 1.5 * 2^23: x + magic rounds to integer
  float w;
  if constexpr (IsHalf)
    w = halfToFloat(static_cast<const uint16_t *>(data)[index]);
  else
    w = bitsToFloat(static_cast<const uint32_t *>(data)[index]);
  float x = w / scale;
  if constexpr (IsHalf)
    x = roundToHalfPrecision(x);
  x = x < -limit ? -limit : x;
  x = x > limit ? limit : x;
  float y = ((x + magic) - magic) + zeroPoint;
  y = y == y ? y : 0.0f;
  y = y < qmin ? qmin : y;
  y = y > qmax ? qmax : y;
  return static_cast<uint8_t>(static_cast<int>(y));
}

/// Whether the vector path may quantize a block: a finite nonzero scale
/// means every element of the block is finite (an infinity or a NaN makes
/// the span, and so the scale, inf or NaN), so w / scale is never NaN and
/// rounding needs no range clamp.
inline bool isRegular(BlockParams params) {
  return std::isfinite(params.scale) && params.scale != 0.0f &&
         std::isfinite(params.zeroPoint);
}

#if defined(__SSE2__)
/// fp16 bits of finite values, zero-extended in 32-bit lanes -> float,
/// exactly. Subnormals are converted as integers times 2^-24, so no denormal
/// arithmetic is involved.
inline __m128 finiteHalfToFloat(__m128i h) {
  __m128i magnitude = _mm_and_si128(h, _mm_set1_epi32(0x7FFF));
  __m128i sign = _mm_slli_epi32(_mm_xor_si128(h, magnitude), 16);
  __m128i normal =
      _mm_add_epi32(_mm_slli_epi32(magnitude, 13), _mm_set1_epi32(0x38000000));
  __m128i subnormal = _mm_castps_si128(
      _mm_mul_ps(_mm_cvtepi32_ps(magnitude), _mm_set1_ps(0x1p-24f)));
  __m128i isNormal = _mm_cmpgt_epi32(magnitude, _mm_set1_epi32(0x3FF));
  __m128i bits = _mm_or_si128(_mm_and_si128(isNormal, normal),
                              _mm_andnot_si128(isNormal, subnormal));
  return _mm_castsi128_ps(_mm_or_si128(bits, sign));
}

/// quantizeOne for four finite elements of regular blocks. Without NaNs and
/// with |z| <= 255, the +-1024 clamp before rounding changes nothing: the
/// magic-number rounding keeps the sign and size of larger values, which
/// then clip to the same bound.
template <bool IsHalf>
inline __m128i quantize4(__m128 w, __m128 scale, __m128 zeroPoint, __m128 qmin,
                         __m128 qmax) {
  __m128 x = _mm_div_ps(w, scale);
  if constexpr (IsHalf) {
    __m128i bits = _mm_castps_si128(x);
    __m128i lsb = _mm_and_si128(_mm_srli_epi32(bits, 13), _mm_set1_epi32(1));
    bits = _mm_add_epi32(bits, _mm_add_epi32(lsb, _mm_set1_epi32(0xFFF)));
    x = _mm_castsi128_ps(_mm_and_si128(bits, _mm_set1_epi32(~0x1FFF)));
  }
  const __m128 magic = _mm_set1_ps(12582912.0f);
  __m128 y = _mm_add_ps(_mm_sub_ps(_mm_add_ps(x, magic), magic), zeroPoint);
  y = _mm_min_ps(_mm_max_ps(y, qmin), qmax);
  return _mm_cvttps_epi32(y);
}

/// Quantizes 16 elements from `in` into 16 bytes at `out`; `params(k)` gives
/// the scale and zero point vectors of elements [4k, 4k + 4).
template <bool IsHalf, bool Signed, typename Params>
inline void quantize16(const void *in, uint8_t *out, __m128 qmin, __m128 qmax,
                       Params &&params) {
  __m128 w[4];
  if constexpr (IsHalf) {
    const __m128i zero = _mm_setzero_si128();
    const auto *h = static_cast<const __m128i *>(in);
    __m128i a = _mm_loadu_si128(h), b = _mm_loadu_si128(h + 1);
    w[0] = finiteHalfToFloat(_mm_unpacklo_epi16(a, zero));
    w[1] = finiteHalfToFloat(_mm_unpackhi_epi16(a, zero));
    w[2] = finiteHalfToFloat(_mm_unpacklo_epi16(b, zero));
    w[3] = finiteHalfToFloat(_mm_unpackhi_epi16(b, zero));
  } else {
    const float *f = static_cast<const float *>(in);
    for (int k = 0; k < 4; ++k)
      w[k] = _mm_loadu_ps(f + 4 * k);
  }
  __m128i q[4];
  for (int k = 0; k < 4; ++k) {
    auto [scale, zeroPoint] = params(k);
    q[k] = quantize4<IsHalf>(w[k], scale, zeroPoint, qmin, qmax);
  }
  // The values lie in [qmin, qmax], so the saturating packs are exact.
  __m128i low = _mm_packs_epi32(q[0], q[1]), high = _mm_packs_epi32(q[2], q[3]);
  __m128i bytes =
      Signed ? _mm_packs_epi16(low, high) : _mm_packus_epi16(low, high);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(out), bytes);
}
#endif

#if defined(MIL_HAVE_AVX2_KERNELS)
/// quantize4 for eight elements: the same IEEE operations in the same order,
/// so the same results.
template <bool IsHalf>
MIL_TARGET_AVX2 inline __m256i
quantize8(__m256 w, __m256 scale, __m256 zeroPoint, __m256 qmin, __m256 qmax) {
  __m256 x = _mm256_div_ps(w, scale);
  if constexpr (IsHalf) {
    __m256i bits = _mm256_castps_si256(x);
    __m256i lsb =
        _mm256_and_si256(_mm256_srli_epi32(bits, 13), _mm256_set1_epi32(1));
    bits =
        _mm256_add_epi32(bits, _mm256_add_epi32(lsb, _mm256_set1_epi32(0xFFF)));
    x = _mm256_castsi256_ps(_mm256_and_si256(bits, _mm256_set1_epi32(~0x1FFF)));
  }
  const __m256 magic = _mm256_set1_ps(12582912.0f);
  __m256 y =
      _mm256_add_ps(_mm256_sub_ps(_mm256_add_ps(x, magic), magic), zeroPoint);
  y = _mm256_min_ps(_mm256_max_ps(y, qmin), qmax);
  return _mm256_cvttps_epi32(y);
}

/// Quantizes 32 elements from `in` into 32 bytes at `out`; elements
/// [8k, 8k + 8) use scale[k] and zeroPoint[k]. F16C converts finite fp16
/// exactly, subnormals included.
template <bool IsHalf, bool Signed>
MIL_TARGET_AVX2 inline void
quantize32(const uint8_t *in, uint8_t *out, const __m256 *scale,
           const __m256 *zeroPoint, __m256 qmin, __m256 qmax) {
  __m256i q[4];
  for (int k = 0; k < 4; ++k) {
    __m256 w;
    if constexpr (IsHalf)
      w = _mm256_cvtph_ps(
          _mm_loadu_si128(reinterpret_cast<const __m128i *>(in) + k));
    else
      w = _mm256_loadu_ps(reinterpret_cast<const float *>(in) + 8 * k);
    q[k] = quantize8<IsHalf>(w, scale[k], zeroPoint[k], qmin, qmax);
  }
  // The values lie in [qmin, qmax], so the saturating packs are exact; they
  // work within 128-bit lanes, and the permutation puts the 4-byte groups
  // back in order.
  __m256i low = _mm256_packs_epi32(q[0], q[1]);
  __m256i high = _mm256_packs_epi32(q[2], q[3]);
  __m256i bytes =
      Signed ? _mm256_packs_epi16(low, high) : _mm256_packus_epi16(low, high);
  bytes = _mm256_permutevar8x32_epi32(
      bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(out), bytes);
}

/// quantizeRun's vector part: elements [begin, end) of `in` in steps of 32,
/// all with `params` (regular); returns where it stopped.
template <bool IsHalf, bool Signed>
MIL_TARGET_AVX2 int64_t quantizeRunAVX2(const uint8_t *in, int64_t begin,
                                        int64_t end, BlockParams params,
                                        float qmin, float qmax, uint8_t *out) {
  constexpr size_t kBytes = IsHalf ? 2 : 4;
  __m256 scale[4], zeroPoint[4];
  for (int k = 0; k < 4; ++k) {
    scale[k] = _mm256_set1_ps(params.scale);
    zeroPoint[k] = _mm256_set1_ps(params.zeroPoint);
  }
  __m256 lo = _mm256_set1_ps(qmin), hi = _mm256_set1_ps(qmax);
  int64_t j = begin;
  for (; j + 32 <= end; j += 32)
    quantize32<IsHalf, Signed>(in + j * kBytes, out + (j - begin), scale,
                               zeroPoint, lo, hi);
  return j;
}

/// quantizeColumns' vector part: one (regular) parameter per column.
template <bool IsHalf, bool Signed>
MIL_TARGET_AVX2 int64_t quantizeColumnsAVX2(const uint8_t *in, int64_t begin,
                                            int64_t end, const float *scales,
                                            const float *zeroPoints, float qmin,
                                            float qmax, uint8_t *out) {
  constexpr size_t kBytes = IsHalf ? 2 : 4;
  __m256 lo = _mm256_set1_ps(qmin), hi = _mm256_set1_ps(qmax);
  int64_t j = begin;
  for (; j + 32 <= end; j += 32) {
    __m256 scale[4], zeroPoint[4];
    for (int k = 0; k < 4; ++k) {
      scale[k] = _mm256_loadu_ps(scales + j + 8 * k);
      zeroPoint[k] = _mm256_loadu_ps(zeroPoints + j + 8 * k);
    }
    quantize32<IsHalf, Signed>(in + j * kBytes, out + (j - begin), scale,
                               zeroPoint, lo, hi);
  }
  return j;
}
#endif

/// Elements [begin, begin + count) of `row`, sharing `params`, into
/// out[0, count).
template <bool IsHalf>
void quantizeRun(const void *row, int64_t begin, int64_t count,
                 BlockParams params, float qmin, float qmax, uint8_t *out) {
  int64_t j = begin, end = begin + count;
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (useAVX2() && isRegular(params)) {
    const uint8_t *in = static_cast<const uint8_t *>(row);
    j = qmin < 0.0f
            ? quantizeRunAVX2<IsHalf, true>(in, j, end, params, qmin, qmax, out)
            : quantizeRunAVX2<IsHalf, false>(in, j, end, params, qmin, qmax,
                                             out);
  }
#endif
#if defined(__SSE2__)
  if (useSSE2() && isRegular(params)) {
    const size_t elementBytes = IsHalf ? 2 : 4;
    const uint8_t *in = static_cast<const uint8_t *>(row);
    __m128 scale = _mm_set1_ps(params.scale);
    __m128 zeroPoint = _mm_set1_ps(params.zeroPoint);
    __m128 lo = _mm_set1_ps(qmin), hi = _mm_set1_ps(qmax);
    auto same = [&](int) { return std::pair(scale, zeroPoint); };
    if (qmin < 0.0f)
      for (; j + 16 <= end; j += 16)
        quantize16<IsHalf, true>(in + j * elementBytes, out + (j - begin), lo,
                                 hi, same);
    else
      for (; j + 16 <= end; j += 16)
        quantize16<IsHalf, false>(in + j * elementBytes, out + (j - begin), lo,
                                  hi, same);
  }
#endif
  for (; j < end; ++j)
    out[j - begin] =
        quantizeOne<IsHalf>(row, j, params.scale, params.zeroPoint, qmin, qmax);
}

/// Columns [begin, end) of `row` with one parameter per column (`scales[j]`)
/// into out[0, end - begin); `regular` tells whether every parameter is.
template <bool IsHalf>
void quantizeColumns(const void *row, int64_t begin, int64_t end,
                     const float *scales, const float *zeroPoints, bool regular,
                     float qmin, float qmax, uint8_t *out) {
  int64_t j = begin;
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (useAVX2() && regular) {
    const uint8_t *in = static_cast<const uint8_t *>(row);
    j = qmin < 0.0f
            ? quantizeColumnsAVX2<IsHalf, true>(in, j, end, scales, zeroPoints,
                                                qmin, qmax, out)
            : quantizeColumnsAVX2<IsHalf, false>(in, j, end, scales, zeroPoints,
                                                 qmin, qmax, out);
  }
#endif
#if defined(__SSE2__)
  if (useSSE2() && regular) {
    const size_t elementBytes = IsHalf ? 2 : 4;
    const uint8_t *in = static_cast<const uint8_t *>(row);
    __m128 lo = _mm_set1_ps(qmin), hi = _mm_set1_ps(qmax);
    for (; j + 16 <= end; j += 16) {
      auto at = [&](int k) {
        return std::pair(_mm_loadu_ps(scales + j + 4 * k),
                         _mm_loadu_ps(zeroPoints + j + 4 * k));
      };
      uint8_t *dst = out + (j - begin);
      if (qmin < 0.0f)
        quantize16<IsHalf, true>(in + j * elementBytes, dst, lo, hi, at);
      else
        quantize16<IsHalf, false>(in + j * elementBytes, dst, lo, hi, at);
    }
  }
#endif
  for (; j < end; ++j)
    out[j - begin] =
        quantizeOne<IsHalf>(row, j, scales[j], zeroPoints[j], qmin, qmax);
}

/// Accumulates the keys of row columns [begin, end), whose bytes start at
/// `in`, into `ranges`, indexed by parameter relative to begin's parameter.
template <bool IsHalf>
void reduceColumns(const void *in, int64_t begin, int64_t end,
                   int64_t runExtent, KeyRange *ranges) {
  if (runExtent == 1) {
    // One parameter per column: elementwise min/max, vectorizable.
    for (int64_t j = 0; j < end - begin; ++j) {
      int32_t key;
      if constexpr (IsHalf)
        key = halfKey(static_cast<const uint16_t *>(in)[j]);
      else
        key = floatKey(static_cast<const uint32_t *>(in)[j]);
      KeyRange &range = ranges[j];
      range.low = key < range.low ? key : range.low;
      range.high = key > range.high ? key : range.high;
    }
    return;
  }
  int64_t first = begin / runExtent;
  for (int64_t j = begin; j < end;) {
    int64_t run = j / runExtent;
    int64_t stop = std::min(end, (run + 1) * runExtent);
    ranges[run - first].merge(reduceRun<IsHalf>(in, j - begin, stop - j));
    j = stop;
  }
}

/// Whether a float weight holds +inf or -inf (a branch-free scan).
bool scanForInf(const TensorRef &w) {
  uint64_t n = numElements(w.shape);
  bool any = false;
  if (w.type == ElemType::Float16) {
    const auto *h = static_cast<const uint16_t *>(w.data);
    for (uint64_t i = 0; i < n; ++i)
      any |= (h[i] & 0x7FFF) == 0x7C00;
    return any;
  }
  if (w.type != ElemType::Float32)
    return false;
  const auto *f = static_cast<const uint32_t *>(w.data);
  for (uint64_t i = 0; i < n; ++i)
    any |= (f[i] & 0x7FFFFFFF) == 0x7F800000;
  return any;
}

/// Quantizes the weight into `dest`: one byte per element, or packed when
/// `packed` and the width is 4 bits.
template <bool IsHalf> class Quantizer {
public:
  Quantizer(const TensorRef &weight, const QuantSpec &spec, const Geometry &geo,
            QuantParams &out, uint8_t *dest, bool packed)
      : spec(spec), geo(geo), out(out), dest(dest),
        packed(packed && spec.bits == 4),
        data(static_cast<const uint8_t *>(weight.data)),
        rowBytes(geo.rowLength * kElementBytes),
        count(static_cast<int64_t>(numElements(weight.shape))), weight(weight) {
    std::tie(qmin, qmax) = quantRange(spec);
    numParams = geo.layout.numParams;
    hasOffset = !(spec.mode == QuantMode::LinearSymmetric && spec.isSigned);
    out.scale.assign(numParams * kElementBytes, 0);
    if (hasOffset)
      out.offset.assign(numParams, 0);
    scales.resize(numParams);
    zeroPoints.resize(numParams);
    // The error is measured in blockwiseShiftScaleError's chunks: one task
    // of the fused route each, so units must tile them.
    int64_t unitElements = fusedUnit().first;
    measuring = spec.measureError && IsHalf && !hasOffset &&
                activeStatsKernel() == StatsKernel::AVX2 && unitElements > 0 &&
                int64_t(detail::kStatsChunk) % unitElements == 0;
    if (measuring)
      chunkStats.resize((count + detail::kStatsChunk - 1) /
                        detail::kStatsChunk);
  }

  /// Units a task of the fused route: one stats chunk when measuring, else
  /// about kTaskElements (the size only affects speed, not bytes).
  int64_t unitsPerTask(int64_t unitElements) const {
    if (measuring)
      return int64_t(detail::kStatsChunk) / unitElements;
    return std::max<int64_t>(1, kTaskElements / unitElements);
  }

  /// The error measured by the fused route, if it measured every chunk.
  std::optional<ErrorStats> measuredError() const {
    if (!measuring || measureFailed.load())
      return std::nullopt;
    std::vector<ErrorStats> chunks(chunkStats);
    return detail::combineChunks(chunks);
  }

  /// Returns false (and clears the parameters) when spec.rejectInf and the
  /// weight holds an infinity.
  bool run() {
    // A unit is a contiguous range of elements holding whole blocks: a run
    // (one merged axis), or a group of rows sharing their parameters.
    int64_t unitElements = fusedUnit().first;
    bool ok = unitElements > 0 ? runFused(unitElements) : runTwoPass();
    if (!ok) {
      out.scale.clear();
      out.offset.clear();
      out.hasInf = true;
    }
    return ok;
  }

  /// The unit of the fused route, elements and parameters: {0, 0} when
  /// the layout has none that is small enough (then pass 1 reads the
  /// whole weight before pass 2).
  std::pair<int64_t, int64_t> fusedUnit() const {
    const Layout &layout = geo.layout;
    int64_t unitElements = 0, unitParams = 0;
    if (layout.rank() == 1 && geo.rowParams > 1) {
      unitElements = geo.runExtent;
      unitParams = 1;
    } else if (layout.rank() == 2 && geo.groupRows > 0 &&
               geo.rows > geo.groupRows) {
      unitElements = geo.groupRows * geo.rowLength;
      unitParams = geo.rowParams;
    }
    if (unitElements > kFusedUnit || (packed && unitElements % 2))
      return {0, 0};
    return {unitElements, unitParams};
  }

  /// Units [firstUnit, lastUnit) of fusedUnit(): their min/max, then their
  /// parameters (into `out` at their indices), then their elements, still
  /// in cache, into `to`, the byte of the first unit's first element. With
  /// spec.rejectInf, `sawInf` and `sawNaN` tell whether the units' ranges
  /// hold an infinity or a NaN (which may hide one).
  void fuseUnits(int64_t firstUnit, int64_t lastUnit, uint8_t *to, bool &sawInf,
                 bool &sawNaN) {
    auto [unitElements, unitParams] = fusedUnit();
    int64_t firstParam = firstUnit * unitParams;
    int64_t first = firstUnit * unitElements;
    int64_t units = lastUnit - firstUnit;
    thread_local ReadBuffer buffer;
    const auto *in = readElements(buffer, first, units * unitElements);
    SmallVector<KeyRange, 64> ranges(units * unitParams);
    if (unitParams == 1) {
      for (int64_t unit = 0; unit < units; ++unit)
        ranges[unit] = reduceRun<IsHalf>(in, unit * unitElements, unitElements);
    } else {
      for (int64_t row = 0; row < units * geo.groupRows; ++row)
        reduceColumns<IsHalf>(
            in + row * rowBytes, 0, geo.rowLength, geo.runExtent,
            ranges.data() + (row / geo.groupRows) * unitParams);
    }
    if (spec.rejectInf)
      for (const KeyRange &range : ranges)
        sawInf |= infinityIn(range, sawNaN);
    bool regular = computeBlockParams(
        firstParam, firstParam + static_cast<int64_t>(ranges.size()),
        ranges.data());
    writeRange(first, lastUnit * unitElements, regular, in, to);
    if (measuring)
      measureChunk(firstUnit, lastUnit, in, to);
  }

private:
  static constexpr size_t kElementBytes = IsHalf ? 2 : 4;

  /// The bytes of elements [first, first + n): copied into `buffer` with
  /// pread when the weight is a mapped file, whose first touch costs more
  /// than the copy (FileBackedMemory.h).
  const uint8_t *readElements(ReadBuffer &buffer, int64_t first,
                              int64_t n) const {
    return static_cast<const uint8_t *>(
        buffer.read(data + first * kElementBytes, n * kElementBytes));
  }
  /// The stats of units [firstUnit, lastUnit), one whole stats chunk (or
  /// the weight's last one), from their fp16 elements `ref` and their
  /// quantized bytes `data`, as blockwiseShiftScaleError measures the chunk
  /// (scales as floats, runs of elements sharing one). Anything else (a
  /// misaligned task, a non-finite scale) gives up the measurement.
  void measureChunk(int64_t firstUnit, int64_t lastUnit, const uint8_t *ref,
                    const uint8_t *data) {
    auto [unitElements, unitParams] = fusedUnit();
    const auto chunk = static_cast<int64_t>(detail::kStatsChunk);
    int64_t begin = firstUnit * unitElements, end = lastUnit * unitElements;
    if (begin % chunk || (end - begin != chunk && end != count)) {
      measureFailed = true;
      return;
    }
    thread_local std::vector<detail::ScaleRun> runs;
    runs.clear();
    auto push = [&](int64_t runEnd, int64_t param) {
      uint16_t h;
      std::memcpy(&h, out.scale.data() + param * 2, 2);
      if ((h & 0x7FFF) >= 0x7C00)
        measureFailed = true;
      runs.push_back({static_cast<uint32_t>(runEnd), halfToFloat(h)});
    };
    for (int64_t unit = firstUnit; unit < lastUnit; ++unit) {
      int64_t base = (unit - firstUnit) * unitElements;
      if (unitParams == 1) {
        push(base + unitElements, unit);
        continue;
      }
      for (int64_t row = 0; row < geo.groupRows; ++row)
        for (int64_t p = 0; p < unitParams; ++p)
          push(base + row * geo.rowLength +
                   std::min(geo.rowLength, (p + 1) * geo.runExtent),
               unit * unitParams + p);
    }
    if (measureFailed.load(std::memory_order_relaxed) ||
        !detail::shiftScaleChunkStats(spec.isSigned, packed, data, ref,
                                      static_cast<uint32_t>(end - begin),
                                      runs.data(), chunkStats[begin / chunk]))
      measureFailed = true;
  }

  /// Units up to this many elements are reduced and quantized while in
  /// cache (one read of the weight from memory instead of two).
  static constexpr int64_t kFusedUnit = int64_t(1) << 16;

  /// Scale and zero point of parameters [begin, end) from their ranges;
  /// returns whether all of them are regular.
  bool computeBlockParams(int64_t begin, int64_t end, const KeyRange *ranges) {
    bool regular = true;
    for (int64_t p = begin; p < end; ++p) {
      float low, high;
      if constexpr (IsHalf) {
        low = halfToFloat(halfFromKey(ranges[p - begin].low));
        high = halfToFloat(halfFromKey(ranges[p - begin].high));
      } else {
        low = floatFromKey(ranges[p - begin].low);
        high = floatFromKey(ranges[p - begin].high);
      }
      BlockParams params = computeParams<IsHalf>(
          low, high, spec, qmin, qmax, out.scale.data() + p * kElementBytes,
          hasOffset ? out.offset.data() + p : nullptr);
      scales[p] = params.scale;
      zeroPoints[p] = params.zeroPoint;
      regular &= isRegular(params);
    }
    return regular;
  }

public:
  /// Computes every block's parameters (pass 1 of runTwoPass) for
  /// writeElements; returns false (and clears the parameters) when
  /// spec.rejectInf and the weight holds an infinity.
  bool computeAllParams() {
    if (!reduceAndComputeParams()) {
      out.scale.clear();
      out.offset.clear();
      out.hasInf = true;
      return false;
    }
    return true;
  }

  /// Elements [begin, end) (begin even when packed) into `to`, which
  /// receives the byte of element `begin`; after computeAllParams. Does not
  /// touch `out`, so it may run after that is gone, on any thread.
  void writeElements(int64_t begin, int64_t end, uint8_t *to) const {
    // Task-sized pieces (even, so 4-bit pieces stay whole bytes) bound the
    // read buffer.
    thread_local ReadBuffer buffer;
    for (int64_t piece = begin; piece < end; piece += kTaskElements) {
      int64_t n = std::min(kTaskElements, end - piece);
      writeRange(piece, piece + n, allRegular, readElements(buffer, piece, n),
                 to + (packed ? (piece - begin) / 2 : piece - begin));
    }
  }

private:
  /// Elements [begin, end), whose bytes start at `in`, into
  /// result[0, end - begin), unpacked.
  void quantizeRange(int64_t begin, int64_t end, const uint8_t *in,
                     uint8_t *result, bool allRegular) const {
    float lo = static_cast<float>(qmin), hi = static_cast<float>(qmax);
    int64_t row = begin / geo.rowLength, col = begin % geo.rowLength;
    while (begin < end) {
      int64_t stop = std::min(end, begin + (geo.rowLength - col));
      int64_t base = geo.rowParamBase(row);
      int64_t colEnd = col + (stop - begin);
      if (geo.runExtent == 1) {
        quantizeColumns<IsHalf>(in, 0, colEnd - col, scales.data() + base + col,
                                zeroPoints.data() + base + col, allRegular, lo,
                                hi, result);
      } else {
        for (int64_t j = col, run = col / geo.runExtent; j < colEnd; ++run) {
          int64_t runEnd = std::min(colEnd, (run + 1) * geo.runExtent);
          quantizeRun<IsHalf>(in, j - col, runEnd - j,
                              {scales[base + run], zeroPoints[base + run]}, lo,
                              hi, result + (j - col));
          j = runEnd;
        }
      }
      in += (stop - begin) * kElementBytes;
      result += stop - begin;
      begin = stop;
      ++row;
      col = 0;
    }
  }

  /// Elements [begin, end) (begin even when packed), whose bytes start at
  /// `in`, into `to`, the byte of element `begin`; packed output goes
  /// through a small buffer.
  void writeRange(int64_t begin, int64_t end, bool allRegular,
                  const uint8_t *in, uint8_t *to) const {
    if (!packed) {
      quantizeRange(begin, end, in, to, allRegular);
      return;
    }
    constexpr int64_t kPiece = 4096;
    uint8_t unpacked[kPiece];
    for (int64_t piece = begin; piece < end; piece += kPiece) {
      int64_t n = std::min(kPiece, end - piece);
      quantizeRange(piece, piece + n, in + (piece - begin) * kElementBytes,
                    unpacked, allRegular);
      packBits(unpacked, n, 4, to + (piece - begin) / 2);
    }
  }

  /// Whether `range` holds an infinity, and (in `nan`) whether a NaN may
  /// hide one.
  static bool infinityIn(const KeyRange &range, bool &nan) {
    const int32_t negInf = IsHalf ? halfKey(0xFC00) : floatKey(0xFF800000u);
    const int32_t posInf = IsHalf ? halfKey(0x7C00) : floatKey(0x7F800000u);
    nan |= range.low < negInf || range.high > posInf;
    return range.low == negInf || range.high == posInf;
  }

  bool runFused(int64_t unitElements) {
    int64_t numUnits = count / unitElements;
    int64_t perTask = unitsPerTask(unitElements);
    std::atomic<bool> inf(false), nan(false);
    runTasks((numUnits + perTask - 1) / perTask, [&](int64_t task) {
      if (inf.load(std::memory_order_relaxed))
        return;
      int64_t firstUnit = task * perTask;
      int64_t lastUnit = std::min(numUnits, firstUnit + perTask);
      int64_t first = firstUnit * unitElements;
      bool sawInf = false, sawNaN = false;
      fuseUnits(firstUnit, lastUnit, dest + (packed ? first / 2 : first),
                sawInf, sawNaN);
      if (sawInf)
        inf = true;
      if (sawNaN)
        nan = true;
    });
    return !(inf || (nan && scanForInf(weight)));
  }

  bool runTwoPass() {
    if (!reduceAndComputeParams())
      return false;
    // Pass 2: the quantized elements, in contiguous ranges that start on an
    // output byte.
    runTasks((count + kTaskElements - 1) / kTaskElements, [&](int64_t task) {
      int64_t begin = task * kTaskElements;
      int64_t end = std::min(count, begin + kTaskElements);
      thread_local ReadBuffer buffer;
      writeRange(begin, end, allRegular,
                 readElements(buffer, begin, end - begin),
                 dest + (packed ? begin / 2 : begin));
    });
    return true;
  }

  /// Pass 1 of runTwoPass, min/max per block, then the block parameters
  /// and allRegular; false when spec.rejectInf and the weight holds an
  /// infinity.
  bool reduceAndComputeParams() {
    // Pass 1: min/max per block.
    std::vector<KeyRange> ranges(numParams);
    if (geo.groupRows > 0) {
      // Tiles never straddle two row groups, so each tile's partial result
      // belongs to one parameter row; partials are merged afterwards.
      int64_t numGroups = geo.rows / geo.groupRows;
      int64_t tilesPerGroup =
          (geo.groupRows + geo.rowsPerTask - 1) / geo.rowsPerTask;
      int64_t numTasks = numGroups * tilesPerGroup * geo.colChunks;
      std::vector<KeyRange> partial(numTasks * geo.maxChunkParams);
      runTasks(numTasks, [&](int64_t task) {
        int64_t chunk = task % geo.colChunks;
        int64_t tile = (task / geo.colChunks) % tilesPerGroup;
        int64_t group = task / (geo.colChunks * tilesPerGroup);
        int64_t firstRow = group * geo.groupRows + tile * geo.rowsPerTask;
        int64_t lastRow =
            std::min(firstRow + geo.rowsPerTask, (group + 1) * geo.groupRows);
        auto [begin, end] = geo.columns(chunk);
        KeyRange *local = partial.data() + task * geo.maxChunkParams;
        thread_local ReadBuffer buffer;
        if (geo.colChunks == 1) {
          // Whole rows: one contiguous read.
          const uint8_t *in =
              readElements(buffer, firstRow * geo.rowLength,
                           (lastRow - firstRow) * geo.rowLength);
          for (int64_t row = 0; row < lastRow - firstRow; ++row)
            reduceColumns<IsHalf>(in + row * rowBytes, begin, end,
                                  geo.runExtent, local);
          return;
        }
        for (int64_t row = firstRow; row < lastRow; ++row)
          reduceColumns<IsHalf>(
              readElements(buffer, row * geo.rowLength + begin, end - begin),
              begin, end, geo.runExtent, local);
      });
      for (int64_t task = 0; task < numTasks; ++task) {
        int64_t chunk = task % geo.colChunks;
        int64_t group = task / (geo.colChunks * tilesPerGroup);
        auto [begin, end] = geo.columns(chunk);
        int64_t first = begin / geo.runExtent;
        int64_t last = (end - 1) / geo.runExtent;
        for (int64_t p = first; p <= last; ++p)
          ranges[group * geo.rowParams + p].merge(
              partial[task * geo.maxChunkParams + (p - first)]);
      }
    } else {
      // Rank > 2 after merging (several partially blocked axes): rare, kept
      // simple and sequential.
      for (int64_t row = 0; row < geo.rows; ++row)
        reduceColumns<IsHalf>(data + row * rowBytes, 0, geo.rowLength,
                              geo.runExtent,
                              ranges.data() + geo.rowParamBase(row));
    }

    if (spec.rejectInf) {
      bool sawNaN = false, sawInf = false;
      for (const KeyRange &range : ranges)
        sawInf |= infinityIn(range, sawNaN);
      if (sawInf || (sawNaN && scanForInf(weight)))
        return false;
    }

    // Block parameters.
    const int64_t paramChunk = 4096;
    int64_t numParamChunks = (numParams + paramChunk - 1) / paramChunk;
    std::vector<uint8_t> regularChunks(numParamChunks, 1);
    runTasks(numParamChunks, [&](int64_t c) {
      int64_t begin = c * paramChunk;
      int64_t end = std::min(numParams, begin + paramChunk);
      regularChunks[c] = computeBlockParams(begin, end, ranges.data() + begin);
    });
    allRegular = std::find(regularChunks.begin(), regularChunks.end(), 0) ==
                 regularChunks.end();
    return true;
  }

  const QuantSpec &spec;
  const Geometry &geo;
  QuantParams &out;
  uint8_t *dest;
  bool packed;
  const uint8_t *data;
  size_t rowBytes;
  int64_t count;
  const TensorRef &weight;
  int qmin = 0, qmax = 0;
  int64_t numParams = 0;
  bool hasOffset = false;
  std::vector<float> scales, zeroPoints;
  /// Whether every block has a finite nonzero scale (set by
  /// reduceAndComputeParams).
  bool allRegular = false;
  /// With spec.measureError where it can be exact (see the constructor):
  /// the stats of each kStatsChunk chunk, and whether one was not measured.
  bool measuring = false;
  std::vector<ErrorStats> chunkStats;
  std::atomic<bool> measureFailed{false};
};

} // namespace

namespace {

/// The argument checks of linearQuantize. Resets `out`; an infinity in a
/// weight that fails them (with spec.rejectInf) sets out.hasInf instead.
Status checkArguments(const TensorRef &weight, const QuantSpec &spec,
                      ArrayRef<int64_t> blockSizes, QuantParams &out) {
  out = QuantParams();
  if (spec.bits != 4 && spec.bits != 8)
    return Status::error(
        "Invalid dtype. Should be int4/8 or uint4/8, but got " +
        std::string(spec.isSigned ? "int" : "uint") +
        std::to_string(spec.bits));
  ArrayRef<int64_t> shape = weight.shape;
  // The passes check for infinities before anything else.
  auto fail = [&](std::string message) {
    if (spec.rejectInf && weight.data && scanForInf(weight)) {
      out.hasInf = true;
      return Status::success();
    }
    return Status::error(std::move(message));
  };
  if (blockSizes.size() != shape.size())
    return fail(
        "Each axis should have a block size, which means len(block_sizes) "
        "must be equal to weight's rank, but got " +
        std::to_string(blockSizes.size()) + " vs " +
        std::to_string(shape.size()));
  for (size_t a = 0; a < shape.size(); ++a) {
    if (blockSizes[a] > 0 && shape[a] % blockSizes[a] != 0)
      return fail("Invalid block_sizes; On " + std::to_string(a) +
                  "th axis, the dim size " + std::to_string(shape[a]) +
                  " is not divisible by block size " +
                  std::to_string(blockSizes[a]) +
                  ". Unable to perform structured quantization.");
  }
  if (weight.type != ElemType::Float16 && weight.type != ElemType::Float32)
    return Status::error("Only floating numpy arrays are supported.");
  if (numElements(shape) == 0)
    return Status::error(
        "zero-size array to reduction operation minimum which has no identity");
  if (!weight.data)
    return Status::error("The weight has no data.");
  return Status::success();
}

void setParamShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> blockSizes,
                   QuantParams &out) {
  out.paramShape.resize(shape.size());
  for (size_t a = 0; a < shape.size(); ++a)
    out.paramShape[a] = blockSizes[a] > 0 ? shape[a] / blockSizes[a] : 1;
}

/// linearQuantize into `packedData`, or into out.data when it is null.
Status quantize(const TensorRef &weight, const QuantSpec &spec,
                ArrayRef<int64_t> blockSizes, QuantParams &out,
                uint8_t *packedData) {
  Status status = checkArguments(weight, spec, blockSizes, out);
  if (!status || out.hasInf)
    return status;
  ArrayRef<int64_t> shape = weight.shape;
  Geometry geometry(buildLayout(shape, blockSizes));
  uint8_t *dest = packedData;
  if (!dest) {
    out.data.resize(numElements(shape));
    dest = out.data.data();
  }
  auto run = [&](auto &&quantizer) {
    bool ok = quantizer.run();
    if (ok)
      out.error = quantizer.measuredError();
    return ok;
  };
  bool done = weight.type == ElemType::Float16
                  ? run(Quantizer<true>(weight, spec, geometry, out, dest,
                                        packedData != nullptr))
                  : run(Quantizer<false>(weight, spec, geometry, out, dest,
                                         packedData != nullptr));
  if (!done) {
    out.data.clear();
    return Status::success();
  }
  setParamShape(shape, blockSizes, out);
  return Status::success();
}

} // namespace

struct LinearQuantizer::Impl {
  std::vector<int64_t> shape;
  TensorRef weight;
  QuantSpec spec;
  Geometry geometry;
  std::unique_ptr<Quantizer<true>> half;
  std::unique_ptr<Quantizer<false>> single;
  /// Elements per unit after prepareUnits.
  int64_t unitElements = 0;

  /// Makes the quantizer of `w`'s float type; it keeps references to the
  /// members of this Impl, whose address does not change.
  Impl(const TensorRef &w, const QuantSpec &spec, ArrayRef<int64_t> blockSizes,
       QuantParams &out)
      : shape(w.shape.begin(), w.shape.end()), weight(w), spec(spec),
        geometry(buildLayout(shape, blockSizes)) {
    weight.shape = shape;
    if (weight.type == ElemType::Float16)
      half = std::make_unique<Quantizer<true>>(this->weight, this->spec,
                                               geometry, out, nullptr, true);
    else
      single = std::make_unique<Quantizer<false>>(this->weight, this->spec,
                                                  geometry, out, nullptr, true);
  }

  /// Calls `f` with the quantizer.
  template <typename F> auto visit(F &&f) {
    return half ? f(*half) : f(*single);
  }
};

LinearQuantizer::LinearQuantizer() = default;
LinearQuantizer::~LinearQuantizer() = default;

Status LinearQuantizer::computeParams(const TensorRef &weight,
                                      const QuantSpec &spec,
                                      ArrayRef<int64_t> blockSizes,
                                      QuantParams &out) {
  impl.reset();
  Status status = checkArguments(weight, spec, blockSizes, out);
  if (!status || out.hasInf)
    return status;
  auto state = std::make_unique<Impl>(weight, spec, blockSizes, out);
  if (!state->visit([](auto &q) { return q.computeAllParams(); }))
    return Status::success();
  setParamShape(weight.shape, blockSizes, out);
  impl = std::move(state);
  return Status::success();
}

Status LinearQuantizer::prepareUnits(const TensorRef &weight,
                                     const QuantSpec &spec,
                                     ArrayRef<int64_t> blockSizes,
                                     QuantParams &out, uint64_t &unitBytes) {
  impl.reset();
  unitBytes = 0;
  Status status = checkArguments(weight, spec, blockSizes, out);
  if (!status || out.hasInf)
    return status;
  auto state = std::make_unique<Impl>(weight, spec, blockSizes, out);
  int64_t unitElements =
      state->visit([](auto &q) -> int64_t { return q.fusedUnit().first; });
  if (unitElements == 0)
    return Status::success();
  setParamShape(weight.shape, blockSizes, out);
  state->unitElements = unitElements;
  unitBytes = packedSizeInBytes(unitElements, spec.bits);
  impl = std::move(state);
  return Status::success();
}

bool LinearQuantizer::quantizeUnits(uint64_t offset, uint64_t size,
                                    uint8_t *packed) {
  int64_t unitElements = impl->unitElements;
  auto unitBytes =
      static_cast<int64_t>(packedSizeInBytes(unitElements, impl->spec.bits));
  int64_t firstUnit = static_cast<int64_t>(offset) / unitBytes;
  int64_t lastUnit = firstUnit + static_cast<int64_t>(size) / unitBytes;
  // Tasks of the size linearQuantize's fused route takes, so each one's
  // elements are still in cache when they are quantized.
  int64_t unitsPerTask =
      impl->visit([&](auto &q) { return q.unitsPerTask(unitElements); });
  bool sawInf = false, sawNaN = false;
  for (int64_t unit = firstUnit; unit < lastUnit; unit += unitsPerTask) {
    int64_t end = std::min(lastUnit, unit + unitsPerTask);
    uint8_t *to = packed + (unit - firstUnit) * unitBytes;
    impl->visit([&](auto &q) { q.fuseUnits(unit, end, to, sawInf, sawNaN); });
    if (sawInf || sawNaN)
      return false;
  }
  return true;
}

std::optional<ErrorStats> LinearQuantizer::measuredError() const {
  if (!impl || impl->unitElements == 0)
    return std::nullopt;
  return impl->visit([](auto &q) { return q.measuredError(); });
}

void LinearQuantizer::quantizeRange(uint64_t begin, uint64_t count,
                                    uint8_t *packed) const {
  auto first = static_cast<int64_t>(begin);
  auto end = static_cast<int64_t>(begin + count);
  impl->visit([&](auto &q) { q.writeElements(first, end, packed); });
}

Status linearQuantize(const TensorRef &weight, const QuantSpec &spec,
                      ArrayRef<int64_t> blockSizes, QuantParams &out) {
  return quantize(weight, spec, blockSizes, out, nullptr);
}

Status linearQuantize(const TensorRef &weight, const QuantSpec &spec,
                      ArrayRef<int64_t> blockSizes, QuantParams &out,
                      uint8_t *packedData) {
  return quantize(weight, spec, blockSizes, out, packedData);
}

} // namespace mil::compression
