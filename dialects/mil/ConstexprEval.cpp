//===- ConstexprEval.cpp - dense values of constexpr ops --------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/ConstexprEval.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS16.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/Parallel.h"

#include <algorithm>
#include <mutex>

using namespace mlir;
using namespace mil;
namespace c16 = mil::compression::ios16;
namespace c18 = mil::compression::ios18;

bool mil::isConstexprOp(Operation *op) {
  return op->getName().getStringRef().starts_with("mil.constexpr_");
}

namespace {

/// A parameter unpacked to one byte (or one scalar) per element.
struct Param {
  ElementsAttr attr;
  std::vector<uint8_t> storage;
  ArrayRef<uint8_t> bytes;
  SmallVector<int64_t> shape;
  Type element;
  unsigned bits = 8;
};

/// Reads the MIL inputs of a constexpr op by name, from operands or (iOS16)
/// attributes.
class Inputs {
public:
  Inputs(Operation *op, function_ref<ElementsAttr(Value)> valueOf)
      : op(op), valueOf(valueOf) {
    auto *dialect = cast<MILDialect>(op->getDialect());
    table = *dialect->getMILInputTable(op->getName().getStringRef());
  }

  /// The value of input `name`, or null when absent.
  ElementsAttr get(StringRef name) {
    if (auto attr = dyn_cast_or_null<ElementsAttr>(op->getAttr(name)))
      return attr;
    for (auto [info, start, length] : getMILInputOperandGroups(op, table))
      if (info->name == name)
        return length ? valueOf(op->getOperand(start)) : ElementsAttr();
    return {};
  }

  /// Input `name` unpacked; fails (with a diagnostic) if it is required and
  /// missing or not constant.
  FailureOr<Param> param(StringRef name, bool required = true,
                         bool unpack = true) {
    Param p;
    p.attr = get(name);
    if (!p.attr) {
      if (required)
        return op->emitOpError()
               << "input '" << name << "' has no constant value to decompress";
      return p;
    }
    auto type = cast<ShapedType>(p.attr.getType());
    p.shape.assign(type.getShape().begin(), type.getShape().end());
    p.element = type.getElementType();
    FailureOr<ArrayRef<uint8_t>> packed =
        getPackedBytes(p.attr, p.storage, op->getLoc());
    if (failed(packed))
      return failure();
    p.bytes = *packed;
    unsigned width = p.element.getIntOrFloatBitWidth();
    if (width < 8 && !p.element.isSignlessInteger(1) && unpack) {
      p.bits = width;
      std::vector<uint8_t> unpacked(type.getNumElements());
      unpackElements(p, p.bytes.data(), unpacked.size(), unpacked.data());
      p.storage = std::move(unpacked);
      p.bytes = p.storage;
    }
    return p;
  }

