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


def pipeline_packages(tmp):
    """Pipeline packages (an ML program beside a NeuralNetwork, and one of
    two ML programs, which mil-run runs) as
    test/Translate/Inputs/pipeline-package.py writes them, their programs'
    weights in weight.bin as the fuzz targets' packages have them."""
    import importlib.util
    import sys
    script = os.path.join(ROOT, "test", "Translate", "Inputs",
                          "pipeline-package.py")
    spec = importlib.util.spec_from_file_location("pipeline_package", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.WEIGHT_FILE = "@model_path/weights/weight.bin"
    module.HEAD_WEIGHT_FILE = module.WEIGHT_FILE
    module.N = 16  # whole packages within the seeds' 16 KB
    out = []
    for kind, second in (("pipeline", "nn"), ("pipelineClassifier", "nn"),
                         ("pipelineRegressor", "nn"),
                         ("pipeline", "program")):
        pkg = os.path.join(tmp, kind + "-" + second + ".mlpackage")
        argv = sys.argv
        sys.argv = [script, pkg, kind, second]
        try:
            module.main()
        finally:
            sys.argv = argv
        weights = os.path.join(pkg, "Data", "com.apple.CoreML", "weights")
        out.append(pack(read(model_of(pkg)),
                        read(os.path.join(weights, "0-weight.bin"))))
    return out


def bad_packages(seeds):
    """What every tool must refuse with an error: an empty model, a model of
    no kind (specificationVersion 8 only), an mlProgram without functions
    (version 1), non-MIL bytes, and truncated copies of real packages (the
    model cut in half, the weights cut to their header)."""
    out = [pack(b"", b""), b"", pack(b"\x08\x08", b""),
           pack(b"\x08\x08\xb2\x1f\x02\x08\x01", b""),
           pack(b"module {}\n", b""), pack(b"PK\x03\x04 not a model", b"")]
    for seed in seeds[:4]:
        n = struct.unpack("<I", seed[:4])[0]
        model, weights = seed[4:4 + n], seed[4 + n:]
        out.append(pack(model[:len(model) // 2], weights))
        out.append(pack(model, weights[:64]))
    return out


def mlir_chunks(pattern):
    """The `// -----` chunks of the lit tests matching `pattern`, without
    their RUN lines."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        text = read(path).decode()
        for chunk in text.split("// -----"):
            lines = [l for l in chunk.splitlines()
                     if not l.lstrip().startswith("// RUN")]
            out.append("\n".join(lines).strip() + "\n")
    return out


# Inputs that are not a MIL program: empty, program-less, other dialects,
# not MLIR at all, truncated.
BAD_TEXT = ["", "\n", "module {}\n", "module {\n",
            "func.func @f() { return }\n", "\x08\x08\xb2\x1f",
            "mil.program {\n"]


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
    dialect_chunks = mlir_chunks("test/Dialect/*.mlir")
    for chunk in dialect_chunks:
        parse.add(chunk, limit=4096)
    # Inputs without a program (what a failed import pipes on).
    parse.add("module {}\n")
    parse.add("\n")

    # Packages: from mil-synth, coremltools' fixtures, the tests' model
    # files, pipelines, and what must be refused.
    seeds = []
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in synth_packages(args.build, tmp):
            seeds.append(pack(read(model_of(pkg)), read(weights_of(pkg))))
        for pkg in packages()[::3]:
            seeds.append(pack(read(model_of(pkg)),
                              read(weights_of(pkg))[:4096]))
        seeds += pipeline_packages(tmp)
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "**",
                                              "*.mlmodel"), recursive=True)):
        seeds.append(read(path))
    seeds += bad_packages(seeds)

    # tool-translate and tool-run read the same packages from
    # corpus/model-import (scripts/fuzz.sh).
    imp = Target("model-import")
    compress = Target("tool-compress")
    for i, seed in enumerate(seeds):
        imp.add(seed, limit=16384)
        # [u8 mode][package]: the modes of fuzz-tool-compress.cpp in turn.
        compress.add(bytes([i % 8]) + seed, limit=16384)

    # MLIR text for mil-translate's export and mil-opt's passes ([u8
    # pipeline][text], the pipelines of fuzz-tool-opt.cpp in turn).
    export = Target("tool-translate-export")
    opt = Target("tool-opt")
    texts = (BAD_TEXT + mlir_chunks("test/Translate/*.mlir") +
             mlir_chunks("test/Passes/*.mlir") + dialect_chunks[::4])
    for i, text in enumerate(texts):
        export.add(text, limit=4096)
        opt.add(bytes([i % 15]) + text.encode(), limit=4096)

    for t in (blob, manifest, config, parse, imp, compress, export, opt):
        print("%-40s %4d files %7d bytes" % (
            os.path.relpath(t.dir, ROOT), len(os.listdir(t.dir)), t.total))


if __name__ == "__main__":
    main()
