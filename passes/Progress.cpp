//===- Progress.cpp - per-weight progress of the compression passes -------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Passes/Progress.h"

#include <mutex>

namespace {
std::mutex mutex;
std::function<void(uint64_t)> &callback() {
  static std::function<void(uint64_t)> installed;
  return installed;
}
std::function<void(const mil::CompressionEvent &)> &eventCallback() {
  static std::function<void(const mil::CompressionEvent &)> installed;
  return installed;
}
} // namespace

void mil::setWeightProgressCallback(std::function<void(uint64_t)> fn) {
  std::lock_guard<std::mutex> lock(mutex);
  callback() = std::move(fn);
}

void mil::reportWeightProgress(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex);
  if (callback())
    callback()(bytes);
}

void mil::setCompressionEventCallback(
    std::function<void(const CompressionEvent &)> fn) {
  std::lock_guard<std::mutex> lock(mutex);
  eventCallback() = std::move(fn);
}

bool mil::hasCompressionEventCallback() {
  std::lock_guard<std::mutex> lock(mutex);
  return static_cast<bool>(eventCallback());
}

void mil::reportCompressionEvent(const CompressionEvent &event) {
  std::lock_guard<std::mutex> lock(mutex);
  if (eventCallback())
    eventCallback()(event);
}
