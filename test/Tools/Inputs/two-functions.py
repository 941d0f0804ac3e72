#!/usr/bin/env python3
"""Writes a two-function MIL program (MLIR) whose functions use the same
weights, for the weight-sharing tests of mil-compress.

Usage: two-functions.py shared|unshared OUT.mlir

`shared`: both functions use the same dense_resource handles (export writes
one blob per weight, as a merged multifunction package has). `unshared`: the
second function has copies of the weights under handles of its own (one blob
per function), the output of compressing functions one by one.
"""
import random
import struct
import sys

# (name, rows, cols): fc1 64 -> 96, fc2 96 -> 32.
WEIGHTS = [("fc1_weight", 96, 64), ("fc2_weight", 32, 96)]


def blob(rows, cols, rng):
    data = struct.pack("<%de" % (rows * cols),
                       *(rng.gauss(0.0, 0.02) for _ in range(rows * cols)))
    return "0x02000000" + data.hex().upper()


def function(name, suffix):
    # Weights keep their names; the other ops are named per function, so
    # that a config can tell the functions' consumers apart.
    w1, w2 = (w[0] + suffix for w in WEIGHTS)
    p = "" if name == "main" else name + "_"
    return f"""  mil.function @{name}(%x: tensor<1x64xf16>) -> tensor<1x32xf16> attributes {{opset = "CoreML8", input_names = ["x"]}} {{
    %w1 = mil.const dense_resource<{w1}> : tensor<96x64xf16> {{name = "fc1_weight"}}
    %h = mil.linear x(%x) weight(%w1) {{name = "{p}fc1"}} : (tensor<1x64xf16>, tensor<96x64xf16>) -> tensor<1x96xf16>
    %r = mil.relu x(%h) {{name = "{p}relu"}} : (tensor<1x96xf16>) -> tensor<1x96xf16>
    %w2 = mil.const dense_resource<{w2}> : tensor<32x96xf16> {{name = "fc2_weight"}}
    %y = mil.linear x(%r) weight(%w2) {{name = "{p}fc2"}} : (tensor<1x96xf16>, tensor<32x96xf16>) -> tensor<1x32xf16>
    mil.return %y : tensor<1x32xf16>
  }}
"""


def main():
    mode, out = sys.argv[1], sys.argv[2]
    rng = random.Random(0)
    blobs = {name: blob(r, c, rng) for name, r, c in WEIGHTS}
    second = "" if mode == "shared" else "_alt"
    text = 'module attributes {mil.default_function = "main"} {\n'
    text += function("main", "") + function("alt", second) + "}\n"
    text += "{-#\n  dialect_resources: {\n    builtin: {\n"
    entries = [f"      {name}: \"{hex}\"" for name, hex in blobs.items()]
    if second:
        entries += [f"      {name}{second}: \"{hex}\"" for name, hex in blobs.items()]
    text += ",\n".join(entries) + "\n    }\n  }\n#-}\n"
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
