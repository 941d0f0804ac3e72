//===- ConfigRegistry.h - in-memory configs for the passes ------*- C++ -*-===//
//
// Part of mil-mlir. The compression passes read an OptimizationConfig from
// their `config` option, a file path. An embedding toolchain that builds its
// configs in memory (the Python package, whose configs can hold callables as
// custom LUT functions) registers one under a name and passes that name as
// `config`: a registered name is found before the file system is asked.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_CONFIGREGISTRY_H
#define MIL_PASSES_CONFIGREGISTRY_H

#include "mil/Pipeline/CompressionConfig.h"

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mil {

/// Registers `config` under `name` (replacing an earlier one); thread-safe.
void registerOptimizationConfig(llvm::StringRef name,
                                pipeline::OptimizationConfig config);

/// Forgets the config registered under `name`, if any.
void unregisterOptimizationConfig(llvm::StringRef name);

/// The config registered under `name`, if any.
std::optional<pipeline::OptimizationConfig>
lookupOptimizationConfig(llvm::StringRef name);

} // namespace mil

#endif // MIL_PASSES_CONFIGREGISTRY_H
