//===- Package.h - .mlpackage directories and Manifest.json ----*- C++ -*-===//
//
// Part of mil-mlir. No MLIR. Reads and writes the package container
// (../shared/spec/formats.md section 1): Manifest.json, the root model item
// and the directory `@model_path` stands for.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_FORMAT_PACKAGE_H
#define MIL_FORMAT_PACKAGE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace mil::format {

/// One entry of `itemInfoEntries`.
struct ManifestItem {
  std::string identifier;
  std::string path; ///< `<author>/<name>`, relative to `Data/`.
  std::string name;
  std::string author;
  std::string description;
  /// Keys we do not know, kept for the round trip.
  llvm::json::Object extra;
};

/// A parsed Manifest.json.
struct Manifest {
  std::string fileFormatVersion = "1.0.0";
  std::vector<ManifestItem> items;
  std::string rootModelIdentifier;
  llvm::json::Object extra;

  const ManifestItem *findItem(llvm::StringRef identifier) const;
  const ManifestItem *findItem(llvm::StringRef name,
                               llvm::StringRef author) const;
};

/// Parses and validates Manifest.json text as the reference reader does:
/// version accepted, every item complete, root identifier present and known.
/// `source` names the file in errors.
llvm::Expected<Manifest> parseManifest(llvm::StringRef text,
                                       llvm::StringRef source);

/// Prints a manifest as the reference writer does: keys sorted, 4-space
/// indentation, trailing newline.
std::string printManifest(const Manifest &manifest);

/// A fresh item identifier: a random UUID in upper-case 8-4-4-4-12 form.
std::string makeItemIdentifier();

/// An opened `.mlpackage` directory.
struct Package {
  std::string directory;
  Manifest manifest;
  /// `Data/<root item path>`: the serialized Model.
  std::string rootModelPath;

  /// The directory `@model_path` stands for (the root model's directory).
  std::string getModelPathDirectory() const;
  /// Resolves a BlobFileValue file name (`@model_path/weights/weight.bin`)
  /// to a path on disk; fails for names outside the package.
  llvm::Expected<std::string> resolveFileName(llvm::StringRef fileName) const;
};

/// Opens `directory`: reads and validates Manifest.json and checks that the
/// root model item exists. Other items (the weights directory) are checked
/// when a blob is resolved, so that a program can be read without weights.
llvm::Expected<Package> openPackage(llvm::StringRef directory);

} // namespace mil::format

#endif // MIL_FORMAT_PACKAGE_H