  /// Unpacks `count` elements of sub-byte parameter `p` from `packed` (on a
  /// byte boundary) to one byte each, in parallel.
  static void unpackElements(const Param &p, const uint8_t *packed,
                             uint64_t count, uint8_t *out) {
    unsigned width = p.element.getIntOrFloatBitWidth();
    bool isSigned = p.element.isSignlessInteger();
    // Chunks of a multiple of 8 elements start on a byte boundary.
    constexpr uint64_t kChunk = 1 << 20;
    llvm::parallelFor(0, (count + kChunk - 1) / kChunk, [&](size_t c) {
      uint64_t begin = c * kChunk, n = std::min(kChunk, count - begin);
      const uint8_t *src = packed + begin * width / 8;
      if (isSigned)
        compression::unpackSignedBits(src, n, width,
                                      reinterpret_cast<int8_t *>(out + begin));
      else
        compression::unpackBits(src, n, width, out + begin);
    });
  }

private:
  Operation *op;
  function_ref<ElementsAttr(Value)> valueOf;
  ArrayRef<MILInputInfo> table;
};

using compression::ElemType;
using compression::TensorRef;

std::optional<ElemType> elemType(Type t) {
  if (t.isF16())
    return ElemType::Float16;
  if (t.isF32())
    return ElemType::Float32;
  if (t.isUnsignedInteger() || t.isSignlessInteger(1))
    return ElemType::UInt8;
  if (t.isSignlessInteger() && t.getIntOrFloatBitWidth() <= 8)
    return ElemType::Int8;
  return std::nullopt;
}

FailureOr<TensorRef> ref(Operation *op, const Param &p, StringRef name) {
  std::optional<ElemType> type = elemType(p.element);
  if (!type)
    return op->emitOpError() << "input '" << name << "' has element type "
                             << p.element << ", which cannot be decompressed";
  TensorRef r;
  r.data = p.bytes.data();
  r.type = *type;
  r.shape = p.shape;
  r.bits = p.bits;
  return r;
}

size_t byteSize(ShapedType type) {
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  return type.getNumElements() * std::max(1u, width / 8);
}

/// The storage of one result. Byte-sized element types are written by the
/// kernel straight into the resource blob that becomes the result (no zero
/// fill, no copy); sub-byte types (one byte per element from the kernels)
/// are packed into a new blob at the end.
class ResultBuffer {
public:
  explicit ResultBuffer(ShapedType type) : type(type), size(byteSize(type)) {
    unsigned width = type.getElementType().getIntOrFloatBitWidth();
    subByte = width < 8 && !type.getElementType().isSignlessInteger(1);
  }
  /// The storage, allocated on first use (a path that makes its result
  /// another way allocates none).
  uint8_t *data() {
    if (!allocated) {
      allocated = true;
      if (subByte)
        unpacked.resize(size);
      else
        buffer = ResourceBuffer(size);
    }
    return subByte ? unpacked.data() : buffer.data();
  }
  size_t bytes() const { return size; }
  ElementsAttr finish(StringRef name) {
    data();
    if (!subByte)
      return buffer.finish(type, name);
    unsigned width = type.getElementType().getIntOrFloatBitWidth();
    std::vector<uint8_t> packed(
        compression::packedSizeInBytes(unpacked.size(), width));
    compression::packBits(unpacked.data(), unpacked.size(), width,
                          packed.data());
    return makeResourceFromPackedBytes(type, name, packed);
  }

private:
  ShapedType type;
  size_t size;
  bool subByte, allocated = false;
  ResourceBuffer buffer; // Huge pages for large outputs (TensorData.h).
  std::vector<uint8_t> unpacked;
};

std::optional<int64_t> scalarInt(const Param &p) {
  if (!p.attr)
    return std::nullopt;
  auto dense = dyn_cast<DenseElementsAttr>(p.attr);
  if (dense)
    return (*dense.getValues<APInt>().begin()).getSExtValue();
  int32_t v;
  std::memcpy(&v, p.bytes.data(), 4);
  return v;
}

/// constexpr_blockwise_shift_scale of sub-byte `data` (still packed) a slab
/// of leading rows at a time, each unpacked into a buffer of a few MiB: an
/// int4 weight unpacked whole would take twice its packed size of anonymous
/// memory. Returns nothing when the shapes do not split into slabs on byte
/// boundaries (the caller then unpacks the whole weight, and the kernel
/// reports any shape error).
template <typename CheckFn>
std::optional<LogicalResult>
shiftScaleInSlabs(Operation *op, const Param &data, const Param &scale,
                  const Param &offset, uint8_t *output, size_t outputBytes,
                  CheckFn &&check) {
  constexpr uint64_t kSlabElements = uint64_t(1) << 22;
  unsigned width = data.element.getIntOrFloatBitWidth();
  if (width >= 8 || data.shape.empty() ||
      data.shape.size() != scale.shape.size() || scale.shape[0] <= 0 ||
      data.shape[0] % scale.shape[0] != 0 ||
      (offset.attr && offset.shape != scale.shape))
    return std::nullopt;
  uint64_t count = compression::numElements(data.shape);
  uint64_t inner = count / std::max<int64_t>(data.shape[0], 1);
  uint64_t blockRows = data.shape[0] / scale.shape[0];
  uint64_t blockElements = blockRows * inner;
  if (count <= kSlabElements || blockElements == 0 ||
      blockElements * width % 8 != 0)
    return std::nullopt;
  std::optional<compression::ElemType> scaleType = elemType(scale.element);
  if (!scaleType)
    return std::nullopt;
  uint64_t scaleInner = compression::numElements(scale.shape) / scale.shape[0];
  uint64_t outSize = compression::elemTypeSize(*scaleType);
  size_t scaleSize = scale.bytes.size() / compression::numElements(scale.shape);
  size_t offsetSize =
      offset.attr ? offset.bytes.size() / compression::numElements(offset.shape)
                  : 0;
  if (outputBytes != count * outSize)
    return std::nullopt;
  uint64_t blocksPerSlab = std::max<uint64_t>(1, kSlabElements / blockElements);
  uint64_t blocks = scale.shape[0];
  std::vector<uint8_t> unpacked(std::min(blocks, blocksPerSlab) *
                                blockElements);
  for (uint64_t first = 0; first < blocks; first += blocksPerSlab) {
    uint64_t n = std::min(blocksPerSlab, blocks - first);
    uint64_t elements = n * blockElements;
    Inputs::unpackElements(
        data, data.bytes.data() + first * blockElements * width / 8, elements,
        unpacked.data());
    SmallVector<int64_t> dataShape(data.shape), scaleShape(scale.shape);
    dataShape[0] = n * blockRows;
    scaleShape[0] = n;
    Param slab = data;
    slab.bits = width;
    slab.bytes = ArrayRef<uint8_t>(unpacked.data(), elements);
    slab.shape = dataShape;
    Param slabScale = scale;
    slabScale.bytes = scale.bytes.slice(first * scaleInner * scaleSize,
                                        n * scaleInner * scaleSize);
    slabScale.shape = scaleShape;
    FailureOr<compression::TensorRef> rd = ref(op, slab, "data"),
                                      rs = ref(op, slabScale, "scale");
    Param slabOffset = offset;
    FailureOr<compression::TensorRef> ro = compression::TensorRef();
    if (offset.attr) {
      slabOffset.bytes = offset.bytes.slice(first * scaleInner * offsetSize,
                                            n * scaleInner * offsetSize);
      slabOffset.shape = scaleShape;
      ro = ref(op, slabOffset, "offset");
    }
    if (failed(rd) || failed(rs) || failed(ro))
      return LogicalResult(failure());
    if (failed(check(c18::blockwiseShiftScale(
            *rd, *rs, offset.attr ? &*ro : nullptr,
            output + first * blockElements * outSize, elements * outSize))))
      return LogicalResult(failure());
  }
  return LogicalResult(success());
}

} // namespace

