//===- mil-compress.cpp - the mil-compress executable -----------*- C++ -*-===//
//
// Part of mil-mlir. The tool is mil::milCompressMain (lib/Tools/).
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilCompressMain.h"

#include "llvm/Support/InitLLVM.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  return mil::milCompressMain(argc, argv);
}
