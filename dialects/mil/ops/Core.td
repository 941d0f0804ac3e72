//===- Core.td - functions, const, return, generic op -------*- tablegen -*-===//
//
// The structural ops of a MIL program: functions, constants, block
// terminators, and the generic op that carries any op type the dialect does
// not know.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_CORE_TD
#define MIL_CORE_TD

include "MILBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"

def MIL_FunctionOp : Op<MIL_Dialect, "function", [
    IsolatedFromAbove, FunctionOpInterface, OpAsmOpInterface,
    AutomaticAllocationScope]> {
  let summary = "a MIL function";
  let description = [{
    A MIL function: named inputs, one body block written in `opset`, and the
    values its block outputs. A multifunction program is a module holding
    several `mil.function`s; the module's `mil.default_function` attribute
    names the default one.

    ```mlir
    mil.function @main(%x: tensor<1x4xf16>) -> tensor<1x4xf16>
        attributes {opset = "CoreML8", input_names = ["x"]} {
      %y = mil.relu x(%x) {name = "y"} : (tensor<1x4xf16>) -> tensor<1x4xf16>
      mil.return %y : tensor<1x4xf16>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       StrAttr:$opset,
                       OptionalAttr<StrArrayAttr>:$input_names,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name,
                                 "::mlir::FunctionType":$type,
                                 "::llvm::StringRef":$opset)>];
  let extraClassDeclaration = [{
    /// FunctionOpInterface.
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    /// OpAsmOpInterface: name block arguments after the MIL inputs.
    void getAsmBlockArgumentNames(::mlir::Region &region,
                                  ::mlir::OpAsmSetValueNameFn setNameFn);
    /// The MIL name of input `i`, or "" when it has none.
    ::llvm::StringRef getInputName(unsigned i);
  }];
}

def MIL_ConstOp : Op<MIL_Dialect, "const", [
    ConstantLike, Pure,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "a MIL constant";
  let description = [{
    MIL's `const`: its `val` becomes the attribute `val`. Tensors are
    `ElementsAttr`s: weights are `dense_resource` blobs so that they can be
    backed by the mapped weight file, small values `dense`, strings `dense`
    of `!mil.string`. Sub-byte tensors (int4, uint1..uint6) hold their
    elements bit-packed, LSB first, as the weight file does. A list, tuple or
    dictionary immediate is an `ArrayAttr`/`DictionaryAttr` with the MIL type
    spelled after it.

    ```mlir
    %w = mil.const dense_resource<w0> : tensor<64x32xf16> {name = "w"}
    %s = mil.const dense<"valid"> : tensor<!mil.string> {name = "pad_type"}
    ```
  }];
  let arguments = (ins AnyAttr:$val);
  let results = (outs MIL_AnyValue:$output);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
}

def MIL_ReturnOp : Op<MIL_Dialect, "return", [
    Pure, Terminator, ReturnLike]> {
  let summary = "the outputs of a MIL block";
  let description = [{
    Terminates a function body or a nested block (`cond` branches,
    `while_loop` condition and body) with the block's outputs.
  }];
  let arguments = (ins Variadic<MIL_AnyValue>:$outputs);
  let assemblyFormat = "attr-dict ($outputs^ `:` type($outputs))?";
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, {}); }]>];
}

def MIL_GenericOp : Op<MIL_Dialect, "generic", [
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "a MIL op of a type the dialect does not model";
  let description = [{
    Carries any MIL op type by name so that programs using op types unknown
    to this dialect (a newer opset, a custom layer) survive import, passes
    and export unchanged. Inputs keep their MIL names and print like the
    inputs of every MIL op; an input may bind several values (a tuple input).
    Nested MIL blocks are regions.

    ```mlir
    %y = mil.generic "my_op" x(%a) values(%b, %c) {name = "y"}
        : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    ```
  }];
  let arguments = (ins StrAttr:$op_type,
                       Variadic<MIL_AnyValue>:$inputs,
                       StrArrayAttr:$input_names,
                       DenseI32ArrayAttr:$input_sizes);
  let results = (outs Variadic<MIL_AnyValue>:$outputs);
  let regions = (region VariadicRegion<AnyRegion>:$blocks);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The operands bound to the input named `name` (empty if absent).
    ::mlir::OperandRange getInput(::llvm::StringRef name);
  }];
}

#endif // MIL_CORE_TD
