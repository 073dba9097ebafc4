#!/usr/bin/env python3
"""SimFaaS's published example, run by contsim (scenarios/bench/simfaas-example.yaml):
  - cold-start probability and the time-averaged running, idle and total instance counts agree
    with what the SimFaaS README prints for the same parameters, within the statistical error:
    contsim's standard error from batch means over 100 windows of 10^4 s, doubled in variance
    because SimFaaS's printed figures come from one run of the same length (same error), and
    |difference| <= 3 x that combined error;
  - a cold run is stretched like the warm run on a smaller CPU (lambda-1m's old bug: warm
    stretched x1769/1024, cold not, so cold runs ended faster than warm ones);
  - a profile whose cold time is shorter than its warm time is rejected (exit 2, file named).
  test_simfaas_example.py CONTSIM"""
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCENARIO = os.path.join(ROOT, "scenarios", "bench", "simfaas-example.yaml")
# pacslab/simfaas README, ServerlessSimulator(arrival_rate=0.9, warm_service_rate=1/1.991,
# cold_service_rate=1/2.244, expiration_threshold=600, max_time=1e6).print_trace_results()
SIMFAAS = {"p_cold": 1213 / 898469, "running": 1.7879, "idle": 5.8733, "servers": 7.6612}
HORIZON_S = 1e6
WINDOWS = 100
tmp = tempfile.mkdtemp(prefix="contsim-simfaas-")



def run(scenario, out, *sets, code=0):
    args = [CONTSIM, "run", scenario, "-o", out, "--quiet"]
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if p.returncode != code:
        print(p.stdout, p.stderr)
        raise SystemExit(f"contsim run {os.path.basename(scenario)} {sets}: exit {p.returncode}, expected {code}")
    return p


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def mean_and_se(per_window):
    """Mean of the window means and its standard error (batch means: windows of 10^4 s are long
    against the process's memory, the 600 s keep-alive, so their means are nearly independent)."""
    n = len(per_window)
    m = sum(per_window) / n
    var = sum((x - m) ** 2 for x in per_window) / (n - 1)
    return m, math.sqrt(var / n)


def agrees(name, value, se, published):
    tolerance = 3 * math.sqrt(2) * se
    check(abs(value - published) <= tolerance,
          f"{name}: contsim {value:.5g} vs SimFaaS {published:.5g} (|diff| {abs(value - published):.3g} "
          f"<= 3 x combined error {tolerance:.3g})")


try:
    out = os.path.join(tmp, "example")
    run(SCENARIO, out)
    window_s = HORIZON_S / WINDOWS
    arrivals = [0] * WINDOWS
    colds = [0] * WINDOWS
    for r in rows(os.path.join(out, "trace.csv")):
        w = min(int(float(r["t_trigger"]) / window_s), WINDOWS - 1)
        arrivals[w] += 1
        colds[w] += int(r["cold_start"])
    # The ratio estimator's error, by batch means on the per-window cold fractions.
    p_cold, se_p = mean_and_se([c / a for c, a in zip(colds, arrivals)])
    p_cold_total = sum(colds) / sum(arrivals)
    agrees("cold-start probability", p_cold_total, se_p, SIMFAAS["p_cold"])

    samples = {"running": [[] for _ in range(WINDOWS)], "idle": [[] for _ in range(WINDOWS)],
               "servers": [[] for _ in range(WINDOWS)]}
    for r in rows(os.path.join(out, "timeline.csv")):
        t = float(r["t_s"])
        if t >= HORIZON_S:
            continue
        w = int(t / window_s)
        samples["running"][w].append(float(r["running"]))
        samples["idle"][w].append(float(r["warm_idle"]))
        samples["servers"][w].append(float(r["units_up"]))
    for name in ("running", "idle", "servers"):
        m, se = mean_and_se([sum(s) / len(s) for s in samples[name]])
        agrees(f"average {name} instances", m, se, SIMFAAS[name])
    summary = json.load(open(os.path.join(out, "summary.json")))
    # Little's law as a cross-check of the timeline: running = rate x mean service time.
    busy = summary["functions"]["simfaas-bench"]["exec_s"]["mean"] * summary["invocations"] / HORIZON_S
    m, _ = mean_and_se([sum(s) / len(s) for s in samples["running"]])
    check(abs(busy - m) < 0.01, f"running instances {m:.4f} = arrivals x mean service / horizon {busy:.4f}")

    # On a CPU twice the reference's share (profile measured at 2048 MB, run at 1024 MB: a
    # single-threaded function at 0.58 vCPU vs 1.16), warm and cold runs both stretch x1769/1024.
    stretch = 1769 / 1024
    out2 = os.path.join(tmp, "stretched")
    run(SCENARIO, out2, "horizon=200000s",
        "parameters.functions.simfaas-bench.exec_time.reference_memory_mb=2048")
    warm, cold = [], []
    for r in rows(os.path.join(out2, "trace.csv")):
        (cold if r["cold_start"] == "1" else warm).append(float(r["t_exec_end"]) - float(r["t_exec_start"]))
    warm_mean = sum(warm) / len(warm)
    check(abs(warm_mean / (1.991 * stretch) - 1) < 0.02,
          f"warm runs stretched: mean {warm_mean:.3f} s = 1.991 x {stretch:.3f} within 2 %")
    cold_mean = sum(cold) / len(cold)
    # ~270 cold runs, exponential: the mean's relative error is 1/sqrt(n) ~ 6 %.
    check(abs(cold_mean / (2.244 * stretch) - 1) < 4 / math.sqrt(len(cold)),
          f"cold runs stretched alike: mean {cold_mean:.3f} s over {len(cold)} = 2.244 x {stretch:.3f}")

    # lambda-1m had the same profile without reference_memory_mb: its warm runs now take 1.991 s.
    out3 = os.path.join(tmp, "lambda-1m")
    run(os.path.join(ROOT, "scenarios", "bench", "lambda-1m.yaml"), out3,
        "workload.0.arrivals.poisson.count=50000")
    m = json.load(open(os.path.join(out3, "summary.json")))["functions"]["simfaas-bench"]["exec_s"]["mean"]
    check(abs(m / 1.991 - 1) < 0.03, f"lambda-1m: mean service {m:.3f} s is SimFaaS's 1.991 s (not x1769/1024)")

    # A cold run shorter than the warm one is a mix-up: exit 2, naming the file and the key.
    bad = os.path.join(tmp, "bad.yaml")
    with open(SCENARIO) as f:
        text = f.read()
    text = text.replace("mean: 2.244", "mean: 1.5").replace("../fdl/", os.path.join(ROOT, "scenarios", "fdl") + "/")
    text = text.replace("../../calibration/", os.path.join(ROOT, "calibration") + "/")
    with open(bad, "w") as f:
        f.write(text)
    p = run(bad, os.path.join(tmp, "bad"), code=2)
    check("bad.yaml" in p.stderr and "cold_exec_time" in p.stderr,
          f"cold mean below warm mean rejected with file and key: {p.stderr.strip()[:200]}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish()
