//===- Export.cpp - mil dialect -> Core ML model files ----------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "ProtoAttributes.h"
#include "ValueConversion.h"

#include "Model.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "mil/Compression/FileBackedMemory.h"
#include "mil/Dialect/ConstexprEval.h"
#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Format/BlobStorage.h"
#include "mil/Format/Package.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <signal.h>

using namespace mlir;
using namespace mil;
using namespace mil::translate;
namespace spec = CoreML::Specification;

namespace {

/// Where blob values go: weight.bin of the package being written.
class BlobSink {
public:
  explicit BlobSink(std::string path) : path(std::move(path)) {}

  /// Writes `attr` (deduplicated by attribute identity) and returns its
  /// metadata offset.
  FailureOr<uint64_t> write(ElementsAttr attr, milspec::DataType dt,
                            Location loc) {
    if (auto it = offsets.find(attr); it != offsets.end())
      return it->second;
    if (!writer) {
      auto created = format::BlobWriter::create(path);
      if (!created)
        return emitError(loc) << llvm::toString(created.takeError());
      writer = std::move(*created);
    }
    std::vector<uint8_t> storage;
    FailureOr<ArrayRef<uint8_t>> bytes = getPackedBytes(attr, storage, loc);
    if (failed(bytes))
      return failure();
    auto type = cast<ShapedType>(attr.getType());
    // Data that a file holds (the scratch file of new weights, an input
    // weight.bin) is copied from it inside the kernel: its mapping is never
    // touched.
    std::optional<format::BlobWriter::FileSource> source;
    if (std::optional<compression::FileRange> range =
            compression::findFileRange(bytes->data(), bytes->size()))
      source = format::BlobWriter::FileSource{range->fd, range->offset};
    llvm::Expected<uint64_t> offset = writer->write(
        *getBlobDataType(dt), type.getNumElements(), *bytes, source);
    if (!offset)
      return emitError(loc) << llvm::toString(offset.takeError());
    // Dense attributes are not shared, so only resources are worth caching.
    if (isa<DenseResourceElementsAttr>(attr))
      offsets[attr] = *offset;
    return *offset;
  }

  LogicalResult close(Location loc) {
    if (!writer)
      return success();
    if (llvm::Error err = writer->close())
      return emitError(loc) << llvm::toString(std::move(err));
    return success();
  }

private:
  std::string path;
  std::unique_ptr<format::BlobWriter> writer;
  llvm::DenseMap<Attribute, uint64_t> offsets;
};

class Exporter {
public:
  Exporter(ModuleOp module, BlobSink *blobs,
           std::string weightFile = kDefaultWeightFile)
      : module(module), blobs(blobs), weightFile(std::move(weightFile)),
        loc(module.getLoc()) {}

  /// Where a program's blobs live unless the module says otherwise.
  static constexpr const char *kDefaultWeightFile =
      "@model_path/weights/weight.bin";

  LogicalResult exportModel(spec::Model &model);

private:
  LogicalResult exportFunction(FunctionOp fn, milspec::Function &out);
  LogicalResult exportBlock(Block &block, milspec::Block &out);
  LogicalResult exportOp(Operation *op, milspec::Block &out);
  LogicalResult exportValue(Attribute attr, Type type, bool allowBlob,
                            milspec::Value &out, Location loc);
  LogicalResult exportBinding(Value value, bool allowBlob,
                              milspec::Argument &out, Location loc);
  LogicalResult synthesizeDescription(spec::Model &model);
  StringRef nameOf(Value value);
  void nameBlockArguments(Block &block, ArrayAttr names);

  ModuleOp module;
  BlobSink *blobs;
  /// The blob file name the program's values reference.
  std::string weightFile;
  Location loc;
  int specificationVersion = 0;
  llvm::DenseMap<Value, std::string> names;
  llvm::StringSet<> usedNames;
  unsigned nextTemp = 0;
};

} // namespace

/// The specification version an opset needs (formats.md 3.8).
static int specVersionForOpset(StringRef opset) {
  int n = 0;
  if (opset.consume_front("CoreML") && !opset.getAsInteger(10, n))
    return n + 1;
  return 0;
}

