#!/usr/bin/env python3
"""Inputs and expected outputs of pipeline-package.py's two-program pipeline.

  pipeline-reference.py IN.npz EXPECTED.npz

x is a fixed [1, 64] float32 array; z = relu((x W^T + b) W2^T + b2), with
the weights pipeline-package.py writes, computed in float64: what running
"detector" then "head", feeding y by name, must give.
"""

import importlib.util
import io
import math
import os
import struct
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "pipeline_package",
    os.path.join(HERE, "..", "..", "Translate", "Inputs",
                 "pipeline-package.py"))
package = importlib.util.module_from_spec(spec)
spec.loader.exec_module(package)
N = package.N


def floats(blob, offset, count):
    return list(struct.unpack_from("<%df" % count, blob, offset))


def weights(head):
    """(W row-major, b) read back from the weight file."""
    blob = package.weights(head=head)
    w = floats(blob, 128, N * N)
    b = floats(blob, 128 + 4 * N * N + 64, N)
    return w, b


def linear(x, w, b):
    return [sum(x[j] * w[i * N + j] for j in range(N)) + b[i]
            for i in range(N)]


def npy(values):
    header = ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, %d), }"
              % len(values))
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    return (b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) +
            header.encode() + struct.pack("<%df" % len(values), *values))


def write_npz(path, name, values):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(name + ".npy", npy(values))


def main():
    x = [math.sin(i * 0.9) for i in range(N)]
    y = linear(x, *weights(False))
    z = [max(0.0, v) for v in linear(y, *weights(True))]
    write_npz(sys.argv[1], "x", x)
    write_npz(sys.argv[2], "z", z)


if __name__ == "__main__":
    main()
