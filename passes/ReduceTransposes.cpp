//===- ReduceTransposes.cpp - cancel and sink transposes
//-------------------===//
//
// Part of mil-mlir. coremltools' common::reduce_transposes on a function's
// body (left alone when an op in it has regions). In program order, a
// `transpose` makes its result a lazy transpose; unary-like ops pass a lazy
// value on, the axis-update ops (elementwise add/mul/sub/real_div/maximum/
// minimum, reduce_* with keep_dims, concat, split, pad) pass it on when they
// can be rewritten for it, a transpose with the inverse perm cancels it, and
// any other use (a block output too) materializes it. Starting transposes,
// cancelling transposes and materializing ops form a bipartite graph; in
// each connected component where the materializing ops are fewer than the
// transposes, the transposes are removed and one new transpose (automatic
// name) is inserted before each materializing use. So two transposes feeding
// one matmul are rebuilt (with new names) on every run, as coremltools does.
//
// Not implemented: the rewrites of concat, split and pad, of a non-scalar
// const or a reshaped non-const operand of a binary op. When a component to
// be removed needs one of them the function is left unchanged (coremltools
// would rewrite it).
//
//===----------------------------------------------------------------------===//

#include "QuantizationUtils.h"

#include "mil/Passes/Passes.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

#include <deque>

namespace mil {
#define GEN_PASS_DEF_REDUCETRANSPOSES
#include "mil/Passes/Passes.h.inc"
} // namespace mil

using namespace mlir;
using namespace mil;
using namespace mil::passes;

namespace {

const llvm::StringSet<> &unaryLikeTypes() {
  static const llvm::StringSet<> types = {"relu",
                                          "log",
                                          "relu6",
                                          "abs",
                                          "acos",
                                          "asin",
                                          "atan",
                                          "atanh",
                                          "ceil",
                                          "clip",
                                          "cos",
                                          "cosh",
                                          "erf",
                                          "exp",
                                          "exp2",
                                          "floor",
                                          "identity",
                                          "logical_not",
                                          "round",
                                          "rsqrt",
                                          "sign",
                                          "sin",
                                          "sinh",
                                          "sqrt",
                                          "square",
                                          "pow",
                                          "tan",
                                          "tanh",
                                          "threshold",
                                          "clamped_relu",
                                          "elu",
                                          "gelu",
                                          "leaky_relu",
                                          "linear_activation",
                                          "scaled_tanh",
                                          "sigmoid",
                                          "sigmoid_hard",
                                          "softplus",
                                          "softplus_parametric",
                                          "softsign",
                                          "thresholded_relu"};
  return types;
}

bool isBinaryAxisUpdate(StringRef t) {
  return t == "add" || t == "mul" || t == "sub" || t == "real_div" ||
         t == "maximum" || t == "minimum";
}

bool isReduce(StringRef t) {
  return t == "reduce_l1_norm" || t == "reduce_l2_norm" || t == "reduce_max" ||
         t == "reduce_log_sum" || t == "reduce_log_sum_exp" ||
         t == "reduce_mean" || t == "reduce_min" || t == "reduce_prod" ||
         t == "reduce_sum" || t == "reduce_sum_square";
}

bool isAxisUpdate(StringRef t) {
  return isBinaryAxisUpdate(t) || isReduce(t) || t == "concat" ||
         t == "split" || t == "pad";
}

std::optional<SmallVector<int64_t>> constInts(Value v) {
  auto cst = v ? v.getDefiningOp<ConstOp>() : ConstOp();
  auto dense = cst ? dyn_cast<DenseIntElementsAttr>(cst.getVal()) : nullptr;
  if (!dense)
    return std::nullopt;
  SmallVector<int64_t> out;
  for (const APInt &i : dense.getValues<APInt>())
    out.push_back(i.getSExtValue());
  return out;
}

/// A transpose (or several with one perm) not applied yet. `perm` is the
/// perm as written (coremltools compares perms with their negative entries).
struct Lazy {
  SetVector<Operation *> transposes;
  SmallVector<int64_t> perm;
};

SmallVector<int64_t> normalized(ArrayRef<int64_t> perm) {
  SmallVector<int64_t> out(perm.begin(), perm.end());
  for (int64_t &p : out)
    if (p < 0)
      p += static_cast<int64_t>(perm.size());
  return out;
}

/// Where a lazy transpose materializes: an op, or (key = the value) one of
/// coremltools' output sinks, which are one op per returned value.
struct Use {
  const void *key;
  Operation *op;
  Value input;
};

class TransposeOptimization {
public:
  TransposeOptimization(Block &block, AutoNamer &namer)
      : block(block), namer(namer) {}

