//===- Import.cpp - Core ML model files -> mil dialect ----------*- C++ -*-===//
//
// Part of mil-mlir.
//
//===----------------------------------------------------------------------===//

#include "ProtoAttributes.h"
#include "ValueConversion.h"

#include "Model.pb.h"

#include "mil/Dialect/MILDialect.h"
#include "mil/Dialect/MILOps.h"
#include "mil/Dialect/TensorData.h"
#include "mil/Format/BlobStorage.h"
#include "mil/Format/Package.h"
#include "mil/Translate/Translate.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopedHashTable.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>

using namespace mlir;
using namespace mil;
using namespace mil::translate;
namespace spec = CoreML::Specification;

namespace {

/// Builds the `mil` module of one Model message.
class Importer {
public:
  Importer(MLIRContext *ctx, StringRef path, const format::Package *package,
           const ImportOptions &options)
      : ctx(ctx), builder(ctx), path(path.str()), package(package),
        options(options),
        fileLoc(FileLineColLoc::get(ctx, path, /*line=*/0, /*column=*/0)) {
    dialect = ctx->getOrLoadDialect<MILDialect>();
  }

  OwningOpRef<ModuleOp> importModel(const spec::Model &model);

private:
  using Scope = llvm::ScopedHashTableScope<StringRef, Value>;

  InFlightDiagnostic error(Location loc) { return emitError(loc); }
  Location opLoc(StringRef name) {
    return NameLoc::get(builder.getStringAttr(name), fileLoc);
  }

  /// Makes `name` visible for `value`. MIL names are SSA names: one that is
  /// already visible (defined earlier, or in an enclosing block) is refused,
  /// since a lookup would silently bind the later definition.
  LogicalResult define(const std::string &name, Value value, Location loc);
  LogicalResult importPipeline(const spec::Model &model,
                               const spec::Pipeline &pipeline, ModuleOp module);
  LogicalResult importProgram(const spec::Model &model, ModuleOp module,
                              bool nested);
  LogicalResult importFunction(StringRef name, const milspec::Function &fn,
                               ModuleOp module);
  LogicalResult importBlock(const milspec::Block &block, Block *body,
                            ArrayRef<Type> expectedOutputs);
  LogicalResult importOperation(const milspec::Operation &op);
  LogicalResult importOtherAttribute(const std::string &key,
                                     const milspec::Value &value, Location loc,
                                     SmallVectorImpl<NamedAttribute> &out);
  FailureOr<Attribute> importValue(const milspec::Value &value, Type type,
                                   Location loc);
  FailureOr<Value> importBinding(const milspec::Argument::Binding &binding,
                                 Location loc);
  FailureOr<Attribute>
  importBlobValue(const milspec::Value::BlobFileValue &blob, ShapedType type,
                  milspec::DataType dt, Location loc);

  MLIRContext *ctx;
  OpBuilder builder;
  MILDialect *dialect;
  std::string path;
  const format::Package *package;
  ImportOptions options;
  Location fileLoc;

  /// SSA names visible at the current point, by MIL name.
  llvm::ScopedHashTable<StringRef, Value> names;
  /// Storage for the names the table points at.
  std::vector<std::unique_ptr<std::string>> nameStorage;
  /// Open weight files by resolved path.
  std::map<std::string, std::unique_ptr<format::BlobReader>> readers;
  /// One resource per (file, offset, type), so shared blobs stay shared.
  std::map<std::tuple<std::string, uint64_t, const void *>, Attribute> blobs;
  /// The blob offsets the current function references, in op order.
  std::vector<uint64_t> blobOffsets;
  /// The weight file the current program's first blob is in.
  std::string weightFile;
};

} // namespace

LogicalResult Importer::define(const std::string &name, Value value,
                               Location loc) {
  if (names.count(name))
    return error(loc) << "'" << path << "': value '" << name
                      << "' is defined twice";
  nameStorage.push_back(std::make_unique<std::string>(name));
  names.insert(*nameStorage.back(), value);
  return success();
}

