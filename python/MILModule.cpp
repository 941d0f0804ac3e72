//===- MILModule.cpp - the _milmlir Python extension ----------------------===//
//
// Part of mil-mlir. The native half of the `milmlir` package: models (a
// context and a module), loading, parsing, printing and saving them, running
// pass pipelines with the GIL released, weights as read-only NumPy views of
// the memory-mapped weight file, and the config model of
// mil/Pipeline/CompressionConfig.h for the pure-Python config classes.
// Failures become ValueErrors carrying the diagnostics the tools print.
//
//===----------------------------------------------------------------------===//

#include "mil/Compress.h"
#include "mil/Compression/BitPacking.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/MILTypes.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Passes/ConfigRegistry.h"
#include "mil/Passes/LutFunctions.h"
#include "mil/Passes/Progress.h"
#include "mil/Pipeline/CompressionConfig.h"
#include "mil/Pipeline/PassPipeline.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <mutex>

namespace py = pybind11;
using namespace mlir;
using namespace mil;

namespace {

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

/// One MLIR context per loaded model; models derived from it (compression
/// results, clones) share it, and so do the weight arrays handed to Python:
/// resource blobs live as long as the context.
struct Context {
  MLIRContext ctx;
  Context() { mil::initialize(ctx); }
};

struct Model {
  std::shared_ptr<Context> context;
  /// Mutable: printing and walking need a non-const handle.
  mutable OwningOpRef<ModuleOp> module;
};
using ModelPtr = std::shared_ptr<Model>;

/// Collects diagnostics as the tools print them ("loc: error: message"),
/// from any thread.
class DiagnosticCapture {
public:
  explicit DiagnosticCapture(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          std::lock_guard<std::mutex> lock(mutex);
          std::string line;
          llvm::raw_string_ostream os(line);
          if (!isa<UnknownLoc>(diag.getLocation()))
            os << diag.getLocation() << ": ";
          // As the tools print them: without the notes.
          os << severityName(diag.getSeverity()) << ": " << diag;
          (diag.getSeverity() == DiagnosticSeverity::Error ? errors : warnings)
              .push_back(std::move(line));
          return success();
        }) {}

  /// The errors joined, or `fallback` when there were none.
  std::string errorText(const std::string &fallback) const {
    return errors.empty() ? fallback : llvm::join(errors, "\n");
  }
  /// Issues the warnings as Python warnings (GIL held).
  void warn() const {
    for (const std::string &w : warnings)
      if (PyErr_WarnEx(PyExc_UserWarning, w.c_str(), 1) < 0)
        throw py::error_already_set();
  }

private:
  static const char *severityName(DiagnosticSeverity severity) {
    switch (severity) {
    case DiagnosticSeverity::Error:
      return "error";
    case DiagnosticSeverity::Warning:
      return "warning";
    case DiagnosticSeverity::Note:
      return "note";
    case DiagnosticSeverity::Remark:
      return "remark";
    }
    return "error";
  }

  std::mutex mutex;
  std::vector<std::string> errors, warnings;
  ScopedDiagnosticHandler handler;
};

[[noreturn]] void throwValueError(const std::string &message) {
  throw py::value_error(message);
}

/// llvm::Error -> ValueError.
void check(llvm::Error error) {
  if (error)
    throwValueError(llvm::toString(std::move(error)));
}
template <typename T> T check(llvm::Expected<T> value) {
  if (!value)
    throwValueError(llvm::toString(value.takeError()));
  return std::move(*value);
}

ModelPtr loadFile(const std::string &path) {
  auto context = std::make_shared<Context>();
  DiagnosticCapture diagnostics(context->ctx);
  OwningOpRef<ModuleOp> module;
  {
    py::gil_scoped_release release;
    module = mil::loadModel(path, context->ctx);
  }
  if (!module)
    throwValueError(
        diagnostics.errorText("cannot read the model '" + path + "'"));
  diagnostics.warn();
  return std::make_shared<Model>(Model{context, std::move(module)});
}

