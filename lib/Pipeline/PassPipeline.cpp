//===- PassPipeline.cpp - named pass pipelines like ct.PassPipeline -------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Pipeline/PassPipeline.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace mil::pipeline;
using llvm::StringRef;

namespace {

/// Our passes and their coremltools names.
struct PassName {
  const char *ours;
  const char *coremltools;
};

constexpr PassName kPasses[] = {
    {"mil-palettize-weights", "compression::palettize_weights"},
    {"mil-linear-quantize-weights", "compression::linear_quantize_weights"},
    {"mil-prune-weights", "compression::prune_weights"},
    {"mil-linear-quantize-activations",
     "compression::linear_quantize_activations"},
    {"mil-decompress-weights", "compression::WeightDecompressor"},
    // coremltools' _apply_graph_pass loads a program at iOS16 or later.
    {"mil-raise-opset", ""},
    // ... and keeps none of its attributes.
    {"mil-strip-build-info", ""},
    {"mil-dead-code-elimination", "common::dead_code_elimination"},
    {"mil-const-elimination", "common::const_elimination"},
    {"mil-const-deduplication", "common::const_deduplication"},
    {"mil-nullify-redundant-quantization-zero-point",
     "common::nullify_redundant_quantization_zero_point"},
    {"mil-dequantize-quantize-pair-elimination",
     "common::dequantize_quantize_pair_elimination"},
    {"mil-distributive-quantized-binary-op-scale-normalization",
     "common::distributive_quantized_binary_op_scale_normalization"},
    {"mil-fuse-transpose-matmul", "common::fuse_transpose_matmul"},
    {"mil-reduce-transposes", "common::reduce_transposes"},
    {"mil-guard-negative-gather-indices",
     "common::guard_negative_gather_indices"},
    {"mil-dedup-op-and-var-names", "common::dedup_op_and_var_names"},
    {"mil-remove-redundant-ops", "common::remove_redundant_ops"},
    {"mil-topological-reorder", "common::topological_reorder"},
    // MLIR's own, correct on MIL: all MIL ops but state writes are pure.
    {"cse", ""},
    {"canonicalize", ""},
};

llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// coremltools' cleanup list (section 4.1) reduced to the passes we have,
/// in its order.
std::vector<std::string> cleanupPasses() {
  return {"mil-dead-code-elimination", "mil-const-elimination",
          "mil-dead-code-elimination", "mil-const-elimination",
          "mil-const-deduplication",   "mil-dead-code-elimination",
          "mil-fuse-transpose-matmul", "mil-dead-code-elimination",
          "mil-const-deduplication",   "mil-dedup-op-and-var-names",
          "mil-reduce-transposes",     "mil-remove-redundant-ops",
          "mil-topological-reorder",   "mil-dead-code-elimination"};
}

/// The passes of coremltools' common list that we have, in its order: the
/// quantization canonicalizations, const_elimination (twice in it),
/// reduce_transposes around fuse_transpose_matmul,
/// guard_negative_gather_indices (after
/// add_int16_cast, which we do not have: the guard sees the int16 indices
/// that pass made) and the final dead_code_elimination.
std::vector<std::string> commonPasses() {
  return {"mil-nullify-redundant-quantization-zero-point",
          "mil-dequantize-quantize-pair-elimination",
          "mil-distributive-quantized-binary-op-scale-normalization",
          "mil-const-elimination",
          "mil-const-elimination",
          "mil-reduce-transposes",
          "mil-fuse-transpose-matmul",
          "mil-reduce-transposes",
          "mil-guard-negative-gather-indices",
          "mil-dead-code-elimination"};
}

std::vector<std::string> concat(std::vector<std::string> a,
                                const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// Option names as our passes spell them (coremltools' underscores become
/// dashes).
std::string optionName(StringRef name) {
  std::string out = name.str();
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

} // namespace

std::vector<std::string> PassPipeline::availablePipelines() {
  return {"cleanup", "default", "default_palettization",
          "default_sparsification", "empty"};
}

std::vector<std::pair<std::string, std::string>>
PassPipeline::availablePasses() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const PassName &p : kPasses)
    out.push_back({p.ours, p.coremltools});
  return out;
}

llvm::Expected<PassPipeline> PassPipeline::get(StringRef name) {
  PassPipeline p(name.str());
  if (name == "empty")
    return p;
  if (name == "cleanup") {
    p.passes = cleanupPasses();
    return p;
  }
  if (name == "default") {
    p.passes = concat(commonPasses(), cleanupPasses());
    return p;
  }
  if (name == "default_palettization") {
    // PassPipeline.DEFAULT_PALETTIZATION: unique mode, nbits chosen.
    p.passes = concat({"mil-palettize-weights"},
                      concat(commonPasses(), cleanupPasses()));
    p.options["mil-palettize-weights"] = {{"mode", "unique"}};
    return p;
  }
  if (name == "default_sparsification") {
    // PassPipeline.DEFAULT_PRUNING: threshold 1e-12 (not 1e-3).
    p.passes =
        concat({"mil-prune-weights"}, concat(commonPasses(), cleanupPasses()));
    p.options["mil-prune-weights"] = {{"threshold", "1e-12"}};
    return p;
  }
  std::string list;
  for (const std::string &n : availablePipelines())
    list += (list.empty() ? "'" : ", '") + n + "'";
  return error("There is no pipeline for `" + name +
               "`. Available pipelines: dict_keys([" + list + "])");
}

