//===- mil-compare-models.cpp - are two Core ML models the same? ----------===//
//
// Part of mil-mlir's tests. Compares two `.mlpackage`s (or `.mlmodel`s):
// their Model messages must be equal as protobuf messages (maps compared as
// maps, so serialization order does not matter) and every weight file must be
// byte-identical. Prints the differences and exits 1 if there are any.
//
//===----------------------------------------------------------------------===//

#include "Model.pb.h"

#include "mil/Format/Package.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <google/protobuf/util/message_differencer.h>

using namespace llvm;

static bool readModel(StringRef path, CoreML::Specification::Model &model,
                      std::string &modelDir) {
  std::string file = path.str();
  if (sys::fs::is_directory(path)) {
    Expected<mil::format::Package> pkg = mil::format::openPackage(path);
    if (!pkg) {
      errs() << toString(pkg.takeError()) << "\n";
      return false;
    }
    file = pkg->rootModelPath;
    modelDir = pkg->getModelPathDirectory();
  }
  auto buffer = MemoryBuffer::getFile(file);
  if (!buffer || !model.ParseFromArray((*buffer)->getBufferStart(),
                                       (*buffer)->getBufferSize())) {
    errs() << "cannot parse '" << file << "'\n";
    return false;
  }
  return true;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    errs() << "usage: mil-compare-models A B\n";
    return 2;
  }
  CoreML::Specification::Model a, b;
  std::string dirA, dirB;
  if (!readModel(argv[1], a, dirA) || !readModel(argv[2], b, dirB))
    return 2;

  bool same = true;
  google::protobuf::util::MessageDifferencer differ;
  std::string report;
  differ.ReportDifferencesToString(&report);
  if (!differ.Compare(a, b)) {
    outs() << "model messages differ:\n" << report;
    same = false;
  }

  if (!dirA.empty() && !dirB.empty()) {
    SmallString<256> weightsA(dirA), weightsB(dirB);
    sys::path::append(weightsA, "weights");
    sys::path::append(weightsB, "weights");
    std::error_code ec;
    for (sys::fs::directory_iterator it(weightsA, ec), end; it != end && !ec;
         it.increment(ec)) {
      SmallString<256> other(weightsB);
      sys::path::append(other, sys::path::filename(it->path()));
      auto fa = MemoryBuffer::getFile(it->path());
      auto fb = MemoryBuffer::getFile(other);
      if (!fa || !fb) {
        outs() << "weight file " << sys::path::filename(it->path())
               << " is missing on one side\n";
        same = false;
        continue;
      }
      if ((*fa)->getBuffer() != (*fb)->getBuffer()) {
        StringRef x = (*fa)->getBuffer(), y = (*fb)->getBuffer();
        size_t at = 0;
        while (at < x.size() && at < y.size() && x[at] == y[at])
          ++at;
        outs() << "weight file " << sys::path::filename(it->path())
               << " differs: sizes " << x.size() << " and " << y.size()
               << ", first difference at byte " << at << "\n";
        same = false;
      }
    }
  }
  if (same)
    outs() << "models are identical\n";
  return same ? 0 : 1;
}