StringRef Exporter::nameOf(Value value) {
  auto it = names.find(value);
  if (it != names.end())
    return it->second;
  std::string name;
  if (auto result = dyn_cast<OpResult>(value))
    name = getMILResultName(result);
  if (name.empty() || usedNames.contains(name)) {
    do
      name = "var_" + std::to_string(nextTemp++);
    while (usedNames.contains(name));
  }
  usedNames.insert(name);
  return names[value] = name;
}

void Exporter::nameBlockArguments(Block &block, ArrayAttr argNames) {
  for (BlockArgument arg : block.getArguments()) {
    if (argNames && arg.getArgNumber() < argNames.size()) {
      std::string name = cast<StringAttr>(argNames[arg.getArgNumber()]).str();
      usedNames.insert(name);
      names[arg] = name;
    } else {
      nameOf(arg);
    }
  }
}

LogicalResult Exporter::exportValue(Attribute attr, Type type, bool allowBlob,
                                    milspec::Value &out, Location loc) {
  if (failed(exportValueType(type, *out.mutable_type(), loc)))
    return failure();
  if (auto elements = dyn_cast<ElementsAttr>(attr)) {
    auto shaped = cast<ShapedType>(type);
    if (allowBlob && blobs && shouldUseBlob(shaped, specificationVersion)) {
      milspec::DataType dt = *getDataType(shaped.getElementType());
      FailureOr<uint64_t> offset = blobs->write(elements, dt, loc);
      if (failed(offset))
        return failure();
      milspec::Value::BlobFileValue *file = out.mutable_blobfilevalue();
      file->set_filename(weightFile);
      file->set_offset(*offset);
      return success();
    }
    return exportTensorValue(
        elements, *out.mutable_immediatevalue()->mutable_tensor(), loc);
  }
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return emitError(loc) << "cannot export value " << attr;
  return attrToMessage(dict, *out.mutable_immediatevalue(), loc);
}

/// A string scalar Value (the `name` attribute of every op).
static void setStringValue(milspec::Value &value, StringRef str) {
  milspec::TensorType *t = value.mutable_type()->mutable_tensortype();
  t->set_datatype(milspec::STRING);
  value.mutable_immediatevalue()
      ->mutable_tensor()
      ->mutable_strings()
      ->add_values(str.str());
}

LogicalResult Exporter::exportBinding(Value value, bool allowBlob,
                                      milspec::Argument &out, Location loc) {
  milspec::Argument::Binding *binding = out.add_arguments();
  if (auto cst = value.getDefiningOp<ConstOp>(); cst && cst->hasAttr("inline"))
    return exportValue(cst.getVal(), cst.getType(), allowBlob,
                       *binding->mutable_value(), cst.getLoc());
  binding->set_name(nameOf(value).str());
  return success();
}

