//===- ConstexprIOS18.cpp - decompression of the IOS18 constexpr ops
//---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ConstexprIOS18.h"

#include "CpuFeatures.h"
#include "ErrorStatsChunks.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>
#include <vector>

using llvm::ArrayRef;

namespace mil::compression::ios18 {

std::string dtypeName(ElemType type, unsigned bits) {
  switch (type) {
  case ElemType::UInt8:
    return "uint" + std::to_string(bits);
  case ElemType::Int8:
    return "int" + std::to_string(bits);
  case ElemType::Float16:
    return "fp16";
  case ElemType::Float32:
    return "fp32";
  }
  return "unknown";
}

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::string dtypeName(const TensorRef &tensor) {
  return ios18::dtypeName(tensor.type, tensor.bits);
}

bool isFloat(ElemType type) {
  return type == ElemType::Float16 || type == ElemType::Float32;
}

/// Python's rendering of a shape tuple: "()", "(3,)", "(1, 2)".
std::string pyShape(ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

Status checkShape(ArrayRef<int64_t> shape, const char *name) {
  for (int64_t dim : shape)
    if (dim < 0)
      return Status::error(std::string("Invalid parameter '") + name +
                           "'; negative dimension in shape " + pyShape(shape) +
                           ".");
  return Status::success();
}

Status checkOutputBytes(uint64_t needed, size_t given, const char *name) {
  if (given < needed)
    return Status::error(std::string("Output buffer '") + name +
                         "' too small: need " + std::to_string(needed) +
                         " bytes, got " + std::to_string(given) + ".");
  return Status::success();
}

/// Generic input-domain error (the MIL input validator's rejection).
Status domainError(const char *name, const char *expected,
                   const TensorRef &tensor) {
  return Status::error(std::string("Input ") + name + " expects one of (" +
                       expected + ") but got " + dtypeName(tensor) + ".");
}

/// SrcT / OffsetT domain: int4, uint4, int8, uint8, fp16, fp32.
bool inQuantDomain(const TensorRef &tensor) {
  return isFloat(tensor.type) || tensor.bits == 4 || tensor.bits == 8;
}
constexpr const char *QuantDomain = "int4, uint4, int8, uint8, fp16, fp32";

/// Counts the set elements of a uint1 mask.
uint64_t countSet(const uint8_t *mask, uint64_t count) {
  uint64_t set = 0;
  for (uint64_t i = 0; i < count; ++i)
    set += mask[i] != 0;
  return set;
}

/// Visits the elements of a row-major output of `inShape` whose dim `axis`
/// (or none when `axis` < 0) is multiplied by `vectorSize`, in row-major
/// output order. Input position i is split into `groups[k]` contiguous
/// blocks along each axis k. Calls fn(outIndex, inIndex, groupIndex, v)
/// where inIndex is the row-major index of the input position, groupIndex
/// the row-major index of its block in `groups`, and v the position inside
/// the expanded vector. Requires rank >= 1 and inShape[k] % groups[k] == 0.
template <typename Fn>
void forEachExpandedRows(ArrayRef<int64_t> inShape, ArrayRef<int64_t> groups,
                         int64_t axis, int64_t vectorSize, uint64_t rowBegin,
                         uint64_t rowEnd, Fn fn) {
  const size_t rank = inShape.size();
  llvm::SmallVector<int64_t, 8> outShape(inShape.begin(), inShape.end());
  if (axis >= 0)
    outShape[axis] *= vectorSize;
  else
    vectorSize = 1;
  if (numElements(outShape) == 0)
    return;

  llvm::SmallVector<int64_t, 8> blockSize(rank), inStride(rank),
      groupStride(rank);
  int64_t in = 1, group = 1;
  for (size_t k = rank; k-- > 0;) {
    blockSize[k] = inShape[k] / groups[k];
    inStride[k] = in;
    groupStride[k] = group;
    in *= inShape[k];
    group *= groups[k];
  }

  const size_t last = rank - 1;
  const int64_t lastSize = outShape[last];
  const int64_t lastBlock = blockSize[last];
  const bool vectorLast = axis == static_cast<int64_t>(last);
  // The coordinates of row `rowBegin` (all dims but the last).
  llvm::SmallVector<int64_t, 8> outer(last, 0);
  for (size_t k = last, row = rowBegin; k-- > 0;) {
    outer[k] = static_cast<int64_t>(row % outShape[k]);
    row /= outShape[k];
  }
  uint64_t outIndex = rowBegin * lastSize;
  for (uint64_t row = rowBegin; row < rowEnd; ++row) {
    // Bases of the current row (all dims but the last).
    uint64_t inBase = 0, groupBase = 0;
    int64_t rowV = 0;
    for (size_t k = 0; k < last; ++k) {
      int64_t coord = outer[k];
      if (static_cast<int64_t>(k) == axis) {
        rowV = coord % vectorSize;
        coord /= vectorSize;
      }
      inBase += coord * inStride[k];
      groupBase += (coord / blockSize[k]) * groupStride[k];
    }
    // The last dim, with running counters instead of divisions.
    int64_t inLast = 0, inBlock = 0, v = 0;
    uint64_t groupIndex = groupBase;
    for (int64_t j = 0; j < lastSize; ++j) {
      fn(outIndex++, inBase + inLast, groupIndex, vectorLast ? v : rowV);
      if (vectorLast && ++v < vectorSize)
        continue;
      v = 0;
      ++inLast;
      if (++inBlock == lastBlock) {
        inBlock = 0;
        ++groupIndex;
      }
    }
    // Next row.
    for (size_t k = last; k-- > 0;) {
      if (++outer[k] < outShape[k])
        break;
      outer[k] = 0;
    }
  }
}

/// forEachExpandedRows over the whole output, in order on this thread: for
/// visitors that keep a running count of set mask positions.
/// The number of output rows (all dims but the last) of forEachExpanded,
/// and the effective vectorSize (1 without an axis).
uint64_t expandedRows(ArrayRef<int64_t> inShape, int64_t axis,
                      int64_t &vectorSize, uint64_t &lastSize) {
  if (axis < 0)
    vectorSize = 1;
  uint64_t total = numElements(inShape) * vectorSize;
  lastSize =
      inShape.back() * (axis == int64_t(inShape.size()) - 1 ? vectorSize : 1);
  return total ? total / lastSize : 0;
}

template <typename Fn>
void forEachExpandedInOrder(ArrayRef<int64_t> inShape, ArrayRef<int64_t> groups,
                            int64_t axis, int64_t vectorSize, Fn fn) {
  uint64_t lastSize;
  uint64_t rows = expandedRows(inShape, axis, vectorSize, lastSize);
  if (rows)
    forEachExpandedRows(inShape, groups, axis, vectorSize, 0, rows, fn);
}

/// forEachExpandedRows over the whole output, split into runs of rows that
/// threads take in parallel (fn must only write output element outIndex).
/// Small outputs stay on the calling thread.
template <typename Fn>
void forEachExpanded(ArrayRef<int64_t> inShape, ArrayRef<int64_t> groups,
                     int64_t axis, int64_t vectorSize, Fn fn) {
  uint64_t lastSize;
  uint64_t rows = expandedRows(inShape, axis, vectorSize, lastSize);
  if (rows == 0)
    return;
  constexpr uint64_t kChunkElements = 1 << 18;
  uint64_t rowsPerChunk = std::max<uint64_t>(1, kChunkElements / lastSize);
  uint64_t chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
  if (chunks <= 1)
    return forEachExpandedRows(inShape, groups, axis, vectorSize, 0, rows, fn);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t begin = c * rowsPerChunk;
    forEachExpandedRows(inShape, groups, axis, vectorSize, begin,
                        std::min(rows, begin + rowsPerChunk), fn);
  });
}

