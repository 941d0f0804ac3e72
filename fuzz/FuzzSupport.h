//===- FuzzSupport.h - What the fuzz targets share --------------*- C++ -*-===//
//
// Part of mil-mlir. A scratch directory per fuzzing process, the package
// container the package-based targets read, and a tool's entry point run
// with an argv. Failures of the harness itself (a scratch file that cannot
// be written) abort: they are not findings in the code under test, but
// they must not pass silently either.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_FUZZ_FUZZSUPPORT_H
#define MIL_FUZZ_FUZZSUPPORT_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace milfuzz {

inline void writeOrDie(llvm::StringRef path, llvm::StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    llvm::errs() << "cannot write " << path << ": " << ec.message() << "\n";
    abort();
  }
  os << bytes;
}

/// This process's scratch directory, removed at exit. Memory-backed
/// /dev/shm is preferred: every input is written to disk.
inline const std::string &scratchDir() {
  // Never destroyed: the atexit cleanup runs after static destructors.
  static const std::string *dir = [] {
    llvm::SmallString<128> root;
    llvm::StringRef base =
        llvm::sys::fs::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    llvm::sys::path::append(root, base, "mil-fuzz-%%%%%%");
    if (llvm::sys::fs::createUniqueDirectory(root, root))
      abort();
    auto *path = new std::string(root);
    std::atexit([] { llvm::sys::fs::remove_directories(scratchDir()); });
    return path;
  }();
  return *dir;
}

/// Writes a package from one buffer:
///
///   [u32 LE n][n bytes: model.mlmodel][the rest: weights/weight.bin]
///
/// An input shorter than 4 bytes, or whose n is too large, is all model and
/// no weight file. The manifest is fixed.
inline void writePackage(llvm::StringRef package, llvm::StringRef input) {
  std::string data = (package + "/Data/com.apple.CoreML").str();
  if (llvm::sys::fs::create_directories(data + "/weights"))
    abort();
  writeOrDie(package.str() + "/Manifest.json", R"({
    "fileFormatVersion": "1.0.0",
    "itemInfoEntries": {
        "A": {"author": "com.apple.CoreML", "description": "m",
              "name": "model.mlmodel", "path": "com.apple.CoreML/model.mlmodel"},
        "B": {"author": "com.apple.CoreML", "description": "w",
              "name": "weights", "path": "com.apple.CoreML/weights"}
    },
    "rootModelIdentifier": "A"
})");
  llvm::StringRef model = input, weights;
  bool hasWeights = false;
  if (input.size() >= 4) {
    uint32_t n = llvm::support::endian::read32le(input.data());
    if (n <= input.size() - 4) {
      model = input.substr(4, n);
      weights = input.substr(4 + n);
      hasWeights = true;
    }
  }
  writeOrDie(data + "/model.mlmodel", model);
  if (hasWeights)
    writeOrDie(data + "/weights/weight.bin", weights);
  else
    llvm::sys::fs::remove(data + "/weights/weight.bin");
}

/// Runs a tool's entry point (mil/Tools/Mil*Main.h) on `args` (the tool's
/// name first), after resetting its llvm::cl options to their defaults.
inline int runTool(int (*toolMain)(int, char **),
                   std::vector<std::string> args) {
  llvm::cl::ResetAllOptionOccurrences();
  std::vector<char *> argv;
  for (std::string &arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  return toolMain(static_cast<int>(args.size()), argv.data());
}

/// Checks a tool's exit code: any code is an answer (a signal is what the
/// fuzzer looks for), but one outside the tool's documented codes is a bug.
inline void checkExitCode(llvm::StringRef tool, int code, int maxCode) {
  if (code < 0 || code > maxCode) {
    llvm::errs() << tool << " returned " << code << "\n";
    abort();
  }
}

} // namespace milfuzz

#endif // MIL_FUZZ_FUZZSUPPORT_H
