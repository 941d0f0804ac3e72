#!/usr/bin/env python3
"""Turns a fuzz-model-import input into the .mlpackage the fuzzer imported.

  fuzz/unpack-model-input.py INPUT OUT.mlpackage

The input is [u32 LE n][n bytes: model.mlmodel][rest: weights/weight.bin];
shorter than 4 bytes, or an n past the end, means all model and no weight
file (as in fuzz-model-import.cpp). Regression tests under test/Fuzz use
this to replay findings with mil-translate.
"""

import json
import os
import shutil
import struct
import sys

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


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, "rb") as f:
        data = f.read()
    model, weights = data, None
    if len(data) >= 4:
        (n,) = struct.unpack("<I", data[:4])
        if n <= len(data) - 4:
            model, weights = data[4:4 + n], data[4 + n:]
    shutil.rmtree(out, ignore_errors=True)
    root = os.path.join(out, "Data", "com.apple.CoreML")
    os.makedirs(os.path.join(root, "weights"))
    with open(os.path.join(out, "Manifest.json"), "w") as f:
        json.dump(MANIFEST, f, indent=4, sort_keys=True)
    with open(os.path.join(root, "model.mlmodel"), "wb") as f:
        f.write(model)
    if weights is not None:
        with open(os.path.join(root, "weights", "weight.bin"), "wb") as f:
            f.write(weights)


if __name__ == "__main__":
    main()
