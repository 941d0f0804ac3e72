//===- Interpreter.h - CPU evaluation of mil functions ----------*- C++ -*-===//
//
// Part of mil-mlir. Evaluates a `mil.function` op by op in program order on
// runtime tensors (mil/Interpreter/Tensor.h): fp16 values are computed in
// float and rounded to fp16 at every op output, consts are read from their
// (memory-mapped) blobs without a copy, constexpr ops are decompressed once
// by the kernels of lib/Compression, states persist between calls. An op
// it cannot evaluate is an error naming the op, never a guess.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_INTERPRETER_H
#define MIL_INTERPRETER_INTERPRETER_H

#include "mil/Interpreter/Npy.h"
#include "mil/Interpreter/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mil::interp {

class Evaluator;

/// The values of a program's states by name, carried from call to call.
using StateMap = std::map<std::string, Tensor>;

/// A function input (or state) as declared: dtype and shape (-1 where it
/// is dynamic).
struct InputInfo {
  std::string name;
  DType dtype = DType::Float32;
  std::vector<int64_t> shape;
  bool isState = false;
};

/// Time spent per op type over the calls of a profiled interpreter
/// (mil-run --profile). A control-flow op's time includes its regions' ops,
/// which are also counted under their own types.
struct OpProfile {
  struct Entry {
    double ms = 0;
    int64_t count = 0;
  };
  std::map<std::string, Entry> byType;
};

/// Values that replace those of const ops in a run, by the const's result:
/// how a caller tries a changed weight without rewriting the program.
using ConstOverrides = llvm::DenseMap<mlir::Value, Tensor>;

struct CheckpointData;

/// What a run had computed before the op at `position` of the function body
/// (the inputs and the values of the ops before it). A run resumed from it
/// skips those ops: a caller that changes only later ops reuses the prefix.
/// Cheap to keep: the tensors are shared, not copied.
class Checkpoint {
public:
  unsigned getPosition() const { return position; }

private:
  friend class Interpreter;
  unsigned position = 0;
  std::shared_ptr<const CheckpointData> data;
};

/// How a run starts and what it records besides its outputs.
struct RunOptions {
  /// Const values to replace (null: none).
  const ConstOverrides *overrides = nullptr;
  /// A checkpoint of this interpreter's function (or of another interpreter
  /// of the same function) to resume from; the inputs are then those of
  /// the run that made it. Not for functions with states.
  const Checkpoint *resumeFrom = nullptr;
  /// Body positions (ascending) before which to record a checkpoint into
  /// `checkpoints`.
  llvm::ArrayRef<unsigned> checkpointAt;
  std::vector<Checkpoint> *checkpoints = nullptr;
};

/// Sees each tensor value as a run computes it: the block arguments (the
/// function's inputs; a loop body's values on every iteration) and the
/// results of every op, consts included, in program order. The tensor is
/// valid only during the call.
using ValueObserver = std::function<void(mlir::Value, const Tensor &)>;

/// A while_loop that has not ended after this many iterations is an error:
/// a malformed program must end.
constexpr int64_t kDefaultMaxLoopIterations = int64_t(1) << 31;

class Interpreter {
public:
  /// Prepares function `functionName` of `module` (the default function
  /// when empty). `module` must outlive the interpreter. Errors are emitted
  /// as diagnostics.
  static mlir::FailureOr<std::unique_ptr<Interpreter>>
  create(mlir::ModuleOp module, llvm::StringRef functionName = "");
  ~Interpreter();

  /// The inputs and states of the function in declaration order.
  const std::vector<InputInfo> &getInputs() const { return inputs; }
  /// The names of the function's outputs.
  const std::vector<std::string> &getOutputNames() const { return outputNames; }

  /// Runs the function on `inputs` (by name; converted to the declared
  /// dtypes). `states` holds the state values: missing ones start at zero,
  /// and the values written by the call are stored back.
  mlir::FailureOr<NamedTensors> run(const NamedTensors &inputs,
                                    StateMap &states);
  /// The same with overridden consts, resumed from or recording
  /// checkpoints.
  mlir::FailureOr<NamedTensors>
  run(const NamedTensors &inputs, StateMap &states, const RunOptions &options);

  /// The position in the function body of the op that is or holds `op`
  /// (nullopt when `op` is not in the function).
  std::optional<unsigned> getBodyPosition(mlir::Operation *op) const;
  /// Whether the function has state inputs (which checkpoints cannot hold).
  bool hasStates() const;

  /// Accumulates per-op-type times into `profile` (null: off) from the next
  /// call on.
  void setProfile(OpProfile *profile);

  /// Makes a while_loop that runs more than `n` iterations an error
  /// (default kDefaultMaxLoopIterations).
  void setMaxLoopIterations(int64_t n);

  /// Calls `observer` on the values of every later run (none when empty):
  /// how calibration sees intermediate tensors without keeping them.
  void setObserver(ValueObserver observer);

private:
  Interpreter() = default;
  mlir::Operation *function = nullptr;
  std::unique_ptr<Evaluator> evaluator;
  std::vector<InputInfo> inputs;
  std::vector<std::string> outputNames;
};

/// The values of the results of `op` (a MIL op without regions or side
/// effects) from the constant values of its operands (`valueOf`; null when
/// an operand is not constant): coremltools' const_elimination through the
/// interpreter. Results of `resourceThreshold` or more elements become
/// `dense_resource` blobs, smaller ones `dense`. Failure, with no
/// diagnostic, when the op cannot be evaluated or its result types are not
/// static.
mlir::FailureOr<llvm::SmallVector<mlir::ElementsAttr>>
foldOp(mlir::Operation *op,
       llvm::function_ref<mlir::ElementsAttr(mlir::Value)> valueOf,
       int64_t resourceThreshold = 16);

/// The value of `v` when only const and constexpr ops define it (a weight,
/// compressed or not), as a run would see it. Errors are diagnostics.
mlir::FailureOr<Tensor> evaluateConstant(mlir::Value v);

/// The MIL op types the interpreter evaluates, sorted.
std::vector<std::string> getImplementedOpTypes();

/// All MIL op types of the dialect (without the `mil.` prefix), sorted.
std::vector<std::string> getAllOpTypes(mlir::MLIRContext *ctx);

} // namespace mil::interp

#endif // MIL_INTERPRETER_INTERPRETER_H
