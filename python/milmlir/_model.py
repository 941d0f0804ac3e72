"""Models: a loaded program, its functions, ops and weights."""

import os

from . import _milmlir


class Op:
    """One MIL op: ``type``, ``name``, ``inputs`` (MIL input name -> the
    names of the values bound to it), ``outputs`` and ``attributes`` (a
    const's ``val`` is a read-only NumPy array)."""

    __slots__ = ("type", "name", "inputs", "outputs", "attributes")

    def __init__(self, desc):
        self.type = desc["type"]
        self.name = desc["name"]
        self.inputs = desc["inputs"]
        self.outputs = desc["outputs"]
        self.attributes = desc["attributes"]

    def __repr__(self):
        inputs = ", ".join(f"{k}={','.join(v)}" for k, v in self.inputs.items())
        return f"{self.type}(name={self.name}, {inputs})"


class Function:
    """A MIL function: ``name``, ``opset``, ``inputs`` and ``ops`` (in
    program order, nested blocks included)."""

    __slots__ = ("name", "opset", "inputs", "ops")

    def __init__(self, desc):
        self.name = desc["name"]
        self.opset = desc["opset"]
        self.inputs = desc["inputs"]
        self.ops = [Op(op) for op in desc["ops"]]

    def __repr__(self):
        return f"Function({self.name}, opset={self.opset}, {len(self.ops)} ops)"


class _Spec:
    """What ``get_spec()`` gives: the program's functions by name."""

    def __init__(self, model):
        self.functions = {f.name: f for f in model.functions}

    def __repr__(self):
        return f"<program with functions {list(self.functions)}>"


class Model:
    """A Core ML program in mil-mlir's IR.

    Made by :func:`load`, :func:`parse` or the compression functions. The
    weights of a loaded package stay in the memory-mapped ``weight.bin``;
    :attr:`weights` views them without copying.
    """

    def __init__(self, module, source=None):
        self._module = module
        self.source = source

    # Reading -------------------------------------------------------------

    @property
    def functions(self):
        """The functions, each with its ops."""
        return [Function(f) for f in self._module.functions()]

    @property
    def function_names(self):
        return self._module.function_names()

    def is_multifunction(self):
        return len(self.function_names) > 1

    def _is_multifunction(self):
        return self.is_multifunction()

    def get_spec(self):
        """The program (functions, ops, attributes); not a protobuf."""
        return _Spec(self)

    def weights(self, min_elements=0):
        """Const tensors with at least ``min_elements`` elements, by name, as
        read-only NumPy arrays. Weight-file values are views of the mapped
        file (no copy); sub-byte types are unpacked to one byte each."""
        out = {}
        for function, name, _, array, _ in self._module.weights(min_elements):
            key = name if name not in out else f"{function}/{name}"
            out[key] = array
        return out

    @property
    def weight_bytes(self):
        """Bytes of the float weights the compression passes may take: the
        total of what the ``progress`` callback reports."""
        return self._module.compressible_bytes()

    def to_mlir(self, elide_weights=False):
        """The program as MLIR text (``mil`` dialect)."""
        return self._module.to_mlir(elide_weights)

    # Changing ------------------------------------------------------------

    def run_passes(self, pipeline, progress=None):
        """Runs an MLIR pass pipeline in place, e.g.
        ``"builtin.module(mil-palettize-weights{mode=kmeans nbits=4})"``.
        The GIL is released while the passes run; ``progress(nbytes)`` is
        called as each weight is done."""
        self._module.run_passes(pipeline, progress)
        return self

    def copy(self):
        return Model(self._module.clone(), self.source)

    def save(self, path, force=True):
        """Writes a ``.mlpackage`` (complete or not at all). Like
        coremltools' ``MLModel.save``, an existing package is replaced
        unless ``force=False``."""
        self._module.save(os.fspath(path), force)

    def __repr__(self):
        where = f" from {self.source}" if self.source else ""
        return f"<milmlir.Model{where}: functions {self.function_names}>"


def load(path):
    """Reads a ``.mlpackage`` directory or a ``.mlmodel`` file. A model that
    cannot be read raises ValueError naming the file (and the offset in the
    weight file)."""
    path = os.fspath(path)
    return Model(_milmlir.load(path), path)


def parse(text, name="<string>"):
    """A model from MLIR text (``Model.to_mlir``)."""
    return Model(_milmlir.parse(text, name))
