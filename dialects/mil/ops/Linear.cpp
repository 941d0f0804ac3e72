//===- Linear.cpp - MIL Linear ops -----------------------------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "mil/Dialect/MILOps.h"

#include "../FamilyRegistration.h"
#include "VerifyUtils.h"

using namespace mlir;
using namespace mil;
using namespace mil::verify;

#define GET_OP_CLASSES
#include "mil/Dialect/LinearOps.cpp.inc"

/// Size of dim `i` of `t`, counted from the back when negative.
static int64_t dim(RankedTensorType t, int64_t i) {
  return t.getDimSize(i < 0 ? t.getRank() + i : i);
}

/// Checks that `v` (named `name`, an input unless `isResult`) has the element
/// type of `ref` (named `refName`).
static LogicalResult verifySameElementType(Operation *op, Value v,
                                           StringRef name, Value ref,
                                           StringRef refName,
                                           bool isResult = false) {
  if (!v || elementType(v) == elementType(ref))
    return success();
  return op->emitOpError() << (isResult ? "result '" : "input '") << name
                           << "' must have the element type of '" << refName
                           << "' (" << elementType(ref) << "), got "
                           << elementType(v);
}

LogicalResult LinearOp::verify() {
  if (failed(verifySameElementType(*this, getOutput(), "output", getX(), "x",
                                   /*isResult=*/true)) ||
      failed(verifySameElementType(*this, getBias(), "bias", getWeight(),
                                   "weight")))
    return failure();
  RankedTensorType x = ranked(getX()), weight = ranked(getWeight()),
                   bias = ranked(getBias()), output = ranked(getOutput());
  if (x && x.getRank() < 1)
    return emitOpError() << "input 'x' must be at least 1-D ([*D, D_in])";
  if (weight && weight.getRank() != 2)
    return emitOpError()
           << "input 'weight' must be 2-D ([D_out, D_in]), got rank "
           << weight.getRank();
  if (bias && bias.getRank() != 1)
    return emitOpError() << "input 'bias' must be 1-D ([D_out]), got rank "
                         << bias.getRank();
  if (x && weight && conflict(dim(x, -1), dim(weight, 1)))
    return emitOpError() << "input 'weight' must have D_in = " << dim(x, -1)
                         << " (the last dim of 'x') as dim 1, got "
                         << dim(weight, 1);
  if (bias && weight && conflict(dim(bias, 0), dim(weight, 0)))
    return emitOpError() << "input 'bias' must have D_out = " << dim(weight, 0)
                         << " (dim 0 of 'weight') entries, got "
                         << dim(bias, 0);
  if (!x || !output)
    return success();
  if (output.getRank() != x.getRank())
    return emitOpError() << "result 'output' must have the rank of 'x' ("
                         << x.getRank() << "), got " << output.getRank();
  for (int64_t i = 0, e = x.getRank() - 1; i < e; ++i)
    if (conflict(x.getDimSize(i), output.getDimSize(i)))
      return emitOpError() << "result 'output' must match 'x' in dim " << i
                           << " (" << x.getDimSize(i) << "), got "
                           << output.getDimSize(i);
  if (weight && conflict(dim(output, -1), dim(weight, 0)))
    return emitOpError() << "result 'output' must end in D_out = "
                         << dim(weight, 0) << ", got " << dim(output, -1);
  return success();
}

LogicalResult MatmulOp::verify() {
  Type outElem = elementType(getOutput());
  if (outElem != elementType(getX()) && outElem != elementType(getY()))
    return emitOpError() << "result 'output' must have the element type of "
                            "'x' or of 'y', got "
                         << outElem;
  RankedTensorType x = ranked(getX()), y = ranked(getY()),
                   output = ranked(getOutput());
  if (x && x.getRank() < 1)
    return emitOpError() << "input 'x' must be at least 1-D";
  if (y && y.getRank() < 1)
    return emitOpError() << "input 'y' must be at least 1-D";
  if (!x || !y)
    return success();
  // Without transposes the inner dims and the last two output dims are
  // known from the types.
  bool noTranspose = !getTransposeX() && !getTransposeY();
  if (noTranspose && y.getRank() >= 2 && conflict(dim(x, -1), dim(y, -2)))
    return emitOpError() << "input 'y' must have " << dim(x, -1)
                         << " (the last dim of 'x') as its second-to-last "
                            "dim, got "
                         << dim(y, -2);
  if (x.getRank() < 2 || y.getRank() < 2)
    return success();
  int64_t rank = std::max(x.getRank(), y.getRank());
  if (output && output.getRank() != rank)
    return emitOpError() << "result 'output' must have rank " << rank
                         << " (the larger rank of 'x' and 'y'), got "
                         << output.getRank();
  if (noTranspose && output &&
      (conflict(dim(output, -2), dim(x, -2)) ||
       conflict(dim(output, -1), dim(y, -1))))
    return emitOpError() << "result 'output' must end in [" << dim(x, -2)
                         << ", " << dim(y, -1) << "]";
  return success();
}