FailureOr<SmallVector<ElementsAttr>>
mil::evaluateConstexpr(Operation *op, function_ref<ElementsAttr(Value)> valueOf,
                       StringRef name) {
  Inputs in(op, valueOf);
  StringRef type = op->getName().getStringRef().drop_front(4);
  SmallVector<ShapedType> resultTypes;
  for (Type t : op->getResultTypes())
    resultTypes.push_back(cast<ShapedType>(t));
  ResultBuffer out(resultTypes[0]);
  auto check = [&](const auto &status) -> LogicalResult {
    if (status.ok)
      return success();
    return op->emitOpError() << "cannot be decompressed: " << status.message;
  };
  auto single = [&]() -> SmallVector<ElementsAttr> {
    return {out.finish(name)};
  };

  if (type == "constexpr_affine_dequantize") {
    FailureOr<Param> q = in.param("quantized_data"),
                     zp = in.param("zero_point"), s = in.param("scale"),
                     axis = in.param("axis");
    if (failed(q) || failed(zp) || failed(s) || failed(axis))
      return failure();
    auto rq = ref(op, *q, "quantized_data");
    auto rz = ref(op, *zp, "zero_point");
    auto rs = ref(op, *s, "scale");
    if (failed(rq) || failed(rz) || failed(rs) ||
        failed(check(c16::affineDequantize(*rq, *rz, *rs, *scalarInt(*axis),
                                           out.data(), out.bytes()))))
      return failure();
    return single();
  }
  if (type == "constexpr_cast") {
    FailureOr<Param> src = in.param("source_val");
    if (failed(src))
      return failure();
    auto rs = ref(op, *src, "source_val");
    if (failed(rs) ||
        failed(check(c16::cast(*rs, "fp32", out.data(), out.bytes()))))
      return failure();
    return single();
  }
  bool ios16Form = isa_and_nonnull<ElementsAttr>(op->getAttr("indices")) ||
                   isa_and_nonnull<ElementsAttr>(op->getAttr("mask"));
  if (type == "constexpr_lut_to_dense") {
    // Indices stay packed until a path needs them one byte per element.
    FailureOr<Param> idx = in.param("indices", /*required=*/true,
                                    /*unpack=*/false),
                     lut = in.param("lut");
    if (failed(idx) || failed(lut))
      return failure();
    if (ios16Form) {
      auto ri = ref(op, *idx, "indices");
      auto rl = ref(op, *lut, "lut");
      if (failed(ri) || failed(rl) ||
          failed(check(c16::lutToDense(*ri, *rl, resultTypes[0].getShape(),
                                       out.data(), out.bytes()))))
        return failure();
      return single();
    }
    FailureOr<Param> axis = in.param("vector_axis", /*required=*/false);
    if (failed(axis))
      return failure();
    // A per-tensor scalar LUT reads the packed indices directly.
    unsigned bits = idx->element.getIntOrFloatBitWidth();
    ArrayRef<int64_t> lutShape = lut->shape;
    bool perTensor =
        lutShape.size() >= 2 && lutShape.back() == 1 &&
        llvm::all_of(lutShape.drop_back(2), [](int64_t g) { return g == 1; });
    if (perTensor && llvm::is_contained({1u, 2u, 4u, 8u}, bits)) {
      auto rl = ref(op, *lut, "lut");
      if (failed(rl))
        return failure();
      uint64_t count = resultTypes[0].getNumElements();
      size_t elementBytes = compression::elemTypeSize(rl->type);
      if (out.bytes() != count * elementBytes)
        return failed(check(c18::lutToDensePerTensorPacked(
                   idx->bytes.data(), bits, count, *rl, out.data(),
                   out.bytes())))
                   ? FailureOr<SmallVector<ElementsAttr>>(failure())
                   : single();
      // Pieces of whole index bytes, each expanded in cache and written
      // out (makeResourceInPieces): decompressed weights are the largest
      // values a program gets.
      constexpr uint64_t kPieceElements = uint64_t(1) << 17;
      const uint8_t *packed = idx->bytes.data();
      std::mutex statusMutex;
      compression::Status status;
      FailureOr<ElementsAttr> result = makeResourceInPieces(
          resultTypes[0], name, out.bytes(), kPieceElements * elementBytes,
          [&](size_t offset, uint8_t *piece, size_t n) {
            uint64_t first = offset / elementBytes;
            compression::Status s =
                c18::lutToDensePerTensorPacked(packed + first * bits / 8, bits,
                                               n / elementBytes, *rl, piece, n);
            bool ok = s.ok;
            if (!ok) {
              std::lock_guard<std::mutex> lock(statusMutex);
              status = std::move(s);
            }
            return ok;
          });
      if (failed(result)) {
        (void)check(status);
        return failure();
      }
      return SmallVector<ElementsAttr>{*result};
    }
    idx = in.param("indices");
    if (failed(idx))
      return failure();
    auto ri = ref(op, *idx, "indices");
    auto rl = ref(op, *lut, "lut");
    if (failed(ri) || failed(rl) ||
        failed(check(c18::lutToDense(*ri, *rl, scalarInt(*axis), out.data(),
                                     out.bytes()))))
      return failure();
    return single();
  }
  if (type == "constexpr_sparse_to_dense") {
    // An iOS18 uint1 mask stays packed: unpacking it would write a byte per
    // element of the weight.
    FailureOr<Param> data = in.param("nonzero_data"),
                     mask = in.param("mask", /*required=*/true,
                                     /*unpack=*/false);
    if (failed(data) || failed(mask))
      return failure();
    if (ios16Form) {
      auto rd = ref(op, *data, "nonzero_data");
      auto rm = ref(op, *mask, "mask");
      if (failed(rd) || failed(rm) ||
          failed(check(c16::sparseToDense(*rd, *rm, resultTypes[0].getShape(),
                                          out.data(), out.bytes()))))
        return failure();
      return single();
    }
    auto rd = ref(op, *data, "nonzero_data");
    if (failed(rd) ||
        failed(check(c18::sparseToDensePacked(
            *rd, mask->bytes.data(), mask->shape, out.data(), out.bytes()))))
      return failure();
    return single();
  }
  if (type == "constexpr_blockwise_shift_scale") {
    FailureOr<Param> data = in.param("data", /*required=*/true,
                                     /*unpack=*/false),
                     scale = in.param("scale"),
                     offset = in.param("offset", /*required=*/false);
    if (failed(data) || failed(scale) || failed(offset))
      return failure();
    if (std::optional<LogicalResult> done = shiftScaleInSlabs(
            op, *data, *scale, *offset, out.data(), out.bytes(), check))
      return failed(*done) ? FailureOr<SmallVector<ElementsAttr>>(failure())
                           : single();
    data = in.param("data");
    if (failed(data))
      return failure();
    auto rd = ref(op, *data, "data");
    auto rs = ref(op, *scale, "scale");
    FailureOr<TensorRef> ro = TensorRef();
    if (offset->attr)
      ro = ref(op, *offset, "offset");
    if (failed(rd) || failed(rs) || failed(ro) ||
        failed(check(c18::blockwiseShiftScale(
            *rd, *rs, offset->attr ? &*ro : nullptr, out.data(), out.bytes()))))
      return failure();
    return single();
  }
  ResultBuffer data(resultTypes[1]);
  auto pair = [&]() -> SmallVector<ElementsAttr> {
    return {out.finish((name + "_mask").str()), data.finish(name)};
  };
  if (type == "constexpr_lut_to_sparse") {
    FailureOr<Param> mask = in.param("indices_mask"),
                     idx = in.param("indices_nonzero_data"),
                     lut = in.param("lut"),
                     axis = in.param("vector_axis", /*required=*/false);
    if (failed(mask) || failed(idx) || failed(lut) || failed(axis))
      return failure();
    auto rm = ref(op, *mask, "indices_mask");
    auto ri = ref(op, *idx, "indices_nonzero_data");
    auto rl = ref(op, *lut, "lut");
    if (failed(rm) || failed(ri) || failed(rl) ||
        failed(
            check(c18::lutToSparse(*rm, *ri, *rl, scalarInt(*axis), out.data(),
                                   out.bytes(), data.data(), data.bytes()))))
      return failure();
    return pair();
  }
  if (type == "constexpr_sparse_blockwise_shift_scale") {
    FailureOr<Param> mask = in.param("data_mask"),
                     nz = in.param("nonzero_data"), scale = in.param("scale"),
                     offset = in.param("offset", /*required=*/false);
    if (failed(mask) || failed(nz) || failed(scale) || failed(offset))
      return failure();
    auto rm = ref(op, *mask, "data_mask");
    auto rn = ref(op, *nz, "nonzero_data");
    auto rs = ref(op, *scale, "scale");
    FailureOr<TensorRef> ro = TensorRef();
    if (offset->attr)
      ro = ref(op, *offset, "offset");
    if (failed(rm) || failed(rn) || failed(rs) || failed(ro) ||
        failed(check(c18::sparseBlockwiseShiftScale(
            *rm, *rn, *rs, offset->attr ? &*ro : nullptr, out.data(),
            out.bytes(), data.data(), data.bytes()))))
      return failure();
    return pair();
  }
  return op->emitOpError() << "has no decompression";
}

