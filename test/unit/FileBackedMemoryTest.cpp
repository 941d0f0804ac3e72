//===- FileBackedMemoryTest.cpp - pread of registered mappings ------------===//
//
// Part of mil-mlir.
//
// readBytes copies pieces of registered mappings from their file and hands
// out any other memory as it is; the quantizer reads its input that way.
// To show that a kernel really reads the file, some tests register memory
// whose bytes differ from the file's: only pread yields the file's values.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/FileBackedMemory.h"

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/Half.h"
#include "mil/Compression/Palettize.h"
#include "mil/Compression/Prune.h"
#include "mil/Compression/Quantize.h"
#include "mil/Compression/ValueCounts.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace mil::compression;

namespace {

/// A temporary file holding `bytes`, open for reading, removed at the end.
class TempFile {
public:
  explicit TempFile(const std::vector<uint8_t> &bytes) {
    const char *dir = std::getenv("TMPDIR");
    path = std::string(dir ? dir : "/tmp") + "/mil-filebacked-XXXXXX";
    fd = ::mkstemp(path.data());
    EXPECT_GE(fd, 0);
    size_t done = 0;
    while (fd >= 0 && done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      EXPECT_GT(n, 0);
      if (n <= 0)
        break;
      done += static_cast<size_t>(n);
    }
  }
  ~TempFile() {
    if (fd >= 0)
      ::close(fd);
    ::unlink(path.c_str());
  }

  std::string path;
  int fd = -1;
};

std::vector<uint8_t> randomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> bytes(n);
  for (uint8_t &b : bytes)
    b = static_cast<uint8_t>(rng());
  return bytes;
}

TEST(FileBackedMemory, ReadsRegisteredMappingsWithPread) {
  std::vector<uint8_t> bytes = randomBytes(3 * 4096 + 100, 5);
  TempFile file(bytes);
  ASSERT_GE(file.fd, 0);
  void *map = ::mmap(nullptr, bytes.size(), PROT_READ, MAP_PRIVATE, file.fd, 0);
  ASSERT_NE(map, MAP_FAILED);
  const auto *base = static_cast<const uint8_t *>(map);
  std::vector<uint8_t> buffer(bytes.size());

  // Not yet registered: the mapping itself.
  EXPECT_FALSE(isFileBacked(base + 10, 100));
  EXPECT_EQ(readBytes(base + 10, 100, buffer.data()), base + 10);

  registerFileMapping(map, bytes.size(), file.fd, 0);
  EXPECT_TRUE(isFileBacked(base, bytes.size()));
  const void *got = readBytes(base + 4000, 5000, buffer.data());
  EXPECT_EQ(got, buffer.data());
  EXPECT_EQ(std::memcmp(buffer.data(), bytes.data() + 4000, 5000), 0);

  ReadBuffer piece;
  const auto *read = static_cast<const uint8_t *>(piece.read(base + 7, 300));
  EXPECT_NE(read, base + 7);
  EXPECT_EQ(std::memcmp(read, bytes.data() + 7, 300), 0);

  // Ranges reaching past the end are not the mapping's.
  size_t tail = bytes.size() - 50;
  EXPECT_TRUE(isFileBacked(base + tail, 50));
  EXPECT_FALSE(isFileBacked(base + tail, 51));
  EXPECT_EQ(readBytes(base + tail, 51, buffer.data()), base + tail);
  // Nor is memory elsewhere, or an empty range.
  EXPECT_EQ(readBytes(bytes.data(), 10, buffer.data()), bytes.data());
  EXPECT_EQ(piece.read(bytes.data(), 10), bytes.data());
  EXPECT_EQ(readBytes(base, 0, buffer.data()), base);

  unregisterFileMapping(map);
  EXPECT_FALSE(isFileBacked(base + 4000, 5000));
  EXPECT_EQ(readBytes(base + 4000, 5000, buffer.data()), base + 4000);
  EXPECT_EQ(piece.read(base + 7, 300), base + 7);
  ::munmap(map, bytes.size());
}

