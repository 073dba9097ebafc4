#!/usr/bin/env python3
"""Examples as tests: runs one bundled scenario and compares its outputs with the golden copy in
tests/golden/expected/<id>/ (summary.json without build provenance; for runs of at most
MAX_TRACE_ROWS attempts also selected trace.csv columns), numbers within a relative tolerance.

  golden.py run  --contsim BIN SCENARIO [--update]   # one scenario; --update rewrites its golden copy
  golden.py bad  --contsim BIN CASE.yaml             # a malformed input: exit code and message from CASE.expect
  golden.py update-all --contsim BIN                 # regenerate every golden copy (after a deliberate change)

A scenario's id is its path under scenarios/ with '/' as '_' (paper/av-workflow.yaml -> paper_av-workflow)."""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXPECTED = os.path.join(ROOT, "tests", "golden", "expected")
MAX_TRACE_ROWS = 5000
TRACE_COLUMNS = ["id", "function", "platform", "node", "status", "delegated_to", "mechanism", "t_trigger",
                 "t_start", "t_exec_start", "t_exec_end", "t_end", "cold_start", "cost_usd", "parent_id"]
REL_TOL = 1e-6   # the outputs are deterministic; the tolerance only absorbs printing differences
ABS_TOL = 1e-9
# Build provenance changes with every commit; the rest of summary.json is the result.
VOLATILE = {("provenance", "git_sha"), ("provenance", "contsim_version"), ("provenance", "simgrid_version"),
            ("provenance", "scenario_file"), ("provenance", "fdl_file"), ("provenance", "calibration_file"),
            ("provenance", "calibration_files"), ("provenance", "price_table_file")}


def scenario_id(path):
    rel = os.path.relpath(os.path.abspath(path), os.path.join(ROOT, "scenarios"))
    return rel[:-len(".yaml")].replace(os.sep, "_")


def normalized_summary(path):
    with open(path) as f:
        s = json.load(f)
    for a, b in VOLATILE:
        s.get(a, {}).pop(b, None)
    return s


def trace_columns(path):
    with open(path, newline="") as f:
        first = f.readline()
        if not first.startswith("#"):
            f.seek(0)
        rows = list(csv.DictReader(f))
    if len(rows) > MAX_TRACE_ROWS:
        return None
    return [[r.get(c, "") for c in TRACE_COLUMNS] for r in rows]


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return same(float(a), float(b))
        except ValueError:
            return False
    return a == b


def diff(expected, got, where, out):
    if isinstance(expected, dict) and isinstance(got, dict):
        for k in list(expected) + [k for k in got if k not in expected]:
            if k not in got:
                out.append(f"{where}.{k}: missing (expected {json.dumps(expected[k])[:80]})")
            elif k not in expected:
                out.append(f"{where}.{k}: unexpected ({json.dumps(got[k])[:80]})")
            else:
                diff(expected[k], got[k], f"{where}.{k}", out)
    elif isinstance(expected, list) and isinstance(got, list):
        if len(expected) != len(got):
            out.append(f"{where}: {len(got)} entries, expected {len(expected)}")
        for i, (e, g) in enumerate(zip(expected, got)):
            diff(e, g, f"{where}[{i}]", out)
    elif not same(expected, got):
        out.append(f"{where}: {json.dumps(got)[:80]}, expected {json.dumps(expected)[:80]}")


def run_scenario(contsim, scenario, update):
    sid = scenario_id(scenario)
    with tempfile.TemporaryDirectory(prefix="contsim-golden-") as tmp:
        # From the source root with a relative path, so the file names summary.json records do not
        # depend on where the tree is checked out.
        rel = os.path.relpath(os.path.abspath(scenario), ROOT)
        r = subprocess.run([os.path.abspath(contsim), "run", rel, "-o", tmp], capture_output=True, text=True, cwd=ROOT)
        if r.returncode != 0:
            print(f"{scenario}: contsim run exited {r.returncode}:\n{r.stderr}")
            return 1
        got = {"summary.json": normalized_summary(os.path.join(tmp, "summary.json"))}
        trace = trace_columns(os.path.join(tmp, "trace.csv"))
        if trace is not None:
            got["trace.csv"] = {"columns": TRACE_COLUMNS, "rows": trace}
    exp_dir = os.path.join(EXPECTED, sid)
    if update:
        os.makedirs(exp_dir, exist_ok=True)
        for name, data in got.items():
            with open(os.path.join(exp_dir, name + ".json"), "w") as f:
                if name == "trace.csv":  # one row per line: reviewable diffs, a fifth of the size
                    f.write('{"columns": %s, "rows": [\n' % json.dumps(data["columns"]))
                    f.write(",\n".join(json.dumps(r) for r in data["rows"]))
                    f.write("\n]}\n")
                else:
                    json.dump(data, f, indent=1)
                    f.write("\n")
        print(f"{sid}: golden copy written to {os.path.relpath(exp_dir, ROOT)}")
        return 0
    problems = []
    if not os.path.isdir(exp_dir):
        print(f"{sid}: no golden copy in {os.path.relpath(exp_dir, ROOT)}; create it with\n"
              f"  tests/golden/golden.py run --contsim {contsim} {scenario} --update")
        return 1
    for name in sorted(os.listdir(exp_dir)):
        with open(os.path.join(exp_dir, name)) as f:
            expected = json.load(f)
        key = name[:-len(".json")]
        if key not in got:
            problems.append(f"{key}: not produced (more than {MAX_TRACE_ROWS} rows?)")
            continue
        diff(expected, got[key], key, problems)
    for p in problems[:40]:
        print(f"{sid}: {p}")
    if problems:
        print(f"{sid}: {len(problems)} difference(s) from the golden copy; if deliberate, regenerate with\n"
              f"  tests/golden/golden.py run --contsim {contsim} {scenario} --update")
        return 1
    print(f"{sid}: matches its golden copy")
    return 0


def run_bad(contsim, case):
    """CASE.yaml is a malformed scenario; CASE.expect holds `exit: N` and `message: TEXT` lines."""
    expect = {}
    with open(case[:-len(".yaml")] + ".expect") as f:
        for line in f:
            if ":" in line:
                k, v = line.split(":", 1)
                expect.setdefault(k.strip(), []).append(v.strip())
    with tempfile.TemporaryDirectory(prefix="contsim-bad-") as tmp:
        rel = os.path.relpath(os.path.abspath(case), ROOT)
        r = subprocess.run([os.path.abspath(contsim), "run", rel, "-o", tmp], capture_output=True, text=True, cwd=ROOT)
    out = r.stdout + r.stderr
    problems = []
    want = int(expect.get("exit", ["2"])[0])
    if r.returncode != want:
        problems.append(f"exit code {r.returncode}, expected {want}")
    for m in expect.get("message", []):
        if m not in out:
            problems.append(f"message lacks {m!r}")
    if "internal error" in out:
        problems.append("an internal error")
    for p in problems:
        print(f"{os.path.basename(case)}: {p}\n--- output:\n{out}")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["run", "bad", "update-all"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--contsim", required=True)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_intermixed_args()
    if a.action == "run":
        return run_scenario(a.contsim, a.file, a.update)
    if a.action == "bad":
        return run_bad(a.contsim, a.file)
    rc = 0
    for d, _, files in sorted(os.walk(os.path.join(ROOT, "scenarios"))):
        if os.path.basename(d) in ("fdl", "sweeps"):  # not scenarios
            continue
        for f in sorted(files):
            if f.endswith(".yaml"):
                rc |= run_scenario(a.contsim, os.path.join(d, f), True)
    return rc


sys.exit(main())
