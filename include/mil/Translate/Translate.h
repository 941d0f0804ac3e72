//===- Translate.h - Core ML model files <-> mil dialect --------*- C++ -*-===//
//
// Part of mil-mlir. Import turns an ML program (`.mlpackage` or `.mlmodel`)
// into a module of `mil.function`s; export writes such a module back. A
// pipeline model becomes a module of nested modules, one per sub-model.
// Weights become `dense_resource` attributes backed by the memory-mapped
// weight file: importing copies no weight.
//
// What the dialect does not model (the model description, metadata, program
// attributes, attributes of unknown ops) is kept on the module as structured
// attributes mirroring the protobuf messages field by field, so that export
// reproduces the original message.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TRANSLATE_TRANSLATE_H
#define MIL_TRANSLATE_TRANSLATE_H

#include "mil/Dialect/MILDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace mil {

struct ImportOptions {
  /// Read the program without resolving weight files: blob values become
  /// `mil.const`s of a `blob_file`/`blob_offset` placeholder. Lets a program
  /// whose weights are missing be inspected.
  bool programOnly = false;
};

/// Imports a `.mlpackage` directory or a `.mlmodel` file (chosen by what
/// `path` is). Errors are emitted as diagnostics on `ctx` naming the file.
mlir::OwningOpRef<mlir::ModuleOp>
importModel(llvm::StringRef path, mlir::MLIRContext *ctx,
            const ImportOptions &options = {});

/// The modules holding the ML programs of `module`: `module` itself, or for
/// a pipeline each of its sub-programs (nested pipelines included), in
/// order. Passes run on each of them.
llvm::SmallVector<mlir::ModuleOp> getProgramModules(mlir::ModuleOp module);

struct ExportOptions {
  /// Replace an existing output.
  bool force = false;
};

/// Exports `module` to a `.mlpackage` directory at `path`. The package is
/// written to a temporary directory beside `path` and renamed into place only
/// when complete; an existing `path` is refused unless `options.force`.
mlir::LogicalResult exportMLPackage(mlir::ModuleOp module, llvm::StringRef path,
                                    const ExportOptions &options = {});

/// Exports `module` to a single-file `.mlmodel` (every value immediate).
mlir::LogicalResult exportMLModel(mlir::ModuleOp module, llvm::StringRef path,
                                  const ExportOptions &options = {});

/// Module attribute names the translator uses.
namespace attrs {
/// Everything of the `Model` message but the program, mirrored field by field.
constexpr llvm::StringLiteral kModel = MILDialect::kModelAttr;
/// The `Program` message but its functions (version, buildInfo), mirrored.
constexpr llvm::StringLiteral kProgram = MILDialect::kProgramAttr;
/// Marks the module of a pipeline model (pipeline, pipelineClassifier,
/// pipelineRegressor; which one is in kModel). Its sub-models are the nested
/// modules, in order: an ML program as a module of functions, any other
/// model as a module holding only kSerializedModel.
constexpr llvm::StringLiteral kPipeline = "mil.pipeline";
/// A sub-model the dialect does not model: its Model message, serialized.
constexpr llvm::StringLiteral kSerializedModel = "mil.serialized_model";
/// The weight file a sub-program's blobs live in (coremltools names them
/// "@model_path/weights/<i>-weight.bin" in a pipeline).
constexpr llvm::StringLiteral kWeightFile = "mil.weight_file";
} // namespace attrs

} // namespace mil

#endif // MIL_TRANSLATE_TRANSLATE_H
