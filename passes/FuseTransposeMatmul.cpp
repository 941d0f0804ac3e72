//===- FuseTransposeMatmul.cpp - fold last-two-dims transposes into matmul ===//
//
// Part of mil-mlir. coremltools' common::fuse_transpose_matmul: a `matmul`
// input made by a `transpose` that swaps only the last two dims is replaced
// by the transpose's input, flipping transpose_x / transpose_y; the matmul is
// rebuilt under its op name. coremltools canonicalizes the perm of every
// transpose feeding a matmul in place (negative entries made positive, then
// the last two made negative) while it checks it, so such a perm const is
// rewritten even when nothing fuses: [1, 0, 2] becomes [1, -3, -1]. We do the
// same, as the const is what coremltools writes.
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

#include "llvm/ADT/SetVector.h"

namespace mil {
#define GEN_PASS_DEF_FUSETRANSPOSEMATMUL
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

/// Whether `v` is a transpose of its input's last two dims only; rewrites
/// the transpose's perm const into coremltools' canonical form on the way.
bool isFusableTranspose(Value v) {
  auto transpose = v.getDefiningOp<TransposeOp>();
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!transpose || !type || type.getRank() < 2)
    return false;
  auto cst = transpose.getPerm().getDefiningOp<ConstOp>();
  auto dense = cst ? dyn_cast<DenseIntElementsAttr>(cst.getVal()) : nullptr;
  int64_t rank = type.getRank();
  if (!dense || dense.getNumElements() != rank)
    return false;
  SmallVector<int32_t> perm;
  for (const APInt &p : dense.getValues<APInt>()) {
    int64_t x = p.getSExtValue();
    perm.push_back(static_cast<int32_t>(x < 0 ? x + rank : x));
  }
  perm[rank - 2] -= rank;
  perm[rank - 1] -= rank;
  auto canonical = DenseElementsAttr::get(dense.getType(), ArrayRef(perm));
  if (canonical != dense)
    cst.setValAttr(canonical);
  for (int64_t i = 0; i < rank - 2; ++i)
    if (perm[i] != i)
      return false;
  return perm[rank - 2] == -1 && perm[rank - 1] == -2;
}

bool boolValue(Value v) {
  std::optional<double> b = v ? scalarConstValue(v) : std::nullopt;
  return b && *b != 0;
}

struct FuseTransposeMatmul
    : public mil::impl::FuseTransposeMatmulBase<FuseTransposeMatmul> {
  void runOnOperation() override {
    SmallVector<MatmulOp> matmuls;
    getOperation().walk([&](MatmulOp op) { matmuls.push_back(op); });
    for (MatmulOp op : matmuls)
      if (fuse(op))
        ++numFused;
  }

  bool fuse(MatmulOp op) {
    // Both are checked (and their perms canonicalized) before anything else.
    bool fuseX = isFusableTranspose(op.getX());
    bool fuseY = isFusableTranspose(op.getY());
    if (!fuseX && !fuseY)
      return false;
    Value x = op.getX(), y = op.getY();
    bool transposeX = boolValue(op.getTransposeX());
    bool transposeY = boolValue(op.getTransposeY());
    if (fuseX) {
      x = x.getDefiningOp<TransposeOp>().getX();
      transposeX = !transposeX;
    }
    if (fuseY) {
      y = y.getDefiningOp<TransposeOp>().getX();
      transposeY = !transposeY;
    }
    OpBuilder b(op);
    Location loc = op.getLoc();
    std::string name = getMILOpName(op).str();
    std::string var = getMILResultName(op->getResult(0));
    auto boolConst = [&](bool value, StringRef input) {
      auto type = RankedTensorType::get({}, b.getI1Type());
      auto c =
          b.create<ConstOp>(loc, type, DenseElementsAttr::get(type, value));
      setOpName(c, name + "_" + input.str() + "_0");
      return c.getResult();
    };
    Value tx = boolConst(transposeX, "transpose_x");
    Value ty = boolConst(transposeY, "transpose_y");
    auto fused = b.create<MatmulOp>(loc, op.getType(), x, y, tx, ty);
    setOpName(fused, name);
    // A function output keeps its name.
    if (isBlockOutput(op.getResult()) && var != name)
      fused->setAttr(MILDialect::kOutputsAttr, b.getStrArrayAttr({var}));
    op.getResult().replaceAllUsesWith(fused.getResult());
    SetVector<Value> oldInputs(op->operand_begin(), op->operand_end());
    op.erase();
    // The replaced flags, and a fused transpose nothing else uses.
    for (Value v : oldInputs) {
      if (auto t = v.getDefiningOp<TransposeOp>(); t && t->use_empty()) {
        Value perm = t.getPerm();
        t.erase();
        eraseDeadConst(perm);
        continue;
      }
      eraseDeadConst(v);
    }
    return true;
  }
};

} // namespace
