//===- OpContext.h - what an op evaluator sees ------------------*- C++ -*-===//
//
// Part of mil-mlir. Private to lib/Interpreter: the runtime values, the op
// registry and the context through which each op family reads its inputs
// by MIL name and sets its results.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_LIB_INTERPRETER_OPCONTEXT_H
#define MIL_LIB_INTERPRETER_OPCONTEXT_H

#include "mil/Dialect/MILTypes.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Interpreter/Kernels/Common.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace mil::interp {

/// A MIL list: its elements and what make_list declared about them.
struct ListValue {
  std::vector<Tensor> elements;
  DType dtype = DType::Float32;
  std::vector<int64_t> elemShape;
  bool dynamic = true;
};

/// A MIL dict (classify's class probabilities): keys[i] maps to values[i].
struct DictValue {
  Tensor keys, values;
};

/// A runtime MIL value: a tensor, a list, a dict or a state slot.
struct RtValue {
  enum class Kind { Tensor, List, State, Dict } kind = Kind::Tensor;
  Tensor tensor;
  std::shared_ptr<ListValue> list;
  std::shared_ptr<const DictValue> dict;
  Tensor *state = nullptr;

  static RtValue of(Tensor t) {
    RtValue v;
    v.tensor = std::move(t);
    return v;
  }
};

class OpContext;
using OpFn = mlir::LogicalResult (*)(OpContext &);
/// An op's operand ranges (first, count) by MIL input name.
using InputRanges =
    llvm::SmallVector<std::pair<llvm::StringRef, std::pair<unsigned, unsigned>>,
                      8>;
using OpRegistry = llvm::StringMap<OpFn>;

/// Runs blocks of a function; owns the const cache.
class Evaluator {
public:
  explicit Evaluator(const OpRegistry &registry) : registry(registry) {}
  /// Runs `block` with its arguments bound to `args`; the operands of its
  /// terminator come back in `results`.
  mlir::LogicalResult runBlock(mlir::Block &block, llvm::ArrayRef<RtValue> args,
                               llvm::SmallVectorImpl<RtValue> &results);
  /// Runs the ops of `block` from position `start` on, the values of the
  /// ops before it (and the arguments) already bound; `beforeOp` (if set)
  /// sees each position before its op runs.
  mlir::LogicalResult
  runBlockFrom(mlir::Block &block, unsigned start,
               llvm::SmallVectorImpl<RtValue> &results,
               llvm::function_ref<void(unsigned)> beforeOp = nullptr);
  /// Evaluates a const or constexpr op (its constexpr producers first).
  mlir::LogicalResult evalConstant(mlir::Operation *op);
  /// Const values replacing those of the program (null: none).
  const ConstOverrides *overrides = nullptr;
  /// The states of the current call, by name.
  StateMap *states = nullptr;
  /// Per-op-type times, when profiling.
  OpProfile *profile = nullptr;
  /// A while_loop running longer is an error
  /// (Interpreter::setMaxLoopIterations).
  int64_t maxLoopIterations = kDefaultMaxLoopIterations;
  /// Sees every tensor value computed (Interpreter::setObserver).
  ValueObserver observer;
  /// Binds `v` (for evaluating one op outside a block).
  void bind(mlir::Value v, RtValue value) { env[v] = std::move(value); }
  const RtValue *lookup(mlir::Value v) const {
    auto it = env.find(v);
    return it == env.end() ? nullptr : &it->second;
  }

  /// All bound values (checkpoints copy them).
  llvm::DenseMap<mlir::Value, RtValue> &getEnv() { return env; }

private:
  friend class OpContext;
  mlir::LogicalResult evalConst(mlir::Operation *op);
  mlir::LogicalResult evalConstList(mlir::Operation *op, mil::ListType type,
                                    mlir::ArrayAttr elements);
  mlir::LogicalResult evalConstexpr(mlir::Operation *op);
  const OpRegistry &registry;
  llvm::DenseMap<mlir::Value, RtValue> env;
  /// Values of const and constexpr ops, computed once.
  llvm::DenseMap<mlir::Value, Tensor> constants;
  llvm::DenseMap<mlir::Value, mlir::ElementsAttr> constexprAttrs;
  /// The input ranges of each op, worked out on its first evaluation
  /// (boxed: a nested block adds entries while an OpContext points to one).
  llvm::DenseMap<mlir::Operation *, std::unique_ptr<InputRanges>> rangeCache;
  /// The evaluation function of each op, looked up once.
  llvm::DenseMap<mlir::Operation *, OpFn> fnCache;
  /// What an op's evaluation keeps from call to call (OpContext::opCache).
  llvm::DenseMap<mlir::Operation *, std::shared_ptr<void>> opCaches;
};

/// The interface of one op's evaluation.
class OpContext {
public:
  OpContext(mlir::Operation *op, Evaluator &evaluator);