/// Calls fn with a value of the storage type of `type` (fp16 as uint16_t).
template <typename Fn> void dispatchType(ElemType type, Fn fn) {
  switch (type) {
  case ElemType::UInt8:
    return fn(uint8_t{});
  case ElemType::Int8:
    return fn(int8_t{});
  case ElemType::Float16:
    return fn(uint16_t{});
  case ElemType::Float32:
    return fn(float{});
  }
}

/// Calls fn with an unsigned integer of the element size of `type`.
template <typename Fn> void dispatchSize(ElemType type, Fn fn) {
  switch (elemTypeSize(type)) {
  case 1:
    return fn(uint8_t{});
  case 2:
    return fn(uint16_t{});
  default:
    return fn(uint32_t{});
  }
}

inline float toFloat(uint8_t x) { return static_cast<float>(x); }
inline float toFloat(int8_t x) { return static_cast<float>(x); }
inline float toFloat(uint16_t x) { return halfToFloat(x); }
inline float toFloat(float x) { return x; }

/// int8/uint8 storage (fp16 is stored as uint16_t and is not an integer).
template <typename T>
constexpr bool isIntElem =
    std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>;

inline float roundToHalf(float x) { return halfToFloat(floatToHalf(x)); }

template <typename T> T load(const void *base, uint64_t index) {
  T value;
  std::memcpy(&value, static_cast<const char *>(base) + index * sizeof(T),
              sizeof(T));
  return value;
}

template <typename T> void store(void *base, uint64_t index, T value) {
  std::memcpy(static_cast<char *>(base) + index * sizeof(T), &value, sizeof(T));
}

/// One element of constexpr_blockwise_shift_scale, as numpy computes
/// `scale * (data.astype(scale.dtype) - offset)`. ScaleT is uint16_t (fp16)
/// or float; OffT is void when there is no offset.
template <typename DataT, typename ScaleT, typename OffT>
inline ScaleT shiftScale(DataT data, ScaleT scale, const OffT *offset) {
  constexpr bool hasOffset = !std::is_void_v<OffT>;
  float x = toFloat(data);
  if constexpr (std::is_same_v<ScaleT, float>) {
    if constexpr (hasOffset)
      x = x - toFloat(*offset);
    return toFloat(scale) * x;
  } else {
    // astype(fp16): only fp32 data can be inexact.
    if constexpr (std::is_same_v<DataT, float>)
      x = roundToHalf(x);
    if constexpr (hasOffset) {
      if constexpr (std::is_same_v<OffT, float>) {
        x = x - *offset; // fp16 - fp32 promotes to fp32
      } else {
        x = x - toFloat(*offset);
        // fp16 - {int8, uint8, fp16} stays fp16. Small integer differences
        // are exact.
        if constexpr (!isIntElem<DataT> || !isIntElem<OffT>)
          x = roundToHalf(x);
      }
    }
    return floatToHalf(toFloat(scale) * x);
  }
}

/// shiftScale of `data` with parameter `p`: scale sc[p] and, unless OffT is
/// void (no offset), offset off[p].
template <typename DataT, typename ScaleT, typename OffT>
inline ScaleT shiftScaleAt(DataT data, const ScaleT *sc, const OffT *off,
                           uint64_t p) {
  if constexpr (std::is_void_v<OffT>)
    return shiftScale<DataT, ScaleT, void>(data, sc[p], nullptr);
  else
    return shiftScale(data, sc[p], off + p);
}

/// Runs fn(DataT{}, sc, off) for the runtime types, with `scale`'s data as
/// `const ScaleT *sc` and `offset`'s as `const OffT *off` (a null
/// `const void *` when `offset` is null).
template <typename Fn>
void dispatchShiftScale(ElemType dataType, const TensorRef &scale,
                        const TensorRef *offset, Fn fn) {
  dispatchType(dataType, [&](auto dataTag) {
    using DataT = decltype(dataTag);
    auto withScale = [&](auto scaleTag) {
      using ScaleT = decltype(scaleTag);
      const auto *sc = static_cast<const ScaleT *>(scale.data);
      if (!offset)
        return fn(DataT{}, sc, static_cast<const void *>(nullptr));
      dispatchType(offset->type, [&](auto offTag) {
        using OffT = decltype(offTag);
        fn(DataT{}, sc, static_cast<const OffT *>(offset->data));
      });
    };
    if (scale.type == ElemType::Float16)
      withScale(uint16_t{});
    else
      withScale(float{});
  });
}

/// The element types of dispatchShiftScale's pointers.
template <typename Ptr>
using PointeeT = std::remove_const_t<std::remove_pointer_t<Ptr>>;

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

/// The 1.5 checks for data of `dataShape` and dtype (`dataType`, `dataBits`).
Status verifyShiftScaleImpl(ArrayRef<int64_t> dataShape, const TensorRef &data,
                            const TensorRef &scale, const TensorRef *offset) {
  if (!inQuantDomain(data))
    return domainError("data", QuantDomain, data);
  if (!isFloat(scale.type))
    return domainError("scale", "fp16, fp32", scale);
  if (offset && !inQuantDomain(*offset))
    return domainError("offset", QuantDomain, *offset);
  if (Status s = checkShape(scale.shape, "scale"); !s)
    return s;
  if (offset)
    if (Status s = checkShape(offset->shape, "offset"); !s)
      return s;

  if (dataShape.size() != scale.shape.size())
    return Status::error(
        "Parameter 'data' and 'scale' need to have the same rank, but got " +
        std::to_string(dataShape.size()) + " vs " +
        std::to_string(scale.shape.size()) + ".");
  if (dataShape.empty())
    return Status::error(
        "Parameter 'data' needs to have at least rank 1, but got scalar.");
  for (size_t i = 0; i < dataShape.size(); ++i) {
    int64_t d = dataShape[i], s = scale.shape[i];
    if (s <= 0 || d % s != 0)
      return Status::error(
          "Number of scales along each dimension should be a factor of "
          "corresponding dimension size of 'data'. However, at dim " +
          std::to_string(i) + ", the 'data' has " + std::to_string(d) +
          " while 'scale' has " + std::to_string(s) + ".");
  }
  if (offset) {
    if (offset->shape != scale.shape)
      return Status::error("Invalid parameter 'offset'; the shape of 'offset' "
                           "should match the shape of 'scale', but got (" +
                           pyShape(offset->shape) + ") vs (" +
                           pyShape(scale.shape) + ").");
    if (!isFloat(offset->type) &&
        (offset->type != data.type || offset->bits != data.bits))
      return Status::error("Invalid parameter 'offset'; the dtype of 'offset' "
                           "should match the dtype of 'data', but got (" +
                           dtypeName(*offset) + ") vs (" + dtypeName(data) +
                           ").");
  }
  return Status::success();
}

