//===- TensorData.cpp - tensor constants as packed bytes --------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/TensorData.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Compression/Half.h"
#include "mil/Dialect/MILTypes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/MemAlloc.h"
#include "llvm/Support/Parallel.h"

#include <cstring>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>

#ifdef __linux__
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace mlir;
using namespace mil;

static bool isBool(Type element) { return element.isSignlessInteger(1); }
/// int4 and uint1..uint6 (bool is MLIR's i1 but takes a byte in MIL).
static bool isSubByte(Type element) {
  return element.isIntOrFloat() && element.getIntOrFloatBitWidth() < 8 &&
         !isBool(element);
}

FailureOr<ArrayRef<uint8_t>> mil::getPackedBytes(ElementsAttr attr,
                                                 std::vector<uint8_t> &storage,
                                                 Location loc) {
  auto type = cast<ShapedType>(attr.getType());
  Type element = type.getElementType();
  uint64_t count = type.getNumElements();
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return emitError(loc) << "weight '" << resource.getRawHandle().getKey()
                            << "' has no data (was the program imported "
                               "without its weights?)";
    ArrayRef<char> data = blob->getData();
    return ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(data.data()),
                             data.size());
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense || isa<StringType>(element))
    return emitError(loc) << "cannot take the bytes of " << attr.getType()
                          << " constant";
  if (isSubByte(element) || isBool(element)) {
    std::vector<uint8_t> values;
    values.reserve(count);
    for (const APInt &v : dense.getValues<APInt>())
      values.push_back(static_cast<uint8_t>(v.getZExtValue()));
    if (isBool(element)) {
      storage = std::move(values);
    } else {
      unsigned bits = element.getIntOrFloatBitWidth();
      storage.assign(compression::packedSizeInBytes(count, bits), 0);
      compression::packBits(values.data(), count, bits, storage.data());
    }
    return ArrayRef<uint8_t>(storage);
  }
  ArrayRef<char> raw = dense.getRawData();
  size_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  if (dense.isSplat() && count != 1) {
    storage.resize(count * elementBytes);
    for (uint64_t i = 0; i < count; ++i)
      std::memcpy(storage.data() + i * elementBytes, raw.data(), elementBytes);
    return ArrayRef<uint8_t>(storage);
  }
  return ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(raw.data()),
                           raw.size());
}

FailureOr<ElementsAttr> mil::makeDenseFromPackedBytes(ShapedType type,
                                                      ArrayRef<uint8_t> bytes,
                                                      Location loc) {
  Type element = type.getElementType();
  uint64_t count = type.getNumElements();
  if (isSubByte(element) || isBool(element)) {
    unsigned bits = element.getIntOrFloatBitWidth();
    uint64_t need =
        isBool(element) ? count : compression::packedSizeInBytes(count, bits);
    if (bytes.size() != need)
      return emitError(loc) << "expected " << need << " bytes for " << type
                            << ", got " << bytes.size();
    std::vector<uint8_t> values(count);
    if (isBool(element))
      std::copy(bytes.begin(), bytes.end(), values.begin());
    else
      compression::unpackBits(bytes.data(), count, bits, values.data());
    SmallVector<APInt> ints;
    ints.reserve(count);
    bool isSigned = element.isSignlessInteger();
    for (uint8_t v : values)
      ints.push_back(APInt(bits, v, isSigned && !isBool(element)));
    return ElementsAttr(DenseElementsAttr::get(type, ints));
  }
  size_t elementBytes = element.getIntOrFloatBitWidth() / 8;
  if (bytes.size() != count * elementBytes)
    return emitError(loc) << "expected " << count * elementBytes
                          << " bytes for " << type << ", got " << bytes.size();
  return ElementsAttr(DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(reinterpret_cast<const char *>(bytes.data()),
                           bytes.size())));
}

ElementsAttr mil::makeResourceFromPackedBytes(ShapedType type, StringRef name,
                                              ArrayRef<uint8_t> bytes) {
  // A ResourceBuffer, so that large copies count against the budget of
  // anonymous memory like every other new weight.
  ResourceBuffer buffer(bytes.size());
  if (!bytes.empty())
    std::memcpy(buffer.data(), bytes.data(), bytes.size());
  return buffer.finish(type, name);
}

