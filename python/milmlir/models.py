"""``milmlir.models.MLModel``: coremltools' model constructor for scripts
that do ``import milmlir as ct``. It loads the package into a milmlir Model
(nothing is compiled; there is no ``predict``)."""

import os

from ._model import load


def MLModel(model, is_temp_package=False, mil_program=None,
            skip_model_load=False, compute_units=None, weights_dir=None,
            function_name=None, optimization_hints=None):
    """A milmlir Model from a path; the arguments about loading the model
    into Core ML are accepted and have no effect."""
    if not isinstance(model, (str, os.PathLike)):
        raise TypeError("milmlir.models.MLModel takes a path to an "
                        f".mlpackage or .mlmodel, got {type(model)}")
    return load(model)
