//===- Tensor.cpp - runtime values of the MIL interpreter
//------------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Tensor.h"

#include "mil/Compression/Half.h"
#include "mil/Interpreter/Kernels/Half.h"

#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <cstring>

using namespace mil::interp;
using mil::compression::floatToHalf;
using mil::compression::halfToFloat;

size_t mil::interp::dtypeSize(DType type) {
  switch (type) {
  case DType::Int8:
  case DType::UInt8:
  case DType::Bool:
    return 1;
  case DType::Float16:
  case DType::Int16:
  case DType::UInt16:
    return 2;
  case DType::Float32:
  case DType::Int32:
  case DType::UInt32:
    return 4;
  case DType::Float64:
  case DType::Int64:
  case DType::UInt64:
    return 8;
  case DType::String:
    return 0;
  }
  return 0;
}

llvm::StringRef mil::interp::dtypeName(DType type) {
  switch (type) {
  case DType::Float16:
    return "fp16";
  case DType::Float32:
    return "fp32";
  case DType::Float64:
    return "fp64";
  case DType::Int8:
    return "int8";
  case DType::Int16:
    return "int16";
  case DType::Int32:
    return "int32";
  case DType::Int64:
    return "int64";
  case DType::UInt8:
    return "uint8";
  case DType::UInt16:
    return "uint16";
  case DType::UInt32:
    return "uint32";
  case DType::UInt64:
    return "uint64";
  case DType::Bool:
    return "bool";
  case DType::String:
    return "string";
  }
  return "?";
}

bool mil::interp::parseDTypeName(llvm::StringRef name, DType &type) {
  std::optional<DType> t = llvm::StringSwitch<std::optional<DType>>(name)
                               .Case("fp16", DType::Float16)
                               .Case("fp32", DType::Float32)
                               .Case("fp64", DType::Float64)
                               .Case("int8", DType::Int8)
                               .Case("int16", DType::Int16)
                               .Case("int32", DType::Int32)
                               .Case("int64", DType::Int64)
                               .Case("uint8", DType::UInt8)
                               .Case("uint16", DType::UInt16)
                               .Case("uint32", DType::UInt32)
                               .Case("uint64", DType::UInt64)
                               .Case("bool", DType::Bool)
                               .Case("string", DType::String)
                               .Default(std::nullopt);
  if (!t)
    return false;
  type = *t;
  return true;
}