LogicalResult Exporter::exportOp(Operation *op, milspec::Block &out) {
  Location opLoc = op->getLoc();
  if (auto cst = dyn_cast<ConstOp>(op); cst && cst->hasAttr("inline"))
    return success(); // folded into the bindings of its users
  milspec::Operation &pb = *out.add_operations();
  StringRef opName = getMILOpName(op);
  if (!opName.empty())
    setStringValue((*pb.mutable_attributes())["name"], opName);

  if (auto cst = dyn_cast<ConstOp>(op)) {
    pb.set_type("const");
    if (failed(exportValue(cst.getVal(), cst.getType(), /*allowBlob=*/true,
                           (*pb.mutable_attributes())["val"], opLoc)))
      return failure();
  } else if (auto generic = dyn_cast<GenericOp>(op)) {
    pb.set_type(generic.getOpType().str());
    unsigned start = 0;
    for (auto [name, size] :
         llvm::zip(generic.getInputNames(), generic.getInputSizes())) {
      milspec::Argument &arg =
          (*pb.mutable_inputs())[cast<StringAttr>(name).str()];
      bool constexprOp = generic.getOpType().starts_with("constexpr_");
      for (Value v : generic.getInputs().slice(start, size))
        if (failed(exportBinding(v, constexprOp, arg, opLoc)))
          return failure();
      start += size;
    }
  } else {
    StringRef fullName = op->getName().getStringRef();
    auto *dialect = cast<MILDialect>(op->getDialect());
    std::optional<ArrayRef<MILInputInfo>> table =
        dialect->getMILInputTable(fullName);
    if (!table)
      return op->emitOpError() << "has no MIL form to export";
    pb.set_type(fullName.drop_front(4).str());
    bool constexprOp = isConstexprOp(op);
    for (const MILInputInfo &input : *table) {
      if (input.kind != MILInputKind::Attribute)
        continue;
      Attribute attr = op->getAttr(input.name);
      if (!attr)
        continue;
      auto typed = dyn_cast<TypedAttr>(attr);
      if (!typed)
        return op->emitOpError()
               << "attribute '" << input.name << "' has no MIL type";
      if (failed(exportValue(attr, typed.getType(), /*allowBlob=*/true,
                             (*pb.mutable_attributes())[input.name], opLoc)))
        return failure();
    }
    for (auto [input, start, length] : getMILInputOperandGroups(op, *table)) {
      if (length == 0)
        continue;
      milspec::Argument &arg = (*pb.mutable_inputs())[input->name];
      // Literal bindings of constexpr ops follow the blob rule; those of
      // other ops (classify's classes, ...) are always immediate.
      for (unsigned i = start; i < start + length; ++i)
        if (failed(exportBinding(op->getOperand(i), constexprOp, arg, opLoc)))
          return failure();
    }
  }

  if (auto extra = op->getAttrOfType<DictionaryAttr>("mil_attrs"))
    for (NamedAttribute a : extra) {
      milspec::Value &value = (*pb.mutable_attributes())[a.getName().str()];
      if (auto elements = dyn_cast<ElementsAttr>(a.getValue())) {
        if (failed(exportValue(elements, elements.getType(),
                               /*allowBlob=*/true, value, opLoc)))
          return failure();
        continue;
      }
      auto dict = dyn_cast<DictionaryAttr>(a.getValue());
      if (!dict || failed(attrToMessage(dict, value, opLoc)))
        return op->emitOpError() << "has a malformed 'mil_attrs' entry '"
                                 << a.getName().getValue() << "'";
    }

  for (OpResult result : op->getResults()) {
    milspec::NamedValueType *output = pb.add_outputs();
    output->set_name(nameOf(result).str());
    if (failed(
            exportValueType(result.getType(), *output->mutable_type(), opLoc)))
      return failure();
  }

  auto blockInputs = op->getAttrOfType<ArrayAttr>("block_inputs");
  for (auto [i, region] : llvm::enumerate(op->getRegions())) {
    if (region.empty())
      continue;
    Block &block = region.front();
    ArrayAttr argNames = blockInputs && i < blockInputs.size()
                             ? dyn_cast<ArrayAttr>(blockInputs[i])
                             : ArrayAttr();
    nameBlockArguments(block, argNames);
    milspec::Block &pbBlock = *pb.add_blocks();
    for (BlockArgument arg : block.getArguments()) {
      milspec::NamedValueType *input = pbBlock.add_inputs();
      input->set_name(nameOf(arg).str());
      if (failed(exportValueType(arg.getType(), *input->mutable_type(), opLoc)))
        return failure();
    }
    if (failed(exportBlock(block, pbBlock)))
      return failure();
  }
  return success();
}

LogicalResult Exporter::exportBlock(Block &block, milspec::Block &out) {
  // Regions of ops the dialect does not know (mil.generic) are not verified
  // to end in mil.return, and may even be empty.
  auto ret = block.empty() ? ReturnOp() : dyn_cast<ReturnOp>(block.back());
  if (!ret)
    return emitError(block.empty() ? block.getParent()->getLoc()
                                   : block.back().getLoc())
           << "cannot end a MIL block (expected mil.return)";
  for (Operation &op : block.without_terminator())
    if (failed(exportOp(&op, out)))
      return failure();
  for (Value v : ret.getOutputs())
    out.add_outputs(nameOf(v).str());
  return success();
}

