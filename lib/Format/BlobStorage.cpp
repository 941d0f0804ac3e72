//===- BlobStorage.cpp - Core ML blob storage v2 (weight.bin) ---*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Format/BlobStorage.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/FileBackedMemory.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

#ifdef __linux__
#include <unistd.h>
#endif

using namespace llvm;
using namespace mil::format;

namespace {
/// Byte offsets inside the 64-byte header and metadata records.
enum : unsigned {
  kHeaderCount = 0,
  kHeaderVersion = 4,
  kMetaSentinel = 0,
  kMetaDataType = 4,
  kMetaSize = 8,
  kMetaOffset = 16,
  kMetaPadding = 24,
  kRecordSize = 64,
};

uint32_t read32(const char *p) { return support::endian::read32le(p); }
uint64_t read64(const char *p) { return support::endian::read64le(p); }
} // namespace

std::optional<unsigned> mil::format::getBlobElementBits(uint32_t type) {
  switch (static_cast<BlobDataType>(type)) {
  case BlobDataType::Float16:
  case BlobDataType::BFloat16:
  case BlobDataType::Int16:
  case BlobDataType::UInt16:
    return 16;
  case BlobDataType::Float32:
  case BlobDataType::Int32:
  case BlobDataType::UInt32:
    return 32;
  case BlobDataType::UInt8:
  case BlobDataType::Int8:
  case BlobDataType::Float8E4M3FN:
  case BlobDataType::Float8E5M2:
    return 8;
  case BlobDataType::Int4:
  case BlobDataType::UInt4:
    return 4;
  case BlobDataType::UInt1:
    return 1;
  case BlobDataType::UInt2:
    return 2;
  case BlobDataType::UInt3:
    return 3;
  case BlobDataType::UInt6:
    return 6;
  }
  return std::nullopt;
}

bool mil::format::isSubByteBlobType(BlobDataType type) {
  std::optional<unsigned> bits =
      getBlobElementBits(static_cast<uint32_t>(type));
  return bits && *bits < 8;
}

StringRef mil::format::getBlobDataTypeName(uint32_t type) {
  static const char *const names[] = {
      "unknown", "Float16", "Float32", "UInt8",  "Int8",         "BFloat16",
      "Int16",   "UInt16",  "Int4",    "UInt1",  "UInt2",        "UInt4",
      "UInt3",   "UInt6",   "Int32",   "UInt32", "Float8E4M3FN", "Float8E5M2"};
  if (type < std::size(names))
    return names[type];
  return "unknown";
}

uint64_t BlobMetadata::getNumElements() const {
  unsigned bits = *getBlobElementBits(static_cast<uint32_t>(dataType));
  return (sizeInBytes * 8 - paddingBits) / bits;
}

//===----------------------------------------------------------------------===//
// BlobReader
//===----------------------------------------------------------------------===//