llvm::Expected<std::string> PassPipeline::canonicalPassName(StringRef name) {
  for (const PassName &p : kPasses)
    if (name == p.ours || (*p.coremltools && name == p.coremltools))
      return std::string(p.ours);
  // The closest names in either spelling, for the message.
  std::vector<std::pair<unsigned, std::string>> scored;
  for (const PassName &p : kPasses)
    for (StringRef candidate : {StringRef(p.ours), StringRef(p.coremltools)})
      if (!candidate.empty())
        scored.push_back({name.edit_distance(candidate), candidate.str()});
  std::sort(scored.begin(), scored.end());
  std::string close;
  for (size_t i = 0; i < std::min<size_t>(3, scored.size()); ++i)
    close += (i ? ", " : "") + scored[i].second;
  return error("The pass " + name + " is not registered. Closest: " + close);
}

llvm::Error PassPipeline::append(StringRef pass) {
  return insert(passes.size(), pass);
}

llvm::Error PassPipeline::insert(size_t index, StringRef pass) {
  llvm::Expected<std::string> canonical = canonicalPassName(pass);
  if (!canonical)
    return canonical.takeError();
  if (index > passes.size())
    return error("cannot insert " + pass + " at index " + llvm::Twine(index) +
                 ": the pipeline has " + llvm::Twine(passes.size()) +
                 " passes");
  passes.insert(passes.begin() + index, *canonical);
  return llvm::Error::success();
}

llvm::Error PassPipeline::remove(size_t index) {
  if (index >= passes.size())
    return error("cannot remove the pass at index " + llvm::Twine(index) +
                 ": the pipeline has " + llvm::Twine(passes.size()) +
                 " passes");
  passes.erase(passes.begin() + index);
  return llvm::Error::success();
}

llvm::Error PassPipeline::removeAll(StringRef pass) {
  llvm::Expected<std::string> canonical = canonicalPassName(pass);
  if (!canonical)
    return canonical.takeError();
  llvm::erase(passes, *canonical);
  return llvm::Error::success();
}

llvm::Error PassPipeline::setOptions(StringRef pass,
                                     llvm::ArrayRef<PassOption> opts,
                                     bool override) {
  llvm::Expected<std::string> canonical = canonicalPassName(pass);
  if (!canonical)
    return canonical.takeError();
  auto it = options.find(*canonical);
  if (it != options.end() && !override)
    return error("The pass " + pass + " already has associated options.");
  std::vector<PassOption> converted;
  for (const PassOption &o : opts) {
    if (o.first.empty())
      return error("an option of pass " + pass + " has no name");
    converted.push_back({optionName(o.first), o.second});
  }
  options[*canonical] = std::move(converted);
  return llvm::Error::success();
}

const std::vector<PassOption> *PassPipeline::getOptions(StringRef pass) const {
  llvm::Expected<std::string> canonical = canonicalPassName(pass);
  if (!canonical) {
    llvm::consumeError(canonical.takeError());
    return nullptr;
  }
  auto it = options.find(*canonical);
  return it == options.end() ? nullptr : &it->second;
}

llvm::Error PassPipeline::validate() const {
  for (const auto &[pass, opts] : options)
    if (!llvm::is_contained(passes, pass))
      return error("This pass pipeline is not valid. The pass " + pass +
                   " has associated options but it's not in the passes. "
                   "Passes in this pipeline: [" +
                   llvm::join(passes, ", ") + "]");
  return llvm::Error::success();
}

std::string PassPipeline::toMLIRPipeline() const {
  return "builtin.module(" + toMLIRPassList() + ")";
}

std::string PassPipeline::toMLIRPassList() const {
  std::string out;
  for (auto [i, pass] : llvm::enumerate(passes)) {
    out += (i ? "," : "") + pass;
    auto it = options.find(pass);
    if (it == options.end() || it->second.empty())
      continue;
    out += "{";
    for (auto [j, o] : llvm::enumerate(it->second)) {
      // Values with spaces or braces are quoted for the pipeline parser.
      bool quote = StringRef(o.second).find_first_of(" {},") != StringRef::npos;
      out += (j ? " " : "") + o.first + "=" + (quote ? "\"" : "") + o.second +
             (quote ? "\"" : "");
    }
    out += "}";
  }
  return out;
}

std::string PassPipeline::str() const {
  std::string out = "pipeline " + name + ":\n";
  for (auto [i, pass] : llvm::enumerate(passes)) {
    out += "  " + std::to_string(i) + ": " + pass;
    auto it = options.find(pass);
    if (it != options.end())
      for (const PassOption &o : it->second)
        out += " " + o.first + "=" + o.second;
    out += "\n";
  }
  return out;
}