/// Buffers from this size on are mapped, with huge pages where they cover
/// whole 2 MiB pages; smaller ones come from the heap.
static constexpr size_t kHugePage = size_t(2) << 20;
static constexpr size_t kMapThreshold = 2 * kHugePage;
/// makeResourceInPieces writes values from this size on to the scratch
/// file.
static constexpr size_t kPieceFileThreshold = size_t(1) << 20;

/// Bytes of anonymous mappings that live resource buffers hold.
static std::atomic<size_t> anonymousBytes{0};

static std::mutex scratchMutex;
static std::string &scratchDirectory() {
  static std::string directory;
  return directory;
}

void mil::setScratchDirectory(StringRef directory) {
  std::lock_guard<std::mutex> lock(scratchMutex);
  scratchDirectory() = directory.str();
}

#ifdef __linux__
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/// A new unlinked file in the scratch directory (-1 if none can be made).
static int openScratchFile() {
  std::string directory;
  {
    std::lock_guard<std::mutex> lock(scratchMutex);
    directory = scratchDirectory();
  }
  if (directory.empty()) {
    const char *tmp = std::getenv("TMPDIR");
    directory = tmp && *tmp ? tmp : "/tmp";
  }
  int fd = -1;
#ifdef O_TMPFILE
  fd = open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    return fd;
#endif
  // File systems without O_TMPFILE: a named file, unlinked at once.
  std::string path = directory + "/.mil-scratch-XXXXXX";
  fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0)
    unlink(path.c_str());
  return fd;
}

namespace {
/// The one scratch file of the process: buffers are page-aligned ranges of
/// it, handed out in order and punched out when freed. Their mappings are
/// registered as file-backed memory (FileBackedMemory.h): kernels read them
/// with pread and export copies them into weight.bin inside the kernel,
/// neither touching the mapping, whose pages cost more to map than to copy.
struct ScratchFile {
  std::mutex mutex;
  int fd = -1;
  bool failed = false;
  uint64_t next = 0;

  static ScratchFile &get() {
    static ScratchFile file;
    return file;
  }
};
} // namespace
#endif

#ifdef __linux__
/// Unmaps `map`, a scratch-file buffer of `size` bytes at `offset`, and
/// frees its blocks.
static void releaseScratchRange(void *map, size_t size, int fd,
                                uint64_t offset) {
  compression::unregisterFileMapping(map);
  munmap(map, size);
  fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, size);
}

/// A page-aligned range of `size` bytes of the scratch file; false if there
/// is no scratch file.
static bool reserveScratchRange(size_t size, int &fd, uint64_t &offset) {
  ScratchFile &file = ScratchFile::get();
  const uint64_t page = 4096;
  std::lock_guard<std::mutex> lock(file.mutex);
  if (file.fd < 0 && !file.failed) {
    file.fd = openScratchFile();
    file.failed = file.fd < 0;
  }
  if (file.fd < 0)
    return false;
  fd = file.fd;
  offset = file.next;
  file.next += (size + page - 1) & ~(page - 1);
  return true;
}
#endif

bool ResourceBuffer::mapFile(size_t size) {
#ifdef __linux__
  uint64_t offset;
  int fd;
  if (!reserveScratchRange(size, fd, offset))
    return false;
  // Blocks are reserved up front so that a full disk fails here, not as a
  // SIGBUS when a kernel writes a page.
  void *map = MAP_FAILED;
  if (posix_fallocate(fd, offset, size) == 0)
    map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
  if (map == MAP_FAILED) {
    fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, size);
    return false;
  }
  // Pages mapped in one call: a fault per 4 KiB page as the kernel writes
  // costs several times more (and fails where this only returns an error).
  madvise(map, size, MADV_POPULATE_WRITE);
  compression::registerFileMapping(map, size, fd, offset);
  blob = AsmResourceBlob(
      ArrayRef<char>(static_cast<char *>(map), size), kResourceAlignment,
      [map, size, fd, offset](void *, size_t, size_t) {
        releaseScratchRange(map, size, fd, offset);
      },
      /*dataIsMutable=*/true);
  mapped = true;
  return true;
#else
  (void)size;
  return false;
#endif
}

