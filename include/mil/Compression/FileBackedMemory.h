//===- FileBackedMemory.h - reading mapped weights with pread ---*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// Input weights are memory-mapped views of weight.bin. On the virtual
// machines this runs on, the first touch of each mapped page costs several
// times what copying it does: reading a 2.7 GB mapping once takes about
// four times as long as pread of the same bytes into a small buffer. Kernels
// that stream a large input therefore read it piece by piece through
// readBytes, which copies pieces of registered mappings with pread and
// hands out any other memory as it is.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_COMPRESSION_FILEBACKEDMEMORY_H
#define MIL_COMPRESSION_FILEBACKEDMEMORY_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace mil::compression {

/// Declares that [base, base + size) maps the bytes of open file `fd` from
/// `fileOffset` on until unregisterFileMapping(base). The bytes must not
/// change while registered, except through a shared mapping (pread sees its
/// writes).
void registerFileMapping(const void *base, size_t size, int fd,
                         uint64_t fileOffset);

/// Forgets the mapping registered at `base` (nothing if none is).
void unregisterFileMapping(const void *base);

/// Bytes [p, p + n): `p` itself unless they lie in a registered mapping, in
/// which case they are read with pread into `buffer` (at least n bytes) and
/// `buffer` is returned. A failed read falls back to copying the mapping.
const void *readBytes(const void *p, size_t n, void *buffer);

/// Whether [p, p + n) lies in a registered mapping (readBytes would copy).
bool isFileBacked(const void *p, size_t n);

/// readBytes into a buffer that grows to the largest piece read, and only
/// when a piece is file-backed (memory inputs cost no copy). Kernels keep
/// one per thread (thread_local) per call site; the result is valid until
/// the next read.
class ReadBuffer {
public:
  const void *read(const void *p, size_t n);
  /// Elements [0, count) of `p`.
  template <typename T> const T *read(const T *p, size_t count) {
    return static_cast<const T *>(
        read(static_cast<const void *>(p), count * sizeof(T)));
  }

private:
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
};

/// Where the bytes of a registered mapping lie in its file.
struct FileRange {
  int fd;
  uint64_t offset;
};

/// The file range [p, p + n) maps, if it lies in a registered mapping:
/// writers then copy it inside the kernel instead of through the mapping.
std::optional<FileRange> findFileRange(const void *p, size_t n);

} // namespace mil::compression

#endif // MIL_COMPRESSION_FILEBACKEDMEMORY_H
