"""Checks a --mixed-bit result against single bit widths.

usage: check-mixed-bit.py TARGET_DB MIXED_DIR UNIFORM_DIR...
Each directory holds report.json (mil-compress --report-json with --eval)
and model.mlpackage. The mixed model must meet the target on the eval
inputs, report the PSNR its selection measured, and be no larger
(weight files) than the smallest single width that meets the target.
"""
import json
import os
import sys


def load(directory):
    report = json.load(open(os.path.join(directory, "report.json")))
    psnr = min(o["psnr_db"] if o["psnr_db"] is not None else float("inf")
               for o in report["outputs"])
    # weight.bin, or a pipeline's weight file per program.
    weights = os.path.join(directory, "model.mlpackage", "Data",
                           "com.apple.CoreML", "weights")
    size = sum(os.path.getsize(os.path.join(weights, f))
               for f in os.listdir(weights))
    return report, psnr, size


target = float(sys.argv[1])
mixed, mixed_psnr, mixed_size = load(sys.argv[2])
selected = mixed["mixed_bit"]["psnr_db"]
print("mixed: psnr %.3f dB (selection measured %.3f), weight.bin %d bytes"
      % (mixed_psnr, selected, mixed_size))
ok = mixed_psnr >= target and abs(selected - mixed_psnr) < 1e-6
best = None
for directory in sys.argv[3:]:
    _, psnr, size = load(directory)
    print("%s: psnr %.3f dB, weight.bin %d bytes" % (directory, psnr, size))
    if psnr >= target and (best is None or size < best):
        best = size
if best is not None and mixed_size > best:
    ok = False
print("best single width meeting the target:", best)
sys.exit(0 if ok else 1)
