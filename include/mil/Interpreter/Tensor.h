//===- Tensor.h - runtime values of the MIL interpreter ---------*- C++ -*-===//
//
// Part of mil-mlir. No MLIR: the interpreter's tensors are plain dense
// row-major buffers, shared by reference counting so that consts can point
// into memory-mapped weight blobs and values can be passed on without a copy.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_TENSOR_H
#define MIL_INTERPRETER_TENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mil::interp {

/// Storage types of runtime tensors. Sub-byte MIL types (int4, uint1..uint6)
/// are unpacked into Int8/UInt8; fp8 and bf16 are widened to Float32.
enum class DType : uint8_t {
  Float16,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Bool,
  String,
};

/// Bytes per element (0 for String).
size_t dtypeSize(DType type);
/// The MIL name ("fp16", "int32", "bool", ...).
llvm::StringRef dtypeName(DType type);
/// The dtype of MIL name `name`, if any.
bool parseDTypeName(llvm::StringRef name, DType &type);
inline bool isFloat(DType t) {
  return t == DType::Float16 || t == DType::Float32 || t == DType::Float64;
}
inline bool isInteger(DType t) { return !isFloat(t) && t != DType::String; }

/// A dense tensor. Copies share the buffer: a tensor is immutable once it
/// has been handed on; only a freshly allocated one is written through
/// `mutableData`.
class Tensor {
public:
  Tensor() = default;

  /// A new zero-filled tensor.
  static Tensor zeros(DType type, llvm::ArrayRef<int64_t> shape);
  /// A view of `data` (not copied); `owner` keeps it alive.
  static Tensor borrow(DType type, llvm::ArrayRef<int64_t> shape,
                       const void *data, std::shared_ptr<const void> owner);
  /// A tensor of `type` (any numeric dtype) holding `values`, converted
  /// (fp16 rounded to nearest even); Float32 adopts the buffer.
  static Tensor fromFloats(DType type, llvm::ArrayRef<int64_t> shape,
                           std::vector<float> values);
  /// A tensor of `type` holding `values`, converted (floats exactly when
  /// representable, integers wrapped, bools != 0).
  static Tensor fromInts(DType type, llvm::ArrayRef<int64_t> shape,
                         llvm::ArrayRef<int64_t> values);
  static Tensor fromDoubles(DType type, llvm::ArrayRef<int64_t> shape,
                            llvm::ArrayRef<double> values);
  static Tensor fromStrings(llvm::ArrayRef<int64_t> shape,
                            std::vector<std::string> values);
  static Tensor scalarInt(DType type, int64_t v) {
    return fromInts(type, {}, {v});
  }

  bool isNull() const { return !hasValue; }
  DType dtype() const { return type; }
  llvm::ArrayRef<int64_t> shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t numElements() const;
  size_t numBytes() const { return numElements() * dtypeSize(type); }

  const void *raw() const { return ptr; }
  template <typename T> const T *data() const {
    return static_cast<const T *>(ptr);
  }
  /// Writable storage; only for tensors this code allocated and has not
  /// shared yet.
  template <typename T> T *mutableData() {
    return static_cast<T *>(const_cast<void *>(ptr));
  }
  const std::vector<std::string> &strings() const { return *stringData; }

  /// Element `i` converted.
  double getDouble(int64_t i) const;
  int64_t getInt(int64_t i) const;

  /// All elements as float (fp16 widened exactly; integers converted).
  std::vector<float> toFloats() const;
  /// The elements as floats without a copy when the tensor is Float32.
  const float *floats(std::vector<float> &scratch) const;
  std::vector<int64_t> toInts() const;
  std::vector<double> toDoubles() const;

  /// This tensor converted to `type` (shares the buffer when equal).
  Tensor castTo(DType type) const;
  /// A copy with its own buffer, which may then be written.
  Tensor clone() const;
  /// The same buffer under another shape with as many elements.
  Tensor reshaped(llvm::ArrayRef<int64_t> shape) const;

private:
  DType type = DType::Float32;
  bool hasValue = false;
  llvm::SmallVector<int64_t, 4> dims;
  const void *ptr = nullptr;
  std::shared_ptr<const void> owner;
  std::shared_ptr<std::vector<std::string>> stringData;
};

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t, 4> stridesOf(llvm::ArrayRef<int64_t> shape);

/// "[1, 3, 64, 64]".
std::string shapeToString(llvm::ArrayRef<int64_t> shape);

} // namespace mil::interp

#endif // MIL_INTERPRETER_TENSOR_H