namespace {
/// Calls `fn(T{})` with the C++ type of numeric dtype `type` (fp16 as
/// uint16_t, which callers special-case).
template <typename Fn> auto dispatch(DType type, Fn &&fn) {
  switch (type) {
  case DType::Float16:
  case DType::UInt16:
    return fn(uint16_t{});
  case DType::Float32:
    return fn(float{});
  case DType::Float64:
    return fn(double{});
  case DType::Int8:
    return fn(int8_t{});
  case DType::Int16:
    return fn(int16_t{});
  case DType::Int32:
    return fn(int32_t{});
  case DType::Int64:
    return fn(int64_t{});
  case DType::UInt8:
  case DType::Bool:
    return fn(uint8_t{});
  case DType::UInt32:
    return fn(uint32_t{});
  case DType::UInt64:
  case DType::String:
    return fn(uint64_t{});
  }
  return fn(uint64_t{});
}

int64_t numElementsOf(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::shared_ptr<uint8_t[]> allocBytes(size_t n) {
  return std::shared_ptr<uint8_t[]>(new uint8_t[n ? n : 1]());
}

/// A tensor whose buffer is not cleared, for callers that write every byte
/// (clearing and faulting in the pages of each op's output cost as much as
/// an elementwise op).
Tensor uninitialized(DType type, llvm::ArrayRef<int64_t> shape) {
  size_t n = numElementsOf(shape) * dtypeSize(type);
  auto bytes = std::shared_ptr<uint8_t[]>(new uint8_t[n ? n : 1]);
  return Tensor::borrow(type, shape, bytes.get(),
                        std::shared_ptr<const void>(bytes, bytes.get()));
}
} // namespace

int64_t Tensor::numElements() const { return numElementsOf(dims); }

Tensor Tensor::zeros(DType type, llvm::ArrayRef<int64_t> shape) {
  Tensor t;
  t.type = type;
  t.hasValue = true;
  t.dims.assign(shape.begin(), shape.end());
  if (type == DType::String) {
    t.stringData = std::make_shared<std::vector<std::string>>(t.numElements());
    return t;
  }
  auto bytes = allocBytes(t.numElements() * dtypeSize(type));
  t.ptr = bytes.get();
  t.owner = std::shared_ptr<const void>(bytes, bytes.get());
  return t;
}

Tensor Tensor::borrow(DType type, llvm::ArrayRef<int64_t> shape,
                      const void *data, std::shared_ptr<const void> owner) {
  Tensor t;
  t.type = type;
  t.hasValue = true;
  t.dims.assign(shape.begin(), shape.end());
  t.ptr = data;
  t.owner = std::move(owner);
  return t;
}

Tensor Tensor::fromFloats(DType type, llvm::ArrayRef<int64_t> shape,
                          std::vector<float> values) {
  if (type == DType::Float32) {
    auto vec = std::make_shared<std::vector<float>>(std::move(values));
    Tensor t;
    t.type = type;
    t.hasValue = true;
    t.dims.assign(shape.begin(), shape.end());
    t.ptr = vec->data();
    t.owner = vec;
    return t;
  }
  if (type == DType::Float16 &&
      static_cast<int64_t>(values.size()) == numElementsOf(shape)) {
    Tensor t = uninitialized(type, shape);
    mil::kernels::floatToHalf(values.data(), t.mutableData<uint16_t>(),
                              t.numElements());
    return t;
  }
  Tensor t = zeros(type, shape);
  int64_t n = std::min<int64_t>(t.numElements(), values.size());
  if (type == DType::Float16) {
    uint16_t *out = t.mutableData<uint16_t>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = floatToHalf(values[i]);
    return t;
  }
  if (type == DType::Bool) {
    uint8_t *out = t.mutableData<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = values[i] != 0.0f;
    return t;
  }
  dispatch(type, [&](auto tag) {
    using T = decltype(tag);
    T *out = t.mutableData<T>();
    for (int64_t i = 0; i < n; ++i) {
      float v = values[i];
      if constexpr (std::is_integral_v<T>) {
        // Saturate like a hardware float->int conversion would not; avoids
        // undefined behaviour on out-of-range values.
        if (!(v == v))
          v = 0;
        double d = std::trunc(static_cast<double>(v));
        d = std::max<double>(
            d, static_cast<double>(std::numeric_limits<T>::min()));
        d = std::min<double>(
            d, static_cast<double>(std::numeric_limits<T>::max()));
        out[i] = static_cast<T>(d);
      } else {
        out[i] = static_cast<T>(v);
      }
    }
    return 0;
  });
  return t;
}

Tensor Tensor::fromDoubles(DType type, llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<double> values) {
  if (type == DType::Float16 || type == DType::Float32) {
    std::vector<float> f(values.begin(), values.end());
    return fromFloats(type, shape, std::move(f));
  }
  Tensor t = zeros(type, shape);
  int64_t n = std::min<int64_t>(t.numElements(), values.size());
  if (type == DType::Bool) {
    uint8_t *out = t.mutableData<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = values[i] != 0.0;
    return t;
  }
  dispatch(type, [&](auto tag) {
    using T = decltype(tag);
    T *out = t.mutableData<T>();
    for (int64_t i = 0; i < n; ++i) {
      double v = values[i];
      if constexpr (std::is_integral_v<T>) {
        if (!(v == v))
          v = 0;
        v = std::trunc(v);
        v = std::max<double>(
            v, static_cast<double>(std::numeric_limits<T>::min()));
        v = std::min<double>(
            v, static_cast<double>(std::numeric_limits<T>::max()));
      }
      out[i] = static_cast<T>(v);
    }
    return 0;
  });
  return t;
}

Tensor Tensor::fromInts(DType type, llvm::ArrayRef<int64_t> shape,
                        llvm::ArrayRef<int64_t> values) {
  Tensor t = zeros(type, shape);
  int64_t n = std::min<int64_t>(t.numElements(), values.size());
  if (type == DType::Float16) {
    uint16_t *out = t.mutableData<uint16_t>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = floatToHalf(static_cast<float>(values[i]));
    return t;
  }
  if (type == DType::Bool) {
    uint8_t *out = t.mutableData<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = values[i] != 0;
    return t;
  }
  dispatch(type, [&](auto tag) {
    using T = decltype(tag);
    T *out = t.mutableData<T>();
    for (int64_t i = 0; i < n; ++i)
      out[i] = static_cast<T>(values[i]);
    return 0;
  });
  return t;
}

Tensor Tensor::fromStrings(llvm::ArrayRef<int64_t> shape,
                           std::vector<std::string> values) {
  Tensor t;
  t.type = DType::String;
  t.hasValue = true;
  t.dims.assign(shape.begin(), shape.end());
  t.stringData = std::make_shared<std::vector<std::string>>(std::move(values));
  t.stringData->resize(t.numElements());
  return t;
}

double Tensor::getDouble(int64_t i) const {
  if (type == DType::Float16)
    return halfToFloat(data<uint16_t>()[i]);
  if (type == DType::String)
    return 0;
  return dispatch(type, [&](auto tag) -> double {
    return static_cast<double>(data<decltype(tag)>()[i]);
  });
}

int64_t Tensor::getInt(int64_t i) const {
  if (isFloat(type)) {
    double d = getDouble(i);
    if (!(d == d))
      return 0;
    d = std::max(std::min(d, 9.2e18), -9.2e18);
    return static_cast<int64_t>(d);
  }
  if (type == DType::String)
    return 0;
  return dispatch(type, [&](auto tag) -> int64_t {
    return static_cast<int64_t>(data<decltype(tag)>()[i]);
  });
}

std::vector<float> Tensor::toFloats() const {
  int64_t n = numElements();
  std::vector<float> out(n);
  if (type == DType::Float16) {
    mil::kernels::halfToFloat(data<uint16_t>(), out.data(), n);
  } else if (type == DType::Float32) {
    if (n)
      std::memcpy(out.data(), ptr, n * 4);
  } else if (type != DType::String) {
    dispatch(type, [&](auto tag) {
      const auto *in = data<decltype(tag)>();
      for (int64_t i = 0; i < n; ++i)
        out[i] = static_cast<float>(in[i]);
      return 0;
    });
  }
  return out;
}

const float *Tensor::floats(std::vector<float> &scratch) const {
  if (type == DType::Float32)
    return data<float>();
  scratch = toFloats();
  return scratch.data();
}

std::vector<int64_t> Tensor::toInts() const {
  int64_t n = numElements();
  std::vector<int64_t> out(n);
  for (int64_t i = 0; i < n; ++i)
    out[i] = getInt(i);
  return out;
}

std::vector<double> Tensor::toDoubles() const {
  int64_t n = numElements();
  std::vector<double> out(n);
  for (int64_t i = 0; i < n; ++i)
    out[i] = getDouble(i);
  return out;
}

Tensor Tensor::castTo(DType to) const {
  if (to == type || isNull())
    return *this;
  if (type == DType::String || to == DType::String)
    return Tensor();
  if (isFloat(type) && to != DType::Float64) {
    if (to == DType::Float32 || to == DType::Float16)
      return fromFloats(to, dims, toFloats());
  }
  if (isFloat(type) || isFloat(to))
    return fromDoubles(to, dims, toDoubles());
  return fromInts(to, dims, toInts());
}

Tensor Tensor::clone() const {
  if (type == DType::String) {
    Tensor t = *this;
    t.stringData = std::make_shared<std::vector<std::string>>(*stringData);
    return t;
  }
  Tensor t = uninitialized(type, dims);
  if (numBytes())
    std::memcpy(t.mutableData<uint8_t>(), ptr, numBytes());
  return t;
}

Tensor Tensor::reshaped(llvm::ArrayRef<int64_t> shape) const {
  Tensor t = *this;
  t.dims.assign(shape.begin(), shape.end());
  return t;
}

llvm::SmallVector<int64_t, 4>
mil::interp::stridesOf(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t, 4> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

std::string mil::interp::shapeToString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}
