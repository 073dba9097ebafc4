#!/usr/bin/python3
"""summary.json and sweep.json against their JSON Schemas (sim/schema/*.schema.json) on runs of
every model (Lambda, Batch, OSCAR with CLUES and replicas, GPU servers) and a small sweep; the
run_id is stable for the same run and differs with the seed; the pandas example loads two runs
into one table whose per-function figures equal summary.json's.
  test_pandas_and_schemas.py CONTSIM"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(args):
    p = subprocess.run([CONTSIM] + args, capture_output=True, text=True)
    check(p.returncode == 0, " ".join(args[:2]) + (": " + p.stderr[-300:] if p.returncode else ""))
    return p


def schema(name):
    with open(os.path.join(ROOT, "sim/schema", name)) as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


summary_schema = schema("summary.schema.json")
sweep_schema = schema("sweep.schema.json")
with tempfile.TemporaryDirectory(prefix="contsim-schemas-") as tmp:
    runs = {}
    for scenario in ("mask-detector-lambda", "paper/av-workflow", "paper/fire-detection-fog-onprem-lambda",
                     "paper/mask-detection-onprem", "paper/echo-oscar-rcuda", "paper/gpu-blast-lambda-rcuda"):
        out = os.path.join(tmp, scenario.replace("/", "_"))
        run(["run", os.path.join(ROOT, "scenarios", scenario + ".yaml"), "-q", "-o", out])
        with open(os.path.join(out, "summary.json")) as f:
            s = json.load(f)
        errors = sorted(summary_schema.iter_errors(s), key=lambda e: list(e.path))
        check(not errors, f"{scenario}: summary.json is valid" +
              "".join(f"\n     {'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
        runs[scenario] = (out, s)
    repeated = os.path.join(tmp, "runs")
    run(["run", os.path.join(ROOT, "scenarios/mask-detector-lambda.yaml"), "-q", "--runs", "2", "-o", repeated])
    with open(os.path.join(repeated, "summary.json")) as f:
        errors = list(summary_schema.iter_errors(json.load(f)))
    check(not errors, "a summary with runs: 2 is valid" + "".join(f"\n     {e.message}" for e in errors[:3]))
    again = os.path.join(tmp, "again")
    run(["run", os.path.join(ROOT, "scenarios/mask-detector-lambda.yaml"), "-q", "-o", again])
    seed2 = os.path.join(tmp, "seed2")
    run(["run", os.path.join(ROOT, "scenarios/mask-detector-lambda.yaml"), "-q", "--seed", "2", "-o", seed2])
    ids = [json.load(open(os.path.join(d, "summary.json")))["run_id"] for d in (again, seed2)]
    check(ids[0] == runs["mask-detector-lambda"][1]["run_id"] and ids[1] != ids[0],
          f"run_id: same run {ids[0]}, another seed {ids[1]}")

    sweep = os.path.join(tmp, "sweep")
    run(["sweep", os.path.join(ROOT, "scenarios/mask-detector-lambda.yaml"), "--grid",
         "functions.scar-mask-detector.memory=512,1024", "--replications", "2", "-j", "2", "-o", sweep])
    with open(os.path.join(sweep, "sweep.json")) as f:
        manifest = json.load(f)
    errors = list(sweep_schema.iter_errors(manifest))
    check(not errors and "results" in manifest,
          "sweep.json is valid" + "".join(f"\n     {'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
    broken = dict(manifest, replications=0)
    check(any(True for _ in sweep_schema.iter_errors(broken)), "the sweep schema refuses replications: 0")
    broken = dict(runs["mask-detector-lambda"][1], run_id="x")
    check(any(True for _ in summary_schema.iter_errors(broken)), "the summary schema refuses a malformed run_id")

    fire, mask = runs["paper/fire-detection-fog-onprem-lambda"][0], runs["mask-detector-lambda"][0]
    example = os.path.join(ROOT, "reports/examples/pandas_example.py")
    figure = os.path.join(tmp, "cdf.png")
    p = subprocess.run(["/usr/bin/python3", example, fire, mask, "-o", figure], capture_output=True, text=True)
    check(p.returncode == 0 and os.path.getsize(figure) > 10000, f"the pandas example runs and draws: {p.stderr[-300:]}")
    sys.path.insert(0, os.path.dirname(example))
    import pandas_example  # noqa: E402
    import pandas as pd  # noqa: E402
    trace = pd.concat([pandas_example.load_table(d, "trace.csv") for d in (fire, mask)], ignore_index=True)
    check(sorted(trace["run_id"].unique()) == sorted({runs[k][1]["run_id"] for k in
                                                        ("paper/fire-detection-fog-onprem-lambda", "mask-detector-lambda")}),
          "one table, a run_id per run")
    for d, key in ((fire, "paper/fire-detection-fog-onprem-lambda"), (mask, "mask-detector-lambda")):
        s = runs[key][1]
        rows = trace[trace["run_id"] == s["run_id"]]
        for function, f in s["functions"].items():
            mine = rows[rows["function"] == function]
            check(len(mine) == f["invocations"], f"{function}: {len(mine)} rows = {f['invocations']} invocations")
            if mine["parent_id"].isna().all():  # no delegated-in events: per-attempt = summary's response
                answered = mine[mine["status"] != "delegated"]
                if f["response_s"]["count"] == 0:  # e.g. a replica no event reached
                    check(len(answered) == 0, f"{function}: no answered rows, as the summary's count 0")
                    continue
                mean = (answered["t_end"] - answered["t_trigger"]).mean()
                check(abs(mean - f["response_s"]["mean"]) < 1e-3,
                      f"{function}: mean response {mean:.3f} s = summary's {f['response_s']['mean']:.3f} s")
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
