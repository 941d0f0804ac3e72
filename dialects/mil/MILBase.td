//===- MILBase.td - mil dialect, types constraints, base op -*- tablegen -*-===//
//
// The `mil` dialect models Core ML's MIL programs exactly. This file holds the
// dialect definition, the element-type and tensor-type constraints that the
// op families use for their MIL type domains, and the base op class.
//
//===----------------------------------------------------------------------===//

#ifndef MIL_BASE_TD
#define MIL_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpAsmInterface.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def MIL_Dialect : Dialect {
  let name = "mil";
  let cppNamespace = "::mil";
  let summary = "Core ML's Model Intermediate Language (MIL) programs";
  let description = [{
    One MLIR op per MIL op type, named as MIL names it. MIL inputs are SSA
    operands in the order the MIL op declares them; optional inputs are
    optional operands and tuple inputs are variadic operands. Every MIL value
    is a tensor (scalars are rank-0 tensors), a `!mil.list`, a `!mil.dict`, a
    builtin `tuple` or a `!mil.state`. Element types map onto builtin types:
    fp16/fp32/fp64/bf16 -> f16/f32/f64/bf16, intN -> iN (signless, read as
    signed), uintN -> uiN, int4 -> i4, uint1/2/3/4/6 -> ui1/2/3/4/6,
    bool -> i1, fp8 -> f8E4M3FN/f8E5M2, string -> !mil.string.

    The MIL op name (the `name` attribute every MIL op carries) is the
    discardable attribute `name`; output var names that differ from it are
    listed in the discardable attribute `outputs`. Function input names are
    the function's `input_names`. See docs/Architecture.md.
  }];
  let useDefaultTypePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerTypes();

    /// Adds the ops of one family and records their MIL input tables; each
    /// family's .cpp calls this from its registration hook.
    template <typename... Ops>
    void addFamilyOps() {
      addOperations<Ops...>();
      (inputTables.try_emplace(Ops::getOperationName(), getMILInputs<Ops>()),
       ...);
    }
    /// Adds ops that have no MIL input table (functions, const, generic).
    template <typename... Ops>
    void addStructuralOps() { addOperations<Ops...>(); }

    /// The MIL inputs of op `opName` ("mil.conv") in operand order, or
    /// nullopt when it is not a MIL op type of this dialect.
    std::optional<llvm::ArrayRef<MILInputInfo>>
    getMILInputTable(llvm::StringRef opName) const {
      auto it = inputTables.find(opName);
      if (it == inputTables.end())
        return std::nullopt;
      return it->second;
    }

  private:
    llvm::StringMap<llvm::ArrayRef<MILInputInfo>> inputTables;

  public:

    /// Discardable attribute names with a fixed meaning in the dialect.
    static constexpr llvm::StringLiteral kNameAttr = "name";
    static constexpr llvm::StringLiteral kOutputsAttr = "outputs";
    static constexpr llvm::StringLiteral kDefaultFunctionAttr =
        "mil.default_function";
    static constexpr llvm::StringLiteral kModelAttr = "mil.model";
    static constexpr llvm::StringLiteral kProgramAttr = "mil.program";
    /// [squaredError, squaredReference, maxAbsError] of a weight, measured
    /// by the pass that made it for mil-compress's report, which removes it
    /// before the model is written.
    static constexpr llvm::StringLiteral kErrorStatsAttr = "mil.error_stats";
  }];
}

//===----------------------------------------------------------------------===//
// Element types and type domains
//===----------------------------------------------------------------------===//

def MIL_String : Type<CPred<"::llvm::isa<::mil::StringType>($_self)">,
                      "MIL string", "::mil::StringType">;

def MIL_Bool : TypeAlias<I<1>, "bool">;
def MIL_Int4 : TypeAlias<I<4>, "int4">;
def MIL_Int8 : TypeAlias<I<8>, "int8">;
def MIL_Int16 : TypeAlias<I<16>, "int16">;
def MIL_Int32 : TypeAlias<I<32>, "int32">;
def MIL_Int64 : TypeAlias<I<64>, "int64">;
def MIL_UInt1 : TypeAlias<UI<1>, "uint1">;
def MIL_UInt2 : TypeAlias<UI<2>, "uint2">;
def MIL_UInt3 : TypeAlias<UI<3>, "uint3">;
def MIL_UInt4 : TypeAlias<UI<4>, "uint4">;
def MIL_UInt6 : TypeAlias<UI<6>, "uint6">;
def MIL_UInt8 : TypeAlias<UI<8>, "uint8">;
def MIL_UInt16 : TypeAlias<UI<16>, "uint16">;
def MIL_UInt32 : TypeAlias<UI<32>, "uint32">;
def MIL_UInt64 : TypeAlias<UI<64>, "uint64">;

