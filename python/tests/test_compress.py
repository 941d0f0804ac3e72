"""Every compression function against mil-compress on the same input: the
written weight.bin must be byte-identical."""

import json

import pytest

import milmlir
import milmlir.optimize.coreml as cto
from conftest import EXAMPLE, mil_compress, weight_bin

BASE18 = "conv_iOS18_base_fp16.mlpackage"


def config(op_config):
    return cto.OptimizationConfig(global_config=op_config)


CASES = [
    ("palettize-kmeans4", cto.palettize_weights,
     config(cto.OpPalettizerConfig(mode="kmeans", nbits=4)),
     ["--palettize", "--mode", "kmeans", "--nbits", "4"]),
    ("palettize-grouped", cto.palettize_weights,
     config(cto.OpPalettizerConfig(mode="uniform", nbits=4,
                                   granularity="per_grouped_channel",
                                   group_size=4)),
     ["--palettize", "--mode", "uniform", "--nbits", "4", "--granularity",
      "per_grouped_channel", "--group-size", "4"]),
    ("quantize-int4-block", cto.linear_quantize_weights,
     config(cto.OpLinearQuantizerConfig(dtype="int4", granularity="per_block",
                                        block_size=32)),
     ["--quantize", "--dtype", "int4", "--granularity", "per_block",
      "--block-size", "32"]),
    ("prune-magnitude", cto.prune_weights,
     config(cto.OpMagnitudePrunerConfig(target_sparsity=0.5)),
     ["--prune", "--target-sparsity", "0.5"]),
    ("prune-threshold", cto.prune_weights,
     config(cto.OpThresholdPrunerConfig(threshold=0.02)),
     ["--prune", "--threshold", "0.02"]),
]


@pytest.mark.parametrize("name,function,cfg,flags", CASES,
                         ids=[c[0] for c in CASES])
@pytest.mark.parametrize("source", ["example", "conv"])
def test_same_bytes_as_cli(tmp_path, fixtures, source, name, function, cfg,
                           flags):
    model = EXAMPLE if source == "example" else fixtures / BASE18
    cli = tmp_path / "cli.mlpackage"
    mil_compress(model, "-o", cli, *flags)
    py = tmp_path / "py.mlpackage"
    function(str(model), cfg).save(py)
    assert weight_bin(py) == weight_bin(cli)
    assert weight_bin(py) != weight_bin(model)


def test_config_file_and_joint_same_bytes_as_cli(tmp_path, fixtures):
    prune = tmp_path / "prune.yaml"
    prune.write_text("config_type: OpMagnitudePrunerConfig\n"
                     "global_config:\n  target_sparsity: 0.5\n")
    pal = tmp_path / "pal.json"
    pal.write_text(json.dumps({"config_type": "OpPalettizerConfig",
                               "global_config": {"mode": "uniform",
                                                 "nbits": 4}}))
    model = fixtures / BASE18
    pruned_cli = tmp_path / "pruned-cli.mlpackage"
    mil_compress(model, "-o", pruned_cli, "--config", prune)
    joint_cli = tmp_path / "joint-cli.mlpackage"
    mil_compress(pruned_cli, "-o", joint_cli, "--config", pal,
                 "--joint-compression")

    pruned = cto.prune_weights(str(model),
                               cto.OptimizationConfig.from_yaml(str(prune)))
    joint = cto.palettize_weights(pruned,
                                  cto.OptimizationConfig.from_yaml(str(pal)),
                                  joint_compression=True)
    pruned.save(tmp_path / "pruned.mlpackage")
    joint.save(tmp_path / "joint.mlpackage")
    assert weight_bin(tmp_path / "pruned.mlpackage") == weight_bin(pruned_cli)
    assert weight_bin(tmp_path / "joint.mlpackage") == weight_bin(joint_cli)
    ops = {op.type for f in joint.functions for op in f.ops}
    assert {"constexpr_lut_to_sparse", "constexpr_sparse_to_dense"} <= ops


def test_decompress_same_bytes_as_cli(tmp_path, fixtures):
    model = fixtures / "conv_iOS18_lq_int8-per-channel.mlpackage"
    cli = tmp_path / "cli.mlpackage"
    mil_compress(model, "-o", cli, "--decompress")
    py = tmp_path / "py.mlpackage"
    cto.decompress_weights(milmlir.load(model)).save(py)
    assert weight_bin(py) == weight_bin(cli)
    assert not any(op.type.startswith("constexpr_")
                   for f in milmlir.load(py).functions for op in f.ops)


def test_input_model_is_not_modified(fixtures):
    model = milmlir.load(fixtures / BASE18)
    before = model.to_mlir()
    out = cto.linear_quantize_weights(model, config(
        cto.OpLinearQuantizerConfig()))
    assert model.to_mlir() == before
    assert out.to_mlir() != before


