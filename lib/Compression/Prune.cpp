//===- Prune.cpp - weight pruning (sparsification) kernels ----------------===//
//
// Part of mil-mlir.
//
// Threshold and unstructured magnitude pruning keep an element when its
// magnitude key is above a bound (`selectByKey`): one pass writes the packed
// mask bits and compacts the kept values (SSE2 where available). Weights
// that fit a fair share of the work run on one thread, writing into room
// for every element; larger ones count the kept elements of all chunks in
// parallel first, so that chunks can be written in parallel. The structured
// kernels first write a per-element code (0 pruned or zero, 1 kept, 2
// "pruned to w * 0", which is NaN for inf/NaN weights and so stays nonzero,
// as in numpy), which `gatherCodes` turns into the result. Magnitudes are
// handled as order-preserving integer keys: the percentile's order
// statistics come from a radix select over key histograms (no sort, no copy
// of the weight) and "magnitude <= threshold" becomes a key compare.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Prune.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

using llvm::ArrayRef;

namespace mil::compression {
namespace {

//===----------------------------------------------------------------------===//
// Scalars
//===----------------------------------------------------------------------===//

double bitsToDouble(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, 8);
  return value;
}
uint64_t doubleToBits(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, 8);
  return bits;
}

/// Forces a double result to be rounded on its own, so the compiler cannot
/// fuse it with a neighbouring operation (FMA contraction).
double rounded(double x) {
  volatile double stored = x;
  return stored;
}

/// float -> fp16 as numpy converts it: like floatToHalf, but a NaN keeps the
/// top bits of its payload.
uint16_t floatToHalfNumpy(float value) {
  uint32_t bits = floatToBits(value);
  if ((bits & 0x7FFFFFFF) <= 0x7F800000)
    return floatToHalf(value);
  uint16_t payload = static_cast<uint16_t>((bits & 0x7FFFFF) >> 13);
  return static_cast<uint16_t>(((bits >> 16) & 0x8000) | 0x7C00 |
                               (payload ? payload : 1));
}

/// double -> fp16 bits rounded once to nearest even (numpy's conversion of a
/// Python float; going through float could round twice).
uint16_t doubleToHalf(double value) {
  uint64_t bits = doubleToBits(value);
  uint16_t sign = static_cast<uint16_t>((bits >> 48) & 0x8000);
  double magnitude = std::fabs(value);
  if (std::isnan(value))
    return static_cast<uint16_t>(sign | 0x7E00);
  if (magnitude >= 65520.0)
    return static_cast<uint16_t>(sign | 0x7C00);
  if (magnitude < 0x1p-14) {
    // Subnormal: a multiple of 2^-24, scaled exactly then rounded to even.
    double units = std::nearbyint(magnitude * 0x1p24);
    return static_cast<uint16_t>(sign | static_cast<uint16_t>(units));
  }
  uint64_t absBits = bits & 0x7FFFFFFFFFFFFFFFull;
  int exponent = static_cast<int>(absBits >> 52) - 1023;
  uint64_t mantissa = absBits & ((uint64_t(1) << 52) - 1);
  uint64_t half =
      (static_cast<uint64_t>(exponent + 15) << 10) | (mantissa >> 42);
  uint64_t rest = mantissa & ((uint64_t(1) << 42) - 1);
  uint64_t halfway = uint64_t(1) << 41;
  if (rest > halfway || (rest == halfway && (half & 1)))
    ++half;
  return static_cast<uint16_t>(sign | half);
}

