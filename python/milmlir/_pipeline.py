"""coremltools' PassPipeline over mil-mlir's pass pipelines."""

import copy
import warnings

from . import _milmlir


class PassOption:
    """One option of a pass, as coremltools' ``PassOption``."""

    def __init__(self, option_name, option_val):
        if not isinstance(option_name, str):
            raise ValueError(
                f"The option name should be text, but got {type(option_name)}")
        self.option_name = option_name
        self.option_val = option_val

    def __eq__(self, other):
        return (isinstance(other, PassOption)
                and self.option_name == other.option_name
                and self.option_val == other.option_val)

    def __repr__(self):
        return f"{self.option_name}: {self.option_val}"


def _coremltools_names():
    return {ours: theirs or ours for ours, theirs in _milmlir.available_passes()}


def _spelled(pass_name):
    """The spelling a pipeline stores: coremltools' where it has one."""
    return _coremltools_names()[_milmlir.canonical_pass_name(pass_name)]


def _named(name):
    passes, _ = _milmlir.get_pipeline(name)
    names = _coremltools_names()
    return [names[p] for p in passes]


class _PassPipelineMeta(type):
    # coremltools' class-level properties; each gives a fresh pipeline.
    @property
    def EMPTY(cls):
        return cls(pass_names=[])

    @property
    def DEFAULT(cls):
        return cls.get_pipeline("default")

    @property
    def CLEANUP(cls):
        return cls.get_pipeline("cleanup")

    @property
    def DEFAULT_PALETTIZATION(cls):
        from .optimize.coreml import OpPalettizerConfig, OptimizationConfig

        pipeline = cls.get_pipeline("default_palettization")
        pipeline.set_options("compression::palettize_weights", {
            "config": OptimizationConfig(
                global_config=OpPalettizerConfig(mode="unique"))})
        return pipeline

    @property
    def DEFAULT_PRUNING(cls):
        from .optimize.coreml import OpThresholdPrunerConfig, OptimizationConfig

        pipeline = cls.get_pipeline("default_sparsification")
        pipeline.set_options("compression::prune_weights", {
            "config": OptimizationConfig(
                global_config=OpThresholdPrunerConfig(threshold=1e-12))})
        return pipeline


class PassPipeline(metaclass=_PassPipelineMeta):
    """An ordered list of passes with per-pass options (coremltools' API).

    Passes are named in coremltools' spelling
    (``"compression::palettize_weights"``, ``"common::const_elimination"``)
    or mil-mlir's (``"mil-palettize-weights"``); a name neither knows is a
    ValueError listing the closest ones. Pipelines hold the coremltools
    passes mil-mlir has (see docs/Python.md).
    """

    def __init__(self, pass_names=None, pipeline_name="default"):
        if pass_names is None:
            pass_names = _named("default")
        self._passes = []
        self.passes = pass_names
        self._pipeline_name = pipeline_name
        self._options = {}

    def __str__(self):
        return self._pipeline_name

    def __repr__(self):
        return f"PassPipeline({self._pipeline_name}: {self._passes})"

    @property
    def passes(self):
        return self._passes

    @passes.setter
    def passes(self, passes):
        self._passes = [_spelled(p) for p in passes]

    @property
    def pipeline_name(self):
        return self._pipeline_name

    @pipeline_name.setter
    def pipeline_name(self, name):
        self._pipeline_name = name

    def append_pass(self, pass_name):
        self._passes.append(_spelled(pass_name))

    def insert_pass(self, index, pass_name):
        self._passes.insert(index, _spelled(pass_name))

    def remove_pass(self, index):
        del self._passes[index]

    def remove_passes(self, passes_names):
        removed = {_spelled(p) for p in passes_names}
        self._passes = [p for p in self._passes if p not in removed]

    def set_options(self, pass_name, options, override=True):
        key = _spelled(pass_name)
        if key in self._options:
            if not override:
                raise ValueError(
                    f"The pass {pass_name} already has associated options.")
            warnings.warn(f"The pass {pass_name} already has associated "
                          "options. Override the existing options.")
        self._options[key] = [PassOption(k, v) for k, v in options.items()]

    def get_options(self, pass_name):
        return self._options.get(_spelled(pass_name))

    def get_all_options(self):
        return dict(self._options)

    def set_options_by_another_pipeline(self, other_pipeline):
        for pass_name in self._passes:
            options = other_pipeline.get_options(pass_name)
            if options is not None:
                self._options[pass_name] = copy.copy(options)

    def validate(self):
        for pass_name in self._options:
            if pass_name not in self._passes:
                raise ValueError(
                    "This pass pipeline is not valid. The pass "
                    f"{pass_name} has associated options but it's not in the "
                    f"passes. Passes in this pipeline: {self._passes}")

    @classmethod
    def get_pipeline(cls, pipeline_name):
        return cls(pass_names=_named(pipeline_name),
                   pipeline_name=pipeline_name)

    @classmethod
    def list_available_pipelines(cls):
        return list(_milmlir.available_pipelines())

    def _native(self, registry):
        """(passes, options) for the native runner; OptimizationConfig
        options are registered in `registry` (a contextlib.ExitStack)."""
        from .optimize.coreml._config import OptimizationConfig

        self.validate()
        options = []
        for pass_name, opts in self._options.items():
            native = []
            for option in opts:
                value = option.option_val
                if isinstance(value, OptimizationConfig):
                    value = registry.enter_context(value._registered())
                elif isinstance(value, bool):
                    value = "true" if value else "false"
                else:
                    value = str(value)
                native.append((option.option_name, value))
            options.append((pass_name, native))
        return list(self._passes), options


def run_pipeline(model, pipeline, progress=None):
    """Runs ``pipeline`` on a copy of ``model`` (a path, a milmlir Model or
    a coremltools MLModel) and returns the result, of the input's kind."""
    import contextlib

    from ._adapt import as_model

    working, finish = as_model(model)
    with contextlib.ExitStack() as registry:
        passes, options = pipeline._native(registry)
        working._module.run_pipeline(passes, options, progress)
    return finish(working)
