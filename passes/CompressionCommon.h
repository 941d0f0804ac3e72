//===- CompressionCommon.h - shared machinery of compression passes -*- C++
//-*-//
//
// Part of mil-mlir. What coremltools' AbstractCompressionPass and its helpers
// do for every weight compression pass (spec/compression.md 2.6-2.8): which
// consts are candidates, which config applies to a const, the channel axes
// its consumers imply, the block sizes of a config, and reading and writing
// weight tensors for the kernels of lib/Compression.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_COMPRESSIONCOMMON_H
#define MIL_PASSES_COMPRESSIONCOMMON_H

#include "mil/Compression/Prune.h"
#include "mil/Compression/TensorRef.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/Progress.h"
#include "mil/Pipeline/CompressionConfig.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Threading.h"
#include "llvm/ADT/DenseSet.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace mil::passes {

/// The opset versions where the constexpr forms change.
constexpr unsigned kIOS16Opset = 6; // CoreML6
constexpr unsigned kIOS18Opset = 8; // CoreML8

/// coremltools' `is_valid_op`: a `mil.const` holding at least 10 elements of
/// fp16, fp32, uint8 or int8.
bool isCandidateConst(ConstOp op);

/// The output and input channel axes the consumers of a const imply (spec
/// 2.8), normalized to [0, rank); an axis the consumers disagree on is
/// unset (and a warning names the const).
struct ChannelAxes {
  std::optional<int64_t> output, input;
};
ChannelAxes selectChannelAxes(ConstOp op);
/// The same for the dense weight `weight` (a const's or a constexpr op's
/// result); warnings name `name` and go to `reportOn`.
ChannelAxes selectChannelAxes(mlir::Value weight, mlir::Operation *reportOn,
                              llvm::StringRef name);

/// The MIL name coremltools gives a const: its own, or for an unnamed
/// literal of one op's input, "{op}_{input}_0" (what loading the program
/// from its protobuf names it).
std::string weightName(ConstOp op);

/// The single (op, MIL input name) use of `v` when it has exactly one use.
std::optional<std::pair<mlir::Operation *, llvm::StringRef>>
soleUse(mlir::Value v);

/// The config of `op` resolved as `_get_const_op_config` does (spec 2.6):
/// op name, an error for an op-type entry of a const, no consumers -> none,
/// through constexpr consumers to the real consumer, and every consumer's
/// config (op name, op type, global) must agree. Fails with coremltools'
/// conflict message on the const.
mlir::FailureOr<std::optional<pipeline::OpCompressorConfig>>
resolveConstConfig(ConstOp op, const pipeline::OptimizationConfig &config);

/// The per-candidate gate `need_compress_const` (spec 2.7) for a resolved
/// config: consumers that are constexpr ops skip the const; rank 0/1 are
/// skipped; compress iff the element count is strictly greater than
/// `weightThreshold`. Fails when the threshold is unset. When the const is
/// skipped, `why` (if given) says why.
mlir::FailureOr<bool> needCompressConst(ConstOp op,
                                        std::optional<int64_t> weightThreshold,
                                        std::string *why = nullptr);

/// Why resolveConstConfig gave no config for `op`.
std::string noConfigReason(mlir::Operation *op);

/// Tells the driver (mil/Passes/Progress.h) that `pass` (coremltools' name)
/// compressed the weight `op` stands for, or left it as it is for `reason`.
void reportCompressed(mlir::Operation *op, llvm::StringRef pass);
void reportSkipped(mlir::Operation *op, llvm::StringRef pass,
                   const llvm::Twine &reason);

