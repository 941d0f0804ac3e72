#!/usr/bin/env python3
"""Compress a Core ML model with a YAML config, the coremltools way.

    compress_coremltools_style.py IN.mlpackage CONFIG.yaml OUT.mlpackage

Written against coremltools' API; the import line is the only change that
makes it run on mil-mlir (PYTHONPATH=build/python). The config's class picks
the function, as a converter script would.
"""

import sys

import milmlir as ct  # coremltools: import coremltools as ct

cto = ct.optimize.coreml

FUNCTIONS = {
    "OpPalettizerConfig": cto.palettize_weights,
    "OpLinearQuantizerConfig": cto.linear_quantize_weights,
    "OpThresholdPrunerConfig": cto.prune_weights,
    "OpMagnitudePrunerConfig": cto.prune_weights,
}


def main(source, config_path, target):
    mlmodel = ct.models.MLModel(source, skip_model_load=True)
    config = cto.OptimizationConfig.from_yaml(config_path)
    configs = [config.global_config, *config.op_type_configs.values(),
               *config.op_name_configs.values()]
    kind = next(type(c).__name__ for c in configs if c is not None)
    compressed = FUNCTIONS[kind](mlmodel, config)
    metadata = cto.get_weights_metadata(compressed, weight_threshold=2048)
    print(f"{len(metadata)} weights of 2048 or more elements left dense")
    compressed.save(target)


if __name__ == "__main__":
    main(*sys.argv[1:4])