def test_pass_pipeline_matches_cli(tmp_path, fixtures):
    model = fixtures / BASE18
    # A named pipeline (unique mode skips these random weights, with
    # warnings) and an edited one that compresses them.
    cli = tmp_path / "cli.mlpackage"
    mil_compress(model, "-o", cli, "--pipeline", "default_palettization",
                 "--allow-noop")
    pipeline = milmlir.PassPipeline.DEFAULT_PALETTIZATION
    assert pipeline.passes[0] == "compression::palettize_weights"
    py = tmp_path / "py.mlpackage"
    with pytest.warns(UserWarning, match="Cannot perform palettization"):
        milmlir.run_pipeline(str(model), pipeline).save(py)
    assert weight_bin(py) == weight_bin(cli)

    mil_compress(model, "-o", cli, "--force", "--pipeline", "cleanup",
                 "--insert-pass", "0:compression::palettize_weights",
                 "--pass-options", "compression::palettize_weights:mode=uniform",
                 "--pass-options", "compression::palettize_weights:nbits=4")
    pipeline = milmlir.PassPipeline.CLEANUP
    pipeline.insert_pass(0, "compression::palettize_weights")
    pipeline.set_options("compression::palettize_weights", {
        "config": config(cto.OpPalettizerConfig(mode="uniform", nbits=4))})
    milmlir.run_pipeline(milmlir.load(model), pipeline).save(py)
    assert weight_bin(py) == weight_bin(cli)
    assert weight_bin(py) != weight_bin(model)


def test_pass_pipeline_api():
    p = milmlir.PassPipeline.EMPTY
    assert p.passes == []
    p.append_pass("compression::palettize_weights")
    p.insert_pass(0, "mil-prune-weights")
    assert p.passes == ["compression::prune_weights",
                        "compression::palettize_weights"]
    p.set_options("compression::palettize_weights", {"nbits": 4})
    with pytest.raises(ValueError, match="already has associated options"):
        p.set_options("compression::palettize_weights", {"nbits": 2},
                      override=False)
    assert p.get_options("mil-palettize-weights")[0].option_val == 4
    p.remove_passes(["compression::palettize_weights"])
    with pytest.raises(ValueError, match="not in the passes"):
        p.validate()
    with pytest.raises(ValueError, match="Closest: .*palettize"):
        p.append_pass("compression::palletize_weights")
    with pytest.raises(ValueError, match="There is no pipeline for `foo`"):
        milmlir.PassPipeline.get_pipeline("foo")
    assert "cleanup" in milmlir.PassPipeline.list_available_pipelines()
    # coremltools' order, among the passes mil-mlir has.
    assert milmlir.PassPipeline.DEFAULT.passes[0] == \
        "common::nullify_redundant_quantization_zero_point"
    assert "common::const_elimination" in milmlir.PassPipeline.DEFAULT.passes
    assert "common::const_deduplication" in milmlir.PassPipeline.CLEANUP.passes
    assert milmlir.PassPipeline.DEFAULT_PRUNING.passes[0] == \
        "compression::prune_weights"


def test_progress_callback_counts_every_weight(fixtures):
    model = milmlir.load(fixtures / BASE18)
    seen = []
    cto.palettize_weights(model, config(cto.OpPalettizerConfig(
        mode="uniform", nbits=4, weight_threshold=0)), progress=seen.append)
    assert seen and sum(seen) <= model.weight_bytes


def test_progress_callback_exception_is_raised(fixtures):
    def boom(nbytes):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        cto.palettize_weights(str(fixtures / BASE18), config(
            cto.OpPalettizerConfig(mode="uniform", nbits=4)), progress=boom)


def test_get_weights_metadata(fixtures):
    meta = cto.get_weights_metadata(str(fixtures / BASE18),
                                    weight_threshold=2048)
    assert meta, "the fixture has weights above the threshold"
    for name, m in meta.items():
        assert m.val.size >= 2048 and not m.val.flags.writeable
        assert 0.0 <= m.sparsity <= 1.0 and m.unique_values > 1
        assert m.child_ops and all(name in c.params_name_mapping.values()
                                   for c in m.child_ops)
    assert "child_ops: [" in str(meta)


def test_gil_is_released_while_passes_run(fixtures):
    import threading
    import time

    ticks, stop = [], threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    thread = threading.Thread(target=tick)
    thread.start()
    time.sleep(0.01)
    start = time.perf_counter()
    cto.palettize_weights(str(EXAMPLE), config(
        cto.OpPalettizerConfig(mode="kmeans", nbits=8, weight_threshold=0)))
    end = time.perf_counter()
    stop.set()
    thread.join()
    # With the GIL held the ticker could not run during the call at all.
    during = [t for t in ticks if start < t < end]
    assert len(during) >= 3, (len(during), end - start)
