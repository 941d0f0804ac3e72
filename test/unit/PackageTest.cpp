//===- PackageTest.cpp - Manifest.json and .mlpackage opening -------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Format/Package.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace mil::format;

namespace {

std::string fixture(StringRef a, StringRef b) {
  SmallString<256> p(MIL_SOURCE_DIR);
  sys::path::append(p, "..", "shared", "fixtures");
  sys::path::append(p, a, b);
  return std::string(p);
}

const char *kManifest = R"json({
    "fileFormatVersion": "1.0.0",
    "itemInfoEntries": {
        "B-ID": {
            "author": "com.apple.CoreML",
            "description": "CoreML Model Weights",
            "name": "weights",
            "path": "com.apple.CoreML/weights"
        },
        "A-ID": {
            "author": "com.apple.CoreML",
            "description": "CoreML Model Specification",
            "name": "model.mlmodel",
            "path": "com.apple.CoreML/model.mlmodel",
            "futureKey": 3
        }
    },
    "rootModelIdentifier": "A-ID",
    "futureTopLevel": "kept"
}
)json";

std::string errorOf(StringRef text) {
  Expected<Manifest> m = parseManifest(text, "M.json");
  if (m)
    return "";
  return toString(m.takeError());
}

TEST(Manifest, ParsesAndPrintsSortedWithUnknownKeys) {
  Manifest m = cantFail(parseManifest(kManifest, "M.json"));
  ASSERT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].identifier, "A-ID");
  EXPECT_EQ(m.findItem("weights", "com.apple.CoreML")->identifier, "B-ID");
  EXPECT_EQ(m.rootModelIdentifier, "A-ID");
  std::string printed = printManifest(m);
  EXPECT_EQ(printed, R"json({
    "fileFormatVersion": "1.0.0",
    "futureTopLevel": "kept",
    "itemInfoEntries": {
        "A-ID": {
            "author": "com.apple.CoreML",
            "description": "CoreML Model Specification",
            "futureKey": 3,
            "name": "model.mlmodel",
            "path": "com.apple.CoreML/model.mlmodel"
        },
        "B-ID": {
            "author": "com.apple.CoreML",
            "description": "CoreML Model Weights",
            "name": "weights",
            "path": "com.apple.CoreML/weights"
        }
    },
    "rootModelIdentifier": "A-ID"
}
)json");
}

TEST(Manifest, PrintsTheFixtureManifestByteForByte) {
  std::string path = fixture("real", "bisenet-no-weights.mlpackage");
  path += "/Manifest.json";
  auto text = MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(text));
  Manifest m = cantFail(parseManifest((*text)->getBuffer(), path));
  EXPECT_EQ(printManifest(m), (*text)->getBuffer().str());
}

TEST(Manifest, AppliesTheReferenceVersionRule) {
  auto withVersion = [](StringRef v) {
    std::string text = kManifest;
    size_t at = text.find("1.0.0");
    text.replace(at, 5, v.str());
    return errorOf(text);
  };
  for (StringRef ok : {"1.0.0", "0.0.0", "0.1.3"})
    EXPECT_EQ(withVersion(ok), "") << ok.str();
  for (StringRef bad : {"1.0.1", "1.1.0", "2.0.0", "0.0.1", "1.0", "a.b.c"})
    EXPECT_NE(withVersion(bad).find("unsupported fileFormatVersion"),
              std::string::npos)
        << bad.str();
}

TEST(Manifest, RejectsMalformedManifests) {
  EXPECT_NE(errorOf("{").find("manifest 'M.json': is not valid JSON"),
            std::string::npos);
  EXPECT_NE(errorOf("[]").find("must be a JSON object"), std::string::npos);
  EXPECT_NE(errorOf(R"({"itemInfoEntries": {}})").find("fileFormatVersion"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"fileFormatVersion": "1.0.0", "itemInfoEntries": {}})")
                .find("no 'rootModelIdentifier'"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"fileFormatVersion": "1.0.0", "itemInfoEntries": {},
                        "rootModelIdentifier": "X"})")
                .find("'X' is not an entry"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"fileFormatVersion": "1.0.0", "itemInfoEntries":
                        {"X": {"path": "a", "name": "b", "author": "c"}},
                        "rootModelIdentifier": "X"})")
                .find("item 'X' has no string 'description'"),
            std::string::npos);
}

TEST(Manifest, MakesUUIDs) {
  std::string id = makeItemIdentifier();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(id, makeItemIdentifier());
}

TEST(Package, OpensFixturesAndResolvesWeights) {
  std::string dir = fixture(
      "coremltools", "mlp_iOS18_pal_kmeans4-per-grouped-channel16.mlpackage");
  Package pkg = cantFail(openPackage(dir));
  EXPECT_TRUE(StringRef(pkg.rootModelPath)
                  .ends_with("Data/com.apple.CoreML/model.mlmodel"));
  std::string weights =
      cantFail(pkg.resolveFileName("@model_path/weights/weight.bin"));
  EXPECT_TRUE(sys::fs::exists(weights)) << weights;
  Expected<std::string> outside =
      pkg.resolveFileName("@model_path/../../../etc/passwd");
  ASSERT_FALSE(bool(outside));
  EXPECT_NE(toString(outside.takeError()).find("outside the package"),
            std::string::npos);
  EXPECT_FALSE(bool(pkg.resolveFileName("/abs/weight.bin")));

  // A package without its weights still opens: only blobs fail later.
  Package bisenet =
      cantFail(openPackage(fixture("real", "bisenet-no-weights.mlpackage")));
  EXPECT_FALSE(sys::fs::exists(
      cantFail(bisenet.resolveFileName("@model_path/weights/weight.bin"))));
}

TEST(Package, ReportsMissingPieces) {
  Expected<Package> none = openPackage("/nonexistent.mlpackage");
  ASSERT_FALSE(bool(none));
  EXPECT_NE(toString(none.takeError()).find("is not a .mlpackage directory"),
            std::string::npos);

  SmallString<128> dir;
  ASSERT_FALSE(sys::fs::createUniqueDirectory("pkg", dir));
  Expected<Package> noManifest = openPackage(dir);
  ASSERT_FALSE(bool(noManifest));
  EXPECT_NE(toString(noManifest.takeError()).find("no readable Manifest.json"),
            std::string::npos);

  SmallString<128> manifest(dir);
  sys::path::append(manifest, "Manifest.json");
  {
    std::error_code ec;
    raw_fd_ostream os(manifest, ec);
    os << kManifest;
  }
  Expected<Package> noRoot = openPackage(dir);
  ASSERT_FALSE(bool(noRoot));
  EXPECT_NE(toString(noRoot.takeError())
                .find("root model item 'com.apple.CoreML/model.mlmodel' is "
                      "missing"),
            std::string::npos);
  sys::fs::remove_directories(dir);
}

} // namespace
