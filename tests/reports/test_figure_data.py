#!/usr/bin/env python3
"""What the report's figures are drawn from, checked against summary.json on bundled runs
(regression tests of figure bugs):
  - response_breakdown: the mean exec per function counts only attempts that ran a script
    (fire-detection: delegated attempts that never ran made it 17.6 s against 40.3 s);
  - costs: an on-premises run (no USD) draws its clusters' node-hours and energy instead of an
    empty USD chart.
  test_figure_data.py CONTSIM"""
import os
import subprocess
import sys
import tempfile

CONTSIM = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "reports"))
import rundata  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


with tempfile.TemporaryDirectory(prefix="contsim-figdata-") as tmp:
    out = os.path.join(tmp, "fire")
    p = subprocess.run([CONTSIM, "run", os.path.join(ROOT, "scenarios/paper/fire-detection-fog-onprem-lambda.yaml"),
                        "-o", out], capture_output=True, text=True)
    check(p.returncode == 0, f"run: {p.stderr[-300:]}")
    run = rundata.Run(out)
    exec_index = rundata.PHASES.index("exec")
    for (function, platform), g in run.groups.items():
        expected = run.summary["functions"][function]["exec_s"]
        if not expected["count"]:
            continue
        mean = g.ran_phase_sums[exec_index] / g.ran
        check(g.ran == expected["count"] and abs(mean - expected["mean"]) < 1e-3,
              f"{function}: breakdown exec mean {mean:.3f} s over {g.ran} attempts = summary's "
              f"{expected['mean']:.3f} s over {expected['count']} ({g.count - g.ran} never ran)")
    check(any(g.count > g.ran for g in run.groups.values()), "the run has attempts that never ran (delegated)")
    import fig_costs  # noqa: E402
    out = os.path.join(tmp, "onprem")
    p = subprocess.run([CONTSIM, "run", os.path.join(ROOT, "scenarios/paper/fire-detection-fog-onprem.yaml"),
                        "-o", out], capture_output=True, text=True)
    check(p.returncode == 0, f"run: {p.stderr[-300:]}")
    run = rundata.Run(out)
    rows = fig_costs.resource_rows(run.summary)
    services = run.summary["services"]
    check(run.summary["cost_usd"]["total"] == 0 and len(rows) == 2 and
          all(abs(h - services[n]["node_seconds"] / 3600) < 1e-9 and e == services[n]["energy_wh"] and h > 0 and e > 0
              for n, h, e in rows),
          f"on-premises run: node-hours and energy per service {rows}")
    figures = os.path.join(tmp, "figures")
    os.makedirs(figures)
    drawn = fig_costs.draw(run, figures, ["png"])
    check(drawn is not None and os.path.getsize(os.path.join(figures, "costs.png")) > 10000,
          "the costs figure of an on-premises run is drawn (resources panel)")
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
