//===- PassPipeline.h - named pass pipelines like ct.PassPipeline -*- C++ -*-//
//
// Part of mil-mlir. Pure C++ (LLVM Support only).
//
// coremltools' PassPipeline (spec/compression.md section 4): an ordered list
// of pass ids with per-pass options, the named pipelines, and the list
// operations. Passes are accepted in coremltools' spelling
// ("compression::palettize_weights", "common::const_elimination") and in ours
// ("mil-palettize-weights"); they are stored in ours. A pipeline becomes an
// MLIR pass pipeline string for mlir::parsePassPipeline.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PIPELINE_PASSPIPELINE_H
#define MIL_PIPELINE_PASSPIPELINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mil::pipeline {

/// A pass option as given: name and value text.
using PassOption = std::pair<std::string, std::string>;

class PassPipeline {
public:
  explicit PassPipeline(std::string name = "empty") : name(std::move(name)) {}

  /// The named pipelines: "default", "cleanup", "default_palettization",
  /// "default_sparsification", "empty". Unknown names fail with coremltools'
  /// message listing the available ones.
  static llvm::Expected<PassPipeline> get(llvm::StringRef name);
  static std::vector<std::string> availablePipelines();

  /// Our name of a pass given in either spelling; fails for a pass we do not
  /// have, naming the closest ones.
  static llvm::Expected<std::string> canonicalPassName(llvm::StringRef name);
  /// Every pass a pipeline may hold: (our name, coremltools' name or "").
  static std::vector<std::pair<std::string, std::string>> availablePasses();

  const std::string &getName() const { return name; }
  const std::vector<std::string> &getPasses() const { return passes; }

  llvm::Error append(llvm::StringRef pass);
  /// Inserts before position `index` (== size appends).
  llvm::Error insert(size_t index, llvm::StringRef pass);
  /// Removes the pass at `index`.
  llvm::Error remove(size_t index);
  /// Removes every occurrence of `pass` (either spelling).
  llvm::Error removeAll(llvm::StringRef pass);

  /// Sets the options of `pass` (either spelling; it need not be in the
  /// pipeline yet). Option names may use coremltools' underscores. With
  /// `override` false, existing options are an error.
  llvm::Error setOptions(llvm::StringRef pass, llvm::ArrayRef<PassOption> opts,
                         bool override = true);
  const std::vector<PassOption> *getOptions(llvm::StringRef pass) const;

  /// coremltools' validate(): options only for passes in the pipeline.
  llvm::Error validate() const;

  /// "builtin.module(pass{opt=value ...},...)".
  std::string toMLIRPipeline() const;
  /// The same without the anchor, for parsing into a module pass manager.
  std::string toMLIRPassList() const;
  /// One pass per line with its options, for --print-pipeline.
  std::string str() const;

private:
  std::string name;
  std::vector<std::string> passes;
  std::map<std::string, std::vector<PassOption>> options;
};

} // namespace mil::pipeline

#endif // MIL_PIPELINE_PASSPIPELINE_H
