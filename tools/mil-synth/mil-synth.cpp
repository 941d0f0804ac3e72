//===- mil-synth.cpp - synthetic transformer-like ML programs ---*- C++ -*-===//
//
// Part of mil-mlir. Writes an ML program of a chosen size so that benchmarks
// and examples need no outside model: token embedding (gather), then per
// layer layer_norm, q/k/v/o linears, matmul attention with softmax, a gelu
// feed-forward block, and a 1x1 conv head. Weights are fp16 (or fp32)
// normal(0, 0.02) from a fixed seed, as the fixtures were made.
// `--kv-dim` gives k and v fewer outputs (grouped-query attention, tiled back
// to d_model), `--gated-ffn` a SwiGLU block (gate, up, silu, mul, down);
// `--shape llama3-8b` sets both and the sizes of Llama 3 8B (about 16 GB of
// fp16). Weights go to resource buffers that spill to scratch files, so the
// generator's memory stays bounded at any size.
// `--compress` stores every weight matrix as an iOS18 constexpr op with
// random parameters instead (int8 shift-scale, 4-bit LUT or 50% sparse), for
// decompression benchmarks; the values are noise, not a compressed model.
//
//   mil-synth --layers 6 --d-model 1024 --ffn 4096 --vocab 4096 -o m.mlpackage
//
//===----------------------------------------------------------------------===//

#include "mil/Compression/Half.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <array>
#include <cmath>

using namespace mlir;
using namespace mil;
namespace cl = llvm::cl;

static cl::opt<unsigned> numLayers("layers", cl::desc("transformer layers"),
                                   cl::init(2));
static cl::opt<unsigned> dModel("d-model", cl::desc("model width"),
                                cl::init(64));
static cl::opt<unsigned> ffn("ffn", cl::desc("feed-forward width"),
                             cl::init(256));
static cl::opt<unsigned> vocab("vocab", cl::desc("vocabulary size"),
                               cl::init(128));
static cl::opt<unsigned> seqLen("seq", cl::desc("sequence length"),
                                cl::init(8));
static cl::opt<unsigned> kvDim("kv-dim",
                               cl::desc("k/v projection width (default: "
                                        "d-model); must divide d-model"),
                               cl::init(0));
static cl::opt<bool> gatedFfn("gated-ffn",
                              cl::desc("SwiGLU feed-forward (gate, up, down)"));
static cl::opt<bool> parallelRandom(
    "parallel-random",
    cl::desc("draw each weight's values in parallel chunks from their own "
             "seeds (other values than without; on for --shape)"));
static cl::opt<std::string>
    shapePreset("shape",
                cl::desc("preset sizes: llama3-8b (32 layers, "
                         "d_model 4096, ffn 14336, k/v 1024, vocab "
                         "128256, SwiGLU)"),
                cl::init(""));
static cl::opt<bool> fp32("fp32", cl::desc("fp32 weights and compute"));
static cl::opt<std::string> opset("opset", cl::desc("opset of the program"),
                                  cl::init("CoreML8"));
static cl::opt<uint64_t> seed("seed", cl::desc("random seed"), cl::init(0));
static cl::opt<std::string>
    outputPath("o", cl::desc("output: a .mlpackage, or .mlir text"),
               cl::Required);
static cl::opt<bool> force("force", cl::desc("replace an existing output"));
namespace {
enum class Compress { None, Int8, Lut4, Sparse };
} // namespace
static cl::opt<Compress> compress(
    "compress", cl::desc("store weight matrices as constexpr ops (CoreML8+)"),
    cl::values(clEnumValN(Compress::None, "none", "plain consts"),
               clEnumValN(Compress::Int8, "int8",
                          "constexpr_blockwise_shift_scale, int8 per row"),
               clEnumValN(Compress::Lut4, "lut4",
                          "constexpr_lut_to_dense, uint4 per tensor"),
               clEnumValN(Compress::Sparse, "sparse",
                          "constexpr_sparse_to_dense, half the mask set")),
    cl::init(Compress::None));

namespace {

/// Builds the program op by op, naming every value as coremltools would.
class Synth {
public:
  explicit Synth(MLIRContext *ctx)
      : ctx(ctx), b(ctx), loc(b.getUnknownLoc()),
        elem(fp32 ? Type(b.getF32Type()) : Type(b.getF16Type())),
        rng(splitMix(seed)) {}