/// The pipeline of a pipeline model (of any of the three kinds), or null.
static const spec::Pipeline *getPipeline(const spec::Model &model) {
  if (model.has_pipeline())
    return &model.pipeline();
  if (model.has_pipelineclassifier())
    return &model.pipelineclassifier().pipeline();
  if (model.has_pipelineregressor())
    return &model.pipelineregressor().pipeline();
  return nullptr;
}

OwningOpRef<ModuleOp> Importer::importModel(const spec::Model &model) {
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (const spec::Pipeline *pipeline = getPipeline(model)) {
    if (failed(importPipeline(model, *pipeline, *module)))
      return nullptr;
  } else if (!model.has_mlprogram()) {
    emitError(fileLoc) << "'" << path << "' is not an ML program (it is a "
                       << "NeuralNetwork or another model kind; only "
                          "mlProgram models and pipelines are supported)";
    return nullptr;
  } else if (failed(importProgram(model, *module, /*nested=*/false))) {
    return nullptr;
  }
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

LogicalResult Importer::importPipeline(const spec::Model &model,
                                       const spec::Pipeline &pipeline,
                                       ModuleOp module) {
  // The pipeline's own fields (description, metadata, sub-model names) are
  // mirrored without the sub-models, which become nested modules.
  spec::Model rest = model;
  spec::Pipeline *restPipeline =
      rest.has_pipeline() ? rest.mutable_pipeline()
      : rest.has_pipelineclassifier()
          ? rest.mutable_pipelineclassifier()->mutable_pipeline()
          : rest.mutable_pipelineregressor()->mutable_pipeline();
  restPipeline->clear_models();
  module->setAttr(attrs::kModel, messageToAttr(ctx, rest));
  module->setAttr(attrs::kPipeline, builder.getUnitAttr());

  llvm::StringSet<> used;
  for (auto [i, sub] : llvm::enumerate(pipeline.models())) {
    // Named as the pipeline names it, where that names it uniquely.
    std::string name = static_cast<int>(i) < pipeline.names_size()
                           ? pipeline.names(static_cast<int>(i))
                           : std::string();
    for (unsigned n = 0; name.empty() || used.contains(name); ++n)
      name = "model_" + std::to_string(i) + (n ? "_" + std::to_string(n) : "");
    used.insert(name);
    builder.setInsertionPointToEnd(module.getBody());
    auto nested = builder.create<ModuleOp>(opLoc(name), StringRef(name));
    if (getPipeline(sub)) {
      if (failed(importPipeline(sub, *getPipeline(sub), nested)))
        return failure();
      continue;
    }
    if (sub.has_mlprogram()) {
      if (failed(importProgram(sub, nested, /*nested=*/true)))
        return failure();
      continue;
    }
    // Any other model is carried as it is.
    std::string bytes;
    if (!sub.SerializeToString(&bytes))
      return error(opLoc(name)) << "'" << path << "': sub-model '" << name
                                << "' does not serialize";
    nested->setAttr(attrs::kSerializedModel, builder.getStringAttr(bytes));
  }
  return success();
}

LogicalResult Importer::importProgram(const spec::Model &model, ModuleOp module,
                                      bool nested) {
  const milspec::Program &program = model.mlprogram();
  if (program.version() != 1) {
    return emitError(fileLoc)
           << "'" << path << "': program version " << program.version()
           << " is not supported (expected 1)";
  }

  if (program.functions().empty()) {
    return emitError(fileLoc) << "'" << path << "': program has no functions";
  }

  weightFile.clear();
  // What the dialect does not model is mirrored on the module.
  spec::Model rest = model;
  rest.clear_mlprogram();
  module->setAttr(attrs::kModel, messageToAttr(ctx, rest));
  milspec::Program programRest = program;
  programRest.clear_functions();
  module->setAttr(attrs::kProgram, messageToAttr(ctx, programRest));

  // Functions in the order their weights were written (so that export
  // writes weight.bin in the original order): by the sequence of blob
  // offsets each references, then by name; functions without blobs last.
  std::vector<std::pair<std::vector<uint64_t>, std::string>> order;
  for (const auto &[name, fn] : program.functions()) {
    builder.setInsertionPointToEnd(module.getBody());
    blobOffsets.clear();
    if (failed(importFunction(name, fn, module)))
      return failure();
    if (blobOffsets.empty())
      blobOffsets.push_back(UINT64_MAX);
    order.emplace_back(blobOffsets, name);
  }
  llvm::sort(order);
  for (auto &[offsets, name] : order) {
    Operation *fn = module.lookupSymbol(name);
    fn->moveBefore(module.getBody(), module.getBody()->end());
  }

  const std::string &defaultFn = model.description().defaultfunctionname();
  if (!defaultFn.empty())
    module->setAttr(MILDialect::kDefaultFunctionAttr,
                    builder.getStringAttr(defaultFn));

  // A sub-program writes its weights back to the file it read them from.
  if (nested && !weightFile.empty())
    module->setAttr(attrs::kWeightFile, builder.getStringAttr(weightFile));
  return success();
}

LogicalResult Importer::importFunction(StringRef name,
                                       const milspec::Function &fn,
                                       ModuleOp module) {
  Location loc = opLoc(name);
  if (!getOpsetVersion(fn.opset()))
    return error(loc) << "function '" << name << "' uses unknown opset '"
                      << fn.opset()
                      << "' (ML programs use CoreML5 through CoreML9)";
  if (!fn.attributes().empty())
    return error(loc) << "function '" << name
                      << "' has attributes, which MIL programs do not use";
  auto body = fn.block_specializations().find(fn.opset());
  if (body == fn.block_specializations().end())
    return error(loc) << "function '" << name
                      << "' has no block for its opset '" << fn.opset() << "'";
  if (fn.block_specializations_size() != 1)
    return error(loc) << "function '" << name << "' has "
                      << fn.block_specializations_size()
                      << " block specializations; only one is supported";

  SmallVector<Type> inputTypes;
  SmallVector<Attribute> inputNames;
  for (const milspec::NamedValueType &input : fn.inputs()) {
    FailureOr<Type> type = importValueType(ctx, input.type(), loc);
    if (failed(type))
      return failure();
    inputTypes.push_back(*type);
    inputNames.push_back(builder.getStringAttr(input.name()));
  }
  // Output types come from the values the block returns; build the body
  // first with a placeholder signature.
  auto func = builder.create<FunctionOp>(
      loc, name, builder.getFunctionType(inputTypes, {}), fn.opset());
  func.setInputNamesAttr(builder.getArrayAttr(inputNames));
  Block *entry = builder.createBlock(&func.getBody());
  Scope scope(names);
  for (auto [type, input] : llvm::zip(inputTypes, fn.inputs())) {
    Value arg = entry->addArgument(type, loc);
    nameStorage.push_back(std::make_unique<std::string>(input.name()));
    names.insert(*nameStorage.back(), arg);
  }
  if (failed(importBlock(body->second, entry, {})))
    return failure();
  auto ret = cast<ReturnOp>(entry->getTerminator());
  func.setFunctionType(builder.getFunctionType(
      inputTypes, llvm::to_vector(ret.getOutputs().getTypes())));
  return success();
}

LogicalResult Importer::importBlock(const milspec::Block &block, Block *body,
                                    ArrayRef<Type>) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);
  if (!block.attributes().empty())
    return error(fileLoc) << "blocks with attributes are not supported";
  for (const milspec::Operation &op : block.operations())
    if (failed(importOperation(op)))
      return failure();
  SmallVector<Value> outputs;
  for (const std::string &output : block.outputs()) {
    Value value = names.lookup(output);
    if (!value)
      return error(fileLoc)
             << "block output '" << output << "' names no value in scope";
    outputs.push_back(value);
  }
  builder.create<ReturnOp>(fileLoc, outputs);
  return success();
}