LogicalResult Exporter::exportFunction(FunctionOp fn, milspec::Function &out) {
  names.clear();
  usedNames.clear();
  Block &entry = fn.getBody().front();
  nameBlockArguments(entry, fn.getInputNamesAttr());
  for (BlockArgument arg : entry.getArguments()) {
    milspec::NamedValueType *input = out.add_inputs();
    input->set_name(nameOf(arg).str());
    if (failed(exportValueType(arg.getType(), *input->mutable_type(),
                               fn.getLoc())))
      return failure();
  }
  out.set_opset(fn.getOpset().str());
  return exportBlock(
      entry, (*out.mutable_block_specializations())[fn.getOpset().str()]);
}

/// The multiArrayType a tensor of `type` is described with.
static LogicalResult describeTensor(Type type,
                                    spec::FeatureDescription &feature,
                                    bool isInput, Location loc) {
  using Array = spec::ArrayFeatureType;
  if (auto state = dyn_cast<StateType>(type)) {
    auto tensor = cast<RankedTensorType>(state.getWrappedType());
    Array *array =
        feature.mutable_type()->mutable_statetype()->mutable_arraytype();
    for (int64_t d : tensor.getShape())
      array->add_shape(d);
    array->set_datatype(Array::FLOAT16);
    return success();
  }
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return emitError(loc) << "cannot describe a " << type
                          << " function input or output";
  Array *array = feature.mutable_type()->mutable_multiarraytype();
  Type element = tensor.getElementType();
  if (element.isF32())
    array->set_datatype(Array::FLOAT32);
  else if (element.isF16())
    array->set_datatype(Array::FLOAT16);
  else if (element.isSignlessInteger(32))
    array->set_datatype(Array::INT32);
  else if (element.isSignlessInteger(8))
    array->set_datatype(Array::INT8);
  else
    return emitError(loc) << "Core ML cannot take " << type
                          << " as a model input or output";
  if (tensor.hasStaticShape()) {
    if (tensor.getRank() == 0)
      array->add_shape(1);
    for (int64_t d : tensor.getShape())
      array->add_shape(d);
  } else if (isInput) {
    return emitError(loc) << "input of dynamic type " << type
                          << " needs a shape range; import a model that has "
                             "one";
  }
  return success();
}

LogicalResult Exporter::synthesizeDescription(spec::Model &model) {
  // Names come from the exported functions: their inputs and block outputs.
  const auto &functions = model.mlprogram().functions();
  auto describe = [&](FunctionOp fn, auto *inputs, auto *outputs,
                      auto *states) -> LogicalResult {
    const milspec::Function &pb = functions.at(fn.getSymName().str());
    for (auto [arg, input] :
         llvm::zip(fn.getBody().front().getArguments(), pb.inputs())) {
      bool isState = isa<StateType>(arg.getType());
      spec::FeatureDescription *f = isState ? states->Add() : inputs->Add();
      f->set_name(input.name());
      if (failed(describeTensor(arg.getType(), *f, true, fn.getLoc())))
        return failure();
    }
    auto ret = cast<ReturnOp>(fn.getBody().front().getTerminator());
    const milspec::Block &block =
        pb.block_specializations().at(fn.getOpset().str());
    for (auto [v, name] : llvm::zip(ret.getOutputs(), block.outputs())) {
      spec::FeatureDescription *f = outputs->Add();
      f->set_name(name);
      if (failed(describeTensor(v.getType(), *f, false, fn.getLoc())))
        return failure();
    }
    return success();
  };
  SmallVector<FunctionOp> fns(module.getOps<FunctionOp>());
  spec::ModelDescription *desc = model.mutable_description();
  auto defaultFn =
      module->getAttrOfType<StringAttr>(MILDialect::kDefaultFunctionAttr);
  if (fns.size() == 1 && !defaultFn)
    return describe(fns[0], desc->mutable_input(), desc->mutable_output(),
                    desc->mutable_state());
  for (FunctionOp fn : fns) {
    spec::FunctionDescription *f = desc->add_functions();
    f->set_name(fn.getSymName().str());
    if (failed(describe(fn, f->mutable_input(), f->mutable_output(),
                        f->mutable_state())))
      return failure();
  }
  desc->set_defaultfunctionname(defaultFn ? defaultFn.str()
                                          : fns.front().getSymName().str());
  return success();
}

