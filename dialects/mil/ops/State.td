//===- State.td - MIL state ops ------------------------------*- tablegen -*-===//
//
// Reading and writing states (coremltools ops/defs/iOS18/states.py; the
// `write_state` op type coremltools serializes its coreml_update_state as).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_STATE_TD
#define MIL_STATE_TD

include "MILBase.td"

// What a state may be updated with (coreml_update_state's "T").
def MIL_State_DataTensor
    : MIL_TensorOf<[F16, F32, MIL_Int8, MIL_Int16, MIL_Int32, MIL_UInt8,
                    MIL_UInt16, MIL_Bool]>;

def MIL_ReadStateOp
    : MIL_Op<"read_state", [MemoryEffects<[MemRead]>]> {
  let summary = "copy the tensor a state holds";
  let description = [{
    MIL `read_state` (iOS18+): returns a copy of the tensor wrapped in the
    state `input`; the output has the wrapped type.
  }];
  let arguments = (ins MIL_AnyState:$input);
  let results = (outs MIL_AnyTensor:$output);
  let hasVerifier = 1;
}

def MIL_WriteStateOp
    : MIL_Op<"write_state", [MemoryEffects<[MemWrite]>]> {
  let summary = "store a tensor into a state";
  let description = [{
    MIL `write_state` (iOS18+): copies `data` into the state `input`; `data`
    has the type the state wraps. It has no outputs. coremltools builds it
    from its `coreml_update_state` (which also reads the state back) when it
    serializes a program.
  }];
  let arguments = (ins MIL_AnyState:$input,
                       MIL_State_DataTensor:$data);
  let hasVerifier = 1;
}

#endif // MIL_STATE_TD