FailureOr<Attribute>
Importer::importBlobValue(const milspec::Value::BlobFileValue &blob,
                          ShapedType type, milspec::DataType dt, Location loc) {
  std::optional<format::BlobDataType> blobType = getBlobDataType(dt);
  if (!blobType)
    return error(loc) << "values of type " << type
                      << " cannot be stored in a weight file";
  if (!package)
    return error(loc) << "'" << path << "' references weight file '"
                      << blob.filename()
                      << "', but a single .mlmodel file has no weights; "
                         "use a .mlpackage";
  blobOffsets.push_back(blob.offset());
  if (weightFile.empty())
    weightFile = blob.filename();
  std::string key =
      (llvm::sys::path::filename(blob.filename()) + "_" + Twine(blob.offset()))
          .str();
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  // Resource keys are identifiers ("0-weight.bin" of a pipeline is not).
  if (llvm::isDigit(key.front()))
    key.insert(0, "_");
  auto cacheKey = std::make_tuple(blob.filename(), blob.offset(),
                                  Type(type).getAsOpaquePointer());
  if (auto it = blobs.find(cacheKey); it != blobs.end())
    return it->second;

  if (options.programOnly) {
    // A handle without data: the program prints, the weights are absent.
    auto &manager = DenseResourceElementsHandle::getManagerInterface(ctx);
    auto handle = manager.insert(key);
    Attribute attr = DenseResourceElementsAttr::get(type, handle);
    blobs[cacheKey] = attr;
    return attr;
  }

  llvm::Expected<std::string> file = package->resolveFileName(blob.filename());
  if (!file)
    return error(loc) << "package '" << package->directory
                      << "': " << llvm::toString(file.takeError());
  auto &reader = readers[*file];
  if (!reader) {
    if (!llvm::sys::fs::exists(*file))
      return error(loc) << "package '" << package->directory
                        << "' is missing its weight file '" << *file
                        << "' (referenced as '" << blob.filename() << "')";
    llvm::Expected<std::unique_ptr<format::BlobReader>> opened =
        format::BlobReader::open(*file);
    if (!opened)
      return error(loc) << llvm::toString(opened.takeError());
    reader = std::move(*opened);
  }
  llvm::Expected<ArrayRef<uint8_t>> data =
      reader->getData(blob.offset(), *blobType);
  if (!data)
    return error(loc) << llvm::toString(data.takeError());
  unsigned bits = *format::getBlobElementBits(static_cast<uint32_t>(*blobType));
  uint64_t expected = (uint64_t(type.getNumElements()) * bits + 7) / 8;
  if (data->size() != expected)
    return error(loc) << "weight file '" << *file << "', blob at offset "
                      << blob.offset() << ": holds " << data->size()
                      << " bytes but its type " << type << " needs "
                      << expected;
  // The resource points into the mapping, which it keeps alive.
  std::shared_ptr<llvm::MemoryBuffer> mapping = reader->getBuffer();
  AsmResourceBlob resource = UnmanagedAsmResourceBlob::allocateWithAlign(
      ArrayRef<char>(reinterpret_cast<const char *>(data->data()),
                     data->size()),
      /*align=*/kResourceAlignment,
      [mapping](void *, size_t, size_t) mutable { mapping.reset(); });
  Attribute attr =
      DenseResourceElementsAttr::get(type, key, std::move(resource));
  blobs[cacheKey] = attr;
  return attr;
}

