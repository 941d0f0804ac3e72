//===- DialectTest.cpp - unit tests of the mil dialect's C++ API ----------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/MILTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

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

} // namespace