FailureOr<SmallVector<ElementsAttr>> mil::evaluateConstexprChain(
    Operation *op, DenseMap<Value, ElementsAttr> &values, StringRef suffix) {
  for (Value operand : op->getOperands()) {
    Operation *def = operand.getDefiningOp();
    if (def && isConstexprOp(def) && !values.count(operand) &&
        failed(evaluateConstexprChain(def, values, suffix)))
      return failure();
  }
  auto valueOf = [&](Value v) -> ElementsAttr {
    if (auto cst = v.getDefiningOp<ConstOp>())
      return dyn_cast<ElementsAttr>(cst.getVal());
    return values.lookup(v);
  };
  FailureOr<SmallVector<ElementsAttr>> results =
      evaluateConstexpr(op, valueOf, (getMILOpName(op) + suffix).str());
  if (succeeded(results))
    for (auto [r, attr] : llvm::zip(op->getResults(), *results))
      values[r] = attr;
  return results;
}

std::optional<compression::ErrorStats>
mil::measureConstexprError(Operation *op,
                           function_ref<ElementsAttr(Value)> valueOf,
                           ElementsAttr reference) {
  if (op->getName().getStringRef() != "mil.constexpr_blockwise_shift_scale" ||
      op->getNumResults() != 1)
    return std::nullopt;
  Inputs in(op, valueOf);
  // Missing inputs are left to evaluateConstexpr to diagnose.
  if (!in.get("data") || !in.get("scale"))
    return std::nullopt;
  FailureOr<Param> data = in.param("data", /*required=*/true,
                                   /*unpack=*/false),
                   scale = in.param("scale"),
                   offset = in.param("offset", /*required=*/false);
  if (failed(data) || failed(scale) || failed(offset))
    return std::nullopt;
  std::optional<ElemType> dataType = elemType(data->element),
                          scaleType = elemType(scale->element),
                          offsetType = ElemType::UInt8;
  if (offset->attr)
    offsetType = elemType(offset->element);
  auto resultType = cast<ShapedType>(op->getResult(0).getType());
  auto refType = cast<ShapedType>(reference.getType());
  Type refElement = refType.getElementType();
  std::optional<ElemType> referenceType;
  if (refElement.isF16() || refElement.isF32() || refElement.isInteger(8))
    referenceType = elemType(refElement);
  Type resultElement = resultType.getElementType();
  if (!dataType || !scaleType || !offsetType || !referenceType ||
      !(resultElement.isF16() || resultElement.isF32()) ||
      *scaleType != *elemType(resultElement))
    return std::nullopt;
  std::vector<uint8_t> referenceStorage;
  FailureOr<ArrayRef<uint8_t>> referenceBytes =
      getPackedBytes(reference, referenceStorage, op->getLoc());
  if (failed(referenceBytes))
    return std::nullopt;
  TensorRef rd{data->bytes.data(), *dataType, data->shape,
               data->element.getIntOrFloatBitWidth()};
  TensorRef rs{scale->bytes.data(), *scaleType, scale->shape, scale->bits};
  TensorRef ro;
  if (offset->attr)
    ro = TensorRef{offset->bytes.data(), *offsetType, offset->shape,
                   offset->bits};
  // The bytes must cover the shapes the kernel reads.
  uint64_t dataElements = compression::numElements(rd.shape);
  uint64_t dataBytes =
      rd.bits < 8 ? compression::packedSizeInBytes(dataElements, rd.bits)
                  : dataElements * elemTypeSize(rd.type);
  if (data->bytes.size() < dataBytes ||
      scale->bytes.size() <
          compression::numElements(rs.shape) * elemTypeSize(rs.type) ||
      (offset->attr &&
       offset->bytes.size() <
           compression::numElements(ro.shape) * elemTypeSize(ro.type)))
    return std::nullopt;
  uint64_t count =
      std::min<uint64_t>(resultType.getNumElements(), refType.getNumElements());
  compression::ErrorStats stats;
  if (!c18::blockwiseShiftScaleError(
          rd, /*dataPacked=*/rd.bits < 8, rs, offset->attr ? &ro : nullptr,
          *referenceType, referenceBytes->data(), count, stats))
    return std::nullopt;
  return stats;
}