  OwningOpRef<ModuleOp> build();

  /// A non-zero xorshift state from any seed (xorshift stays at 0 forever
  /// from a zero state).
  static uint64_t splitMix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x ? x : 1;
  }

private:
  RankedTensorType tensor(ArrayRef<int64_t> shape, Type type = {}) {
    return RankedTensorType::get(shape, type ? type : elem);
  }
  Value named(Operation *op, StringRef name) {
    op->setAttr(MILDialect::kNameAttr, b.getStringAttr(name));
    return op->getResult(0);
  }
  Value constant(StringRef name, Attribute value, Type type) {
    return named(b.create<ConstOp>(loc, type, value), name);
  }
  Value scalarI32(StringRef name, int32_t v) {
    auto type = tensor({}, b.getI32Type());
    return constant(name, DenseElementsAttr::get(type, v), type);
  }
  Value vectorI32(StringRef name, ArrayRef<int32_t> v) {
    auto type = tensor({static_cast<int64_t>(v.size())}, b.getI32Type());
    return constant(name, DenseElementsAttr::get(type, v), type);
  }
  Value boolean(StringRef name, bool v) {
    auto type = tensor({}, b.getI1Type());
    return constant(name, DenseElementsAttr::get(type, v), type);
  }
  Value string(StringRef name, StringRef v) {
    auto type = tensor({}, StringType::get(ctx));
    return constant(name, DenseStringElementsAttr::get(type, {v}), type);
  }
  Value scalar(StringRef name, float v) {
    auto type = tensor({});
    Attribute attr =
        fp32 ? DenseElementsAttr::get(type, v)
             : DenseElementsAttr::get(
                   type,
                   llvm::APFloat(llvm::APFloat::IEEEhalf(),
                                 llvm::APInt(16, compression::floatToHalf(v))));
    return constant(name, attr, type);
  }
  /// A weight: normal(0, std) values in a heap resource blob, or `fill`.
  /// With `--compress`, a matrix is a constexpr op instead.
  Value weight(StringRef name, ArrayRef<int64_t> shape, float std,
               std::optional<float> fill = std::nullopt);
  /// A blob-backed constant of `type` holding `bytes` packed bytes from
  /// `gen` (called once per byte).
  Value blobConst(StringRef name, RankedTensorType type, size_t bytes,
                  function_ref<uint8_t()> gen);
  Value compressedWeight(StringRef name, ArrayRef<int64_t> shape, float std);
  uint64_t next() {
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
  }
  Value op(StringRef type, StringRef name, ArrayRef<MILInput> inputs,
           Type result) {
    FailureOr<Operation *> built = buildMILOp(b, loc, type, inputs, result);
    if (failed(built))
      llvm::report_fatal_error("mil-synth: cannot build " + type);
    return named(*built, name);
  }
  Value linear(StringRef name, Value x, int64_t out, int64_t in);
  /// `x` [1, s, kv] repeated to [1, s, d_model] (grouped-query attention).
  Value repeatKV(StringRef name, Value x);
  Value layerNorm(StringRef name, Value x);

  /// Approximately normal samples (Irwin-Hall of 4 uniforms), fast enough
  /// for gigabytes of weights.
  float normal() {
    float sum = 0;
    for (int i = 0; i < 4; ++i) {
      rng ^= rng >> 12;
      rng ^= rng << 25;
      rng ^= rng >> 27;
      sum += static_cast<float>((rng * 2685821657736338717ull) >> 40) /
             static_cast<float>(1ull << 24);
    }
    return (sum - 2.0f) * std::sqrt(3.0f);
  }

  MLIRContext *ctx;
  OpBuilder b;
  Location loc;
  Type elem;
  uint64_t rng;
};

} // namespace

Value Synth::blobConst(StringRef name, RankedTensorType type, size_t bytes,
                       function_ref<uint8_t()> gen) {
  ResourceBuffer buffer(bytes);
  for (size_t i = 0; i < bytes; ++i)
    buffer.data()[i] = gen();
  return constant(name, buffer.finish(type, name), type);
}