FailureOr<Attribute> Importer::importValue(const milspec::Value &value,
                                           Type type, Location loc) {
  if (!value.docstring().empty())
    return error(loc) << "values with a docString are not supported";
  auto tensor = dyn_cast<ShapedType>(type);
  if (value.has_blobfilevalue()) {
    if (!tensor || !tensor.hasStaticShape())
      return error(loc) << "a weight-file value needs a static tensor type, "
                           "got "
                        << type;
    return importBlobValue(value.blobfilevalue(), tensor,
                           value.type().tensortype().datatype(), loc);
  }
  if (!value.has_immediatevalue())
    return error(loc) << "value has neither immediate data nor a weight-file "
                         "reference";
  const milspec::Value::ImmediateValue &imm = value.immediatevalue();
  if (imm.has_tensor()) {
    if (!tensor || !tensor.hasStaticShape())
      return error(loc) << "an immediate tensor needs a static tensor type, "
                           "got "
                        << type;
    FailureOr<ElementsAttr> attr = importTensorValue(tensor, imm.tensor(), loc);
    if (failed(attr))
      return failure();
    return Attribute(*attr);
  }
  // Lists, tuples and dictionaries are mirrored field by field.
  return Attribute(messageToAttr(ctx, imm));
}

FailureOr<Value>
Importer::importBinding(const milspec::Argument::Binding &binding,
                        Location loc) {
  if (binding.has_name()) {
    Value value = names.lookup(binding.name());
    if (!value)
      return error(loc) << "input refers to '" << binding.name()
                        << "', which is not defined before it";
    return value;
  }
  if (!binding.has_value())
    return error(loc) << "input binding is empty";
  FailureOr<Type> type = importValueType(ctx, binding.value().type(), loc);
  if (failed(type))
    return failure();
  FailureOr<Attribute> attr = importValue(binding.value(), *type, loc);
  if (failed(attr))
    return failure();
  // An inline literal becomes an unnamed const marked `inline`, which
  // export folds back into the binding.
  auto cst = builder.create<ConstOp>(loc, *type, *attr);
  cst->setAttr("inline", builder.getUnitAttr());
  return cst.getResult();
}

