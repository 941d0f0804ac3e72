// random_* draw from the interpreter's documented generator (Core ML's
// stream is not reproducible): u(i) = (splitmix64(seed * 2^32 + i) >> 40) *
// 2^-24. The goldens come from a Python transcription of that formula.
// RUN: mil-run %s --random-inputs --function uniform --print-outputs | FileCheck %s --check-prefix=UNI
// RUN: mil-run %s --random-inputs --function bernoulli --print-outputs | FileCheck %s --check-prefix=BER
// RUN: mil-run %s --random-inputs --function normal --print-outputs | FileCheck %s --check-prefix=NOR
// RUN: mil-run %s --random-inputs --function default_seed --print-outputs | FileCheck %s --check-prefix=DEF
// RUN: mil-run %s --random-inputs --function categorical --print-outputs | FileCheck %s --check-prefix=CAT
// RUN: not mil-run %s --random-inputs --function too_large 2>&1 | FileCheck %s --check-prefix=LARGE
// RUN: not mil-run %s --random-inputs --function bad_mode 2>&1 | FileCheck %s --check-prefix=MODE

module {
  // UNI: y = 1.95082 -0.589925 1.61028 2.95619{{$}}
  mil.function @uniform() -> tensor<4xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[4]> : tensor<1xi32> {name = "s"}
    %lo = mil.const dense<-1.0> : tensor<f32> {name = "lo"}
    %hi = mil.const dense<3.0> : tensor<f32> {name = "hi"}
    %seed = mil.const dense<7> : tensor<i32> {name = "seed"}
    %y = mil.random_uniform shape(%s) low(%lo) high(%hi) seed(%seed) {name = "y"} : (tensor<1xi32>, tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<4xf32>
    mil.return %y : tensor<4xf32>
  }

  // BER: y = 0 1 0 0 0 0{{$}}
  mil.function @bernoulli() -> tensor<2x3xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[2, 3]> : tensor<2xi32> {name = "s"}
    %p = mil.const dense<0.3> : tensor<f32> {name = "p"}
    %seed = mil.const dense<7> : tensor<i32> {name = "seed"}
    %y = mil.random_bernoulli shape(%s) prob(%p) seed(%seed) {name = "y"} : (tensor<2xi32>, tensor<f32>, tensor<i32>) -> tensor<2x3xf32>
    mil.return %y : tensor<2x3xf32>
  }

  // NOR: y = 3.61638 2.96491 3.9013{{$}}
  mil.function @normal() -> tensor<3xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[3]> : tensor<1xi32> {name = "s"}
    %m = mil.const dense<1.0> : tensor<f32> {name = "m"}
    %sd = mil.const dense<2.0> : tensor<f32> {name = "sd"}
    %seed = mil.const dense<7> : tensor<i32> {name = "seed"}
    %y = mil.random_normal shape(%s) mean(%m) stddev(%sd) seed(%seed) {name = "y"} : (tensor<1xi32>, tensor<f32>, tensor<f32>, tensor<i32>) -> tensor<3xf32>
    mil.return %y : tensor<3xf32>
  }

  // Without a seed, the stream of seed -1.
  // DEF: y = 0.131344 0.35433 0.970442{{$}}
  mil.function @default_seed() -> tensor<3xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[3]> : tensor<1xi32> {name = "s"}
    %y = mil.random_uniform shape(%s) {name = "y"} : (tensor<1xi32>) -> tensor<3xf32>
    mil.return %y : tensor<3xf32>
  }

  // Row 0 puts all mass on class 1; row 1 draws u(4..7) against the
  // cumulative [0.25, 0.5, 1].
  // CAT: y = 1 1 1 1 2 2 2 2{{$}}
  mil.function @categorical() -> tensor<2x4xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0.0, 1.0, 0.0], [0.25, 0.25, 0.5]]> : tensor<2x3xf32> {name = "x"}
    %mode = mil.const dense<"probs"> : tensor<!mil.string> {name = "mode"}
    %n = mil.const dense<4> : tensor<i32> {name = "n"}
    %seed = mil.const dense<7> : tensor<i32> {name = "seed"}
    %y = mil.random_categorical x(%x) mode(%mode) size(%n) seed(%seed) {name = "y"} : (tensor<2x3xf32>, tensor<!mil.string>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>
    mil.return %y : tensor<2x4xf32>
  }

  // LARGE: error: cannot evaluate 'random_normal' op 'y': result shape [65536, 65536] exceeds the interpreter's limit of 268435456 elements
  mil.function @too_large() -> tensor<65536x65536xf32> attributes {opset = "CoreML7", input_names = []} {
    %s = mil.const dense<[65536, 65536]> : tensor<2xi32> {name = "s"}
    %y = mil.random_normal shape(%s) {name = "y"} : (tensor<2xi32>) -> tensor<65536x65536xf32>
    mil.return %y : tensor<65536x65536xf32>
  }

  // MODE: error: cannot evaluate 'random_categorical' op 'y': mode must be "logits" or "probs", not "odds"
  mil.function @bad_mode() -> tensor<1x1xf32> attributes {opset = "CoreML7", input_names = []} {
    %x = mil.const dense<[[0.5, 0.5]]> : tensor<1x2xf32> {name = "x"}
    %mode = mil.const dense<"odds"> : tensor<!mil.string> {name = "mode"}
    %y = mil.random_categorical x(%x) mode(%mode) {name = "y"} : (tensor<1x2xf32>, tensor<!mil.string>) -> tensor<1x1xf32>
    mil.return %y : tensor<1x1xf32>
  }
}