Value Synth::compressedWeight(StringRef name, ArrayRef<int64_t> shape,
                              float std) {
  int64_t rows = shape[0], count = 1;
  for (int64_t d : shape)
    count *= d;
  auto halfBytes = [&](float v) {
    uint16_t h = compression::floatToHalf(v);
    return std::array<uint8_t, 2>{uint8_t(h), uint8_t(h >> 8)};
  };
  // A generator of fp16 values, byte by byte.
  auto halves = [&](float scaleOf) {
    return [&, scaleOf, i = 0, cur = std::array<uint8_t, 2>{}]() mutable {
      if (i++ % 2 == 0)
        cur = halfBytes(normal() * scaleOf);
      return cur[(i - 1) % 2];
    };
  };
  Type i8 = IntegerType::get(ctx, 8),
       ui4 = IntegerType::get(ctx, 4, IntegerType::Unsigned);
  Type ui1 = IntegerType::get(ctx, 1, IntegerType::Unsigned);
  std::string n = name.str();
  auto result = tensor(shape);
  switch (compress) {
  case Compress::Int8: {
    Value data = blobConst(n + "_data", tensor(shape, i8), count,
                           [&] { return uint8_t(next() >> 56); });
    SmallVector<int64_t> scaleShape(shape.size(), 1);
    scaleShape[0] = rows;
    Value scale =
        blobConst(n + "_scale", tensor(scaleShape), rows * 2, halves(std / 64));
    return op("constexpr_blockwise_shift_scale", n,
              {{"data", {data}}, {"scale", {scale}}}, result);
  }
  case Compress::Lut4: {
    Value indices =
        blobConst(n + "_indices", tensor(shape, ui4), (count + 1) / 2,
                  [&] { return uint8_t(next() >> 56); });
    SmallVector<int64_t> lutShape(shape.size(), 1);
    lutShape.append({16, 1});
    Value lut = blobConst(n + "_lut", tensor(lutShape), 32, halves(std));
    return op("constexpr_lut_to_dense", n,
              {{"indices", {indices}}, {"lut", {lut}}}, result);
  }
  case Compress::Sparse: {
    int64_t ones = 0, bit = 0;
    Value mask =
        blobConst(n + "_mask", tensor(shape, ui1), (count + 7) / 8, [&] {
          uint8_t byte = uint8_t(next() >> 56);
          if (count - bit < 8) // The padding bits stay clear.
            byte &= uint8_t((1u << (count - bit)) - 1);
          bit += 8;
          ones += llvm::popcount(unsigned(byte));
          return byte;
        });
    Value data =
        blobConst(n + "_nonzero_data", tensor({ones}), ones * 2, halves(std));
    return op("constexpr_sparse_to_dense", n,
              {{"nonzero_data", {data}}, {"mask", {mask}}}, result);
  }
  case Compress::None:
    break;
  }
  llvm_unreachable("not a compressed mode");
}

Value Synth::weight(StringRef name, ArrayRef<int64_t> shape, float std,
                    std::optional<float> fill) {
  if (compress != Compress::None && !fill && shape.size() >= 2)
    return compressedWeight(name, shape, std);
  auto type = tensor(shape);
  int64_t count = type.getNumElements();
  size_t width = fp32 ? 4 : 2;
  ResourceBuffer buffer(count * width);
  uint8_t *data = buffer.data();
  if (parallelRandom && !fill) {
    // Chunks of 1 Mi values, each from a seed of its own: the sum of four
    // 16-bit uniforms of one xorshift draw per value.
    constexpr int64_t kChunk = 1 << 20;
    uint64_t base = next();
    llvm::parallelFor(0, (count + kChunk - 1) / kChunk, [&](size_t c) {
      uint64_t state = splitMix(base + c * 0x9E3779B97F4A7C15ull);
      for (int64_t i = c * kChunk, e = std::min(count, i + kChunk); i < e;
           ++i) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        uint64_t r = state * 2685821657736338717ull;
        float sum = float((r & 0xFFFF) + ((r >> 16) & 0xFFFF) +
                          ((r >> 32) & 0xFFFF) + (r >> 48)) /
                    65536.0f;
        float v = (sum - 2.0f) * std::sqrt(3.0f) * std;
        if (fp32) {
          std::memcpy(data + i * 4, &v, 4);
        } else {
          uint16_t h = compression::floatToHalf(v);
          std::memcpy(data + i * 2, &h, 2);
        }
      }
    });
    return constant(name, buffer.finish(type, name), type);
  }
  for (int64_t i = 0; i < count; ++i) {
    float v = fill ? *fill : normal() * std;
    if (fp32)
      std::memcpy(data + i * 4, &v, 4);
    else {
      uint16_t h = compression::floatToHalf(v);
      std::memcpy(data + i * 2, &h, 2);
    }
  }
  return constant(name, buffer.finish(type, name), type);
}

