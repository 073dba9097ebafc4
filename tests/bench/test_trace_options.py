#!/usr/bin/env python3
"""--trace full|sample:N|none and --compress zstd, end to end: run -> calibrate / compare /
report read what was written. 20,000 invocations of scenarios/bench/lambda-1m.yaml.
  test_trace_options.py CONTSIM"""
import json
import os
import subprocess
import sys
import tempfile

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCENARIO = os.path.join(ROOT, "scenarios", "bench", "lambda-1m.yaml")
N = 20000
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def run(args, code=0):
    p = subprocess.run([CONTSIM] + args, capture_output=True, text=True, cwd=ROOT)
    check(p.returncode == code, f"{' '.join(args)}: exit {p.returncode}, expected {code}: {p.stderr[-300:]}")
    return p


def contsim_run(out, *extra):
    run(["run", SCENARIO, "-o", out, "--set", f"workload.0.arrivals.poisson.count={N}", *extra])
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


with tempfile.TemporaryDirectory() as tmp:
    d = lambda name: os.path.join(tmp, name)
    full = contsim_run(d("full"), "--writer-thread", "off")
    threaded = contsim_run(d("threaded"), "--writer-thread", "on")
    with open(d("full/trace.csv"), "rb") as f:
        plain = f.read()
    with open(d("threaded/trace.csv"), "rb") as f:
        check(f.read() == plain, "the writer thread writes the same trace.csv")
    check("outputs" not in full, "a default run's summary.json has no outputs key")
    # With the writer thread the summary takes the attempts there, after their rows: same figures.
    for key in ("invocations", "by_status", "makespan_s", "cold_starts", "wait_s", "response_s", "cost_usd",
                "functions", "services"):
        check(threaded[key] == full[key], f"the writer thread leaves summary.json's {key} as it is")

    sampled = contsim_run(d("sampled"), "--trace", "sample:7")
    with open(d("sampled/trace.csv")) as f:
        lines = f.read().splitlines()
    check(lines[1].startswith("# sampled: every 7th attempt"), "the sampled trace says so: " + lines[1])
    all_rows = plain.decode().splitlines()[2:]
    check(lines[3:] == all_rows[::7], "the sampled trace is every 7th row of the full one")
    check(sampled["outputs"] == {"trace": "sample:7", "trace_rows": (N + 6) // 7, "attempts": N, "compression": "none"},
          f"summary.json outputs: {sampled.get('outputs')}")
    for key in ("invocations", "cold_starts", "makespan_s", "wait_s", "response_s", "cost_usd"):
        check(sampled[key] == full[key], f"sampling leaves summary.json's {key} as it is")

    none = contsim_run(d("none"), "--trace", "none")
    check(not os.path.exists(d("none/trace.csv")), "--trace none writes no trace.csv")
    check(none["response_s"] == full["response_s"], "--trace none: the statistics still see every attempt")

    contsim_run(d("zstd"), "--compress", "zstd")
    check(sorted(os.listdir(d("zstd"))) == ["instances.csv.zst", "job_states.csv.zst", "phases.csv.zst",
                                            "summary.json", "timeline.csv.zst", "trace.csv.zst"], str(os.listdir(d("zstd"))))
    z = subprocess.run(["zstd", "-dc", d("zstd/trace.csv.zst")], capture_output=True).stdout
    check(z == plain, "trace.csv.zst decompresses to the plain trace.csv")
    check(os.path.getsize(d("zstd/trace.csv.zst")) < len(plain) / 4, "compressed at least 4:1")

    # Readers take the compressed files.
    run(["calibrate", d("zstd/trace.csv.zst"), "-o", d("cal-z.yaml")])
    run(["calibrate", d("full/trace.csv"), "-o", d("cal-p.yaml")])
    strip = lambda p: [l for l in open(p) if "trace" not in l and not l.startswith("name:")]
    check(strip(d("cal-z.yaml")) == strip(d("cal-p.yaml")), "calibrate fits the same from trace.csv.zst")
    p = run(["compare", d("zstd"), d("full")])
    check("PASSED" in p.stdout, "compare reads a compressed run directory")
    run(["report", d("zstd"), "-o", d("report-z"), "--format", "svg"])
    run(["report", d("full"), "-o", d("report-p"), "--format", "svg"])
    check(sorted(os.listdir(d("report-z"))) == sorted(os.listdir(d("report-p"))), "the report of a compressed run")

    # Bad values are exit 2 naming the option.
    p = run(["run", SCENARIO, "-o", d("bad"), "--trace", "sample:0"], code=2)
    check(p.stderr.startswith("--trace: error:"), p.stderr)
    p = run(["run", SCENARIO, "-o", d("bad"), "--compress", "gzip"], code=2)
    check(p.stderr.startswith("--compress: error:"), p.stderr)
    with open(d("bad.csv.zst"), "wb") as f:
        f.write(b"not zstd at all")
    p = run(["calibrate", d("bad.csv.zst"), "-o", d("x.yaml")], code=2)
    check("zstd" in p.stderr, p.stderr)

print("ok" if not failures else f"{len(failures)} failures")
sys.exit(1 if failures else 0)
