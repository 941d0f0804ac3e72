"""Calibration by the interpreter on fixtures/torch classifiers.

For each model: two samples (the fixture's inputs, and the same scaled by
-0.5 under another key, which a single-input model takes whatever its name);
`mil-compress --quantize-activations --calibration-data ... --quantize`
(W8A8) dumps the ranges and reports the output SNR on the samples. The
ranges must equal the min/max over both samples of the intermediates that
`mil-run --dump-intermediates` writes (every float tensor, exactly), and the
W8A8 output SNR against the float model must be at least MIN_SNR dB.

Usage: calibration-fixtures.py FIXTURES OUTDIR MODEL...
(run with /usr/bin/python3: it needs numpy).
"""

import json
import os
import subprocess
import sys

import numpy as np

MIN_SNR = 20.0


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"FAIL {' '.join(cmd)}:\n{r.stdout}{r.stderr}")


def check(fixtures, out, model):
    src = os.path.join(fixtures, "torch", model)
    package = os.path.join(src, "model.mlpackage")
    first = dict(np.load(os.path.join(src, "inputs.npz")))
    second = {k: (v * -0.5).astype(v.dtype) if v.dtype.kind == "f" else v
              for k, v in first.items()}
    if len(second) == 1:
        second = {"sample": next(iter(second.values()))}
    samples = [os.path.join(out, f"{model}-s{i}.npz") for i in (1, 2)]
    np.savez(samples[0], **first)
    np.savez(samples[1], **second)

    stats_path = os.path.join(out, f"{model}-stats.json")
    report = os.path.join(out, f"{model}-report.json")
    cmd = ["mil-compress", package, "--dry-run", "--quiet",
           "--quantize-activations", "--quantize", "--weight-threshold", "0",
           "--dump-activation-stats", stats_path, "--report-json", report]
    for s in samples:
        cmd += ["--calibration-data", s]
    run(cmd)

    expected = {}
    for i, s in enumerate(samples):
        dump = os.path.join(out, f"{model}-i{i}.npz")
        run(["mil-run", package, "--inputs", s, "--dump-intermediates", dump,
             "--quiet"])
        for name, value in np.load(dump).items():
            if value.dtype.kind != "f":
                continue
            finite = value[np.isfinite(value)].astype(np.float64)
            if finite.size == 0:
                continue
            lo, hi = finite.min(), finite.max()
            if name in expected:
                lo = min(lo, expected[name][0])
                hi = max(hi, expected[name][1])
            expected[name] = (lo, hi)

    stats = json.load(open(stats_path))
    ok = True
    if set(stats) != set(expected):
        ok = False
        print(f"FAIL {model}: tensors only in the stats: "
              f"{sorted(set(stats) - set(expected))[:5]}, only in the "
              f"intermediates: {sorted(set(expected) - set(stats))[:5]}")
    for name in sorted(set(stats) & set(expected)):
        got = (stats[name]["rmin"], stats[name]["rmax"])
        if got != expected[name]:
            ok = False
            print(f"FAIL {model}: {name} has {got}, the intermediates "
                  f"{expected[name]}")
    outputs = json.load(open(report))["outputs"]
    snr = min(o["snr_db"] for o in outputs)
    if snr < MIN_SNR:
        ok = False
        print(f"FAIL {model}: W8A8 output SNR {snr:.2f} dB < {MIN_SNR} dB")
    if ok:
        print(f"OK {model}: {len(stats)} ranges equal the intermediates' "
              f"min/max; W8A8 SNR >= {MIN_SNR:g} dB")
    return ok


def main():
    fixtures, out, models = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    results = [check(fixtures, out, m) for m in models]
    print(f"calibration fixtures: {sum(results)} ok, "
          f"{len(results) - sum(results)} failed")


if __name__ == "__main__":
    main()
