#!/usr/bin/env python3
"""Writes the malformed-input corpus of test/Translate/malformed-*.test.

Each case is one small file (a .mlmodel) or package directory (.mlpackage),
built from protobuf text format with `protoc --encode` and, for weight
files, with struct. Run from anywhere; it rewrites this directory's cases:

  python3 test/Translate/malformed/gen.py
"""

import json
import os
import shutil
import struct
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_DIR = os.path.join(HERE, "..", "..", "..", "lib", "Format", "proto")

# --- protobuf text-format builders -----------------------------------------


def dims_text(dims):
    out = []
    for d in dims:
        if d is None:
            out.append("dimensions { unknown {} }")
        else:
            out.append("dimensions { constant { size: %d } }" % d)
    return " ".join(out)


def tensor_type(dtype, dims, rank=None):
    rank = len(dims) if rank is None else rank
    return "tensorType { dataType: %s rank: %d %s }" % (dtype, rank,
                                                        dims_text(dims))


def string_value(s):
    return ('{ type { tensorType { dataType: STRING } } immediateValue { '
            'tensor { strings { values: "%s" } } } }' % s)


def const(name, vtype, value, extra_attrs=""):
    """A const op: `value` is the text of the Value's oneof part."""
    return ('operations { type: "const" outputs { name: "%s" type { %s } } '
            'attributes { key: "name" value %s } '
            'attributes { key: "val" value { type { %s } %s } } %s }' %
            (name, vtype, string_value(name), vtype, value, extra_attrs))


def op(optype, name, inputs, outputs, extra=""):
    """inputs: [(input name, [bound var names])]; outputs: [(name, type)]."""
    ins = "".join(
        'inputs { key: "%s" value { %s } } ' %
        (k, "".join('arguments { name: "%s" } ' % v for v in vs))
        for k, vs in inputs)
    outs = "".join('outputs { name: "%s" type { %s } } ' % (n, t)
                   for n, t in outputs)
    return ('operations { type: "%s" %s %s attributes { key: "name" value %s '
            '} %s }' % (optype, ins, outs, string_value(name), extra))


def function(body, outputs, inputs=(("x", tensor_type("FLOAT32", [1, 4])),),
             opset="CoreML7", name="main", extra=""):
    ins = "".join('inputs { name: "%s" type { %s } } ' % (n, t)
                  for n, t in inputs)
    outs = "".join('outputs: "%s" ' % o for o in outputs)
    return ('functions { key: "%s" value { %s opset: "%s" '
            'block_specializations { key: "%s" value { %s %s } } %s } }' %
            (name, ins, opset, opset, outs, body, extra))


def model(functions, version=1, spec=8):
    return "specificationVersion: %d mlProgram { version: %d %s }" % (
        spec, version, functions)


F32_14 = tensor_type("FLOAT32", [1, 4])
RELU = op("relu", "r", [("x", ["x"])], [("r", F32_14)])


def good_function(body=RELU, outputs=("r",), **kw):
    return function(body, outputs, **kw)


def encode(text):
    return subprocess.run(
        ["protoc", "--encode=CoreML.Specification.Model", "-I", PROTO_DIR,
         "Model.proto"], input=text.encode(), stdout=subprocess.PIPE,
        check=True).stdout


# --- weight files -----------------------------------------------------------

FP16 = 1


FP32 = 2
UINT4 = 11
# What earlier writers left in fields Core ML does not read.
STALE = bytes(range(0xA0, 0xE0))


def blob_record(dtype, size, offset, padding=0, sentinel=0xDEADBEEF,
                reserved=b""):
    return (struct.pack("<IIQQQ", sentinel, dtype, size, offset, padding) +
            reserved[:32]).ljust(64, b"\0")


def weight_file(records, count=None, version=2, reserved=b""):
    """records: [(metadata bytes, data bytes)], laid out 64-aligned."""
    out = bytearray((struct.pack("<II", len(records) if count is None else
                                 count, version) + reserved[:56]).ljust(
                                     64, b"\0"))
    for meta, data in records:
        out += meta + data
        out += b"\0" * (-len(out) % 64)
    return bytes(out)