/// Python's repr() of a float (as numpy prints a float64 too): shortest
/// round-trip digits, positional for 1e-4 <= |x| < 1e16, else "1e-05".
std::string pyFloat(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value,
                              std::chars_format::scientific);
  std::string text(buffer, result.ptr);
  std::string sign;
  if (text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  size_t ePos = text.find('e');
  int exponent = std::stoi(text.substr(ePos + 1));
  std::string digits;
  for (char c : text.substr(0, ePos))
    if (c != '.')
      digits += c;
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  if (exponent < -4 || exponent >= 16) {
    std::string mantissa = digits.substr(0, 1);
    if (digits.size() > 1)
      mantissa += "." + digits.substr(1);
    std::string exp = std::to_string(std::abs(exponent));
    if (exp.size() < 2)
      exp = "0" + exp;
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }
  std::string out;
  if (exponent < 0) {
    out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else if (static_cast<size_t>(exponent) + 1 >= digits.size()) {
    out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
  } else {
    out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
  }
  return sign + out;
}

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

/// How the numbers being ranked are stored: the weight's own type (np.abs
/// keeps it), or float64 (block norms of integer weights).
enum class KeyKind { Half, Float, Double, Int8, UInt8 };

/// Magnitude keys: unsigned integers whose order is numpy's sort order of the
/// values (NaN after +inf).
struct KeySpace {
  KeyKind kind;

  unsigned bits() const {
    switch (kind) {
    case KeyKind::Half:
      return 16;
    case KeyKind::Float:
      return 32;
    case KeyKind::Double:
      return 64;
    case KeyKind::Int8:
    case KeyKind::UInt8:
      return 8;
    }
    return 64;
  }
  /// The largest key that is not a NaN.
  uint64_t maxOrdered() const {
    switch (kind) {
    case KeyKind::Half:
      return 0x7C00;
    case KeyKind::Float:
      return 0x7F800000;
    case KeyKind::Double:
      return 0x7FF0000000000000ull;
    case KeyKind::Int8:
    case KeyKind::UInt8:
      return 255;
    }
    return 0;
  }
  bool isNaN(uint64_t key) const { return key > maxOrdered(); }
  double value(uint64_t key) const {
    switch (kind) {
    case KeyKind::Half:
      return halfToFloat(static_cast<uint16_t>(key));
    case KeyKind::Float:
      return bitsToFloat(static_cast<uint32_t>(key));
    case KeyKind::Double:
      return bitsToDouble(key);
    case KeyKind::Int8:
      return static_cast<double>(static_cast<int64_t>(key) - 128);
    case KeyKind::UInt8:
      return static_cast<double>(key);
    }
    return 0;
  }
  /// b - a computed in the values' dtype, as numpy does for the two order
  /// statistics of a percentile (integers wrap).
  double difference(double b, double a) const {
    switch (kind) {
    case KeyKind::Half:
      return halfToFloat(
          floatToHalf(static_cast<float>(b) - static_cast<float>(a)));
    case KeyKind::Float:
      return static_cast<float>(b) - static_cast<float>(a);
    case KeyKind::Double:
      return b - a;
    case KeyKind::Int8:
      return static_cast<int8_t>(static_cast<int>(b) - static_cast<int>(a));
    case KeyKind::UInt8:
      return static_cast<uint8_t>(static_cast<int>(b) - static_cast<int>(a));
    }
    return 0;
  }
  /// The threshold numpy 1.x really compares with when an array of this kind
  /// meets a float64 scalar `t`: value-based casting picks fp16 when
  /// |t| < 65000 (or t is not finite), fp32 when |t| < 3.4e38, else float64,
  /// promoted with the array's float type; integer arrays compare in float64.
  double effectiveThreshold(double t) const {
    bool fitsHalf = (t > -65000.0 && t < 65000.0) || !std::isfinite(t);
    bool fitsFloat = t > -3.4e38 && t < 3.4e38;
    switch (kind) {
    case KeyKind::Half:
      if (fitsHalf)
        return halfToFloat(doubleToHalf(t));
      return fitsFloat ? static_cast<float>(t) : t;
    case KeyKind::Float:
      return fitsHalf || fitsFloat ? static_cast<float>(t) : t;
    default:
      return t;
    }
  }
  /// The largest key whose value is <= `threshold`, or -1 if none: with
  /// it, "value <= threshold" is "key <= that key" (NaN keys never are).
  int64_t lastKeyAtMost(double threshold) const {
    if (std::isnan(threshold) || !(value(0) <= threshold))
      return -1;
    uint64_t low = 0, high = maxOrdered();
    while (low < high) {
      uint64_t mid = low + (high - low + 1) / 2;
      if (value(mid) <= threshold)
        low = mid;
      else
        high = mid - 1;
    }
    return static_cast<int64_t>(low);
  }
};

/// Per-ElemType element access.
template <ElemType T> struct Elem;

template <> struct Elem<ElemType::Float16> {
  using Storage = uint16_t;
  static constexpr KeyKind kind = KeyKind::Half;
  static bool isZero(Storage s) { return (s & 0x7FFF) == 0; }
  /// inf/NaN: w * 0 is NaN, not zero.
  static bool isNonFinite(Storage s) { return (s & 0x7C00) == 0x7C00; }
  static uint64_t magnitudeKey(Storage s) { return s & 0x7FFF; }
  /// Half.h's halfToFloat is branch-free, so loops over it vectorize.
  static float toFloat(Storage s) { return halfToFloat(s); }

  /// w * 0 as numpy computes it (fp16 ops run in float32).
  static Storage timesZero(Storage s) {
    if ((s & 0x7C00) != 0x7C00)
      return static_cast<Storage>(s & 0x8000);
    float zero = 0.0f;
    return floatToHalfNumpy(halfToFloat(s) * zero);
  }
};

template <> struct Elem<ElemType::Float32> {
  using Storage = uint32_t;
  static constexpr KeyKind kind = KeyKind::Float;
  static bool isZero(Storage s) { return (s & 0x7FFFFFFF) == 0; }
  static bool isNonFinite(Storage s) { return (s & 0x7F800000) == 0x7F800000; }
  static uint64_t magnitudeKey(Storage s) { return s & 0x7FFFFFFF; }
  static float toFloat(Storage s) { return bitsToFloat(s); }
  static Storage timesZero(Storage s) {
    if ((s & 0x7F800000) != 0x7F800000)
      return s & 0x80000000;
    float zero = 0.0f;
    return floatToBits(bitsToFloat(s) * zero);
  }
};

template <> struct Elem<ElemType::Int8> {
  using Storage = int8_t;
  static constexpr KeyKind kind = KeyKind::Int8;
  static bool isZero(Storage s) { return s == 0; }
  static bool isNonFinite(Storage) { return false; }
  /// np.abs on int8 wraps: -128 stays -128 (the smallest magnitude).
  static uint64_t magnitudeKey(Storage s) {
    int8_t magnitude = static_cast<int8_t>(s < 0 ? -static_cast<int>(s) : s);
    return static_cast<uint64_t>(magnitude + 128);
  }
  static Storage timesZero(Storage) { return 0; }
};

template <> struct Elem<ElemType::UInt8> {
  using Storage = uint8_t;
  static constexpr KeyKind kind = KeyKind::UInt8;
  static bool isZero(Storage s) { return s == 0; }
  static bool isNonFinite(Storage) { return false; }
  static uint64_t magnitudeKey(Storage s) { return s; }
  static Storage timesZero(Storage) { return 0; }
};

/// Calls fn(Elem<T>{}) for the weight's type.
template <typename Fn> void dispatch(ElemType type, Fn &&fn) {
  switch (type) {
  case ElemType::Float16:
    fn(Elem<ElemType::Float16>{});
    return;
  case ElemType::Float32:
    fn(Elem<ElemType::Float32>{});
    return;
  case ElemType::Int8:
    fn(Elem<ElemType::Int8>{});
    return;
  case ElemType::UInt8:
    fn(Elem<ElemType::UInt8>{});
    return;
  }
}

//===----------------------------------------------------------------------===//
// Parallel helpers
//===----------------------------------------------------------------------===//

constexpr int64_t kChunk = int64_t(1) << 16;

/// Splits [0, count) into ranges of about `chunk` and runs them in
/// parallel; the split does not depend on the thread count.
template <typename Fn>
void parallelRanges(int64_t count, int64_t chunk, Fn &&fn) {
  int64_t numChunks = (count + chunk - 1) / chunk;
  if (numChunks <= 1) {
    if (count > 0)
      fn(int64_t(0), count);
    return;
  }
  llvm::parallelFor(0, static_cast<size_t>(numChunks), [&](size_t c) {
    int64_t begin = static_cast<int64_t>(c) * chunk;
    fn(begin, std::min(count, begin + chunk));
  });
}

/// Where a kernel's result goes: the packed mask (room for all of it) and
/// the kept values (allocated once their number is known).
struct Sink {
  uint8_t *mask;
  llvm::function_ref<uint8_t *(uint64_t bytes)> allocate;
};

/// Exclusive prefix sums of per-chunk counts; returns the total.
uint64_t toOffsets(std::vector<uint64_t> &counts) {
  uint64_t total = 0;
  for (uint64_t &n : counts) {
    uint64_t chunkCount = n;
    n = total;
    total += chunkCount;
  }
  return total;
}

/// Stores `value` as the `slot`th kept value.
template <typename Storage>
inline void storeSlot(uint8_t *values, uint64_t slot, Storage value) {
  std::memcpy(values + slot * sizeof(Storage), &value, sizeof(Storage));
}

//===----------------------------------------------------------------------===//
// Selection by magnitude key
//===----------------------------------------------------------------------===//

/// `np.where(magnitude <= t, 0, val)` kept with `limit` the exclusive key
/// bound of the pruned magnitudes: the element is kept when its key is at
/// least `limit` and it is not zero.
template <typename E>
inline bool keepByKey(typename E::Storage s, uint64_t limit) {
  return E::magnitudeKey(s) >= limit && !E::isZero(s);
}

/// Float weights have a zero magnitude key exactly for zeros, so their rule
/// is "key > floor" with floor = max(limit, 1) - 1, a signed compare of the
/// 15- or 31-bit keys.
uint64_t keyFloor(uint64_t limit) { return std::max<uint64_t>(limit, 1) - 1; }

#if defined(__SSE2__)
template <typename E>
constexpr bool kVectorKeys =
    E::kind == KeyKind::Half || E::kind == KeyKind::Float;

/// Keep bits of 16 float elements (bit k for element k).
template <typename E>
inline unsigned keepBits16(const typename E::Storage *p, __m128i floor) {
  if constexpr (E::kind == KeyKind::Half) {
    const __m128i magnitude = _mm_set1_epi16(0x7FFF);
    __m128i a = _mm_and_si128(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)), magnitude);
    __m128i b = _mm_and_si128(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 8)), magnitude);
    return static_cast<unsigned>(_mm_movemask_epi8(
        _mm_packs_epi16(_mm_cmpgt_epi16(a, floor), _mm_cmpgt_epi16(b, floor))));
  } else {
    const __m128i magnitude = _mm_set1_epi32(0x7FFFFFFF);
    __m128i c[4];
    for (int k = 0; k < 4; ++k)
      c[k] = _mm_cmpgt_epi32(
          _mm_and_si128(
              _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 4 * k)),
              magnitude),
          floor);
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_packs_epi16(
        _mm_packs_epi32(c[0], c[1]), _mm_packs_epi32(c[2], c[3]))));
  }
}

template <typename E> inline __m128i floorVector(uint64_t limit) {
  if constexpr (E::kind == KeyKind::Half)
    return _mm_set1_epi16(static_cast<int16_t>(keyFloor(limit)));
  else
    return _mm_set1_epi32(static_cast<int32_t>(keyFloor(limit)));
}
#endif

