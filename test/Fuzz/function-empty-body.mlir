// RUN: mil-opt %s -verify-diagnostics -split-input-file
// Found by fuzz-mlir-parse: a mil.function whose body block has no ops at
// all read past the block (FunctionOp::verify asked it for its terminator).

// expected-error @+1 {{'mil.function' op body must end with mil.return}}
mil.function @empty(%x: tensor<4xi32>) -> tensor<4xi32>
    attributes {opset = "CoreML8"} {
}