// Type domains as coremltools spells them in its op definitions.
def MIL_FloatElem : AnyTypeOf<[F16, F32], "fp16 or fp32">;
def MIL_FloatOrF64Elem : AnyTypeOf<[F16, F32, F64], "fp16, fp32 or fp64">;
def MIL_IntElem : AnyTypeOf<[MIL_Int8, MIL_Int16, MIL_Int32, MIL_Int64],
                            "int8, int16, int32 or int64">;
def MIL_UIntElem : AnyTypeOf<[MIL_UInt8, MIL_UInt16, MIL_UInt32, MIL_UInt64],
                             "uint8, uint16, uint32 or uint64">;
def MIL_SubByteElem : AnyTypeOf<[MIL_Int4, MIL_UInt1, MIL_UInt2, MIL_UInt3,
                                 MIL_UInt4, MIL_UInt6],
                                "int4, uint1, uint2, uint3, uint4 or uint6">;
def MIL_Fp8Elem : AnyTypeOf<[F8E4M3FN, F8E5M2], "fp8">;
// fp16, fp32, int32 (the most common "T" domain in coremltools).
def MIL_NumElem : AnyTypeOf<[F16, F32, MIL_Int32], "fp16, fp32 or int32">;
// fp16, fp32, int32, bool.
def MIL_NumBoolElem : AnyTypeOf<[F16, F32, MIL_Int32, MIL_Bool],
                                "fp16, fp32, int32 or bool">;
// Every element type a MIL tensor may hold.
def MIL_AnyElem : AnyTypeOf<[F16, F32, F64, BF16, MIL_Fp8Elem, MIL_Bool,
                             MIL_IntElem, MIL_UIntElem, MIL_SubByteElem,
                             MIL_String], "MIL element type">;

//===----------------------------------------------------------------------===//
// Tensor constraints
//===----------------------------------------------------------------------===//

// A MIL tensor with element types drawn from `allowed`; ranked or not.
class MIL_TensorOf<list<Type> allowed> : TensorOf<allowed>;
// A MIL scalar: a rank-0 tensor.
class MIL_ScalarOf<list<Type> allowed> : 0DTensorOf<allowed>;
// MIL's ScalarOrTensorInputType.
class MIL_ScalarOrTensorOf<list<Type> allowed> : TensorOf<allowed>;

def MIL_AnyTensor : MIL_TensorOf<[MIL_AnyElem]>;
def MIL_FloatTensor : MIL_TensorOf<[F16, F32]>;
def MIL_NumTensor : MIL_TensorOf<[F16, F32, MIL_Int32]>;
def MIL_NumBoolTensor : MIL_TensorOf<[F16, F32, MIL_Int32, MIL_Bool]>;
def MIL_IntTensor : MIL_TensorOf<[MIL_Int32, MIL_Int64, MIL_Int16, MIL_Int8,
                                  MIL_UInt8, MIL_UInt16]>;
def MIL_Int32Tensor : MIL_TensorOf<[MIL_Int32]>;
def MIL_BoolTensor : MIL_TensorOf<[MIL_Bool]>;
def MIL_StringScalar : MIL_ScalarOf<[MIL_String]>;
def MIL_BoolScalar : MIL_ScalarOf<[MIL_Bool]>;
def MIL_Int32Scalar : MIL_ScalarOf<[MIL_Int32]>;
def MIL_FloatScalar : MIL_ScalarOf<[F16, F32]>;

//===----------------------------------------------------------------------===//
// Non-tensor MIL types (defined in MILTypes.td)
//===----------------------------------------------------------------------===//

def MIL_IsListType : CPred<"::llvm::isa<::mil::ListType>($_self)">;
def MIL_IsDictType : CPred<"::llvm::isa<::mil::DictType>($_self)">;
def MIL_IsStateType : CPred<"::llvm::isa<::mil::StateType>($_self)">;

def MIL_AnyList : Type<MIL_IsListType, "MIL list", "::mil::ListType">;
def MIL_AnyDict : Type<MIL_IsDictType, "MIL dict", "::mil::DictType">;
def MIL_AnyState : Type<MIL_IsStateType, "MIL state", "::mil::StateType">;
def MIL_AnyTupleValue : Type<CPred<"::llvm::isa<::mlir::TupleType>($_self)">,
                             "MIL tuple", "::mlir::TupleType">;

// Any MIL value: what `ListOrTensorOrDictInputType` and friends accept.
def MIL_AnyValue : AnyTypeOf<[MIL_AnyTensor, MIL_AnyList, MIL_AnyDict,
                              MIL_AnyTupleValue, MIL_AnyState],
                             "MIL value">;
def MIL_ListOrTensor : AnyTypeOf<[MIL_AnyTensor, MIL_AnyList],
                                 "MIL tensor or list">;

