#!/usr/bin/env python3
"""Fixture parity of the compression passes.

For every compression fixture of coremltools (`*_lq_*`, `*_pal_*`,
`*_prune_*`, `*_joint_*`): run our pass(es) with the sidecar's config(s) on
its input package and compare with coremltools' package by
mil-compare-weights: same constexpr ops, types and byte-identical data, or,
for k-means, a reconstruction error no worse than coremltools'. A sidecar
with status "error" must make our pass fail with coremltools' message.

With --ios15, the fixtures of coremltools-ios15/ instead: coremltools'
compression APIs on an iOS15 program, which they raise to iOS16. Each config
runs through mil-compress (which raises the opset as they do); the output
package must equal coremltools' (mil-compare-models: the same Model message
and a byte-identical weight.bin) or, for k-means, have the sidecar's
specification version and opset and an error no worse.

Usage: compress-fixtures.py FIXTURES_DIR WORK_DIR [--ios15]
Prints one line per fixture (OK / FAIL / SKIP) and a summary.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

PASSES = {
    "linear_quantize_weights": "mil-linear-quantize-weights",
    "palettize_weights": "mil-palettize-weights",
    "prune_weights": "mil-prune-weights",
}


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def is_kmeans(steps):
    return any(s["api"] == "palettize_weights" and
               (s["config"].get("global_config") or {}).get("mode", "kmeans") == "kmeans"
               for s in steps)


def main_ios15(fixtures, work):
    counts = {"OK": 0, "FAIL": 0}
    for sidecar in sorted(glob.glob(os.path.join(fixtures, "*.json"))):
        name = os.path.basename(sidecar)[: -len(".json")]
        with open(sidecar) as f:
            meta = json.load(f)
        if "steps" not in meta:
            continue
        base = os.path.join(fixtures, meta["input"])
        expected = os.path.join(fixtures, meta["file"])
        cmd = ["mil-compress", base, "-o", os.path.join(work, name + ".mlpackage"),
               "--quiet"]
        for i, step in enumerate(meta["steps"]):
            config = os.path.join(work, f"{name}.step{i}.json")
            with open(config, "w") as f:
                json.dump(step["config"], f)
            cmd += ["--config", config]
        r = run(cmd)
        if r.returncode != 0:
            print(f"FAIL {name}: {r.stderr[:500]}")
            counts["FAIL"] += 1
            continue
        ours = os.path.join(work, name + ".mlpackage")
        if is_kmeans(meta["steps"]):
            r = run(["mil-compare-weights", expected, ours, "--mse-base", base])
            ir = run(["mil-translate", "--import-mlpackage", ours]).stdout
            version = f"specificationVersion = {meta['spec_version']}"
            opset = f'opset = "{meta["opset"]}"'
            if r.returncode == 0 and (version not in ir or opset not in ir):
                r = subprocess.CompletedProcess(r.args, 1, f"not {version}, {opset}", "")
            what = "mse no worse"
        else:
            r = run(["mil-compare-models", expected, ours])
            what = "identical"
        if r.returncode == 0:
            print(f"OK {name}: {what}, specification {meta['spec_version']}, "
                  f"{meta['opset']}")
            counts["OK"] += 1
        else:
            print(f"FAIL {name}: {(r.stdout + r.stderr)[:600]}")
            counts["FAIL"] += 1
    print(f"fixtures: {counts['OK']} ok, {counts['FAIL']} failed")
    return 1 if counts["FAIL"] else 0


def main():
    if "--ios15" in sys.argv:
        work = sys.argv[2]
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        return main_ios15(os.path.join(sys.argv[1], "coremltools-ios15"), work)
    fixtures = os.path.join(sys.argv[1], "coremltools")
    work = sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    counts = {"OK": 0, "FAIL": 0, "SKIP": 0}
    pattern = re.compile(r"_(lq|pal|prune|joint)_")
    for sidecar in sorted(glob.glob(os.path.join(fixtures, "*.json"))):
        name = os.path.basename(sidecar)[: -len(".json")]
        if not pattern.search(name):
            continue
        with open(sidecar) as f:
            meta = json.load(f)
        steps = meta["steps"]
        expected_file = meta.get("file")
        if isinstance(meta["input"], list):
            # coremltools compressed each single-function source and merged
            # them; we compress the merged multifunction package directly.
            base = os.path.join(fixtures, f"{meta['kind']}_{meta['target']}_base_fp16.mlpackage")
        else:
            base = os.path.join(fixtures, meta["input"])
        direct = name.endswith("-direct.ERROR")
        if direct:
            # coremltools refuses a multifunction model; we compress it and
            # must equal the package made from the single-function sources.
            expected_file = name[: -len("-direct.ERROR")] + ".mlpackage"
        current = os.path.join(work, name + ".in.mlirbc")
        r = run(["mil-translate", "--import-mlpackage", base,
                 "--emit-bytecode", "-o", current])
        error = r.stderr
        ok = r.returncode == 0
        for i, step in enumerate(steps):
            if not ok:
                break
            config = os.path.join(work, f"{name}.step{i}.json")
            with open(config, "w") as f:
                json.dump(step["config"], f)
            out = os.path.join(work, f"{name}.step{i}.mlirbc")
            options = f"config={config}"
            if step.get("joint_compression"):
                options += " joint-compression=true"
            r = run(["mil-opt", current, f"--{PASSES[step['api']]}={options}",
                     "--emit-bytecode", "-o", out])
            ok = r.returncode == 0
            error += r.stderr
            current = out
        if meta["status"] == "error" and not direct:
            expected = meta["error"].split(": ", 1)[-1]
            if not ok and expected in error:
                print(f"OK {name}: refused")
                counts["OK"] += 1
            else:
                print(f"FAIL {name}: expected the error {expected!r}, got "
                      f"{error[:300]!r}")
                counts["FAIL"] += 1
            continue
        if not ok:
            print(f"FAIL {name}: {error[:500]}")
            counts["FAIL"] += 1
            continue
        ours = os.path.join(work, name + ".mlir")
        run(["mil-opt", current, "-o", ours])
        cmd = ["mil-compare-weights", os.path.join(fixtures, expected_file), ours]
        kmeans = is_kmeans(steps)
        if kmeans:
            cmd += ["--mse-base", base]
        r = run(cmd)
        with open(os.path.join(work, name + ".diff"), "w") as f:
            f.write(r.stdout + r.stderr)
        if r.returncode == 0:
            what = ": mse no worse" if kmeans else ": identical"
            if direct:
                what += " (coremltools refuses multifunction models)"
            print(f"OK {name}" + what)
            counts["OK"] += 1
        else:
            lines = [l for l in r.stdout.splitlines() if "identical" not in l]
            print(f"FAIL {name}: {' | '.join(lines)[:600]}")
            counts["FAIL"] += 1
    print(f"fixtures: {counts['OK']} ok, {counts['FAIL']} failed, "
          f"{counts['SKIP']} skipped")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
