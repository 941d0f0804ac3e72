//===- ModelRunner.cpp - runs a whole model: a program or a pipeline ------===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/ModelRunner.h"

#include "mil/Dialect/MILDialect.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mil;
using namespace mil::interp;

std::string mil::interp::getSubModelPath(ModuleOp module) {
  std::string path;
  for (; module && module.getSymName();
       module = module->getParentOfType<ModuleOp>())
    path = path.empty() ? module.getSymName()->str()
                        : (*module.getSymName() + "/" + path).str();
  return path;
}

/// The names of the model description's `field` ("input" or "output").
static std::vector<std::string> describedNames(ModuleOp module,
                                               StringRef field) {
  std::vector<std::string> names;
  auto model = module->getAttrOfType<DictionaryAttr>(MILDialect::kModelAttr);
  auto desc =
      model ? model.getAs<DictionaryAttr>("description") : DictionaryAttr();
  auto list = desc ? desc.getAs<ArrayAttr>(field) : ArrayAttr();
  for (Attribute a : list ? list : ArrayAttr::get(module.getContext(), {}))
    if (auto d = dyn_cast<DictionaryAttr>(a))
      if (auto n = d.getAs<StringAttr>("name"))
        names.push_back(n.getValue().str());
  return names;
}

FailureOr<std::unique_ptr<ModelRunner>>
ModelRunner::create(ModuleOp module, StringRef functionName) {
  std::unique_ptr<ModelRunner> runner(new ModelRunner());
  runner->module = module;
  if (!module->hasAttr(attrs::kPipeline)) {
    auto interp = Interpreter::create(module, functionName);
    if (failed(interp))
      return failure();
    runner->inputs = (*interp)->getInputs();
    runner->outputNames = (*interp)->getOutputNames();
    runner->stages.push_back({"", module, std::move(*interp)});
    return runner;
  }
  runner->pipeline = true;
  if (!functionName.empty())
    return module.emitError()
           << "a pipeline model runs its sub-models' default functions: "
              "no function can be chosen (got '"
           << functionName << "')";
  // The sub-models in order; nested pipelines run theirs in place.
  LogicalResult status = success();
  module.walk<WalkOrder::PreOrder>([&](ModuleOp sub) {
    if (failed(status) || sub == module || sub->hasAttr(attrs::kPipeline))
      return WalkResult::advance();
    std::string name = getSubModelPath(sub);
    if (sub->hasAttr(attrs::kSerializedModel)) {
      status = module.emitError()
               << "sub-model '" << name
               << "' of the pipeline is not an ML program: the interpreter "
                  "runs ML programs only";
      return WalkResult::interrupt();
    }
    auto interp = Interpreter::create(sub);
    if (failed(interp) || (*interp)->hasStates()) {
      if (succeeded(interp))
        sub.emitError() << "sub-model '" << name
                        << "' has states: a pipeline of stateful programs "
                           "cannot be run";
      status = failure();
      return WalkResult::interrupt();
    }
    runner->stages.push_back({name, sub, std::move(*interp)});
    return WalkResult::skip();
  });
  if (failed(status))
    return failure();
  if (runner->stages.empty())
    return module.emitError() << "the pipeline has no sub-model to run";

  // Inputs: what a stage reads that no stage before it gives.
  std::vector<std::string> declared = describedNames(module, "input");
  llvm::StringSet<> available;
  for (const ModelStage &stage : runner->stages) {
    ModuleOp program = stage.module;
    for (const InputInfo &info : stage.interp->getInputs()) {
      if (available.contains(info.name))
        continue;
      if (!declared.empty() && !llvm::is_contained(declared, info.name))
        return program.emitError()
               << "input '" << info.name << "' of sub-model '" << stage.name
               << "' is neither an input of the pipeline nor an output of a "
                  "sub-model before it";
      runner->inputs.push_back(info);
      available.insert(info.name);
    }
    for (const std::string &out : stage.interp->getOutputNames())
      available.insert(out);
  }
  runner->outputNames = describedNames(module, "output");
  if (runner->outputNames.empty())
    runner->outputNames = runner->stages.back().interp->getOutputNames();
  for (const std::string &out : runner->outputNames)
    if (!available.contains(out))
      return module.emitError()
             << "output '" << out
             << "' of the pipeline is given by none of its sub-models";
  return runner;
}

FailureOr<NamedTensors> ModelRunner::run(const NamedTensors &given,
                                         StateMap &states,
                                         const ModelRunOptions &options) {
  if (options.firstStage >= stages.size())
    return module.emitError() << "no stage " << options.firstStage;
  // The values named so far; a later value of a name replaces the earlier.
  NamedTensors values =
      options.resumeValues ? *options.resumeValues : NamedTensors(given);
  auto lookup = [&](StringRef name) -> const Tensor * {
    for (auto it = values.rbegin(); it != values.rend(); ++it)
      if (it->first == name)
        return &it->second;
    return nullptr;
  };
  for (size_t k = options.firstStage; k < stages.size(); ++k) {
    const ModelStage &stage = stages[k];
    ModuleOp program = stage.module;
    if (options.stageValues)
      options.stageValues->push_back(values);
    RunOptions run;
    run.overrides = options.overrides;
    if (k == options.firstStage)
      run.resumeFrom = options.resumeFrom;
    if (options.checkpoints && k < options.checkpointAt.size()) {
      if (options.checkpoints->size() < stages.size())
        options.checkpoints->resize(stages.size());
      run.checkpointAt = options.checkpointAt[k];
      run.checkpoints = &(*options.checkpoints)[k];
    }
    FailureOr<NamedTensors> outputs = failure();
    if (!pipeline) {
      outputs = stage.interp->run(values, states, run);
    } else {
      NamedTensors stageInputs;
      if (!run.resumeFrom)
        for (const InputInfo &info : stage.interp->getInputs()) {
          const Tensor *t = lookup(info.name);
          if (!t)
            return program.emitError()
                   << "no value for input '" << info.name << "' of sub-model '"
                   << stage.name << "'";
          stageInputs.emplace_back(info.name, *t);
        }
      StateMap none;
      outputs = stage.interp->run(stageInputs, none, run);
    }
    if (failed(outputs))
      return failure();
    if (!pipeline)
      return outputs;
    for (auto &named : *outputs)
      values.push_back(std::move(named));
  }
  NamedTensors outputs;
  for (const std::string &name : outputNames)
    outputs.emplace_back(name, *lookup(name));
  return outputs;
}

void ModelRunner::setProfile(OpProfile *profile) {
  for (ModelStage &stage : stages)
    stage.interp->setProfile(profile);
}

void ModelRunner::setMaxLoopIterations(int64_t n) {
  for (ModelStage &stage : stages)
    stage.interp->setMaxLoopIterations(n);
}

void ModelRunner::setObserver(const ValueObserver &observer) {
  for (ModelStage &stage : stages)
    stage.interp->setObserver(observer);
}
