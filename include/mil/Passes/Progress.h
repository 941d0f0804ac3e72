//===- Progress.h - per-weight progress of the compression passes -*- C++ -*-=//
//
// Part of mil-mlir. A driver (mil-compress) learns how far the compression
// passes are by a callback that the passes call once per weight they have
// processed, from whichever thread did the work, with the weight's bytes.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_PROGRESS_H
#define MIL_PASSES_PROGRESS_H

#include <cstdint>
#include <functional>

namespace mil {

/// Installs `callback` (empty to remove it); it must be thread-safe.
void setWeightProgressCallback(std::function<void(uint64_t bytes)> callback);

/// Called by the passes when a weight of `bytes` bytes is done.
void reportWeightProgress(uint64_t bytes);

} // namespace mil

#endif // MIL_PASSES_PROGRESS_H