ModelPtr parseModel(const std::string &text, const std::string &name) {
  auto context = std::make_shared<Context>();
  DiagnosticCapture diagnostics(context->ctx);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(&context->ctx), name);
  if (!module)
    throwValueError(diagnostics.errorText("cannot parse " + name));
  return std::make_shared<Model>(Model{context, std::move(module)});
}

ModelPtr cloneModel(const Model &model) {
  return std::make_shared<Model>(
      Model{model.context, OwningOpRef<ModuleOp>(model.module->clone())});
}

std::string printModel(const Model &model, bool elideWeights) {
  OpPrintingFlags flags;
  if (elideWeights)
    flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
  std::string text;
  llvm::raw_string_ostream os(text);
  model.module->print(os, flags);
  return text;
}

void saveFile(const Model &model, const std::string &path, bool force) {
  DiagnosticCapture diagnostics(model.context->ctx);
  LogicalResult saved = failure();
  {
    py::gil_scoped_release release;
    saved = mil::saveModel(*model.module, path, force);
  }
  if (failed(saved))
    throwValueError(
        diagnostics.errorText("cannot write the model to '" + path + "'"));
  diagnostics.warn();
}

//===----------------------------------------------------------------------===//
// Running passes
//===----------------------------------------------------------------------===//

/// Forwards the passes' per-weight progress to a Python callable for the
/// duration of a run; the first exception it raises is re-raised after.
class ProgressForwarder {
public:
  explicit ProgressForwarder(py::object callback)
      : callback(std::move(callback)) {
    if (this->callback.is_none())
      return;
    setWeightProgressCallback([this](uint64_t bytes) {
      py::gil_scoped_acquire gil;
      if (failed)
        return;
      try {
        this->callback(bytes);
      } catch (py::error_already_set &e) {
        failed = true;
        error = std::move(e);
      }
    });
  }
  ~ProgressForwarder() {
    if (!callback.is_none())
      setWeightProgressCallback({});
  }
  void rethrow() {
    if (failed)
      throw std::move(*error);
  }

private:
  py::object callback;
  bool failed = false;
  std::optional<py::error_already_set> error;
};

/// "'NAME' does not refer to a registered pass" gains the closest names.
std::string explainPipelineError(const std::string &message) {
  llvm::StringRef text(message);
  size_t start = text.find('\'');
  size_t end =
      start == llvm::StringRef::npos ? start : text.find('\'', start + 1);
  if (end == llvm::StringRef::npos ||
      !text.contains("does not refer to a registered pass"))
    return message;
  llvm::Expected<std::string> known =
      pipeline::PassPipeline::canonicalPassName(text.slice(start + 1, end));
  if (known) // Known by another spelling only.
    return message + " (did you mean " + *known + "?)";
  return message + "\n" + llvm::toString(known.takeError());
}

void runPasses(Model &model, const std::string &pipelineText,
               py::object progress) {
  MLIRContext &ctx = model.context->ctx;
  PassManager pm(&ctx);
  std::string error;
  llvm::raw_string_ostream os(error);
  // Both "builtin.module(a,b)" and a bare "a,b" are accepted.
  llvm::StringRef text = llvm::StringRef(pipelineText).trim();
  if (text.consume_front("builtin.module(")) {
    if (!text.consume_back(")"))
      throwValueError("invalid pass pipeline '" + pipelineText +
                      "': unbalanced parentheses");
  }
  if (failed(parsePassPipeline(text, pm, os)))
    throwValueError(
        explainPipelineError("invalid pass pipeline '" + pipelineText +
                             "': " + llvm::StringRef(error).trim().str()));
  DiagnosticCapture diagnostics(ctx);
  ProgressForwarder forwarder(std::move(progress));
  LogicalResult ran = failure();
  {
    py::gil_scoped_release release;
    ran = pm.run(*model.module);
  }
  forwarder.rethrow();
  if (failed(ran))
    throwValueError(diagnostics.errorText("the pass pipeline failed"));
  diagnostics.warn();
}

