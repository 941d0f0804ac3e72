//===- Package.cpp - .mlpackage directories and Manifest.json ---*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Format/Package.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <random>

using namespace llvm;
using namespace mil::format;

static Error manifestError(StringRef source, const Twine &message) {
  return createStringError(inconvertibleErrorCode(),
                           "manifest '" + source + "': " + message);
}

const ManifestItem *Manifest::findItem(StringRef identifier) const {
  for (const ManifestItem &item : items)
    if (item.identifier == identifier)
      return &item;
  return nullptr;
}

const ManifestItem *Manifest::findItem(StringRef name, StringRef author) const {
  for (const ManifestItem &item : items)
    if (item.name == name && item.author == author)
      return &item;
  return nullptr;
}

static constexpr StringLiteral kItemKeys[] = {"path", "name", "author",
                                              "description"};

/// The keys of `object` not in `known`, kept so that a rewrite loses nothing.
static json::Object copyUnknownKeys(const json::Object &object,
                                    ArrayRef<StringLiteral> known) {
  json::Object extra;
  for (const auto &[key, value] : object)
    if (!llvm::is_contained(known, StringRef(key)))
      extra[key] = value;
  return extra;
}

/// The reference reader's version rule, quirks included (formats.md 1.2).
static bool isAcceptedVersion(StringRef version) {
  SmallVector<StringRef, 3> parts;
  version.split(parts, '.');
  if (parts.size() != 3)
    return false;
  unsigned long long v[3];
  for (int i = 0; i < 3; ++i)
    if (parts[i].empty() || getAsUnsignedInteger(parts[i], 10, v[i]))
      return false;
  if (v[0] > 1 || (v[0] == 1 && v[1] > 0) || (v[1] == 0 && v[2] > 0))
    return false;
  return true;
}

Expected<Manifest> mil::format::parseManifest(StringRef text,
                                              StringRef source) {
  Expected<json::Value> parsed = json::parse(text);
  if (!parsed)
    return manifestError(source,
                         "is not valid JSON: " + toString(parsed.takeError()));
  json::Object *root = parsed->getAsObject();
  if (!root)
    return manifestError(source, "must be a JSON object");

  Manifest manifest;
  manifest.extra = copyUnknownKeys(
      *root, {"fileFormatVersion", "itemInfoEntries", "rootModelIdentifier"});

  std::optional<StringRef> version = root->getString("fileFormatVersion");
  if (!version)
    return manifestError(source, "has no string 'fileFormatVersion'");
  if (!isAcceptedVersion(*version))
    return manifestError(source, "has unsupported fileFormatVersion '" +
                                     *version + "' (expected 1.0.0)");
  manifest.fileFormatVersion = version->str();

  if (const json::Value *entries = root->get("itemInfoEntries")) {
    const json::Object *obj = entries->getAsObject();
    if (!obj)
      return manifestError(source, "'itemInfoEntries' must be an object");
    for (const auto &[key, value] : *obj) {
      const json::Object *info = value.getAsObject();
      if (!info)
        return manifestError(source,
                             "item '" + StringRef(key) + "' must be an object");
      ManifestItem item;
      item.identifier = key.str();
      item.extra = copyUnknownKeys(*info, kItemKeys);
      std::string *fields[] = {&item.path, &item.name, &item.author,
                               &item.description};
      for (auto [field, out] : llvm::zip(kItemKeys, fields)) {
        std::optional<StringRef> str = info->getString(field);
        if (!str)
          return manifestError(source, "item '" + StringRef(key) +
                                           "' has no string '" + field + "'");
        *out = str->str();
      }
      manifest.items.push_back(std::move(item));
    }
    llvm::sort(manifest.items,
               [](const ManifestItem &a, const ManifestItem &b) {
                 return a.identifier < b.identifier;
               });
  }

  std::optional<StringRef> rootId = root->getString("rootModelIdentifier");
  if (!rootId)
    return manifestError(source, "has no 'rootModelIdentifier' (no root "
                                 "model item)");
  if (!manifest.findItem(*rootId))
    return manifestError(source, "root model identifier '" + *rootId +
                                     "' is not an entry of itemInfoEntries");
  manifest.rootModelIdentifier = rootId->str();
  return manifest;
}

