"""Config classes: coremltools' defaults, and every validation error as a
ValueError with coremltools' message (checked by the C++ config model)."""

import io

import numpy as np
import pytest

import milmlir.optimize.coreml as cto
from milmlir.optimize.coreml import CompressionGranularity as G


def test_defaults():
    q = cto.OpLinearQuantizerConfig()
    assert (q.mode, q.dtype, q.granularity, q.block_size, q.weight_threshold) \
        == ("LINEAR_SYMMETRIC", "int8", G.PER_CHANNEL, 32, 2048)
    assert (q.nbits, q.signed) == (8, True)
    p = cto.OpPalettizerConfig(nbits=4)
    assert (p.mode, p.nbits, p.lut_function, p.granularity, p.group_size,
            p.channel_axis, p.cluster_dim, p.enable_per_channel_scale,
            p.num_kmeans_workers, p.weight_threshold) == \
        ("KMEANS", 4, None, G.PER_TENSOR, 32, None, 1, False, 1, 2048)
    t = cto.OpThresholdPrunerConfig()
    assert (t.threshold, t.minimum_sparsity_percentile, t.weight_threshold) \
        == (1e-12, 0.5, 2048)
    m = cto.OpMagnitudePrunerConfig(target_sparsity=0.5)
    assert (m.target_sparsity, m.block_size, m.n_m_ratio, m.dim) == \
        (0.5, None, None, None)
    assert cto.OpMagnitudePrunerConfig(n_m_ratio=(2, 4)).dim == 1
    assert cto.OpMagnitudePrunerConfig(target_sparsity=0.5,
                                       block_size=2).dim == 0
    u4 = cto.OpLinearQuantizerConfig(dtype=np.uint8, mode="linear")
    assert (u4.dtype, u4.mode, u4.signed) == ("uint8", "LINEAR", False)


def test_equality_and_unknown_keyword():
    assert cto.OpPalettizerConfig(nbits=4) == cto.OpPalettizerConfig(nbits=4)
    assert cto.OpPalettizerConfig(nbits=4) != cto.OpPalettizerConfig(nbits=2)
    with pytest.raises(TypeError):
        cto.OpPalettizerConfig(nbits=4, block_size=2)


ERRORS = [
    (lambda: cto.OpLinearQuantizerConfig(mode="DUMMY"),
     "Only mode ('LINEAR_SYMMETRIC', 'LINEAR') supported for weight affine "
     "quantization. Got mode: \"DUMMY\"."),
    (lambda: cto.OpLinearQuantizerConfig(dtype="int2"),
     "Invalid dtype int2. Only support int8/uint8/int4/uint4."),
    (lambda: cto.OpLinearQuantizerConfig(dtype="int32"),
     "Invalid dtype. Should be int4/8 or uint4/8, but got int32"),
    (lambda: cto.OpLinearQuantizerConfig(granularity="per_grouped_channel"),
     '"granularity" must be one of (<CompressionGranularity.PER_TENSOR: 1>, '
     "<CompressionGranularity.PER_CHANNEL: 3>, "
     "<CompressionGranularity.PER_BLOCK: 4>), but got "
     "CompressionGranularity.PER_GROUPED_CHANNEL"),
    (lambda: cto.OpLinearQuantizerConfig(granularity="per_foo"),
     "Invalid granularity=per_foo"),
    (lambda: cto.OpLinearQuantizerConfig(block_size=-1),
     "The block_size must be non-negative values, but got -1"),
    (lambda: cto.OpLinearQuantizerConfig(block_size=[1, -2]),
     "All values in block_size must be non-negative values."),
    (lambda: cto.OpLinearQuantizerConfig(weight_threshold=-1),
     '"weight_threshold" must be a non-negative integer. Got -1.'),
    (lambda: cto.OpPalettizerConfig(mode="foo", nbits=4),
     "Only modes ('KMEANS', 'UNIFORM', 'UNIQUE', 'CUSTOM') are supported for "
     'weight palettization. Got "mode": "foo".'),
    (lambda: cto.OpPalettizerConfig(mode="kmeans"),
     '"nbits" must be provided for kmeans mode'),
    (lambda: cto.OpPalettizerConfig(mode="unique", nbits=4),
     '"nbits" must NOT be provided for unique mode'),
    (lambda: cto.OpPalettizerConfig(nbits=5),
     'Invalid value of "nbits" (5) for palettization. Supported "nbits" are '
     "(1, 2, 3, 4, 6, 8)"),
    (lambda: cto.OpPalettizerConfig(mode="custom"),
     '"lut_function" can not be None, if "mode" is "custom".'),
    (lambda: cto.OpPalettizerConfig(nbits=4, lut_function=lambda w: w),
     '"lut_function" must be None, if "mode" is not "custom".'),
    (lambda: cto.OpPalettizerConfig(mode="custom", lut_function="f"),
     'A function object must be provided as "lut_function". Got a '
     "\"lut_function\" as type <class 'str'>"),
    (lambda: cto.OpPalettizerConfig(nbits=4, granularity="per_channel"),
     '"granularity" must be one of (<CompressionGranularity.PER_TENSOR: 1>, '
     "<CompressionGranularity.PER_GROUPED_CHANNEL: 2>), but got "
     "CompressionGranularity.PER_CHANNEL"),
    (lambda: cto.OpThresholdPrunerConfig(threshold=-1.0),
     'Invalid value of "threshold": -1.0. Needs to be in [0, inf)'),
    (lambda: cto.OpThresholdPrunerConfig(minimum_sparsity_percentile=1.5),
     'Invalid value of "minimum_sparsity_percentile": 1.5. Needs to be in '
     "[0, 1]"),
    (lambda: cto.OpMagnitudePrunerConfig(),
     'Either "target_sparsity" or "n_m_ratio" need to be set. They cannot be '
     "set at the same time."),
    (lambda: cto.OpMagnitudePrunerConfig(target_sparsity=0.5,
                                         n_m_ratio=(2, 4)),
     'Either "target_sparsity" or "n_m_ratio" need to be set. They cannot be '
     "set at the same time."),
    (lambda: cto.OpMagnitudePrunerConfig(target_sparsity=1.5),
     'Invalid value of "target_sparsity": 1.5. Needs to be in [0, 1].'),
    (lambda: cto.OpMagnitudePrunerConfig(target_sparsity=0.5, block_size=1),
     '"block_size" must be an integer > 1. Got 1.'),
    (lambda: cto.OpMagnitudePrunerConfig(n_m_ratio=(4, 2)),
     '"n_m_ratio" must be a tuple of two integers (n, m). n <= m. Got (4, 2)'),
    (lambda: cto.OpMagnitudePrunerConfig(target_sparsity=0.5, dim=1),
     '"dim" can only be set along with "block_size" or "n_m_ratio".'),
    (lambda: cto.OpMagnitudePrunerConfig(n_m_ratio=(2, 4), dim=2),
     '"dim" must be 1 or 0. Got 2.'),
    (lambda: cto.OptimizationConfig(global_config=3),
     "config must be type of OpCompressorConfig. Got <class 'int'>."),
    (lambda: cto.OptimizationConfig(op_type_configs={
        "gather": cto.OpMagnitudePrunerConfig(n_m_ratio=(2, 4))}),
     "block sparsity or n:m pruning does not support op type gather."),
    (lambda: cto.OptimizationConfig.from_dict({"global_config": {}}),
     "config_type must be provided with type of string."),
    (lambda: cto.OptimizationConfig.from_dict(
        {"config_type": "OpPalettizerConfig", "foo": {}}),
     "Invalid key foo to construct an OptimizationConfig object. Supported "
     "keys are ('config_type', 'global_config', 'op_name_configs', "
     "'op_type_configs')."),
    (lambda: cto.OptimizationConfig.from_dict(
        {"config_type": "OpPalettizerConfig",
         "global_config": {"mode": "custom", "lut_function": "f"}}),
     "_from_dict method does not support lut_function. Please create the "
     "OpPalettizerConfig from scratch."),
    (lambda: cto.OptimizationConfig.from_dict(
        {"config_type": "OpPalettizerConfig", "op_type_configs": [1]}),
     "op_type_configs must be type of dict. Got <class 'list'>"),
]