/// The number of kept elements among data[begin, end) (at most kChunk).
template <typename E>
uint64_t countByKey(const typename E::Storage *data, int64_t begin, int64_t end,
                    uint64_t limit) {
  uint64_t kept = 0;
  int64_t i = begin;
#if defined(__SSE2__)
  if constexpr (kVectorKeys<E>) {
    // Compare results (-1) summed per lane; a lane sees at most kChunk / 4
    // of them, so 16-bit lanes cannot overflow for fp16 (kChunk / 8).
    __m128i floor = floorVector<E>(limit), sum = _mm_setzero_si128();
    if constexpr (E::kind == KeyKind::Half) {
      const __m128i magnitude = _mm_set1_epi16(0x7FFF);
      for (; i + 8 <= end; i += 8) {
        __m128i key = _mm_and_si128(
            _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i)),
            magnitude);
        sum = _mm_sub_epi16(sum, _mm_cmpgt_epi16(key, floor));
      }
      sum = _mm_madd_epi16(sum, _mm_set1_epi16(1));
    } else {
      const __m128i magnitude = _mm_set1_epi32(0x7FFFFFFF);
      for (; i + 4 <= end; i += 4) {
        __m128i key = _mm_and_si128(
            _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i)),
            magnitude);
        sum = _mm_sub_epi32(sum, _mm_cmpgt_epi32(key, floor));
      }
    }
    alignas(16) uint32_t lanes[4];
    _mm_store_si128(reinterpret_cast<__m128i *>(lanes), sum);
    kept = uint64_t(lanes[0]) + lanes[1] + lanes[2] + lanes[3];
  }
#endif
  for (; i < end; ++i)
    kept += keepByKey<E>(data[i], limit);
  return kept;
}

/// For every mask byte, the positions of its set bits in order (then
/// zeros), and their number: compaction copies 8 elements through this
/// table, so slots advance once per byte instead of once per element.
struct KeptIndexTable {
  uint8_t index[256][8];
  uint8_t count[256];
  constexpr KeptIndexTable() : index(), count() {
    for (unsigned m = 0; m < 256; ++m) {
      unsigned n = 0;
      for (unsigned k = 0; k < 8; ++k)
        if (m & (1u << k))
          index[m][n++] = static_cast<uint8_t>(k);
      count[m] = static_cast<uint8_t>(n);
    }
  }
};
constexpr KeptIndexTable kKeptIndex;

/// Stores the elements of src[0, 8) selected by mask byte `m` from slot
/// `next` on; 8 slots are written, those past the kept ones hold junk that
/// later kept values overwrite. Returns the next free slot.
template <typename Storage>
inline uint64_t compact8(const Storage *src, unsigned m, uint8_t *values,
                         uint64_t next) {
  const uint8_t *index = kKeptIndex.index[m];
  for (int j = 0; j < 8; ++j)
    storeSlot(values, next + j, src[index[j]]);
  return next + kKeptIndex.count[m];
}

/// The same for the last 8 slots of a chunk, where junk must not be
/// written (it would land in the next chunk's slots or past the end).
template <typename Storage>
inline uint64_t compact8Exact(const Storage *src, unsigned m, uint8_t *values,
                              uint64_t next) {
  const uint8_t *index = kKeptIndex.index[m];
  for (unsigned j = 0; j < kKeptIndex.count[m]; ++j)
    storeSlot(values, next + j, src[index[j]]);
  return next + kKeptIndex.count[m];
}

/// Writes the mask bits of elements [begin, end) (begin a multiple of 8)
/// and stores their kept values from slot 0 of `values`, which has `room`
/// slots (junk may go anywhere in them). Returns the number kept.
template <typename E>
uint64_t selectChunk(const typename E::Storage *src, int64_t begin, int64_t end,
                     uint64_t limit, uint64_t room, uint8_t *mask,
                     uint8_t *values) {
  using Storage = typename E::Storage;
  uint64_t next = 0;
  auto compact = [&](const Storage *from, unsigned m) {
    next = next + 8 <= room ? compact8(from, m, values, next)
                            : compact8Exact(from, m, values, next);
  };
  int64_t i = begin;
#if defined(__SSE2__)
  if constexpr (kVectorKeys<E>) {
    __m128i floor = floorVector<E>(limit);
    for (; i + 16 <= end; i += 16) {
      unsigned bits = keepBits16<E>(src + i, floor);
      mask[i / 8] = static_cast<uint8_t>(bits);
      mask[i / 8 + 1] = static_cast<uint8_t>(bits >> 8);
      compact(src + i, bits & 0xFF);
      compact(src + i + 8, bits >> 8);
    }
  }
#endif
  for (; i < end; i += 8) {
    unsigned byte = 0;
    for (int64_t k = 0; k < 8 && i + k < end; ++k)
      byte |= static_cast<unsigned>(keepByKey<E>(src[i + k], limit)) << k;
    mask[i / 8] = static_cast<uint8_t>(byte);
    if (i + 8 <= end)
      compact(src + i, byte);
    else
      next = compact8Exact(src + i, byte, values, next);
  }
  return next;
}

/// Elements up to which a weight is selected on one thread in one pass (the
/// passes run weights in parallel); larger weights are split across threads
/// after a counting pass, which reads them from memory once more.
constexpr int64_t kSingleThreadLimit = int64_t(1) << 23;

/// Keeps the elements whose key is at least `limit` (and that are not
/// zero).
template <typename E>
void selectByKey(const TensorRef &w, uint64_t limit, Sink sink,
                 SparseParams &out) {
  using Storage = typename E::Storage;
  const Storage *data = static_cast<const Storage *>(w.data);
  int64_t count = static_cast<int64_t>(numElements(w.shape));
  uint8_t *mask = sink.mask;
  // Chunks (whole mask bytes) of mapped weights are read with pread.
  thread_local ReadBuffer buffer;
  if (count <= kSingleThreadLimit) {
    // Room for every element: the junk slots past a chunk's kept values
    // stay inside the buffer and are overwritten by the next chunk's.
    uint8_t *values = sink.allocate(count * sizeof(Storage));
    uint64_t next = 0;
    for (int64_t begin = 0; begin < count; begin += kChunk) {
      int64_t n = std::min(kChunk, count - begin);
      next += selectChunk<E>(buffer.read(data + begin, n), 0, n, limit,
                             count - next, mask + begin / 8,
                             values + next * sizeof(Storage));
    }
    out.numNonzero = next;
    return;
  }
  std::vector<uint64_t> kept((count + kChunk - 1) / kChunk, 0);
  parallelRanges(count, kChunk, [&](int64_t begin, int64_t end) {
    kept[begin / kChunk] = countByKey<E>(buffer.read(data + begin, end - begin),
                                         0, end - begin, limit);
  });
  std::vector<uint64_t> offsets = kept;
  out.numNonzero = toOffsets(offsets);
  uint8_t *values = sink.allocate(out.numNonzero * sizeof(Storage));
  parallelRanges(count, kChunk, [&](int64_t begin, int64_t end) {
    int64_t chunk = begin / kChunk;
    selectChunk<E>(buffer.read(data + begin, end - begin), 0, end - begin,
                   limit, kept[chunk], mask + begin / 8,
                   values + offsets[chunk] * sizeof(Storage));
  });
}

//===----------------------------------------------------------------------===//
// Per-element codes
//===----------------------------------------------------------------------===//

/// Mask codes written by the structured kernels before `gatherCodes`.
enum : uint8_t { kDrop = 0, kKeep = 1, kKeepTimesZero = 2 };

/// Uninitialized storage for `count` codes (every one gets written).
std::unique_ptr<uint8_t[]> newCodes(int64_t count) {
  return std::unique_ptr<uint8_t[]>(new uint8_t[std::max<int64_t>(count, 1)]);
}

