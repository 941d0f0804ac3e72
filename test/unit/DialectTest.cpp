//===- DialectTest.cpp - unit tests of the mil dialect's C++ API ----------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/BitPacking.h"
#include "mil/Compression/ConstexprIOS18.h"
#include "mil/Compression/FileBackedMemory.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/MILTypes.h"
#include "mil/Dialect/TensorData.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <random>

#include <unistd.h>

using namespace mlir;
using namespace mil;

namespace {

class MILDialectTest : public ::testing::Test {
protected:
  MILDialectTest() { ctx.loadDialect<MILDialect>(); }
  MLIRContext ctx;
};

TEST_F(MILDialectTest, DTypeTableRoundTrips) {
  const char *names[] = {"bool",      "string", "fp16",   "fp32",   "fp64",
                         "bf16",      "int4",   "int8",   "int16",  "int32",
                         "int64",     "uint1",  "uint2",  "uint3",  "uint4",
                         "uint6",     "uint8",  "uint16", "uint32", "uint64",
                         "fp8e4m3fn", "fp8e5m2"};
  for (const char *name : names) {
    Type type = getElementTypeForMILDType(&ctx, name);
    ASSERT_TRUE(type) << name;
    EXPECT_EQ(getMILDTypeName(type), name);
    EXPECT_TRUE(isMILElementType(type));
  }
  EXPECT_FALSE(getElementTypeForMILDType(&ctx, "int3"));
  // int8 is signless i8; uint8 is ui8; bool is i1.
  Builder b(&ctx);
  EXPECT_EQ(getMILDTypeName(b.getI8Type()), "int8");
  EXPECT_EQ(getMILDTypeName(b.getIntegerType(8, /*isSigned=*/false)), "uint8");
  EXPECT_EQ(getMILDTypeName(b.getI1Type()), "bool");
  EXPECT_EQ(getMILDTypeName(b.getIntegerType(8, /*isSigned=*/true)), "");
  EXPECT_EQ(getMILElementBitWidth(getElementTypeForMILDType(&ctx, "uint3")),
            3u);
}

TEST_F(MILDialectTest, BuildsAndVerifiesAFunction) {
  OpBuilder b(&ctx);
  auto module = ModuleOp::create(b.getUnknownLoc());
  b.setInsertionPointToEnd(module.getBody());
  auto tensor = RankedTensorType::get({2}, b.getF16Type());
  auto fn =
      b.create<FunctionOp>(b.getUnknownLoc(), "main",
                           b.getFunctionType({tensor}, {tensor}), "CoreML8");
  fn.setInputNamesAttr(b.getStrArrayAttr({"x"}));
  Block *body = b.createBlock(&fn.getBody(), {}, {tensor}, {b.getUnknownLoc()});
  b.setInsertionPointToEnd(body);
  b.create<ReturnOp>(b.getUnknownLoc(), body->getArgument(0));
  EXPECT_TRUE(succeeded(verify(module)));
  EXPECT_EQ(fn.getInputName(0), "x");
  fn.setOpset("CoreML4");
  EXPECT_TRUE(failed(verify(module)));
  module->erase();
}

TEST_F(MILDialectTest, GenericOpGroupsInputsByName) {
  const char *src = R"mlir(
    mil.function @main(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32>
        attributes {opset = "CoreML7"} {
      %0 = mil.generic "my_op" x(%a) values(%a, %b) {name = "y"}
          : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      mil.return %0 : tensor<2xf32>
    }
  )mlir";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(src, &ctx);
  ASSERT_TRUE(module);
  GenericOp op;
  module->walk([&](GenericOp g) { op = g; });
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getInput("x").size(), 1u);
  EXPECT_EQ(op.getInput("values").size(), 2u);
  EXPECT_EQ(op.getInput("missing").size(), 0u);
  EXPECT_EQ(getMILOpName(op), "y");
}

} // namespace

namespace {

TEST_F(MILDialectTest, RecordsMILInputTables) {
  auto *dialect = ctx.getLoadedDialect<MILDialect>();
  std::optional<ArrayRef<MILInputInfo>> conv =
      dialect->getMILInputTable("mil.conv");
  ASSERT_TRUE(conv);
  ASSERT_EQ(conv->size(), 8u);
  EXPECT_STREQ((*conv)[0].name, "x");
  EXPECT_EQ((*conv)[0].kind, MILInputKind::Required);
  EXPECT_STREQ((*conv)[2].name, "bias");
  EXPECT_EQ((*conv)[2].kind, MILInputKind::Optional);
  EXPECT_STREQ((*conv)[7].name, "groups");
  EXPECT_FALSE(dialect->getMILInputTable("mil.const"));
  EXPECT_FALSE(dialect->getMILInputTable("mil.no_such_op"));
}

// Large int4 data is decompressed a slab of rows at a time (never unpacked
// whole); the values are those of the kernel on the whole unpacked tensor.
TEST_F(MILDialectTest, BlockwiseShiftScaleOfLargeInt4DataInSlabs) {
  const char *source = R"mlir(
    mil.function @main() -> tensor<4096x1040xf16> attributes {opset = "CoreML8"} {
      %d = mil.const dense<0> : tensor<4096x1040xi4> {inline}
      %s = mil.const dense<1.0> : tensor<128x65xf16> {inline}
      %o = mil.const dense<0> : tensor<128x65xi4> {inline}
      %w = mil.constexpr_blockwise_shift_scale data(%d) scale(%s) offset(%o) {name = "w"} : (tensor<4096x1040xi4>, tensor<128x65xf16>, tensor<128x65xi4>) -> tensor<4096x1040xf16>
      mil.return %w : tensor<4096x1040xf16>
    })mlir";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  ASSERT_TRUE(module);
  SmallVector<ConstOp> consts;
  Operation *shiftScale = nullptr;
  module->walk([&](Operation *op) {
    if (auto cst = dyn_cast<ConstOp>(op))
      consts.push_back(cst);
    else if (isConstexprOp(op))
      shiftScale = op;
  });
  ASSERT_EQ(consts.size(), 3u);
  ASSERT_TRUE(shiftScale);

