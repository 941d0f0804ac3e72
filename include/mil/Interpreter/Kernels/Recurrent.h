//===- Recurrent.h - MIL lstm, gru and rnn ----------------------*- C++ -*-===//
//
// Part of mil-mlir. Pure kernels: no MLIR.
//
// The recurrent layers of MIL (iOS15 forms, iOS17 fp16, iOS18 gru's
// reset_after / input_bias). Layouts: x [S, B, I] (sequence first); weights
// row-major with the gates stacked along the first dimension in MIL's order.
// The input projection of all steps is one GEMM; each step is a GEMM of the
// hidden state.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_INTERPRETER_KERNELS_RECURRENT_H
#define MIL_INTERPRETER_KERNELS_RECURRENT_H

#include "mil/Interpreter/Kernels/Common.h"

namespace mil::kernels {

/// Activations of the MIL recurrent ops, with their parameters.
enum class Activation { Sigmoid, Tanh, Relu, ScaledTanh, SigmoidHard, Linear };
struct ActivationFn {
  Activation kind = Activation::Sigmoid;
  /// scaled_tanh: alpha * tanh(beta * x); sigmoid_hard:
  /// min(max(alpha * x + beta, 0), 1); linear: alpha * x + beta.
  float alpha = 1.0f, beta = 0.0f;
};

/// Parses "sigmoid", "tanh", "relu", "scaled_tanh" (alpha 1, beta 1),
/// "hard_sigmoid" (the name coremltools' recurrent tests use; also
/// "sigmoid_hard"; alpha 0.2, beta 0.5) and "linear" (alpha 1, beta 0), the
/// defaults of Core ML's activation parameters; false for anything else.
bool parseActivation(const std::string &name, ActivationFn &fn);

/// Applies fn to n values in place.
void applyActivation(const ActivationFn &fn, float *values, int64_t n);

/// MIL `direction`.
enum class RnnDirection { Forward, Reverse, Bidirectional };
bool parseRnnDirection(const std::string &name, RnnDirection &direction);

/// Sizes and options shared by the recurrent ops.
struct RnnDims {
  int64_t seqLen = 0, batch = 0, inputSize = 0, hiddenSize = 0;
};

/// The weights of one LSTM direction. Gate order [i, f, o, z] (input,
/// forget, output, cell) along the 4H rows.
struct LstmWeights {
  const float *weightIh = nullptr; ///< [4H, I]
  const float *weightHh = nullptr; ///< [4H, H]
  const float *bias = nullptr;     ///< [4H] = b_ih + b_hh; null: zeros
  const float *peephole = nullptr; ///< [3H], order [i, f, o]; null: zeros
};

struct LstmOptions {
  RnnDirection direction = RnnDirection::Forward;
  bool outputSequence = false;
  ActivationFn recurrentActivation{Activation::Sigmoid};
  ActivationFn cellActivation{Activation::Tanh};
  ActivationFn activation{Activation::Tanh};
  /// MIL `clip` (TensorFlow's cell_clip, which it comes from): when set,
  /// the new cell state c' is clipped to [-clip, clip] before it is used.
  bool hasClip = false;
  float clip = 0.0f;
};

/// MIL `lstm`. With D = 2 for bidirectional, else 1:
///   i = ra(W_ii x + W_hi h + b_i + p_i * c), f likewise with p_f,
///   z = ca(W_iz x + W_hz h + b_z), c' = f * c + i * z,
///   o = ra(W_io x + W_ho h + b_o + p_o * c'), h' = o * a(c').
/// x [S, B, I]; initialH, initialC [B, D*H] (forward in [:, :H], backward in
/// [:, H:]); `backward` is used only for Bidirectional (Reverse runs
/// `forward`'s weights from the last step to the first).
/// output [S or 1, B, D*H] (every step when outputSequence, each at its
/// time index; else the last step of each direction, i.e. hOut); hOut,
/// cOut [B, D*H].
void lstm(const float *x, const RnnDims &dims, const float *initialH,
          const float *initialC, const LstmWeights &forward,
          const LstmWeights &backward, const LstmOptions &options,
          float *output, float *hOut, float *cOut);

/// The weights of a GRU. Gate order [r, o, z] (reset, output/new, update)
/// along the 3H rows.
struct GruWeights {
  const float *weightIh = nullptr;  ///< [3H, I]
  const float *weightHh = nullptr;  ///< [3H, H]
  const float *bias = nullptr;      ///< [3H] hidden bias b_h; null: zeros
  const float *inputBias = nullptr; ///< [3H] iOS18 input_bias b_i; null: 0
};

struct GruOptions {
  bool reverse = false; ///< direction "reverse"
  bool outputSequence = false;
  ActivationFn recurrentActivation{Activation::Sigmoid};
  ActivationFn activation{Activation::Tanh};
  /// iOS18 `reset_after`.
  bool resetAfter = false;
};

/// MIL `gru`:
///   r = ra(W_ir x + b_ir + W_hr h + b_hr), z = ra(... update rows ...),
///   resetAfter false: o = a(W_io x + b_io + W_ho (r * h) + b_ho),
///   resetAfter true:  o = a(W_io x + b_io + r * (W_ho h + b_ho)) (PyTorch),
///   h' = (1 - z) * o + z * h.
/// x [S, B, I], initialH [B, H]; output [S or 1, B, H], hOut [B, H].
void gru(const float *x, const RnnDims &dims, const float *initialH,
         const GruWeights &weights, const GruOptions &options, float *output,
         float *hOut);

/// MIL `rnn`: h' = a(W_ih x + W_hh h + bias). weightIh [H, I], weightHh
/// [H, H], bias [H] or null; x [S, B, I], initialH [B, H]; output [S or 1,
/// B, H], hOut [B, H].
void rnn(const float *x, const RnnDims &dims, const float *initialH,
         const float *weightIh, const float *weightHh, const float *bias,
         bool reverse, bool outputSequence, const ActivationFn &activation,
         float *output, float *hOut);

} // namespace mil::kernels

#endif // MIL_INTERPRETER_KERNELS_RECURRENT_H
