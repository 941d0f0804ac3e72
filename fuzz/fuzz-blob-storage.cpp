//===- fuzz-blob-storage.cpp - Fuzzes the weight.bin reader ---------------===//
//
// Part of mil-mlir. The input is a whole weight file: open it, walk every
// record the header counts, and read metadata at every 64-aligned offset and
// at offsets taken from the file itself, as the importer would.
//
//===----------------------------------------------------------------------===//

#include "mil/Format/BlobStorage.h"

#include "llvm/Support/Endian.h"

#include <cstddef>
#include <cstdint>

using namespace mil::format;

static void touch(const BlobReader &reader, uint64_t offset) {
  llvm::Expected<BlobMetadata> md = reader.getMetadata(offset);
  if (!md) {
    llvm::consumeError(md.takeError());
    return;
  }
  (void)md->getNumElements();
  llvm::ArrayRef<uint8_t> data = reader.getData(*md);
  // Reading the first and last byte makes ASan check the bounds.
  volatile uint8_t sink = data.front() ^ data.back();
  (void)sink;
  llvm::Expected<llvm::ArrayRef<uint8_t>> typed =
      reader.getData(offset, BlobDataType::Float16);
  if (!typed)
    llvm::consumeError(typed.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size),
      "fuzz/weight.bin");
  llvm::Expected<std::unique_ptr<BlobReader>> reader =
      BlobReader::create(std::move(buffer));
  if (!reader) {
    llvm::consumeError(reader.takeError());
    return 0;
  }
  llvm::Expected<std::vector<uint64_t>> offsets = (*reader)->getAllOffsets();
  if (offsets) {
    for (uint64_t offset : *offsets)
      touch(**reader, offset);
  } else {
    llvm::consumeError(offsets.takeError());
  }
  for (uint64_t offset = 0; offset < size; offset += kBlobAlignment)
    touch(**reader, offset);
  // Offsets a model could name: every 64-bit word of the file.
  for (size_t i = 0; i + 8 <= size && i < 4096; i += 8)
    touch(**reader, llvm::support::endian::read64le(data + i));
  return 0;
}