#ifdef __linux__
namespace {
/// An anonymous mapping of a resource buffer: `capacity` bytes at `data`.
struct SpareMapping {
  void *map;
  size_t length;
  char *data;
  size_t capacity;
};

/// Mappings of freed resource buffers, kept for the next buffers of about
/// their size: a value computed for the report and freed at once is
/// followed by another, and pages still mapped cost nothing to write again
/// where fresh ones are faulted in and zeroed (several times the cost of
/// writing them on a virtual machine). At most kSpareBytes are kept.
class SpareMappings {
public:
  static SpareMappings &get() {
    // Never destroyed: resources may be freed by static destructors.
    static SpareMappings *spares = new SpareMappings;
    return *spares;
  }

  /// A kept mapping that holds `size` bytes without wasting half of it.
  std::optional<SpareMapping> take(size_t size) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = kept.begin(); it != kept.end(); ++it)
      if (it->capacity >= size && it->capacity / 2 <= size) {
        SpareMapping m = *it;
        kept.erase(it);
        bytes -= m.capacity;
        return m;
      }
    return std::nullopt;
  }

  /// Keeps `m`, dropping the oldest mappings past the limit.
  void give(SpareMapping m) {
    std::vector<SpareMapping> dropped;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (m.capacity > kSpareBytes) {
        dropped.push_back(m);
      } else {
        kept.push_back(m);
        bytes += m.capacity;
        while (bytes > kSpareBytes) {
          dropped.push_back(kept.front());
          bytes -= kept.front().capacity;
          kept.erase(kept.begin());
        }
      }
    }
    for (const SpareMapping &d : dropped)
      munmap(d.map, d.length);
  }

private:
  static constexpr size_t kSpareBytes = size_t(64) << 20;
  std::mutex mutex;
  std::vector<SpareMapping> kept;
  size_t bytes = 0;
};
} // namespace
#endif

