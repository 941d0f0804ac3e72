//===- BlobStorageTest.cpp - weight.bin reader and writer -----------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Format/BlobStorage.h"
#include "mil/Compression/FileBackedMemory.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <vector>

#include <unistd.h>

using namespace llvm;
using namespace mil::format;

namespace {

/// A temporary file path removed at the end of the test.
class TempPath {
public:
  TempPath() {
    SmallString<128> p;
    EXPECT_FALSE(sys::fs::createTemporaryFile("blob", "bin", p));
    path = std::string(p);
  }
  ~TempPath() { sys::fs::remove(path); }
  std::string path;
};

std::vector<uint8_t> readFile(StringRef path) {
  auto buffer = MemoryBuffer::getFile(path);
  EXPECT_TRUE(bool(buffer));
  StringRef data = (*buffer)->getBuffer();
  return std::vector<uint8_t>(data.begin(), data.end());
}

std::string errorText(Error err) { return toString(std::move(err)); }

std::unique_ptr<BlobReader> readerOf(std::vector<uint8_t> bytes) {
  auto reader = BlobReader::create(MemoryBuffer::getMemBufferCopy(
      StringRef(reinterpret_cast<const char *>(bytes.data()), bytes.size()),
      "test.bin"));
  EXPECT_TRUE(bool(reader)) << toString(reader.takeError());
  return std::move(*reader);
}

// formats.md section 4.9: fp16 [1, -2, 0.5] then uint3 [5, 3, 7] -> 258 bytes.
std::vector<uint8_t> writeWorkedExample(StringRef path,
                                        std::vector<uint64_t> &offsets) {
  auto writer = BlobWriter::create(path);
  EXPECT_TRUE(bool(writer));
  const uint8_t fp16[] = {0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38};
  const uint8_t uint3[] = {0xDD, 0x01};
  offsets.push_back(cantFail((*writer)->write(BlobDataType::Float16, 3, fp16)));
  offsets.push_back(cantFail((*writer)->write(BlobDataType::UInt3, 3, uint3)));
  EXPECT_FALSE(bool((*writer)->close()));
  return readFile(path);
}

TEST(BlobStorage, WritesTheWorkedExampleByteForByte) {
  TempPath tmp;
  std::vector<uint64_t> offsets;
  std::vector<uint8_t> bytes = writeWorkedExample(tmp.path, offsets);
  ASSERT_EQ(bytes.size(), 258u);
  EXPECT_EQ(offsets, (std::vector<uint64_t>{64, 192}));
  std::vector<uint8_t> expected(258, 0);
  expected[0] = 2; // count
  expected[4] = 2; // version
  const uint8_t metaA[] = {0xEF, 0xBE, 0xAD, 0xDE, 1, 0, 0, 0,   6,
                           0,    0,    0,    0,    0, 0, 0, 0x80};
  std::copy(std::begin(metaA), std::end(metaA), expected.begin() + 64);
  const uint8_t dataA[] = {0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38};
  std::copy(std::begin(dataA), std::end(dataA), expected.begin() + 128);
  const uint8_t metaB[] = {0xEF, 0xBE, 0xAD, 0xDE, 12,   0, 0, 0, 2, 0, 0, 0, 0,
                           0,    0,    0,    0x00, 0x01, 0, 0, 0, 0, 0, 0, 7};
  std::copy(std::begin(metaB), std::end(metaB), expected.begin() + 192);
  expected[256] = 0xDD;
  expected[257] = 0x01;
  EXPECT_EQ(bytes, expected);
}

TEST(BlobStorage, ReadsWhatItWrote) {
  TempPath tmp;
  std::vector<uint64_t> offsets;
  writeWorkedExample(tmp.path, offsets);
  auto reader = BlobReader::open(tmp.path);
  ASSERT_TRUE(bool(reader)) << toString(reader.takeError());
  EXPECT_EQ((*reader)->getCount(), 2u);
  EXPECT_EQ(cantFail((*reader)->getAllOffsets()), offsets);
  BlobMetadata a = cantFail((*reader)->getMetadata(64));
  EXPECT_EQ(a.getNumElements(), 3u);
  BlobMetadata b = cantFail((*reader)->getMetadata(192));
  EXPECT_EQ(b.dataType, BlobDataType::UInt3);
  EXPECT_EQ(b.paddingBits, 7u);
  EXPECT_EQ(b.getNumElements(), 3u);
  ArrayRef<uint8_t> data =
      cantFail((*reader)->getData(192, BlobDataType::UInt3));
  EXPECT_EQ(data.vec(), (std::vector<uint8_t>{0xDD, 0x01}));
}

TEST(BlobStorage, RejectsMalformedFiles) {
  TempPath tmp;
  std::vector<uint64_t> offsets;
  std::vector<uint8_t> good = writeWorkedExample(tmp.path, offsets);

  {
    auto r = BlobReader::create(MemoryBuffer::getMemBufferCopy("abc", "t.bin"));
    ASSERT_FALSE(bool(r));
    EXPECT_NE(errorText(r.takeError()).find("truncated"), std::string::npos);
  }
  {
    std::vector<uint8_t> bad = good;
    bad[4] = 1;
    auto r = BlobReader::create(MemoryBuffer::getMemBufferCopy(
        StringRef(reinterpret_cast<const char *>(bad.data()), bad.size()),
        "t.bin"));
    ASSERT_FALSE(bool(r));
    EXPECT_NE(errorText(r.takeError()).find("storage version 1"),
              std::string::npos);
  }
  auto expectError = [&](std::vector<uint8_t> bytes, uint64_t offset,
                         StringRef needle) {
    std::unique_ptr<BlobReader> reader = readerOf(std::move(bytes));
    auto md = reader->getMetadata(offset);
    ASSERT_FALSE(bool(md)) << needle.str();
    std::string text = errorText(md.takeError());
    EXPECT_NE(text.find(needle), std::string::npos) << text;
    EXPECT_NE(text.find("test.bin"), std::string::npos) << text;
  };
  {
    std::vector<uint8_t> bad = good;
    bad[64] = 0;
    expectError(bad, 64, "bad sentinel");
  }
  expectError(good, 4096, "outside the file");
  expectError(good, 0, "outside the file");
  {
    std::vector<uint8_t> bad = good;
    bad[68] = 99;
    expectError(bad, 64, "unknown blob data type 99");
  }
  {
    std::vector<uint8_t> bad(good.begin(), good.end() - 1);
    expectError(bad, 192, "runs past the end");
  }
  {
    std::vector<uint8_t> bad = good;
    bad[192 + 24] = 8;
    expectError(bad, 192, "8 bits of padding");
  }
  {
    std::vector<uint8_t> bad = good;
    bad[192 + 24] = 6; // 16 - 6 = 10 bits: not a whole number of uint3s
    expectError(bad, 192, "partial UInt3 element");
  }
  {
    std::vector<uint8_t> bad = good;
    bad[64 + 8] = 5; // 5 bytes of fp16
    expectError(bad, 64, "not a whole number of Float16 elements");
  }
  {
    std::unique_ptr<BlobReader> reader = readerOf(good);
    auto data = reader->getData(64, BlobDataType::Float32);
    ASSERT_FALSE(bool(data));
    EXPECT_NE(errorText(data.takeError())
                  .find("holds Float16 data but the program expects Float32"),
              std::string::npos);
  }
}

TEST(BlobStorage, WriterRejectsSizeMismatch) {
  TempPath tmp;
  auto writer = BlobWriter::create(tmp.path);
  ASSERT_TRUE(bool(writer));
  const uint8_t two[] = {1, 2};
  auto off = (*writer)->write(BlobDataType::Float32, 1, two);
  ASSERT_FALSE(bool(off));
  EXPECT_NE(errorText(off.takeError()).find("needs 4 bytes, got 2"),
            std::string::npos);
  EXPECT_FALSE(bool((*writer)->close()));
}

// A blob copied from a file that holds its bytes (export's path for data in
// the scratch file) is written exactly like one written from memory, with
// the blobs around it in place.
TEST(BlobStorage, CopiesFromAFileSourceByteForByte) {
  std::vector<uint8_t> big(3 * 4096 + 100);
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<uint8_t>(i * 7 + 3);
  const uint8_t small[] = {1, 2, 3, 4};
  auto writeAll = [&](StringRef path,
                      std::optional<BlobWriter::FileSource> source) {
    auto writer = cantFail(BlobWriter::create(path));
    cantFail(writer->write(BlobDataType::UInt8, 4, small));
    cantFail(writer->write(BlobDataType::UInt8, big.size(), big, source));
    cantFail(writer->write(BlobDataType::UInt8, 4, small));
    cantFail(writer->close());
  };
  // The source holds the bytes at an offset that is not page-aligned.
  TempPath source;
  {
    std::error_code ec;
    raw_fd_ostream os(source.path, ec);
    ASSERT_FALSE(ec);
    os.write_zeros(1000);
    os.write(reinterpret_cast<const char *>(big.data()), big.size());
  }
  int fd;
  ASSERT_FALSE(sys::fs::openFileForRead(source.path, fd));
  TempPath copied, written;
  writeAll(copied.path, BlobWriter::FileSource{fd, 1000});
  sys::Process::SafelyCloseFileDescriptor(fd);
  writeAll(written.path, std::nullopt);
  EXPECT_EQ(readFile(copied.path), readFile(written.path));
}

// A weight file opened for reading is registered as file-backed memory:
// the data of its blobs maps to their place in the file, which export
// copies from inside the kernel; nothing is registered once it is closed.
TEST(BlobStorage, OpenedFilesMapBlobsToTheirFileRange) {
  std::vector<uint8_t> big(BlobReader::kPreadThreshold + 4096);
  for (size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<uint8_t>(i * 13 + 5);
  const uint8_t small[] = {1, 2, 3, 4};
  TempPath file;
  uint64_t smallOffset, bigOffset;
  {
    auto writer = cantFail(BlobWriter::create(file.path));
    smallOffset = cantFail(writer->write(BlobDataType::UInt8, 4, small));
    bigOffset = cantFail(writer->write(BlobDataType::UInt8, big.size(), big));
    cantFail(writer->close());
  }
  const void *start;
  {
    auto reader = cantFail(BlobReader::open(file.path));
    BlobMetadata md = cantFail(reader->getMetadata(bigOffset));
    ArrayRef<uint8_t> data = reader->getData(md);
    ASSERT_TRUE(std::equal(data.begin(), data.end(), big.begin()));
    std::optional<mil::compression::FileRange> range =
        mil::compression::findFileRange(data.data(), data.size());
    ASSERT_TRUE(range);
    EXPECT_EQ(range->offset, md.dataOffset);
    std::vector<uint8_t> read(data.size());
    ASSERT_EQ(pread(range->fd, read.data(), read.size(),
                    static_cast<off_t>(range->offset)),
              static_cast<ssize_t>(read.size()));
    EXPECT_EQ(read, big);
    ArrayRef<uint8_t> first =
        reader->getData(cantFail(reader->getMetadata(smallOffset)));
    range = mil::compression::findFileRange(first.data(), first.size());
    ASSERT_TRUE(range);
    EXPECT_EQ(range->offset, smallOffset + 64);
    // Past the end of the mapping is not in it.
    EXPECT_FALSE(
        mil::compression::findFileRange(data.data(), data.size() + 4096 * 4));
    start = reader->getBuffer()->getBufferStart();
  }
  EXPECT_FALSE(mil::compression::isFileBacked(start, 1));
}

} // namespace

// A fuzzer finding: a header whose record count (738M) the file cannot hold,
// with records placed backwards, made getAllOffsets allocate 512 MB and walk
// almost forever. The count is checked against the file size first.
TEST(BlobStorage, RefusesACountTheFileCannotHold) {
  std::string path = std::string(MIL_SOURCE_DIR) +
                     "/test/Fuzz/Inputs/blob-storage-count-too-large.bin";
  llvm::Expected<std::unique_ptr<mil::format::BlobReader>> reader =
      mil::format::BlobReader::open(path);
  ASSERT_TRUE(static_cast<bool>(reader)) << toString(reader.takeError());
  llvm::Expected<std::vector<uint64_t>> offsets = (*reader)->getAllOffsets();
  ASSERT_FALSE(static_cast<bool>(offsets));
  std::string message = llvm::toString(offsets.takeError());
  EXPECT_NE(message.find(path), std::string::npos) << message;
}
