//===- ProtoSchemaTest.cpp - our .proto schema reads coremltools' files ---===//
//
// Part of mil-mlir. Every fixture model parses with our schema and
// re-serializes to an equal message; fields we do not declare (other model
// kinds) survive as unknown fields.
//
//===----------------------------------------------------------------------===//

#include "Model.pb.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/util/message_differencer.h>

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace llvm;
using CoreML::Specification::Model;

namespace {

std::string fixturesDir() {
  SmallString<256> dir(MIL_SOURCE_DIR);
  sys::path::append(dir, "..", "shared", "fixtures");
  return std::string(dir);
}

std::vector<std::string> fixtureModels() {
  std::vector<std::string> models;
  std::error_code ec;
  SmallString<256> root(fixturesDir());
  sys::path::append(root, "coremltools");
  for (sys::fs::directory_iterator it(root, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (!StringRef(it->path()).ends_with(".mlpackage"))
      continue;
    SmallString<256> model(it->path());
    sys::path::append(model, "Data", "com.apple.CoreML", "model.mlmodel");
    if (sys::fs::exists(model))
      models.push_back(std::string(model));
  }
  return models;
}

bool parseFile(StringRef path, Model &model) {
  auto buffer = MemoryBuffer::getFile(path);
  if (!buffer)
    return false;
  return model.ParseFromArray((*buffer)->getBufferStart(),
                              (*buffer)->getBufferSize());
}

TEST(ProtoSchema, EveryFixtureRoundTrips) {
  std::vector<std::string> models = fixtureModels();
  if (models.empty())
    GTEST_SKIP() << "no fixtures at " << fixturesDir();
  for (const std::string &path : models) {
    Model model;
    ASSERT_TRUE(parseFile(path, model)) << path;
    EXPECT_TRUE(model.has_mlprogram()) << path;
    EXPECT_EQ(model.mlprogram().version(), 1) << path;
    // Nothing of an ML program file is outside our schema.
    EXPECT_TRUE(model.GetReflection()->GetUnknownFields(model).empty()) << path;
    std::string bytes;
    ASSERT_TRUE(model.SerializeToString(&bytes));
    Model again;
    ASSERT_TRUE(again.ParseFromString(bytes));
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(model, again))
        << path;
  }
}

TEST(ProtoSchema, KeepsOtherModelKindsAsUnknownFields) {
  SmallString<256> path(fixturesDir());
  sys::path::append(path, "real", "neuralnetwork-image2image.mlmodel");
  if (!sys::fs::exists(path))
    GTEST_SKIP() << "missing " << path.str().str();
  Model model;
  ASSERT_TRUE(parseFile(path, model));
  EXPECT_FALSE(model.has_mlprogram());
  EXPECT_EQ(model.Type_case(), Model::TYPE_NOT_SET);
  EXPECT_FALSE(model.GetReflection()->GetUnknownFields(model).empty());
  std::string original;
  {
    auto buffer = MemoryBuffer::getFile(path);
    original = (*buffer)->getBuffer().str();
  }
  std::string bytes;
  ASSERT_TRUE(model.SerializeToString(&bytes));
  EXPECT_EQ(bytes.size(), original.size());
}

} // namespace