//===----------------------------------------------------------------------===//
// Base op class
//===----------------------------------------------------------------------===//

// The textual form every MIL op shares is computed from its `arguments`:
//
//   %y = mil.conv x(%x) weight(%w) bias(%b) {name = "conv_0"}
//            : (tensor<...>, ...) -> tensor<...>
//   %z = mil.concat values(%a, %c) axis(%axis) interleave(%i) ...
//
// Each operand prints as `input(%v)` under its MIL input name, in the order
// the MIL op declares its inputs; optional inputs are omitted when absent and
// variadic (tuple) inputs list their values. Attributes (the iOS16 constexpr
// parameters, and the discardable `name`/`outputs`) go in the attribute
// dictionary. An op that needs another form (regions, say) sets
// `assemblyFormat` itself.

// The MIL name of ODS argument `name`: `name` without a trailing `_input`.
// The suffix marks an operand whose MIL input name is also the name of an
// (iOS16 constexpr) attribute of the same op, since ODS names must differ.
class MIL_ArgName<string name> {
  defvar cut = !if(!gt(!size(name), 6), !sub(!size(name), 6), 0);
  string value = !if(!and(!gt(cut, 0), !eq(!substr(name, cut), "_input")),
                     !substr(name, 0, cut), name);
}

// Format fragment of argument `i` of `args`: "" for attributes.
class MIL_ArgFormat<dag args, int i> {
  defvar arg = !getdagarg<Constraint>(args, i);
  defvar name = !getdagname(args, i);
  defvar key = MIL_ArgName<name>.value;
  defvar body = "`" # key # "` `(` $" # name # " `)`";
  string fmt = !if(!isa<TypeConstraint>(arg),
                   !if(!isa<Optional>(arg),
                       "(`" # key # "` `(` $" # name # "^ `)`)?",
                       body),
                   "");
}

// The C++ initializer of argument `i`'s entry in the op's MIL input table.
class MIL_ArgInfo<dag args, int i> {
  defvar arg = !getdagarg<Constraint>(args, i);
  defvar kind = !if(!isa<TypeConstraint>(arg),
                    !if(!isa<Optional>(arg), "Optional",
                        !if(!isa<Variadic>(arg), "Variadic", "Required")),
                    "Attribute");
  string entry = "{\"" # MIL_ArgName<!getdagname(args, i)>.value
                 # "\", ::mil::MILInputKind::"
                 # kind # "}";
}

// Every MIL op names its results after its MIL output names when printed.
// Ops must not set `extraClassDefinition` (put C++ in the family's .cpp).
class MIL_Op<string mnemonic, list<Trait> props = []>
    : Op<MIL_Dialect, mnemonic, props> {
  // Indices of the operand (not attribute) arguments.
  defvar operandIdx = !filter(i, !range(!size(arguments)),
      !isa<TypeConstraint>(!getdagarg<Constraint>(arguments, i)));
  // How many operands are optional or variadic: more than one needs
  // AttrSizedOperandSegments, which MIL_Op adds on its own.
  defvar numVarOperands = !foldl(0, operandIdx, acc, i,
      !add(acc, !if(!or(!isa<Optional>(!getdagarg<Constraint>(arguments, i)),
                        !isa<Variadic>(!getdagarg<Constraint>(arguments, i))),
                    1, 0)));
  let traits = !listconcat(props,
      [DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>],
      !if(!gt(numVarOperands, 1), [AttrSizedOperandSegments], []));

  let assemblyFormat =
      !interleave(!foreach(i, operandIdx, MIL_ArgFormat<arguments, i>.fmt), " ")
      # " attr-dict `:` functional-type(operands, results)";

  // The MIL input table (names and kinds in declaration order) that the
  // importer and exporter use to map MIL's named inputs onto operands.
  let extraClassDefinition = [{
    void $cppClass::getAsmResultNames(::mlir::OpAsmSetValueNameFn setNameFn) {
      ::mil::setMILResultNames(getOperation(), setNameFn);
    }
    template <>
    ::llvm::ArrayRef<::mil::MILInputInfo> getMILInputs<$cppClass>() {
  }] # !if(!eq(!size(arguments), 0), "  return {};\n",
           "  static const ::mil::MILInputInfo inputs[] = {"
           # !interleave(!foreach(i, !range(!size(arguments)),
                                  MIL_ArgInfo<arguments, i>.entry), ", ")
           # "};\n  return inputs;\n")
      # "}\n";
}

// An op whose only effect is computing its results from its operands.
class MIL_PureOp<string mnemonic, list<Trait> props = []>
    : MIL_Op<mnemonic, !listconcat(props, [Pure])>;

#endif // MIL_BASE_TD