/// The 1.7 checks on (nonzeroData, mask).
Status verifySparse(const TensorRef &nonzeroData, const TensorRef &mask,
                    const char *maskName) {
  if (mask.type != ElemType::UInt8)
    return domainError(maskName, "uint1", mask);
  if (Status s = checkShape(mask.shape, maskName); !s)
    return s;
  if (Status s = checkShape(nonzeroData.shape, "nonzero_data"); !s)
    return s;
  if (nonzeroData.shape.size() != 1)
    return Status::error(
        "Parameter nonzero_data needs to have rank 1, but got " +
        std::to_string(nonzeroData.shape.size()));
  uint64_t set = countSet(static_cast<const uint8_t *>(mask.data),
                          numElements(mask.shape));
  if (set != static_cast<uint64_t>(nonzeroData.shape[0]))
    return Status::error("Number of 1s in mask not match number of elements "
                         "in parameter nonzero_data");
  return Status::success();
}

struct LutLayout {
  int64_t numPalettes = 0;
  int64_t vectorSize = 1;
  int64_t axis = -1; // normalized; -1 when VECTOR_SIZE == 1
};

/// The 1.6 checks for indices of `indicesShape` and dtype `indices`.
Status verifyLut(ArrayRef<int64_t> indicesShape, const TensorRef &indices,
                 const TensorRef &lut, std::optional<int64_t> vectorAxis,
                 LutLayout &layout) {
  if (indices.type != ElemType::UInt8 ||
      !(indices.bits == 1 || indices.bits == 2 || indices.bits == 3 ||
        indices.bits == 4 || indices.bits == 6 || indices.bits == 8))
    return domainError("indices", "uint1, uint2, uint3, uint4, uint6, uint8",
                       indices);
  if (!isFloat(lut.type) && lut.bits != 8)
    return domainError("lut", "uint8, int8, fp16, fp32", lut);
  if (Status s = checkShape(lut.shape, "lut"); !s)
    return s;

  const size_t rank = indicesShape.size();
  if (rank == 0)
    return Status::error(
        "Parameter 'indices' needs to have at least rank 1, but got scalar.");
  if (lut.shape.size() != rank + 2)
    return Status::error(
        "Parameter 'lut' need to have 2 more dim than 'indices', but got " +
        std::to_string(lut.shape.size()) + "-rank 'lut' and " +
        std::to_string(rank) + "-rank 'indices'.");
  for (size_t k = 0; k < rank; ++k) {
    int64_t a = indicesShape[k], b = lut.shape[k];
    if (b <= 0 || a % b != 0)
      return Status::error(
          "Each dimension of 'indices' should be divisible by each "
          "corresponding dimension of the 'lut'. However, at dim " +
          std::to_string(k) + ", the 'indices' has " + std::to_string(a) +
          " while 'lut' has " + std::to_string(b) + ".");
  }
  int64_t numPalettes = lut.shape[rank];
  if (numPalettes <= 0 || (numPalettes & (numPalettes - 1)) != 0)
    return Status::error("Invalid parameter 'lut'; the second last dim should "
                         "have size 2^nbits, but got " +
                         std::to_string(numPalettes) + ".");
  unsigned nbits = 0;
  while ((int64_t{1} << nbits) < numPalettes)
    ++nbits;
  if (indices.bits != nbits)
    return Status::error(
        "Invalid parameter 'indices'; the second last dim indicate number of "
        "palettes (" +
        std::to_string(numPalettes) + "), which means nbits is " +
        std::to_string(nbits) + ", so the dtype of indices should be uint" +
        std::to_string(nbits) + ", but got " + dtypeName(indices) + ".");
  const int64_t k = static_cast<int64_t>(rank);
  if (vectorAxis && (*vectorAxis < -k || *vectorAxis >= k))
    return Status::error("Invalid parameter 'vector_axis'; The valid range is "
                         "between " +
                         std::to_string(-k) + " and " + std::to_string(k) +
                         ", but got " + std::to_string(*vectorAxis) + ".");
  int64_t vectorSize = lut.shape[rank + 1];
  if (vectorSize > 1 && !vectorAxis)
    return Status::error("When lut's last dim (VECTOR_SIZE) > 1, the "
                         "parameter 'vector_axis' need to be provided.");
  if (vectorSize < 1)
    return Status::error("Invalid parameter 'lut'; the last dim (VECTOR_SIZE) "
                         "should be at least 1, but got " +
                         std::to_string(vectorSize) + ".");
  layout.numPalettes = numPalettes;
  layout.vectorSize = vectorSize;
  layout.axis = -1;
  if (vectorSize > 1)
    layout.axis = *vectorAxis < 0 ? *vectorAxis + k : *vectorAxis;
  return Status::success();
}

std::vector<int64_t> lutOutputShape(ArrayRef<int64_t> indicesShape,
                                    const LutLayout &layout) {
  std::vector<int64_t> shape(indicesShape.begin(), indicesShape.end());
  if (layout.axis >= 0)
    shape[layout.axis] *= layout.vectorSize;
  return shape;
}

/// Checks that every index of `values` is below `numPalettes`.
Status checkIndexRange(const uint8_t *values, uint64_t count,
                       int64_t numPalettes) {
  // A vectorizable maximum per chunk, in parallel; the slow search only to
  // report.
  constexpr uint64_t kChunk = 1 << 20;
  const uint64_t chunks = (count + kChunk - 1) / kChunk;
  std::vector<uint8_t> largest(chunks, 0);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint8_t m = 0;
    for (uint64_t i = c * kChunk, e = std::min(count, i + kChunk); i < e; ++i)
      m = std::max(m, values[i]);
    largest[c] = m;
  });
  if (llvm::all_of(largest, [&](uint8_t m) { return m < numPalettes; }))
    return Status::success();
  for (uint64_t i = 0; i < count; ++i)
    if (values[i] >= numPalettes)
      return Status::error("Invalid parameter 'indices'; value " +
                           std::to_string(values[i]) + " at element " +
                           std::to_string(i) + " is out of range for " +
                           std::to_string(numPalettes) + " palettes.");
  return Status::success();
}

} // namespace

//===----------------------------------------------------------------------===//
// constexpr_blockwise_shift_scale
//===----------------------------------------------------------------------===//

Status verifyBlockwiseShiftScale(const TensorRef &data, const TensorRef &scale,
                                 const TensorRef *offset) {
  if (Status s = checkShape(data.shape, "data"); !s)
    return s;
  return verifyShiftScaleImpl(data.shape, data, scale, offset);
}

