//===- mil-translate.cpp - the mil-translate executable ---------*- C++ -*-===//
//
// Part of mil-mlir. The tool is mil::milTranslateMain (lib/Tools/).
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilTranslateMain.h"

#include "llvm/Support/InitLLVM.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  return mil::milTranslateMain(argc, argv);
}