/// A kernel's view of a const's value: packed bytes in weight.bin encoding
/// (int8/uint8/fp16/fp32 are not copied when the value is a resource).
struct WeightView {
  std::vector<uint8_t> storage;
  llvm::SmallVector<int64_t> shape;
  /// Without its shape and, when the bytes are in `storage`, without its
  /// data pointer: the view is moved (and may be copied) after it is made.
  compression::TensorRef ref;
  bool inStorage = false;
  compression::TensorRef tensor() const {
    compression::TensorRef r = ref;
    r.shape = shape;
    if (inStorage)
      r.data = storage.data();
    return r;
  }
};
mlir::FailureOr<WeightView> viewWeight(ConstOp op);

/// Runs fn on every element of `items` in parallel, largest `size` (bytes)
/// first: a pass's weights differ in size by orders of magnitude, and a
/// large one started last would run alone. Each item done is reported to
/// the progress callback (mil/Passes/Progress.h).
template <typename T, typename SizeFn, typename Fn>
void parallelForEachLargestFirst(mlir::MLIRContext *context,
                                 std::vector<T> &items, SizeFn &&size,
                                 Fn &&fn) {
  std::vector<T *> order;
  for (T &item : items)
    order.push_back(&item);
  std::stable_sort(order.begin(), order.end(),
                   [&](T *a, T *b) { return size(*a) > size(*b); });
  mlir::parallelForEach(context, order, [&](T *item) {
    fn(*item);
    reportWeightProgress(size(*item));
  });
}

/// The kernel element type of an MLIR element type, if it has one.
std::optional<compression::ElemType> kernelElemType(mlir::Type type);

/// A blob-backed const of `type` from one byte per element (`unpacked`, for
/// sub-byte types) or raw little-endian bytes (`raw`, otherwise), marked
/// `inline` (coremltools writes a const that only constexpr ops consume as
/// a literal of that op).
mlir::Value createWeightConst(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType type,
                              llvm::ArrayRef<uint8_t> bytes,
                              llvm::StringRef name);
/// The same from a buffer a kernel already filled with the packed bytes,
/// which the const's blob takes over (no copy).
mlir::Value createWeightConst(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType type,
                              ResourceBuffer buffer, llvm::StringRef name);

/// A resource buffer holding `bytes`: one byte per element packed to
/// `width` bits when `width` < 8, else copied; in parallel chunks.
ResourceBuffer toResourceBuffer(llvm::ArrayRef<uint8_t> bytes, unsigned width);

/// Replaces every use of `op` by `replacement` and erases it.
void replaceConst(ConstOp op, mlir::Value replacement);

/// The OptimizationConfig of a pass run: read from `configFile` when it is
/// set (and then no field option may be), else a global config of class
/// `configType` from the field options that are set (`fields`: MIL field
/// name and the option's text, "" when unset). Every config in it must be
/// of one of the `accepted` classes (coremltools' "{pass} only accept ...
/// type config" check). Errors are reported on `anchor`.
mlir::FailureOr<pipeline::OptimizationConfig>
loadPassConfig(mlir::Operation *anchor, llvm::StringRef passName,
               llvm::StringRef configFile, llvm::StringRef configType,
               llvm::ArrayRef<std::pair<std::string, std::string>> fields,
               llvm::ArrayRef<llvm::StringRef> accepted = {});

/// The MIL input name that operand `index` of `op` binds ("" if none).
llvm::StringRef milInputName(mlir::Operation *op, unsigned index);

/// The value of the integer scalar input `name` of `op` when a const gives
/// it.
std::optional<int64_t> intInput(mlir::Operation *op, llvm::StringRef name);

//===----------------------------------------------------------------------===//
// Joint compression (spec 2.7, 3.5)
//===----------------------------------------------------------------------===//

/// The value the constexpr chain starting at `op` finally gives a
/// non-constexpr consumer (its last result, followed through constexpr
/// consumers).
mlir::Value finalDenseValue(mlir::Operation *op);

/// The joint-mode gate: rank 0/1 are fine (the const feeds a constexpr op),
/// and the element count compared with `weightThreshold` is that of the
/// final dense weight. Fails when the threshold is unset.
mlir::FailureOr<bool> needCompressJoint(ConstOp op, mlir::Operation *consumer,
                                        std::optional<int64_t> threshold);