LogicalResult EinsumOp::verify() {
  if (getValues().size() != 2)
    return emitOpError() << "input 'values' must hold 2 tensors, got "
                         << getValues().size();
  Value lhs = getValues()[0], rhs = getValues()[1];
  if (failed(
          verifySameElementType(*this, rhs, "values[1]", lhs, "values[0]")) ||
      failed(verifySameElementType(*this, getOutput(), "output", lhs,
                                   "values[0]", /*isResult=*/true)))
    return failure();
  RankedTensorType x = ranked(lhs), y = ranked(rhs),
                   output = ranked(getOutput());
  if (x && x.getRank() != 3 && x.getRank() != 4)
    return emitOpError() << "input 'values' must hold tensors of rank 3 or "
                            "4, got rank "
                         << x.getRank();
  if (!x || !y)
    return success();
  if (y.getRank() != x.getRank())
    return emitOpError() << "input 'values' must hold tensors of one rank, "
                            "got "
                         << x.getRank() << " and " << y.getRank();
  if (conflict(dim(x, -1), dim(y, -3)))
    return emitOpError() << "input 'values' must agree on the contracted "
                            "dim, got "
                         << dim(x, -1) << " and " << dim(y, -3);
  SmallVector<int64_t> broadcastDims = {-2};
  if (x.getRank() == 4)
    broadcastDims.push_back(-4);
  for (int64_t d : broadcastDims)
    if (dim(x, d) != 1 && dim(y, d) != 1 && conflict(dim(x, d), dim(y, d)))
      return emitOpError() << "input 'values' must have broadcastable dims "
                           << x.getRank() + d << ", got " << dim(x, d)
                           << " and " << dim(y, d);
  if (!output)
    return success();
  if (output.getRank() != x.getRank())
    return emitOpError() << "result 'output' must have the rank of the "
                            "inputs ("
                         << x.getRank() << "), got " << output.getRank();
  if (conflict(dim(output, -3), dim(x, -3)) ||
      conflict(dim(output, -1), dim(y, -1)))
    return emitOpError() << "result 'output' must have dim " << x.getRank() - 3
                         << " of values[0] and the last dim of values[1]";
  return success();
}

LogicalResult ScaledDotProductAttentionOp::verify() {
  if (failed(
          verifySameElementType(*this, getKey(), "key", getQuery(), "query")) ||
      failed(verifySameElementType(*this, getValue(), "value", getQuery(),
                                   "query")) ||
      failed(verifySameElementType(*this, getOutput(), "output", getQuery(),
                                   "query", /*isResult=*/true)))
    return failure();
  RankedTensorType q = ranked(getQuery()), k = ranked(getKey()),
                   v = ranked(getValue()), mask = ranked(getAttnMask()),
                   output = ranked(getOutput());
  if (q && q.getRank() < 3)
    return emitOpError() << "input 'query' must have rank at least 3, got "
                         << q.getRank();
  if (!q || !k || !v)
    return success();
  if (k.getRank() != q.getRank())
    return emitOpError() << "input 'key' must have the rank of 'query' ("
                         << q.getRank() << "), got " << k.getRank();
  if (v.getRank() != q.getRank())
    return emitOpError() << "input 'value' must have the rank of 'query' ("
                         << q.getRank() << "), got " << v.getRank();
  int64_t rank = q.getRank();
  for (int64_t i = 0; i < rank - 2; ++i) {
    if (conflict(q.getDimSize(i), k.getDimSize(i)))
      return emitOpError() << "input 'key' must match the batch dims of "
                              "'query', differs in dim "
                           << i;
    if (conflict(q.getDimSize(i), v.getDimSize(i)))
      return emitOpError() << "input 'value' must match the batch dims of "
                              "'query', differs in dim "
                           << i;
  }
  if (conflict(dim(q, -1), dim(k, -1)))
    return emitOpError() << "input 'key' must have the embedding size of "
                            "'query' ("
                         << dim(q, -1) << "), got " << dim(k, -1);
  if (conflict(dim(k, -2), dim(v, -2)))
    return emitOpError() << "input 'value' must have the sequence length of "
                            "'key' ("
                         << dim(k, -2) << "), got " << dim(v, -2);
  if (mask) {
    if (mask.getRank() < 1)
      return emitOpError() << "input 'attn_mask' must be at least 1-D";
    if (conflict(dim(mask, -1), dim(k, -2)))
      return emitOpError() << "input 'attn_mask' must end in the sequence "
                              "length of 'key' ("
                           << dim(k, -2) << "), got " << dim(mask, -1);
    // mask[:-1] must broadcast (NumPy rules) against query[:-1].
    for (int64_t i = 2; i <= std::min(mask.getRank(), rank); ++i) {
      int64_t a = dim(mask, -i), b = dim(q, -i);
      if (a != 1 && b != 1 && conflict(a, b))
        return emitOpError()
               << "input 'attn_mask' must broadcast against "
                  "'query' without its last dim, got "
               << a << " vs " << b << " in dim " << mask.getRank() - i;
    }
  }
  if (!output)
    return success();
  if (output.getRank() != rank)
    return emitOpError() << "result 'output' must have the rank of 'query' ("
                         << rank << "), got " << output.getRank();
  for (int64_t i = 0; i < rank - 1; ++i)
    if (conflict(output.getDimSize(i), q.getDimSize(i)))
      return emitOpError() << "result 'output' must match 'query' in dim " << i
                           << " (" << q.getDimSize(i) << "), got "
                           << output.getDimSize(i);
  if (conflict(dim(output, -1), dim(v, -1)))
    return emitOpError() << "result 'output' must end in the embedding size "
                            "of 'value' ("
                         << dim(v, -1) << "), got " << dim(output, -1);
  return success();
}

void mil::detail::registerLinearOps(MILDialect &dialect) {
  dialect.addFamilyOps<
#define GET_OP_LIST
#include "mil/Dialect/LinearOps.cpp.inc"
      >();
}
