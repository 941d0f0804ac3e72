//===- ControlFlow.td - MIL control flow and list ops ---------*- tablegen -*-===//
//
// Branches, loops, select and lists (coremltools ops/defs/iOS15/
// control_flow.py). `const` is mil.const (Core.td).
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CONTROL_FLOW_TD
#define MIL_CONTROL_FLOW_TD

include "MILBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

//===----------------------------------------------------------------------===//
// Branches and loops
//===----------------------------------------------------------------------===//

def MIL_CondOp : MIL_Op<"cond", [
    RecursiveMemoryEffects,
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
                              ["areTypesCompatible"]>]> {
  let summary = "run one of two blocks depending on a predicate";
  let description = [{
    MIL `cond` (iOS15+): runs `true_branch` when the bool `pred` is true,
    else `false_branch`. `pred` holds one element: a scalar, or a rank-1
    one-element tensor as coremltools' converters also write. The branches
    take no arguments and end with `mil.return` of outputs whose types
    agree; the op's results are the outputs of the branch that ran.

    ```mlir
    %r = mil.cond pred(%p) {
      mil.return %a : tensor<2xf32>
    } else {
      mil.return %b : tensor<2xf32>
    } {name = "c"} : (tensor<i1>) -> tensor<2xf32>
    ```
  }];
  let arguments = (ins MIL_BoolTensor:$pred);
  let results = (outs Variadic<MIL_AnyValue>:$outputs);
  let regions = (region SizedRegion<1>:$true_branch,
                        SizedRegion<1>:$false_branch);
  let assemblyFormat = [{
    `pred` `(` $pred `)` $true_branch `else` $false_branch attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def MIL_WhileLoopOp : MIL_Op<"while_loop", [RecursiveMemoryEffects]> {
  let summary = "repeat a block while a condition block returns true";
  let description = [{
    MIL `while_loop` (iOS15+): `loop_vars` seed the loop. Each iteration
    runs `cond` on the current loop variables, which returns one bool
    element (`tensor<i1>`, or `tensor<1xi1>` as coremltools' PyTorch
    converter writes it); while it is true, `body` runs on them and returns
    their next values. Both blocks take the loop variables as arguments; the
    op's results are the final loop variables.

    ```mlir
    %r = mil.while_loop loop_vars(%i) cond {
    ^bb0(%c: tensor<i32>):
      ...
      mil.return %keep_going : tensor<i1>
    } body {
    ^bb0(%b: tensor<i32>):
      ...
      mil.return %next : tensor<i32>
    } {name = "w"} : (tensor<i32>) -> tensor<i32>
    ```
  }];
  let arguments = (ins Variadic<MIL_AnyValue>:$loop_vars);
  let results = (outs Variadic<MIL_AnyValue>:$outputs);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let assemblyFormat = [{
    `loop_vars` `(` $loop_vars `)` `cond` $cond `body` $body attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def MIL_SelectOp : MIL_PureOp<"select"> {
  let summary = "pick elements of `a` where `cond` holds, else of `b`";
  let description = [{
    MIL `select` (iOS15+): `cond`, `a` and `b` broadcast against each other;
    `a` and `b` share one element type, which the output has.
  }];
  let arguments = (ins MIL_BoolTensor:$cond,
                       MIL_NumBoolTensor:$a,
                       MIL_NumBoolTensor:$b);
  let results = (outs MIL_NumBoolTensor:$output);
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Lists
//===----------------------------------------------------------------------===//

// An entry of make_list's `elem_shape`: an int32 size or a string naming a
// symbolic size.
def MIL_MakeList_ShapeEntry : MIL_ScalarOf<[MIL_Int32, MIL_String]>;

def MIL_MakeListOp : MIL_PureOp<"make_list"> {
  let summary = "create a list of tensors";
  let description = [{
    MIL `make_list` (iOS15+): a list of `init_length` tensors of dtype `dtype`
    and shape `elem_shape` (int32 sizes, or strings for symbolic sizes);
    with `dynamic_length` the list grows as it is written.
  }];
  let arguments = (ins Optional<MIL_Int32Scalar>:$init_length,
                       Optional<MIL_BoolScalar>:$dynamic_length,
                       Variadic<MIL_MakeList_ShapeEntry>:$elem_shape,
                       Optional<MIL_StringScalar>:$dtype);
  let results = (outs MIL_AnyList:$output);
  let hasVerifier = 1;
}

def MIL_ListLengthOp : MIL_PureOp<"list_length"> {
  let summary = "the length of a list";
  let description = [{
    MIL `list_length` (iOS15+): the number of elements of `ls` as an int32
    scalar.
  }];
  let arguments = (ins MIL_AnyList:$ls);
  let results = (outs MIL_Int32Scalar:$output);
}

def MIL_ListWriteOp : MIL_PureOp<"list_write"> {
  let summary = "write one element of a list";
  let description = [{
    MIL `list_write` (iOS15+): the list `ls` with `value` stored at `index`;
    `value` has the list's element type.
  }];
  let arguments = (ins MIL_AnyList:$ls,
                       MIL_Int32Scalar:$index,
                       MIL_NumBoolTensor:$value);
  let results = (outs MIL_AnyList:$output);
  let hasVerifier = 1;
}

def MIL_ListReadOp : MIL_PureOp<"list_read"> {
  let summary = "read one element of a list";
  let description = [{
    MIL `list_read` (iOS15+): the element of `ls` at `index`; the output has
    the list's element type.
  }];
  let arguments = (ins MIL_AnyList:$ls,
                       MIL_Int32Scalar:$index);
  let results = (outs MIL_AnyTensor:$output);
  let hasVerifier = 1;
}

def MIL_ListGatherOp : MIL_PureOp<"list_gather"> {
  let summary = "stack the list elements at `indices` into a tensor";
  let description = [{
    MIL `list_gather` (iOS15+): `indices` is `[K]`; the output stacks the
    selected elements into a tensor of shape `[K] + element shape`.
  }];
  let arguments = (ins MIL_AnyList:$ls,
                       MIL_Int32Tensor:$indices);
  let results = (outs MIL_AnyTensor:$output);
  let hasVerifier = 1;
}

def MIL_ListScatterOp : MIL_PureOp<"list_scatter"> {
  let summary = "write the slices of `value` into a list at `indices`";
  let description = [{
    MIL `list_scatter` (iOS15+): `indices` is `[K]` and `value` is
    `[K] + element shape`; returns `ls` with `value[i]` stored at
    `indices[i]`.
  }];
  let arguments = (ins MIL_AnyList:$ls,
                       MIL_Int32Tensor:$indices,
                       MIL_NumBoolTensor:$value);
  let results = (outs MIL_AnyList:$output);
  let hasVerifier = 1;
}

#endif // MIL_CONTROL_FLOW_TD