TEST(FileBackedMemory, FileOffsetOfTheMapping) {
  std::vector<uint8_t> bytes = randomBytes(8192, 6);
  TempFile file(bytes);
  ASSERT_GE(file.fd, 0);
  // Memory standing for the file's bytes from 4096 on.
  std::vector<uint8_t> view(4096, 0);
  registerFileMapping(view.data(), view.size(), file.fd, 4096);
  std::vector<uint8_t> buffer(64);
  EXPECT_EQ(readBytes(view.data() + 10, 64, buffer.data()), buffer.data());
  EXPECT_EQ(std::memcmp(buffer.data(), bytes.data() + 4096 + 10, 64), 0);
  unregisterFileMapping(view.data());
}

/// fp16 values of a smooth random weight.
std::vector<uint8_t> halfWeight(int64_t count, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 0.05f);
  std::vector<uint8_t> bytes(count * 2);
  for (int64_t i = 0; i < count; ++i) {
    uint16_t h = floatToHalf(normal(rng));
    std::memcpy(bytes.data() + 2 * i, &h, 2);
  }
  return bytes;
}

TEST(FileBackedMemory, QuantizerReadsTheFile) {
  struct Case {
    std::vector<int64_t> shape, blocks;
    QuantSpec spec;
  } cases[] = {
      {{96, 2048}, {1, 0}, {QuantMode::LinearSymmetric, true, 8}},
      {{64, 4096}, {1, 32}, {QuantMode::Linear, true, 4}},
      {{8, 96}, {4, 0}, {QuantMode::Linear, false, 8}},
      {{40, 3000}, {0, 1}, {QuantMode::LinearSymmetric, true, 8}},
      {{300, 1000}, {0, 0}, {QuantMode::Linear, true, 4}},
  };
  unsigned seed = 31;
  for (const Case &c : cases) {
    int64_t count = numElements(c.shape);
    SCOPED_TRACE(std::to_string(count) + " elements, " +
                 std::to_string(c.spec.bits) + " bits");
    std::vector<uint8_t> bytes = halfWeight(count, seed++);
    TempFile file(bytes);
    ASSERT_GE(file.fd, 0);
    TensorRef heap{bytes.data(), ElemType::Float16, c.shape};
    size_t outBytes = packedSizeInBytes(count, c.spec.bits);
    QuantParams expected;
    std::vector<uint8_t> expectedData(outBytes);
    ASSERT_TRUE(
        linearQuantize(heap, c.spec, c.blocks, expected, expectedData.data())
            .ok);

    // Registered memory of NaNs standing for the file: reading it instead
    // of the file would change every result.
    std::vector<uint8_t> decoy(bytes.size(), 0xFF);
    registerFileMapping(decoy.data(), decoy.size(), file.fd, 0);
    TensorRef mapped{decoy.data(), ElemType::Float16, c.shape};

    QuantParams whole;
    std::vector<uint8_t> data(outBytes, 0xAA);
    ASSERT_TRUE(
        linearQuantize(mapped, c.spec, c.blocks, whole, data.data()).ok);
    EXPECT_EQ(data, expectedData);
    EXPECT_EQ(whole.scale, expected.scale);
    EXPECT_EQ(whole.offset, expected.offset);

    // The two-pass route of the passes, in pieces.
    LinearQuantizer twoPass;
    QuantParams params;
    ASSERT_TRUE(twoPass.computeParams(mapped, c.spec, c.blocks, params).ok);
    EXPECT_EQ(params.scale, expected.scale);
    std::fill(data.begin(), data.end(), 0xAA);
    int64_t step = 10000;
    for (int64_t begin = 0; begin < count; begin += step)
      twoPass.quantizeRange(begin, std::min(step, count - begin),
                            data.data() + begin * c.spec.bits / 8);
    EXPECT_EQ(data, expectedData);

    // The one-pass route of the passes.
    LinearQuantizer onePass;
    uint64_t unitBytes = 0;
    ASSERT_TRUE(
        onePass.prepareUnits(mapped, c.spec, c.blocks, params, unitBytes).ok);
    if (unitBytes > 0) {
      std::fill(data.begin(), data.end(), 0xAA);
      EXPECT_TRUE(onePass.quantizeUnits(0, outBytes, data.data()));
      EXPECT_EQ(data, expectedData);
      EXPECT_EQ(params.scale, expected.scale);
      EXPECT_EQ(params.offset, expected.offset);
    }
    unregisterFileMapping(decoy.data());
  }
}