std::string mil::format::printManifest(const Manifest &manifest) {
  json::Object root = manifest.extra;
  root["fileFormatVersion"] = manifest.fileFormatVersion;
  json::Object entries;
  for (const ManifestItem &item : manifest.items) {
    json::Object info = item.extra;
    info["path"] = item.path;
    info["name"] = item.name;
    info["author"] = item.author;
    info["description"] = item.description;
    entries[item.identifier] = std::move(info);
  }
  root["itemInfoEntries"] = std::move(entries);
  root["rootModelIdentifier"] = manifest.rootModelIdentifier;
  std::string text;
  raw_string_ostream os(text);
  // llvm::json prints object keys sorted, as nlohmann::json does.
  os << formatv("{0:4}", json::Value(std::move(root))) << "\n";
  return text;
}

std::string mil::format::makeItemIdentifier() {
  std::random_device device;
  std::mt19937_64 rng((uint64_t(device()) << 32) ^ device());
  uint8_t bytes[16];
  for (uint8_t &b : bytes)
    b = static_cast<uint8_t>(rng());
  bytes[6] = (bytes[6] & 0x0F) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3F) | 0x80; // RFC 4122 variant
  std::string hex = toHex(ArrayRef<uint8_t>(bytes), /*LowerCase=*/false);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
         "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string Package::getModelPathDirectory() const {
  return sys::path::parent_path(rootModelPath).str();
}

Expected<std::string> Package::resolveFileName(StringRef fileName) const {
  constexpr StringLiteral prefix = "@model_path/";
  if (!fileName.starts_with(prefix))
    return createStringError(inconvertibleErrorCode(),
                             "blob file name '%s' does not start with "
                             "'@model_path/'",
                             fileName.str().c_str());
  StringRef rest = fileName.drop_front(prefix.size());
  for (StringRef part :
       llvm::make_range(sys::path::begin(rest), sys::path::end(rest)))
    if (part == "..")
      return createStringError(inconvertibleErrorCode(),
                               "blob file name '%s' points outside the "
                               "package",
                               fileName.str().c_str());
  SmallString<256> path(getModelPathDirectory());
  sys::path::append(path, rest);
  return std::string(path);
}

Expected<Package> mil::format::openPackage(StringRef directory) {
  if (!sys::fs::is_directory(directory))
    return createStringError(inconvertibleErrorCode(),
                             "'%s' is not a .mlpackage directory",
                             directory.str().c_str());
  SmallString<256> manifestPath(directory);
  sys::path::append(manifestPath, "Manifest.json");
  ErrorOr<std::unique_ptr<MemoryBuffer>> text =
      MemoryBuffer::getFile(manifestPath, /*IsText=*/true);
  if (!text)
    return createStringError(
        text.getError(), "package '%s' has no readable Manifest.json: %s",
        directory.str().c_str(), text.getError().message().c_str());
  Expected<Manifest> manifest =
      parseManifest((*text)->getBuffer(), manifestPath);
  if (!manifest)
    return manifest.takeError();

  Package package;
  package.directory = directory.str();
  package.manifest = std::move(*manifest);
  const ManifestItem *root =
      package.manifest.findItem(package.manifest.rootModelIdentifier);
  // The item path comes from the file: it must not lead out of the package.
  for (StringRef part : llvm::make_range(sys::path::begin(root->path),
                                         sys::path::end(root->path)))
    if (part == "..")
      return createStringError(inconvertibleErrorCode(),
                               "manifest '%s': root model item path '%s' "
                               "points outside the package",
                               manifestPath.c_str(), root->path.c_str());
  SmallString<256> rootPath(directory);
  sys::path::append(rootPath, "Data", root->path);
  if (!sys::fs::is_regular_file(rootPath))
    return createStringError(inconvertibleErrorCode(),
                             "package '%s': root model item '%s' is missing "
                             "(no file at %s)",
                             directory.str().c_str(), root->path.c_str(),
                             rootPath.c_str());
  package.rootModelPath = std::string(rootPath);
  return package;
}
