//===- MILTypes.td - MIL types builtins lack ----------------*- tablegen -*-===//
//
// Tensors use the builtin tensor type and tuples the builtin tuple type; the
// MIL types below have no builtin counterpart.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_TYPES_TD
#define MIL_TYPES_TD

include "MILBase.td"

class MIL_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<MIL_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def MIL_StringType : MIL_Type<"String", "string"> {
  let summary = "MIL string";
  let description = [{
    The element type of MIL string tensors; a MIL string scalar is
    `tensor<!mil.string>`.
  }];
}

def MIL_ListType : MIL_Type<"List", "list"> {
  let summary = "MIL list";
  let description = [{
    A list of MIL values of one type. `length` is the list length, or -1
    (omitted in the text) when it is not known: `!mil.list<tensor<2xf32>>`,
    `!mil.list<tensor<f32>, 3>`.
  }];
  let parameters = (ins "::mlir::Type":$elementType,
                        DefaultValuedParameter<"int64_t", "-1">:$length);
  let assemblyFormat = "`<` $elementType (`,` $length^)? `>`";
  let genVerifyDecl = 1;
}

def MIL_DictType : MIL_Type<"Dict", "dict"> {
  let summary = "MIL dictionary";
  let parameters = (ins "::mlir::Type":$keyType, "::mlir::Type":$valueType);
  let assemblyFormat = "`<` $keyType `,` $valueType `>`";
}

def MIL_StateType : MIL_Type<"State", "state"> {
  let summary = "MIL state (iOS18)";
  let description = [{
    A mutable value read by `read_state` and written by `write_state`; it
    wraps a tensor type: `!mil.state<tensor<1x4xf16>>`.
  }];
  let parameters = (ins "::mlir::Type":$wrappedType);
  let assemblyFormat = "`<` $wrappedType `>`";
  let genVerifyDecl = 1;
}

#endif // MIL_TYPES_TD
