#!/usr/bin/env python3
"""Stage-out as faas-supervisor does it (scenarios/paper/mask-detection-hybrid.yaml, E6 hybrid):
anon-and-split's 37 frames are PUT to S3 one after another over the 100 Mbps / 50 ms link, each
PUT costing request_round_trips x RTT besides its bytes (and the first one the connection's), so
the 37 mask-detector invocations on Lambda are triggered spread over time (S2: "not all the
images are uploaded simultaneously"), at least one PUT's request cost apart.
  test_sequential_puts.py CONTSIM"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RTT_S = 2 * 0.050          # the scenario's upv-openstack <-> aws-us-east-1 link latency, both ways
REQUEST_ROUND_TRIPS = 1.5  # the storage parameter's default (calibration/PARAMETERS.md)



tmp = tempfile.mkdtemp(prefix="contsim-puts-")
try:
    out = os.path.join(tmp, "hybrid")
    p = subprocess.run([CONTSIM, "run", "scenarios/paper/mask-detection-hybrid.yaml", "-o", out, "--quiet"],
                       cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    with open(os.path.join(out, "trace.csv")) as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    split = [r for r in rows if r["platform"] == "oscar"]
    t = sorted(float(r["t_trigger"]) for r in rows if r["platform"] == "lambda")
    check(len(t) == 37, f"37 frames trigger the mask detector on Lambda ({len(t)})")
    gaps = [b - a for a, b in zip(t, t[1:])]
    check(min(gaps) >= REQUEST_ROUND_TRIPS * RTT_S - 1e-9,
          f"one PUT after another: the closest triggers are {min(gaps):.3f} s apart "
          f">= {REQUEST_ROUND_TRIPS} RTT = {REQUEST_ROUND_TRIPS * RTT_S:.3f} s")
    check(t[-1] - t[0] >= 36 * REQUEST_ROUND_TRIPS * RTT_S,
          f"the frames arrive over {t[-1] - t[0]:.2f} s, not at once")
    end_split = float(split[0]["t_end"])
    check(abs(end_split - (t[-1])) < 1.0 and end_split >= t[-1] - 1e-6,
          f"anon-and-split ends with its last PUT ({end_split:.3f} s; last frame stored {t[-1]:.3f} s)")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish()
