//===- MilRunMain.cpp - mil-run's entry point -------------------*- C++ -*-===//
//
// Part of mil-mlir. mil-run runs a function of a .mlpackage / .mlmodel / .mlir
// program with the interpreter (lib/Interpreter) on inputs from a .npz file
// or random ones, prints a summary of each output and the time per call,
// and optionally writes the outputs and compares them with expected ones.
// See docs/MilRun.md.
//
//===----------------------------------------------------------------------===//

#include "mil/Tools/MilRunMain.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Interpreter/Calibration.h"
#include "mil/Interpreter/Compare.h"
#include "mil/Interpreter/Interpreter.h"
#include "mil/Interpreter/Kernels/Common.h"
#include "mil/Interpreter/ModelRunner.h"
#include "mil/Interpreter/Npy.h"
#include "mil/Interpreter/Quality.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cmath>
#include <thread>

using namespace mlir;
using namespace mil::interp;
namespace cl = llvm::cl;

static cl::opt<std::string>
    modelPath(cl::Positional, cl::desc("<model.mlpackage|.mlmodel|.mlir>"));
static cl::opt<std::string> inputsPath("inputs",
                                       cl::desc("inputs by name (.npz)"),
                                       cl::value_desc("file.npz"));
static cl::opt<std::string> outputPath("o",
                                       cl::desc("write the outputs (.npz)"),
                                       cl::value_desc("file.npz"));
static cl::opt<std::string> functionName("function",
                                         cl::desc("function to run (default: "
                                                  "the program's default)"));
static cl::opt<std::string> stateIn("state-in",
                                    cl::desc("initial state values (.npz); "
                                             "missing states start at zero"));
static cl::opt<std::string> stateOut("state-out",
                                     cl::desc("write the states after the "
                                              "call (.npz)"));
static cl::opt<bool> randomInputs("random-inputs",
                                  cl::desc("make inputs from the model "
                                           "description (normal floats, "
                                           "ints in [0, 8), pixels in "
                                           "[0, 255])"));
static cl::opt<unsigned> seed("seed", cl::desc("seed of --random-inputs"),
                              cl::init(0));
static cl::list<std::string>
    shapes("shape", cl::desc("shape of a flexible input: NAME=1,3,64,64"),
           cl::value_desc("NAME=DIMS"));
static cl::opt<bool> listOps("list-ops",
                             cl::desc("list the MIL op types and whether the "
                                      "interpreter implements them"));
static cl::opt<unsigned> repeat("repeat",
                                cl::desc("calls to time (after one warm-up "
                                         "call when > 1)"),
                                cl::init(1));
static cl::opt<unsigned> threads("num-threads",
                                 cl::desc("kernel threads (default: all "
                                          "cores)"),
                                 cl::init(0));
static cl::opt<std::string> comparePath("compare",
                                        cl::desc("expected outputs (.npz) to "
                                                 "compare with"));
static cl::opt<double> minSnr("min-snr",
                              cl::desc("with --compare: fail when an "
                                       "output's SNR (dB) is below this"),
                              cl::init(-INFINITY));
static cl::opt<std::string>
    intermediatesPath("dump-intermediates",
                      cl::desc("write every named value the call computes "
                               "(inputs and op results but consts; a loop "
                               "body's last iteration) as .npz"),
                      cl::value_desc("file.npz"));
static cl::opt<bool> quiet("quiet",
                           cl::desc("no output summary (the time only)"));
static cl::opt<bool> printOutputs("print-outputs",
                                  cl::desc("print every output element"));
static cl::opt<int64_t> maxLoopIterations(
    "max-loop-iterations",
    cl::desc("a while_loop running longer is an error (default 2^31)"),
    cl::init(mil::interp::kDefaultMaxLoopIterations));

static cl::opt<bool> profile("profile",
                             cl::desc("print the time per op type over the "
                                      "timed calls"));

static int fail(const llvm::Twine &msg) {
  llvm::errs() << "mil-run: " << msg << "\n";
  return 1;
}

/// The op types by total time: ops and mean milliseconds per call, share of
/// the time in ops.
static void printProfile(const mil::interp::OpProfile &p, size_t calls) {
  std::vector<std::pair<std::string, mil::interp::OpProfile::Entry>> rows(
      p.byType.begin(), p.byType.end());
  std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
    return a.second.ms > b.second.ms;
  });
  double total = 0;
  for (auto &row : rows)
    total += row.second.ms;
  llvm::outs() << "op type                      ops/call    mean ms      %\n";
  for (auto &[type, e] : rows)
    llvm::outs() << llvm::format("%-28s %8.1f %10.3f %6.1f\n", type.c_str(),
                                 static_cast<double>(e.count) / calls,
                                 e.ms / calls,
                                 total > 0 ? 100 * e.ms / total : 0.0);
}

