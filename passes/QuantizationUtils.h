//===- QuantizationUtils.h - helpers of the activation passes ---*- C++ -*-===//
//
// Part of mil-mlir. What the activation-quantization passes and coremltools'
// quantize/dequantize canonicalizations share: coremltools' automatic op
// names, the scalar consts a builder call makes for literal inputs, building
// quantize/dequantize ops, and the opset those ops need.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_QUANTIZATIONUTILS_H
#define MIL_PASSES_QUANTIZATIONUTILS_H

#include "mil/Dialect/MILOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>

namespace mil::passes {

/// coremltools names an op built without a name "{type}_{n}", from a counter
/// per op type that starts at 0 in each API call (linear_quantize_weights,
/// linear_quantize_activations, ...) and runs through the pipeline that call
/// runs; common::dedup_op_and_var_names later renames a name used twice.
/// The counters live in the module attribute
/// `coremltools.auto_name_counters`
/// between passes; a pass that starts a call resets them.
class AutoNamer {
public:
  explicit AutoNamer(mlir::ModuleOp module) : module(module) {}
  /// "{type}_{n}", counting n.
  std::string next(llvm::StringRef type);

private:
  mlir::ModuleOp module;
};

/// Starts a new coremltools call: the automatic name counters restart at 0.
void resetAutoNames(mlir::ModuleOp module);

/// A named rank-0 const (what a builder call makes of a literal input: it is
/// named "{op}_{input}_0"). `type` is f16, f32, i8 or ui8.
mlir::Value createScalarConst(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Type type, double value,
                              llvm::StringRef name);
/// The same for a string.
mlir::Value createStringConst(mlir::OpBuilder &b, mlir::Location loc,
                              llvm::StringRef value, llvm::StringRef name);

/// The value of a rank-0 (or one-element) float or integer const.
std::optional<double> scalarConstValue(mlir::Value v);

/// The quantization parameters of a quantize or dequantize op.
struct QuantParamsView {
  mlir::Value input, zeroPoint, scale, axis, outputDtype;
};
QuantParamsView getQuantParams(mlir::Operation *op);

/// Sets the MIL name of `op`; its var is named after it unless `op` has an
/// `outputs` attribute.
void setOpName(mlir::Operation *op, llvm::StringRef name);

/// Erases the const that defines `v` once nothing uses it: what the
/// dead_code_elimination coremltools runs right after a rewrite does to
/// the literal inputs of a replaced op, before names are deduplicated.
void eraseDeadConst(mlir::Value v);

/// quantize(input, zero_point?, scale, axis?, output_dtype) named `name`.
QuantizeOp buildQuantize(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value input, mlir::Value zeroPoint,
                         mlir::Value scale, mlir::Value axis,
                         mlir::Value outputDtype, llvm::StringRef name);
/// dequantize(input, zero_point?, scale, axis?) named `name`.
DequantizeOp buildDequantize(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value input, mlir::Value zeroPoint,
                             mlir::Value scale, mlir::Value axis,
                             llvm::StringRef name);

/// True when `v` is returned by the block that defines it.
bool isBlockOutput(mlir::Value v);

/// The single user of `v` when it has exactly one use (coremltools'
/// `_check_child_op_type` looks at that one child).
mlir::Operation *soleUser(mlir::Value v);

/// The MIL type of `op` ("conv"); mil.generic gives its op_type.
std::string milTypeOf(mlir::Operation *op);

/// coremltools' dequantize_quantize_pair_elimination on every block of
/// `module`; returns the number of quantize ops removed
/// (DequantizeQuantizePairElimination.cpp).
unsigned eliminateDequantizeQuantizePairs(mlir::ModuleOp module);

/// Raises every function of `module` below `opset` (e.g. 7 for iOS17) to
/// it, and the model's specification version with it, as coremltools does
/// when it loads a program for a pass that needs a newer opset.
void raiseOpset(mlir::ModuleOp module, unsigned opset);

} // namespace mil::passes

#endif // MIL_PASSES_QUANTIZATIONUTILS_H
