#!/usr/bin/env python3
"""Writes a pipeline .mlpackage as coremltools' make_pipeline lays it out.

  pipeline-package.py OUT.mlpackage KIND [SECOND]

KIND is pipeline, pipelineClassifier or pipelineRegressor. The pipeline
holds two sub-models: "detector", an ML program (x -> linear -> y, its
weights in @model_path/weights/0-weight.bin as make_pipeline renames them),
and by default "nms", a NeuralNetwork (y -> identity -> z). The schema of
mil-mlir declares no NeuralNetwork, so its payload is written by hand here;
a reader must carry it unchanged. The pipeline has its own description and
metadata. SECOND "program" makes the second sub-model "head", an ML program
too (y -> linear -> relu -> z, its weights w2 and b2 in 1-weight.bin);
"program-same-names" names head's weights w and b, as detector's.
"""

import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "malformed"))
import gen  # noqa: E402  (the protobuf and weight-file builders)

N = 64
WEIGHT_FILE = "@model_path/weights/0-weight.bin"
HEAD_WEIGHT_FILE = "@model_path/weights/1-weight.bin"


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, payload):
    """A length-delimited field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def array(name, dims):
    shape = " ".join("shape: %d" % d for d in dims)
    return ('{ name: "%s" type { multiArrayType { %s dataType: FLOAT32 } } }'
            % (name, shape))


def blob(name, dims, offset, weight_file=None):
    vt = gen.tensor_type("FLOAT32", dims)
    return gen.const(name, vt, 'blobFileValue { fileName: "%s" offset: %d }' %
                     (weight_file or WEIGHT_FILE, offset))


def program_model():
    f32 = gen.tensor_type("FLOAT32", [1, N])
    body = (blob("w", [N, N], 64) + blob("b", [N], 64 + 64 + 4 * N * N) +
            gen.op("linear", "y", [("x", ["x"]), ("weight", ["w"]),
                                   ("bias", ["b"])], [("y", f32)]))
    fn = gen.function(body, ("y",), inputs=(("x", f32),))
    return gen.encode(
        "specificationVersion: 8 description { input %s output %s } "
        "mlProgram { version: 1 %s }" % (array("x", [1, N]),
                                          array("y", [1, N]), fn))


def head_model(w, b):
    """y -> linear(w, b) -> h -> relu -> z, weights in 1-weight.bin."""
    f32 = gen.tensor_type("FLOAT32", [1, N])
    body = (blob(w, [N, N], 64, HEAD_WEIGHT_FILE) +
            blob(b, [N], 64 + 64 + 4 * N * N, HEAD_WEIGHT_FILE) +
            gen.op("linear", "h", [("x", ["y"]), ("weight", [w]),
                                   ("bias", [b])], [("h", f32)]) +
            gen.op("relu", "z", [("x", ["h"])], [("z", f32)]))
    fn = gen.function(body, ("z",), inputs=(("y", f32),))
    return gen.encode(
        "specificationVersion: 8 description { input %s output %s } "
        "mlProgram { version: 1 %s }" % (array("y", [1, N]),
                                          array("z", [1, N]), fn))


def network_model():
    described = gen.encode(
        "specificationVersion: 4 description { input %s output %s }" %
        (array("y", [1, N]), array("z", [1, N])))
    # NeuralNetwork (field 500) { layers { name input output activation {
    # linear { alpha: 1 } } } }
    linear = field(10, b"\x0d" + struct.pack("<f", 1.0))
    layer = (field(1, b"identity") + field(2, b"y") + field(3, b"z") +
             field(130, linear))
    return described + field(500, field(1, layer))


def weights(head=False):
    w = [((i * 7) % 23 - 11) / 16.0 for i in range(N * N)]
    b = [(i % 5 - 2) / 8.0 for i in range(N)]
    if head:  # many distinct values: every width loses something
        w = [math.sin(i * 0.37) / 8.0 for i in range(N * N)]
        b = [math.cos(i * 0.5) / 4.0 for i in range(N)]
    w_bytes = struct.pack("<%df" % len(w), *w)
    b_bytes = struct.pack("<%df" % len(b), *b)
    w_offset = 128
    b_offset = 64 + 64 + len(w_bytes) + 64
    return gen.weight_file([
        (gen.blob_record(gen.FP32, len(w_bytes), w_offset), w_bytes),
        (gen.blob_record(gen.FP32, len(b_bytes), b_offset), b_bytes),
    ])


def main():
    out, kind = sys.argv[1], sys.argv[2]
    second = sys.argv[3] if len(sys.argv) > 3 else "nn"
    number = {"pipeline": 202, "pipelineClassifier": 200,
              "pipelineRegressor": 201}[kind]
    top = gen.encode(
        'specificationVersion: 8 description { input %s output %s '
        'metadata { author: "mil-mlir" shortDescription: "a detector and '
        'its post-processing" userDefined { key: "kind" value: "%s" } } }' %
        (array("x", [1, N]), array("z", [1, N]), kind))
    if second == "nn":
        pipeline = (field(1, program_model()) + field(1, network_model()) +
                    field(2, b"detector") + field(2, b"nms"))
    else:
        names = ("w", "b") if second == "program-same-names" else ("w2", "b2")
        pipeline = (field(1, program_model()) + field(1, head_model(*names)) +
                    field(2, b"detector") + field(2, b"head"))
    if kind != "pipeline":
        pipeline = field(1, pipeline)  # PipelineClassifier/Regressor.pipeline
    data = os.path.join(out, "Data", "com.apple.CoreML")
    os.makedirs(os.path.join(data, "weights"))
    with open(os.path.join(out, "Manifest.json"), "w") as f:
        json.dump(gen.MANIFEST, f, indent=4, sort_keys=True)
    with open(os.path.join(data, "model.mlmodel"), "wb") as f:
        f.write(top + field(number, pipeline))
    with open(os.path.join(data, "weights", "0-weight.bin"), "wb") as f:
        f.write(weights())
    if second != "nn":
        with open(os.path.join(data, "weights", "1-weight.bin"), "wb") as f:
            f.write(weights(head=True))


if __name__ == "__main__":
    main()
