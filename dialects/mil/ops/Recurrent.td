//===- Recurrent.td - MIL recurrent layers -------------------*- tablegen -*-===//
//
// Recurrent layers (coremltools ops/defs/iOS15/recurrent.py,
// iOS17/recurrent.py, iOS18/recurrent.py).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_RECURRENT_TD
#define MIL_RECURRENT_TD

include "MILBase.td"

def MIL_GruOp : MIL_PureOp<"gru"> {
  let summary = "gated recurrent unit over a sequence";
  let description = [{
    MIL `gru` (iOS15+): `x` is `[s, b, I]`, `initial_h` is `[b, H]`,
    `weight_ih` is `[3*H, I]` and `weight_hh` is `[3*H, H]`. The outputs are
    the hidden states `[s or 1, b, H]` (every step with `output_sequence`,
    else the last) and the last hidden state `[b, H]`.

    iOS15 takes fp32 only; iOS17 adds fp16. iOS18 adds `reset_after` and
    `input_bias`.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$initial_h,
                       MIL_FloatTensor:$weight_ih,
                       MIL_FloatTensor:$weight_hh,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_StringScalar>:$direction,
                       Optional<MIL_BoolScalar>:$output_sequence,
                       Optional<MIL_StringScalar>:$recurrent_activation,
                       Optional<MIL_StringScalar>:$activation,
                       Optional<MIL_BoolScalar>:$reset_after,
                       Optional<MIL_FloatTensor>:$input_bias);
  let results = (outs MIL_FloatTensor:$output, MIL_FloatTensor:$output_h);
  let hasVerifier = 1;
}

def MIL_LstmOp : MIL_PureOp<"lstm"> {
  let summary = "long short-term memory over a sequence";
  let description = [{
    MIL `lstm` (iOS15+): `x` is `[s, b, I]`, `initial_h` and `initial_c` are
    `[b, D*H]` (`D` = 2 when `direction` is "bidirectional", else 1),
    `weight_ih` is `[4*H, I]` and `weight_hh` is `[4*H, H]`; the `_back`
    inputs hold the reverse direction of a bidirectional LSTM. The outputs
    are the hidden states `[s or 1, b, D*H]`, the last hidden state and the
    last cell state `[b, D*H]`.

    iOS15 takes fp32 only; iOS17 adds fp16.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$initial_h,
                       MIL_FloatTensor:$initial_c,
                       MIL_FloatTensor:$weight_ih,
                       MIL_FloatTensor:$weight_hh,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_FloatTensor>:$peephole,
                       Optional<MIL_FloatTensor>:$weight_ih_back,
                       Optional<MIL_FloatTensor>:$weight_hh_back,
                       Optional<MIL_FloatTensor>:$bias_back,
                       Optional<MIL_FloatTensor>:$peephole_back,
                       Optional<MIL_StringScalar>:$direction,
                       Optional<MIL_BoolScalar>:$output_sequence,
                       Optional<MIL_StringScalar>:$recurrent_activation,
                       Optional<MIL_StringScalar>:$cell_activation,
                       Optional<MIL_StringScalar>:$activation,
                       Optional<MIL_FloatScalar>:$clip);
  let results = (outs MIL_FloatTensor:$output, MIL_FloatTensor:$output_h,
                      MIL_FloatTensor:$output_c);
  let hasVerifier = 1;
}

def MIL_RnnOp : MIL_PureOp<"rnn"> {
  let summary = "simple recurrent layer over a sequence";
  let description = [{
    MIL `rnn` (iOS15+): `x` is `[s, b, I]`, `initial_h` is `[b, H]`,
    `weight_ih` is `[H, I]` and `weight_hh` is `[H, H]`. The outputs are the
    hidden states `[s or 1, b, H]` and the last hidden state `[b, H]`.

    iOS15 takes fp32 only; iOS17 adds fp16.
  }];
  let arguments = (ins MIL_FloatTensor:$x,
                       MIL_FloatTensor:$initial_h,
                       MIL_FloatTensor:$weight_ih,
                       MIL_FloatTensor:$weight_hh,
                       Optional<MIL_FloatTensor>:$bias,
                       Optional<MIL_StringScalar>:$direction,
                       Optional<MIL_BoolScalar>:$output_sequence,
                       Optional<MIL_StringScalar>:$activation);
  let results = (outs MIL_FloatTensor:$output, MIL_FloatTensor:$output_h);
  let hasVerifier = 1;
}

#endif // MIL_RECURRENT_TD