static OwningOpRef<ModuleOp> load(MLIRContext &ctx) {
  if (llvm::sys::fs::is_directory(modelPath) ||
      llvm::StringRef(modelPath).ends_with(".mlmodel") ||
      llvm::StringRef(modelPath).ends_with(".mlpackage"))
    return mil::importModel(modelPath, &ctx);
  std::string error;
  auto file = openInputFile(modelPath, &error);
  if (!file) {
    fail(error);
    return nullptr;
  }
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &ctx);
  return parseSourceFile<ModuleOp>(sourceMgr, &ctx);
}

static std::string dtypeLabel(const Tensor &t) {
  return dtypeName(t.dtype()).str();
}

/// Parses --shape values.
static bool parseShapes(std::map<std::string, std::vector<int64_t>> &out) {
  for (const std::string &s : shapes) {
    auto [name, dims] = llvm::StringRef(s).split('=');
    if (name.empty() || dims.empty()) {
      fail("--shape '" + s + "' is not NAME=D0,D1,...");
      return false;
    }
    std::vector<int64_t> v;
    llvm::SmallVector<llvm::StringRef> parts;
    dims.split(parts, ',');
    for (llvm::StringRef p : parts) {
      int64_t d;
      if (p.trim().getAsInteger(10, d) || d < 0 || d > (1 << 24)) {
        fail("--shape '" + s + "': bad dimension '" + p + "'");
        return false;
      }
      v.push_back(d);
    }
    out[name.str()] = v;
  }
  return true;
}

static int listOpTypes(MLIRContext &ctx) {
  std::vector<std::string> all = getAllOpTypes(&ctx);
  std::vector<std::string> done = getImplementedOpTypes();
  unsigned count = 0;
  for (const std::string &op : all) {
    bool yes = std::binary_search(done.begin(), done.end(), op) ||
               llvm::StringRef(op).starts_with("constexpr_");
    count += yes;
    llvm::outs() << (yes ? "yes " : "no  ") << op << "\n";
  }
  llvm::outs() << count << " of " << all.size() << " op types implemented\n";
  return 0;
}

