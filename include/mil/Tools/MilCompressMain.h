//===- MilCompressMain.h - mil-compress's entry point -----------*- C++ -*-===//
//
// Part of mil-mlir. The whole of mil-compress but process setup (InitLLVM),
// as a library function, so that a fuzz target (fuzz/) runs the tool's real
// entry with an argv. It returns the tool's exit code on every input and
// never calls exit() (but for --help and --version). Its options are
// llvm::cl globals: reset them (cl::ResetAllOptionOccurrences) before
// calling it again in the same process.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TOOLS_MILCOMPRESSMAIN_H
#define MIL_TOOLS_MILCOMPRESSMAIN_H

namespace mil {

/// Runs mil-compress with the given command line; returns its exit code.
int milCompressMain(int argc, char **argv);

} // namespace mil

#endif // MIL_TOOLS_MILCOMPRESSMAIN_H
