//===- MilTranslateMain.cpp - mil-translate's entry point -------*- C++ -*-===//
//
// Part of mil-mlir. Core ML model files <-> mil IR:
//
//   mil-translate --import-mlpackage model.mlpackage [-o out.mlir]
//   mil-translate --import-mlmodel model.mlmodel [-o out.mlir]
//   mil-translate --export-mlpackage in.mlir -o out.mlpackage [--force]
//   mil-translate --export-mlmodel in.mlir -o out.mlmodel [--force]
//
// Export reads MLIR text or bytecode, or a model file (which is imported
// first, so that `--export-mlpackage a.mlpackage -o b.mlpackage` rewrites a
// package). The input is never modified.
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilTranslateMain.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Translate/Translate.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {
enum class Action {
  ImportMLPackage,
  ImportMLModel,
  ExportMLPackage,
  ExportMLModel
};
} // namespace

static cl::opt<Action>
    action(cl::desc("Translation:"), cl::Required,
           cl::values(clEnumValN(Action::ImportMLPackage, "import-mlpackage",
                                 "read a .mlpackage, print mil IR"),
                      clEnumValN(Action::ImportMLModel, "import-mlmodel",
                                 "read a .mlmodel, print mil IR"),
                      clEnumValN(Action::ExportMLPackage, "export-mlpackage",
                                 "write mil IR (or a model) as a .mlpackage"),
                      clEnumValN(Action::ExportMLModel, "export-mlmodel",
                                 "write mil IR (or a model) as a .mlmodel")));
static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<input>"));
static cl::opt<std::string> outputPath("o", cl::desc("output path"),
                                       cl::value_desc("path"), cl::init("-"));
static cl::opt<bool> force("force", cl::desc("replace an existing output"));
static cl::opt<bool>
    programOnly("program-only",
                cl::desc("import the program without reading weight files"));
static cl::opt<bool> emitBytecode("emit-bytecode",
                                  cl::desc("print MLIR bytecode on import"));

static bool isModelPath(llvm::StringRef path) {
  return llvm::sys::fs::is_directory(path) || path.ends_with(".mlmodel") ||
         path.ends_with(".mlpackage");
}

static OwningOpRef<ModuleOp> load(MLIRContext &ctx) {
  // Import reads a model whatever the file is named; export reads a model or
  // MLIR.
  bool importing =
      action == Action::ImportMLPackage || action == Action::ImportMLModel;
  if (importing || isModelPath(inputPath)) {
    mil::ImportOptions options;
    options.programOnly = programOnly;
    return mil::importModel(inputPath, &ctx, options);
  }
  std::string error;
  auto file = openInputFile(inputPath, &error);
  if (!file) {
    llvm::errs() << "mil-translate: " << error << "\n";
    return nullptr;
  }
  // A shared source manager lets bytecode resources point into the mapped
  // input instead of being copied to the heap.
  auto sourceMgr = std::make_shared<llvm::SourceMgr>();
  sourceMgr->AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(*sourceMgr, &ctx);
  return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&ctx));
}

int mil::milTranslateMain(int argc, char **argv) {
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  if (!cl::ParseCommandLineOptions(
          argc, argv, "Core ML model files <-> mil IR\n", &llvm::errs()))
    return 1;

  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();

  OwningOpRef<ModuleOp> module = load(ctx);
  if (!module)
    return 1;

  switch (action) {
  case Action::ImportMLPackage:
  case Action::ImportMLModel: {
    std::string error;
    auto output = openOutputFile(outputPath, &error);
    if (!output) {
      llvm::errs() << "mil-translate: " << error << "\n";
      return 1;
    }
    if (emitBytecode) {
      if (failed(writeBytecodeToFile(*module, output->os())))
        return 1;
    } else {
      module->print(output->os());
      output->os() << "\n";
    }
    output->keep();
    return 0;
  }
  case Action::ExportMLPackage:
  case Action::ExportMLModel: {
    if (outputPath == "-") {
      llvm::errs() << "mil-translate: export needs an output path (-o)\n";
      return 1;
    }
    if (failed(verify(*module)))
      return 1;
    mil::ExportOptions options;
    options.force = force;
    LogicalResult result =
        action == Action::ExportMLPackage
            ? mil::exportMLPackage(*module, outputPath, options)
            : mil::exportMLModel(*module, outputPath, options);
    return failed(result) ? 1 : 0;
  }
  }
  return 1;
}
