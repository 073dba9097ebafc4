#!/usr/bin/env python3
"""GPUs on OSCAR, end to end on the E10 scenarios (scenarios/paper/echo-oscar-*.yaml):
  - rCUDA time decomposition: each GPU phase = host CPU part + (first phase) connection set-up
    + one transfer of its bytes over the 10GbE link + calls x (round trip + server_call_s) + GPU
    time at the V100's speed, recomputed here from the calibration and scenario files;
  - native GPU (device plugin): a GPU is never given to two pods; pods queue for it;
  - rCUDA: the remote V100 is shared by the simultaneous clients;
  - GPU memory is a capacity: an allocation beyond it fails the attempt (status error);
  - E10's published orderings: CPU slowest; import + model load longer through rCUDA than native;
  - an RCUDA_DEVICE_0 naming no gpu-server is a clear error (exit 2, the FDL named).
  test_e10_gpus.py CONTSIM"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SC = os.path.join(ROOT, "scenarios", "paper")
failures = []
tmp = tempfile.mkdtemp(prefix="contsim-gpu-")


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(scenario, out, *sets, code=0):
    args = [CONTSIM, "run", scenario, "-o", out]
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    check(p.returncode == code, f"{os.path.basename(scenario)} {' '.join(sets)}: exit {p.returncode} (expected {code}) "
          f"{p.stderr[-300:]}")
    return p


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def size(text):
    m = re.fullmatch(r"([0-9.eE+-]+)\s*([KMGT]?i?B)?", str(text).strip())
    factor = {None: 1, "B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
    return float(m.group(1)) * factor[m.group(2)]


def seconds(text):
    m = re.fullmatch(r"([0-9.eE+-]+)\s*(us|ms|s)?", str(text).strip())
    return float(m.group(1)) * {None: 1, "s": 1, "ms": 1e-3, "us": 1e-6}[m.group(2)]


def bandwidth(text):
    m = re.fullmatch(r"([0-9.eE+-]+)\s*([KMG])bps", str(text).strip())
    return float(m.group(1)) * {"K": 1e3, "M": 1e6, "G": 1e9}[m.group(2)] / 8


def value(v):
    return v["value"] if isinstance(v, dict) else v


def phases(out):
    return {(r["id"], r["phase"]): r for r in rows(os.path.join(out, "phases.csv"))}


def duration(r):
    return float(r["t_end"]) - float(r["t_start"])


cal = yaml.safe_load(open(os.path.join(ROOT, "calibration", "upv-gpu.yaml")))
profile = cal["functions"]["echo-classifier"]
scenario = yaml.safe_load(open(os.path.join(SC, "echo-oscar-rcuda.yaml")))
link = [l for l in scenario["platform"]["links"] if sorted(l["between"]) == ["gpu-host", "upv"]][0]
bw, latency = bandwidth(link["bandwidth"]), seconds(link["latency"])
setup = value(cal["rcuda"]["connection_setup_s"])
server_call = 5e-6  # rcuda.server_call_s: the parameter table's default (not set in the calibration)
frames = scenario["workload"][0]["file"]["attributes"]["frames"]
v100 = cal["gpu_models"]["Tesla V100 32GB"]["speed"]

# 1. the rCUDA decomposition of every phase of one video
out = os.path.join(tmp, "rcuda")
run(os.path.join(SC, "echo-oscar-rcuda.yaml"), out)
got = phases(out)


def linear(q):
    if isinstance(q, dict):
        return sum(float(size(f)) * frames for f in q["per"].values()) + float(size(q.get("constant", 0)))
    return float(size(q))


def exec_seconds(m):
    if "seconds" in m:
        return m["seconds"]["value"]
    return sum(f * frames for f in m["linear"]["per"].values())


for i, p in enumerate(profile["phases"]):
    g = p["gpu"]
    expected = exec_seconds(g["host"]) + (setup if i == 0 else 0) + latency + linear(g["bytes"]) / bw + \
        linear(g["calls"]) * (2 * latency + server_call) + exec_seconds(g["time"]) * g["time"]["reference_gpu_speed"] / v100
    r = got.get(("1", p["name"]))
    check(r is not None and r["ran_on"] == "rcuda" and r["where"] == "rcuda-v100/gpu0",
          f"phase {p['name']} ran through rCUDA on rcuda-v100/gpu0")
    if r:
        check(abs(duration(r) - expected) < 1e-5, f"rCUDA {p['name']}: {duration(r):.6f} s = {expected:.6f} s "
              "(host + set-up + bytes over the link + calls x round trip + GPU time)")
check([r["phase"] for r in rows(os.path.join(out, "phases.csv"))] ==
      ["initialize_container", "stage_in", "import_modules", "load_model", "processing", "stage_out"],
      "phases.csv lists the platform's steps, then the profile's phases in order")

# the on-premises GPU server's energy: idle draw while up + (max - idle) x the devices' held share
srv = json.load(open(os.path.join(out, "summary.json")))["services"]["rcuda-v100"]
node = cal["node_types"]["e10-vm-v100-server"]
sessions = srv["client_session_s"]
expected_wh = (node["power_idle_w"] * srv.get("up_s", 0) + (node["power_max_w"] - node["power_idle_w"]) * sessions) / 3600
check("energy_wh" in srv and sessions > 0 and srv.get("up_s", 0) > 0 and abs(srv["energy_wh"] - expected_wh) < 1e-9,
      f"the rCUDA server's energy from its node type: {srv.get('energy_wh')} Wh = {expected_wh} "
      f"({srv.get('up_s')} s up, {sessions:.3f} s of client sessions)")

# 2. one video on each platform: CPU slowest; import + load longer through rCUDA than native
runs = {}
for name in ["cpu", "rcuda", "native-gpu"]:
    o = os.path.join(tmp, "one-" + name)
    run(os.path.join(SC, f"echo-oscar-{name}.yaml"), o)
    runs[name] = phases(o)
work = {n: sum(duration(r) for (i, ph), r in p.items() if r["ran_on"] != "platform") for n, p in runs.items()}
print("  function time of one 180-frame video:", {n: round(t, 3) for n, t in work.items()})
check(work["cpu"] > work["rcuda"] > work["native-gpu"], "CPU slowest, then rCUDA, native GPU fastest (S5 Fig. 7)")
start = {n: sum(duration(p[("1", ph)]) for ph in ["import_modules", "load_model"]) for n, p in runs.items()}
check(start["rcuda"] > start["native-gpu"], f"import + model load longer through rCUDA ({start['rcuda']:.3f} s) "
      f"than native ({start['native-gpu']:.3f} s) (S5 Fig. 6)")

# 3. four simultaneous videos: the native GPU serialises the pods, rCUDA shares the V100
spans = {}
for name in ["rcuda", "native-gpu"]:
    o = os.path.join(tmp, "four-" + name)
    run(os.path.join(SC, f"echo-oscar-{name}.yaml"), o, "workload.0.arrivals.schedule.0.count=4")
    t = sorted((float(r["t_exec_start"]), float(r["t_exec_end"])) for r in rows(os.path.join(o, "trace.csv")))
    overlaps = any(t[k + 1][0] < t[k][1] - 1e-9 for k in range(len(t) - 1))
    spans[name] = max(e for _, e in t)
    if name == "native-gpu":
        check(len(t) == 4 and not overlaps, "native GPU: no two pods ever hold the one GPU at once")
    else:
        check(len(t) == 4 and overlaps, "rCUDA: the four clients run at once")
        s = json.load(open(os.path.join(o, "summary.json")))
        dev = s["services"]["rcuda-v100"]["devices"][0]
        check(dev["peak_clients"] == 4 and dev["sessions"] == 4, f"the V100 served 4 clients at once: {dev}")
print(f"  prediction (assumed phase values): 4 videos end at {spans['rcuda']:.1f} s through rCUDA, "
      f"{spans['native-gpu']:.1f} s on one native GPU")

# 4. GPU memory is a capacity: two clients of 20 GiB do not fit a 32 GiB V100
o = os.path.join(tmp, "memory")
run(os.path.join(SC, "echo-oscar-rcuda.yaml"), o, "parameters.functions.echo-classifier.gpu_memory=20GiB",
    "workload.0.arrivals.schedule.0.count=2")
statuses = sorted(r["status"] for r in rows(os.path.join(o, "trace.csv")))
check(statuses == ["error", "ok"], f"one of two 20 GiB clients fails with status error: {statuses}")
dev = json.load(open(os.path.join(o, "summary.json")))["services"]["rcuda-v100"]["devices"][0]
check(dev["memory_refusals"] == 1, "the server counts the refused allocation")

# 5. SSGM with one job per GPU: blocking requests wait for the release, non-blocking ones retry
ssgm = {}
for mode in ["blocking", "non-blocking"]:
    o = os.path.join(tmp, "ssgm-" + mode)
    run(os.path.join(SC, "echo-oscar-rcuda.yaml"), o, "workload.0.arrivals.schedule.0.count=3",
        "platform.services.rcuda-v100.ssgm.jobs_per_gpu=1", f"platform.services.rcuda-v100.ssgm.mode={mode}")
    ph = rows(os.path.join(o, "phases.csv"))
    grants = sorted(float(r["t_end"]) for r in ph if r["phase"] == "gpu_wait")
    ends = sorted(float(r["t_end"]) for r in ph if r["phase"] == "processing")
    s = json.load(open(os.path.join(o, "summary.json")))["services"]["rcuda-v100"]
    check(s["devices"][0]["peak_clients"] == 1 and s["devices"][0]["sessions"] == 3,
          f"SSGM {mode}, one job per GPU: the V100 never has two clients ({s['devices'][0]})")
    ssgm[mode] = (grants, ends, s["ssgm"])
call = 0.05   # rcuda.ssgm_call_s default
retry = 30    # rcuda.ssgm_retry_s default (gpu.md O6)
grants, ends, stats = ssgm["blocking"]
check(len(grants) == 3 and all(abs(grants[k + 1] - ends[k]) < 1e-6 for k in range(2)),
      f"blocking: each waiting request is granted when the previous job ends (grants {grants}, ends {ends})")
check(stats["queued"] == 2 and stats["busy_answers"] == 0, f"blocking: two requests held in SSGMD's queue {stats}")
grants, ends, stats = ssgm["non-blocking"]
first = grants[0] - call  # when the three asked
check(len(grants) == 3 and abs(grants[1] - (first + 2 * call + retry)) < 1e-6,
      f"non-blocking: told busy, the second client asks again {retry} s later (granted {grants[1]:.3f} s)")
check(stats["busy_answers"] == 3 and stats["queued"] == 0, f"non-blocking: three 'busy' answers {stats}")

# 6. a server name that the platform does not have
bad = os.path.join(tmp, "bad")
os.makedirs(os.path.join(bad, "fdl"))
fdl = open(os.path.join(ROOT, "scenarios", "fdl", "echo-classifier-rcuda.yaml")).read()
open(os.path.join(bad, "fdl", "echo.yaml"), "w").write(fdl.replace("rcuda-v100:0", "no-such-server:0"))
sc = open(os.path.join(SC, "echo-oscar-rcuda.yaml")).read()
sc = sc.replace("../fdl/echo-classifier-rcuda.yaml", "fdl/echo.yaml").replace("../../calibration",
                                                                              os.path.join(ROOT, "calibration"))
open(os.path.join(bad, "s.yaml"), "w").write(sc)
p = run(os.path.join(bad, "s.yaml"), os.path.join(bad, "out"), code=2)
check("echo.yaml" in p.stderr and "RCUDA_DEVICE_0" in p.stderr and "no-such-server" in p.stderr,
      f"the error names the FDL, the variable and the server: {p.stderr.strip()[:300]}")

shutil.rmtree(tmp, ignore_errors=True)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