Value Synth::linear(StringRef name, Value x, int64_t out, int64_t in) {
  Value w = weight((name + "_weight").str(), {out, in}, 0.02f);
  Value bias = weight((name + "_bias").str(), {out}, 0, 0.0f);
  auto xType = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(xType.getShape());
  shape.back() = out;
  return op("linear", name, {{"x", {x}}, {"weight", {w}}, {"bias", {bias}}},
            tensor(shape));
}

Value Synth::repeatKV(StringRef name, Value x) {
  int64_t kv = cast<RankedTensorType>(x.getType()).getShape().back();
  if (kv == dModel)
    return x;
  Value reps = vectorI32((name + "_reps").str(),
                         {1, 1, static_cast<int32_t>(dModel / kv)});
  return op("tile", name, {{"x", {x}}, {"reps", {reps}}},
            tensor({1, seqLen, dModel}));
}

Value Synth::layerNorm(StringRef name, Value x) {
  Value axes = vectorI32((name + "_axes").str(), {-1});
  Value gamma = weight((name + "_gamma").str(), {dModel}, 0, 1.0f);
  Value beta = weight((name + "_beta").str(), {dModel}, 0, 0.0f);
  Value eps = scalar((name + "_epsilon").str(), 1e-5f);
  return op("layer_norm", name,
            {{"x", {x}},
             {"axes", {axes}},
             {"gamma", {gamma}},
             {"beta", {beta}},
             {"epsilon", {eps}}},
            x.getType());
}

