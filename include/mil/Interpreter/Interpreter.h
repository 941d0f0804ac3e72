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

/// Sees each tensor value as a run computes it: the block arguments (the
/// function's inputs; a loop body's values on every iteration) and the
/// results of every op, consts included, in program order. The tensor is
/// valid only during the call.
using ValueObserver = std::function<void(mlir::Value, const Tensor &)>;

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

/// The MIL op types the interpreter evaluates, sorted.
std::vector<std::string> getImplementedOpTypes();

/// All MIL op types of the dialect (without the `mil.` prefix), sorted.
std::vector<std::string> getAllOpTypes(mlir::MLIRContext *ctx);

} // namespace mil::interp

#endif // MIL_INTERPRETER_INTERPRETER_H