Expected<std::unique_ptr<BlobReader>> BlobReader::open(StringRef path) {
  auto fail = [&](std::error_code ec) {
    return createStringError(ec, "cannot open weight file '%s': %s",
                             path.str().c_str(), ec.message().c_str());
  };
  Expected<sys::fs::file_t> file = sys::fs::openNativeFileForRead(path);
  if (!file)
    return fail(errorToErrorCode(file.takeError()));
  sys::fs::file_status status;
  if (std::error_code ec = sys::fs::status(*file, status)) {
    sys::fs::closeFile(*file);
    return fail(ec);
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getOpenFile(
      *file, path, status.getSize(), /*RequiresNullTerminator=*/false,
      /*IsVolatile=*/false);
  if (!buffer) {
    sys::fs::closeFile(*file);
    return fail(buffer.getError());
  }
  // Kernels read large mappings with pread (FileBackedMemory.h), so the
  // descriptor stays open as long as the mapping lives.
  const char *start = (*buffer)->getBufferStart();
  size_t size = (*buffer)->getBufferSize();
  bool registered = size >= kPreadThreshold;
  if (registered)
    mil::compression::registerFileMapping(start, size, *file, 0);
  sys::fs::file_t fd = *file;
  std::shared_ptr<MemoryBuffer> shared(
      buffer->release(), [fd, registered](MemoryBuffer *mapping) {
        if (registered)
          mil::compression::unregisterFileMapping(mapping->getBufferStart());
        delete mapping;
        sys::fs::file_t closing = fd;
        sys::fs::closeFile(closing);
      });
  return create(std::move(shared));
}

Expected<std::unique_ptr<BlobReader>>
BlobReader::create(std::unique_ptr<MemoryBuffer> buffer) {
  return create(std::shared_ptr<MemoryBuffer>(std::move(buffer)));
}

Expected<std::unique_ptr<BlobReader>>
BlobReader::create(std::shared_ptr<MemoryBuffer> buffer) {
  std::string path = buffer->getBufferIdentifier().str();
  if (buffer->getBufferSize() < kRecordSize)
    return createStringError(
        inconvertibleErrorCode(),
        "weight file '%s' is truncated: %zu bytes, shorter than its 64-byte "
        "header",
        path.c_str(), buffer->getBufferSize());
  const char *start = buffer->getBufferStart();
  uint32_t version = read32(start + kHeaderVersion);
  if (version != kBlobStorageVersion)
    return createStringError(inconvertibleErrorCode(),
                             "weight file '%s' has storage version %u; only "
                             "blob storage version 2 is supported",
                             path.c_str(), version);
  uint32_t count = read32(start + kHeaderCount);
  return std::unique_ptr<BlobReader>(new BlobReader(std::move(buffer), count));
}

Error BlobReader::error(uint64_t offset, const Twine &message) const {
  return createStringError(inconvertibleErrorCode(),
                           "weight file '" + getPath() + "', blob at offset " +
                               Twine(offset) + ": " + message);
}

Expected<BlobMetadata> BlobReader::getMetadata(uint64_t metadataOffset) const {
  uint64_t fileSize = getFileSize();
  if (metadataOffset < kRecordSize || metadataOffset > fileSize ||
      fileSize - metadataOffset < kRecordSize)
    return error(metadataOffset, "metadata record lies outside the file (" +
                                     Twine(fileSize) + " bytes)");
  const char *meta = buffer->getBufferStart() + metadataOffset;
  uint32_t sentinel = read32(meta + kMetaSentinel);
  if (sentinel != kBlobSentinel)
    return error(metadataOffset, "bad sentinel 0x" + utohexstr(sentinel) +
                                     " (expected 0xDEADBEEF)");
  uint32_t type = read32(meta + kMetaDataType);
  std::optional<unsigned> bits = getBlobElementBits(type);
  if (!bits)
    return error(metadataOffset, "unknown blob data type " + Twine(type));
  BlobMetadata md{static_cast<BlobDataType>(type), read64(meta + kMetaSize),
                  read64(meta + kMetaOffset), read64(meta + kMetaPadding)};
  if (md.sizeInBytes == 0)
    return error(metadataOffset, "blob is empty (sizeInBytes is 0)");
  if (md.dataOffset > fileSize || fileSize - md.dataOffset < md.sizeInBytes)
    return error(metadataOffset, "data [" + Twine(md.dataOffset) + ", +" +
                                     Twine(md.sizeInBytes) +
                                     ") runs past the end of the file (" +
                                     Twine(fileSize) + " bytes)");
  if (*bits < 8) {
    if (md.paddingBits >= 8)
      return error(metadataOffset, Twine(md.paddingBits) +
                                       " bits of padding; sub-byte data has "
                                       "at most 7");
    if ((md.sizeInBytes * 8 - md.paddingBits) % *bits != 0)
      return error(metadataOffset, "padding of " + Twine(md.paddingBits) +
                                       " bits leaves a partial " +
                                       getBlobDataTypeName(type) + " element");
  } else {
    // Core ML reads padding only for sub-byte types; earlier writers left
    // stale bytes there (and in the reserved words) for byte-sized ones.
    md.paddingBits = 0;
    if (md.sizeInBytes % (*bits / 8) != 0)
      return error(metadataOffset, Twine(md.sizeInBytes) +
                                       " bytes is not a whole number of " +
                                       getBlobDataTypeName(type) + " elements");
  }
  return md;
}

ArrayRef<uint8_t> BlobReader::getData(const BlobMetadata &metadata) const {
  const auto *start =
      reinterpret_cast<const uint8_t *>(buffer->getBufferStart());
  return ArrayRef<uint8_t>(start + metadata.dataOffset, metadata.sizeInBytes);
}

Expected<ArrayRef<uint8_t>> BlobReader::getData(uint64_t metadataOffset,
                                                BlobDataType expected) const {
  Expected<BlobMetadata> md = getMetadata(metadataOffset);
  if (!md)
    return md.takeError();
  if (md->dataType != expected)
    return error(metadataOffset,
                 "holds " +
                     getBlobDataTypeName(static_cast<uint32_t>(md->dataType)) +
                     " data but the program expects " +
                     getBlobDataTypeName(static_cast<uint32_t>(expected)));
  return getData(*md);
}

Expected<std::vector<uint64_t>> BlobReader::getAllOffsets() const {
  // The count comes from the file: every record takes 64 bytes, so a count
  // the file has no room for is refused before anything is allocated.
  uint64_t room = (getFileSize() - kRecordSize) / kRecordSize;
  if (count > room)
    return createStringError(inconvertibleErrorCode(),
                             "weight file '" + getPath() + "' counts " +
                                 Twine(count) + " blobs but has room for " +
                                 Twine(room));
  std::vector<uint64_t> offsets;
  offsets.reserve(count);
  uint64_t offset = kRecordSize;
  for (uint32_t i = 0; i < count; ++i) {
    Expected<BlobMetadata> md = getMetadata(offset);
    if (!md)
      return md.takeError();
    offsets.push_back(offset);
    uint64_t next = alignTo(md->dataOffset + md->sizeInBytes, kBlobAlignment);
    // Data placed before its record would send the walk backwards.
    if (next <= offset)
      return error(offset, "data [" + Twine(md->dataOffset) + ", +" +
                               Twine(md->sizeInBytes) +
                               ") does not follow its metadata record");
    offset = next;
  }
  return offsets;
}

//===----------------------------------------------------------------------===//
// BlobWriter
//===----------------------------------------------------------------------===//

BlobWriter::BlobWriter(std::string path, int fd)
    : path(std::move(path)),
      os(std::make_unique<raw_fd_ostream>(fd, /*shouldClose=*/true)), fd(fd) {}

BlobWriter::~BlobWriter() {
  // An abandoned writer must not abort the process from raw_fd_ostream's
  // destructor; the caller already saw (or ignored) the error.
  if (os)
    os->clear_error();
}

Expected<std::unique_ptr<BlobWriter>> BlobWriter::create(StringRef path) {
  // Our own descriptor, so that blobs can be copied into it by the kernel.
  int fd;
  if (std::error_code ec = sys::fs::openFileForWrite(path, fd))
    return createStringError(ec, "cannot create weight file '%s': %s",
                             path.str().c_str(), ec.message().c_str());
  std::unique_ptr<BlobWriter> writer(new BlobWriter(path.str(), fd));
  char header[kRecordSize] = {};
  support::endian::write32le(header + kHeaderVersion, kBlobStorageVersion);
  writer->os->write(header, kRecordSize);
  writer->size = kRecordSize;
  return writer;
}

/// Copies `size` bytes at `offset` of `from` to the current position of
/// `to` inside the kernel; returns how many it copied (fewer, or none,
/// where the system cannot: the caller writes the rest).
static uint64_t copyFileRange(int from, uint64_t offset, int to,
                              uint64_t size) {
#ifdef __linux__
  uint64_t done = 0;
  while (done < size) {
    loff_t in = static_cast<loff_t>(offset + done);
    ssize_t n = copy_file_range(from, &in, to, nullptr, size - done, 0);
    if (n <= 0)
      break;
    done += static_cast<uint64_t>(n);
  }
  return done;
#else
  (void)from;
  (void)offset;
  (void)to;
  (void)size;
  return 0;
#endif
}

Expected<uint64_t> BlobWriter::write(BlobDataType type, uint64_t numElements,
                                     ArrayRef<uint8_t> data,
                                     std::optional<FileSource> source) {
  std::optional<unsigned> bits =
      getBlobElementBits(static_cast<uint32_t>(type));
  if (!bits)
    return createStringError(inconvertibleErrorCode(),
                             "cannot write blob of unknown data type %u to "
                             "'%s'",
                             static_cast<uint32_t>(type), path.c_str());
  uint64_t expected = compression::packedSizeInBytes(numElements, *bits);
  if (numElements == 0 || data.size() != expected)
    return createStringError(
        inconvertibleErrorCode(),
        "blob of %llu %s elements needs %llu bytes, got %zu (writing '%s')",
        static_cast<unsigned long long>(numElements),
        getBlobDataTypeName(static_cast<uint32_t>(type)).str().c_str(),
        static_cast<unsigned long long>(expected), data.size(), path.c_str());

  uint64_t metaOffset = alignTo(size, kBlobAlignment);
  os->write_zeros(metaOffset - size);
  char meta[kRecordSize] = {};
  support::endian::write32le(meta + kMetaSentinel, kBlobSentinel);
  support::endian::write32le(meta + kMetaDataType, static_cast<uint32_t>(type));
  support::endian::write64le(meta + kMetaSize, data.size());
  support::endian::write64le(meta + kMetaOffset, metaOffset + kRecordSize);
  support::endian::write64le(
      meta + kMetaPadding,
      *bits < 8 ? compression::packedPaddingBits(numElements, *bits) : 0);
  os->write(meta, kRecordSize);
  uint64_t copied = 0;
  if (source) {
    os->flush();
    if (!os->has_error())
      copied = copyFileRange(source->fd, source->offset, fd, data.size());
  }
  os->write(reinterpret_cast<const char *>(data.data()) + copied,
            data.size() - copied);
  size = metaOffset + kRecordSize + data.size();
  ++count;
  return metaOffset;
}

Error BlobWriter::close() {
  char countBytes[4];
  support::endian::write32le(countBytes, count);
  os->seek(kHeaderCount);
  os->write(countBytes, sizeof(countBytes));
  os->close();
  if (os->has_error()) {
    std::error_code ec = os->error();
    os->clear_error();
    return createStringError(ec, "writing weight file '%s' failed: %s",
                             path.c_str(), ec.message().c_str());
  }
  return Error::success();
}