  // Random data, scales and offsets, packed as weight.bin holds them.
  std::mt19937 rng(7);
  const int64_t count = 4096 * 1040, params = 128 * 65;
  std::vector<int8_t> data(count), offset(params);
  for (int8_t &v : data)
    v = static_cast<int8_t>(rng() % 16) - 8;
  for (int8_t &v : offset)
    v = static_cast<int8_t>(rng() % 16) - 8;
  std::vector<uint16_t> scale(params);
  for (uint16_t &v : scale)
    v = static_cast<uint16_t>(0x2000 + rng() % 0x1000); // Small positive.
  auto packed = [](const std::vector<int8_t> &values) {
    std::vector<uint8_t> bytes(
        compression::packedSizeInBytes(values.size(), 4));
    compression::packBits(reinterpret_cast<const uint8_t *>(values.data()),
                          values.size(), 4, bytes.data());
    return bytes;
  };
  auto setValue = [](ConstOp op, StringRef name, ArrayRef<uint8_t> bytes) {
    op->setAttr("val",
                makeResourceFromPackedBytes(
                    cast<ShapedType>(op.getResult().getType()), name, bytes));
  };
  setValue(consts[0], "d", packed(data));
  setValue(consts[1], "s",
           ArrayRef<uint8_t>(reinterpret_cast<uint8_t *>(scale.data()),
                             scale.size() * 2));
  setValue(consts[2], "o", packed(offset));

  auto valueOf = [](Value v) -> ElementsAttr {
    auto cst = v.getDefiningOp<ConstOp>();
    return cst ? dyn_cast<ElementsAttr>(cst.getVal()) : ElementsAttr();
  };
  FailureOr<SmallVector<ElementsAttr>> results =
      evaluateConstexpr(shiftScale, valueOf, "w");
  ASSERT_TRUE(succeeded(results));
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> got =
      getPackedBytes((*results)[0], storage, shiftScale->getLoc());
  ASSERT_TRUE(succeeded(got));

  int64_t dataShape[] = {4096, 1040}, paramShape[] = {128, 65};
  compression::TensorRef rd{data.data(), compression::ElemType::Int8, dataShape,
                            4};
  compression::TensorRef rs{scale.data(), compression::ElemType::Float16,
                            paramShape};
  compression::TensorRef ro{offset.data(), compression::ElemType::Int8,
                            paramShape, 4};
  std::vector<uint8_t> expected(count * 2);
  ASSERT_TRUE(compression::ios18::blockwiseShiftScale(
                  rd, rs, &ro, expected.data(), expected.size())
                  .ok);
  ASSERT_EQ(got->size(), expected.size());
  EXPECT_TRUE(std::equal(got->begin(), got->end(), expected.begin()));
}

// Values made in pieces from 1 MiB on live in the scratch file, and their
// mapping is registered as file-backed memory: readers pread them and export
// copies them from the file; freeing the value forgets the registration.
TEST_F(MILDialectTest, PieceValuesAreReadFromTheScratchFile) {
  const size_t size = (size_t(3) << 20) + 1000, piece = size_t(1) << 18;
  auto expected = [](size_t i) { return static_cast<uint8_t>(i * 7 + 3); };
  auto type = RankedTensorType::get({static_cast<int64_t>(size)},
                                    IntegerType::get(&ctx, 8));
  FailureOr<ElementsAttr> attr = makeResourceInPieces(
      type, "pieces", size, piece, [&](size_t offset, uint8_t *out, size_t n) {
        for (size_t i = 0; i < n; ++i)
          out[i] = expected(offset + i);
        return true;
      });
  ASSERT_TRUE(succeeded(attr));
  std::vector<uint8_t> storage;
  FailureOr<ArrayRef<uint8_t>> bytes =
      getPackedBytes(*attr, storage, UnknownLoc::get(&ctx));
  ASSERT_TRUE(succeeded(bytes));
  ASSERT_EQ(bytes->size(), size);
  std::optional<compression::FileRange> range =
      compression::findFileRange(bytes->data(), bytes->size());
  ASSERT_TRUE(range);
  std::vector<uint8_t> read(size);
  ASSERT_EQ(
      pread(range->fd, read.data(), size, static_cast<off_t>(range->offset)),
      static_cast<ssize_t>(size));
  for (size_t i = 0; i < size; ++i)
    ASSERT_EQ(read[i], expected(i)) << "at " << i;
  // A part of the value lies at the same distance into the file.
  std::optional<compression::FileRange> part =
      compression::findFileRange(bytes->data() + 12345, 100);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->offset, range->offset + 12345);
  uint8_t buffer[100];
  const auto *got = static_cast<const uint8_t *>(
      compression::readBytes(bytes->data() + 12345, 100, buffer));
  EXPECT_EQ(got, buffer);
  for (size_t i = 0; i < 100; ++i)
    EXPECT_EQ(got[i], expected(12345 + i));
  const void *data = bytes->data();
  releaseResourceData(*attr);
  EXPECT_FALSE(compression::isFileBacked(data, 1));
}

} // namespace
