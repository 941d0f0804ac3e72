# The op families of the mil dialect, one ODS file under ops/ and one C++ file
# each. Core holds functions, const, return and the generic op.
set(MIL_OP_FAMILIES
  Core
  Activation
  ElementwiseBinary
  ElementwiseUnary
  Conv
  Linear
  Normalization
  Pool
  Reduction
  TensorOperation
  TensorTransformation
  ScatterGather
  ControlFlow
  State
  Recurrent
  Image
  Classify
  Random
  Quantization
  Constexpr
)
