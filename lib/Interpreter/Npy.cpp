//===- Npy.cpp - NumPy .npy and .npz files
//---------------------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Npy.h"

#include "llvm/Support/CRC.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mil::interp;
using llvm::createStringError;
using llvm::StringRef;

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return createStringError(llvm::inconvertibleErrorCode(), message);
}

uint64_t readLE(const uint8_t *p, unsigned bytes) {
  uint64_t v = 0;
  for (unsigned i = 0; i < bytes; ++i)
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

void writeLE(std::string &out, uint64_t v, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

/// The value of key `key` in the header dict ("{'descr': '<f4', ...}").
std::optional<StringRef> dictValue(StringRef header, StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t at = header.find(quoted);
  if (at == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(at + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  if (rest.starts_with("'")) {
    size_t end = rest.find('\'', 1);
    if (end == StringRef::npos)
      return std::nullopt;
    return rest.slice(1, end);
  }
  if (rest.starts_with("(")) {
    size_t end = rest.find(')');
    if (end == StringRef::npos)
      return std::nullopt;
    return rest.slice(1, end);
  }
  size_t end = rest.find_first_of(",}");
  return rest.take_front(end).trim();
}

bool descrToDType(StringRef descr, DType &type) {
  if (descr.size() < 2)
    return false;
  char order = descr[0];
  StringRef kind = descr.drop_front();
  bool single = kind == "b1" || kind == "i1" || kind == "u1";
  if (!(order == '<' || order == '|' || (order == '=' && !single)) &&
      !(single && (order == '<' || order == '>')))
    return false;
  static const std::pair<const char *, DType> table[] = {
      {"f2", DType::Float16}, {"f4", DType::Float32}, {"f8", DType::Float64},
      {"i1", DType::Int8},    {"i2", DType::Int16},   {"i4", DType::Int32},
      {"i8", DType::Int64},   {"u1", DType::UInt8},   {"u2", DType::UInt16},
      {"u4", DType::UInt32},  {"u8", DType::UInt64},  {"b1", DType::Bool}};
  for (const auto &[name, t] : table)
    if (kind == name) {
      type = t;
      return true;
    }
  return false;
}

const char *dtypeToDescr(DType type) {
  switch (type) {
  case DType::Float16:
    return "<f2";
  case DType::Float32:
    return "<f4";
  case DType::Float64:
    return "<f8";
  case DType::Int8:
    return "|i1";
  case DType::Int16:
    return "<i2";
  case DType::Int32:
    return "<i4";
  case DType::Int64:
    return "<i8";
  case DType::UInt8:
    return "|u1";
  case DType::UInt16:
    return "<u2";
  case DType::UInt32:
    return "<u4";
  case DType::UInt64:
    return "<u8";
  case DType::Bool:
    return "|b1";
  case DType::String:
    return nullptr;
  }
  return nullptr;
}

} // namespace

llvm::Expected<Tensor> mil::interp::parseNpy(StringRef bytes, StringRef what) {
  const auto *p = reinterpret_cast<const uint8_t *>(bytes.data());
  if (bytes.size() < 10 || !bytes.starts_with("\x93NUMPY"))
    return fail(what + ": not a .npy array (bad magic)");
  unsigned major = p[6];
  if (major < 1 || major > 3)
    return fail(what + ": unsupported .npy version " + llvm::Twine(major));
  unsigned lenBytes = major == 1 ? 2 : 4;
  size_t headerStart = 8 + lenBytes;
  if (bytes.size() < headerStart)
    return fail(what + ": truncated .npy header");
  uint64_t headerLen = readLE(p + 8, lenBytes);
  if (headerLen > bytes.size() - headerStart)
    return fail(what + ": truncated .npy header");
  StringRef header = bytes.substr(headerStart, headerLen);
  std::optional<StringRef> descr = dictValue(header, "descr");
  std::optional<StringRef> fortran = dictValue(header, "fortran_order");
  std::optional<StringRef> shapeText = dictValue(header, "shape");
  if (!descr || !fortran || !shapeText)
    return fail(what + ": malformed .npy header '" + header.trim() + "'");
  DType type;
  if (!descrToDType(*descr, type))
    return fail(what + ": unsupported .npy dtype '" + *descr +
                "' (little-endian bool, int, uint and float only)");
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<StringRef> parts;
  shapeText->split(parts, ',', -1, /*KeepEmpty=*/false);
  uint64_t count = 1;
  for (StringRef part : parts) {
    part = part.trim();
    if (part.empty())
      continue;
    uint64_t dim;
    if (part.getAsInteger(10, dim) || dim > (1ull << 40))
      return fail(what + ": bad .npy shape '(" + *shapeText + ")'");
    shape.push_back(static_cast<int64_t>(dim));
    count *= dim;
    if (count > (1ull << 40))
      return fail(what + ": .npy shape too large");
  }
  bool isFortran = fortran->trim() == "True";
  if (isFortran && shape.size() > 1)
    return fail(what + ": Fortran-ordered .npy arrays are not supported");
  uint64_t dataBytes = count * dtypeSize(type);
  StringRef payload = bytes.drop_front(headerStart + headerLen);
  if (payload.size() < dataBytes)
    return fail(what + ": .npy data holds " + llvm::Twine(payload.size()) +
                " bytes, shape " + shapeToString(shape) + " needs " +
                llvm::Twine(dataBytes));
  Tensor t = Tensor::zeros(type, shape);
  if (dataBytes)
    std::memcpy(t.mutableData<uint8_t>(), payload.data(), dataBytes);
  if (type == DType::Bool) {
    uint8_t *b = t.mutableData<uint8_t>();
    for (uint64_t i = 0; i < count; ++i)
      b[i] = b[i] != 0;
  }
  return t;
}

llvm::Expected<std::string> mil::interp::serializeNpy(const Tensor &tensor) {
  const char *descr = dtypeToDescr(tensor.dtype());
  if (!descr)
    return fail("cannot write a tensor of " + dtypeName(tensor.dtype()) +
                " to .npy");
  std::string dict = "{'descr': '" + std::string(descr) +
                     "', 'fortran_order': False, 'shape': (";
  for (int64_t d : tensor.shape())
    dict += std::to_string(d) + ", ";
  if (tensor.rank() > 1)
    dict.resize(dict.size() - 1);
  else if (tensor.rank() == 1)
    dict.resize(dict.size() - 2), dict += ",";
  dict += "), }";
  // Pad so that the data starts on a 64-byte boundary, as numpy does.
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';
  std::string out = "\x93NUMPY";
  out.push_back(1);
  out.push_back(0);
  writeLE(out, dict.size(), 2);
  out += dict;
  out.append(static_cast<const char *>(tensor.raw()), tensor.numBytes());
  return out;
}

llvm::Expected<Tensor> mil::interp::readNpy(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read '" + path + "': " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

llvm::Expected<NamedTensors> mil::interp::readNpz(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read '" + path + "': " + buffer.getError().message());
  StringRef file = (*buffer)->getBuffer();
  const auto *base = reinterpret_cast<const uint8_t *>(file.data());
  size_t size = file.size();
  if (file.starts_with("\x93NUMPY")) {
    // A bare .npy: one array named after the file.
    llvm::Expected<Tensor> t = parseNpy(file, path);
    if (!t)
      return t.takeError();
    NamedTensors one;
    one.emplace_back(llvm::sys::path::stem(path).str(), std::move(*t));
    return one;
  }
  // End of central directory: signature 0x06054b50, within the last 64 KiB.
  if (size < 22)
    return fail("'" + path + "' is not a .npz (zip) file");
  size_t eocd = std::string::npos;
  for (size_t i = size - 22 + 1; i-- > 0 && size - i <= 22 + 65535;) {
    if (readLE(base + i, 4) == 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos)
    return fail("'" + path + "' is not a .npz (zip) file");
  uint64_t entries = readLE(base + eocd + 10, 2);
  uint64_t cdSize = readLE(base + eocd + 12, 4);
  uint64_t cdOffset = readLE(base + eocd + 16, 4);
  if (cdOffset == 0xFFFFFFFF || entries == 0xFFFF) {
    // Zip64 end of central directory locator just before.
    if (eocd < 20 || readLE(base + eocd - 20, 4) != 0x07064b50)
      return fail("'" + path + "': missing zip64 directory locator");
    uint64_t z64 = readLE(base + eocd - 20 + 8, 8);
    if (z64 > size - 56 || readLE(base + z64, 4) != 0x06064b50)
      return fail("'" + path + "': bad zip64 directory record");
    entries = readLE(base + z64 + 32, 8);
    cdSize = readLE(base + z64 + 40, 8);
    cdOffset = readLE(base + z64 + 48, 8);
  }
  if (cdOffset > size || cdSize > size - cdOffset)
    return fail("'" + path + "': central directory out of bounds");
  NamedTensors result;
  uint64_t at = cdOffset;
  for (uint64_t e = 0; e < entries; ++e) {
    if (at + 46 > cdOffset + cdSize || readLE(base + at, 4) != 0x02014b50)
      return fail("'" + path + "': bad central directory entry " +
                  llvm::Twine(e));
    unsigned method = readLE(base + at + 10, 2);
    uint64_t compSize = readLE(base + at + 20, 4);
    uint64_t rawSize = readLE(base + at + 24, 4);
    unsigned nameLen = readLE(base + at + 28, 2);
    unsigned extraLen = readLE(base + at + 30, 2);
    unsigned commentLen = readLE(base + at + 32, 2);
    uint64_t localOffset = readLE(base + at + 42, 4);
    if (at + 46 + nameLen + extraLen + commentLen > cdOffset + cdSize)
      return fail("'" + path + "': bad central directory entry " +
                  llvm::Twine(e));
    StringRef name = file.substr(at + 46, nameLen);
    // Zip64 extra field: the 0xFFFFFFFF fields, in order.
    const uint8_t *extra = base + at + 46 + nameLen;
    for (unsigned x = 0; x + 4 <= extraLen;) {
      unsigned id = readLE(extra + x, 2), len = readLE(extra + x + 2, 2);
      if (x + 4 + len > extraLen)
        break;
      if (id == 1) {
        unsigned k = 0;
        auto next = [&](uint64_t &field) {
          if (field == 0xFFFFFFFF && k + 8 <= len) {
            field = readLE(extra + x + 4 + k, 8);
            k += 8;
          }
        };
        next(rawSize);
        next(compSize);
        next(localOffset);
      }
      x += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;
    if (method != 0)
      return fail("'" + path + "': entry '" + name +
                  "' is compressed (method " + llvm::Twine(method) +
                  "); only stored entries are supported (np.savez, not "
                  "np.savez_compressed)");
    if (localOffset > size - 30 || readLE(base + localOffset, 4) != 0x04034b50)
      return fail("'" + path + "': bad local header of '" + name + "'");
    uint64_t dataStart = localOffset + 30 + readLE(base + localOffset + 26, 2) +
                         readLE(base + localOffset + 28, 2);
    if (dataStart > size || compSize > size - dataStart)
      return fail("'" + path + "': entry '" + name + "' out of bounds");
    std::string what = (path + ":" + name).str();
    llvm::Expected<Tensor> t = parseNpy(file.substr(dataStart, compSize), what);
    if (!t)
      return t.takeError();
    StringRef key = name;
    key.consume_back(".npy");
    result.emplace_back(key.str(), std::move(*t));
  }
  return result;
}

llvm::Error mil::interp::writeNpz(StringRef path, const NamedTensors &arrays) {
  std::string out, directory;
  for (const auto &[name, tensor] : arrays) {
    llvm::Expected<std::string> npy = serializeNpy(tensor);
    if (!npy)
      return npy.takeError();
    std::string entry = name + ".npy";
    uint32_t crc = llvm::crc32(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(npy->data()), npy->size()));
    if (out.size() >= 0xFFFFFFFFull || npy->size() >= 0xFFFFFFFFull)
      return fail("'" + path + "': arrays over 4 GiB are not supported");
    uint64_t offset = out.size();
    // Local header.
    writeLE(out, 0x04034b50, 4);
    writeLE(out, 20, 2);   // version needed
    writeLE(out, 0, 2);    // flags
    writeLE(out, 0, 2);    // stored
    writeLE(out, 0, 2);    // time
    writeLE(out, 0x21, 2); // date 1980-01-01
    writeLE(out, crc, 4);
    writeLE(out, npy->size(), 4);
    writeLE(out, npy->size(), 4);
    writeLE(out, entry.size(), 2);
    writeLE(out, 0, 2);
    out += entry;
    out += *npy;
    // Central directory entry.
    writeLE(directory, 0x02014b50, 4);
    writeLE(directory, 20, 2);
    writeLE(directory, 20, 2);
    writeLE(directory, 0, 2);
    writeLE(directory, 0, 2);
    writeLE(directory, 0, 2);
    writeLE(directory, 0x21, 2);
    writeLE(directory, crc, 4);
    writeLE(directory, npy->size(), 4);
    writeLE(directory, npy->size(), 4);
    writeLE(directory, entry.size(), 2);
    writeLE(directory, 0, 2); // extra
    writeLE(directory, 0, 2); // comment
    writeLE(directory, 0, 2); // disk
    writeLE(directory, 0, 2); // internal attrs
    writeLE(directory, 0, 4); // external attrs
    writeLE(directory, offset, 4);
    directory += entry;
  }
  uint64_t cdOffset = out.size();
  out += directory;
  writeLE(out, 0x06054b50, 4);
  writeLE(out, 0, 2);
  writeLE(out, 0, 2);
  writeLE(out, arrays.size(), 2);
  writeLE(out, arrays.size(), 2);
  writeLE(out, directory.size(), 4);
  writeLE(out, cdOffset, 4);
  writeLE(out, 0, 2);

  llvm::SmallString<256> temp;
  int fd;
  llvm::SmallString<256> model(path);
  model += ".tmp-%%%%%%";
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, temp))
    return fail("cannot write '" + path + "': " + ec.message());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << out;
    os.close();
    if (os.has_error()) {
      llvm::sys::fs::remove(temp);
      return fail("cannot write '" + path + "': " + os.error().message());
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(temp, path)) {
    llvm::sys::fs::remove(temp);
    return fail("cannot write '" + path + "': " + ec.message());
  }
  return llvm::Error::success();
}
