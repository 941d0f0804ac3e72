//===- NamedRegistry.h - thread-safe values registered by name ------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//
//
// Process-wide tables that embedders fill by name (custom LUT functions,
// configs built in memory) and passes read while running on other threads.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_NAMEDREGISTRY_H
#define MIL_PASSES_NAMEDREGISTRY_H

#include "llvm/ADT/StringMap.h"

#include <mutex>
#include <optional>

namespace mil {

template <typename T> class NamedRegistry {
public:
  void set(llvm::StringRef name, T value) {
    std::lock_guard<std::mutex> lock(mutex);
    values.insert_or_assign(name, std::move(value));
  }
  void erase(llvm::StringRef name) {
    std::lock_guard<std::mutex> lock(mutex);
    values.erase(name);
  }
  /// A copy, so the caller may use it while others register or erase.
  std::optional<T> lookup(llvm::StringRef name) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = values.find(name);
    if (it == values.end())
      return std::nullopt;
    return it->second;
  }

private:
  std::mutex mutex;
  llvm::StringMap<T> values;
};

} // namespace mil

#endif // MIL_PASSES_NAMEDREGISTRY_H