/// Turns the codes into the packed mask and gathers the kept values.
template <typename E>
void gatherCodes(const TensorRef &w, const uint8_t *codes, Sink sink,
                 SparseParams &out) {
  using Storage = typename E::Storage;
  const Storage *data = static_cast<const Storage *>(w.data);
  int64_t count = static_cast<int64_t>(numElements(w.shape));
  std::vector<uint64_t> kept((count + kChunk - 1) / kChunk, 0);
  parallelRanges(count, kChunk, [&](int64_t begin, int64_t end) {
    uint64_t n = 0;
    for (int64_t i = begin; i < end; ++i)
      n += codes[i] != kDrop;
    kept[begin / kChunk] = n;
  });
  out.numNonzero = toOffsets(kept);
  uint8_t *values = sink.allocate(out.numNonzero * sizeof(Storage));
  uint8_t *mask = sink.mask;
  parallelRanges(count, kChunk, [&](int64_t begin, int64_t end) {
    // As in selectChunk: compaction stops at the last kept element.
    int64_t last = end - 1;
    while (last >= begin && codes[last] == kDrop)
      --last;
    uint8_t *dst = values + kept[begin / kChunk] * sizeof(Storage);
    uint64_t next = 0;
    for (int64_t i = begin; i < end; i += 8) {
      unsigned byte = 0;
      for (int64_t k = 0; k < 8 && i + k < end; ++k) {
        uint8_t code = codes[i + k];
        unsigned bit = code != kDrop;
        byte |= bit << k;
        if (i + k <= last) {
          Storage value = data[i + k];
          if constexpr (E::kind == KeyKind::Half || E::kind == KeyKind::Float)
            value = code == kKeepTimesZero ? E::timesZero(value) : value;
          storeSlot(dst, next, value);
          next += bit;
        }
      }
      mask[i / 8] = static_cast<uint8_t>(byte);
    }
  });
}

/// Runs fill(begin, end, codes) over chunks in parallel, then gathers.
template <typename E, typename Fill>
void fillAndGather(const TensorRef &w, Sink sink, SparseParams &out,
                   Fill &&fill) {
  int64_t count = static_cast<int64_t>(numElements(w.shape));
  std::unique_ptr<uint8_t[]> codes = newCodes(count);
  uint8_t *base = codes.get();
  parallelRanges(count, kChunk,
                 [&](int64_t begin, int64_t end) { fill(begin, end, base); });
  gatherCodes<E>(w, base, sink, out);
}

//===----------------------------------------------------------------------===//
// Radix select over magnitude keys
//===----------------------------------------------------------------------===//

/// Finds the keys of the elements of sorted rank r0 and r1 (0-based, with
/// multiplicities), 16 key bits per histogram pass. `forEach(begin, end, fn)`
/// calls fn(key, weight) for the items [begin, end) of `numItems`, whose
/// weights add up to `total`. `sawNaN` tells whether a NaN key exists: 1
/// yes, 0 no, -1 unknown (NaNs share the first histogram bin of +inf).
template <typename ForEach>
void selectKeys(const KeySpace &space, int64_t numItems, uint64_t total,
                ForEach &&forEach, uint64_t r0, uint64_t r1, uint64_t &key0,
                uint64_t &key1, int &sawNaN) {
  unsigned keyBits = space.bits();
  unsigned digitBits = std::min(16u, keyBits);
  size_t bins = size_t(1) << digitBits;
  unsigned threads =
      std::max(1u, llvm::parallel::strategy.compute_thread_count());
  // Few, large chunks (one histogram each), or one for what selection runs
  // on one thread anyway; uint32 counts must not wrap.
  int64_t numChunks = std::max<int64_t>(
      {int64_t(1),
       std::min<int64_t>((numItems + kChunk - 1) / kChunk,
                         numItems <= kSingleThreadLimit ? 1 : 4 * threads),
       static_cast<int64_t>(total >> 31) + 1});
  int64_t chunk = std::max<int64_t>(1, (numItems + numChunks - 1) / numChunks);
  numChunks = (numItems + chunk - 1) / chunk;

  uint64_t prefix[2] = {0, 0};
  uint64_t rank[2] = {r0, r1};
  for (unsigned done = 0; done < keyBits; done += digitBits) {
    unsigned shift = keyBits - done - digitBits;
    bool split = prefix[0] != prefix[1];
    size_t numHist = split ? 2 : 1;
    std::vector<uint32_t> hist(static_cast<size_t>(numChunks) * numHist * bins,
                               0);
    parallelRanges(numItems, chunk, [&](int64_t begin, int64_t end) {
      uint32_t *local = hist.data() + (begin / chunk) * numHist * bins;
      if (done == 0) {
        // A local shift: the counter stores could otherwise alias it.
        const unsigned digitShift = shift;
        forEach(begin, end, [&](uint64_t key, uint64_t weight) {
          local[key >> digitShift] += static_cast<uint32_t>(weight);
        });
        return;
      }
      forEach(begin, end, [&](uint64_t key, uint64_t weight) {
        uint64_t high = key >> (shift + digitBits);
        size_t digit = (key >> shift) & (bins - 1);
        if (high == prefix[0])
          local[digit] += static_cast<uint32_t>(weight);
        else if (split && high == prefix[1])
          local[bins + digit] += static_cast<uint32_t>(weight);
      });
    });
    std::vector<uint64_t> sum(numHist * bins, 0);
    for (int64_t c = 0; c < numChunks; ++c)
      for (size_t b = 0; b < numHist * bins; ++b)
        sum[b] += hist[c * numHist * bins + b];
    if (done == 0) {
      uint64_t infBin = space.maxOrdered() >> shift;
      bool above = false;
      for (size_t b = infBin + 1; b < bins; ++b)
        above |= sum[b] != 0;
      bool exact = (space.maxOrdered() & ((uint64_t(1) << shift) - 1)) ==
                   ((uint64_t(1) << shift) - 1);
      sawNaN = above ? 1 : (sum[infBin] == 0 || exact || shift == 0) ? 0 : -1;
    }
    for (int which = 0; which < 2; ++which) {
      const uint64_t *h = sum.data() + (split && which == 1 ? bins : 0);
      size_t digit = 0;
      while (digit + 1 < bins && rank[which] >= h[digit]) {
        rank[which] -= h[digit];
        ++digit;
      }
      prefix[which] = (prefix[which] << digitBits) | digit;
    }
  }
  key0 = prefix[0];
  key1 = prefix[1];
}

/// numpy 1.x `np.percentile(values, q)` (linear method) over the multiset
/// given by `forEach` (`count` values in all); `hasNaN()` is asked only
/// when the histograms cannot tell.
template <typename ForEach, typename HasNaN>
double percentile(const KeySpace &space, int64_t numItems, uint64_t count,
                  double q, ForEach &&forEach, HasNaN &&hasNaN) {
  double quantile = q / 100.0;
  double virtualIndex = rounded(static_cast<double>(count - 1) * quantile);
  int64_t previous = static_cast<int64_t>(std::floor(virtualIndex));
  int64_t next = previous + 1;
  double gammaBase = static_cast<double>(previous);
  if (virtualIndex >= static_cast<double>(count - 1)) {
    // numpy takes the last element and measures gamma from index -1.
    previous = next = static_cast<int64_t>(count) - 1;
    gammaBase = -1.0;
  }
  uint64_t key0 = 0, key1 = 0;
  int sawNaN = 0;
  selectKeys(space, numItems, count, forEach, static_cast<uint64_t>(previous),
             static_cast<uint64_t>(next), key0, key1, sawNaN);
  // numpy returns the last sorted element, a NaN, when there is one.
  if (sawNaN == 1 || (sawNaN == -1 && hasNaN()))
    return std::numeric_limits<double>::quiet_NaN();
  double a = space.value(key0), b = space.value(key1);
  double gamma = virtualIndex - gammaBase;
  double diff = space.difference(b, a);
  if (gamma >= 0.5)
    return rounded(b - rounded(diff * rounded(1.0 - gamma)));
  return rounded(a + rounded(diff * gamma));
}

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

Status checkTensor(const TensorRef &w) {
  if (!w.data && numElements(w.shape) != 0)
    return Status::error("The weight has no data.");
  return Status::success();
}

/// Exclusive key bound for "prune where magnitude key <= lastKey".
uint64_t keyLimit(int64_t lastKey) {
  return static_cast<uint64_t>(lastKey + 1);
}

/// Mask codes of `0 * val` (target sparsity 1): zero except inf/NaN.
template <typename E>
void fillTimesZero(const TensorRef &w, int64_t begin, int64_t end,
                   uint8_t *mask) {
  using Storage = typename E::Storage;
  const Storage *data = static_cast<const Storage *>(w.data);
  for (int64_t i = begin; i < end; ++i)
    mask[i] = E::isNonFinite(data[i]) ? kKeepTimesZero : kDrop;
}