OwningOpRef<ModuleOp> Synth::build() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  int64_t s = seqLen, d = dModel, f = ffn, v = vocab;
  int64_t kv = kvDim ? kvDim : d;
  auto tokensType = tensor({1, s}, b.getI32Type());
  auto logitsType = tensor({1, v, s});
  auto fn = b.create<FunctionOp>(
      loc, "main", b.getFunctionType({tokensType}, {logitsType}), opset);
  fn.setInputNamesAttr(b.getStrArrayAttr({"tokens"}));
  Block *body = b.createBlock(&fn.getBody(), {}, {tokensType}, {loc});
  b.setInsertionPointToEnd(body);

  auto act = tensor({1, s, d});
  Value embedding = weight("embedding", {v, d}, 0.02f);
  Value h = op("gather", "embed",
               {{"x", {embedding}},
                {"indices", {body->getArgument(0)}},
                {"axis", {scalarI32("embed_axis", 0)}}},
               act);
  for (unsigned layer = 0; layer < numLayers; ++layer) {
    std::string p = "layer" + std::to_string(layer) + "_";
    Value ln1 = layerNorm(p + "ln1", h);
    Value q = linear(p + "q", ln1, d, d);
    Value k = repeatKV(p + "k_repeat", linear(p + "k", ln1, kv, d));
    Value val = repeatKV(p + "v_repeat", linear(p + "v", ln1, kv, d));
    Value scores =
        op("matmul", p + "scores",
           {{"x", {q}},
            {"y", {k}},
            {"transpose_x", {boolean(p + "scores_transpose_x", false)}},
            {"transpose_y", {boolean(p + "scores_transpose_y", true)}}},
           tensor({1, s, s}));
    Value probs =
        op("softmax", p + "probs",
           {{"x", {scores}}, {"axis", {scalarI32(p + "probs_axis", -1)}}},
           scores.getType());
    Value attn = op("matmul", p + "attn",
                    {{"x", {probs}},
                     {"y", {val}},
                     {"transpose_x", {boolean(p + "attn_transpose_x", false)}},
                     {"transpose_y", {boolean(p + "attn_transpose_y", false)}}},
                    act);
    Value o = linear(p + "o", attn, d, d);
    h = op("add", p + "residual1", {{"x", {h}}, {"y", {o}}}, act);
    Value ln2 = layerNorm(p + "ln2", h);
    Value g;
    if (gatedFfn) {
      Value gate = linear(p + "ffn_gate", ln2, f, d);
      Value up = linear(p + "ffn_up", ln2, f, d);
      Value act = op("silu", p + "silu", {{"x", {gate}}}, gate.getType());
      g = op("mul", p + "ffn_mul", {{"x", {act}}, {"y", {up}}}, up.getType());
    } else {
      Value up = linear(p + "ffn_up", ln2, f, d);
      g = op("gelu", p + "gelu",
             {{"x", {up}}, {"mode", {string(p + "gelu_mode", "EXACT")}}},
             up.getType());
    }
    Value down = linear(p + "ffn_down", g, d, f);
    h = op("add", p + "residual2", {{"x", {h}}, {"y", {down}}}, act);
  }
  // Head: a 1x1 conv over [1, d, s].
  Value hT = op("transpose", "head_in",
                {{"x", {h}}, {"perm", {vectorI32("head_in_perm", {0, 2, 1})}}},
                tensor({1, d, s}));
  Value headW = weight("head_weight", {v, d, 1}, 0.02f);
  Value logits = op("conv", "logits",
                    {{"x", {hT}},
                     {"weight", {headW}},
                     {"strides", {vectorI32("logits_strides", {1})}},
                     {"pad_type", {string("logits_pad_type", "valid")}},
                     {"dilations", {vectorI32("logits_dilations", {1})}},
                     {"groups", {scalarI32("logits_groups", 1)}}},
                    logitsType);
  b.create<ReturnOp>(loc, logits);
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAsmPrinterCLOptions();
  cl::ParseCommandLineOptions(argc, argv, "synthetic ML program generator\n");
  if (shapePreset == "llama3-8b") {
    numLayers = 32;
    dModel = 4096;
    ffn = 14336;
    kvDim = 1024;
    vocab = 128256;
    gatedFfn = true;
    parallelRandom = true;
  } else if (!shapePreset.empty()) {
    llvm::errs() << "mil-synth: unknown --shape '" << shapePreset
                 << "' (known: llama3-8b)\n";
    return 1;
  }
  if (kvDim && (kvDim > dModel || dModel % kvDim != 0)) {
    llvm::errs() << "mil-synth: --kv-dim " << kvDim << " must divide --d-model "
                 << dModel << "\n";
    return 1;
  }
  // Weights past the memory budget go to scratch files beside the output.
  StringRef parent = llvm::sys::path::parent_path(outputPath);
  setScratchDirectory(parent.empty() ? "." : parent);
  if (!dModel || !ffn || !vocab || !seqLen) {
    llvm::errs() << "mil-synth: --d-model, --ffn, --vocab and --seq must be "
                    "at least 1\n";
    return 1;
  }
  // The largest weight is d-model x max(ffn, vocab); keep each under 2^31
  // elements (4 GB of fp16; Llama-3-8B's embedding is 2^29) so that sizes
  // cannot overflow or exhaust memory.
  uint64_t largest = uint64_t(dModel) * std::max(ffn, vocab);
  if (largest > (uint64_t(1) << 31)) {
    llvm::errs() << "mil-synth: a " << dModel << " x " << std::max(ffn, vocab)
                 << " weight is too large (at most 2^31 elements)\n";
    return 1;
  }
  MLIRContext ctx;
  ctx.loadDialect<MILDialect>();
  OwningOpRef<ModuleOp> module = Synth(&ctx).build();
  if (!module)
    return 1;
  if (llvm::StringRef(outputPath).ends_with(".mlpackage")) {
    ExportOptions options;
    options.force = force;
    return failed(exportMLPackage(*module, outputPath, options)) ? 1 : 0;
  }
  std::string error;
  auto output = openOutputFile(outputPath, &error);
  if (!output) {
    llvm::errs() << "mil-synth: " << error << "\n";
    return 1;
  }
  module->print(output->os());
  output->keep();
  return 0;
}