def fp16_blob(n, **kw):
    """One fp16 blob of n elements at offset 64 (data at 128)."""
    args = dict(dtype=FP16, size=2 * n, offset=128)
    args.update(kw)
    return weight_file([(blob_record(**args), b"\0" * (2 * n))])


MANIFEST = {
    "fileFormatVersion": "1.0.0",
    "itemInfoEntries": {
        "A": {"author": "com.apple.CoreML", "description": "m",
              "name": "model.mlmodel",
              "path": "com.apple.CoreML/model.mlmodel"},
        "B": {"author": "com.apple.CoreML", "description": "w",
              "name": "weights", "path": "com.apple.CoreML/weights"},
    },
    "rootModelIdentifier": "A",
}


def blob_const(dims=(8,), dtype="FLOAT16", offset=64,
               filename="@model_path/weights/weight.bin"):
    vt = tensor_type(dtype, list(dims))
    body = const("w", vt, 'blobFileValue { fileName: "%s" offset: %d }' %
                 (filename, offset))
    return model(good_function(body=body, outputs=("w",)))


# --- writing ----------------------------------------------------------------


def write_model(name, text):
    with open(os.path.join(HERE, name + ".mlmodel"), "wb") as f:
        f.write(encode(text))


def write_package(name, text=None, weights=None, manifest=MANIFEST,
                  raw_model=None):
    pkg = os.path.join(HERE, name + ".mlpackage")
    shutil.rmtree(pkg, ignore_errors=True)
    data = os.path.join(pkg, "Data", "com.apple.CoreML")
    os.makedirs(os.path.join(data, "weights"))
    with open(os.path.join(pkg, "Manifest.json"), "w") as f:
        if isinstance(manifest, str):
            f.write(manifest)
        else:
            json.dump(manifest, f, indent=4, sort_keys=True)
    with open(os.path.join(data, "model.mlmodel"), "wb") as f:
        f.write(raw_model if raw_model is not None else encode(
            text if text is not None else blob_const()))
    if weights is not None:
        with open(os.path.join(data, "weights", "weight.bin"), "wb") as f:
            f.write(weights)