/// Mask code of an element after `val * (1 - nm_mask)`: a pruned finite
/// value becomes zero; a pruned inf/NaN becomes NaN and stays.
template <typename E>
inline uint8_t codeAfterNM(typename E::Storage value, bool pruned) {
  uint8_t prunedCode = E::isNonFinite(value) ? kKeepTimesZero : kDrop;
  uint8_t keptCode = E::isZero(value) ? kDrop : kKeep;
  return pruned ? prunedCode : keptCode;
}

/// Whether any element's magnitude is a NaN.
template <typename E> bool anyNaNMagnitude(const TensorRef &w, int64_t count) {
  if constexpr (E::kind == KeyKind::Int8 || E::kind == KeyKind::UInt8) {
    return false;
  } else {
    using Storage = typename E::Storage;
    const Storage *data = static_cast<const Storage *>(w.data);
    uint64_t limit = KeySpace{E::kind}.maxOrdered();
    std::vector<uint8_t> found((count + kChunk - 1) / kChunk + 1, 0);
    parallelRanges(count, kChunk, [&](int64_t begin, int64_t end) {
      bool any = false;
      for (int64_t i = begin; i < end; ++i)
        any |= E::magnitudeKey(data[i]) > limit;
      found[begin / kChunk] = any;
    });
    return std::find(found.begin(), found.end(), 1) != found.end();
  }
}

//===----------------------------------------------------------------------===//
// Block norms (3.4.3)
//===----------------------------------------------------------------------===//

/// Rounds a float to fp16 precision (nearest even) without leaving float,
/// as halfToFloat(floatToHalf(x)) but branch-free: normal results round the
/// mantissa to 10 bits, subnormal ones to a multiple of 2^-24 by adding and
/// removing 0.75 (whose ulp is 2^-24); overflow gives inf.
inline float roundToHalf(float x) {
  uint32_t bits = floatToBits(x);
  uint32_t magnitude = bits & 0x7FFFFFFF;
  float normal =
      bitsToFloat((bits + 0xFFF + ((bits >> 13) & 1)) & ~uint32_t(0x1FFF));
  float subnormal = (x + 0.75f) - 0.75f;
  float infinity = bitsToFloat((bits & 0x80000000) | 0x7F800000);
  float result = magnitude < 0x38800000 ? subnormal : normal;
  result = magnitude >= 0x477FF000 ? infinity : result;
  return magnitude > 0x7F800000 ? x : result;
}

/// numpy's pairwise summation (float accumulators), as used when a sum
/// reduces along the innermost axis.
float pairwiseSum(const float *x, int64_t n) {
  if (n < 8) {
    float sum = 0.0f;
    for (int64_t i = 0; i < n; ++i)
      sum += x[i];
    return sum;
  }
  if (n <= 128) {
    float r[8];
    for (int j = 0; j < 8; ++j)
      r[j] = x[j];
    int64_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j)
        r[j] += x[i + j];
    float sum =
        ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i)
      sum += x[i];
    return sum;
  }
  int64_t n2 = n / 2;
  n2 -= n2 % 8;
  return pairwiseSum(x, n2) + pairwiseSum(x + n2, n - n2);
}

/// The block geometry: element (o, c, i) is at (o * C + c) * inner + i;
/// block (o, k, i) holds c in [k * size, min((k + 1) * size, C)) and is
/// stored at (o * perFiber + k) * inner + i.
struct Blocks {
  int64_t outer, channels, inner, size, perFiber;
  int64_t count() const { return outer * perFiber * inner; }
  int64_t elementsIn(int64_t block) const {
    int64_t k = (block / inner) % perFiber;
    return std::min(size, channels - k * size);
  }
};

/// The square of a float weight as numpy computes it: fp16 squares are
/// exact in float and rounded to fp16; fp32 ones are rounded once (through
/// double, so they cannot be fused into an FMA).
template <typename E> inline float squareOf(typename E::Storage s) {
  float x = E::toFloat(s);
  if constexpr (E::kind == KeyKind::Half)
    return roundToHalf(x * x);
  else
    return static_cast<float>(static_cast<double>(x) * x);
}

/// Final step of a float block norm: sqrt in the weight dtype, as a key.
template <typename E> inline uint64_t normKey(float sum) {
  if constexpr (E::kind == KeyKind::Half)
    return floatToHalf(std::sqrt(roundToHalf(sum))) & 0x7FFF;
  else
    return floatToBits(std::sqrt(sum)) & 0x7FFFFFFF;
}

/// Block norms of float weights when blocks are runs within rows (inner ==
/// 1, several rows): the blocks of a row are summed side by side, one
/// position j at a time, which is numpy's order (elementwise adds).
template <typename E>
void blockNormsAlongRows(const typename E::Storage *data, const Blocks &blocks,
                         uint64_t *keys) {
  constexpr bool isHalf = E::kind == KeyKind::Half;
  int64_t rowsPerTask = std::max<int64_t>(1, kChunk / blocks.channels);
  parallelRanges(blocks.outer, rowsPerTask,
                 [&, data, keys](int64_t begin, int64_t end) {
                   const int64_t size = blocks.size, channels = blocks.channels;
                   const int64_t full = channels / size;
                   std::vector<float> sumBuffer(blocks.perFiber);
                   float *sums = sumBuffer.data();
                   for (int64_t o = begin; o < end; ++o) {
                     const typename E::Storage *row = data + o * channels;
                     for (int64_t k = 0; k < full; ++k)
                       sums[k] = squareOf<E>(row[k * size]);
                     for (int64_t j = 1; j < size; ++j)
                       for (int64_t k = 0; k < full; ++k) {
                         float sum = sums[k] + squareOf<E>(row[k * size + j]);
                         sums[k] = isHalf ? roundToHalf(sum) : sum;
                       }
                     if (full < blocks.perFiber) {
                       int64_t first = full * size;
                       float sum = squareOf<E>(row[first]);
                       for (int64_t c = first + 1; c < channels; ++c) {
                         sum = sum + squareOf<E>(row[c]);
                         sum = isHalf ? roundToHalf(sum) : sum;
                       }
                       sums[full] = sum;
                     }
                     uint64_t *rowKeys = keys + o * blocks.perFiber;
                     for (int64_t k = 0; k < blocks.perFiber; ++k)
                       rowKeys[k] = normKey<E>(sums[k]);
                   }
                 });
}

