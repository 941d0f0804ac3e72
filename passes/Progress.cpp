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