/// A pipeline given as pass names (either spelling) and per-pass options.
pipeline::PassPipeline buildPipeline(
    const std::vector<std::string> &passes,
    const std::vector<std::pair<std::string, std::vector<pipeline::PassOption>>>
        &options) {
  pipeline::PassPipeline p("custom");
  for (const std::string &pass : passes)
    check(p.append(pass));
  for (const auto &[pass, opts] : options)
    check(p.setOptions(pass, opts));
  check(p.validate());
  return p;
}

void runNamedPasses(
    Model &model, const std::vector<std::string> &passes,
    const std::vector<std::pair<std::string, std::vector<pipeline::PassOption>>>
        &options,
    py::object progress) {
  pipeline::PassPipeline p = buildPipeline(passes, options);
  if (p.getPasses().empty())
    return;
  runPasses(model, p.toMLIRPipeline(), std::move(progress));
}

//===----------------------------------------------------------------------===//
// Python values <-> JSON (the config dicts)
//===----------------------------------------------------------------------===//

llvm::json::Value toJSON(py::handle value) {
  if (value.is_none())
    return nullptr;
  if (py::isinstance<py::bool_>(value))
    return value.cast<bool>();
  if (py::isinstance<py::str>(value))
    return value.cast<std::string>();
  if (py::isinstance<py::dict>(value)) {
    llvm::json::Object object;
    for (auto [k, v] : value.cast<py::dict>())
      object[py::str(k).cast<std::string>()] = toJSON(v);
    return object;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    llvm::json::Array array;
    for (py::handle item : value)
      array.push_back(toJSON(item));
    return array;
  }
  if (py::isinstance<py::int_>(value))
    return value.cast<int64_t>();
  if (py::isinstance<py::float_>(value))
    return value.cast<double>();
  // NumPy scalars; NumPy itself is only needed when it is used.
  py::object numpy =
      py::module_::import("sys").attr("modules").attr("get")("numpy");
  if (!numpy.is_none() && py::isinstance(value, numpy.attr("bool_")))
    return value.cast<bool>();
  if (py::hasattr(value, "__index__"))
    return py::int_(value.attr("__index__")()).cast<int64_t>();
  if (py::hasattr(value, "__float__"))
    return value.attr("__float__")().cast<double>();
  // Anything else keeps its type name for the validation message.
  return "<" + py::str(py::type::of(value)).cast<std::string>() + ">";
}

py::object fromJSON(const llvm::json::Value &value) {
  switch (value.kind()) {
  case llvm::json::Value::Null:
    return py::none();
  case llvm::json::Value::Boolean:
    return py::bool_(*value.getAsBoolean());
  case llvm::json::Value::Number:
    if (std::optional<int64_t> i = value.getAsInteger())
      return py::int_(*i);
    return py::float_(*value.getAsNumber());
  case llvm::json::Value::String:
    return py::str(value.getAsString()->str());
  case llvm::json::Value::Array: {
    py::list list;
    for (const llvm::json::Value &item : *value.getAsArray())
      list.append(fromJSON(item));
    return list;
  }
  case llvm::json::Value::Object: {
    py::dict dict;
    for (const auto &[k, v] : *value.getAsObject())
      dict[py::str(k.str())] = fromJSON(v);
    return dict;
  }
  }
  return py::none();
}

/// OpXConfig(**fields) checked by the C++ config model: the normalized
/// field dict, or a ValueError with coremltools' message. `lut_function`
/// holds a registered name here.
py::object validateOpConfig(const std::string &configType, py::dict fields) {
  pipeline::OpCompressorConfig config =
      check(pipeline::parseOpConfigDict(configType, toJSON(fields), "",
                                        /*allowLutFunction=*/true));
  return fromJSON(config.toJSON());
}

