"""Nodes over time per OSCAR cluster, in CLUES's states as the thesis draws them: booting
(powered on, not yet ready), ready, draining (CLUES is powering it off) and off, stacked so that
the top is the cluster's working nodes. From instances.csv (one row per up interval) and the
node list in summary.json; front-ends are left out (they run no jobs)."""
from matplotlib.ticker import MaxNLocator

import style

STATES = ("booting", "ready", "draining", "off")
COLOURS = {"booting": style.PALETTE[1], "ready": style.PALETTE[0], "draining": style.PALETTE[3], "off": "#DDDDDD"}


def clusters(run):
    """[(service, working node names)] of the services that list nodes (OSCAR clusters)."""
    out = []
    for name, svc in (run.summary or {}).get("services", {}).items():
        nodes = [n["name"] for n in svc.get("nodes", []) if not n.get("control_plane")]
        if nodes:
            out.append((name, nodes))
    return out


def state_counts(rows, nodes, t_end):
    """Change points [(t, {state: count})] of one cluster: every node is off until its interval
    starts; booting until t_ready, ready until t_drain (or t_terminated), draining until t_terminated."""
    events = []  # (t, state left, state entered)
    for r in rows:
        if r.get("instance") not in nodes or r.get("t_launched") is None:
            continue
        launched, ready, end = r["t_launched"], r.get("t_ready"), r.get("t_terminated")
        drain = r.get("t_drain")
        ready = ready if ready is not None else end
        events.append((launched, "off", "booting"))
        events.append((ready, "booting", "ready"))
        if drain is not None:
            events.append((drain, "ready", "draining"))
        if not r.get("up_at_end"):
            events.append((end, "draining" if drain is not None else "ready", "off"))
    counts = {s: 0 for s in STATES}
    counts["off"] = len(nodes)
    points = [(0.0, dict(counts))]
    for t, left, entered in sorted(events, key=lambda e: e[0]):
        counts[left] -= 1
        counts[entered] += 1
        if points[-1][0] == t:
            points[-1] = (t, dict(counts))
        else:
            points.append((t, dict(counts)))
    points.append((t_end, dict(counts)))
    return points


def draw(run, out_dir, formats):
    cl = clusters(run)
    if not cl or not run.instances:
        return None
    t_end = max([r["t_terminated"] for r in run.instances if r.get("t_terminated") is not None] +
                [(run.summary or {}).get("makespan_s") or 0.0])
    div, unit = style.time_unit(t_end)
    fig, axes = style.figure(1.2 + 2.0 * len(cl), nrows=len(cl), squeeze=False, sharex=True)
    notes = []
    for ax, (name, nodes) in zip(axes[:, 0], cl):
        rows = [r for r in run.instances if r.get("service") == name]
        points = state_counts(rows, set(nodes), t_end)
        t = [p[0] / div for p in points]
        ax.stackplot(t, *[[p[1][s] for p in points] for s in STATES], step="post",
                     labels=list(STATES), colors=[COLOURS[s] for s in STATES])
        ax.set_ylabel("nodes")
        ax.set_ylim(0, len(nodes))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        svc = run.summary["services"][name]
        on, off = svc.get("nodes_powered_on", 0), svc.get("nodes_powered_off", 0)
        notes.append(f"{name}: {on} powered on, {off} off")
        style.legend_outside(ax, f"{name}: {len(nodes)} working nodes ({on} powered on, {off} powered off by CLUES)",
                             ncol=4)
    axes[-1, 0].set_xlabel(f"time since start ({unit})")
    return style.save(fig, out_dir, "nodes", formats), \
        "Working nodes per cluster and state over time (instances.csv): booting = powered on, not ready; " \
        "draining = CLUES powering it off; off = not powered (" + "; ".join(notes) + ")."
