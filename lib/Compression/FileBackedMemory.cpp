//===- FileBackedMemory.cpp - reading mapped weights with pread -----------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/FileBackedMemory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include <unistd.h>

using namespace mil::compression;

namespace {

struct Mapping {
  uintptr_t begin, end;
  int fd;
  uint64_t fileOffset;
};

/// Few mappings (one per weight file), looked up once per piece of a
/// kernel's work: a sorted vector under a reader-writer lock.
struct Registry {
  std::shared_mutex mutex;
  std::vector<Mapping> mappings; // Sorted by begin; disjoint.

  static Registry &get() {
    static Registry registry;
    return registry;
  }

  /// The first mapping that begins at or after `address` (under the lock).
  std::vector<Mapping>::iterator firstAtOrAfter(uintptr_t address) {
    return std::lower_bound(
        mappings.begin(), mappings.end(), address,
        [](const Mapping &m, uintptr_t a) { return m.begin < a; });
  }

  /// The mapping holding all of [p, p + n), if any.
  bool find(const void *p, size_t n, Mapping &out) {
    auto address = reinterpret_cast<uintptr_t>(p);
    std::shared_lock lock(mutex);
    auto it = std::upper_bound(
        mappings.begin(), mappings.end(), address,
        [](uintptr_t a, const Mapping &m) { return a < m.begin; });
    if (it == mappings.begin())
      return false;
    --it;
    if (address >= it->end || n > it->end - address)
      return false;
    out = *it;
    return true;
  }
};

} // namespace

void mil::compression::registerFileMapping(const void *base, size_t size,
                                           int fd, uint64_t fileOffset) {
  if (!base || size == 0 || fd < 0)
    return;
  auto begin = reinterpret_cast<uintptr_t>(base);
  Registry &registry = Registry::get();
  std::unique_lock lock(registry.mutex);
  registry.mappings.insert(registry.firstAtOrAfter(begin),
                           Mapping{begin, begin + size, fd, fileOffset});
}

void mil::compression::unregisterFileMapping(const void *base) {
  auto begin = reinterpret_cast<uintptr_t>(base);
  Registry &registry = Registry::get();
  std::unique_lock lock(registry.mutex);
  auto it = registry.firstAtOrAfter(begin);
  if (it != registry.mappings.end() && it->begin == begin)
    registry.mappings.erase(it);
}

bool mil::compression::isFileBacked(const void *p, size_t n) {
  Mapping m;
  return Registry::get().find(p, n, m);
}

std::optional<FileRange> mil::compression::findFileRange(const void *p,
                                                         size_t n) {
  Mapping m;
  if (!Registry::get().find(p, n, m))
    return std::nullopt;
  return FileRange{m.fd,
                   m.fileOffset + (reinterpret_cast<uintptr_t>(p) - m.begin)};
}

/// Bytes [p, p + n) of mapping `m` into `out` with pread.
static void readMapped(const Mapping &m, const void *p, size_t n, char *out) {
  uint64_t offset = m.fileOffset + (reinterpret_cast<uintptr_t>(p) - m.begin);
  size_t done = 0;
  while (done < n) {
    ssize_t got = ::pread(m.fd, out + done, n - done, offset + done);
    if (got > 0) {
      done += static_cast<size_t>(got);
      continue;
    }
    if (got < 0 && errno == EINTR)
      continue;
    // A short file or an I/O error: the mapping has the final word.
    std::memcpy(out + done, static_cast<const char *>(p) + done, n - done);
    break;
  }
}

const void *mil::compression::readBytes(const void *p, size_t n, void *buffer) {
  Mapping m;
  if (n == 0 || !Registry::get().find(p, n, m))
    return p;
  readMapped(m, p, n, static_cast<char *>(buffer));
  return buffer;
}

const void *ReadBuffer::read(const void *p, size_t n) {
  Mapping m;
  if (n == 0 || !Registry::get().find(p, n, m))
    return p;
  if (capacity < n) {
    data.reset(new char[n]);
    capacity = n;
  }
  readMapped(m, p, n, data.get());
  return data.get();
}