/// OptimizationConfig.from_dict / from_yaml: the normalized dict.
py::object parseConfigDict(py::object dict) {
  return fromJSON(
      check(pipeline::parseOptimizationConfig(toJSON(dict), "")).toJSON());
}
py::object parseConfigFile(const std::string &path) {
  return fromJSON(check(pipeline::parseOptimizationConfigFile(path)).toJSON());
}
py::object parseConfigYAML(const std::string &text, const std::string &name) {
  llvm::json::Value dict = check(pipeline::parseYAMLAsJSON(text, name));
  return fromJSON(
      check(pipeline::parseOptimizationConfig(dict, name)).toJSON());
}

using ConfigEntry = std::optional<std::pair<std::string, py::dict>>;

pipeline::OptionalCompressorConfig buildEntry(const ConfigEntry &entry) {
  if (!entry)
    return std::nullopt;
  return check(pipeline::parseOpConfigDict(entry->first, toJSON(entry->second),
                                           "", /*allowLutFunction=*/true));
}

/// Builds an OptimizationConfig from its levels (each entry a class name
/// and field dict, or None) and registers it for the passes under `name`.
void registerConfig(
    const std::string &name, const ConfigEntry &global,
    const std::vector<std::pair<std::string, ConfigEntry>> &opTypeConfigs,
    const std::vector<std::pair<std::string, ConfigEntry>> &opNameConfigs) {
  pipeline::OptimizationConfig config;
  config.setGlobal(buildEntry(global));
  for (const auto &[key, entry] : opTypeConfigs)
    check(config.setOpType(key, buildEntry(entry)));
  for (const auto &[key, entry] : opNameConfigs)
    config.setOpName(key, buildEntry(entry));
  registerOptimizationConfig(name, std::move(config));
}

/// Holds a Python object for C++ code that may copy and drop it on any
/// thread: the reference is only touched with the GIL held.
struct PyRef {
  py::object object;
  explicit PyRef(py::object object) : object(std::move(object)) {}
  ~PyRef() {
    py::gil_scoped_acquire gil;
    object = py::object();
  }
};

/// A Python `lut_function(weight) -> (lut, indices)` as a C++ LUT function.
void registerPythonLutFunction(const std::string &name, py::object function) {
  auto ref = std::make_shared<PyRef>(std::move(function));
  registerLutFunction(name, [ref](llvm::ArrayRef<float> group,
                                  llvm::ArrayRef<int64_t> shape,
                                  unsigned clusterDim, std::vector<float> &lut,
                                  std::vector<uint32_t> &indices) {
    py::gil_scoped_acquire gil;
    try {
      py::array_t<float> weight(
          std::vector<py::ssize_t>(shape.begin(), shape.end()));
      std::memcpy(weight.mutable_data(), group.data(),
                  group.size() * sizeof(float));
      py::object result = ref->object(weight);
      if (!py::isinstance<py::tuple>(result) &&
          !py::isinstance<py::list>(result))
        return compression::Status::error(
            "The lut_function must return a tuple (lut, indices), got " +
            py::str(py::type::of(result)).cast<std::string>());
      py::sequence pair = result.cast<py::sequence>();
      if (pair.size() != 2)
        return compression::Status::error(
            "The lut_function must return a tuple (lut, indices) of two "
            "arrays, got " +
            std::to_string(pair.size()) + " values");
      auto lutArray =
          py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(
              pair[0]);
      auto indexArray =
          py::array_t<int64_t, py::array::c_style |
                                   py::array::forcecast>::ensure(pair[1]);
      if (!lutArray || !indexArray)
        return compression::Status::error(
            "The lut_function must return numeric arrays (lut, indices)");
      lut.assign(lutArray.data(), lutArray.data() + lutArray.size());
      indices.clear();
      indices.reserve(indexArray.size());
      for (py::ssize_t i = 0; i < indexArray.size(); ++i) {
        int64_t index = indexArray.data()[i];
        if (index < 0 || index > UINT32_MAX)
          return compression::Status::error("The lut_function returned index " +
                                            std::to_string(index) +
                                            ", out of range.");
        indices.push_back(static_cast<uint32_t>(index));
      }
      (void)clusterDim;
      return compression::Status::success();
    } catch (py::error_already_set &e) {
      return compression::Status::error("the lut_function raised " +
                                        std::string(e.what()));
    }
  });
}