  mlir::Operation *getOp() const { return op; }
  /// The MIL op type ("conv").
  llvm::StringRef opType() const;

  /// Whether input `name` is bound.
  bool has(llvm::StringRef name) const;
  /// The value of input `name`, or null when absent.
  const RtValue *value(llvm::StringRef name);
  /// The tensor of input `name`; a null tensor and an error when it is
  /// absent or not a tensor.
  const Tensor &in(llvm::StringRef name);
  /// Whether input `name` is the value of a const or constexpr op, the same
  /// buffer in every call.
  bool isConstant(llvm::StringRef name) const;
  /// A slot this op's evaluation may fill with what it prepared from its
  /// constant inputs (e.g. reordered weights), kept for the next calls of
  /// the same interpreter.
  std::shared_ptr<void> &opCache() { return evaluator.opCaches[op]; }
  int64_t maxLoopIterations() const { return evaluator.maxLoopIterations; }
  /// The values of tuple input `name`.
  llvm::SmallVector<const RtValue *> variadic(llvm::StringRef name);

  /// Scalar or vector parameters read from (const) inputs, with defaults
  /// when absent.
  int64_t getInt(llvm::StringRef name, int64_t dflt = 0);
  std::vector<int64_t> getInts(llvm::StringRef name,
                               std::vector<int64_t> dflt = {});
  double getFloat(llvm::StringRef name, double dflt = 0);
  bool getBool(llvm::StringRef name, bool dflt = false);
  std::string getString(llvm::StringRef name, std::string dflt = "");

  unsigned getNumResults() const { return op->getNumResults(); }
  /// The declared dtype of result `i`.
  DType resultType(unsigned i = 0);
  void setResult(unsigned i, Tensor t);
  void setResult(unsigned i, RtValue v);
  /// Result `i` from float values, rounded to the declared dtype.
  void setFloatResult(unsigned i, const kernels::Shape &shape,
                      std::vector<float> values) {
    setResult(
        i, Tensor::fromFloats(resultType(i), toDims(shape), std::move(values)));
  }

  /// Emits "cannot evaluate 'type' op 'name': msg" and returns failure.
  mlir::LogicalResult error(const llvm::Twine &msg);
  /// error() where the result is not needed.
  void setError(const llvm::Twine &msg) { (void)error(msg); }
  /// Whether an accessor has already failed.
  bool failed() const { return hasFailed; }

  /// Runs region `index` on `args`.
  mlir::LogicalResult runRegion(unsigned index, llvm::ArrayRef<RtValue> args,
                                llvm::SmallVectorImpl<RtValue> &results);

  StateMap &states() { return *evaluator.states; }

  /// An axis normalized against `rank`; an error when out of range.
  bool normalizeAxis(int64_t &axis, int64_t rank);

  static llvm::SmallVector<int64_t, 4> toDims(const kernels::Shape &s) {
    return llvm::SmallVector<int64_t, 4>(s.begin(), s.end());
  }
  static kernels::Shape toShape(llvm::ArrayRef<int64_t> s) {
    return kernels::Shape(s.begin(), s.end());
  }

private:
  std::optional<std::pair<unsigned, unsigned>>
  range(llvm::StringRef name) const;
  mlir::Operation *op;
  Evaluator &evaluator;
  const InputRanges *ranges = nullptr;
  bool hasFailed = false;
  bool hasResults = false;
};

/// The dtype of an MLIR element type; false for types without one.
bool dtypeOf(mlir::Type elementType, DType &type);

// One registration hook per op family (lib/Interpreter/ops/*.cpp).
void registerElementwiseOps(OpRegistry &registry);
void registerActivationOps(OpRegistry &registry);
void registerTensorOps(OpRegistry &registry);
void registerLinearOps(OpRegistry &registry);
void registerConvPoolOps(OpRegistry &registry);
void registerNormalizationOps(OpRegistry &registry);
void registerReductionOps(OpRegistry &registry);
void registerControlFlowOps(OpRegistry &registry);
void registerRecurrentOps(OpRegistry &registry);
void registerImageOps(OpRegistry &registry);
void registerSpaceBatchOps(OpRegistry &registry);
void registerReverseSequenceOps(OpRegistry &registry);
void registerReshapeLikeOps(OpRegistry &registry);
void registerQuantizeOps(OpRegistry &registry);
void registerAttentionOps(OpRegistry &registry);
void registerRandomOps(OpRegistry &registry);
void registerResampleOps(OpRegistry &registry);
void registerCropResizeOps(OpRegistry &registry);
void registerResizeOps(OpRegistry &registry);
void registerNonMaximumSuppressionOps(OpRegistry &registry);
void registerConvQuantizedOps(OpRegistry &registry);
void registerClassifyOps(OpRegistry &registry);

/// The registry of every implemented op type (built once).
const OpRegistry &getOpRegistry();

} // namespace mil::interp

#endif // MIL_LIB_INTERPRETER_OPCONTEXT_H
