"""The lower level: loading, listing, zero-copy weights, MLIR text, passes,
saving, and errors."""

import subprocess

import numpy as np
import pytest

import milmlir
from conftest import EXAMPLE, MALFORMED, tool, weight_bin


def test_functions_ops_and_weights():
    model = milmlir.load(EXAMPLE)
    [fn] = model.functions
    assert fn.name == "main" and fn.opset.startswith("CoreML")
    assert fn.inputs
    types = [op.type for op in fn.ops]
    assert "const" in types and "linear" in types
    linear = next(op for op in fn.ops if op.type == "linear")
    assert set(linear.inputs) >= {"x", "weight"}
    weights = model.weights()
    assert linear.inputs["weight"][0] in weights
    const = next(op for op in fn.ops
                 if op.type == "const" and op.name == linear.inputs["weight"][0])
    assert isinstance(const.attributes["val"], np.ndarray)
    assert not model.is_multifunction()
    assert set(model.get_spec().functions) == {"main"}


def _inside_a_mapping(array):
    """Whether the array's memory lies in a file mapping of this process."""
    address = array.__array_interface__["data"][0]
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if start <= address < end:
                return len(fields) > 5 and fields[5].endswith("weight.bin")
    return False


def test_weights_are_read_only_views_of_the_weight_file():
    model = milmlir.load(EXAMPLE)
    weights = model.weights(min_elements=1024)
    assert weights
    raw = weight_bin(EXAMPLE)
    for name, w in weights.items():
        assert not w.flags.writeable and not w.flags.owndata
        assert _inside_a_mapping(w), name
        # The bytes are the file's.
        assert raw.find(w.tobytes()) >= 0
        with pytest.raises(ValueError):
            w[(0,) * w.ndim] = 1
    # The array keeps the model alive: its base is the native module.
    w = next(iter(weights.values()))
    assert w.base is model._module
    expected = w.copy()
    del model, weights
    assert np.array_equal(w, expected)


def test_to_mlir_parse_round_trip(tmp_path):
    model = milmlir.load(EXAMPLE)
    text = model.to_mlir()
    assert "mil.function @main" in text
    again = milmlir.parse(text)
    again.save(tmp_path / "again.mlpackage")
    assert weight_bin(tmp_path / "again.mlpackage") == weight_bin(EXAMPLE)
    assert len(model.to_mlir(elide_weights=True)) < len(text)


def test_run_passes_in_place(tmp_path):
    model = milmlir.load(EXAMPLE)
    model.run_passes(
        "builtin.module(mil-palettize-weights{mode=kmeans nbits=4})")
    assert any(op.type == "constexpr_lut_to_dense"
               for f in model.functions for op in f.ops)
    model.save(tmp_path / "out.mlpackage")
    with pytest.raises(ValueError, match="exists"):
        model.save(tmp_path / "out.mlpackage", force=False)


def test_unknown_pass_names_the_closest():
    model = milmlir.load(EXAMPLE)
    with pytest.raises(ValueError) as e:
        model.run_passes("builtin.module(mil-palettize-weight{nbits=4})")
    assert "mil-palettize-weights" in str(e.value)
    with pytest.raises(ValueError, match="mil-palettize-weights"):
        milmlir.PassPipeline(["mil-palettize-weight"])


def test_pass_failure_is_a_value_error():
    model = milmlir.load(EXAMPLE)
    with pytest.raises(ValueError, match="nbits"):
        model.run_passes("builtin.module(mil-palettize-weights{nbits=5})")


def test_bad_model_names_file_and_offset():
    with pytest.raises(ValueError) as e:
        milmlir.load(MALFORMED / "blob-size-mismatch.mlpackage")
    assert "weight.bin', blob at offset 64" in str(e.value)
    with pytest.raises(ValueError, match="does-not-exist"):
        milmlir.load("/nonexistent/does-not-exist.mlpackage")
    with pytest.raises(ValueError):
        milmlir.parse("mil.function @f(")


@pytest.mark.parametrize("path", sorted(
    p.name for p in MALFORMED.iterdir()
    if p.suffix in (".mlpackage", ".mlmodel")))
def test_malformed_inputs_raise_the_cli_errors(path):
    """Each bad input is a ValueError carrying mil-translate's errors (never
    a crash); what mil-translate accepts loads."""
    model = MALFORMED / path
    flag = ("--import-mlpackage" if model.suffix == ".mlpackage"
            else "--import-mlmodel")
    r = subprocess.run([tool("mil-translate"), flag, str(model)],
                       capture_output=True, text=True)
    cli_errors = [l for l in r.stderr.splitlines() if "error:" in l]
    if r.returncode == 0:
        milmlir.load(model).to_mlir(elide_weights=True)
        return
    assert cli_errors
    with pytest.raises(ValueError) as e:
        milmlir.load(model)
    for line in cli_errors:
        assert line.split("error: ", 1)[1] in str(e.value)
