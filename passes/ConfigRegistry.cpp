//===- ConfigRegistry.cpp - in-memory configs for the passes --------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Passes/ConfigRegistry.h"

#include "NamedRegistry.h"

using namespace mil;

static NamedRegistry<pipeline::OptimizationConfig> &configs() {
  static NamedRegistry<pipeline::OptimizationConfig> registry;
  return registry;
}

void mil::registerOptimizationConfig(llvm::StringRef name,
                                     pipeline::OptimizationConfig config) {
  configs().set(name, std::move(config));
}

void mil::unregisterOptimizationConfig(llvm::StringRef name) {
  configs().erase(name);
}

std::optional<pipeline::OptimizationConfig>
mil::lookupOptimizationConfig(llvm::StringRef name) {
  return configs().lookup(name);
}