  /// False when the block was left unchanged because a needed rewrite is
  /// not implemented.
  bool run(unsigned &removed, unsigned &added);

private:
  void visit(Operation *op);
  void materialize(Operation *op);
  void visitTranspose(TransposeOp op);
  void visitAxisUpdate(Operation *op);
  bool canPass(Operation *op, const Lazy &lazy);
  void verifyCancellable();
  bool supported();
  void removeTransposes(Operation *start, unsigned &added);
  Value namedTranspose(OpBuilder &b, Location loc, Value x, Type type,
                       ArrayRef<int64_t> perm, StringRef name);

  Block &block;
  AutoNamer &namer;
  std::deque<Lazy> lazies;
  DenseMap<Value, Lazy *> lazyOf;
  /// Lazy values at block outputs: the output sinks.
  DenseSet<Value> outputs;
  llvm::MapVector<Operation *, SmallVector<Operation *>> cancelOps;
  llvm::MapVector<Operation *, SmallVector<Use>> materializeOps;
  llvm::MapVector<Operation *, SmallVector<Operation *>> axisUpdateOps;
  /// Ops whose results carry a lazy value, with its perm.
  SmallVector<std::pair<Operation *, Lazy *>> passedThrough;
  bool blocked = false;
  DenseSet<Operation *> updated, removedOps;
  DenseSet<std::pair<Operation *, Value>> materialized;
};

void TransposeOptimization::materialize(Operation *op) {
  bool sink = op->hasTrait<OpTrait::IsTerminator>();
  DenseSet<Value> sunk;
  for (Value in : op->getOperands()) {
    Lazy *lazy = lazyOf.lookup(in);
    if (!lazy || (sink && !sunk.insert(in).second))
      continue;
    const void *key = sink ? in.getAsOpaquePointer() : op;
    for (Operation *t : lazy->transposes)
      materializeOps[t].push_back({key, op, in});
  }
}

void TransposeOptimization::visitTranspose(TransposeOp op) {
  std::optional<SmallVector<int64_t>> perm = constInts(op.getPerm());
  if (!perm)
    return materialize(op);
  int64_t rank = perm->size();
  Lazy *in = lazyOf.lookup(op.getX());
  if (!in) {
    if (outputs.contains(op.getResult()))
      return materialize(op);
    Lazy lazy;
    lazy.transposes.insert(op);
    lazy.perm = *perm;
    lazies.push_back(std::move(lazy));
    lazyOf[op.getResult()] = &lazies.back();
    return;
  }
  // Cancels when applying both perms gives the identity.
  bool cancels = in->perm.size() == perm->size();
  SmallVector<int64_t> first = normalized(in->perm), second = normalized(*perm);
  for (int64_t i = 0; cancels && i < rank; ++i)
    cancels = first[second[i]] == i;
  if (!cancels)
    return materialize(op);
  for (Operation *t : in->transposes)
    cancelOps[t].push_back(op);
}

bool TransposeOptimization::canPass(Operation *op, const Lazy &lazy) {
  std::string type = milTypeOf(op);
  if (isReduce(type)) {
    auto keep = op->getNumOperands() > 2 ? scalarConstValue(op->getOperand(2))
                                         : std::nullopt;
    return keep && *keep != 0 && op->getNumOperands() > 1 &&
           op->getOperand(1).getDefiningOp<ConstOp>();
  }
  if (type == "concat" || type == "split" || type == "pad") {
    // Whether coremltools would pass it is not worked out here; the rewrite
    // it would need is not implemented.
    blocked = true;
    return false;
  }
  Value x = op->getOperand(0), y = op->getOperand(1);
  bool lazyX = lazyOf.count(x), lazyY = lazyOf.count(y);
  if (lazyX && lazyY)
    return true;
  Value transposed = lazyX ? x : y, other = lazyX ? y : x;
  auto tType = dyn_cast<RankedTensorType>(transposed.getType());
  auto oType = dyn_cast<RankedTensorType>(other.getType());
  if (!tType || !oType)
    return false;
  int64_t rank = tType.getRank();
  if (static_cast<int64_t>(lazy.perm.size()) != rank ||
      !oType.hasStaticShape() || oType.getRank() > rank)
    return false;
  if (other.getDefiningOp<ConstOp>())
    return true;
  SmallVector<int64_t> shape(rank - oType.getRank(), 1);
  llvm::append_range(shape, oType.getShape());
  int64_t ones = llvm::count(shape, 1);
  if (ones == rank || ones == rank - 1)
    return true;
  // The complement perm moves only unit dims.
  SmallVector<int64_t> perm = normalized(lazy.perm), inverse(rank);
  for (int64_t i = 0; i < rank; ++i)
    inverse[perm[i]] = i;
  for (int64_t i = 0; i < rank; ++i)
    if (inverse[i] != i && shape[inverse[i]] != 1)
      return false;
  return true;
}

void TransposeOptimization::visitAxisUpdate(Operation *op) {
  Lazy *first = nullptr;
  for (Value in : op->getOperands()) {
    if (in.getDefiningOp<ConstOp>())
      continue;
    Lazy *lazy = lazyOf.lookup(in);
    if (!lazy)
      continue;
    if (first && first->perm != lazy->perm)
      return materialize(op);
    if (!first)
      first = lazy;
  }
  if (!first || !canPass(op, *first))
    return materialize(op);
  Lazy merged;
  merged.perm = first->perm;
  for (Value in : op->getOperands())
    if (!in.getDefiningOp<ConstOp>())
      if (Lazy *lazy = lazyOf.lookup(in))
        merged.transposes.insert(lazy->transposes.begin(),
                                 lazy->transposes.end());
  for (Operation *t : merged.transposes)
    axisUpdateOps[t].push_back(op);
  lazies.push_back(std::move(merged));
  for (Value out : op->getResults())
    lazyOf[out] = &lazies.back();
  passedThrough.push_back({op, &lazies.back()});
}

void TransposeOptimization::visit(Operation *op) {
  if (op->hasTrait<OpTrait::IsTerminator>())
    return materialize(op); // The output sinks.
  std::string type = milTypeOf(op);
  if (unaryLikeTypes().contains(type) && op->getNumResults() == 1 &&
      op->getNumOperands() > 0) {
    if (Lazy *lazy = lazyOf.lookup(op->getOperand(0))) {
      lazyOf[op->getResult(0)] = lazy;
      passedThrough.push_back({op, lazy});
    }
    return;
  }
  if (isAxisUpdate(type))
    return visitAxisUpdate(op);
  if (auto t = dyn_cast<TransposeOp>(op))
    return visitTranspose(t);
  if (!isa<ConstOp>(op))
    materialize(op);
}

void TransposeOptimization::verifyCancellable() {
  DenseMap<Operation *, SetVector<Operation *>> cancelToStart;
  for (auto &[start, cancels] : cancelOps)
    for (Operation *c : cancels)
      cancelToStart[c].insert(start);
  DenseMap<const void *, SetVector<Operation *>> materializeToStart;
  for (auto &[start, uses] : materializeOps) {
    for (const Use &use : uses)
      materializeToStart[use.key].insert(start);
    cancelOps.insert({start, {}});
  }
  // Connected components, each kept or removed as a whole.
  DenseSet<const void *> visited;
  DenseSet<Operation *> keep;
  SmallVector<Operation *> starts;
  for (auto &entry : cancelOps)
    starts.push_back(entry.first);
  for (Operation *start : starts) {
    if (!visited.insert(start).second)
      continue;
    SetVector<const void *> a, b1, b2;
    a.insert(start);
    std::deque<const void *> queue(cancelOps[start].begin(),
                                   cancelOps[start].end());
    auto it = materializeOps.find(start);
    if (it != materializeOps.end())
      for (const Use &use : it->second)
        queue.push_back(use.key);
    auto asOp = [](const void *p) {
      return static_cast<Operation *>(const_cast<void *>(p));
    };
    while (!queue.empty()) {
      const void *o = queue.front();
      queue.pop_front();
      visited.insert(o);
      // Sink keys are values, never starting or cancelling transposes.
      if (cancelOps.count(asOp(o))) {
        a.insert(o);
        for (Operation *n : cancelOps[asOp(o)])
          if (!visited.contains(n))
            queue.push_back(n);
        auto m = materializeOps.find(asOp(o));
        if (m != materializeOps.end())
          for (const Use &use : m->second)
            if (!visited.contains(use.key))
              queue.push_back(use.key);
      } else if (cancelToStart.count(asOp(o))) {
        b1.insert(o);
        for (Operation *n : cancelToStart[asOp(o)])
          if (!visited.contains(n))
            queue.push_back(n);
      } else {
        b2.insert(o);
        for (Operation *n : materializeToStart[o])
          if (!visited.contains(n))
            queue.push_back(n);
      }
    }
    if (b2.size() >= a.size() + b1.size())
      for (const void *s : a)
        keep.insert(asOp(s));
  }
  for (Operation *s : keep)
    cancelOps.erase(s);
}

/// Whether every rewrite of the transposes to remove is implemented.
bool TransposeOptimization::supported() {
  if (blocked)
    return false;
  for (auto &entry : cancelOps) {
    auto it = axisUpdateOps.find(entry.first);
    if (it == axisUpdateOps.end())
      continue;
    for (Operation *op : it->second) {
      std::string type = milTypeOf(op);
      if (!isBinaryAxisUpdate(type))
        continue;
      Value x = op->getOperand(0), y = op->getOperand(1);
      if (lazyOf.count(x) && lazyOf.count(y))
        continue;
      Value other = lazyOf.count(x) ? y : x;
      auto otherType = dyn_cast<RankedTensorType>(other.getType());
      if (!otherType || otherType.getRank() != 0)
        return false;
    }
  }
  // A lazy function input reaching an output would need that input renamed.
  for (auto &entry : cancelOps)
    for (const Use &use : materializeOps.lookup(entry.first))
      if (use.op->hasTrait<OpTrait::IsTerminator>() &&
          isa<BlockArgument>(use.input))
        return false;
  return true;
}

Value TransposeOptimization::namedTranspose(OpBuilder &b, Location loc, Value x,
                                            Type type, ArrayRef<int64_t> perm,
                                            StringRef name) {
  auto permType = RankedTensorType::get({static_cast<int64_t>(perm.size())},
                                        b.getI32Type());
  SmallVector<int32_t> values(perm.begin(), perm.end());
  auto cst = b.create<ConstOp>(
      loc, permType, DenseElementsAttr::get(permType, ArrayRef(values)));
  setOpName(cst, (name + "_perm_0").str());
  auto t = b.create<TransposeOp>(loc, type, x, cst);
  setOpName(t, name);
  return t;
}

void TransposeOptimization::removeTransposes(Operation *start,
                                             unsigned &added) {
  auto startOp = cast<TransposeOp>(start);
  // coremltools copies the perm const as it is (negative entries too).
  SmallVector<int64_t> perm = *constInts(startOp.getPerm());
  Value startOut = startOp.getResult(), startIn = startOp.getX();

  // Reduce ops get their axes in the un-transposed order.
  for (Operation *op : axisUpdateOps.lookup(start)) {
    if (!updated.insert(op).second || !isReduce(milTypeOf(op)))
      continue;
    SmallVector<int64_t> axes = *constInts(op->getOperand(1));
    int64_t rank = perm.size();
    SmallVector<int32_t> newAxes;
    for (int64_t a : axes) {
      int64_t p = perm[a < 0 ? a + rank : a];
      newAxes.push_back(static_cast<int32_t>(p));
    }
    OpBuilder b(op);
    auto type = RankedTensorType::get({static_cast<int64_t>(newAxes.size())},
                                      b.getI32Type());
    auto cst = b.create<ConstOp>(
        op->getLoc(), type, DenseElementsAttr::get(type, ArrayRef(newAxes)));
    setOpName(cst, namer.next("const"));
    op->setOperand(1, cst);
  }

  SmallVector<Operation *> toRemove;
  DenseSet<Value> renamed;
  SmallVector<Operation *> chain{start};
  for (Operation *c : cancelOps[start])
    chain.push_back(c);
  for (Operation *op : chain) {
    if (!removedOps.insert(op).second)
      continue;
    toRemove.push_back(op);
    auto t = cast<TransposeOp>(op);
    Value in = t.getX(), out = t.getResult();
    if (outputs.contains(out)) {
      // A cancelling transpose at a block output: its input takes the
      // output's name.
      std::string outName = getMILResultName(cast<OpResult>(out));
      if (isa<BlockArgument>(in) || renamed.contains(in)) {
        OpBuilder b(op);
        auto id = b.create<IdentityOp>(op->getLoc(), in.getType(), in);
        setOpName(id, outName);
        in = id;
      } else {
        Operation *def = in.getDefiningOp();
        def->setAttr(MILDialect::kNameAttr,
                     StringAttr::get(def->getContext(), getMILOpName(op)));
        if (outName != getMILOpName(op))
          def->setAttr(MILDialect::kOutputsAttr,
                       Builder(def->getContext()).getStrArrayAttr({outName}));
        else
          def->removeAttr(MILDialect::kOutputsAttr);
        renamed.insert(in);
      }
    }
    out.replaceAllUsesWith(in);
  }

  for (const Use &use : materializeOps.lookup(start)) {
    Operation *op = use.op;
    Value input = use.input;
    // One transpose per (op, input).
    if (!materialized.insert({op, input}).second)
      continue;
    bool sink = op->hasTrait<OpTrait::IsTerminator>();
    Value i1 = input == startOut ? startIn : input;
    if (input == startOut && sink)
      continue;
    OpBuilder b(op);
    Type type = input.getType(); // The type it had, transposed.
    Value x;
    if (sink) {
      // The new transpose takes the output's name; its input is renamed.
      std::string name = getMILResultName(cast<OpResult>(i1));
      x = namedTranspose(b, op->getLoc(), i1, type, perm, name);
      Operation *def = i1.getDefiningOp();
      std::string before = "_before_transpose_op_" + name;
      def->setAttr(MILDialect::kNameAttr,
                   StringAttr::get(def->getContext(), before));
      def->removeAttr(MILDialect::kOutputsAttr);
    } else {
      x = namedTranspose(b, op->getLoc(), i1, type, perm,
                         namer.next("transpose"));
    }
    ++added;
    for (OpOperand &use : op->getOpOperands())
      if (use.get() == i1)
        use.set(x);
  }
  for (Operation *op : llvm::reverse(toRemove)) {
    Value perm = cast<TransposeOp>(op).getPerm();
    op->erase();
    eraseDeadConst(perm);
  }
}

bool TransposeOptimization::run(unsigned &removed, unsigned &added) {
  for (Operation &op : block)
    if (op.getNumRegions())
      return true;
  // coremltools plugs an identity (automatic name) into each output first.
  Operation *terminator = block.getTerminator();
  DenseSet<Value> seen;
  for (Value out : terminator->getOperands())
    if (seen.insert(out).second) {
      outputs.insert(out);
      namer.next("identity");
    }
  for (Operation &op : block)
    visit(&op);
  verifyCancellable();
  if (!supported())
    return false;

  // Types of the ops a removed transpose no longer reaches: un-transposed.
  SmallVector<std::pair<Operation *, SmallVector<int64_t>>> retype;
  for (auto &[op, lazy] : passedThrough)
    if (cancelOps.count(lazy->transposes.front()))
      retype.push_back({op, lazy->perm});
  for (auto &entry : cancelOps)
    removeTransposes(entry.first, added);
  removed = removedOps.size();
  for (auto &[op, raw] : retype)
    for (Value r : op->getResults()) {
      SmallVector<int64_t> perm = normalized(raw);
      auto type = dyn_cast<RankedTensorType>(r.getType());
      if (!type || type.getRank() != static_cast<int64_t>(perm.size()))
        continue;
      SmallVector<int64_t> shape(type.getRank());
      for (size_t i = 0; i < perm.size(); ++i)
        shape[perm[i]] = type.getDimSize(i);
      r.setType(RankedTensorType::get(shape, type.getElementType()));
    }
  return true;
}

struct ReduceTransposes
    : public mil::impl::ReduceTransposesBase<ReduceTransposes> {
  void runOnOperation() override {
    AutoNamer namer(getOperation());
    for (auto fn : getOperation().getOps<FunctionOp>())
      for (Block &block : fn.getBody()) {
        unsigned removed = 0, added = 0;
        TransposeOptimization opt(block, namer);
        if (!opt.run(removed, added)) {
          fn.emitRemark() << "reduce_transposes: a rewrite of concat, split, "
                             "pad or a binary op's operand is not "
                             "implemented; function left unchanged";
          ++numSkipped;
          continue;
        }
        numRemoved += removed;
        numAdded += added;
      }
  }
};

} // namespace