//===----------------------------------------------------------------------===//
// Inspecting a model
//===----------------------------------------------------------------------===//

/// NumPy's name of a MIL element type with a byte-aligned encoding.
std::optional<std::string> numpyDtype(Type type) {
  llvm::StringRef name = getMILDTypeName(type);
  return llvm::StringSwitch<std::optional<std::string>>(name)
      .Case("fp16", "float16")
      .Case("fp32", "float32")
      .Case("fp64", "float64")
      .Case("int8", "int8")
      .Case("int16", "int16")
      .Case("int32", "int32")
      .Case("int64", "int64")
      .Case("uint8", "uint8")
      .Case("uint16", "uint16")
      .Case("uint32", "uint32")
      .Case("uint64", "uint64")
      .Case("bool", "bool")
      .Default(std::nullopt);
}

/// A tensor constant as a NumPy array: a read-only view of the attribute's
/// bytes (the mapped weight file for weights) kept alive by `owner`, or a
/// copy when the bytes had to be computed (splats, sub-byte types unpacked
/// to one byte per element, bf16 / fp8 as their raw integer bits).
py::object toArray(ElementsAttr attr, Location loc, py::handle owner) {
  auto type = cast<ShapedType>(attr.getType());
  if (!type.hasStaticShape())
    return py::none();
  // Strings and other non-numeric constants have no array form.
  if (!isa<IntegerType, FloatType>(type.getElementType()))
    return py::none();
  std::vector<py::ssize_t> shape(type.getShape().begin(),
                                 type.getShape().end());
  Type elem = type.getElementType();
  std::vector<uint8_t> storage;
  FailureOr<llvm::ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
  if (failed(bytes))
    return py::none();
  std::optional<std::string> dtype = numpyDtype(elem);
  unsigned bits = getMILElementBitWidth(elem);
  if (!dtype && bits < 8) {
    bool isSigned = elem.isSignlessInteger();
    py::array out(py::dtype(isSigned ? "int8" : "uint8"), shape);
    uint64_t count = type.getNumElements();
    if (isSigned)
      compression::unpackSignedBits(bytes->data(), count, bits,
                                    static_cast<int8_t *>(out.mutable_data()));
    else
      compression::unpackBits(bytes->data(), count, bits,
                              static_cast<uint8_t *>(out.mutable_data()));
    out.attr("setflags")(py::arg("write") = false);
    return std::move(out);
  }
  if (!dtype)
    dtype = bits == 16 ? "uint16" : "uint8";
  py::dtype dt(*dtype);
  py::array out;
  if (storage.empty()) {
    out = py::array(dt, shape, {}, bytes->data(), owner);
  } else {
    out = py::array(dt, shape);
    std::memcpy(out.mutable_data(), bytes->data(), bytes->size());
  }
  out.attr("setflags")(py::arg("write") = false);
  return std::move(out);
}

/// The MIL name of a value: its producing output, or a function input.
std::string valueName(Value value) {
  if (auto result = dyn_cast<OpResult>(value))
    return getMILResultName(result);
  auto arg = cast<BlockArgument>(value);
  if (auto fn = dyn_cast<FunctionOp>(arg.getOwner()->getParentOp()))
    if (std::optional<ArrayAttr> names = fn.getInputNames())
      if (arg.getArgNumber() < names->size())
        return cast<StringAttr>((*names)[arg.getArgNumber()]).str();
  return "%arg" + std::to_string(arg.getArgNumber());
}

