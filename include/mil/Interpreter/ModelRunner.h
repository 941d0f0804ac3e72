//===- ModelRunner.h - a whole model: a program or a pipeline --*- C++ -*-===//
//
// Part of mil-mlir. A Core ML model is an ML program (one function is run)
// or a pipeline (pipeline, pipelineClassifier, pipelineRegressor) of
// sub-models run in order, each taking its inputs by name from the
// pipeline's inputs and the outputs of the sub-models before it, as Core ML
// runs them. ModelRunner runs either with one interpreter per ML program;
// the tools (mil-run, mil-compress --eval, --mixed-bit) run models through
// it. A sub-model that is not an ML program (a NeuralNetwork, say) cannot be
// run: creating the runner is then an error naming it.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_MODELRUNNER_H
#define MIL_INTERPRETER_MODELRUNNER_H

#include "mil/Interpreter/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"

#include <memory>
#include <string>
#include <vector>

namespace mil::interp {

/// The path of a pipeline's sub-model ("detector", "outer/inner" in nested
/// pipelines): the symbol names of its modules; empty outside a pipeline.
std::string getSubModelPath(mlir::ModuleOp module);

/// One ML program of the model and the interpreter of its function.
struct ModelStage {
  /// The sub-model path (empty for a model that is not a pipeline).
  std::string name;
  mlir::ModuleOp module;
  std::unique_ptr<Interpreter> interp;
};

/// How a run starts and what it records, per stage. Stage indices are
/// those of getStages().
struct ModelRunOptions {
  /// Const values to replace, in any stage (null: none).
  const ConstOverrides *overrides = nullptr;
  /// Start at this stage with `resumeValues`, the values named before it
  /// (as `stageValues` recorded them; the run's inputs are then unused),
  /// and the stage's own run resumed from `resumeFrom` when set.
  unsigned firstStage = 0;
  const NamedTensors *resumeValues = nullptr;
  const Checkpoint *resumeFrom = nullptr;
  /// Per stage: body positions (ascending) before which to record a
  /// checkpoint into (*checkpoints)[stage]. Empty: none.
  std::vector<std::vector<unsigned>> checkpointAt;
  std::vector<std::vector<Checkpoint>> *checkpoints = nullptr;
  /// Records, per stage run, the values named before it (the pipeline's
  /// inputs and the outputs of the stages before).
  std::vector<NamedTensors> *stageValues = nullptr;
};

class ModelRunner {
public:
  /// Prepares `module`: function `functionName` of an ML program (the
  /// default when empty), or every ML program of a pipeline (their default
  /// functions; `functionName` must then be empty). `module` must outlive
  /// the runner. Errors are emitted as diagnostics.
  static mlir::FailureOr<std::unique_ptr<ModelRunner>>
  create(mlir::ModuleOp module, llvm::StringRef functionName = "");

  bool isPipeline() const { return pipeline; }
  /// The model's inputs (and states) in declaration order; for a pipeline,
  /// the sub-models' inputs that no sub-model before produces, in order.
  const std::vector<InputInfo> &getInputs() const { return inputs; }
  /// The model's outputs; for a pipeline, those its description lists (the
  /// last sub-model's when it lists none).
  const std::vector<std::string> &getOutputNames() const { return outputNames; }
  const std::vector<ModelStage> &getStages() const { return stages; }

  /// Runs the model on `inputs` (by name). `states` holds the states of a
  /// program (pipelines have none), as Interpreter::run takes them.
  mlir::FailureOr<NamedTensors> run(const NamedTensors &inputs,
                                    StateMap &states,
                                    const ModelRunOptions &options = {});

  /// As the interpreter's, for every stage.
  void setProfile(OpProfile *profile);
  void setMaxLoopIterations(int64_t n);
  void setObserver(const ValueObserver &observer);

private:
  ModelRunner() = default;
  bool pipeline = false;
  std::vector<ModelStage> stages;
  std::vector<InputInfo> inputs;
  std::vector<std::string> outputNames;
  mlir::ModuleOp module;
};

} // namespace mil::interp

#endif // MIL_INTERPRETER_MODELRUNNER_H
