//===- LutFunctions.h - custom palettization LUT functions ------*- C++ -*-===//
//
// Part of mil-mlir. coremltools' `OpPalettizerConfig(mode="custom",
// lut_function=...)` takes a Python callable; an embedding toolchain
// registers a C++ function under a name instead, and configs (pass options,
// YAML files) refer to it by that name.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_LUTFUNCTIONS_H
#define MIL_PASSES_LUTFUNCTIONS_H

#include "mil/Compression/Palettize.h"

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mil {

/// Registers `fn` under `name` (replacing an earlier one); thread-safe.
void registerLutFunction(llvm::StringRef name, compression::LutFunction fn);

/// Forgets the function registered under `name`, if any.
void unregisterLutFunction(llvm::StringRef name);

/// The function registered under `name`, if any.
std::optional<compression::LutFunction> lookupLutFunction(llvm::StringRef name);

} // namespace mil

#endif // MIL_PASSES_LUTFUNCTIONS_H