TEST(FileBackedMemory, OtherKernelsReadTheFile) {
  // Large enough for the chunked and parallel paths (over 2^23 elements
  // split the pruning kernels across threads).
  std::vector<int64_t> shape = {2304, 4096};
  int64_t count = numElements(shape);
  std::vector<uint8_t> bytes = halfWeight(count, 41);
  TempFile file(bytes);
  ASSERT_GE(file.fd, 0);
  std::vector<uint8_t> decoy(bytes.size(), 0xFF);
  registerFileMapping(decoy.data(), decoy.size(), file.fd, 0);
  TensorRef heap{bytes.data(), ElemType::Float16, shape};
  TensorRef mapped{decoy.data(), ElemType::Float16, shape};

  SparseParams expected, got;
  ASSERT_TRUE(thresholdPrune(heap, 0.02, 0.0, expected).ok);
  ASSERT_TRUE(thresholdPrune(mapped, 0.02, 0.0, got).ok);
  EXPECT_EQ(got.mask, expected.mask);
  EXPECT_EQ(got.nonzero, expected.nonzero);
  ASSERT_TRUE(magnitudePrune(heap, 0.5, expected).ok);
  ASSERT_TRUE(magnitudePrune(mapped, 0.5, got).ok);
  EXPECT_EQ(got.mask, expected.mask);
  EXPECT_EQ(got.nonzero, expected.nonzero);

  for (PalettizeMode mode : {PalettizeMode::KMeans, PalettizeMode::Uniform})
    for (int64_t groupSize : {0, 16}) {
      PalettizeSpec spec;
      spec.mode = mode;
      spec.nbits = 4;
      spec.groupSize = groupSize;
      PalettizeResult want, have;
      ASSERT_TRUE(palettize(heap, spec, want).ok);
      ASSERT_TRUE(palettize(mapped, spec, have).ok);
      EXPECT_EQ(have.lut, want.lut);
      EXPECT_EQ(have.indices, want.indices);
    }

  ValueCounts counts = countValues(ElemType::Float16, decoy.data(), count);
  ValueCounts heapCounts = countValues(ElemType::Float16, bytes.data(), count);
  EXPECT_EQ(counts.zeros, heapCounts.zeros);
  EXPECT_EQ(counts.distinct, heapCounts.distinct);
  EXPECT_GT(counts.distinct, 1u);

  // The bytes as packed 4-bit indices into a per-tensor LUT.
  std::vector<uint16_t> table(16);
  for (int i = 0; i < 16; ++i)
    table[i] = floatToHalf(static_cast<float>(i));
  std::vector<int64_t> lutShape = {1, 1, 16, 1};
  TensorRef lut{table.data(), ElemType::Float16, lutShape};
  uint64_t indices = bytes.size() * 2;
  std::vector<uint8_t> want(indices * 2), have(indices * 2);
  ASSERT_TRUE(ios18::lutToDensePerTensorPacked(bytes.data(), 4, indices, lut,
                                               want.data(), want.size())
                  .ok);
  ASSERT_TRUE(ios18::lutToDensePerTensorPacked(decoy.data(), 4, indices, lut,
                                               have.data(), have.size())
                  .ok);
  EXPECT_EQ(have, want);
  unregisterFileMapping(decoy.data());
}

} // namespace