/// MIL input name -> bound value names, in the op's input table order.
py::dict opInputs(Operation *op) {
  py::dict inputs;
  auto *dialect = dyn_cast<MILDialect>(op->getDialect());
  std::optional<llvm::ArrayRef<MILInputInfo>> table =
      dialect ? dialect->getMILInputTable(op->getName().getStringRef())
              : std::nullopt;
  if (!table) {
    py::list values;
    for (Value v : op->getOperands())
      values.append(valueName(v));
    if (!values.empty())
      inputs["operands"] = values;
    return inputs;
  }
  for (auto [input, start, length] : getMILInputOperandGroups(op, *table)) {
    if (length == 0)
      continue;
    py::list values;
    for (unsigned i = start; i < start + length; ++i)
      values.append(valueName(op->getOperand(i)));
    inputs[input->name] = values;
  }
  return inputs;
}

py::object attributeValue(Attribute attr, Location loc, py::handle owner) {
  if (auto s = dyn_cast<StringAttr>(attr))
    return py::str(s.str());
  if (auto b = dyn_cast<BoolAttr>(attr))
    return py::bool_(b.getValue());
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return py::int_(i.getValue().getSExtValue());
  if (auto f = dyn_cast<FloatAttr>(attr))
    return py::float_(f.getValueAsDouble());
  if (auto e = dyn_cast<ElementsAttr>(attr)) {
    py::object array = toArray(e, loc, owner);
    if (!array.is_none())
      return array;
  }
  if (auto a = dyn_cast<ArrayAttr>(attr)) {
    py::list list;
    for (Attribute item : a)
      list.append(attributeValue(item, loc, owner));
    return list;
  }
  if (auto d = dyn_cast<DictionaryAttr>(attr)) {
    py::dict dict;
    for (NamedAttribute n : d)
      dict[py::str(n.getName().str())] =
          attributeValue(n.getValue(), loc, owner);
    return dict;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  attr.print(os);
  return py::str(text);
}

/// The MIL op type: "conv" for mil.conv, the type of a mil.generic.
std::string opType(Operation *op) {
  if (auto generic = dyn_cast<GenericOp>(op))
    return generic.getOpType().str();
  llvm::StringRef name = op->getName().getStringRef();
  return name.starts_with("mil.") ? name.drop_front(4).str() : name.str();
}

py::dict describeOp(Operation *op, py::handle owner) {
  py::dict d;
  d["type"] = opType(op);
  d["name"] = getMILOpName(op).str();
  d["inputs"] = opInputs(op);
  py::list outputs;
  for (OpResult r : op->getResults())
    outputs.append(getMILResultName(r));
  d["outputs"] = outputs;
  py::dict attributes;
  for (NamedAttribute a : op->getAttrs()) {
    llvm::StringRef key = a.getName().getValue();
    if (key == "name" || key == "outputs" || key == "operandSegmentSizes")
      continue;
    attributes[py::str(key.str())] =
        attributeValue(a.getValue(), op->getLoc(), owner);
  }
  d["attributes"] = attributes;
  return d;
}

py::list describeFunctions(py::object self) {
  Model &model = self.cast<Model &>();
  py::list functions;
  for (auto fn : model.module->getOps<FunctionOp>()) {
    py::dict f;
    f["name"] = fn.getSymName().str();
    f["opset"] = fn.getOpset().str();
    py::list inputs;
    for (BlockArgument arg : fn.getBody().getArguments())
      inputs.append(valueName(arg));
    f["inputs"] = inputs;
    py::list ops;
    fn.walk([&](Operation *op) {
      if (op != fn && !isa<ReturnOp>(op))
        ops.append(describeOp(op, self));
    });
    f["ops"] = ops;
    functions.append(f);
  }
  return functions;
}

/// Every const holding at least `minElements` elements: (function, name,
/// output value name, array, consumers as (op type, op name, inputs)).
py::list listWeights(py::object self, int64_t minElements) {
  Model &model = self.cast<Model &>();
  py::list out;
  model.module->walk([&](ConstOp op) {
    auto attr = dyn_cast<ElementsAttr>(op.getVal());
    if (!attr || attr.getNumElements() < minElements)
      return;
    py::object array = toArray(attr, op.getLoc(), self);
    if (array.is_none())
      return;
    py::list consumers;
    llvm::SmallPtrSet<Operation *, 4> seen;
    for (Operation *user : op.getResult().getUsers())
      if (seen.insert(user).second)
        consumers.append(py::make_tuple(opType(user), getMILOpName(user).str(),
                                        opInputs(user)));
    auto fn = op->getParentOfType<FunctionOp>();
    out.append(py::make_tuple(
        fn ? fn.getSymName().str() : std::string(), getMILOpName(op).str(),
        getMILResultName(cast<OpResult>(op.getResult())), array, consumers));
  });
  return out;
}

/// Bytes of the float consts the compression passes may take, what the
/// progress callback counts towards.
uint64_t compressibleBytes(const Model &model) {
  uint64_t total = 0;
  model.module->walk([&](ConstOp op) {
    auto attr = dyn_cast<ElementsAttr>(op.getVal());
    auto type = attr ? dyn_cast<RankedTensorType>(attr.getType()) : nullptr;
    if (!type || !type.hasStaticShape() || type.getNumElements() < 10 ||
        !isa<FloatType>(type.getElementType()))
      return;
    total += type.getNumElements() *
             ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
  });
  return total;
}

} // namespace