@pytest.mark.parametrize("make,message", ERRORS,
                         ids=[str(i) for i in range(len(ERRORS))])
def test_validation_error(make, message):
    with pytest.raises(ValueError) as e:
        make()
    assert message in str(e.value)


def test_set_op_type_checks_structural_pruning():
    config = cto.OptimizationConfig()
    config.set_op_type("linear", cto.OpMagnitudePrunerConfig(n_m_ratio=(2, 4)))
    with pytest.raises(ValueError, match="does not support op type conv_"):
        config.set_op_type("conv_transpose",
                           cto.OpMagnitudePrunerConfig(n_m_ratio=(2, 4)))
    with pytest.raises(ValueError, match="config must be type of"):
        config.set_op_name("w", "nbits=4")


def test_from_dict_and_yaml_agree(tmp_path):
    d = {"config_type": "OpMagnitudePrunerConfig",
         "global_config": {"target_sparsity": 0.5, "weight_threshold": 4096},
         "op_type_configs": {"linear": {"n_m_ratio": [2, 4]}},
         "op_name_configs": {"conv_3_weight": {
             "config_type": "OpThresholdPrunerConfig", "threshold": 0.001,
             "minimum_sparsity_percentile": 0.3}}}
    yaml_text = """\
config_type: OpMagnitudePrunerConfig
global_config:
    target_sparsity: 0.5
    weight_threshold: 4096
op_type_configs:
    linear:
        n_m_ratio: [2, 4]
op_name_configs:
    conv_3_weight:
        config_type: OpThresholdPrunerConfig
        threshold: 0.001
        minimum_sparsity_percentile: 0.3
"""
    path = tmp_path / "c.yaml"
    path.write_text(yaml_text)
    from_dict = cto.OptimizationConfig.from_dict(d)
    from_file = cto.OptimizationConfig.from_yaml(str(path))
    from_stream = cto.OptimizationConfig.from_yaml(io.StringIO(yaml_text))
    expected = cto.OptimizationConfig(
        global_config=cto.OpMagnitudePrunerConfig(target_sparsity=0.5,
                                                  weight_threshold=4096),
        op_type_configs={"linear": cto.OpMagnitudePrunerConfig(
            n_m_ratio=(2, 4))},
        op_name_configs={"conv_3_weight": cto.OpThresholdPrunerConfig(
            threshold=0.001, minimum_sparsity_percentile=0.3)})
    assert from_dict == expected
    assert from_file == expected
    assert from_stream == expected
    assert from_dict.op_type_configs["linear"].n_m_ratio == (2, 4)


def test_yaml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("config_type: [unclosed\n")
    with pytest.raises(ValueError, match="bad.yaml:"):
        cto.OptimizationConfig.from_yaml(str(path))