def main():
    for entry in os.listdir(HERE):
        path = os.path.join(HERE, entry)
        if entry.endswith(".mlpackage"):
            shutil.rmtree(path)
        elif entry.endswith(".mlmodel"):
            os.remove(path)

    # Protobuf and program structure.
    with open(os.path.join(HERE, "empty.mlmodel"), "wb"):
        pass
    full = encode(model(good_function()))
    with open(os.path.join(HERE, "truncated.mlmodel"), "wb") as f:
        f.write(full[:len(full) // 2])
    write_model("version-zero", model(good_function(), version=0))
    write_model("no-functions", model(""))
    write_model("dangling-input", model(good_function(
        body=op("relu", "r", [("x", ["nowhere"])], [("r", F32_14)]))))
    write_model("self-reference", model(good_function(
        body=op("relu", "r", [("x", ["r"])], [("r", F32_14)]))))
    write_model("cyclic", model(good_function(
        body=op("relu", "a", [("x", ["b"])], [("a", F32_14)]) +
        op("relu", "b", [("x", ["a"])], [("b", F32_14)]),
        outputs=("b",))))
    write_model("dangling-output", model(good_function(outputs=("gone",))))
    write_model("duplicate-output", model(good_function(
        body=RELU + op("relu", "r", [("x", ["x"])], [("r", F32_14)]))))
    write_model("duplicate-input", model(good_function(
        inputs=(("x", F32_14), ("x", F32_14)))))
    write_model("input-shadowed", model(good_function(
        body=op("relu", "x", [("x", ["x"])], [("x", F32_14)]),
        outputs=("x",))))
    write_model("missing-input", model(good_function(
        body=op("add", "r", [("x", ["x"])], [("r", F32_14)]))))
    write_model("extra-input", model(good_function(
        body=op("relu", "r", [("x", ["x"]), ("z", ["x"])],
                [("r", F32_14)]))))
    write_model("two-values-for-one", model(good_function(
        body=op("relu", "r", [("x", ["x", "x"])], [("r", F32_14)]))))
    write_model("too-many-outputs", model(good_function(
        body=op("relu", "r", [("x", ["x"])], [("r", F32_14),
                                               ("r2", F32_14)]))))
    write_model("wrong-dtype-output", model(good_function(
        body=op("relu", "r", [("x", ["x"])],
                [("r", tensor_type("INT32", [1, 4]))]))))
    write_model("unknown-opset", model(good_function(opset="CoreML99")))
    write_model("unknown-op-unknown-opset", model(good_function(
        body=op("frobnicate", "r", [("x", ["x"])], [("r", F32_14)]),
        opset="iOS99")))
    write_model("no-block-for-opset", model(
        'functions { key: "main" value { opset: "CoreML7" '
        'block_specializations { key: "CoreML6" value { } } } }'))
    write_model("two-specializations", model(
        'functions { key: "main" value { opset: "CoreML7" '
        'block_specializations { key: "CoreML7" value { } } '
        'block_specializations { key: "CoreML6" value { } } } }'))
    write_model("name-not-string", model(good_function(
        body='operations { type: "relu" inputs { key: "x" value { '
        'arguments { name: "x" } } } outputs { name: "r" type { %s } } '
        'attributes { key: "name" value { type { tensorType { dataType: '
        'INT32 } } immediateValue { tensor { ints { values: 1 } } } } } }' %
        F32_14)))
    write_model("const-without-val", model(good_function(
        body='operations { type: "const" outputs { name: "c" type { %s } } '
        'attributes { key: "name" value %s } }' % (F32_14, string_value("c")),
        outputs=("c",))))
    write_model("empty-binding", model(good_function(
        body='operations { type: "relu" inputs { key: "x" value { '
        'arguments { } } } outputs { name: "r" type { %s } } }' % F32_14)))

    # Types and immediate values.
    write_model("count-mismatch", model(good_function(
        body=const("c", F32_14, "immediateValue { tensor { floats { "
                   "values: 1 values: 2 values: 3 } } }"), outputs=("c",))))
    write_model("encoding-mismatch", model(good_function(
        body=const("c", tensor_type("INT32", [2]), "immediateValue { tensor "
                   "{ floats { values: 1 values: 2 } } }"), outputs=("c",))))
    write_model("bytes-too-short", model(good_function(
        body=const("c", tensor_type("FLOAT16", [4]), "immediateValue { "
                   "tensor { bytes { values: \"abc\" } } }"),
        outputs=("c",))))
    write_model("bytes-for-strings", model(good_function(
        body=const("c", tensor_type("STRING", [2]), "immediateValue { "
                   "tensor { bytes { values: \"ab\" } } }"),
        outputs=("c",))))
    write_model("rank-mismatch", model(good_function(
        inputs=(("x", tensor_type("FLOAT32", [4], rank=2)),))))
    write_model("negative-rank", model(good_function(
        inputs=(("x", tensor_type("FLOAT32", [], rank=-5)),))))
    write_model("unknown-dtype", model(good_function(
        inputs=(("x", "tensorType { dataType: 99 rank: 1 %s }" %
                 dims_text([4])),))))
    write_model("type-not-set", model(good_function(inputs=(("x", ""),))))
    write_model("variadic-dim", model(good_function(
        inputs=(("x", "tensorType { dataType: FLOAT32 rank: 1 dimensions { "
                 "unknown { variadic: true } } }"),))))
    write_model("huge-dims-immediate", model(good_function(
        body=const("c", tensor_type("FLOAT32", [1 << 40, 1 << 40]),
                   "immediateValue { tensor { floats { values: 1 } } }"),
        outputs=("c",))))
    write_model("negative-dim", model(good_function(
        body=const("c", tensor_type("FLOAT32", [(1 << 64) - 2]),
                   "immediateValue { tensor { floats { values: 1 } } }"),
        outputs=("c",))))
    write_model("docstring-value", model(good_function(
        body=const("c", tensor_type("FLOAT32", [1]), 'docString: "d" '
                   "immediateValue { tensor { floats { values: 1 } } }"),
        outputs=("c",))))

    # Weight files (packages).
    write_package("blob-outside-package", text=blob_const(
        filename="@model_path/../../../etc/passwd"), weights=fp16_blob(8))
    write_package("blob-no-model-path", text=blob_const(
        filename="/etc/passwd"), weights=fp16_blob(8))
    write_package("blob-int64", text=blob_const(dtype="INT64"),
                  weights=fp16_blob(8))
    write_package("blob-dynamic-shape", text=blob_const(dims=(None,)),
                  weights=fp16_blob(8))
    write_package("blob-size-mismatch", weights=fp16_blob(16))
    write_package("blob-huge-dims", text=blob_const(dims=(1 << 62, 1 << 62)),
                  weights=fp16_blob(8))
    # (2^62 + 2) * 4 wraps around to 8 elements: exactly the 16 bytes held.
    write_package("blob-wrapped-dims", text=blob_const(
        dims=((1 << 62) + 2, 4)), weights=fp16_blob(8))
    write_package("weights-version-1", weights=weight_file(
        [(blob_record(FP16, 16, 128), b"\0" * 16)], version=1))
    write_package("weights-zero-size", weights=fp16_blob(8, size=0))
    write_package("weights-huge-size", weights=fp16_blob(
        8, size=0xFFFFFFFFFFFFFFFF))
    write_package("weights-negative-offset", weights=fp16_blob(
        8, offset=0xFFFFFFFFFFFFFFC0))
    write_package("weights-offset-in-header", text=blob_const(offset=0),
                  weights=fp16_blob(8))
    write_package("weights-odd-size", weights=fp16_blob(8, size=15))
    write_package("weights-empty", weights=b"")
    # Sub-byte data is where padding counts: more than 7 bits, or padding
    # that leaves a partial element, would misread the values.
    write_package("weights-subbyte-padding-8", text=blob_const(
        dtype="UINT4"), weights=fp16_blob(8, dtype=UINT4, size=4, padding=8))
    write_package("weights-subbyte-partial", text=blob_const(
        dtype="UINT4"), weights=fp16_blob(8, dtype=UINT4, size=4, padding=3))

    # Accepted although untidy (lenient-weights.test): stale padding and
    # reserved words on byte-sized blobs, as earlier Core ML tools wrote.
    def stale_blob(dtype, size, data):
        return weight_file([(blob_record(dtype, size, 128,
                                         padding=0x5A5A5A5A5A5A5A5A,
                                         reserved=STALE), data)],
                           reserved=STALE)
    write_package("lenient-stale-fp16", text=blob_const(dims=(16,)),
                  weights=stale_blob(FP16, 32, struct.pack(
                      "<16e", *[0.5 * i for i in range(16)])))
    write_package("lenient-stale-fp32", text=blob_const(
        dims=(16,), dtype="FLOAT32"), weights=stale_blob(FP32, 64, struct.pack(
            "<16f", *[1.5 * i for i in range(16)])))
    write_package("lenient-stale-uint4", text=blob_const(
        dims=(16,), dtype="UINT4"), weights=weight_file([(blob_record(
            UINT4, 8, 128, padding=0, reserved=STALE),
            bytes(range(0x10, 0x90, 0x10)))], reserved=STALE))

    # Manifests.
    write_package("manifest-array", manifest="[]", weights=fp16_blob(8))
    write_package("manifest-item-no-path", manifest=json.dumps({
        "fileFormatVersion": "1.0.0",
        "itemInfoEntries": {"A": {"author": "a", "description": "d",
                                  "name": "n"}},
        "rootModelIdentifier": "A"}), weights=fp16_blob(8))
    escape = json.loads(json.dumps(MANIFEST))
    escape["itemInfoEntries"]["A"]["path"] = "../../../../etc/hostname"
    write_package("manifest-root-escapes", manifest=escape,
                  weights=fp16_blob(8))
    unknown_root = dict(MANIFEST, rootModelIdentifier="Z")
    write_package("manifest-unknown-root", manifest=unknown_root,
                  weights=fp16_blob(8))


if __name__ == "__main__":
    main()
