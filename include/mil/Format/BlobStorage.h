//===- BlobStorage.h - Core ML blob storage v2 (weight.bin) -----*- C++ -*-===//
//
// Part of mil-mlir. No MLIR: the reader and writer of the weight file that
// `BlobFileValue`s point into (docs: ../shared/spec/formats.md section 4).
//
// Layout: a 64-byte header (count, version 2), then per blob a 64-byte
// metadata record (sentinel 0xDEADBEEF, dtype, size, absolute data offset,
// padding bits) at a 64-aligned offset, followed by the data. A blob is
// referenced by the offset of its metadata record.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_FORMAT_BLOBSTORAGE_H
#define MIL_FORMAT_BLOBSTORAGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace mil::format {

/// Element types a blob may hold. Values are the file's, append-only.
enum class BlobDataType : uint32_t {
  Float16 = 1,
  Float32 = 2,
  UInt8 = 3,
  Int8 = 4,
  BFloat16 = 5,
  Int16 = 6,
  UInt16 = 7,
  Int4 = 8,
  UInt1 = 9,
  UInt2 = 10,
  UInt4 = 11,
  UInt3 = 12,
  UInt6 = 13,
  Int32 = 14,
  UInt32 = 15,
  Float8E4M3FN = 16,
  Float8E5M2 = 17,
};

/// Bits one element of `type` takes, or nullopt for a value that is not a
/// known blob data type.
std::optional<unsigned> getBlobElementBits(uint32_t type);

/// True for the types stored as an LSB-first bit stream (Int4, UInt1..UInt6).
bool isSubByteBlobType(BlobDataType type);

/// The spec's name of `type` ("Float16", "UInt4", ...), or "unknown".
llvm::StringRef getBlobDataTypeName(uint32_t type);

constexpr uint64_t kBlobAlignment = 64;
constexpr uint32_t kBlobSentinel = 0xDEADBEEF;
constexpr uint32_t kBlobStorageVersion = 2;

/// One blob's metadata record, validated.
struct BlobMetadata {
  BlobDataType dataType;
  uint64_t sizeInBytes;
  uint64_t dataOffset;
  uint64_t paddingBits; ///< Always 0 for byte-sized types.

  /// Number of elements the blob holds.
  uint64_t getNumElements() const;
};

/// A read-only, memory-mapped weight file. Blobs are handed out as views into
/// the mapping; nothing is copied.
class BlobReader {
public:
  /// Maps `path` and checks its header.
  static llvm::Expected<std::unique_ptr<BlobReader>> open(llvm::StringRef path);
  /// Wraps an existing buffer (tests, fuzzing).
  static llvm::Expected<std::unique_ptr<BlobReader>>
  create(std::unique_ptr<llvm::MemoryBuffer> buffer);
  static llvm::Expected<std::unique_ptr<BlobReader>>
  create(std::shared_ptr<llvm::MemoryBuffer> buffer);

  /// Weight files at least this large are registered for reads with pread
  /// (compression::readBytes) while mapped.
  static constexpr size_t kPreadThreshold = size_t(1) << 20;

  llvm::StringRef getPath() const { return buffer->getBufferIdentifier(); }
  uint32_t getCount() const { return count; }
  uint64_t getFileSize() const { return buffer->getBufferSize(); }

  /// Reads and validates the metadata record at `metadataOffset`: bounds,
  /// sentinel, known data type, data range inside the file, padding.
  llvm::Expected<BlobMetadata> getMetadata(uint64_t metadataOffset) const;

  /// The data of the blob at `metadataOffset`, which must hold `expected`.
  llvm::Expected<llvm::ArrayRef<uint8_t>> getData(uint64_t metadataOffset,
                                                  BlobDataType expected) const;

  /// The data of a validated blob.
  llvm::ArrayRef<uint8_t> getData(const BlobMetadata &metadata) const;

  /// Metadata offsets of every blob, in file order (walks `count` records).
  llvm::Expected<std::vector<uint64_t>> getAllOffsets() const;

  /// The whole mapping, shared so that views can outlive the reader.
  std::shared_ptr<llvm::MemoryBuffer> getBuffer() const { return buffer; }

private:
  BlobReader(std::shared_ptr<llvm::MemoryBuffer> buffer, uint32_t count)
      : buffer(std::move(buffer)), count(count) {}

  llvm::Error error(uint64_t offset, const llvm::Twine &message) const;

  std::shared_ptr<llvm::MemoryBuffer> buffer;
  uint32_t count;
};

/// Writes a weight file exactly as Core ML's reference StorageWriter does:
/// 64-aligned metadata and data, zero gaps, no trailing padding.
class BlobWriter {
public:
  /// Creates (truncates) `path`.
  static llvm::Expected<std::unique_ptr<BlobWriter>>
  create(llvm::StringRef path);

  ~BlobWriter();

  /// A file that holds a copy of a blob's bytes at `offset`.
  struct FileSource {
    int fd;
    uint64_t offset;
  };

  /// Appends a blob of `numElements` elements whose encoded (for sub-byte
  /// types: packed) bytes are `data`; returns its metadata offset. With a
  /// `source` holding the same bytes, they are copied from it inside the
  /// kernel (copy_file_range) where the system can, instead of written from
  /// memory.
  llvm::Expected<uint64_t> write(BlobDataType type, uint64_t numElements,
                                 llvm::ArrayRef<uint8_t> data,
                                 std::optional<FileSource> source = {});

  /// Rewrites the header with the final count and closes the file; reports
  /// any write error (disk full, ...).
  llvm::Error close();

  uint32_t getCount() const { return count; }

private:
  BlobWriter(std::string path, int fd);

  std::string path;
  std::unique_ptr<llvm::raw_fd_ostream> os;
  int fd; // Owned by os.
  uint64_t size = 0;
  uint32_t count = 0;
};

} // namespace mil::format

#endif // MIL_FORMAT_BLOBSTORAGE_H
