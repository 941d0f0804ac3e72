"""Drop-in for ``coremltools.optimize.coreml``: change the import line,
keep the script.

    import milmlir.optimize.coreml as cto   # was: coremltools.optimize.coreml
"""

from ._config import (
    CompressionGranularity,
    OpCompressorConfig,
    OpLinearQuantizerConfig,
    OpMagnitudePrunerConfig,
    OpPalettizerConfig,
    OpThresholdPrunerConfig,
    OptimizationConfig,
)
from ._post_training_quantization import (
    CoreMLOpMetaData,
    CoreMLWeightMetaData,
    decompress_weights,
    get_weights_metadata,
    linear_quantize_weights,
    palettize_weights,
    prune_weights,
)

__all__ = [
    "CompressionGranularity",
    "CoreMLOpMetaData",
    "CoreMLWeightMetaData",
    "OpCompressorConfig",
    "OpLinearQuantizerConfig",
    "OpMagnitudePrunerConfig",
    "OpPalettizerConfig",
    "OpThresholdPrunerConfig",
    "OptimizationConfig",
    "decompress_weights",
    "get_weights_metadata",
    "linear_quantize_weights",
    "palettize_weights",
    "prune_weights",
]