/// The materialized value of result `index` of constexpr op `op` (its
/// constexpr producers evaluated first) as a kernel view.
mlir::FailureOr<WeightView> viewConstexprResult(mlir::Operation *op,
                                                unsigned index);

/// The elements of a const: one byte each for sub-byte types (unpacked),
/// else its raw bytes; `elementBytes` is the size of one element.
mlir::FailureOr<std::vector<uint8_t>> readElements(mlir::Value v,
                                                   size_t &elementBytes);

/// The elements of a uint1 mask const, one byte each.
mlir::FailureOr<std::vector<uint8_t>> readMask(mlir::Value mask);

/// resolveConstConfig for any op standing for a weight (a const or a
/// constexpr op).
mlir::FailureOr<std::optional<pipeline::OpCompressorConfig>>
resolveWeightConfig(mlir::Operation *op,
                    const pipeline::OptimizationConfig &config);

/// True when every consumer of `weight` is a conv or linear taking it as its
/// weight (where structural pruning applies).
bool feedsOnlyConvLinearWeight(mlir::Value weight);

/// The pruning kernel `config` (a pruner config) selects.
compression::Status runPruneKernel(const pipeline::OpCompressorConfig &config,
                                   const compression::TensorRef &w,
                                   compression::SparseParams &out);

/// prune_weights in joint mode: prunes the quantized and palettized weights
/// of `fn` (PruneJoint.cpp).
mlir::LogicalResult
pruneCompressedWeights(FunctionOp fn,
                       const pipeline::OptimizationConfig &config);

/// The opset gate of coremltools' AbstractCompressionPass (spec 2.7):
/// before iOS16 the pass skips `fn` with a warning (false); joint mode
/// before iOS18 is an error. True when the pass should run on `fn`.
mlir::FailureOr<bool>
checkCompressionOpset(FunctionOp fn, llvm::StringRef passName, bool joint);

/// The candidate consts (isCandidateConst) of `fn`, in program order. With
/// `pass`, the tensors of at least 10 elements that are not candidates are
/// reported skipped (reportSkipped) for their element type.
llvm::SmallVector<ConstOp> collectCandidateConsts(FunctionOp fn,
                                                  llvm::StringRef pass = "");

/// The enclosing function's opset version (0 when unknown).
unsigned opsetOf(mlir::Operation *op);

//===----------------------------------------------------------------------===//
// Weights shared between functions
//===----------------------------------------------------------------------===//

/// A weight that several functions use is one value attribute (import gives
/// a blob one resource). A pass compresses it once, in the first function,
/// and gives the other functions a copy of that compressed form: the same
/// parameter attributes, which export writes once.
class SharedWeights {
public:
  /// Finds the candidate weights of `module` used by several functions and
  /// checks that every function resolves the same config for each (else an
  /// error names the weight and the functions).
  mlir::LogicalResult init(mlir::ModuleOp module,
                           const pipeline::OptimizationConfig &config);

  /// When another function compressed the value of `op` already, replaces
  /// `op` by a copy of that compressed form (reported compressed by `pass`)
  /// and returns true.
  bool reuse(ConstOp op, llvm::StringRef pass);

  /// Call before rewriting `op` (a candidate const), then `commit` after:
  /// the replacement is remembered when the weight is shared.
  struct Pending {
    mlir::Attribute key;
    mlir::OpOperand *use = nullptr;
    std::string name;
  };
  Pending prepare(ConstOp op);
  void commit(const Pending &pending);

private:
  struct Compressed {
    mlir::Value value;
    std::string name; ///< The weight's name where it was compressed.
  };
  llvm::DenseSet<mlir::Attribute> shared;
  llvm::DenseMap<mlir::Attribute, Compressed> compressed;
};

} // namespace mil::passes

#endif // MIL_PASSES_COMPRESSIONCOMMON_H
