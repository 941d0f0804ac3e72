// RUN: mil-opt %s -split-input-file -verify-diagnostics --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json"
// RUN: not mil-opt %s --mil-linear-quantize-activations 2>&1 | FileCheck %s --check-prefix=NOSTATS
// RUN: not mil-opt %s --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json config=%S/Inputs/actq-config-uint8.json" 2>&1 | FileCheck %s --check-prefix=UINT8

// NOSTATS: linear_quantize_activations: give either activation-stats=FILE.json or calibration-data=FILE.npz,...
// UINT8: linear_quantize_activations supports only mode linear_symmetric with dtype int8

// A tensor to quantize that has no range is an error naming it.
mil.function @missing(%y: tensor<1x4xf16>) -> tensor<1x2xf16> attributes {opset = "CoreML7", input_names = ["y"]} {
  %w = mil.const dense<5.000000e-01> : tensor<2x4xf16> {name = "w"}
  // expected-error @+1 {{no statistics for tensor 'y'}}
  %fc = mil.linear x(%y) weight(%w) {name = "fc"} : (tensor<1x4xf16>, tensor<2x4xf16>) -> tensor<1x2xf16>
  mil.return %fc : tensor<1x2xf16>
}
