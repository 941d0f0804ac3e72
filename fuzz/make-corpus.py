#!/usr/bin/env python3
"""Regenerates the seed corpora under fuzz/corpus/TARGET/.

Seeds come from coremltools' fixtures (../shared/fixtures/coremltools), the
test inputs under test/, and tiny programs written by mil-synth. Every file
is kept to a few KB and every target under 1 MB.

  fuzz/make-corpus.py [--build DIR]   (DIR: a build with mil-synth and
                                       mil-translate; default build/)
"""

import argparse
import glob
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "..", "shared", "fixtures", "coremltools")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
MAX_FILE = 8 * 1024
MAX_TARGET = 900 * 1024


class Target:
    def __init__(self, name):
        self.dir = os.path.join(CORPUS, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.total = 0

    def add(self, data, limit=MAX_FILE):
        if isinstance(data, str):
            data = data.encode()
        data = data[:limit]
        if not data or self.total + len(data) > MAX_TARGET:
            return
        name = hashlib.sha1(data).hexdigest()
        path = os.path.join(self.dir, name)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.total += len(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def packages():
    return sorted(glob.glob(os.path.join(FIXTURES, "*.mlpackage")))


def model_of(pkg):
    return os.path.join(pkg, "Data", "com.apple.CoreML", "model.mlmodel")


def weights_of(pkg):
    return os.path.join(pkg, "Data", "com.apple.CoreML", "weights",
                        "weight.bin")


def pack(model, weights):
    return struct.pack("<I", len(model)) + model + weights


def synth_packages(build, tmp):
    """Tiny packages from mil-synth, plain and compressed, opsets 7 and 8."""
    synth = os.path.join(build, "bin", "mil-synth")
    translate = os.path.join(build, "bin", "mil-translate")
    out = []
    if not (os.path.exists(synth) and os.path.exists(translate)):
        return out
    for i, (compress, opset) in enumerate([("none", "CoreML7"),
                                           ("none", "CoreML8"),
                                           ("int8", "CoreML8"),
                                           ("lut4", "CoreML8")]):
        mlir = os.path.join(tmp, "s%d.mlir" % i)
        pkg = os.path.join(tmp, "s%d.mlpackage" % i)
        subprocess.run([synth, "--layers", "1", "--d-model", "8", "--ffn",
                        "16", "--vocab", "8", "--seq", "4", "--compress",
                        compress, "--opset", opset, "-o", mlir], check=True)
        subprocess.run([translate, "--export-mlpackage", mlir, "-o", pkg],
                       check=True)
        out.append(pkg)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = parser.parse_args()

    blob = Target("blob-storage")
    for pkg in packages()[::6]:
        w = read(weights_of(pkg))
        blob.add(w, limit=4096)
    for path in glob.glob(os.path.join(ROOT, "test", "**", "*.bin"),
                          recursive=True):
        blob.add(read(path), limit=4096)

    manifest = Target("manifest")
    for pkg in packages():
        manifest.add(read(os.path.join(pkg, "Manifest.json")))
    manifest.add('{"fileFormatVersion": "1.0.0", "itemInfoEntries": {}, '
                 '"rootModelIdentifier": "x"}')

    config = Target("compression-config")
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.json"))):
        try:
            sidecar = json.loads(read(path))
        except ValueError:
            continue
        for step in sidecar.get("steps", []):
            if isinstance(step, dict) and "config" in step:
                config.add(json.dumps(step["config"], indent=1))
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "Passes",
                                              "Inputs", "*"))):
        if path.endswith((".yaml", ".yml", ".json")):
            config.add(read(path))

    parse = Target("mlir-parse")
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "Dialect",
                                              "*.mlir"))):
        text = read(path).decode()
        for chunk in text.split("// -----"):
            lines = [l for l in chunk.splitlines()
                     if not l.lstrip().startswith("// RUN")]
            parse.add("\n".join(lines).strip() + "\n", limit=4096)
    # Inputs without a program (what a failed import pipes on).
    parse.add("module {}\n")
    parse.add("\n")

    imp = Target("model-import")
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in synth_packages(args.build, tmp):
            imp.add(pack(read(model_of(pkg)), read(weights_of(pkg))),
                    limit=16384)
        for pkg in packages()[::3]:
            imp.add(pack(read(model_of(pkg)), read(weights_of(pkg))[:4096]),
                    limit=16384)
    for path in glob.glob(os.path.join(ROOT, "test", "**", "*.mlmodel"),
                          recursive=True):
        imp.add(read(path), limit=16384)
    # Empty and program-less models: an empty model with no weights, a
    # model of no kind (specificationVersion 8 only) and an mlProgram
    # without functions (version 1).
    imp.add(pack(b"", b""))
    imp.add(pack(b"\x08\x08", b""))
    imp.add(pack(b"\x08\x08\xb2\x1f\x02\x08\x01", b""))

    for t in (blob, manifest, config, parse, imp):
        print("%-40s %4d files %7d bytes" % (
            os.path.relpath(t.dir, ROOT), len(os.listdir(t.dir)), t.total))


if __name__ == "__main__":
    main()
