//===- Calibration.cpp - activation ranges by the interpreter -------------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Calibration.h"

#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Quality.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace mil::interp;

namespace {

/// The finite min/max of `n` values; false when none is finite.
template <typename T>
bool finiteRange(const T *data, int64_t n, double &lo, double &hi) {
  bool any = false;
  for (int64_t i = 0; i < n; ++i) {
    double v = static_cast<double>(data[i]);
    if (!std::isfinite(v))
      continue;
    lo = any ? std::min(lo, v) : v;
    hi = any ? std::max(hi, v) : v;
    any = true;
  }
  return any;
}

/// The finite min/max of float tensor `t` (fp16 widened exactly).
bool finiteRange(const Tensor &t, double &lo, double &hi) {
  if (t.dtype() == DType::Float64)
    return finiteRange(t.data<double>(), t.numElements(), lo, hi);
  std::vector<float> scratch;
  return finiteRange(t.floats(scratch), t.numElements(), lo, hi);
}

} // namespace

std::string mil::interp::getTensorName(Value v) {
  if (auto result = dyn_cast<OpResult>(v))
    return mil::getMILResultName(result);
  auto arg = cast<BlockArgument>(v);
  if (auto fn =
          dyn_cast_or_null<mil::FunctionOp>(arg.getOwner()->getParentOp()))
    return fn.getInputName(arg.getArgNumber()).str();
  return {};
}

FailureOr<ActivationStats>
mil::interp::calibrateActivations(ModuleOp module,
                                  ArrayRef<std::string> sampleFiles) {
  auto interp = Interpreter::create(module);
  if (failed(interp))
    return failure();
  // Keyed by value while running; names are looked up once per value.
  llvm::DenseMap<Value, ActivationRange> ranges;
  (*interp)->setObserver([&](Value v, const Tensor &t) {
    if (!isFloat(t.dtype()) || v.getDefiningOp<ConstOp>())
      return;
    double lo, hi;
    if (!finiteRange(t, lo, hi))
      return;
    auto [it, inserted] = ranges.try_emplace(v, ActivationRange{lo, hi});
    if (!inserted) {
      it->second.rmin = std::min(it->second.rmin, lo);
      it->second.rmax = std::max(it->second.rmax, hi);
    }
  });
  for (const std::string &file : sampleFiles) {
    llvm::Expected<NamedTensors> sample =
        readInputFile((*interp)->getInputs(), file);
    if (!sample)
      return module.emitError() << llvm::toString(sample.takeError());
    StateMap states;
    if (failed((*interp)->run(*sample, states)))
      return module.emitError() << "calibration failed on sample " << file;
  }
  ActivationStats stats;
  for (const auto &[value, range] : ranges) {
    std::string name = getTensorName(value);
    if (name.empty())
      continue;
    // Values of one name (a var redefined in several blocks) share a range.
    auto [it, inserted] = stats.try_emplace(name, range);
    if (!inserted) {
      it->second.rmin = std::min(it->second.rmin, range.rmin);
      it->second.rmax = std::max(it->second.rmax, range.rmax);
    }
  }
  return stats;
}

llvm::Expected<ActivationStats>
mil::interp::readActivationStats(llvm::StringRef path) {
  auto fail = [&](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " + message);
  };
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return fail("cannot read activation stats: " + buffer.getError().message());
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return fail(llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  if (!root)
    return fail("expected an object {tensor name: {\"rmin\": r, \"rmax\": "
                "r}}");
  ActivationStats stats;
  for (const auto &[key, value] : *root) {
    const llvm::json::Object *entry = value.getAsObject();
    std::optional<double> rmin =
        entry ? entry->getNumber("rmin") : std::nullopt;
    std::optional<double> rmax =
        entry ? entry->getNumber("rmax") : std::nullopt;
    if (!rmin || !rmax)
      return fail("the entry of tensor '" + key.str() +
                  "' needs numbers \"rmin\" and \"rmax\"");
    stats[key.str()] = {*rmin, *rmax};
  }
  return stats;
}

llvm::Error mil::interp::writeActivationStats(llvm::StringRef path,
                                              const ActivationStats &stats) {
  llvm::json::Object root;
  for (const auto &[name, range] : stats)
    root[name] = llvm::json::Object{{"rmin", range.rmin}, {"rmax", range.rmax}};
  llvm::Error e = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    return llvm::Error::success();
  });
  if (e)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot write activation stats '" + path +
                                       "': " + llvm::toString(std::move(e)));
  return llvm::Error::success();
}