LogicalResult Exporter::exportModel(spec::Model &model) {
  // An empty input parses as an empty module: there is no program to write.
  if (module.getOps<FunctionOp>().empty())
    return emitError(loc) << "nothing to export: the input holds no "
                             "mil.function (an ML program needs at least one)";
  bool hasModel = false;
  if (auto attr = module->getAttrOfType<DictionaryAttr>(attrs::kModel)) {
    if (failed(attrToMessage(attr, model, loc)))
      return failure();
    hasModel = true;
  }
  // At least the version the opsets need: a module written by hand, or one
  // whose opset a pass raised (coremltools' compression of an iOS15 program).
  int version = hasModel ? static_cast<int>(model.specificationversion()) : 0;
  if (!version)
    version = 6;
  for (FunctionOp fn : module.getOps<FunctionOp>())
    version = std::max(version, specVersionForOpset(fn.getOpset()));
  model.set_specificationversion(version);
  specificationVersion = model.specificationversion();
  milspec::Program *program = model.mutable_mlprogram();
  if (auto attr = module->getAttrOfType<DictionaryAttr>(attrs::kProgram)) {
    if (failed(attrToMessage(attr, *program, loc)))
      return failure();
  } else {
    program->set_version(1);
  }
  for (FunctionOp fn : module.getOps<FunctionOp>())
    if (failed(exportFunction(
            fn, (*program->mutable_functions())[fn.getSymName().str()])))
      return failure();
  // Without a mirrored description, describe the model as coremltools
  // would, from its functions.
  if (!hasModel)
    return synthesizeDescription(model);
  return success();
}

//===----------------------------------------------------------------------===//
// Pipelines
//===----------------------------------------------------------------------===//

namespace {
/// The weight files of a package, by name in its weights directory; null
/// directory for a single .mlmodel, where every value is immediate.
class BlobSinks {
public:
  explicit BlobSinks(std::string directory) : directory(std::move(directory)) {}

  /// The sink of `fileName` ("@model_path/weights/NAME"), or null without a
  /// weights directory.
  FailureOr<BlobSink *> get(StringRef fileName, Location loc) {
    if (directory.empty())
      return static_cast<BlobSink *>(nullptr);
    StringRef name = fileName;
    if (!name.consume_front("@model_path/weights/") || name.empty() ||
        name.contains('/') || name == "." || name == "..")
      return emitError(loc) << "weight file '" << fileName
                            << "' is not a file of the package's weights "
                               "directory (@model_path/weights/NAME)";
    std::unique_ptr<BlobSink> &sink = sinks[name];
    if (!sink) {
      llvm::SmallString<256> path(directory);
      llvm::sys::path::append(path, name);
      sink = std::make_unique<BlobSink>(std::string(path));
    }
    return sink.get();
  }

  LogicalResult close(Location loc) {
    for (auto &entry : sinks)
      if (failed(entry.second->close(loc)))
        return failure();
    return success();
  }

private:
  std::string directory;
  llvm::StringMap<std::unique_ptr<BlobSink>> sinks;
};
} // namespace

/// The pipeline of a pipeline model, or null if `model` is none.
static spec::Pipeline *getMutablePipeline(spec::Model &model) {
  if (model.has_pipeline())
    return model.mutable_pipeline();
  if (model.has_pipelineclassifier())
    return model.mutable_pipelineclassifier()->mutable_pipeline();
  if (model.has_pipelineregressor())
    return model.mutable_pipelineregressor()->mutable_pipeline();
  return nullptr;
}

