// Calibration errors name the option, the file or the input at fault.
// RUN: rm -rf %t && mkdir -p %t
// RUN: mil-run %S/Inputs/calibration-samples.mlir --random-inputs --function s1 -o %t/s1.npz > /dev/null
// RUN: not mil-opt %s --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json calibration-data=%t/s1.npz" 2>&1 | FileCheck %s --check-prefix=BOTH
// RUN: not mil-opt %s --mil-linear-quantize-activations="calibration-data=%t/none.npz" 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not mil-opt %s --mil-linear-quantize-activations="calibration-data=%t/s1.npz" 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not mil-opt %S/Inputs/calibration-multifunction.mlir --mil-linear-quantize-activations="calibration-data=%t/s1.npz" 2>&1 | FileCheck %s --check-prefix=MULTI
// RUN: mkdir -p %t/dir
// RUN: not mil-opt %s --mil-linear-quantize-activations="activation-stats=%S/Inputs/actq-stats.json dump-activation-stats=%t/dir" 2>&1 | FileCheck %s --check-prefix=DUMP

// BOTH: give either activation-stats=FILE.json or calibration-data=FILE.npz,...
// NOFILE: none.npz
// SHAPE: input 'y' has shape [4], the program declares [1, 4]
// SHAPE: calibration failed on sample {{.*}}s1.npz
// MULTI: calibration-data runs only the default function, but the program has 2 functions (main, other); give activation-stats=FILE.json
// DUMP: cannot write activation stats '{{.*}}dir'
mil.function @main(%y: tensor<1x4xf32>) -> tensor<1x2xf32> attributes {opset = "CoreML7", input_names = ["y"]} {
  %w = mil.const dense<5.000000e-01> : tensor<2x4xf32> {name = "w"}
  %fc = mil.linear x(%y) weight(%w) {name = "fc"} : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<1x2xf32>
  mil.return %fc : tensor<1x2xf32>
}
