//===- ConstexprIOS16.cpp - decompression of the IOS16 constexpr ops
//---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/ConstexprIOS16.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/Half.h"

#include "llvm/ADT/Twine.h"
#include "llvm/ADT/bit.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

using namespace mil::compression;
using namespace mil::compression::ios16;

const char *mil::compression::ios16::elemTypeName(ElemType type) {
  switch (type) {
  case ElemType::UInt8:
    return "uint8";
  case ElemType::Int8:
    return "int8";
  case ElemType::Float16:
    return "fp16";
  case ElemType::Float32:
    return "fp32";
  }
  return "unknown";
}

namespace {

bool isKnownType(ElemType type) { return elemTypeSize(type) != 0; }

/// Rejects negative dimensions (the shapes come from uint32 / tensor types,
/// so this only guards against misuse).
Status checkShape(llvm::StringRef name, llvm::ArrayRef<int64_t> shape) {
  for (int64_t dim : shape)
    if (dim < 0)
      return Status::error((llvm::Twine("Parameter ") + name +
                            " has a negative dimension " + std::to_string(dim))
                               .str());
  return Status::success();
}

Status checkTensor(llvm::StringRef name, const TensorRef &tensor) {
  if (!isKnownType(tensor.type))
    return Status::error(
        (llvm::Twine("Parameter ") + name + " has an unknown dtype").str());
  if (!tensor.data && numElements(tensor.shape) != 0)
    return Status::error(
        (llvm::Twine("Parameter ") + name + " has no data").str());
  return checkShape(name, tensor.shape);
}

Status typeError(llvm::StringRef name, llvm::StringRef expected, ElemType got) {
  return Status::error((llvm::Twine("Parameter ") + name + " expects " +
                        expected + " but got " + elemTypeName(got))
                           .str());
}

Status checkOutput(const void *output, size_t outputBytes, uint64_t count,
                   ElemType type) {
  uint64_t needed = count * elemTypeSize(type);
  if (outputBytes < needed)
    return Status::error("Output buffer too small: needs " +
                         std::to_string(needed) + " bytes but got " +
                         std::to_string(outputBytes));
  if (!output && needed != 0)
    return Status::error("Output buffer is null");
  return Status::success();
}

/// Element `i` of a uint8/int8/fp16/fp32 buffer as float32.
float loadAsFloat(const void *data, ElemType type, uint64_t i) {
  switch (type) {
  case ElemType::UInt8:
    return static_cast<float>(static_cast<const uint8_t *>(data)[i]);
  case ElemType::Int8:
    return static_cast<float>(static_cast<const int8_t *>(data)[i]);
  case ElemType::Float16: {
    uint16_t bits;
    std::memcpy(&bits, static_cast<const uint8_t *>(data) + 2 * i, 2);
    return halfToFloat(bits);
  }
  case ElemType::Float32: {
    float value;
    std::memcpy(&value, static_cast<const uint8_t *>(data) + 4 * i, 4);
    return value;
  }
  }
  return 0.0f;
}

/// The affine loop, over [outer, dim, inner] with the parameters indexed by
/// the `dim` coordinate (stride 0 for a scalar). DstT is uint16_t (fp16
/// bits) or float; stores go through memcpy so `dst` needs no alignment.
template <typename SrcT, typename DstT>
void affineLoop(const SrcT *src, const TensorRef &zeroPoint,
                uint64_t zeroPointStride, const TensorRef &scale,
                uint64_t scaleStride, uint64_t outer, uint64_t dim,
                uint64_t inner, uint8_t *dst) {
  for (uint64_t o = 0; o < outer; ++o) {
    for (uint64_t c = 0; c < dim; ++c) {
      const float zp =
          loadAsFloat(zeroPoint.data, zeroPoint.type, c * zeroPointStride);
      const float s = loadAsFloat(scale.data, scale.type, c * scaleStride);
      for (uint64_t i = 0; i < inner; ++i) {
        float value = (static_cast<float>(src[i]) - zp) * s;
        DstT stored;
        if constexpr (std::is_same_v<DstT, uint16_t>)
          stored = floatToHalf(value);
        else
          stored = value;
        std::memcpy(dst + i * sizeof(DstT), &stored, sizeof(DstT));
      }
      src += inner;
      dst += inner * sizeof(DstT);
    }
  }
}

template <typename SrcT>
void affineDispatchDst(const SrcT *src, const TensorRef &zeroPoint,
                       uint64_t zeroPointStride, const TensorRef &scale,
                       uint64_t scaleStride, uint64_t outer, uint64_t dim,
                       uint64_t inner, void *output) {
  auto *dst = static_cast<uint8_t *>(output);
  if (scale.type == ElemType::Float16)
    affineLoop<SrcT, uint16_t>(src, zeroPoint, zeroPointStride, scale,
                               scaleStride, outer, dim, inner, dst);
  else
    affineLoop<SrcT, float>(src, zeroPoint, zeroPointStride, scale, scaleStride,
                            outer, dim, inner, dst);
}

/// out[k] = lut[idx[k]] for `count` unpacked indices, elements of `Size`
/// bytes copied as raw bits (so fp16/fp32 are moved exactly).
template <size_t Size>
void gather(const uint8_t *idx, uint64_t count, const uint8_t *lut,
            uint8_t *out) {
  for (uint64_t k = 0; k < count; ++k)
    std::memcpy(out + k * Size, lut + static_cast<size_t>(idx[k]) * Size, Size);
}

void gatherBySize(size_t size, const uint8_t *idx, uint64_t count,
                  const uint8_t *lut, uint8_t *out) {
  switch (size) {
  case 1:
    return gather<1>(idx, count, lut, out);
  case 2:
    return gather<2>(idx, count, lut, out);
  default:
    return gather<4>(idx, count, lut, out);
  }
}

/// Scatters `nonzero` elements of `Size` bytes into the set-bit positions of
/// the first `count` bits of `mask`; `out` is already zeroed.
template <size_t Size>
void scatter(const uint8_t *mask, uint64_t count, const uint8_t *nonzero,
             uint8_t *out) {
  uint64_t numBytes = packedSizeInBytes(count, 1);
  for (uint64_t byte = 0; byte < numBytes; ++byte) {
    unsigned bits = mask[byte];
    while (bits) {
      unsigned bit = llvm::countr_zero(bits);
      bits &= bits - 1;
      std::memcpy(out + (byte * 8 + bit) * Size, nonzero, Size);
      nonzero += Size;
    }
  }
}

} // namespace