int mil::milRunMain(int argc, char **argv) {
  if (!cl::ParseCommandLineOptions(argc, argv, "run a MIL program on the CPU\n",
                                   &llvm::errs()))
    return 1;

  DialectRegistry registry;
  registry.insert<mil::MILDialect>();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  ctx.disableMultithreading();

  if (listOps)
    return listOpTypes(ctx);
  if (modelPath.empty())
    return fail("no model given");
  if (inputsPath.empty() == !randomInputs)
    return fail("give exactly one of --inputs FILE.npz and --random-inputs");
  if (repeat == 0)
    return fail("--repeat must be at least 1");
  std::map<std::string, std::vector<int64_t>> shapeOverrides;
  if (!parseShapes(shapeOverrides))
    return 1;
#ifdef __GLIBC__
  // Each op allocates its outputs. By default glibc serves large blocks
  // with mmap and trims the heap when they are freed, so every call faulted
  // in fresh zeroed pages (a third of an fp16 U-Net's time); keep freed
  // memory for the next call instead (32 MiB is glibc's largest mmap
  // threshold; larger values are refused).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  mil::kernels::setNumThreads(
      threads ? static_cast<int>(threads)
              : std::max(1u, std::thread::hardware_concurrency()));

  OwningOpRef<ModuleOp> module = load(ctx);
  if (!module)
    return 1;
  if (failed(verify(*module)))
    return 1;
  // A pipeline runs its sub-models in order (ModelRunner).
  auto interp = ModelRunner::create(*module, functionName);
  if (failed(interp))
    return 1;
  if ((*interp)->isPipeline() && (!stateIn.empty() || !stateOut.empty()))
    return fail("--state-in and --state-out take the states of an ML "
                "program; a pipeline has none");

  // Inputs.
  NamedTensors inputs;
  if (!inputsPath.empty()) {
    auto read = readInputFile((*interp)->getInputs(), inputsPath);
    if (!read)
      return fail(llvm::toString(read.takeError()));
    inputs = std::move(*read);
  } else {
    auto random =
        makeRandomInputs(*module, (*interp)->getInputs(), seed, shapeOverrides);
    if (failed(random))
      return 1;
    inputs = std::move(*random);
  }

  StateMap states;
  if (!stateIn.empty()) {
    auto read = readNpz(stateIn);
    if (!read)
      return fail(llvm::toString(read.takeError()));
    for (auto &[name, t] : *read)
      states[name] = t;
  }

  // Intermediates, by name in program order; later values replace earlier.
  NamedTensors intermediates;
  llvm::StringMap<size_t> intermediateIndex;
  if (!intermediatesPath.empty())
    (*interp)->setObserver([&](Value v, const Tensor &t) {
      std::string name = getTensorName(v);
      if (name.empty() || v.getDefiningOp<mil::ConstOp>() ||
          t.dtype() == DType::String)
        return;
      auto [it, inserted] =
          intermediateIndex.try_emplace(name, intermediates.size());
      if (inserted)
        intermediates.emplace_back(name, t);
      else
        intermediates[it->second].second = t;
    });

  // Calls: one warm-up when timing several, each from the initial states.
  if (maxLoopIterations <= 0)
    return fail("--max-loop-iterations must be positive");
  (*interp)->setMaxLoopIterations(maxLoopIterations);
  std::vector<double> times;
  FailureOr<NamedTensors> outputs = failure();
  StateMap initial = states;
  unsigned calls = repeat > 1 ? repeat + 1 : 1;
  mil::interp::OpProfile opProfile;
  for (unsigned c = 0; c < calls; ++c) {
    states = initial;
    if (profile && (calls == 1 || c == 1))
      (*interp)->setProfile(&opProfile);
    auto start = std::chrono::steady_clock::now();
    outputs = (*interp)->run(inputs, states);
    auto end = std::chrono::steady_clock::now();
    if (failed(outputs))
      return 1;
    if (calls == 1 || c > 0)
      times.push_back(
          std::chrono::duration<double, std::milli>(end - start).count());
  }
  (*interp)->setProfile(nullptr);
  std::sort(times.begin(), times.end());
  double median = times[times.size() / 2];

  // fp16 outputs are reported and written as float32, as Core ML hands them.
  for (auto &[name, t] : *outputs)
    if (t.dtype() == DType::Float16)
      t = t.castTo(DType::Float32);

  if (!quiet) {
    for (auto &[name, t] : *outputs) {
      Summary s = summarize(t);
      llvm::outs() << name << ": " << shapeToString(t.shape()) << " "
                   << dtypeLabel(t) << " min " << llvm::format("%.6g", s.min)
                   << " max " << llvm::format("%.6g", s.max) << " mean "
                   << llvm::format("%.6g", s.mean) << "\n";
    }
    if (printOutputs)
      for (auto &[name, t] : *outputs) {
        llvm::outs() << name << " =";
        for (int64_t i = 0, n = t.numElements(); i < n; ++i) {
          if (t.dtype() == DType::String)
            llvm::outs() << " \"" << t.strings()[i] << "\"";
          else
            llvm::outs() << " " << llvm::format("%.6g", t.getDouble(i));
        }
        llvm::outs() << "\n";
      }
  }
  llvm::outs() << "time per call: " << llvm::format("%.3f", median)
               << " ms (median of " << times.size() << ", min "
               << llvm::format("%.3f", times.front()) << " ms, "
               << mil::kernels::getNumThreads() << " threads)\n";
  if (profile)
    printProfile(opProfile, times.size());

  if (!outputPath.empty())
    if (llvm::Error e = writeNpz(outputPath, *outputs))
      return fail(llvm::toString(std::move(e)));
  if (!intermediatesPath.empty())
    if (llvm::Error e = writeNpz(intermediatesPath, intermediates))
      return fail(llvm::toString(std::move(e)));
  if (!stateOut.empty()) {
    NamedTensors named;
    for (auto &[name, t] : states)
      named.emplace_back(name, t);
    if (llvm::Error e = writeNpz(stateOut, named))
      return fail(llvm::toString(std::move(e)));
  }

  if (!comparePath.empty()) {
    auto expected = readNpz(comparePath);
    if (!expected)
      return fail(llvm::toString(expected.takeError()));
    bool ok = true;
    for (auto &[name, ref] : *expected) {
      const Tensor *got = nullptr;
      for (auto &[n, t] : *outputs)
        if (n == name)
          got = &t;
      if (!got) {
        llvm::outs() << "compare " << name << ": FAIL (no such output)\n";
        ok = false;
        continue;
      }
      ErrorStats e = compareTensors(ref, *got);
      if (!e.comparable) {
        llvm::outs() << "compare " << name << ": FAIL (shape "
                     << shapeToString(got->shape()) << ", expected "
                     << shapeToString(ref.shape()) << ")\n";
        ok = false;
        continue;
      }
      bool pass = e.snr >= minSnr;
      ok &= pass;
      llvm::outs() << "compare " << name << ": snr "
                   << llvm::format("%.2f", e.snr) << " dB psnr "
                   << llvm::format("%.2f", e.psnr) << " dB max-abs-error "
                   << llvm::format("%.3g", e.maxAbsError)
                   << (pass ? " ok" : " FAIL") << "\n";
    }
    if (!ok)
      return fail("outputs differ from '" + comparePath + "'");
  }
  return 0;
}
