"""milmlir.optimize: coremltools.optimize's Core ML half (``coreml``)."""

from . import coreml  # noqa: F401
