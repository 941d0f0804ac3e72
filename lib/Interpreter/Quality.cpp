//===- Quality.cpp - output-level quality of a transformed program
//---------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/Quality.h"

#include "mil/Dialect/MILDialect.h"
#include "mil/Interpreter/Compare.h"
#include "mil/Interpreter/ModelRunner.h"

#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/Support/Format.h"

#include <cmath>
#include <limits>
#include <random>

using namespace mlir;
using namespace mil::interp;

namespace {

/// The model description's entry for input `name` (null if none).
DictionaryAttr describedInput(ModuleOp module, StringRef name) {
  auto model =
      module->getAttrOfType<DictionaryAttr>(mil::MILDialect::kModelAttr);
  auto desc =
      model ? model.getAs<DictionaryAttr>("description") : DictionaryAttr();
  auto inputs = desc ? desc.getAs<ArrayAttr>("input") : ArrayAttr();
  if (!inputs)
    return {};
  for (Attribute a : inputs) {
    auto d = dyn_cast<DictionaryAttr>(a);
    auto n = d ? d.getAs<StringAttr>("name") : StringAttr();
    if (n && n.getValue() == name)
      return d;
  }
  return {};
}

} // namespace

FailureOr<NamedTensors> mil::interp::makeRandomInputs(
    ModuleOp module, ArrayRef<InputInfo> declared, uint64_t seed,
    const std::map<std::string, std::vector<int64_t>> &shapes) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal;
  std::uniform_int_distribution<int> pixel(0, 255), small(0, 7);
  NamedTensors inputs;
  for (const InputInfo &info : declared) {
    if (info.isState)
      continue;
    DictionaryAttr desc = describedInput(module, info.name);
    auto type = desc ? desc.getAs<DictionaryAttr>("type") : DictionaryAttr();
    bool image = type && type.get("imageType");
    std::vector<int64_t> dflt;
    auto array =
        type ? type.getAs<DictionaryAttr>("multiArrayType") : DictionaryAttr();
    if (auto dims = array ? array.getAs<ArrayAttr>("shape") : ArrayAttr())
      for (Attribute d : dims)
        if (auto i = dyn_cast<IntegerAttr>(d))
          dflt.push_back(i.getValue().getSExtValue());
    std::vector<int64_t> shape = info.shape;
    if (auto it = shapes.find(info.name); it != shapes.end()) {
      if (it->second.size() != shape.size())
        return module.emitError()
               << "--shape of '" << info.name << "' has " << it->second.size()
               << " dimensions, the input has " << shape.size();
      shape = it->second;
    }
    for (size_t d = 0; d < shape.size(); ++d)
      if (shape[d] < 0)
        shape[d] = dflt.size() == shape.size() && dflt[d] > 0 ? dflt[d] : 1;
    // The default sizes come from the model description: bound the product
    // before it can overflow.
    const int64_t maxElements = int64_t(1) << 30;
    int64_t n = 1;
    for (int64_t d : shape) {
      if (d > 0 && n > maxElements / d)
        return module.emitError()
               << "input '" << info.name << "' is too large (more than 2^30 "
               << "elements)";
      n *= d;
    }
    if (isFloat(info.dtype)) {
      std::vector<float> v(n);
      for (float &e : v)
        e = image ? static_cast<float>(pixel(rng)) : normal(rng);
      inputs.emplace_back(
          info.name, Tensor::fromFloats(DType::Float32, shape, std::move(v)));
    } else {
      std::vector<int64_t> v(n);
      for (int64_t &e : v)
        e = info.dtype == DType::Bool ? (small(rng) & 1) : small(rng);
      inputs.emplace_back(info.name, Tensor::fromInts(info.dtype, shape, v));
    }
  }
  return inputs;
}

llvm::Expected<NamedTensors>
mil::interp::readInputFile(ArrayRef<InputInfo> inputs, StringRef path) {
  auto read = readNpz(path);
  if (!read)
    return read.takeError();
  const InputInfo *only = nullptr;
  unsigned count = 0;
  for (const InputInfo &info : inputs)
    if (!info.isState && count++ == 0)
      only = &info;
  if (count == 1 && read->size() == 1)
    read->front().first = only->name;
  return std::move(*read);
}

FailureOr<std::vector<NamedTensors>>
mil::interp::runOnInputSets(ModuleOp module, ArrayRef<NamedTensors> inputSets) {
  auto runner = ModelRunner::create(module);
  if (failed(runner))
    return failure();
  std::vector<NamedTensors> results;
  for (const NamedTensors &inputs : inputSets) {
    StateMap states;
    auto outputs = (*runner)->run(inputs, states);
    if (failed(outputs))
      return failure();
    results.push_back(std::move(*outputs));
  }
  return results;
}