/// Calls fn(row, group, begin, end) for every run [begin, end) of the last
/// dim of row `row` (row-major over all dims but the last) that one scale
/// block covers, `group` being that block's row-major index in
/// `scaleShape`; rows are split across threads.
template <typename Fn>
void tableShiftScale(ArrayRef<int64_t> dataShape, ArrayRef<int64_t> scaleShape,
                     Fn fn) {
  const size_t rank = dataShape.size();
  const int64_t last = dataShape.back();
  const int64_t lastBlock = last / scaleShape.back();
  const uint64_t rows = numElements(dataShape) / std::max<int64_t>(last, 1);
  llvm::SmallVector<int64_t, 8> groupStride(rank);
  for (size_t k = rank, g = 1; k-- > 0;) {
    groupStride[k] = g;
    g *= scaleShape[k];
  }
  const uint64_t rowsPerChunk =
      std::max<uint64_t>(1, (1 << 18) / std::max<int64_t>(last, 1));
  llvm::parallelFor(0, (rows + rowsPerChunk - 1) / rowsPerChunk, [&](size_t c) {
    uint64_t end = std::min(rows, (c + 1) * rowsPerChunk);
    for (uint64_t row = c * rowsPerChunk; row < end; ++row) {
      uint64_t group = 0, rest = row;
      for (size_t k = rank - 1; k-- > 0;) {
        int64_t coord = static_cast<int64_t>(rest % dataShape[k]);
        rest /= dataShape[k];
        group += (coord / (dataShape[k] / scaleShape[k])) * groupStride[k];
      }
      for (int64_t begin = 0, g = 0; begin < last; begin += lastBlock, ++g)
        fn(row, group + g, begin, begin + lastBlock);
    }
  });
}

Status blockwiseShiftScale(const TensorRef &data, const TensorRef &scale,
                           const TensorRef *offset, void *output,
                           size_t outputBytes) {
  if (Status s = verifyBlockwiseShiftScale(data, scale, offset); !s)
    return s;
  if (Status s =
          checkOutputBytes(numElements(data.shape) * elemTypeSize(scale.type),
                           outputBytes, "output");
      !s)
    return s;
  dispatchShiftScale(
      data.type, scale, offset, [&](auto dataTag, auto sc, auto off) {
        using DataT = decltype(dataTag);
        using ScaleT = PointeeT<decltype(sc)>;
        const auto *in = static_cast<const DataT *>(data.data);
        auto *out = static_cast<ScaleT *>(output);
        // Integer data in long blocks along the last dim: one 256-entry
        // table per block, built with the same per-element arithmetic, then
        // a lookup per element (memory speed instead of a float-to-half
        // conversion per element).
        if constexpr (sizeof(DataT) == 1 && isIntElem<DataT>) {
          // Trailing dims with one scale each (a [N, C, 1, 1] scale of a
          // conv weight) merge into one run per row.
          size_t k = data.shape.size();
          while (k > 1 && scale.shape[k - 1] == 1)
            --k;
          llvm::SmallVector<int64_t, 8> viewData(data.shape.begin(),
                                                 data.shape.begin() + k);
          llvm::SmallVector<int64_t, 8> viewScale(scale.shape.begin(),
                                                  scale.shape.begin() + k);
          if (k < data.shape.size()) {
            viewData.push_back(
                static_cast<int64_t>(numElements(data.shape.drop_front(k))));
            viewScale.push_back(1);
          }
          int64_t last = viewData.back();
          if (last / viewScale.back() >= 256) {
            tableShiftScale(
                viewData, viewScale,
                [&](uint64_t row, uint64_t group, int64_t begin, int64_t end) {
                  ScaleT table[256];
                  for (int v = 0; v < 256; ++v)
                    table[v] =
                        shiftScaleAt(static_cast<DataT>(v), sc, off, group);
                  const DataT *src = in + row * last;
                  ScaleT *dst = out + row * last;
                  for (int64_t j = begin; j < end; ++j)
                    dst[j] = table[static_cast<uint8_t>(src[j])];
                });
            return;
          }
        }
        forEachExpanded(data.shape, scale.shape, -1, 1,
                        [&](uint64_t o, uint64_t i, uint64_t p, int64_t) {
                          out[o] = shiftScaleAt(in[i], sc, off, p);
                        });
      });
  return Status::success();
}

