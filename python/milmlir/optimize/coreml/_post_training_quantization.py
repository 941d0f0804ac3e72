"""coremltools' post-training compression functions on mil-mlir's passes.

Each takes what coremltools takes (an MLModel) and also a path or a milmlir
Model, and returns a new model of the same kind; the input is never
modified. The pipeline is the one ``mil-compress`` runs: the compression
pass, then dead code elimination and const deduplication, so the written
``weight.bin`` is byte-identical to the CLI's.
"""

import contextlib
from collections import OrderedDict

from ..._adapt import as_model
from ._config import OptimizationConfig

_CLEANUP = ["mil-dead-code-elimination", "mil-const-deduplication"]


def _compress(mlmodel, pass_name, config, joint_compression, progress):
    if not isinstance(config, OptimizationConfig):
        raise ValueError("config must be type of OptimizationConfig. Got "
                         f"{type(config)}.")
    working, finish = as_model(mlmodel)
    with config._registered() as name:
        options = [(pass_name, [
            ("config", name),
            ("joint_compression", "true" if joint_compression else "false")])]
        working._module.run_pipeline([pass_name] + _CLEANUP, options, progress)
    return finish(working)


def linear_quantize_weights(mlmodel, config, joint_compression=False, *,
                            progress=None):
    """Affine quantization of the weights (``constexpr_blockwise_shift_scale``
    for iOS18 programs, ``constexpr_affine_dequantize`` before), as
    coremltools' function of the same name. ``progress(nbytes)`` is called
    as each weight is done (``Model.weight_bytes`` is the total)."""
    return _compress(mlmodel, "mil-linear-quantize-weights", config,
                     joint_compression, progress)


def palettize_weights(mlmodel, config, joint_compression=False, *,
                      progress=None):
    """Look-up-table compression of the weights (``constexpr_lut_to_dense``),
    as coremltools' function of the same name; ``mode="custom"`` calls the
    config's ``lut_function(weight) -> (lut, indices)``."""
    return _compress(mlmodel, "mil-palettize-weights", config,
                     joint_compression, progress)


def prune_weights(mlmodel, config, joint_compression=False, *,
                  progress=None):
    """Sparse weights (``constexpr_sparse_to_dense``), as coremltools'
    function of the same name."""
    return _compress(mlmodel, "mil-prune-weights", config, joint_compression,
                     progress)


def decompress_weights(mlmodel, *, progress=None):
    """Every constexpr weight back to a dense const."""
    working, finish = as_model(mlmodel)
    working._module.run_pipeline(["mil-decompress-weights"] + _CLEANUP, [],
                                 progress)
    return finish(working)


class CoreMLOpMetaData:
    """A consumer of a weight: ``op_type``, ``name`` and
    ``params_name_mapping`` (its inputs bound to weights -> weight names)."""

    def __init__(self, op_type, name, params_name_mapping):
        self.op_type = op_type
        self.name = name
        self.params_name_mapping = params_name_mapping

    def __str__(self):
        res = f"{self.op_type}(name={self.name}"
        for k, v in self.params_name_mapping.items():
            res += f", {k}={v}"
        return res + ", ...)"

    __repr__ = __str__


class CoreMLWeightMetaData:
    """A weight: ``val`` (a read-only view of the weight file), ``sparsity``
    (fraction of elements with ``|v| <= 1e-12``), ``unique_values`` and
    ``child_ops``."""

    def __init__(self, val, sparsity=None, unique_values=None,
                 child_ops=None):
        import numpy as np

        self.val = val
        self.sparsity = (float(np.sum(np.abs(val) <= 1e-12) / val.size)
                         if sparsity is None else sparsity)
        self.unique_values = (len(np.unique(val)) if unique_values is None
                              else unique_values)
        self.child_ops = child_ops

    def __str__(self):
        res = "[  \n"
        res += f"  val: np.ndarray(shape={self.val.shape}, dtype={self.val.dtype})\n"
        res += f"  sparsity: {self.sparsity}\n"
        res += f"  unique_values: {self.unique_values}\n"
        if self.child_ops is not None:
            res += "  child_ops: [\n"
            for child_op in self.child_ops:
                res += f"    {child_op}\n"
            res += "  ]\n"
        return res + "]"

    __repr__ = __str__


class _MetaDataDict(OrderedDict):
    def __str__(self):
        return "\n".join(f"{k}\n{v}" for k, v in self.items())


def get_weights_metadata(mlmodel, weight_threshold=2048):
    """Every const weight with at least ``weight_threshold`` elements (note:
    at least, as coremltools) by name, with its consumers."""
    model, _ = as_model(mlmodel)
    weights = model._module.weights(weight_threshold)
    # Values (by output name) that are qualifying weights, per function.
    qualifying = {(fn, output): name for fn, name, output, _, _ in weights}
    result = _MetaDataDict()
    for fn, name, output, val, consumers in weights:
        child_ops = []
        for op_type, op_name, inputs in consumers:
            mapping = OrderedDict()
            for input_name, values in inputs.items():
                if len(values) == 1 and (fn, values[0]) in qualifying:
                    mapping[input_name] = qualifying[(fn, values[0])]
            child_ops.append(CoreMLOpMetaData(op_type, op_name, mapping))
        result[name] = CoreMLWeightMetaData(val, child_ops=child_ops)
    return result