/// An op attribute the dialect op does not declare: tensors (which may live
/// in the weight file) become ElementsAttrs, anything else is mirrored.
LogicalResult
Importer::importOtherAttribute(const std::string &key,
                               const milspec::Value &value, Location loc,
                               SmallVectorImpl<NamedAttribute> &out) {
  Attribute attr;
  if (value.type().has_tensortype() &&
      (value.has_blobfilevalue() ||
       (value.has_immediatevalue() && value.immediatevalue().has_tensor()))) {
    FailureOr<Type> type = importValueType(ctx, value.type(), loc);
    if (failed(type))
      return failure();
    FailureOr<Attribute> imported = importValue(value, *type, loc);
    if (failed(imported))
      return failure();
    attr = *imported;
  } else {
    attr = messageToAttr(ctx, value);
  }
  out.emplace_back(builder.getStringAttr(key), attr);
  return success();
}

LogicalResult Importer::importOperation(const milspec::Operation &op) {
  // The op's MIL name is its `name` attribute.
  std::string opName;
  if (auto it = op.attributes().find("name"); it != op.attributes().end()) {
    const milspec::Value &v = it->second;
    if (!v.has_immediatevalue() || !v.immediatevalue().has_tensor() ||
        v.immediatevalue().tensor().strings().values_size() != 1)
      return error(fileLoc) << "op of type '" << op.type()
                            << "' has a 'name' attribute that is not a string";
    opName = v.immediatevalue().tensor().strings().values(0);
  }
  Location loc = opLoc(opName.empty() ? op.type() : opName);

  SmallVector<Type> resultTypes;
  SmallVector<Attribute> outputNames;
  for (const milspec::NamedValueType &output : op.outputs()) {
    FailureOr<Type> type = importValueType(ctx, output.type(), loc);
    if (failed(type))
      return failure();
    resultTypes.push_back(*type);
    outputNames.push_back(builder.getStringAttr(output.name()));
  }

  NamedAttrList attributes;
  if (!opName.empty())
    attributes.set(MILDialect::kNameAttr, builder.getStringAttr(opName));
  bool defaultNames = outputNames.size() == 1 &&
                      cast<StringAttr>(outputNames[0]).getValue() == opName;
  if (!outputNames.empty() && !defaultNames)
    attributes.set(MILDialect::kOutputsAttr, builder.getArrayAttr(outputNames));

  Operation *created = nullptr;
  std::string opType = "mil." + op.type();
  std::optional<ArrayRef<MILInputInfo>> table =
      op.type() == "const" ? std::nullopt : dialect->getMILInputTable(opType);
  SmallVector<NamedAttribute> otherAttrs;

  if (op.type() == "const") {
    auto val = op.attributes().find("val");
    if (val == op.attributes().end() || resultTypes.size() != 1 ||
        !op.inputs().empty())
      return error(loc) << "const '" << opName
                        << "' needs a 'val' attribute, no inputs and one "
                           "output";
    FailureOr<Attribute> attr = importValue(val->second, resultTypes[0], loc);
    if (failed(attr))
      return failure();
    for (const auto &[key, value] : op.attributes())
      if (key != "name" && key != "val" &&
          failed(importOtherAttribute(key, value, loc, otherAttrs)))
        return failure();
    auto cst = builder.create<ConstOp>(loc, resultTypes[0], *attr);
    for (NamedAttribute a : attributes)
      cst->setAttr(a.getName(), a.getValue());
    created = cst;
  } else if (table) {
    // Bind inputs in the op's declaration order (inline literals become
    // consts in that order, which export relies on for weight order).
    SmallVector<MILInput> inputs;
    SmallVector<NamedAttribute> opAttrs(attributes.begin(), attributes.end());
    llvm::StringSet<> known;
    for (const MILInputInfo &input : *table) {
      known.insert(input.name);
      if (input.kind == MILInputKind::Attribute) {
        auto it = op.attributes().find(input.name);
        if (it == op.attributes().end())
          continue;
        FailureOr<Type> type = importValueType(ctx, it->second.type(), loc);
        if (failed(type))
          return failure();
        FailureOr<Attribute> attr = importValue(it->second, *type, loc);
        if (failed(attr))
          return failure();
        opAttrs.emplace_back(builder.getStringAttr(input.name), *attr);
        continue;
      }
      auto it = op.inputs().find(input.name);
      if (it == op.inputs().end())
        continue;
      MILInput &bound = inputs.emplace_back();
      bound.name = input.name;
      for (const milspec::Argument::Binding &binding : it->second.arguments()) {
        FailureOr<Value> value = importBinding(binding, loc);
        if (failed(value))
          return failure();
        bound.values.push_back(*value);
      }
    }
    for (const auto &[key, value] : op.inputs())
      if (!known.contains(key))
        return error(loc) << "op '" << opName << "' of type '" << op.type()
                          << "' has an input '" << key
                          << "' that this op type does not take";
    for (const auto &[key, value] : op.attributes())
      if (key != "name" && !known.contains(key) &&
          failed(importOtherAttribute(key, value, loc, otherAttrs)))
        return failure();
    FailureOr<Operation *> built =
        buildMILOp(builder, loc, op.type(), inputs, resultTypes, opAttrs,
                   op.blocks_size());
    if (failed(built))
      return error(loc) << "op '" << opName << "' cannot be imported";
    created = *built;
  } else {
    // An op type the dialect does not know: keep it generically.
    SmallVector<Value> operands;
    SmallVector<Attribute> inputNames;
    SmallVector<int32_t> sizes;
    std::vector<std::pair<std::string, const milspec::Argument *>> inputs;
    for (const auto &[key, value] : op.inputs())
      inputs.emplace_back(key, &value);
    llvm::sort(inputs, [](auto &a, auto &b) { return a.first < b.first; });
    for (auto &[key, arg] : inputs) {
      for (const milspec::Argument::Binding &binding : arg->arguments()) {
        FailureOr<Value> value = importBinding(binding, loc);
        if (failed(value))
          return failure();
        operands.push_back(*value);
      }
      inputNames.push_back(builder.getStringAttr(key));
      sizes.push_back(arg->arguments_size());
    }
    for (const auto &[key, value] : op.attributes())
      if (key != "name" &&
          failed(importOtherAttribute(key, value, loc, otherAttrs)))
        return failure();
    auto generic = builder.create<GenericOp>(
        loc, resultTypes, builder.getStringAttr(op.type()), operands,
        builder.getArrayAttr(inputNames), builder.getDenseI32ArrayAttr(sizes),
        op.blocks_size());
    for (NamedAttribute a : attributes)
      generic->setAttr(a.getName(), a.getValue());
    created = generic;
  }

  if (!otherAttrs.empty())
    created->setAttr("mil_attrs", builder.getDictionaryAttr(otherAttrs));

  // Nested blocks: block inputs become block arguments named by the
  // `block_inputs` attribute.
  if (op.blocks_size() != static_cast<int>(created->getNumRegions()))
    return error(loc) << "op '" << opName << "' of type '" << op.type()
                      << "' has " << op.blocks_size() << " blocks but the "
                      << "dialect op takes " << created->getNumRegions();
  SmallVector<Attribute> blockInputNames;
  bool anyBlockInputs = false;
  for (auto [i, block] : llvm::enumerate(op.blocks())) {
    Region &region = created->getRegion(i);
    Block *body = new Block();
    region.push_back(body);
    Scope scope(names);
    SmallVector<Attribute> argNames;
    for (const milspec::NamedValueType &input : block.inputs()) {
      FailureOr<Type> type = importValueType(ctx, input.type(), loc);
      if (failed(type))
        return failure();
      Value arg = body->addArgument(*type, loc);
      if (failed(define(input.name(), arg, loc)))
        return failure();
      argNames.push_back(builder.getStringAttr(input.name()));
      anyBlockInputs = true;
    }
    blockInputNames.push_back(builder.getArrayAttr(argNames));
    if (failed(importBlock(block, body, {})))
      return failure();
  }
  if (anyBlockInputs)
    created->setAttr("block_inputs", builder.getArrayAttr(blockInputNames));

  for (auto [result, name] : llvm::zip(created->getResults(), op.outputs()))
    if (failed(define(name.name(), result, loc)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

static bool parseModelFile(StringRef file, spec::Model &model,
                           MLIRContext *ctx) {
  Location loc = FileLineColLoc::get(ctx, file, 0, 0);
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(loc) << "cannot read '" << file
                   << "': " << buffer.getError().message();
    return false;
  }
  if ((*buffer)->getBufferSize() == 0) {
    // An empty message parses as a Model of no kind; say what it is.
    emitError(loc) << "'" << file << "' is empty (0 bytes)";
    return false;
  }
  if ((*buffer)->getBufferSize() > INT32_MAX ||
      !model.ParseFromArray((*buffer)->getBufferStart(),
                            static_cast<int>((*buffer)->getBufferSize()))) {
    emitError(loc) << "'" << file
                   << "' is not a valid Core ML model (protobuf does not "
                      "parse)";
    return false;
  }
  return true;
}

SmallVector<ModuleOp> mil::getProgramModules(ModuleOp module) {
  SmallVector<ModuleOp> out;
  if (!module->hasAttr(attrs::kPipeline)) {
    out.push_back(module);
    return out;
  }
  module.walk<WalkOrder::PreOrder>([&](ModuleOp sub) {
    if (!sub->hasAttr(attrs::kPipeline) &&
        !sub->hasAttr(attrs::kSerializedModel))
      out.push_back(sub);
  });
  return out;
}

OwningOpRef<ModuleOp> mil::importModel(StringRef path, MLIRContext *ctx,
                                       const ImportOptions &options) {
  spec::Model model;
  if (llvm::sys::fs::is_directory(path)) {
    llvm::Expected<format::Package> package = format::openPackage(path);
    if (!package) {
      emitError(FileLineColLoc::get(ctx, path, 0, 0))
          << llvm::toString(package.takeError());
      return nullptr;
    }
    if (!parseModelFile(package->rootModelPath, model, ctx))
      return nullptr;
    Importer importer(ctx, package->rootModelPath, &*package, options);
    return importer.importModel(model);
  }
  if (!parseModelFile(path, model, ctx))
    return nullptr;
  Importer importer(ctx, path, nullptr, options);
  return importer.importModel(model);
}
