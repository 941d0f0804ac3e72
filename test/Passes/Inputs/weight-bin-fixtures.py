#!/usr/bin/env python3
"""weight.bin parity with coremltools, blob for blob.

For each deterministic single-step compression fixture of coremltools named
on the command line: run mil-compress with the sidecar's config on its input
package and compare our weight.bin with coremltools' byte for byte. On a
difference, name the first blob that differs (its metadata offset).

Usage: weight-bin-fixtures.py FIXTURES_DIR WORK_DIR NAME...
"""
import json
import os
import shutil
import struct
import subprocess
import sys

WEIGHTS = os.path.join("Data", "com.apple.CoreML", "weights", "weight.bin")


def blobs(data):
    """(metadata offset, record + data bytes) of every blob."""
    out = []
    offset = 64
    for _ in range(struct.unpack_from("<I", data, 0)[0]):
        size, start = struct.unpack_from("<QQ", data, offset + 8)
        out.append((offset, data[offset:start + size]))
        offset = (start + size + 63) // 64 * 64
    return out


def main():
    fixtures = os.path.join(sys.argv[1], "coremltools")
    work = sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for name in sys.argv[3:]:
        with open(os.path.join(fixtures, name + ".json")) as f:
            meta = json.load(f)
        (step,) = meta["steps"]
        config = os.path.join(work, name + ".json")
        with open(config, "w") as f:
            json.dump(step["config"], f)
        ours = os.path.join(work, name + ".mlpackage")
        r = subprocess.run(["mil-compress", os.path.join(fixtures, meta["input"]),
                            "-o", ours, "--config", config, "--quiet"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL %s: %s" % (name, r.stderr.strip()))
            continue
        with open(os.path.join(ours, WEIGHTS), "rb") as f:
            mine = f.read()
        with open(os.path.join(fixtures, meta["file"], WEIGHTS), "rb") as f:
            theirs = f.read()
        if mine == theirs:
            print("OK %s: weight.bin identical (%d blobs)" %
                  (name, len(blobs(theirs))))
            continue
        a, b = blobs(mine), blobs(theirs)
        where = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y),
                     min(len(a), len(b)))
        print("FAIL %s: %d blobs against coremltools' %d; blob #%d differs" %
              (name, len(a), len(b), where))


if __name__ == "__main__":
    main()