/// L2 norm of every block, stored as magnitude keys of `space`: numpy
/// squares in the weight dtype, sums along the block (elementwise adds,
/// each rounded, unless the other axes are all 1 and the sum runs
/// innermost, pairwise in float32), and takes the square root in the same
/// dtype. Integer weights square with wrap-around and sum in int64 (a
/// float64 norm). Work goes by rows of `inner` blocks (o, k, *).
template <typename E>
void blockNorms(const TensorRef &w, const Blocks &blocks,
                std::vector<uint64_t> &keys) {
  using Storage = typename E::Storage;
  const Storage *data = static_cast<const Storage *>(w.data);
  bool innermost = blocks.outer * blocks.inner == 1;
  keys.assign(blocks.count(), 0);
  if constexpr (E::kind == KeyKind::Half || E::kind == KeyKind::Float) {
    if (blocks.inner == 1 && !innermost) {
      blockNormsAlongRows<E>(data, blocks, keys.data());
      return;
    }
  }
  int64_t blockRows = blocks.outer * blocks.perFiber;
  int64_t rowsPerTask = std::max<int64_t>(
      1, kChunk / std::max<int64_t>(1, blocks.size * blocks.inner));
  parallelRanges(blockRows, rowsPerTask, [&, data](int64_t begin, int64_t end) {
    const int64_t inner = blocks.inner;
    std::vector<float> sumBuffer(inner), squares;
    std::vector<int64_t> intSumBuffer(inner);
    float *sums = sumBuffer.data();
    int64_t *intSums = intSumBuffer.data();
    uint64_t *allKeys = keys.data();
    for (int64_t blockRow = begin; blockRow < end; ++blockRow) {
      int64_t o = blockRow / blocks.perFiber;
      int64_t first = (blockRow % blocks.perFiber) * blocks.size;
      int64_t real = std::min(blocks.size, blocks.channels - first);
      const Storage *rowData = data + (o * blocks.channels + first) * inner;
      uint64_t *rowKeys = allKeys + blockRow * inner;
      if constexpr (E::kind == KeyKind::Half || E::kind == KeyKind::Float) {
        constexpr bool isHalf = E::kind == KeyKind::Half;
        if (innermost) {
          squares.assign(blocks.size, 0.0f);
          for (int64_t j = 0; j < real; ++j)
            squares[j] = squareOf<E>(rowData[j]);
          sums[0] = 0.0f + pairwiseSum(squares.data(), blocks.size);
        } else {
          for (int64_t i = 0; i < inner; ++i)
            sums[i] = squareOf<E>(rowData[i]);
          for (int64_t j = 1; j < real; ++j) {
            const Storage *slice = rowData + j * inner;
            for (int64_t i = 0; i < inner; ++i) {
              float sum = sums[i] + squareOf<E>(slice[i]);
              sums[i] = isHalf ? roundToHalf(sum) : sum;
            }
          }
        }
        for (int64_t i = 0; i < inner; ++i)
          rowKeys[i] = normKey<E>(sums[i]);
      } else {
        std::fill(intSums, intSums + inner, 0);
        for (int64_t j = 0; j < real; ++j)
          for (int64_t i = 0; i < inner; ++i) {
            int value = rowData[j * inner + i];
            intSums[i] += static_cast<Storage>(value * value);
          }
        for (int64_t i = 0; i < inner; ++i)
          rowKeys[i] = doubleToBits(std::sqrt(static_cast<double>(intSums[i])));
      }
    }
  });
}

//===----------------------------------------------------------------------===//
// n:m (3.4.4): numpy's argsort, to break ties as it does
//===----------------------------------------------------------------------===//

/// numpy's heapsort fallback of argsort.
template <typename Less>
void argHeapSort(int64_t *order, int64_t n, const Less &less) {
  int64_t *a = order - 1; // 1-based
  for (int64_t l = n >> 1; l > 0; --l) {
    int64_t tmp = a[l];
    int64_t i = l, j = l << 1;
    while (j <= n) {
      if (j < n && less(a[j], a[j + 1]))
        ++j;
      if (!less(tmp, a[j]))
        break;
      a[i] = a[j];
      i = j;
      j += j;
    }
    a[i] = tmp;
  }
  for (; n > 1;) {
    int64_t tmp = a[n];
    a[n] = a[1];
    --n;
    int64_t i = 1, j = 2;
    while (j <= n) {
      if (j < n && less(a[j], a[j + 1]))
        ++j;
      if (!less(tmp, a[j]))
        break;
      a[i] = a[j];
      i = j;
      j += j;
    }
    a[i] = tmp;
  }
}

/// numpy's argsort sorts at most this many elements by insertion alone.
constexpr int64_t kInsertionSortMax = 17;

/// numpy's default argsort (introsort: median-of-3 quicksort down to 17
/// elements, then insertion sort; heapsort when too deep). `less(i, j)`
/// compares the values at positions i and j.
template <typename Less>
void argSort(int64_t *order, int64_t num, const Less &less) {
  constexpr int64_t kSmall = kInsertionSortMax - 1;
  llvm::SmallVector<int64_t *, 64> stack;
  llvm::SmallVector<int, 32> depths;
  int64_t *pl = order;
  int64_t *pr = order + num - 1;
  int depth = 0;
  for (int64_t n = num; n > 1; n >>= 1)
    ++depth;
  depth *= 2;
  for (;;) {
    if (depth < 0) {
      argHeapSort(pl, pr - pl + 1, less);
    } else {
      while (pr - pl > kSmall) {
        int64_t *pm = pl + ((pr - pl) >> 1);
        if (less(*pm, *pl))
          std::swap(*pm, *pl);
        if (less(*pr, *pm))
          std::swap(*pr, *pm);
        if (less(*pm, *pl))
          std::swap(*pm, *pl);
        int64_t pivot = *pm;
        int64_t *pi = pl;
        int64_t *pj = pr - 1;
        std::swap(*pm, *pj);
        for (;;) {
          do
            ++pi;
          while (less(*pi, pivot));
          do
            --pj;
          while (less(pivot, *pj));
          if (pi >= pj)
            break;
          std::swap(*pi, *pj);
        }
        std::swap(*pi, *(pr - 1));
        if (pi - pl < pr - pi) {
          stack.push_back(pi + 1);
          stack.push_back(pr);
          pr = pi - 1;
        } else {
          stack.push_back(pl);
          stack.push_back(pi - 1);
          pl = pi + 1;
        }
        depths.push_back(--depth);
      }
      for (int64_t *pi = pl + 1; pi <= pr; ++pi) {
        int64_t value = *pi;
        int64_t *pj = pi;
        while (pj > pl && less(value, *(pj - 1))) {
          *pj = *(pj - 1);
          --pj;
        }
        *pj = value;
      }
    }
    if (stack.empty())
      break;
    pr = stack.pop_back_val();
    pl = stack.pop_back_val();
    depth = depths.pop_back_val();
  }
}

/// Where the n:m groups are: element (o, c, i) is at (o * C + c) * inner + i;
/// a "unit" is one group of m entries along c (zero-padded past C) at a
/// fixed (o, i). Units are handled in batches of up to kNMBatch sharing o,
/// the group index and the number of real entries: along i when inner > 1,
/// or along the full groups of one row when inner == 1 (then the padded
/// tail group on its own).
struct NMLayout {
  int64_t outer = 1, channels = 1, inner = 1, n = 0, m = 1;
  int64_t fullGroups = 0, iChunks = 0, gChunks = 0, perOuter = 0;
};
constexpr int64_t kNMBatch = 256;

/// Prunes the units of batch `batch`, writing their mask codes. `keys` holds
/// m x kNMBatch keys, `order` and `pruned` m entries (scratch).
template <typename E>
void nmBatch(const typename E::Storage *data, uint8_t *mask, NMLayout layout,
             int64_t batch, uint32_t *keys, int64_t *order, uint8_t *pruned) {
  using Storage = typename E::Storage;
  const int64_t m = layout.m, n = layout.n, inner = layout.inner;
  const int64_t channels = layout.channels;
  int64_t o = batch / layout.perOuter, b = batch % layout.perOuter;
  int64_t first, stride, units, group;
  if (inner > 1) {
    group = b / layout.iChunks;
    int64_t i0 = (b % layout.iChunks) * kNMBatch;
    first = (o * channels + group * m) * inner + i0;
    stride = 1;
    units = std::min(kNMBatch, inner - i0);
  } else if (b < layout.gChunks) {
    group = b * kNMBatch;
    first = o * channels + group * m;
    stride = m;
    units = std::min(kNMBatch, layout.fullGroups - group);
  } else {
    group = layout.fullGroups;
    first = o * channels + group * m;
    stride = m;
    units = 1;
  }
  int64_t real = std::min(m, channels - group * m);

  // Keys with every NaN mapped to one value above +inf: numpy's sort order
  // (NaNs last, equal among themselves) as plain integer order.
  const uint64_t nanKey = KeySpace{E::kind}.maxOrdered() + 1;
  const uint32_t zeroKey = static_cast<uint32_t>(E::magnitudeKey(Storage(0)));
  for (int64_t j = 0; j < m; ++j) {
    uint32_t *row = keys + j * kNMBatch;
    if (j >= real) {
      std::fill(row, row + units, zeroKey);
      continue;
    }
    const Storage *src = data + first + j * inner;
    for (int64_t u = 0; u < units; ++u)
      row[u] = static_cast<uint32_t>(
          std::min<uint64_t>(E::magnitudeKey(src[u * stride]), nanKey));
  }

  if (m > kInsertionSortMax) {
    for (int64_t u = 0; u < units; ++u) {
      auto less = [&](int64_t a, int64_t c) {
        return keys[a * kNMBatch + u] < keys[c * kNMBatch + u];
      };
      for (int64_t j = 0; j < m; ++j) {
        order[j] = j;
        pruned[j] = 0;
      }
      argSort(order, m, less);
      for (int64_t j = 0; j < n; ++j)
        pruned[order[j]] = 1;
      for (int64_t j = 0; j < real; ++j) {
        int64_t e = first + j * inner + u * stride;
        mask[e] = codeAfterNM<E>(data[e], pruned[j]);
      }
    }
    return;
  }
  // numpy sorts this few by insertion, which is stable: an entry's place is
  // the number of smaller entries plus the equal ones before it; the first
  // n places are pruned.
  for (int64_t j = 0; j < real; ++j) {
    const uint32_t *mine = keys + j * kNMBatch;
    uint8_t places[kNMBatch] = {};
    for (int64_t k = 0; k < m; ++k) {
      const uint32_t *other = keys + k * kNMBatch;
      if (k < j) {
        for (int64_t u = 0; u < units; ++u)
          places[u] += other[u] <= mine[u];
      } else if (k > j) {
        for (int64_t u = 0; u < units; ++u)
          places[u] += other[u] < mine[u];
      }
    }
    const Storage *src = data + first + j * inner;
    uint8_t *dst = mask + first + j * inner;
    for (int64_t u = 0; u < units; ++u)
      dst[u * stride] = codeAfterNM<E>(src[u * stride], places[u] < n);
  }
}

} // namespace

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

