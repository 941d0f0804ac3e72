#!/usr/bin/env python3
"""Fixture parity of activation quantization (W8A8) with coremltools.

For every case of fixtures/actq: mil-compress --quantize-activations with the
case's raw statistics (before concat unification, which the pass redoes) and
config must give coremltools' expected.mlpackage (protobuf-equal program,
identical weight.bin); with the weight step (--config weight_config.json)
also expected_w8a8.mlpackage. Where coremltools refused (ERROR.txt), our
output must be a valid program (it imports and verifies) that mil-run runs
on random inputs to finite outputs.

Usage: actq-fixtures.py FIXTURES_DIR WORK_DIR
Prints one line per case and variant (OK / FAIL) and a summary.
"""
import glob
import os
import shutil
import subprocess
import sys


# Known differences, each with its reason; one that starts to match is
# reported (XPASS) so that the list stays true.
KNOWN = {}


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def main():
    fixtures = os.path.join(sys.argv[1], "actq")
    work = sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    counts = {"OK": 0, "FAIL": 0, "KNOWN": 0}

    def report(ok, line):
        counts["OK" if ok else "FAIL"] += 1
        print(("OK " if ok else "FAIL ") + line)

    for case in sorted(glob.glob(os.path.join(fixtures, "*", "config.json"))):
        case = os.path.dirname(case)
        name = os.path.basename(case)
        refused = os.path.exists(os.path.join(case, "ERROR.txt"))
        variants = [("", "expected.mlpackage", [])]
        w8a8 = os.path.join(case, "expected_w8a8.mlpackage")
        if os.path.exists(w8a8) or refused:
            variants.append(("-w8a8", "expected_w8a8.mlpackage",
                             ["--config", os.path.join(case, "weight_config.json")]))
        for suffix, expected, extra in variants:
            out = os.path.join(work, name + suffix + ".mlpackage")
            r = run(["mil-compress", os.path.join(case, "input.mlpackage"),
                     "-o", out, "--quantize-activations",
                     "--activation-stats", os.path.join(case, "stats_raw.json"),
                     "--activation-config", os.path.join(case, "config.json")]
                    + extra)
            if r.returncode != 0:
                report(False, f"{name}{suffix}: mil-compress failed: {r.stderr[:400]}")
                continue
            if refused:
                # coremltools refuses; ours must be a program that verifies
                # and that the interpreter runs to finite outputs.
                r = run(["mil-translate", "--import-mlpackage", out, "-o",
                         os.devnull])
                if r.returncode != 0:
                    report(False, f"{name}{suffix}: invalid program: "
                                  f"{r.stderr[:400]}")
                    continue
                r = run(["mil-run", out, "--random-inputs", "--seed", "1"])
                finite = not any(w in r.stdout for w in ("nan", "inf"))
                report(r.returncode == 0 and finite,
                       f"{name}{suffix}: valid program, mil-run runs it "
                       "(coremltools refuses)"
                       if r.returncode == 0 and finite else
                       f"{name}{suffix}: mil-run failed: "
                       f"{(r.stderr or r.stdout)[:400]}")
                continue
            r = run(["mil-compare-models", os.path.join(case, expected), out])
            with open(os.path.join(work, name + suffix + ".diff"), "w") as f:
                f.write(r.stdout + r.stderr)
            known = KNOWN.get(name + suffix)
            if known and r.returncode != 0:
                counts["KNOWN"] += 1
                print(f"KNOWN {name}{suffix}: {known}")
                continue
            if known:
                report(False, f"{name}{suffix}: XPASS, remove it from KNOWN")
                continue
            report(r.returncode == 0,
                   f"{name}{suffix}: identical" if r.returncode == 0 else
                   f"{name}{suffix}: {' | '.join(r.stdout.splitlines()[:6])[:500]}")
    print(f"actq fixtures: {counts['OK']} ok, {counts['FAIL']} failed, "
          f"{counts['KNOWN']} known differences")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
