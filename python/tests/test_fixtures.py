"""Parity with coremltools on its own fixtures: every deterministic
compression fixture (not k-means, which is only no worse) run through the
Python API with the sidecar's config gives coremltools' weight.bin byte for
byte; every refused config is refused with coremltools' message. Single-step
fixtures go through the coremltools-style example script (from_yaml)."""

import json
import subprocess
import sys

import pytest

import milmlir.optimize.coreml as cto
from conftest import CT_FIXTURES, SOURCE_DIR, tool, weight_bin

FUNCTIONS = {
    "linear_quantize_weights": cto.linear_quantize_weights,
    "palettize_weights": cto.palettize_weights,
    "prune_weights": cto.prune_weights,
}


def _is_kmeans(step):
    return (step["api"] == "palettize_weights" and
            (step["config"].get("global_config") or {}).get(
                "mode", "kmeans") == "kmeans")


def _cases():
    cases = []
    for sidecar in sorted(CT_FIXTURES.glob("*.json")):
        meta = json.loads(sidecar.read_text())
        if meta.get("api") not in ("lq", "pal", "prune", "joint"):
            continue
        if isinstance(meta["input"], list) or sidecar.stem.endswith("-direct.ERROR"):
            continue  # multifunction merges: the lit fixture test covers them
        if any(_is_kmeans(s) for s in meta["steps"]):
            continue
        cases.append(pytest.param(meta, id=sidecar.stem))
    return cases


@pytest.mark.parametrize("meta", _cases())
def test_coremltools_fixture(tmp_path, meta):
    model = str(CT_FIXTURES / meta["input"])
    steps = meta["steps"]
    if meta["status"] == "error":
        expected = meta["error"].split(": ", 1)[-1]
        with pytest.raises(ValueError) as e:
            for step in steps:
                model = FUNCTIONS[step["api"]](
                    model, cto.OptimizationConfig.from_dict(step["config"]),
                    joint_compression=step["joint_compression"])
        assert expected in str(e.value)
        return
    out = tmp_path / "out.mlpackage"
    if len(steps) == 1 and not steps[0]["joint_compression"]:
        config = tmp_path / "config.yaml"
        config.write_text(json.dumps(steps[0]["config"]))  # JSON is YAML
        r = subprocess.run(
            [sys.executable,
             str(SOURCE_DIR / "examples" / "compress_coremltools_style.py"),
             model, str(config), str(out)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    else:
        for step in steps:
            model = FUNCTIONS[step["api"]](
                model, cto.OptimizationConfig.from_dict(step["config"]),
                joint_compression=step["joint_compression"])
        model.save(out)
    expected = CT_FIXTURES / meta["file"]
    assert weight_bin(out) == weight_bin(expected)
