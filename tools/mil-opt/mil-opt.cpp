//===- mil-opt.cpp - opt-style driver for the mil dialect -------*- C++ -*-===//
//
// Part of mil-mlir. Parses MIL IR, runs passes and prints the result; used by
// the lit tests and for experiments.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILDialect.h"
#include "mil/Passes/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  mil::registerMILPasses();

  mlir::DialectRegistry registry;
  registry.insert<mil::MILDialect>();

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mil-mlir optimizer driver\n", registry));
}
