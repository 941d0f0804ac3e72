//===- TensorData.h - tensor constants as packed bytes ----------*- C++ -*-===//
//
// Part of mil-mlir. The bytes of a MIL tensor constant in the encoding of
// weight.bin: little-endian elements, sub-byte types (int4, uint1..uint6)
// bit-packed LSB first, bool one byte per element. Translation and the
// compression passes exchange tensor data with kernels in this form.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_DIALECT_TENSORDATA_H
#define MIL_DIALECT_TENSORDATA_H

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace mil {

/// The alignment of the resource blobs we create. Bytecode records it and
/// its reader checks it against the address of the buffer it reads from;
/// LLVM reads files under 16 KiB into the heap with 16-byte alignment, so a
/// larger value makes small bytecode files fail to load at random.
constexpr size_t kResourceAlignment = 16;

/// The packed bytes of `attr`. `storage` owns them when they had to be
/// computed (dense attributes of sub-byte or bool type, splats); otherwise
/// the result points into the attribute (resource blobs, dense raw data).
mlir::FailureOr<llvm::ArrayRef<uint8_t>>
getPackedBytes(mlir::ElementsAttr attr, std::vector<uint8_t> &storage,
               mlir::Location loc);

/// A dense (uniqued) attribute of `type` from packed bytes; for small values.
mlir::FailureOr<mlir::ElementsAttr>
makeDenseFromPackedBytes(mlir::ShapedType type, llvm::ArrayRef<uint8_t> bytes,
                         mlir::Location loc);

/// A `dense_resource` attribute of `type` holding a copy of packed `bytes`
/// under resource key `name` (made unique if taken); for weights.
mlir::ElementsAttr makeResourceFromPackedBytes(mlir::ShapedType type,
                                               llvm::StringRef name,
                                               llvm::ArrayRef<uint8_t> bytes);

/// Storage for a new resource blob that a kernel fills in place and that
/// then becomes a `dense_resource` attribute without a copy. The bytes start
/// uninitialized. Large buffers ask for transparent huge pages: the first
/// touch of fresh output memory costs several times more with 4 KiB pages.
/// Once the large buffers alive take more than a fixed budget of anonymous
/// memory (kAnonymousResourceBudget), new ones are shared mappings of
/// an unlinked scratch file instead: the kernel can write their pages back and
/// drop them, so that the weights a program holds are not bounded by RAM.
class ResourceBuffer {
public:
  ResourceBuffer() = default;
  explicit ResourceBuffer(size_t size);

  uint8_t *data() {
    return reinterpret_cast<uint8_t *>(blob.getMutableData().data());
  }
  size_t size() const { return blob.getData().size(); }

  /// Keeps the first `size` bytes (for storage allocated at an upper bound);
  /// whole pages past them are given back.
  void truncate(size_t size);

  /// A `dense_resource` attribute of `type` under resource key `name` (made
  /// unique if taken) that takes over the storage.
  mlir::ElementsAttr finish(mlir::ShapedType type, llvm::StringRef name);

private:
  bool mapFile(size_t size);

  mlir::AsmResourceBlob blob;
  bool mapped = false;
};

/// A `dense_resource` attribute of `type` under resource key `name` whose
/// `size` bytes `fill(offset, out, n)` computes piece by piece: pieces of
/// `pieceBytes` (the last may be shorter) run in parallel, each into a
/// small buffer of its thread, and large values are written from it to the
/// scratch file and mapped read-only. New data thus takes no anonymous
/// memory and no zero-filled page (fresh pages cost several times their
/// copy on this kind of machine), and export copies it inside the kernel
/// (the mapping is registered as file-backed memory, FileBackedMemory.h).
/// Small values, and any the scratch file cannot take, go to a
/// ResourceBuffer. Fails, with no attribute made, when a `fill` fails.
mlir::FailureOr<mlir::ElementsAttr> makeResourceInPieces(
    mlir::ShapedType type, llvm::StringRef name, size_t size, size_t pieceBytes,
    llvm::function_ref<bool(size_t offset, uint8_t *out, size_t n)> fill);

/// Anonymous memory that large resource buffers may take before new ones
/// go to scratch files.
constexpr size_t kAnonymousResourceBudget = size_t(256) << 20;

/// Where scratch files go (default: $TMPDIR, else /tmp). Tools set it to
/// the output's directory, whose file system will hold the data anyway.
void setScratchDirectory(llvm::StringRef directory);

/// Frees the data of a `dense_resource` attribute that nothing will read
/// again (a value computed for a report); other attributes are left alone.
void releaseResourceData(mlir::ElementsAttr attr);

/// The values of a float (fp16, fp32) or 8-bit integer tensor as doubles,
/// for error statistics; other element types give an empty vector.
std::vector<double> getValuesAsDoubles(mlir::ElementsAttr attr,
                                       mlir::Location loc);

} // namespace mil

#endif // MIL_DIALECT_TENSORDATA_H
