"""What the functions accept: a path, a milmlir Model, or a coremltools
MLModel (read through its public attributes only)."""

import json
import os
import shutil
import tempfile

from ._model import Model, load


def _is_mlmodel(obj):
    # coremltools.models.MLModel, or anything with its public surface.
    return hasattr(obj, "get_spec") and hasattr(obj, "weights_dir")


def _load_mlmodel(mlmodel):
    package = getattr(mlmodel, "package_path", None)
    if package and os.path.isdir(package):
        return load(package)
    # An in-memory spec: a package of it and its weights, read at once (the
    # weight file stays mapped after the temporary names are gone).
    spec = mlmodel.get_spec()
    with tempfile.TemporaryDirectory(prefix="milmlir-") as tmp:
        package = os.path.join(tmp, "model.mlpackage")
        data = os.path.join(package, "Data", "com.apple.CoreML")
        os.makedirs(data)
        with open(os.path.join(data, "model.mlmodel"), "wb") as f:
            f.write(spec.SerializeToString())
        items = {"model": {"author": "com.apple.CoreML",
                           "description": "CoreML Model Specification",
                           "name": "model.mlmodel",
                           "path": "com.apple.CoreML/model.mlmodel"}}
        weights = mlmodel.weights_dir
        if weights:
            os.symlink(os.path.abspath(weights), os.path.join(data, "weights"))
            items["weights"] = {"author": "com.apple.CoreML",
                                "description": "CoreML Model Weights",
                                "name": "weights",
                                "path": "com.apple.CoreML/weights"}
        with open(os.path.join(package, "Manifest.json"), "w") as f:
            json.dump({"fileFormatVersion": "1.0.0",
                       "itemInfoEntries": items,
                       "rootModelIdentifier": "model"}, f)
        return load(package)


def _to_mlmodel(model, skip_model_load):
    try:
        import coremltools
    except ImportError:
        return model
    tmp = tempfile.mkdtemp(prefix="milmlir-")
    path = os.path.join(tmp, "model.mlpackage")
    try:
        model.save(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return coremltools.models.MLModel(
        path, skip_model_load=skip_model_load, is_temp_package=True)


def as_model(mlmodel):
    """A milmlir Model to work on (never the caller's) and the function that
    turns the result into what the caller gave."""
    if isinstance(mlmodel, Model):
        return mlmodel.copy(), lambda result: result
    if isinstance(mlmodel, (str, bytes, os.PathLike)):
        return load(os.fsdecode(mlmodel)), lambda result: result
    if _is_mlmodel(mlmodel):
        skip = getattr(mlmodel, "__proxy__", None) is None
        return _load_mlmodel(mlmodel), lambda result: _to_mlmodel(result, skip)
    raise TypeError(
        "expected a path to an .mlpackage, a milmlir.Model or a coremltools "
        f"MLModel, got {type(mlmodel)}")
