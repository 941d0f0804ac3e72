"""mil-mlir from Python.

A drop-in for ``coremltools.optimize.coreml`` (``milmlir.optimize.coreml``:
the same config classes, functions and messages) and a lower level for
toolchains that embed the compiler: load a model, list its functions, ops
and weights (read-only NumPy views of the weight file), run passes, save.

    import milmlir.optimize.coreml as cto
    config = cto.OptimizationConfig(
        global_config=cto.OpPalettizerConfig(mode="kmeans", nbits=4))
    cto.palettize_weights("model.mlpackage", config).save("out.mlpackage")
"""

from ._model import Function, Model, Op, load, parse
from ._pipeline import PassOption, PassPipeline, run_pipeline
from . import models, optimize  # noqa: E402  (after the names they use)

__all__ = [
    "Function",
    "Model",
    "Op",
    "PassOption",
    "PassPipeline",
    "load",
    "models",
    "optimize",
    "parse",
    "run_pipeline",
]
