"""mode="custom" with a Python lut_function, the coremltools MLModel path
(with a stand-in object: coremltools is not needed), and the coremltools-
style example script."""

import os
import shutil
import subprocess
import sys
import types

import numpy as np
import pytest

import milmlir
import milmlir.optimize.coreml as cto
from conftest import EXAMPLE, SOURCE_DIR, mil_compress, weight_bin


def two_levels(weight):
    """A 1-bit LUT: the means of the negative and non-negative values."""
    lo = weight[weight < 0].mean() if (weight < 0).any() else 0.0
    hi = weight[weight >= 0].mean() if (weight >= 0).any() else 0.0
    return (np.array([lo, hi], dtype=weight.dtype),
            (weight >= 0).astype(np.int64).ravel())


def test_custom_lut_function():
    calls = []

    def lut_function(weight):
        calls.append(weight.shape)
        return two_levels(weight)

    config = cto.OptimizationConfig(global_config=cto.OpPalettizerConfig(
        mode="custom", lut_function=lut_function))
    assert config.global_config.lut_function is lut_function
    model = cto.palettize_weights(str(EXAMPLE), config)
    assert calls
    source = milmlir.load(EXAMPLE).weights(2049)
    decompressed = cto.decompress_weights(model).weights(2049)
    for name, w in source.items():
        # Decompressed consts are named after the constexpr op's output.
        levels = np.unique(decompressed[name + "_palettized"])
        assert len(levels) <= 2
        lo, hi = two_levels(w.astype(np.float32))[0]
        assert np.allclose(sorted(levels), sorted(
            np.array([lo, hi], dtype=w.dtype)), atol=1e-3)


def test_custom_lut_function_errors():
    def wrong(weight):
        return np.zeros(3, dtype=np.float32), np.zeros(weight.size)

    def raising(weight):
        raise KeyError("no table")

    for fn, message in [(wrong, r"2\^k LUT entries"), (raising, "no table")]:
        config = cto.OptimizationConfig(global_config=cto.OpPalettizerConfig(
            mode="custom", lut_function=fn))
        with pytest.raises(ValueError, match=message):
            cto.palettize_weights(str(EXAMPLE), config)


class StandInMLModel:
    """Only the public surface of coremltools.models.MLModel that milmlir
    reads: package_path, weights_dir, get_spec() and __proxy__."""

    def __init__(self, package, loaded):
        self.package_path = str(package)
        self.weights_dir = os.path.join(self.package_path, "Data",
                                        "com.apple.CoreML", "weights")
        self.__proxy__ = object() if loaded else None

    def get_spec(self):
        raise AssertionError("the package path is enough")


class StandInSpec:
    def __init__(self, data):
        self.data = data

    def SerializeToString(self):
        return self.data


class SpecOnlyMLModel:
    """An MLModel whose package is gone: only the spec and weights_dir."""

    def __init__(self, package):
        root = os.path.join(str(package), "Data", "com.apple.CoreML")
        with open(os.path.join(root, "model.mlmodel"), "rb") as f:
            self._spec = StandInSpec(f.read())
        self.weights_dir = os.path.join(root, "weights")
        self.package_path = None
        self.__proxy__ = None

    def get_spec(self):
        return self._spec


def _fake_coremltools(monkeypatch):
    made = []

    class MLModel:
        def __init__(self, path, skip_model_load=False, is_temp_package=False):
            self.package_path = path
            self.skip_model_load = skip_model_load
            made.append(self)

    fake = types.ModuleType("coremltools")
    fake.models = types.SimpleNamespace(MLModel=MLModel)
    monkeypatch.setitem(sys.modules, "coremltools", fake)
    return made


CONFIG = cto.OptimizationConfig(global_config=cto.OpLinearQuantizerConfig())


def test_mlmodel_without_coremltools_gives_a_milmlir_model(tmp_path,
                                                           monkeypatch):
    monkeypatch.setitem(sys.modules, "coremltools", None)
    cli = tmp_path / "cli.mlpackage"
    mil_compress(EXAMPLE, "-o", cli, "--quantize")
    for stand_in in (StandInMLModel(EXAMPLE, loaded=False),
                     SpecOnlyMLModel(EXAMPLE)):
        out = cto.linear_quantize_weights(stand_in, CONFIG)
        assert isinstance(out, milmlir.Model)
        out.save(tmp_path / "py.mlpackage")
        assert weight_bin(tmp_path / "py.mlpackage") == weight_bin(cli)


@pytest.mark.parametrize("loaded", [False, True])
def test_mlmodel_result_is_an_mlmodel(tmp_path, monkeypatch, loaded):
    made = _fake_coremltools(monkeypatch)
    cli = tmp_path / "cli.mlpackage"
    mil_compress(EXAMPLE, "-o", cli, "--quantize")
    out = cto.linear_quantize_weights(StandInMLModel(EXAMPLE, loaded), CONFIG)
    assert made == [out]
    assert out.skip_model_load == (not loaded)
    assert weight_bin(out.package_path) == weight_bin(cli)
    shutil.rmtree(os.path.dirname(out.package_path))


EXAMPLE_SCRIPT = SOURCE_DIR / "examples" / "compress_coremltools_style.py"


def test_example_script_differs_from_coremltools_only_by_the_import():
    lines = [l for l in EXAMPLE_SCRIPT.read_text().splitlines()
             if "milmlir" in l and not l.lstrip().startswith("#")]
    assert lines == ["import milmlir as ct  # coremltools: import coremltools as ct"]


def test_example_script(tmp_path):
    config = SOURCE_DIR / "examples" / "palettize.yaml"
    out = tmp_path / "out.mlpackage"
    r = subprocess.run([sys.executable, str(EXAMPLE_SCRIPT), str(EXAMPLE),
                        str(config), str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    cli = tmp_path / "cli.mlpackage"
    mil_compress(EXAMPLE, "-o", cli, "--config", config)
    assert weight_bin(out) == weight_bin(cli)
