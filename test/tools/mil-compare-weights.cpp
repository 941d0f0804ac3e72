//===- mil-compare-weights.cpp - compressed weights of two models ---------===//
//
// Part of mil-mlir. Test helper for fixture parity of the compression passes:
// the constexpr ops of two models (packages or MLIR files), matched by MIL
// name, must have the same op types, the same parameter types and, by
// default, byte-identical parameter data. With --mse-base=BASE the data may
// differ (k-means is not deterministic in coremltools): each decompressed
// weight of ACTUAL must then reconstruct the weight of the same name in BASE
// (the op name without its _palettized/_quantized/_sparsified suffix) with
// a mean squared error no worse than EXPECTED's.
//
//   mil-compare-weights EXPECTED ACTUAL [--mse-base=BASE]
//
// Prints one line per weight and exits 1 on any difference.
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Half.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

using namespace mlir;
using namespace mil;
namespace cl = llvm::cl;

static cl::opt<std::string> expectedPath(cl::Positional, cl::Required,
                                         cl::desc("EXPECTED"));
static cl::opt<std::string> actualPath(cl::Positional, cl::Required,
                                       cl::desc("ACTUAL"));
static cl::opt<std::string>
    msePath("mse-base", cl::desc("compare reconstruction error against the "
                                 "weights of this uncompressed model"));

static OwningOpRef<ModuleOp> load(StringRef path, MLIRContext *ctx) {
  if (path.ends_with(".mlir") || path.ends_with(".mlirbc"))
    return parseSourceFile<ModuleOp>(path, ctx);
  return importModel(path, ctx);
}

/// The decompressed values of every constexpr op, and the op by MIL name.
struct Weights {
  std::vector<std::pair<std::string, Operation *>> ops; ///< Program order.
  llvm::StringMap<Operation *> byName;
  DenseMap<Value, ElementsAttr> values;
  llvm::StringMap<ConstOp> consts;
};

/// "function/name": MIL names are unique within a function only.
static std::string key(Operation *op, StringRef name) {
  auto fn = op->getParentOfType<FunctionOp>();
  return ((fn ? fn.getSymName() : StringRef()) + "/" + name).str();
}

static Weights collect(ModuleOp module, bool evaluate) {
  Weights w;
  module.walk([&](Operation *op) {
    if (auto cst = dyn_cast<ConstOp>(op))
      w.consts[key(op, getMILOpName(op))] = cst;
    if (!isConstexprOp(op))
      return;
    w.ops.push_back({key(op, getMILOpName(op)), op});
    w.byName[w.ops.back().first] = op;
    if (!evaluate)
      return;
    auto valueOf = [&](Value v) -> ElementsAttr {
      if (auto cst = v.getDefiningOp<ConstOp>())
        return dyn_cast<ElementsAttr>(cst.getVal());
      return w.values.lookup(v);
    };
    FailureOr<SmallVector<ElementsAttr>> results =
        evaluateConstexpr(op, valueOf, getMILOpName(op));
    if (succeeded(results))
      for (auto [r, attr] : llvm::zip(op->getResults(), *results))
        w.values[r] = attr;
  });
  return w;
}

/// Every parameter of a constexpr op: attributes and operand values.
static SmallVector<std::pair<std::string, ElementsAttr>> params(Operation *op) {
  SmallVector<std::pair<std::string, ElementsAttr>> out;
  for (NamedAttribute attr : op->getAttrs())
    if (auto e = dyn_cast<ElementsAttr>(attr.getValue()))
      out.push_back({attr.getName().str(), e});
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (auto cst = v.getDefiningOp<ConstOp>())
      out.push_back(
          {"operand " + std::to_string(i), cast<ElementsAttr>(cst.getVal())});
  return out;
}

static double mse(const std::vector<double> &a, const std::vector<double> &b) {
  double sum = 0;
  for (size_t i = 0; i < a.size(); ++i)
    sum += (a[i] - b[i]) * (a[i] - b[i]);
  return a.empty() ? 0 : sum / a.size();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "compare compressed weights\n");
  MLIRContext ctx;
  ctx.loadDialect<MILDialect>();
  OwningOpRef<ModuleOp> expected = load(expectedPath, &ctx),
                        actual = load(actualPath, &ctx), base;
  if (!expected || !actual)
    return 1;
  bool byMse = !msePath.empty();
  if (byMse && !(base = load(msePath, &ctx)))
    return 1;
  Weights e = collect(*expected, byMse), a = collect(*actual, byMse);
  Weights b = byMse ? collect(*base, false) : Weights();
  bool ok = e.ops.size() == a.ops.size();
  if (!ok)
    llvm::outs() << "different numbers of constexpr ops: " << e.ops.size()
                 << " vs " << a.ops.size() << "\n";
  for (auto &[name, eop] : e.ops) {
    Operation *aop = a.byName.lookup(name);
    if (!aop) {
      llvm::outs() << name << ": missing in ACTUAL\n";
      ok = false;
      continue;
    }
    if (eop->getName() != aop->getName() ||
        eop->getResultTypes() != aop->getResultTypes()) {
      llvm::outs() << name << ": op " << eop->getName() << " vs "
                   << aop->getName() << "\n";
      ok = false;
      continue;
    }
    auto ep = params(eop), ap = params(aop);
    bool same = ep.size() == ap.size();
    for (size_t i = 0; same && i < ep.size(); ++i) {
      same &= ep[i].first == ap[i].first &&
              ep[i].second.getType() == ap[i].second.getType();
      if (!byMse && same) {
        std::vector<uint8_t> s1, s2;
        same &= *getPackedBytes(ep[i].second, s1, eop->getLoc()) ==
                *getPackedBytes(ap[i].second, s2, aop->getLoc());
      }
      if (!same)
        llvm::outs() << name << ": parameter " << ep[i].first << " differs ("
                     << ep[i].second.getType() << " vs "
                     << ap[i].second.getType() << ")\n";
    }
    if (same && byMse && isa<ShapedType>(eop->getResult(0).getType()) &&
        isa<FloatType>(
            cast<ShapedType>(eop->getResult(eop->getNumResults() - 1).getType())
                .getElementType()) &&
        eop->getNumResults() == 1) {
      StringRef stem = name;
      for (StringRef suffix : {"_palettized", "_quantized", "_sparsified"})
        stem.consume_back(suffix);
      ConstOp original = b.consts.lookup(stem);
      if (!original) // A multifunction base may name the weight elsewhere.
        for (auto &entry : b.consts)
          if (StringRef(entry.getKey())
                  .ends_with(("/" + stem.rsplit('/').second).str()))
            original = entry.getValue();
      ElementsAttr ev = e.values.lookup(eop->getResult(0)),
                   av = a.values.lookup(aop->getResult(0));
      if (!original || !ev || !av) {
        llvm::outs() << name << ": no base weight '" << stem << "'\n";
        same = false;
      } else {
        auto orig = getValuesAsDoubles(cast<ElementsAttr>(original.getVal()),
                                       original.getLoc());
        double me = mse(getValuesAsDoubles(ev, eop->getLoc()), orig),
               ma = mse(getValuesAsDoubles(av, aop->getLoc()), orig);
        llvm::outs() << name << ": mse " << ma << " (expected " << me << ")\n";
        same = ma <= me * (1 + 1e-6) + 1e-12;
      }
    }
    if (!same)
      ok = false;
    else if (!byMse)
      llvm::outs() << name << ": identical\n";
  }
  llvm::outs() << (ok ? "weights match\n" : "weights differ\n");
  return ok ? 0 : 1;
}
