//===- Progress.h - per-weight progress of the compression passes -*- C++ -*-=//
//
// Part of mil-mlir. A driver (mil-compress) learns how far the compression
// passes are by a callback that the passes call once per weight they have
// processed, from whichever thread did the work, with the weight's bytes.
// A second callback tells it what the passes did with each weight (compressed
// it, or why not) and what they did to the program, so that a driver can
// explain a run that compressed nothing.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_PROGRESS_H
#define MIL_PASSES_PROGRESS_H

#include <cstdint>
#include <functional>
#include <string>

namespace mil {

/// Installs `callback` (empty to remove it); it must be thread-safe.
void setWeightProgressCallback(std::function<void(uint64_t bytes)> callback);

/// Called by the passes when a weight of `bytes` bytes is done.
void reportWeightProgress(uint64_t bytes);

/// What a compression pass did.
struct CompressionEvent {
  enum class Kind {
    Compressed, ///< `weight` of `function` was compressed.
    Skipped,    ///< `weight` of `function` was left as it is, for `message`.
    Program,    ///< A change to the program (`message`), e.g. a raised opset.
  };
  Kind kind;
  std::string pass;     ///< coremltools' name: "palettize_weights", ...
  std::string function; ///< The function (empty for Program events).
  std::string weight;   ///< The const's MIL name (empty for Program events).
  std::string message;
};

/// Installs `callback` (empty to remove it); it must be thread-safe.
void setCompressionEventCallback(
    std::function<void(const CompressionEvent &)> callback);

/// True when a compression event callback is installed (the passes build
/// their messages only then).
bool hasCompressionEventCallback();

/// Called by the passes (from the thread that runs the pass).
void reportCompressionEvent(const CompressionEvent &event);

} // namespace mil

#endif // MIL_PASSES_PROGRESS_H
