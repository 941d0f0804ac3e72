"""Shared fixtures of the milmlir tests (run by ctest: PYTHONPATH is
build/python and the tools are on PATH)."""

import os
import pathlib
import shutil
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("MIL_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
FIXTURES = SOURCE_DIR.parent / "shared" / "fixtures"
if not FIXTURES.is_dir():
    FIXTURES = pathlib.Path("/work/shared/fixtures")
CT_FIXTURES = FIXTURES / "coremltools"
EXAMPLE = SOURCE_DIR / "examples" / "tiny_transformer.mlpackage"
MALFORMED = SOURCE_DIR / "test" / "Translate" / "malformed"


def weight_bin(package):
    return (pathlib.Path(package) / "Data" / "com.apple.CoreML" / "weights"
            / "weight.bin").read_bytes()


def tool(name):
    """A mil-mlir tool of the build under test (MIL_BINARY_DIR, which ctest
    sets), else from PATH."""
    binary_dir = os.environ.get("MIL_BINARY_DIR")
    path = (os.path.join(binary_dir, "bin", name) if binary_dir
            else shutil.which(name))
    if path is None or not os.path.exists(path):
        pytest.fail(f"{name} not found: run the tests through ctest, or set "
                    "MIL_BINARY_DIR to the build directory")
    return path


def mil_compress(*args):
    """Runs mil-compress quietly; fails the test on a non-zero exit."""
    r = subprocess.run([tool("mil-compress"), "--quiet", *map(str, args)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="session")
def fixtures():
    if not CT_FIXTURES.is_dir():
        pytest.fail(f"the shared fixtures are missing: {CT_FIXTURES}")
    return CT_FIXTURES