namespace {

Status sparsifyImpl(const TensorRef &w, SparseParams &out, Sink sink) {
  out = SparseParams();
  if (Status status = checkTensor(w); !status)
    return status;
  dispatch(w.type, [&](auto elem) {
    using E = decltype(elem);
    selectByKey<E>(w, 0, sink, out);
  });
  return Status::success();
}

Status thresholdPruneImpl(const TensorRef &w, double threshold,
                          double minimumSparsityPercentile, SparseParams &out,
                          Sink sink) {
  out = SparseParams();
  if (Status status = checkTensor(w); !status)
    return status;
  uint64_t count = numElements(w.shape);
  dispatch(w.type, [&](auto elem) {
    using E = decltype(elem);
    KeySpace space{E::kind};
    uint64_t limit =
        keyLimit(space.lastKeyAtMost(space.effectiveThreshold(threshold)));
    selectByKey<E>(w, limit, sink, out);
  });
  // np.sum(val == 0) / val.size; numpy prints the float64 like Python.
  double sparsity =
      static_cast<double>(count - out.numNonzero) / static_cast<double>(count);
  if (sparsity < minimumSparsityPercentile) {
    out = SparseParams();
    out.skipped = true;
    out.reason = "weight value has sparsity of " + pyFloat(sparsity) +
                 " < minimum_sparsity_percentile " +
                 pyFloat(minimumSparsityPercentile) + ". Skipped.";
  }
  return Status::success();
}

Status magnitudePruneImpl(const TensorRef &w, double targetSparsity,
                          SparseParams &out, Sink sink) {
  out = SparseParams();
  if (Status status = checkTensor(w); !status)
    return status;
  int64_t count = static_cast<int64_t>(numElements(w.shape));
  double q = targetSparsity * 100.0;
  dispatch(w.type, [&](auto elem) {
    using E = decltype(elem);
    using Storage = typename E::Storage;
    const Storage *data = static_cast<const Storage *>(w.data);
    KeySpace space{E::kind};
    if (q == 100.0) {
      fillAndGather<E>(w, sink, out,
                       [&](int64_t begin, int64_t end, uint8_t *codes) {
                         fillTimesZero<E>(w, begin, end, codes);
                       });
      return;
    }
    uint64_t limit = 0;
    if (q != 0.0 && count > 0) {
      double cut = percentile(
          space, count, static_cast<uint64_t>(count), q,
          [&](int64_t begin, int64_t end, auto &&fn) {
            thread_local ReadBuffer buffer;
            for (int64_t piece = begin; piece < end; piece += kChunk) {
              int64_t n = std::min(kChunk, end - piece);
              const Storage *in = buffer.read(data + piece, n);
              for (int64_t i = 0; i < n; ++i)
                fn(E::magnitudeKey(in[i]), uint64_t(1));
            }
          },
          [&] { return anyNaNMagnitude<E>(w, count); });
      limit = keyLimit(space.lastKeyAtMost(space.effectiveThreshold(cut)));
    }
    selectByKey<E>(w, limit, sink, out);
  });
  return Status::success();
}

Status blockMagnitudePruneImpl(const TensorRef &w, double targetSparsity,
                               int64_t blockSize, int64_t dim,
                               SparseParams &out, Sink sink) {
  out = SparseParams();
  if (Status status = checkTensor(w); !status)
    return status;
  ArrayRef<int64_t> shape = w.shape;
  int64_t rank = static_cast<int64_t>(shape.size());
  if (blockSize < 1)
    return Status::error("\"block_size\" must be an integer > 1. Got " +
                         std::to_string(blockSize) + ".");
  // coremltools reads shape[dim] (Python indexing) before its assertions.
  if (dim < -rank || dim >= rank)
    return Status::error("tuple index out of range");
  int64_t channels = shape[dim < 0 ? dim + rank : dim];
  if (static_cast<double>(blockSize) > static_cast<double>(channels) / 2.0) {
    out.skipped = true;
    out.reason = "block_size > channel / 2 is not applicable for block "
                 "sparsity. Got block_size = " +
                 std::to_string(blockSize) +
                 ", channel = " + std::to_string(channels) + ". Skipped.";
    return Status::success();
  }
  if (dim != 0 && dim != 1)
    return Status::error("bock sparsity pruning only supports dim [0, 1].");
  if (rank < 2 || rank > 5)
    return Status::error(
        "block sparsity only supports weights of rank [2, 3, 4, 5]");

  Blocks blocks;
  blocks.outer = dim == 0 ? 1 : shape[0];
  blocks.channels = channels;
  blocks.inner = 1;
  for (int64_t a = dim + 1; a < rank; ++a)
    blocks.inner *= shape[a];
  blocks.size = blockSize;
  blocks.perFiber = (channels + blockSize - 1) / blockSize;

  int64_t count = static_cast<int64_t>(numElements(shape));
  double q = targetSparsity * 100.0;
  dispatch(w.type, [&](auto elem) {
    using E = decltype(elem);
    using Storage = typename E::Storage;
    if (q == 100.0) {
      fillAndGather<E>(w, sink, out,
                       [&](int64_t begin, int64_t end, uint8_t *codes) {
                         fillTimesZero<E>(w, begin, end, codes);
                       });
      return;
    }
    if (q == 0.0 || count == 0) {
      selectByKey<E>(w, 0, sink, out);
      return;
    }
    constexpr bool isFloat =
        E::kind == KeyKind::Half || E::kind == KeyKind::Float;
    KeySpace space{isFloat ? E::kind : KeyKind::Double};
    std::vector<uint64_t> norms;
    blockNorms<E>(w, blocks, norms);
    double cut = percentile(
        space, blocks.count(), static_cast<uint64_t>(count), q,
        [&](int64_t begin, int64_t end, auto &&fn) {
          for (int64_t b = begin; b < end; ++b)
            fn(norms[b], static_cast<uint64_t>(blocks.elementsIn(b)));
        },
        [&] {
          return std::any_of(norms.begin(), norms.end(),
                             [&](uint64_t key) { return space.isNaN(key); });
        });
    uint64_t limit =
        keyLimit(space.lastKeyAtMost(space.effectiveThreshold(cut)));
    // Rows (o, c) of `inner` elements share a row of block norms.
    const Storage *data = static_cast<const Storage *>(w.data);
    std::unique_ptr<uint8_t[]> codeStorage = newCodes(count);
    uint8_t *mask = codeStorage.get();
    int64_t rows = blocks.outer * blocks.channels;
    int64_t rowsPerTask = std::max<int64_t>(1, kChunk / blocks.inner);
    const uint64_t *normKeys = norms.data();
    parallelRanges(rows, rowsPerTask, [&](int64_t begin, int64_t end) {
      // Locals, not captures: the byte stores could otherwise alias them.
      const Storage *src = data;
      uint8_t *codes = mask;
      const uint64_t *keys = normKeys, bound = limit;
      const int64_t inner = blocks.inner, channels = blocks.channels;
      const int64_t perFiber = blocks.perFiber, size = blocks.size;
      for (int64_t row = begin; row < end; ++row) {
        int64_t o = row / channels, c = row % channels;
        const uint64_t *rowKeys = keys + (o * perFiber + c / size) * inner;
        const Storage *rowData = src + row * inner;
        uint8_t *rowMask = codes + row * inner;
        for (int64_t i = 0; i < inner; ++i) {
          bool prune = rowKeys[i] < bound;
          rowMask[i] = prune || E::isZero(rowData[i]) ? kDrop : kKeep;
        }
      }
    });
    gatherCodes<E>(w, mask, sink, out);
  });
  return Status::success();
}

Status nmPruneImpl(const TensorRef &w, int64_t n, int64_t m, int64_t dim,
                   SparseParams &out, Sink sink) {
  out = SparseParams();
  if (Status status = checkTensor(w); !status)
    return status;
  ArrayRef<int64_t> shape = w.shape;
  int64_t rank = static_cast<int64_t>(shape.size());
  if (n < 0 || m < 1 || n > m)
    return Status::error("\"n_m_ratio\" must be a tuple of two integers (n, "
                         "m). n <= m. Got (" +
                         std::to_string(n) + ", " + std::to_string(m) + ")");
  if (dim != 0 && dim != 1)
    return Status::error("n:m pruning only supports dim [0, 1].");
  if (rank < 2 || rank > 5)
    return Status::error(
        "m:m pruning only supports weights of rank [2, 3, 4, 5]");
  int64_t channels = shape[dim];
  if (static_cast<double>(m) > static_cast<double>(channels) / 2.0) {
    out.skipped = true;
    out.reason = "m > channel / 2 is not applicable for n:m pruning. Got m = " +
                 std::to_string(m) + ", channel = " + std::to_string(channels) +
                 ". Skipped.";
    return Status::success();
  }

  NMLayout layout;
  layout.outer = dim == 0 ? 1 : shape[0];
  layout.channels = channels;
  for (int64_t a = dim + 1; a < rank; ++a)
    layout.inner *= shape[a];
  layout.n = n;
  layout.m = m;
  int64_t groups = (channels + m - 1) / m;
  layout.fullGroups = channels / m;
  layout.iChunks = (layout.inner + kNMBatch - 1) / kNMBatch;
  layout.gChunks = (layout.fullGroups + kNMBatch - 1) / kNMBatch;
  layout.perOuter = layout.inner > 1
                        ? groups * layout.iChunks
                        : layout.gChunks + groups - layout.fullGroups;
  int64_t numBatches = layout.outer * layout.perOuter;
  int64_t unitsPerBatch =
      std::min(layout.inner > 1 ? layout.inner : kNMBatch, kNMBatch);
  int64_t batchesPerTask = std::max<int64_t>(1, kChunk / (unitsPerBatch * m));

  int64_t count = static_cast<int64_t>(numElements(shape));
  dispatch(w.type, [&](auto elem) {
    using E = decltype(elem);
    using Storage = typename E::Storage;
    const Storage *data = static_cast<const Storage *>(w.data);
    // nmBatch writes the code of every element.
    std::unique_ptr<uint8_t[]> codeStorage = newCodes(count);
    uint8_t *mask = codeStorage.get();
    parallelRanges(numBatches, batchesPerTask, [&](int64_t begin, int64_t end) {
      std::vector<uint32_t> keys(m * kNMBatch);
      std::vector<int64_t> order(m);
      std::vector<uint8_t> pruned(m);
      for (int64_t batch = begin; batch < end; ++batch)
        nmBatch<E>(data, mask, layout, batch, keys.data(), order.data(),
                   pruned.data());
    });
    gatherCodes<E>(w, mask, sink, out);
  });
  return Status::success();
}

/// Runs `kernel(sink)` with the result stored in out.mask (one byte per
/// element) and out.nonzero.
template <typename Kernel>
Status intoVectors(const TensorRef &w, SparseParams &out, Kernel &&kernel) {
  uint64_t count = numElements(w.shape);
  std::vector<uint8_t> packed(packedSizeInBytes(count, 1));
  std::vector<uint8_t> nonzero;
  Status status = kernel(Sink{packed.data(), [&](uint64_t bytes) {
                                nonzero.resize(bytes);
                                return nonzero.data();
                              }});
  if (!status || out.skipped)
    return status;
  out.mask.resize(count);
  unpackBits(packed.data(), count, 1, out.mask.data());
  nonzero.resize(out.numNonzero * elemTypeSize(w.type));
  out.nonzero = std::move(nonzero);
  return status;
}

Sink toSink(const SparseStorage &storage) {
  return {storage.packedMask, storage.allocateNonzero};
}

} // namespace