Status mil::compression::ios16::affineDequantize(const TensorRef &quantizedData,
                                                 const TensorRef &zeroPoint,
                                                 const TensorRef &scale,
                                                 int64_t axis, void *output,
                                                 size_t outputBytes) {
  for (auto [name, tensor] : {std::pair<const char *, const TensorRef *>{
                                  "quantized_data", &quantizedData},
                              {"zero_point", &zeroPoint},
                              {"scale", &scale}})
    if (Status status = checkTensor(name, *tensor); !status)
      return status;
  if (quantizedData.type != ElemType::UInt8 &&
      quantizedData.type != ElemType::Int8)
    return typeError("quantized_data", "uint8 or int8", quantizedData.type);
  if (zeroPoint.type == ElemType::Float16)
    return typeError("zero_point", "uint8, int8 or fp32", zeroPoint.type);
  if (scale.type != ElemType::Float16 && scale.type != ElemType::Float32)
    return typeError("scale", "fp16 or fp32", scale.type);

  // Validation, in the spec's order (1.1).
  const int64_t rank = static_cast<int64_t>(quantizedData.shape.size());
  if (axis < -rank || axis >= rank)
    return Status::error("Parameter axis needs to be in the range "
                         "-quantized_data.rank <= axis < quantized_data.rank");
  if (scale.shape.size() > 1)
    return Status::error(
        "Parameter scale needs to be either a scalar or vector");
  if (zeroPoint.shape.size() > 1)
    return Status::error(
        "Parameter zero_point needs to be either a scalar or vector");
  if (axis < 0)
    axis += rank;
  const int64_t axisSize = quantizedData.shape[axis];
  if (scale.shape.size() == 1 && scale.shape[0] != axisSize)
    return Status::error(
        "Parameter scale, if vector, needs to have same size as the dimension "
        "size along the parameter quantized_data");
  if (zeroPoint.shape.size() == 1 && zeroPoint.shape[0] != axisSize)
    return Status::error(
        "Parameter zero_point, if vector, needs to have same size as the "
        "dimension size along the parameter quantized_data");

  const uint64_t count = numElements(quantizedData.shape);
  if (Status status = checkOutput(output, outputBytes, count, scale.type);
      !status)
    return status;
  if (count == 0)
    return Status::success();

  const uint64_t outer = numElements(quantizedData.shape.take_front(axis));
  const uint64_t dim = static_cast<uint64_t>(axisSize);
  const uint64_t inner = numElements(quantizedData.shape.drop_front(axis + 1));
  const uint64_t zeroPointStride = zeroPoint.shape.empty() ? 0 : 1;
  const uint64_t scaleStride = scale.shape.empty() ? 0 : 1;
  if (quantizedData.type == ElemType::UInt8)
    affineDispatchDst(static_cast<const uint8_t *>(quantizedData.data),
                      zeroPoint, zeroPointStride, scale, scaleStride, outer,
                      dim, inner, output);
  else
    affineDispatchDst(static_cast<const int8_t *>(quantizedData.data),
                      zeroPoint, zeroPointStride, scale, scaleStride, outer,
                      dim, inner, output);
  return Status::success();
}

