//===- ConfigRegistry.cpp - in-memory configs for the passes --------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Passes/ConfigRegistry.h"

#include "llvm/ADT/StringMap.h"

#include <mutex>

using namespace mil;

namespace {
struct Registry {
  std::mutex mutex;
  llvm::StringMap<pipeline::OptimizationConfig> configs;
};
Registry &registry() {
  static Registry r;
  return r;
}
} // namespace

void mil::registerOptimizationConfig(llvm::StringRef name,
                                     pipeline::OptimizationConfig config) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().configs.insert_or_assign(name, std::move(config));
}

void mil::unregisterOptimizationConfig(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  registry().configs.erase(name);
}

std::optional<pipeline::OptimizationConfig>
mil::lookupOptimizationConfig(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(registry().mutex);
  auto it = registry().configs.find(name);
  if (it == registry().configs.end())
    return std::nullopt;
  return it->second;
}
