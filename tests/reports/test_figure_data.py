#!/usr/bin/env python3
"""What the report's figures are drawn from, checked against summary.json on bundled runs
(regression tests of figure bugs):
  - response_breakdown: the mean exec per function counts only attempts that ran a script
    (fire-detection: delegated attempts that never ran made it 17.6 s against 40.3 s);
  - costs: an on-premises run (no USD) draws its clusters' node-hours and energy instead of an
    empty USD chart, with gCO2e = energy x the grid intensity of summary.json's parameters;
  - nodes: every cluster's states add up to its working nodes at every change point, and the
    intervals that start booting are the nodes CLUES powered on;
  - delegations: the curves' end points add up to the delegated attempts, per site, mechanism
    and target as the trace has them.
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
    # E8 scenario 2 with 10 s jobs, so that the on-premises cluster saturates and delegates to
    # Lambda too (three kinds of delegation to draw; the measured 3.1 s jobs give two).
    saturating = []
    for f in ("fire-detection", "fire-detection-replica"):
        saturating += ["--set", f"parameters.functions.{f}.exec_time.seconds.type=constant",
                       "--set", f"parameters.functions.{f}.exec_time.seconds.value=10",
                       "--set", f"parameters.functions.{f}.exec_time.reference_vcpu=1"]
    p = subprocess.run([CONTSIM, "run", os.path.join(ROOT, "scenarios/paper/fire-detection-fog-onprem-lambda.yaml"),
                        "-o", out] + saturating, capture_output=True, text=True)
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
    grid = run.summary["parameters"]["energy"]["grid_gco2e_per_kwh"]["value"]
    co2e = fig_costs.co2e_rows(run.summary)
    check(len(co2e) == 2 and all(abs(co2e[n] - run.summary["services"][n]["energy_wh"] * grid / 1000) < 1e-3
                                 for n in co2e), f"gCO2e per service = energy x {grid} g/kWh: {co2e}")

    import fig_delegations  # noqa: E402
    import fig_nodes  # noqa: E402
    fire = rundata.Run(os.path.join(tmp, "fire"))
    total = sum(len(t) for t in fire.delegations.values())
    check(total == fire.summary["by_status"]["delegated"] and total > 0,
          f"delegations drawn {total} = summary's delegated attempts {fire.summary['by_status'].get('delegated')}")
    # Per site, mechanism and target, against the trace read here with the csv module alone.
    import csv  # noqa: E402
    expected = {}
    with open(os.path.join(tmp, "fire", "trace.csv")) as f:
        next(f)
        for row in csv.DictReader(f):
            if row["status"] == "delegated":
                key = (row["site"], row["mechanism"], row["delegated_to"])
                expected[key] = expected.get(key, 0) + 1
    drawn = {k: len(v) for k, v in fire.delegations.items()}
    check(drawn == expected and len(drawn) >= 3, f"delegations per site, mechanism and target {drawn}")
    check(fig_delegations.draw(fire, figures, ["png"]) is not None, "the delegations figure is drawn")

    out = os.path.join(tmp, "clues")
    p = subprocess.run([CONTSIM, "run", os.path.join(ROOT, "scenarios/paper/mask-detection-onprem.yaml"),
                        "-o", out], capture_output=True, text=True)
    check(p.returncode == 0, f"run: {p.stderr[-300:]}")
    clues = rundata.Run(out)
    for name, nodes in fig_nodes.clusters(clues):
        rows = [r for r in clues.instances if r["service"] == name]
        points = fig_nodes.state_counts(rows, set(nodes), clues.summary["makespan_s"] + 600)
        check(all(sum(c.values()) == len(nodes) and min(c.values()) >= 0 for _, c in points),
              f"{name}: booting + ready + draining + off = {len(nodes)} nodes at all {len(points)} change points")
        booted = sum(1 for r in rows if r["instance"] in nodes and r["t_ready"] > r["t_launched"])
        svc = clues.summary["services"][name]
        check(booted == svc["nodes_powered_on"] and booted > 0,
              f"{name}: {booted} intervals boot = {svc['nodes_powered_on']} nodes powered on")
        drained = sum(1 for r in rows if r.get("t_drain") is not None)
        check(drained == svc["nodes_powered_off"], f"{name}: {drained} drained = {svc['nodes_powered_off']} powered off")
        check(any(c["draining"] > 0 for _, c in points) and any(c["booting"] > 0 for _, c in points),
              f"{name}: the figure shows booting and draining nodes")
    check(fig_nodes.draw(clues, figures, ["png"]) is not None, "the nodes figure is drawn")
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