/// Exports `module`: an ML program, or a pipeline of nested modules (see
/// attrs::kPipeline) whose programs write their weights to their own files.
static LogicalResult exportAnyModel(ModuleOp module, spec::Model &model,
                                    BlobSinks &sinks) {
  Location loc = module.getLoc();
  if (!module->hasAttr(attrs::kPipeline)) {
    std::string file = Exporter::kDefaultWeightFile;
    if (auto attr = module->getAttrOfType<StringAttr>(attrs::kWeightFile))
      file = attr.str();
    FailureOr<BlobSink *> sink = sinks.get(file, loc);
    if (failed(sink))
      return failure();
    return Exporter(module, *sink, file).exportModel(model);
  }
  auto attr = module->getAttrOfType<DictionaryAttr>(attrs::kModel);
  if (!attr)
    return emitError(loc) << "pipeline module has no '" << attrs::kModel
                          << "' attribute";
  if (failed(attrToMessage(attr, model, loc)))
    return failure();
  spec::Pipeline *pipeline = getMutablePipeline(model);
  if (!pipeline)
    return emitError(loc) << "pipeline module: its '" << attrs::kModel
                          << "' is not a pipeline model";
  for (ModuleOp sub : module.getOps<ModuleOp>()) {
    spec::Model &out = *pipeline->add_models();
    if (auto bytes = sub->getAttrOfType<StringAttr>(attrs::kSerializedModel)) {
      if (!out.ParseFromString(bytes.str()))
        return emitError(sub.getLoc())
               << "sub-model '" << sub.getSymName().value_or("")
               << "': its serialized model does not parse";
      continue;
    }
    if (failed(exportAnyModel(sub, out, sinks)))
      return failure();
    // Core ML needs a pipeline at least as recent as its sub-models (a pass
    // may have raised a program's opset); coremltools takes their maximum.
    if (out.specificationversion() > model.specificationversion())
      model.set_specificationversion(out.specificationversion());
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

namespace {
/// Ignores SIGXFSZ while an export runs. A write past the file size limit
/// (`ulimit -f`) then fails with EFBIG, reported and cleaned up like a full
/// disk, instead of killing the process and leaving the temporary output.
class IgnoreFileSizeSignal {
public:
  IgnoreFileSizeSignal() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    active = sigaction(SIGXFSZ, &ignore, &previous) == 0;
  }
  ~IgnoreFileSizeSignal() {
    if (active)
      sigaction(SIGXFSZ, &previous, nullptr);
  }

private:
  struct sigaction previous = {};
  bool active = false;
};

/// A temporary path beside the target, removed unless committed.
class TempOutput {
public:
  TempOutput(StringRef target, bool directory) : directory(directory) {
    llvm::SmallString<256> model(llvm::sys::path::parent_path(target));
    if (model.empty())
      model = ".";
    llvm::sys::path::append(model, "." + llvm::sys::path::filename(target) +
                                       ".tmp-%%%%%%");
    llvm::sys::fs::createUniquePath(model, path, /*MakeAbsolute=*/false);
  }
  ~TempOutput() {
    if (committed)
      return;
    if (directory)
      llvm::sys::fs::remove_directories(path);
    else
      llvm::sys::fs::remove(path);
  }

  /// Moves the finished output to `target`, replacing it if `force`.
  LogicalResult commit(StringRef target, bool force, Location loc) {
    bool exists = llvm::sys::fs::exists(target);
    llvm::SmallString<256> backup;
    if (exists) {
      if (!force)
        return emitError(loc) << "output '" << target
                              << "' already exists (use --force to replace it)";
      backup = (target + ".old-" + llvm::sys::path::filename(path)).str();
      if (std::error_code ec = llvm::sys::fs::rename(target, backup))
        return emitError(loc) << "cannot move the existing '" << target
                              << "' aside: " << ec.message();
    }
    if (std::error_code ec = llvm::sys::fs::rename(path, target)) {
      if (exists)
        (void)llvm::sys::fs::rename(backup, target);
      return emitError(loc) << "cannot move the output into '" << target
                            << "': " << ec.message();
    }
    committed = true;
    if (exists) {
      if (directory)
        llvm::sys::fs::remove_directories(backup);
      else
        llvm::sys::fs::remove(backup);
    }
    return success();
  }

  llvm::SmallString<256> path;

private:
  bool directory;
  bool committed = false;
};
} // namespace

static LogicalResult writeFile(StringRef path, StringRef bytes, Location loc) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return emitError(loc) << "cannot create '" << path << "': " << ec.message();
  os << bytes;
  os.close();
  if (os.has_error()) {
    ec = os.error();
    os.clear_error();
    return emitError(loc) << "writing '" << path
                          << "' failed: " << ec.message();
  }
  return success();
}

