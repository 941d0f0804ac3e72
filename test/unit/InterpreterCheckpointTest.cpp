//===- InterpreterCheckpointTest.cpp - resumed runs and const overrides ---===//
//
// Part of mil-mlir. A run resumed from a checkpoint must give what a full
// run gives, with and without overridden consts: the mixed-bit sweep relies
// on it.
//
//===----------------------------------------------------------------------===//

#include "mil/Compress.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Interpreter/Npy.h"

#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mil;
using namespace mil::interp;

namespace {

const std::string kFixture = std::string(MIL_SOURCE_DIR) +
                             "/../shared/fixtures/torch/transformer_encoder";

bool sameOutputs(const NamedTensors &a, const NamedTensors &b) {
  if (a.size() != b.size())
    return false;
  for (size_t o = 0; o < a.size(); ++o) {
    const Tensor &x = a[o].second, &y = b[o].second;
    if (x.shape() != y.shape())
      return false;
    for (int64_t i = 0; i < x.numElements(); ++i)
      if (x.getDouble(i) != y.getDouble(i))
        return false;
  }
  return true;
}

class CheckpointTest : public ::testing::Test {
protected:
  void SetUp() override {
    module = loadModel(kFixture + "/model.mlpackage", ctx);
    ASSERT_TRUE(module);
    auto read = readNpz(kFixture + "/inputs.npz");
    ASSERT_TRUE(bool(read)) << llvm::toString(read.takeError());
    inputs = std::move(*read);
    auto created = Interpreter::create(*module);
    ASSERT_TRUE(succeeded(created));
    interp = std::move(*created);
  }

  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  NamedTensors inputs;
  std::unique_ptr<Interpreter> interp;
};

TEST_F(CheckpointTest, ResumedRunsGiveTheFullRunsOutputs) {
  StateMap states;
  auto full = interp->run(inputs, states);
  ASSERT_TRUE(succeeded(full));
  std::vector<unsigned> at = {0, 3, 10, 40};
  std::vector<Checkpoint> checkpoints;
  RunOptions record;
  record.checkpointAt = at;
  record.checkpoints = &checkpoints;
  auto recorded = interp->run(inputs, states, record);
  ASSERT_TRUE(succeeded(recorded));
  EXPECT_TRUE(sameOutputs(*full, *recorded));
  ASSERT_EQ(checkpoints.size(), at.size());
  // Another interpreter of the same function resumes them too.
  auto other = Interpreter::create(*module);
  ASSERT_TRUE(succeeded(other));
  for (const Checkpoint &c : checkpoints) {
    RunOptions resume;
    resume.resumeFrom = &c;
    auto out = (*other)->run({}, states, resume);
    ASSERT_TRUE(succeeded(out));
    EXPECT_TRUE(sameOutputs(*full, *out)) << "position " << c.getPosition();
  }
}

TEST_F(CheckpointTest, OverridesApplyToFullAndResumedRuns) {
  // The first weight matrix and the position of its first consumer.
  ConstOp weight;
  module->walk([&](ConstOp op) {
    auto type = llvm::dyn_cast<mlir::ShapedType>(op.getType());
    if (!weight && type && type.getRank() == 2 && type.getNumElements() > 1000)
      weight = op;
  });
  ASSERT_TRUE(weight);
  unsigned first = ~0u;
  for (mlir::Operation *user : weight.getResult().getUsers())
    first = std::min(first, *interp->getBodyPosition(user));
  auto original = evaluateConstant(weight.getResult());
  ASSERT_TRUE(succeeded(original));
  ConstOverrides overrides;
  std::vector<float> halved = original->toFloats();
  for (float &v : halved)
    v *= 0.5f;
  overrides[weight.getResult()] = Tensor::fromFloats(
      original->dtype(), original->shape(), std::move(halved));

  StateMap states;
  std::vector<unsigned> at = {first};
  std::vector<Checkpoint> checkpoints;
  RunOptions record;
  record.checkpointAt = at;
  record.checkpoints = &checkpoints;
  auto reference = interp->run(inputs, states, record);
  ASSERT_TRUE(succeeded(reference));
  ASSERT_EQ(checkpoints.size(), 1u);

  RunOptions full;
  full.overrides = &overrides;
  auto changed = interp->run(inputs, states, full);
  ASSERT_TRUE(succeeded(changed));
  EXPECT_FALSE(sameOutputs(*reference, *changed));

  RunOptions resumed = full;
  resumed.resumeFrom = &checkpoints.front();
  auto fast = interp->run({}, states, resumed);
  ASSERT_TRUE(succeeded(fast));
  EXPECT_TRUE(sameOutputs(*changed, *fast));

  // Without overrides the interpreter is back to the program's values.
  auto again = interp->run(inputs, states);
  ASSERT_TRUE(succeeded(again));
  EXPECT_TRUE(sameOutputs(*reference, *again));
}

} // namespace