std::vector<OutputQuality>
mil::interp::measureQuality(ArrayRef<NamedTensors> reference,
                            ArrayRef<NamedTensors> outputs) {
  std::vector<OutputQuality> quality;
  if (reference.empty())
    return quality;
  double inf = std::numeric_limits<double>::infinity();
  for (size_t o = 0; o < reference[0].size(); ++o) {
    OutputQuality q;
    q.name = reference[0][o].first;
    // Sums over every set, so that the SNR is that of the concatenation.
    double signal = 0, noise = 0, peak = 0, maxAbs = 0, count = 0;
    bool broken = false;
    for (size_t s = 0; s < reference.size() && s < outputs.size(); ++s) {
      if (o >= reference[s].size() || o >= outputs[s].size())
        continue;
      const Tensor &ref = reference[s][o].second;
      const Tensor &out = outputs[s][o].second;
      ErrorStats e = compareTensors(ref, out);
      if (!e.comparable || !std::isfinite(e.maxAbsError)) {
        broken = true;
        continue;
      }
      for (int64_t i = 0, n = ref.numElements(); i < n; ++i) {
        double r = ref.getDouble(i), d = out.getDouble(i) - r;
        if (!std::isfinite(r))
          continue;
        signal += r * r;
        noise += d * d;
        peak = std::max(peak, std::fabs(r));
        count += 1;
      }
      maxAbs = std::max(maxAbs, e.maxAbsError);
    }
    if (broken) {
      q.snr = q.psnr = -inf;
      q.maxAbsError = inf;
    } else if (noise == 0) {
      q.snr = q.psnr = inf;
    } else {
      q.snr = signal == 0 ? -inf : 10 * std::log10(signal / noise);
      q.psnr =
          peak == 0 ? -inf : 20 * std::log10(peak / std::sqrt(noise / count));
      q.maxAbsError = maxAbs;
    }
    quality.push_back(q);
  }
  return quality;
}

FailureOr<std::vector<OutputQuality>>
mil::interp::compareOutputs(ModuleOp reference, ModuleOp candidate,
                            ArrayRef<NamedTensors> inputSets) {
  auto ref = runOnInputSets(reference, inputSets);
  if (failed(ref))
    return failure();
  auto out = runOnInputSets(candidate, inputSets);
  if (failed(out))
    return failure();
  return measureQuality(*ref, *out);
}

FailureOr<std::vector<NamedTensors>>
mil::interp::makeEvalInputs(ModuleOp module, const EvalOptions &options) {
  std::vector<NamedTensors> sets;
  if (options.files.empty() && !options.randomSets)
    return sets;
  auto runner = ModelRunner::create(module);
  if (failed(runner))
    return failure();
  for (const std::string &file : options.files) {
    auto read = readInputFile((*runner)->getInputs(), file);
    if (!read)
      return module.emitError() << llvm::toString(read.takeError());
    sets.push_back(std::move(*read));
  }
  if (options.randomSets) {
    for (unsigned i = 0; i < options.randomSets; ++i) {
      auto inputs =
          makeRandomInputs(module, (*runner)->getInputs(), options.seed + i);
      if (failed(inputs))
        return failure();
      sets.push_back(std::move(*inputs));
    }
  }
  return sets;
}

void mil::interp::printQuality(ArrayRef<OutputQuality> quality,
                               unsigned numSets, llvm::raw_ostream &os) {
  os << "output quality over " << numSets << " input set"
     << (numSets == 1 ? "" : "s") << " (compressed vs original):\n";
  for (const OutputQuality &q : quality)
    os << llvm::format("  %-24s snr %8.2f dB  psnr %8.2f dB  max-abs-error "
                       "%.4g\n",
                       q.name.c_str(), q.snr, q.psnr, q.maxAbsError);
}

llvm::json::Array mil::interp::qualityToJSON(ArrayRef<OutputQuality> quality) {
  auto number = [](double v) -> llvm::json::Value {
    if (std::isfinite(v))
      return v;
    return nullptr;
  };
  llvm::json::Array rows;
  for (const OutputQuality &q : quality)
    rows.push_back(
        llvm::json::Object{{"name", q.name},
                           {"snr_db", number(q.snr)},
                           {"psnr_db", number(q.psnr)},
                           {"max_abs_error", number(q.maxAbsError)}});
  return rows;
}
