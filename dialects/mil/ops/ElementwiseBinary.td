//===- ElementwiseBinary.td - MIL ElementwiseBinary ops ----*- tablegen -*-===//
//
// Elementwise binary ops with numpy broadcasting (coremltools
// ops/defs/iOS15/elementwise_binary.py; no later opset redefines them). `x`
// and `y` share the type domain "T" and so the same dtype; arithmetic ops
// return that dtype, comparisons and logical ops return bool.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_ELEMENTWISE_BINARY_TD
#define MIL_ELEMENTWISE_BINARY_TD

include "MILBase.td"

// x op y on fp16, fp32 or int32, returning the dtype of the inputs.
class MIL_Binary_ArithOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_NumTensor:$y);
  let results = (outs MIL_NumTensor:$output);
  let hasVerifier = 1;
}

// A comparison of fp16, fp32 or int32 values, returning bool.
class MIL_Binary_CompareOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_NumTensor:$x,
                       MIL_NumTensor:$y);
  let results = (outs MIL_BoolTensor:$output);
  let hasVerifier = 1;
}

// A logical connective of bool values, returning bool.
class MIL_Binary_LogicalOp<string mnemonic> : MIL_PureOp<mnemonic> {
  let arguments = (ins MIL_BoolTensor:$x,
                       MIL_BoolTensor:$y);
  let results = (outs MIL_BoolTensor:$output);
  let hasVerifier = 1;
}

def MIL_AddOp : MIL_Binary_ArithOp<"add"> {
  let summary = "elementwise sum";
  let description = [{
    MIL `add` (iOS15+, unchanged in later opsets): x + y, with numpy
    broadcasting of `x` and `y`. The result is the inputs' dtype (fp16, fp32
    or int32).
  }];
}

def MIL_EqualOp : MIL_Binary_CompareOp<"equal"> {
  let summary = "elementwise equality test";
  let description = [{
    MIL `equal` (iOS15+, unchanged in later opsets): x == y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are fp16, fp32
    or int32.
  }];
}

def MIL_FloorDivOp : MIL_Binary_ArithOp<"floor_div"> {
  let summary = "elementwise floor division";
  let description = [{
    MIL `floor_div` (iOS15+, unchanged in later opsets): x / y rounded towards
    negative infinity, with numpy broadcasting of `x` and `y`. The result is
    the inputs' dtype (fp16, fp32 or int32).
  }];
}

def MIL_GreaterOp : MIL_Binary_CompareOp<"greater"> {
  let summary = "elementwise greater-than test";
  let description = [{
    MIL `greater` (iOS15+, unchanged in later opsets): x > y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are fp16, fp32
    or int32.
  }];
}

def MIL_GreaterEqualOp : MIL_Binary_CompareOp<"greater_equal"> {
  let summary = "elementwise greater-or-equal test";
  let description = [{
    MIL `greater_equal` (iOS15+, unchanged in later opsets): x >= y, with
    numpy broadcasting of `x` and `y`. The result is bool; the inputs are
    fp16, fp32 or int32.
  }];
}

def MIL_LessOp : MIL_Binary_CompareOp<"less"> {
  let summary = "elementwise less-than test";
  let description = [{
    MIL `less` (iOS15+, unchanged in later opsets): x < y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are fp16, fp32
    or int32.
  }];
}

def MIL_LessEqualOp : MIL_Binary_CompareOp<"less_equal"> {
  let summary = "elementwise less-or-equal test";
  let description = [{
    MIL `less_equal` (iOS15+, unchanged in later opsets): x <= y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are fp16, fp32
    or int32.
  }];
}

def MIL_LogicalAndOp : MIL_Binary_LogicalOp<"logical_and"> {
  let summary = "elementwise logical and";
  let description = [{
    MIL `logical_and` (iOS15+, unchanged in later opsets): x AND y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are bool.
  }];
}

def MIL_LogicalOrOp : MIL_Binary_LogicalOp<"logical_or"> {
  let summary = "elementwise logical or";
  let description = [{
    MIL `logical_or` (iOS15+, unchanged in later opsets): x OR y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are bool.
  }];
}

def MIL_LogicalXorOp : MIL_Binary_LogicalOp<"logical_xor"> {
  let summary = "elementwise logical exclusive or";
  let description = [{
    MIL `logical_xor` (iOS15+, unchanged in later opsets): x XOR y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are bool.
  }];
}

def MIL_MaximumOp : MIL_Binary_ArithOp<"maximum"> {
  let summary = "elementwise maximum";
  let description = [{
    MIL `maximum` (iOS15+, unchanged in later opsets): the larger of x and y,
    with numpy broadcasting of `x` and `y`. The result is the inputs' dtype
    (fp16, fp32 or int32).
  }];
}

def MIL_MinimumOp : MIL_Binary_ArithOp<"minimum"> {
  let summary = "elementwise minimum";
  let description = [{
    MIL `minimum` (iOS15+, unchanged in later opsets): the smaller of x and y,
    with numpy broadcasting of `x` and `y`. The result is the inputs' dtype
    (fp16, fp32 or int32).
  }];
}

def MIL_ModOp : MIL_Binary_ArithOp<"mod"> {
  let summary = "elementwise remainder";
  let description = [{
    MIL `mod` (iOS15+, unchanged in later opsets): x % y, with numpy
    broadcasting of `x` and `y`. The result is the inputs' dtype (fp16, fp32
    or int32).
  }];
}

def MIL_MulOp : MIL_Binary_ArithOp<"mul"> {
  let summary = "elementwise product";
  let description = [{
    MIL `mul` (iOS15+, unchanged in later opsets): x * y, with numpy
    broadcasting of `x` and `y`. The result is the inputs' dtype (fp16, fp32
    or int32).
  }];
}

def MIL_NotEqualOp : MIL_Binary_CompareOp<"not_equal"> {
  let summary = "elementwise inequality test";
  let description = [{
    MIL `not_equal` (iOS15+, unchanged in later opsets): x != y, with numpy
    broadcasting of `x` and `y`. The result is bool; the inputs are fp16, fp32
    or int32.
  }];
}

def MIL_PowOp : MIL_Binary_ArithOp<"pow"> {
  let summary = "elementwise power";
  let description = [{
    MIL `pow` (iOS15+, unchanged in later opsets): x raised to the power y,
    with numpy broadcasting of `x` and `y`. The result is the inputs' dtype
    (fp16, fp32 or int32).
  }];
}

def MIL_RealDivOp : MIL_Binary_ArithOp<"real_div"> {
  let summary = "elementwise true division";
  let description = [{
    MIL `real_div` (iOS15+, unchanged in later opsets): x / y, with numpy
    broadcasting of `x` and `y`. The result is the inputs' dtype (fp16, fp32
    or int32).
  }];
}

def MIL_SubOp : MIL_Binary_ArithOp<"sub"> {
  let summary = "elementwise difference";
  let description = [{
    MIL `sub` (iOS15+, unchanged in later opsets): x - y, with numpy
    broadcasting of `x` and `y`. The result is the inputs' dtype (fp16, fp32
    or int32).
  }];
}

#endif // MIL_ELEMENTWISE_BINARY_TD
