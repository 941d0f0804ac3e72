//===- Npy.h - NumPy .npy and .npz files ------------------------*- C++ -*-===//
//
// Part of mil-mlir. Reads and writes NumPy's array files (format versions 1
// to 3, little-endian, C order) and `.npz` archives (zip; stored entries,
// zip64 records as numpy writes them). See docs/MilRun.md.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_NPY_H
#define MIL_INTERPRETER_NPY_H

#include "mil/Interpreter/Tensor.h"

#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace mil::interp {

/// Named arrays in file order.
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;

/// The array in the bytes of a `.npy` file; `what` names it in errors.
llvm::Expected<Tensor> parseNpy(llvm::StringRef bytes, llvm::StringRef what);

/// The bytes of a `.npy` file holding `tensor` (fp16 as '<f2', bool '|b1').
/// Strings are not supported.
llvm::Expected<std::string> serializeNpy(const Tensor &tensor);

/// The arrays of a `.npz` file, keyed by entry name without `.npy`.
llvm::Expected<NamedTensors> readNpz(llvm::StringRef path);

/// Writes `arrays` as an uncompressed `.npz` (through a temporary file
/// beside `path`, renamed into place).
llvm::Error writeNpz(llvm::StringRef path, const NamedTensors &arrays);

/// Reads one `.npy` file.
llvm::Expected<Tensor> readNpy(llvm::StringRef path);

} // namespace mil::interp

#endif // MIL_INTERPRETER_NPY_H
