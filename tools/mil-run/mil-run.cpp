//===- mil-run.cpp - the mil-run executable ---------------------*- C++ -*-===//
//
// Part of mil-mlir. The tool is mil::milRunMain (lib/Tools/).
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilRunMain.h"

#include "llvm/Support/InitLLVM.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  return mil::milRunMain(argc, argv);
}