ResourceBuffer::ResourceBuffer(size_t size) {
#ifdef __linux__
  if (size >= kMapThreshold) {
    if (anonymousBytes.fetch_add(size) + size > kAnonymousResourceBudget) {
      anonymousBytes.fetch_sub(size);
      if (mapFile(size))
        return;
      anonymousBytes.fetch_add(size);
    }
    // A freed mapping of about this size, its pages still mapped.
    std::optional<SpareMapping> spare = SpareMappings::get().take(size);
    if (!spare) {
      // One spare huge page lets the data start on a huge-page boundary;
      // only the whole huge pages of the data are advised, so a partly
      // used last one does not add to the footprint.
      size_t length = size + kHugePage;
      void *map = mmap(nullptr, length, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (map != MAP_FAILED) {
        uintptr_t base = reinterpret_cast<uintptr_t>(map);
        char *data =
            reinterpret_cast<char *>((base + kHugePage - 1) & ~(kHugePage - 1));
        madvise(data, size & ~(kHugePage - 1), MADV_HUGEPAGE);
        spare = SpareMapping{map, length, data, size};
      }
    }
    if (spare) {
      SpareMapping m = *spare;
      blob = AsmResourceBlob(
          ArrayRef<char>(m.data, size), kResourceAlignment,
          [m, size](void *, size_t, size_t) {
            anonymousBytes.fetch_sub(size);
            SpareMappings::get().give(m);
          },
          /*dataIsMutable=*/true);
      mapped = true;
      return;
    }
    anonymousBytes.fetch_sub(size);
  }
#endif
  // The deleter keeps the allocated size: truncate() shrinks the blob.
  char *data =
      static_cast<char *>(llvm::allocate_buffer(size, kResourceAlignment));
  blob = AsmResourceBlob(
      ArrayRef<char>(data, size), kResourceAlignment,
      [size](void *data, size_t, size_t align) {
        llvm::deallocate_buffer(data, size, align);
      },
      /*dataIsMutable=*/true);
}

void ResourceBuffer::truncate(size_t size) {
  size_t old = this->size();
  if (size >= old)
    return;
  char *data = blob.getMutableData().data();
#ifdef __linux__
  if (mapped) {
    const uintptr_t page = 4096;
    uintptr_t first =
        (reinterpret_cast<uintptr_t>(data) + size + page - 1) & ~(page - 1);
    uintptr_t end = reinterpret_cast<uintptr_t>(data) + old;
    // MADV_REMOVE frees the blocks of a scratch file too; anonymous
    // memory only takes MADV_DONTNEED.
    if (end > first &&
        madvise(reinterpret_cast<void *>(first), end - first, MADV_REMOVE))
      madvise(reinterpret_cast<void *>(first), end - first, MADV_DONTNEED);
  }
#endif
  AsmResourceBlob smaller(ArrayRef<char>(data, size), kResourceAlignment,
                          std::move(blob.getDeleter()),
                          /*dataIsMutable=*/true);
  blob = std::move(smaller);
}

ElementsAttr ResourceBuffer::finish(ShapedType type, StringRef name) {
  return DenseResourceElementsAttr::get(type, name, std::move(blob));
}

FailureOr<ElementsAttr> mil::makeResourceInPieces(
    ShapedType type, StringRef name, size_t size, size_t pieceBytes,
    function_ref<bool(size_t offset, uint8_t *out, size_t n)> fill) {
  pieceBytes = std::max<size_t>(pieceBytes, 1);
  size_t pieces = (size + pieceBytes - 1) / pieceBytes;
  std::atomic<bool> ok{true};
  auto inMemory = [&]() -> FailureOr<ElementsAttr> {
    ResourceBuffer buffer(size);
    llvm::parallelFor(0, pieces, [&](size_t p) {
      size_t offset = p * pieceBytes;
      if (ok.load(std::memory_order_relaxed) &&
          !fill(offset, buffer.data() + offset,
                std::min(pieceBytes, size - offset)))
        ok = false;
    });
    if (!ok)
      return failure();
    return buffer.finish(type, name);
  };
#ifdef __linux__
  int fd;
  uint64_t base;
  // From a few pieces on: below, a heap buffer costs less than a write.
  if (size < kPieceFileThreshold || !reserveScratchRange(size, fd, base))
    return inMemory();
  // The data reaches the file's pages by pwrite from a buffer in cache:
  // one copy, and no page of it faulted in and zeroed first.
  std::atomic<bool> written{true};
  llvm::parallelFor(0, pieces, [&](size_t p) {
    thread_local std::vector<uint8_t> buffer;
    size_t offset = p * pieceBytes, n = std::min(pieceBytes, size - offset);
    if (!ok.load(std::memory_order_relaxed) ||
        !written.load(std::memory_order_relaxed))
      return;
    if (buffer.size() < n)
      buffer.resize(n);
    if (!fill(offset, buffer.data(), n)) {
      ok = false;
      return;
    }
    for (size_t done = 0; done < n;) {
      ssize_t w = pwrite(fd, buffer.data() + done, n - done,
                         static_cast<off_t>(base + offset + done));
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0) {
        written = false;
        return;
      }
      done += static_cast<size_t>(w);
    }
  });
  void *map = MAP_FAILED;
  if (ok && written)
    map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, base);
  if (map == MAP_FAILED) {
    fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, base, size);
    // A full disk: the values go to memory like any other.
    return ok ? inMemory() : FailureOr<ElementsAttr>(failure());
  }
  compression::registerFileMapping(map, size, fd, base);
  AsmResourceBlob blob(
      ArrayRef<char>(static_cast<char *>(map), size), kResourceAlignment,
      [map, size, fd, base](void *, size_t, size_t) {
        releaseScratchRange(map, size, fd, base);
      },
      /*dataIsMutable=*/false);
  return ElementsAttr(
      DenseResourceElementsAttr::get(type, name, std::move(blob)));
#else
  return inMemory();
#endif
}

void mil::releaseResourceData(ElementsAttr attr) {
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr))
    if (resource.getRawHandle().getBlob())
      resource.getRawHandle().getResource()->setBlob(AsmResourceBlob());
}

std::vector<double> mil::getValuesAsDoubles(ElementsAttr attr, Location loc) {
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
  Type elem = attr.getElementType();
  if (failed(bytes) || !(elem.isF16() || elem.isF32() || elem.isInteger(8)))
    return {};
  std::vector<double> out(attr.getNumElements());
  for (size_t i = 0; i < out.size(); ++i) {
    if (elem.isF16()) {
      uint16_t h;
      std::memcpy(&h, bytes->data() + 2 * i, 2);
      out[i] = compression::halfToFloat(h);
    } else if (elem.isF32()) {
      float f;
      std::memcpy(&f, bytes->data() + 4 * i, 4);
      out[i] = f;
    } else if (elem.isSignlessInteger(8)) {
      out[i] = static_cast<int8_t>((*bytes)[i]);
    } else {
      out[i] = (*bytes)[i];
    }
  }
  return out;
}
