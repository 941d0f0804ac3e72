//===- BitPackingTest.cpp - sub-byte packing against the spec's table -----===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"

#include "gtest/gtest.h"

#include <vector>

using namespace mil::compression;

namespace {

struct PackCase {
  unsigned bits;
  std::vector<uint8_t> values;
  std::vector<uint8_t> packed;
  unsigned padding;
};

// formats.md section 4.6, "Packing examples".
const PackCase kCases[] = {
    {4, {0xF8 /*-8*/, 7, 1}, {0x78, 0x01}, 4},
    {4, {1, 2}, {0x21}, 0},
    {2, {0, 1, 2, 3, 3}, {0xE4, 0x03}, 6},
    {1, {1, 0, 1, 1, 0, 0, 0, 0, 1}, {0x0D, 0x01}, 7},
    {3, {5, 3, 7}, {0xDD, 0x01}, 7},
    {6, {63, 1}, {0x7F, 0x00}, 4},
};

TEST(BitPacking, PacksLikeTheReference) {
  for (const PackCase &c : kCases) {
    std::vector<uint8_t> out(packedSizeInBytes(c.values.size(), c.bits));
    packBits(c.values.data(), c.values.size(), c.bits, out.data());
    EXPECT_EQ(out, c.packed) << "bits=" << c.bits;
    EXPECT_EQ(packedPaddingBits(c.values.size(), c.bits), c.padding);
  }
}

TEST(BitPacking, UnpacksLikeTheReference) {
  for (const PackCase &c : kCases) {
    std::vector<uint8_t> out(c.values.size());
    unpackBits(c.packed.data(), c.values.size(), c.bits, out.data());
    std::vector<uint8_t> expected = c.values;
    for (uint8_t &v : expected)
      v &= (1u << c.bits) - 1;
    EXPECT_EQ(out, expected) << "bits=" << c.bits;
  }
}

TEST(BitPacking, SignExtendsInt4) {
  const uint8_t packed[] = {0x78, 0x01};
  int8_t out[3];
  unpackSignedBits(packed, 3, 4, out);
  EXPECT_EQ(out[0], -8);
  EXPECT_EQ(out[1], 7);
  EXPECT_EQ(out[2], 1);
}

TEST(BitPacking, SignExtendsEveryValueOfEveryWidth) {
  for (unsigned bits : {1u, 2u, 3u, 4u, 6u, 8u}) {
    std::vector<uint8_t> values(1u << bits);
    for (size_t v = 0; v < values.size(); ++v)
      values[v] = static_cast<uint8_t>(v);
    std::vector<uint8_t> packed(packedSizeInBytes(values.size(), bits));
    packBits(values.data(), values.size(), bits, packed.data());
    std::vector<int8_t> out(values.size());
    unpackSignedBits(packed.data(), values.size(), bits, out.data());
    for (int v = 0; v < static_cast<int>(values.size()); ++v)
      EXPECT_EQ(out[v], v < (1 << (bits - 1)) ? v : v - (1 << bits))
          << "bits=" << bits << " v=" << v;
  }
}

TEST(BitPacking, RoundTripsEveryWidth) {
  for (unsigned bits : {1u, 2u, 3u, 4u, 6u, 8u}) {
    std::vector<uint8_t> values(1001);
    for (size_t i = 0; i < values.size(); ++i)
      values[i] = static_cast<uint8_t>((i * 37 + 11) & ((1u << bits) - 1));
    std::vector<uint8_t> packed(packedSizeInBytes(values.size(), bits));
    packBits(values.data(), values.size(), bits, packed.data());
    std::vector<uint8_t> back(values.size());
    unpackBits(packed.data(), values.size(), bits, back.data());
    EXPECT_EQ(back, values) << "bits=" << bits;
  }
}

} // namespace

// The whole-byte fast paths (1, 2, 4 bits) and the bit-by-bit tail agree
// with packing written out bit by bit, for every width and every tail
// length, and unpacking inverts them.
TEST(BitPacking, FastPathsMatchBitByBit) {
  uint32_t rng = 12345;
  for (unsigned bits : {1u, 2u, 3u, 4u, 6u}) {
    for (uint64_t count = 0; count < 70; ++count) {
      std::vector<uint8_t> values(count);
      for (uint8_t &v : values) {
        rng = rng * 1664525u + 1013904223u;
        v = static_cast<uint8_t>(rng >> 24) & ((1u << bits) - 1);
      }
      std::vector<uint8_t> expected(
          mil::compression::packedSizeInBytes(count, bits), 0);
      for (uint64_t i = 0; i < count; ++i)
        for (unsigned k = 0; k < bits; ++k)
          if (values[i] >> k & 1)
            expected[(i * bits + k) / 8] |= 1u << ((i * bits + k) % 8);
      std::vector<uint8_t> packed(expected.size(), 0xAA);
      mil::compression::packBits(values.data(), count, bits, packed.data());
      ASSERT_EQ(packed, expected) << bits << " bits, " << count;
      std::vector<uint8_t> back(count);
      mil::compression::unpackBits(packed.data(), count, bits, back.data());
      ASSERT_EQ(back, values) << bits << " bits, " << count;
    }
  }
}
