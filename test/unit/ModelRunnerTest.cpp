//===- ModelRunnerTest.cpp - pipelines run by name, resumed by stage ------===//
//
// Part of mil-mlir. A pipeline's sub-models run in order, each taking its
// inputs by name from the pipeline's inputs and the outputs before it; a
// run resumed at a later stage (from the values a full run recorded, and a
// checkpoint of that stage) gives what the full run gives, with and without
// overridden consts: the mixed-bit sweep of a pipeline relies on it.
//
//===----------------------------------------------------------------------===//

#include "mil/Interpreter/ModelRunner.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mil;
using namespace mil::interp;

namespace {

// "a" doubles x into y; "b" computes z = y * k + x (it reads the pipeline's
// input x too, by name) and gives u = relu(z).
const char *kPipeline = R"mlir(
module attributes {mil.pipeline, mil.model = {description = {
    input = [{name = "x"}], output = [{name = "u"}, {name = "y"}]}}} {
  module @a attributes {mil.program = {version = 1 : i64}} {
    mil.function @main(%x: tensor<4xf32>) -> tensor<4xf32>
        attributes {input_names = ["x"], opset = "CoreML7"} {
      %two = mil.const dense<2.0> : tensor<4xf32> {name = "two"}
      %y = mil.mul x(%x) y(%two) {name = "y"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      mil.return %y : tensor<4xf32>
    }
  }
  module @b attributes {mil.program = {version = 1 : i64}} {
    mil.function @main(%y: tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32>
        attributes {input_names = ["y", "x"], opset = "CoreML7"} {
      %k = mil.const dense<[1.0, -1.0, 3.0, -3.0]> : tensor<4xf32> {name = "k"}
      %p = mil.mul x(%y) y(%k) {name = "p"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %z = mil.add x(%p) y(%x) {name = "z"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %u = mil.relu x(%z) {name = "u"} : (tensor<4xf32>) -> tensor<4xf32>
      mil.return %u : tensor<4xf32>
    }
  }
}
)mlir";

std::vector<double> values(const NamedTensors &outputs, size_t i) {
  std::vector<double> v;
  for (int64_t e = 0; e < outputs[i].second.numElements(); ++e)
    v.push_back(outputs[i].second.getDouble(e));
  return v;
}

class ModelRunnerTest : public ::testing::Test {
protected:
  void SetUp() override {
    ctx.loadDialect<MILDialect>();
    module = mlir::parseSourceString<mlir::ModuleOp>(kPipeline, &ctx);
    ASSERT_TRUE(module);
    auto created = ModelRunner::create(*module);
    ASSERT_TRUE(succeeded(created));
    runner = std::move(*created);
    inputs.emplace_back(
        "x", Tensor::fromFloats(DType::Float32, {4}, {1, 2, -1, 0.5}));
  }

  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<ModelRunner> runner;
  NamedTensors inputs;
};

TEST_F(ModelRunnerTest, RunsSubModelsInOrderByName) {
  ASSERT_TRUE(runner->isPipeline());
  ASSERT_EQ(runner->getStages().size(), 2u);
  EXPECT_EQ(runner->getStages()[1].name, "b");
  ASSERT_EQ(runner->getInputs().size(), 1u);
  EXPECT_EQ(runner->getInputs()[0].name, "x");
  StateMap states;
  auto out = runner->run(inputs, states);
  ASSERT_TRUE(succeeded(out));
  // The described outputs in their order: u, then y of the first program.
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].first, "u");
  EXPECT_EQ((*out)[1].first, "y");
  // y = 2x = [2, 4, -2, 1]; z = y * k + x = [3, -2, -7, -2.5].
  EXPECT_EQ(values(*out, 0), (std::vector<double>{3, 0, 0, 0}));
  EXPECT_EQ(values(*out, 1), (std::vector<double>{2, 4, -2, 1}));
}

TEST_F(ModelRunnerTest, ResumedAtALaterStageGivesTheFullRunsOutputs) {
  StateMap states;
  std::vector<NamedTensors> stageValues;
  std::vector<std::vector<Checkpoint>> checkpoints;
  ModelRunOptions record;
  record.checkpointAt = {{}, {1}};
  record.checkpoints = &checkpoints;
  record.stageValues = &stageValues;
  auto full = runner->run(inputs, states, record);
  ASSERT_TRUE(succeeded(full));
  ASSERT_EQ(stageValues.size(), 2u);
  ASSERT_EQ(checkpoints.size(), 2u);
  ASSERT_EQ(checkpoints[1].size(), 1u);

  // k overridden by [1, 1, 1, 1]: z = y + x = [3, 6, -3, 1.5].
  mil::ConstOp k;
  module->walk([&](mil::ConstOp op) {
    if (getMILOpName(op) == "k")
      k = op;
  });
  ASSERT_TRUE(k);
  ConstOverrides overrides;
  overrides[k.getResult()] =
      Tensor::fromFloats(DType::Float32, {4}, {1, 1, 1, 1});
  ModelRunOptions fromScratch;
  fromScratch.overrides = &overrides;
  auto expected = runner->run(inputs, states, fromScratch);
  ASSERT_TRUE(succeeded(expected));
  EXPECT_EQ(values(*expected, 0), (std::vector<double>{3, 6, 0, 1.5}));

  ModelRunOptions resumed;
  resumed.overrides = &overrides;
  resumed.firstStage = 1;
  resumed.resumeValues = &stageValues[1];
  resumed.resumeFrom = &checkpoints[1][0];
  auto got = runner->run(NamedTensors(), states, resumed);
  ASSERT_TRUE(succeeded(got));
  EXPECT_EQ(values(*got, 0), values(*expected, 0));
  EXPECT_EQ(values(*got, 1), values(*expected, 1));
}

} // namespace