PYBIND11_MODULE(_milmlir, m) {
  m.doc() = "mil-mlir's native core (use the milmlir package)";

  py::class_<Model, ModelPtr>(m, "Module")
      .def("clone", &cloneModel)
      .def("to_mlir", &printModel, py::arg("elide_weights") = false)
      .def("save", &saveFile, py::arg("path"), py::arg("force") = false)
      .def("run_passes", &runPasses, py::arg("pipeline"),
           py::arg("progress") = py::none())
      .def("run_pipeline", &runNamedPasses, py::arg("passes"),
           py::arg("options"), py::arg("progress") = py::none())
      .def("functions", &describeFunctions)
      .def("weights", &listWeights, py::arg("min_elements") = 0)
      .def("compressible_bytes", &compressibleBytes)
      .def("function_names", [](const Model &model) {
        std::vector<std::string> names;
        for (auto fn : model.module->getOps<FunctionOp>())
          names.push_back(fn.getSymName().str());
        return names;
      });

  m.def("load", &loadFile, py::arg("path"));
  m.def("parse", &parseModel, py::arg("text"),
        py::arg("name") = std::string("<string>"));

  m.def("validate_op_config", &validateOpConfig);
  m.def("parse_config_dict", &parseConfigDict);
  m.def("parse_config_file", &parseConfigFile);
  m.def("parse_config_yaml", &parseConfigYAML);
  m.def("register_config", &registerConfig);
  m.def("unregister_config",
        [](const std::string &name) { unregisterOptimizationConfig(name); });
  m.def("register_lut_function", &registerPythonLutFunction);
  m.def("unregister_lut_function",
        [](const std::string &name) { unregisterLutFunction(name); });

  m.def("get_pipeline", [](const std::string &name) {
    pipeline::PassPipeline p = check(pipeline::PassPipeline::get(name));
    std::vector<std::pair<std::string, std::vector<pipeline::PassOption>>>
        options;
    for (const std::string &pass : p.getPasses())
      if (const auto *opts = p.getOptions(pass))
        if (llvm::none_of(options,
                          [&](const auto &o) { return o.first == pass; }))
          options.push_back({pass, *opts});
    return py::make_tuple(p.getPasses(), options);
  });
  m.def("available_pipelines", &pipeline::PassPipeline::availablePipelines);
  m.def("available_passes", &pipeline::PassPipeline::availablePasses);
  m.def("canonical_pass_name", [](const std::string &name) {
    return check(pipeline::PassPipeline::canonicalPassName(name));
  });
}