Status sparsify(const TensorRef &w, SparseParams &out) {
  return intoVectors(w, out,
                     [&](Sink sink) { return sparsifyImpl(w, out, sink); });
}

Status thresholdPrune(const TensorRef &w, double threshold,
                      double minimumSparsityPercentile, SparseParams &out) {
  return intoVectors(w, out, [&](Sink sink) {
    return thresholdPruneImpl(w, threshold, minimumSparsityPercentile, out,
                              sink);
  });
}

Status magnitudePrune(const TensorRef &w, double targetSparsity,
                      SparseParams &out) {
  return intoVectors(w, out, [&](Sink sink) {
    return magnitudePruneImpl(w, targetSparsity, out, sink);
  });
}

Status blockMagnitudePrune(const TensorRef &w, double targetSparsity,
                           int64_t blockSize, int64_t dim, SparseParams &out) {
  return intoVectors(w, out, [&](Sink sink) {
    return blockMagnitudePruneImpl(w, targetSparsity, blockSize, dim, out,
                                   sink);
  });
}

Status nmPrune(const TensorRef &w, int64_t n, int64_t m, int64_t dim,
               SparseParams &out) {
  return intoVectors(
      w, out, [&](Sink sink) { return nmPruneImpl(w, n, m, dim, out, sink); });
}

Status sparsify(const TensorRef &w, SparseParams &out,
                const SparseStorage &storage) {
  return sparsifyImpl(w, out, toSink(storage));
}

Status thresholdPrune(const TensorRef &w, double threshold,
                      double minimumSparsityPercentile, SparseParams &out,
                      const SparseStorage &storage) {
  return thresholdPruneImpl(w, threshold, minimumSparsityPercentile, out,
                            toSink(storage));
}

Status magnitudePrune(const TensorRef &w, double targetSparsity,
                      SparseParams &out, const SparseStorage &storage) {
  return magnitudePruneImpl(w, targetSparsity, out, toSink(storage));
}

Status blockMagnitudePrune(const TensorRef &w, double targetSparsity,
                           int64_t blockSize, int64_t dim, SparseParams &out,
                           const SparseStorage &storage) {
  return blockMagnitudePruneImpl(w, targetSparsity, blockSize, dim, out,
                                 toSink(storage));
}

Status nmPrune(const TensorRef &w, int64_t n, int64_t m, int64_t dim,
               SparseParams &out, const SparseStorage &storage) {
  return nmPruneImpl(w, n, m, dim, out, toSink(storage));
}

} // namespace mil::compression