static LogicalResult serialize(const spec::Model &model, std::string &bytes,
                               Location loc) {
  // Deterministic: protobuf otherwise writes map entries (attributes,
  // metadata) in an order that changes from one process to the next.
  bytes.clear();
  bool ok;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    ok = model.SerializeToCodedStream(&coded) && !coded.HadError();
  }
  if (!ok)
    return emitError(loc) << "the model does not serialize (over 2 GiB of "
                             "protobuf?)";
  return success();
}

LogicalResult mil::exportMLPackage(ModuleOp module, StringRef path,
                                   const ExportOptions &options) {
  Location loc = module.getLoc();
  if (!path.ends_with(".mlpackage"))
    return emitError(loc) << "output '" << path << "' must end in .mlpackage";
  if (llvm::sys::fs::exists(path) && !options.force)
    return emitError(loc) << "output '" << path
                          << "' already exists (use --force to replace it)";
  IgnoreFileSizeSignal noSignal;
  TempOutput tmp(path, /*directory=*/true);
  llvm::SmallString<256> coreml(tmp.path);
  llvm::sys::path::append(coreml, "Data", "com.apple.CoreML");
  llvm::SmallString<256> weights(coreml);
  llvm::sys::path::append(weights, "weights");
  if (std::error_code ec = llvm::sys::fs::create_directories(weights))
    return emitError(loc) << "cannot create '" << weights
                          << "': " << ec.message();
  BlobSinks blobs{std::string(weights)};
  spec::Model model;
  if (failed(exportAnyModel(module, model, blobs)) || failed(blobs.close(loc)))
    return failure();
  std::string bytes;
  llvm::SmallString<256> modelFile(coreml);
  llvm::sys::path::append(modelFile, "model.mlmodel");
  if (failed(serialize(model, bytes, loc)) ||
      failed(writeFile(modelFile, bytes, loc)))
    return failure();

  format::Manifest manifest;
  format::ManifestItem modelItem{format::makeItemIdentifier(),
                                 "com.apple.CoreML/model.mlmodel",
                                 "model.mlmodel",
                                 "com.apple.CoreML",
                                 "CoreML Model Specification",
                                 {}};
  format::ManifestItem weightsItem{
      format::makeItemIdentifier(), "com.apple.CoreML/weights", "weights",
      "com.apple.CoreML",           "CoreML Model Weights",     {}};
  manifest.rootModelIdentifier = modelItem.identifier;
  manifest.items.push_back(std::move(modelItem));
  manifest.items.push_back(std::move(weightsItem));
  llvm::SmallString<256> manifestFile(tmp.path);
  llvm::sys::path::append(manifestFile, "Manifest.json");
  if (failed(writeFile(manifestFile, format::printManifest(manifest), loc)))
    return failure();
  return tmp.commit(path, options.force, loc);
}

LogicalResult mil::exportMLModel(ModuleOp module, StringRef path,
                                 const ExportOptions &options) {
  Location loc = module.getLoc();
  if (llvm::sys::fs::exists(path) && !options.force)
    return emitError(loc) << "output '" << path
                          << "' already exists (use --force to replace it)";
  spec::Model model;
  BlobSinks noBlobs{std::string()};
  if (failed(exportAnyModel(module, model, noBlobs)))
    return failure();
  std::string bytes;
  if (failed(serialize(model, bytes, loc)))
    return failure();
  IgnoreFileSizeSignal noSignal;
  TempOutput tmp(path, /*directory=*/false);
  if (failed(writeFile(tmp.path, bytes, loc)))
    return failure();
  return tmp.commit(path, options.force, loc);
}