void mil::compression::ios16::castHalfToFloat(const uint16_t *source,
                                              uint64_t count, float *output) {
  for (uint64_t i = 0; i < count; ++i)
    output[i] = halfToFloat(source[i]);
}

Status mil::compression::ios16::cast(const TensorRef &source,
                                     llvm::StringRef outputDtype, void *output,
                                     size_t outputBytes) {
  if (Status status = checkTensor("source_val", source); !status)
    return status;
  if (source.type != ElemType::Float16)
    return typeError("source_val", "fp16", source.type);
  if (outputDtype != "fp32")
    return Status::error("Only output_dtype = fp32 is supported");
  const uint64_t count = numElements(source.shape);
  if (Status status =
          checkOutput(output, outputBytes, count, ElemType::Float32);
      !status)
    return status;
  // Unaligned-safe: convert through memcpy'd values.
  const auto *src = static_cast<const uint8_t *>(source.data);
  auto *dst = static_cast<uint8_t *>(output);
  for (uint64_t i = 0; i < count; ++i) {
    uint16_t bits;
    std::memcpy(&bits, src + 2 * i, 2);
    float value = halfToFloat(bits);
    std::memcpy(dst + 4 * i, &value, 4);
  }
  return Status::success();
}

unsigned mil::compression::ios16::lutIndexBits(uint64_t lutSize) {
  switch (lutSize) {
  case 2:
    return 1;
  case 4:
    return 2;
  case 16:
    return 4;
  case 64:
    return 6;
  case 256:
    return 8;
  default:
    return 0;
  }
}

