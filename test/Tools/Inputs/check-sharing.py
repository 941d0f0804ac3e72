#!/usr/bin/env python3
"""Compares the weight.bin of a package whose functions share their weights
with the one of the same program whose functions have copies of their own.

Usage: check-sharing.py SHARED.mlpackage UNSHARED.mlpackage

Prints the blob counts and sizes; "OK" when the shared file holds half the
blobs and half the bytes (beyond the 64-byte file header) of the unshared,
up to the alignment of the blob that ends the first half of the unshared.
"""
import os
import struct
import sys

HEADER = 64


def weights(package):
    path = os.path.join(package, "Data", "com.apple.CoreML", "weights",
                        "weight.bin")
    with open(path, "rb") as f:
        data = f.read()
    return struct.unpack_from("<I", data, 0)[0], len(data)


def main():
    (shared_count, shared_size) = weights(sys.argv[1])
    (unshared_count, unshared_size) = weights(sys.argv[2])
    print(f"shared: {shared_count} blobs, {shared_size} bytes")
    print(f"unshared: {unshared_count} blobs, {unshared_size} bytes")
    padding = (unshared_size - HEADER) - 2 * (shared_size - HEADER)
    ok = 2 * shared_count == unshared_count and 0 <= padding < 64
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
