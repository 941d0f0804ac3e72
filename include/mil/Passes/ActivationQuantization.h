//===- ActivationQuantization.h - ops the W8A8 rewrite quantizes -*- C++ -*-=//
//
// Part of mil-mlir. mil-linear-quantize-activations puts a quantize ->
// dequantize pair before the inputs of some ops (and, from there, after
// them). A search that leaves some of them in float (mil-compress
// --activation-target-snr) needs the list the rewrite would use.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_PASSES_ACTIVATIONQUANTIZATION_H
#define MIL_PASSES_ACTIVATIONQUANTIZATION_H

#include "mil/Pipeline/CompressionConfig.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace mil {

/// The MIL names of the ops of `module` whose inputs
/// mil-linear-quantize-activations quantizes under `config` (conv,
/// avg_pool, max_pool, linear and add with float inputs that the config
/// does not skip), in program order, each once. An op name mapped to None
/// in `config` leaves that op (and the pairs after it) in float.
std::vector<std::string>
getActivationQuantizedOps(mlir::ModuleOp module,
                          const pipeline::OptimizationConfig &config);

} // namespace mil

#endif // MIL_PASSES_ACTIVATIONQUANTIZATION_H