Status mil::compression::ios16::lutToDense(const TensorRef &indices,
                                           const TensorRef &lut,
                                           llvm::ArrayRef<int64_t> shape,
                                           void *output, size_t outputBytes) {
  if (Status status = checkTensor("indices", indices); !status)
    return status;
  if (Status status = checkTensor("lut", lut); !status)
    return status;
  if (Status status = checkShape("shape", shape); !status)
    return status;
  if (indices.type != ElemType::UInt8)
    return typeError("indices", "uint8", indices.type);

  // Validation, in the spec's order (1.3).
  if (indices.shape.size() != 1)
    return Status::error("Parameter indices needs to have rank == 1");
  if (lut.shape.size() != 1)
    return Status::error("Parameter lut needs to have rank == 1");
  const unsigned nbits = lutIndexBits(static_cast<uint64_t>(lut.shape[0]));
  if (nbits == 0)
    return Status::error("Parameter lut should be a vector of size from one "
                         "of {2, 4, 16, 64, 256}");
  const uint64_t count = numElements(shape);
  if (static_cast<uint64_t>(indices.shape[0]) !=
      packedSizeInBytes(count, nbits))
    return Status::error("Constraint violated, M = ceil(n_bits * "
                         "product(shape) / 8) where M = indices.size");
  if (Status status = checkOutput(output, outputBytes, count, lut.type);
      !status)
    return status;

  if (count == 0)
    return Status::success();
  const auto *packed = static_cast<const uint8_t *>(indices.data);
  const auto *table = static_cast<const uint8_t *>(lut.data);
  auto *out = static_cast<uint8_t *>(output);
  const size_t size = elemTypeSize(lut.type);
  if (nbits == 8) {
    gatherBySize(size, packed, count, table, out);
    return Status::success();
  }
  // Unpack chunks of a multiple of 8 elements, which start on a byte
  // boundary for every nbits, into a stack buffer.
  constexpr uint64_t kChunk = 1024;
  uint8_t unpacked[kChunk];
  for (uint64_t start = 0; start < count; start += kChunk) {
    const uint64_t n = std::min(kChunk, count - start);
    unpackBits(packed + start / 8 * nbits, n, nbits, unpacked);
    gatherBySize(size, unpacked, n, table, out + start * size);
  }
  return Status::success();
}

Status mil::compression::ios16::sparseToDense(const TensorRef &nonzeroData,
                                              const TensorRef &mask,
                                              llvm::ArrayRef<int64_t> shape,
                                              void *output,
                                              size_t outputBytes) {
  if (Status status = checkTensor("nonzero_data", nonzeroData); !status)
    return status;
  if (Status status = checkTensor("mask", mask); !status)
    return status;
  if (Status status = checkShape("shape", shape); !status)
    return status;
  if (mask.type != ElemType::UInt8)
    return typeError("mask", "uint8", mask.type);

  // Validation, in the spec's order (1.4).
  if (nonzeroData.shape.size() != 1)
    return Status::error("Parameter nonzero_data needs to have rank == 1");
  if (mask.shape.size() != 1)
    return Status::error("Parameter mask needs to have rank == 1");
  const auto *maskBytes = static_cast<const uint8_t *>(mask.data);
  const uint64_t maskSize = static_cast<uint64_t>(mask.shape[0]);
  uint64_t setBits = 0;
  for (uint64_t i = 0; i < maskSize; ++i)
    setBits += llvm::popcount(static_cast<unsigned>(maskBytes[i]));
  if (setBits != static_cast<uint64_t>(nonzeroData.shape[0]))
    return Status::error("Number of set bits in mask needs to be equal to "
                         "number of elements in parameter nonzero_data");
  const uint64_t count = numElements(shape);
  if (maskSize != packedSizeInBytes(count, 1))
    return Status::error("Constraint Violated: M = ceil( product(shape) / 8) "
                         "where M = mask.size");
  if (unsigned padding = packedPaddingBits(count, 1)) {
    const unsigned padMask = (0xFFu << (8 - padding)) & 0xFFu;
    if (maskBytes[maskSize - 1] & padMask)
      return Status::error(
          "Padded bits in mask should be unset or equals to zero");
  }
  const size_t size = elemTypeSize(nonzeroData.type);
  if (Status status = checkOutput(output, outputBytes, count, nonzeroData.type);
      !status)
    return status;

  if (count == 0)
    return Status::success();
  auto *out = static_cast<uint8_t *>(output);
  std::memset(out, 0, count * size);
  const auto *values = static_cast<const uint8_t *>(nonzeroData.data);
  switch (size) {
  case 1:
    scatter<1>(maskBytes, count, values, out);
    break;
  case 2:
    scatter<2>(maskBytes, count, values, out);
    break;
  default:
    scatter<4>(maskBytes, count, values, out);
    break;
  }
  return Status::success();
}