namespace {

#if defined(MIL_HAVE_AVX2_KERNELS)
/// table[v] = floatToHalf(scale * float(DataT(v))) for the 256 bytes v, eight
/// at a time: vcvtps2ph rounds to nearest even like floatToHalf, and the
/// products are the same float multiplications.
template <typename DataT>
MIL_TARGET_AVX2 void scaleTableAVX2(float scale, uint16_t table[256]) {
  static const auto values = [] {
    std::array<float, 256> x;
    for (int v = 0; v < 256; ++v)
      x[v] = static_cast<float>(static_cast<DataT>(v));
    return x;
  }();
  __m256 s = _mm256_set1_ps(scale);
  for (int v = 0; v < 256; v += 8)
    _mm_storeu_si128(
        reinterpret_cast<__m128i *>(table + v),
        _mm256_cvtps_ph(_mm256_mul_ps(s, _mm256_loadu_ps(values.data() + v)),
                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}
#endif

/// shiftScale's table of every byte without an offset, with the vector
/// kernel when it is in effect; false leaves it to the scalar loop. A NaN
/// scale is left too: floatToHalf drops a NaN's payload, vcvtps2ph keeps it.
template <typename DataT>
bool fastScaleTable(uint16_t scale, uint16_t table[256]) {
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (activeStatsKernel() == StatsKernel::AVX2 && (scale & 0x7FFF) <= 0x7C00) {
    scaleTableAVX2<DataT>(halfToFloat(scale), table);
    return true;
  }
#endif
  return false;
}

using detail::ScaleRun;

#if defined(MIL_HAVE_AVX2_KERNELS)
/// Elements j to j + 8 of `in` (j a multiple of 8) as int32: bytes of
/// DataT, or with kPacked 4-bit values of its signedness packed two a byte,
/// LSB first (as weight.bin stores them).
template <typename DataT, bool kPacked>
MIL_TARGET_AVX2 inline __m256i load8(const uint8_t *in, uint32_t j) {
  constexpr bool kSigned = std::is_same_v<DataT, int8_t>;
  if constexpr (kPacked) {
    // Element k of the eight is bits [4k, 4k + 4) of the word: shifted to
    // the top of its lane, then down with or without its sign.
    uint32_t word;
    std::memcpy(&word, in + j / 2, 4);
    __m256i top =
        _mm256_sllv_epi32(_mm256_set1_epi32(static_cast<int>(word)),
                          _mm256_setr_epi32(28, 24, 20, 16, 12, 8, 4, 0));
    return kSigned ? _mm256_srai_epi32(top, 28) : _mm256_srli_epi32(top, 28);
  } else {
    __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(in + j));
    return kSigned ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  }
}

/// Eight elements times the scales `s`, rounded to fp16 (nearest even, as
/// floatToHalf does with a finite scale): the values fastScaleTable's table
/// holds.
MIL_TARGET_AVX2 inline __m128i shiftScale8(__m256i x, __m256 s) {
  return _mm256_cvtps_ph(_mm256_mul_ps(s, _mm256_cvtepi32_ps(x)),
                         _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

/// Eight fp16 values at `p`, widened.
MIL_TARGET_AVX2 inline __m256 loadHalf8(const void *p) {
  return _mm256_cvtph_ps(_mm_loadu_si128(static_cast<const __m128i *>(p)));
}

/// Each lane's scale of the group of eight elements from j of a chunk of
/// `n` (lanes past n, in the last partial group, repeat the last scale).
void laneScales(const ScaleRun *runs, uint32_t j, uint32_t n, float scales[8]) {
  for (uint32_t l = 0; l < 8; ++l) {
    while (j + l < n && runs->end <= j + l)
      ++runs;
    scales[l] = runs->scale;
  }
}

/// The ErrorStats of a chunk of `n` elements of int8/uint8 data `in` (see
/// load8) times finite fp16 scales (given as `runs`) against the fp16
/// `ref`: the reconstruction and the sums in one pass, with HalfLanesAVX2's
/// lanes, so the figures are measureErrorOf's of the reconstructed chunk bit
/// for bit. A group of eight that straddles runs takes each lane's own
/// scale.
template <typename DataT, bool kPacked>
MIL_TARGET_AVX2 ErrorStats shiftScaleStatsAVX2(const uint8_t *in,
                                               const uint8_t *ref, uint32_t n,
                                               const ScaleRun *runs) {
  detail::HalfLanesAVX2 acc;
  acc.clear();
  alignas(32) float scales[8];
  const uint32_t whole = n & ~7u;
  // Bytes of `in` per element, times 2.
  constexpr uint32_t kHalfBytes = kPacked ? 1 : 2;
  uint32_t j = 0;
  while (j < whole) {
    while (runs->end <= j)
      ++runs;
    uint32_t stop = std::min(runs->end, whole);
    if (j + 8 <= stop) {
      __m256 s = _mm256_set1_ps(runs->scale);
      for (; j + 8 <= stop; j += 8) {
        // The hardware prefetcher stops at 4 KiB pages; the data comes
        // from memory, the reference from a small buffer.
        if ((j & 63) == 0)
          _mm_prefetch(reinterpret_cast<const char *>(in) + j * kHalfBytes / 2 +
                           4096,
                       _MM_HINT_T0);
        acc.step(loadHalf8(ref + 2 * j),
                 _mm256_cvtph_ps(shiftScale8(load8<DataT, kPacked>(in, j), s)));
      }
      continue;
    }
    laneScales(runs, j, n, scales);
    acc.step(loadHalf8(ref + 2 * j),
             _mm256_cvtph_ps(shiftScale8(load8<DataT, kPacked>(in, j),
                                         _mm256_load_ps(scales))));
    j += 8;
  }
  uint32_t tail = n - whole;
  uint16_t approx[8] = {};
  if (tail) {
    // The partial last group from a copy: the chunk may end the tensor.
    uint8_t data[8] = {};
    std::memcpy(data, in + whole * kHalfBytes / 2, (tail * kHalfBytes + 1) / 2);
    while (runs->end <= whole)
      ++runs;
    laneScales(runs, whole, n, scales);
    _mm_storeu_si128(
        reinterpret_cast<__m128i *>(approx),
        shiftScale8(load8<DataT, kPacked>(data, 0), _mm256_load_ps(scales)));
  }
  return detail::finishHalfChunk(
      acc, ref + 2 * whole, reinterpret_cast<const uint8_t *>(approx), tail);
}
#endif

} // namespace

Status blockwiseShiftScaleError(const TensorRef &data, bool dataPacked,
                                const TensorRef &scale, const TensorRef *offset,
                                ElemType referenceType, const void *reference,
                                uint64_t count, ErrorStats &stats) {
  if (Status s = verifyBlockwiseShiftScale(data, scale, offset); !s)
    return s;
  if (count > numElements(data.shape))
    return Status::error("Reference of " + std::to_string(count) +
                         " elements is larger than the output of " +
                         std::to_string(numElements(data.shape)) + ".");
  dataPacked = dataPacked && !isFloat(data.type) && data.bits == 4;
  // Trailing dims with one scale each merge into one run per row, as in
  // blockwiseShiftScale.
  size_t k = data.shape.size();
  while (k > 1 && scale.shape[k - 1] == 1)
    --k;
  llvm::SmallVector<int64_t, 8> viewData(data.shape.begin(),
                                         data.shape.begin() + k);
  llvm::SmallVector<int64_t, 8> groupStride(k);
  for (size_t d = k, g = 1; d-- > 0;) {
    groupStride[d] = g;
    g *= scale.shape[d];
  }
  viewData.back() *=
      static_cast<int64_t>(numElements(data.shape.drop_front(k)));
  const uint64_t last = viewData.back();
  const uint64_t lastBlock = last / scale.shape[k - 1];
  if (count == 0 || lastBlock == 0) {
    stats = ErrorStats();
    return Status::success();
  }
  dispatchShiftScale(
      data.type, scale, offset, [&](auto dataTag, auto sc, auto off) {
        using DataT = decltype(dataTag);
        using ScaleT = PointeeT<decltype(sc)>;
        using OffT = PointeeT<decltype(off)>;
        auto element = [&](DataT x, uint64_t group) {
          return shiftScaleAt(x, sc, off, group);
        };
        // The bytes of data elements [begin, end) (packed or not), read
        // through a ReadBuffer: mapped data is preaded, not faulted in.
        auto chunkBytes = [&](uint64_t begin, uint64_t end) -> const uint8_t * {
          const auto *base = static_cast<const uint8_t *>(data.data);
          // Chunks start at multiples of 64 Ki elements: on a byte.
          size_t first = dataPacked ? begin / 2 : begin * sizeof(DataT);
          size_t bytes = dataPacked ? (end - begin + 1) / 2
                                    : (end - begin) * sizeof(DataT);
          thread_local ReadBuffer buffer;
          return static_cast<const uint8_t *>(buffer.read(base + first, bytes));
        };
        // The data of elements [begin, end): in[i] is element begin + i.
        auto chunkData = [&](uint64_t begin, uint64_t end) -> const DataT * {
          const uint8_t *bytes = chunkBytes(begin, end);
          if constexpr (sizeof(DataT) == 1) {
            if (dataPacked) {
              thread_local std::vector<DataT> unpacked;
              unpacked.resize(end - begin);
              if constexpr (std::is_same_v<DataT, int8_t>)
                unpackSignedBits(bytes, end - begin, 4, unpacked.data());
              else
                unpackBits(bytes, end - begin, 4, unpacked.data());
              return unpacked.data();
            }
          }
          return reinterpret_cast<const DataT *>(bytes);
        };
        // fn(pos, blockEnd, g) for the runs [pos, blockEnd) of elements
        // [begin, end) that share scale g, in order.
        auto forEachRun = [&](uint64_t begin, uint64_t end, auto fn) {
          for (uint64_t pos = begin; pos < end;) {
            uint64_t row = pos / last, rowStart = row * last;
            uint64_t rowEnd = std::min(end, rowStart + last), group = 0;
            for (size_t d = k - 1, rest = row; d-- > 0;) {
              int64_t coord = static_cast<int64_t>(rest % viewData[d]);
              rest /= viewData[d];
              group +=
                  (coord / (viewData[d] / scale.shape[d])) * groupStride[d];
            }
            // One division a row: short blocks make many runs.
            uint64_t block = (pos - rowStart) / lastBlock;
            for (uint64_t next = rowStart + (block + 1) * lastBlock;
                 pos < rowEnd; ++block, next += lastBlock) {
              uint64_t blockEnd = std::min(rowEnd, next);
              fn(pos, blockEnd, group + block);
              pos = blockEnd;
            }
          }
        };
#if defined(MIL_HAVE_AVX2_KERNELS)
        // Integer data, fp16 scales and reference, no offset (int8 and
        // int4 weights): the reconstruction is summed as it is made, eight
        // elements at a time, never stored. NaN and inf scales are left to
        // the tables (whose NaNs the vector conversion would not match).
        if constexpr (isIntElem<DataT> && std::is_same_v<ScaleT, uint16_t> &&
                      std::is_void_v<OffT>) {
          uint64_t scales = numElements(scale.shape);
          if (referenceType == ElemType::Float16 &&
              activeStatsKernel() == StatsKernel::AVX2 &&
              std::all_of(sc, sc + scales,
                          [](uint16_t h) { return (h & 0x7FFF) < 0x7C00; })) {
            const auto *ref = static_cast<const uint8_t *>(reference);
            stats = detail::sumChunks(count, [&](uint64_t begin, uint64_t end) {
              thread_local std::vector<ScaleRun> runs;
              runs.clear();
              forEachRun(
                  begin, end, [&](uint64_t, uint64_t blockEnd, uint64_t g) {
                    runs.push_back({static_cast<uint32_t>(blockEnd - begin),
                                    halfToFloat(sc[g])});
                  });
              size_t bytes = 2 * (end - begin);
              thread_local ReadBuffer refBuffer;
              const auto *r = static_cast<const uint8_t *>(
                  refBuffer.read(ref + 2 * begin, bytes));
              uint32_t n = static_cast<uint32_t>(end - begin);
              const uint8_t *in = chunkBytes(begin, end);
              ErrorStats chunk;
              detail::shiftScaleChunkStats(std::is_same_v<DataT, int8_t>,
                                           dataPacked, in, r, n, runs.data(),
                                           chunk);
              return chunk;
            });
            return;
          }
        }
#endif
        auto fill = [&](uint64_t begin, uint64_t end, void *buffer) {
          auto *out = static_cast<ScaleT *>(buffer);
          const DataT *in = chunkData(begin, end);
          forEachRun(begin, end,
                     [&](uint64_t pos, uint64_t blockEnd, uint64_t g) {
                       // Integer data in a long run: a 256-entry table of the
                       // same per-element arithmetic, as blockwiseShiftScale
                       // does.
                       if constexpr (isIntElem<DataT>) {
                         if (blockEnd - pos >= 256) {
                           ScaleT table[256];
                           bool filled = false;
                           if constexpr (std::is_same_v<ScaleT, uint16_t> &&
                                         std::is_void_v<OffT>)
                             filled = fastScaleTable<DataT>(sc[g], table);
                           if (!filled)
                             for (int v = 0; v < 256; ++v)
                               table[v] = element(static_cast<DataT>(v), g);
                           for (; pos < blockEnd; ++pos)
                             out[pos - begin] =
                                 table[static_cast<uint8_t>(in[pos - begin])];
                           return;
                         }
                       }
                       for (; pos < blockEnd; ++pos)
                         out[pos - begin] = element(in[pos - begin], g);
                     });
        };
        stats =
            measureErrorOf(referenceType, reference, scale.type, count, fill);
      });
  return Status::success();
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_dense
//===----------------------------------------------------------------------===//

Status lutToDenseShape(const TensorRef &indices, const TensorRef &lut,
                       std::optional<int64_t> vectorAxis,
                       std::vector<int64_t> &outputShape) {
  if (Status s = checkShape(indices.shape, "indices"); !s)
    return s;
  LutLayout layout;
  if (Status s = verifyLut(indices.shape, indices, lut, vectorAxis, layout); !s)
    return s;
  outputShape = lutOutputShape(indices.shape, layout);
  return Status::success();
}

Status lutToDense(const TensorRef &indices, const TensorRef &lut,
                  std::optional<int64_t> vectorAxis, void *output,
                  size_t outputBytes) {
  if (Status s = checkShape(indices.shape, "indices"); !s)
    return s;
  LutLayout layout;
  if (Status s = verifyLut(indices.shape, indices, lut, vectorAxis, layout); !s)
    return s;
  const auto *idx = static_cast<const uint8_t *>(indices.data);
  if (Status s =
          checkIndexRange(idx, numElements(indices.shape), layout.numPalettes);
      !s)
    return s;
  if (Status s =
          checkOutputBytes(numElements(lutOutputShape(indices.shape, layout)) *
                               elemTypeSize(lut.type),
                           outputBytes, "output");
      !s)
    return s;

  const int64_t numPalettes = layout.numPalettes, v = layout.vectorSize;
  ArrayRef<int64_t> groups = lut.shape.drop_back(2);
  bool perTensor = llvm::all_of(groups, [](int64_t g) { return g == 1; });
  dispatchSize(lut.type, [&](auto tag) {
    using T = decltype(tag);
    if (perTensor && v == 1) {
      // One table for every element: a plain gather, in parallel chunks.
      T table[256];
      for (int64_t e = 0; e < numPalettes; ++e)
        table[e] = load<T>(lut.data, e);
      uint64_t count = numElements(indices.shape);
      constexpr uint64_t kChunk = 1 << 18;
      llvm::parallelFor(0, (count + kChunk - 1) / kChunk, [&](size_t c) {
        for (uint64_t i = c * kChunk, e = std::min(count, i + kChunk); i < e;
             ++i)
          store(output, i, table[idx[i]]);
      });
      return;
    }
    forEachExpanded(indices.shape, groups, layout.axis, v,
                    [&](uint64_t o, uint64_t i, uint64_t g, int64_t e) {
                      uint64_t entry = (g * numPalettes + idx[i]) * v + e;
                      store(output, o, load<T>(lut.data, entry));
                    });
  });
  return Status::success();
}

Status lutToDensePerTensorPacked(const uint8_t *packedIndices, unsigned bits,
                                 uint64_t count, const TensorRef &lut,
                                 void *output, size_t outputBytes) {
  if (bits != 1 && bits != 2 && bits != 4 && bits != 8)
    return Status::error("packed indices must be 1, 2, 4 or 8 bits wide");
  uint64_t entries = numElements(lut.shape);
  if (entries != (uint64_t(1) << bits) || lut.shape.size() < 2 ||
      lut.shape.back() != 1)
    return Status::error("a per-tensor LUT of 2^nbits entries was expected");
  if (Status s = checkOutputBytes(count * elemTypeSize(lut.type), outputBytes,
                                  "output");
      !s)
    return s;
  dispatchSize(lut.type, [&](auto tag) {
    using T = decltype(tag);
    T table[256];
    for (uint64_t e = 0; e < entries; ++e)
      table[e] = load<T>(lut.data, e);
    const unsigned perByte = 8 / bits, mask = (1u << bits) - 1;
    // What each packed byte expands to, so that a byte costs one lookup and
    // one copy (at most 256 x 8 entries).
    std::vector<T> expanded(256 * perByte);
    for (unsigned b = 0; b < 256; ++b)
      for (unsigned k = 0; k < perByte; ++k)
        expanded[b * perByte + k] = table[(b >> (k * bits)) & mask];
    // The copy's size a constant, so that it compiles to one or two stores
    // instead of a call to memcpy per byte.
    auto expand = [&](auto perByteTag) {
      constexpr unsigned kPerByte = decltype(perByteTag)::value;
      constexpr uint64_t kChunkBytes = 1 << 17;
      // Chunks of whole bytes; the last byte's padding bits are ignored.
      uint64_t whole = count / kPerByte,
               bytes = (count + kPerByte - 1) / kPerByte;
      auto *output8 = static_cast<char *>(output);
      const T *expandedRows = expanded.data();
      llvm::parallelFor(
          0, (bytes + kChunkBytes - 1) / kChunkBytes, [&](size_t c) {
            // Locals, so that the stores (char *) cannot alias them and
            // the loop reloads nothing.
            const T *rows = expandedRows;
            uint64_t first = c * kChunkBytes;
            uint64_t end = std::min(bytes, first + kChunkBytes);
            char *out = output8 + first * kPerByte * sizeof(T);
            // Indices in a mapped file are read with pread, which costs
            // less than touching the mapping (FileBackedMemory.h).
            thread_local ReadBuffer buffer;
            const uint8_t *in = buffer.read(packedIndices + first, end - first);
            for (uint64_t i = 0, stop = std::min(end, whole) - first; i < stop;
                 ++i)
              std::memcpy(out + i * kPerByte * sizeof(T),
                          rows + in[i] * kPerByte, kPerByte * sizeof(T));
            if (end > whole) // The partial last byte.
              for (uint64_t i = whole * kPerByte; i < count; ++i)
                std::memcpy(output8 + i * sizeof(T),
                            &table[(packedIndices[whole] >>
                                    ((i - whole * kPerByte) * bits)) &
                                   mask],
                            sizeof(T));
          });
    };
    switch (perByte) {
    case 1:
      return expand(std::integral_constant<unsigned, 1>());
    case 2:
      return expand(std::integral_constant<unsigned, 2>());
    case 4:
      return expand(std::integral_constant<unsigned, 4>());
    default:
      return expand(std::integral_constant<unsigned, 8>());
    }
  });
  return Status::success();
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_to_dense
//===----------------------------------------------------------------------===//

Status sparseToDense(const TensorRef &nonzeroData, const TensorRef &mask,
                     void *output, size_t outputBytes) {
  if (!inQuantDomain(nonzeroData))
    return domainError("nonzero_data", QuantDomain, nonzeroData);
  if (Status s = verifySparse(nonzeroData, mask, "mask"); !s)
    return s;
  const uint64_t count = numElements(mask.shape);
  const size_t size = elemTypeSize(nonzeroData.type);
  if (Status s = checkOutputBytes(count * size, outputBytes, "output"); !s)
    return s;
  const auto *bits = static_cast<const uint8_t *>(mask.data);
  // Two parallel passes over chunks: count the set elements of each chunk,
  // then scatter each chunk from its prefix offset into nonzero_data.
  constexpr uint64_t kChunk = 1 << 18;
  const uint64_t chunks = (count + kChunk - 1) / kChunk;
  std::vector<uint64_t> start(chunks + 1, 0);
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t n = 0;
    for (uint64_t i = c * kChunk, e = std::min(count, i + kChunk); i < e; ++i)
      n += bits[i] != 0;
    start[c + 1] = n;
  });
  for (uint64_t c = 0; c < chunks; ++c)
    start[c + 1] += start[c];
  dispatchSize(nonzeroData.type, [&](auto tag) {
    using T = decltype(tag);
    llvm::parallelFor(0, chunks, [&](size_t c) {
      uint64_t next = start[c];
      for (uint64_t i = c * kChunk, e = std::min(count, i + kChunk); i < e; ++i)
        store(output, i, bits[i] ? load<T>(nonzeroData.data, next++) : T{0});
    });
  });
  return Status::success();
}

Status sparseToDensePacked(const TensorRef &nonzeroData,
                           const uint8_t *maskBits, ArrayRef<int64_t> shape,
                           void *output, size_t outputBytes) {
  if (!inQuantDomain(nonzeroData))
    return domainError("nonzero_data", QuantDomain, nonzeroData);
  if (nonzeroData.shape.size() != 1)
    return Status::error("Parameter nonzero_data needs to have rank 1, but "
                         "got " +
                         std::to_string(nonzeroData.shape.size()));
  const uint64_t count = numElements(shape);
  const size_t size = elemTypeSize(nonzeroData.type);
  if (Status s = checkOutputBytes(count * size, outputBytes, "output"); !s)
    return s;
  // Chunks of a multiple of 8 elements start on a mask byte. Pass 1 counts
  // each chunk's set bits (SWAR popcount: no libgcc call without -mpopcnt),
  // pass 2 scatters each chunk from its prefix offset.
  constexpr uint64_t kChunk = 1 << 18;
  const uint64_t chunks = (count + kChunk - 1) / kChunk;
  std::vector<uint64_t> start(chunks + 1, 0);
  auto popcount8 = [](uint8_t b) {
    unsigned x = b - ((b >> 1) & 0x55);
    x = (x & 0x33) + ((x >> 2) & 0x33);
    return (x + (x >> 4)) & 0x0F;
  };
  llvm::parallelFor(0, chunks, [&](size_t c) {
    uint64_t begin = c * kChunk, end = std::min(count, begin + kChunk);
    uint64_t n = 0, fullEnd = end & ~uint64_t(7);
    for (uint64_t byte = begin / 8; byte < fullEnd / 8; ++byte)
      n += popcount8(maskBits[byte]);
    for (uint64_t i = fullEnd; i < end; ++i)
      n += (maskBits[i / 8] >> (i % 8)) & 1;
    start[c + 1] = n;
  });
  for (uint64_t c = 0; c < chunks; ++c)
    start[c + 1] += start[c];
  if (start[chunks] != static_cast<uint64_t>(nonzeroData.shape[0]))
    return Status::error("Number of 1s in mask not match number of elements "
                         "in parameter nonzero_data");
  // Per mask byte, the offsets of its set bits come from a table, so the
  // running position advances once per 8 elements instead of once each.
  static const auto prefix = [] {
    std::array<std::array<uint8_t, 9>, 256> table{};
    for (unsigned b = 0; b < 256; ++b)
      for (unsigned k = 0, n = 0; k < 9; ++k) {
        table[b][k] = n;
        n += k < 8 ? (b >> k) & 1 : 0;
      }
    return table;
  }();
  if (start[chunks] == 0) { // Nothing kept: all zeros.
    std::memset(output, 0, count * size);
    return Status::success();
  }
  const uint64_t last = start[chunks] - 1;
  dispatchSize(nonzeroData.type, [&](auto tag) {
    using T = decltype(tag);
    const auto *src = static_cast<const char *>(nonzeroData.data);
    auto *dst = static_cast<char *>(output);
    llvm::parallelFor(0, chunks, [&](size_t c) {
      uint64_t next = start[c];
      uint64_t begin = c * kChunk, end = std::min(count, begin + kChunk);
      uint64_t fullEnd = begin + ((end - begin) & ~uint64_t(7));
      for (uint64_t i = begin; i < fullEnd; i += 8) {
        uint8_t b = maskBits[i / 8];
        const auto &offsets = prefix[b];
        // Branch-free: a random mask would mispredict half the branches.
        // Cleared positions load a valid (clamped) element and mask it off.
        for (unsigned k = 0; k < 8; ++k) {
          T v;
          uint64_t at = std::min<uint64_t>(next + offsets[k], last);
          std::memcpy(&v, src + at * sizeof(T), sizeof(T));
          v &= static_cast<T>(T(0) - T((b >> k) & 1));
          std::memcpy(dst + (i + k) * sizeof(T), &v, sizeof(T));
        }
        next += offsets[8];
      }
      for (uint64_t i = fullEnd; i < end; ++i) {
        bool set = (maskBits[i / 8] >> (i % 8)) & 1;
        store(output, i, set ? load<T>(nonzeroData.data, next) : T{0});
        next += set;
      }
    });
  });
  return Status::success();
}

//===----------------------------------------------------------------------===//
// constexpr_lut_to_sparse
//===----------------------------------------------------------------------===//

Status lutToSparseShapes(const TensorRef &indicesMask,
                         const TensorRef &indicesNonzeroData,
                         const TensorRef &lut,
                         std::optional<int64_t> vectorAxis,
                         std::vector<int64_t> &outputMaskShape,
                         int64_t &outputNonzeroCount) {
  if (Status s = verifySparse(indicesNonzeroData, indicesMask, "indices_mask");
      !s)
    return s;
  LutLayout layout;
  if (Status s = verifyLut(indicesMask.shape, indicesNonzeroData, lut,
                           vectorAxis, layout);
      !s)
    return s;
  outputMaskShape = lutOutputShape(indicesMask.shape, layout);
  outputNonzeroCount = indicesNonzeroData.shape[0] * layout.vectorSize;
  return Status::success();
}

Status lutToSparse(const TensorRef &indicesMask,
                   const TensorRef &indicesNonzeroData, const TensorRef &lut,
                   std::optional<int64_t> vectorAxis, uint8_t *outputMask,
                   size_t outputMaskBytes, void *outputNonzeroData,
                   size_t outputNonzeroDataBytes) {
  if (Status s = verifySparse(indicesNonzeroData, indicesMask, "indices_mask");
      !s)
    return s;
  LutLayout layout;
  if (Status s = verifyLut(indicesMask.shape, indicesNonzeroData, lut,
                           vectorAxis, layout);
      !s)
    return s;
  const uint64_t nonzeroCount = indicesNonzeroData.shape[0];
  const auto *nonzero = static_cast<const uint8_t *>(indicesNonzeroData.data);
  if (Status s = checkIndexRange(nonzero, nonzeroCount, layout.numPalettes); !s)
    return s;
  const int64_t numPalettes = layout.numPalettes, v = layout.vectorSize;
  if (Status s = checkOutputBytes(
          numElements(lutOutputShape(indicesMask.shape, layout)),
          outputMaskBytes, "mask");
      !s)
    return s;
  if (Status s = checkOutputBytes(nonzeroCount * v * elemTypeSize(lut.type),
                                  outputNonzeroDataBytes, "nonzero_data");
      !s)
    return s;

  // Dense indices (masked-out positions get index 0).
  const auto *mask = static_cast<const uint8_t *>(indicesMask.data);
  const uint64_t count = numElements(indicesMask.shape);
  std::vector<uint8_t> dense(count, 0);
  for (uint64_t i = 0, next = 0; i < count; ++i)
    if (mask[i])
      dense[i] = nonzero[next++];

  ArrayRef<int64_t> groups = lut.shape.drop_back(2);
  dispatchSize(lut.type, [&](auto tag) {
    using T = decltype(tag);
    uint64_t next = 0;
    forEachExpandedInOrder(
        indicesMask.shape, groups, layout.axis, v,
        [&](uint64_t o, uint64_t i, uint64_t g, int64_t e) {
          bool set = mask[i] != 0;
          outputMask[o] = set;
          if (!set)
            return;
          uint64_t entry = (g * numPalettes + dense[i]) * v + e;
          store(outputNonzeroData, next++, load<T>(lut.data, entry));
        });
  });
  return Status::success();
}

//===----------------------------------------------------------------------===//
// constexpr_sparse_blockwise_shift_scale
//===----------------------------------------------------------------------===//

Status sparseBlockwiseShiftScale(const TensorRef &dataMask,
                                 const TensorRef &nonzeroData,
                                 const TensorRef &scale,
                                 const TensorRef *offset, uint8_t *outputMask,
                                 size_t outputMaskBytes,
                                 void *outputNonzeroData,
                                 size_t outputNonzeroDataBytes) {
  if (Status s = verifySparse(nonzeroData, dataMask, "data_mask"); !s)
    return s;
  if (Status s =
          verifyShiftScaleImpl(dataMask.shape, nonzeroData, scale, offset);
      !s)
    return s;
  const uint64_t count = numElements(dataMask.shape);
  const uint64_t nonzeroCount = nonzeroData.shape[0];
  if (Status s = checkOutputBytes(count, outputMaskBytes, "mask"); !s)
    return s;
  if (Status s = checkOutputBytes(nonzeroCount * elemTypeSize(scale.type),
                                  outputNonzeroDataBytes, "nonzero_data");
      !s)
    return s;

  const auto *mask = static_cast<const uint8_t *>(dataMask.data);
  for (uint64_t i = 0; i < count; ++i)
    outputMask[i] = mask[i] != 0;
  dispatchShiftScale(
      nonzeroData.type, scale, offset, [&](auto dataTag, auto sc, auto off) {
        using DataT = decltype(dataTag);
        using ScaleT = PointeeT<decltype(sc)>;
        const auto *in = static_cast<const DataT *>(nonzeroData.data);
        auto *out = static_cast<ScaleT *>(outputNonzeroData);
        uint64_t next = 0;
        forEachExpandedInOrder(dataMask.shape, scale.shape, -1, 1,
                               [&](uint64_t, uint64_t i, uint64_t p, int64_t) {
                                 if (!mask[i])
                                   return;
                                 out[next] = shiftScaleAt(in[next], sc, off, p);
                                 ++next;
                               });
      });
  return Status::success();
}

} // namespace mil::compression::ios18

bool mil::compression::detail::shiftScaleChunkStats(
    bool isSigned, bool packed, const uint8_t *in, const uint8_t *ref,
    uint32_t n, const ScaleRun *runs, ErrorStats &stats) {
#if defined(MIL_HAVE_AVX2_KERNELS)
  if (activeStatsKernel() != StatsKernel::AVX2)
    return false;
  if (isSigned)
    stats = packed
                ? ios18::shiftScaleStatsAVX2<int8_t, true>(in, ref, n, runs)
                : ios18::shiftScaleStatsAVX2<int8_t, false>(in, ref, n, runs);
  else
    stats = packed
                ? ios18::shiftScaleStatsAVX2<uint8_t, true>(in, ref, n, runs)
                : ios18::shiftScaleStatsAVX2<uint8_t, false>(in, ref, n, runs);
  return true;
#else
  (void)isSigned, (void)packed, (void)in, (void)ref, (void)n, (void)runs,
      (void)stats;
  return false;
#endif
}
