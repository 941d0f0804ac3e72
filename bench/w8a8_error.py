#!/usr/bin/python3
"""Where does a W8A8 (activation-quantized) program lose accuracy?

Compares `mil-run --dump-intermediates` of the float program and of the
quantized one, tensor by tensor in program order:
  acc   SNR (dB) of the quantized program's tensor against the float one
        (the error accumulated up to there);
  own   SNR of quantizing the *float* tensor alone with the scale the
        rewrite chose (int8 symmetric, round half to even, clip to
        [-128, 127]): the noise this quantization point adds by itself;
  absmax/rms  of the float tensor (a large ratio = outliers stretch the
        range).

usage: w8a8_error.py FLOAT.npz QUANT.npz QUANT.mlir STATS.json [--all]
  (--all also lists the ops between the quantization points)

  F=shared/fixtures/torch/vit_tiny
  mil-compress $F/model.mlpackage -o q.mlpackage --quantize-activations \
      --calibration-data $F/inputs.npz --dump-activation-stats stats.json
  mil-run $F/model.mlpackage --inputs $F/inputs.npz --dump-intermediates f.npz
  mil-run q.mlpackage --inputs $F/inputs.npz --dump-intermediates q.npz
  mil-translate --import-mlpackage q.mlpackage > q.mlir
  bench/w8a8_error.py f.npz q.npz q.mlir stats.json --all

A rescaled add (distributive_quantized_binary_op_scale_normalization) holds
its float value times a constant; its `acc` is measured up to that factor.
"""
import json
import re
import sys

import numpy as np


def snr(ref, x):
    ref = ref.astype(np.float64).ravel()
    x = x.astype(np.float64).ravel()
    noise = np.sum((ref - x) ** 2)
    sig = np.sum(ref ** 2)
    if noise == 0:
        return float("inf")
    return 10 * np.log10(sig / noise) if sig > 0 else float("-inf")


def main():
    fl = np.load(sys.argv[1])
    qu = np.load(sys.argv[2])
    text = open(sys.argv[3]).read()
    stats = json.load(open(sys.argv[4]))
    show_all = "--all" in sys.argv
    op_re = re.compile(r'%(\S+) = mil\.(\w+) (.*)\{name = "([^"]+)"')
    scale_re = re.compile(r'%(\S+) = mil\.const .*dense<([^>]+)>')
    scales = {}
    for m in scale_re.finditer(text):
        try:
            scales[m.group(1)] = float(m.group(2))
        except ValueError:
            pass
    # quantize op -> (input tensor, scale)
    rows = []
    for line in text.splitlines():
        m = op_re.search(line)
        if not m:
            continue
        res, op, rest, name = m.groups()
        if op == "const":
            continue
        if op == "quantize":
            inp = re.search(r"input\(%([^)]+)\)", rest).group(1)
            sc = re.search(r"scale\(%([^)]+)\)", rest).group(1)
            rows.append(("Q", inp, scales.get(sc)))
        elif op not in ("dequantize",):
            rows.append(("op", name, op))
    worst = []
    for kind, a, b in rows:
        if kind == "op":
            if a in fl.files and a in qu.files and fl[a].dtype.kind == "f":
                f = fl[a]
                line = "  %-40s %-14s acc %7.2f dB" % (a, b, snr(f, qu[a]))
                if show_all:
                    print(line)
            continue
        name, scale = a, b
        if name not in fl.files or scale is None:
            print("  Q %s: no float value/scale" % name)
            continue
        f = fl[name].astype(np.float64)
        rng = stats.get(name)
        if rng is not None:
            # the calibrated scale; a rescaled add
            # (distributive_quantized_binary_op_scale_normalization) carries
            # another one with its tensor scaled to match
            scale = max(abs(rng["rmin"]), abs(rng["rmax"])) * 2 / 254
        q = np.clip(np.round(f / scale), -128, 127) * scale
        own = snr(f, q)
        acc = snr(f, qu[name]) if name in qu.files else float("nan")
        if name in qu.files and acc < 0:
            # a rescaled add: compare up to the factor
            g = qu[name].astype(np.float64)
            acc = snr(f, g * (np.sum(f * g) / np.sum(g * g)))
        rms = np.sqrt(np.mean(f ** 2))
        am = np.max(np.abs(f))
        rng = stats.get(name, {})
        print("Q %-40s own %6.2f acc %6.2f absmax/rms %7.1f scale %.3g "
              "range [%.3g, %.3g] float [%.3g, %.3g]" %
              (name, own, acc, am / max(rms, 1e-30), scale,
               rng.get("rmin", np.nan), rng.get("rmax", np.nan),
               f.min(), f.max()))
        worst.append((own, name))
    worst.sort()
    print("lowest own SNR:", ", ".join("%s %.1f" % (n, s) for s, n in worst[:8]))


if __name__ == "__main__":
    main()
