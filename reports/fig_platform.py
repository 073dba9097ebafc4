"""Platform timeline: per service, jobs running and queued over time with the parallel-job
capacity (running + free slots) as a line, and units up (instances, nodes, environments),
all counts on one axis."""
from matplotlib.ticker import MaxNLocator

import style


def draw(run, out_dir, formats):
    if not run.timeline:
        return None
    services = []
    for r in run.timeline:
        if r["service"] not in services:
            services.append(r["service"])
    active = [s for s in services
              if any((r["running"] or 0) + (r["queued"] or 0) + (r["units_up"] or 0) > 0
                     for r in run.timeline if r["service"] == s)]
    if not active:
        return None
    t_max = max(r["t_s"] for r in run.timeline)
    div, unit = style.time_unit(t_max)
    fig, axes = style.figure(1.2 + 2.0 * len(active), nrows=len(active), squeeze=False, sharex=True)
    for ax, name in zip(axes[:, 0], active):
        rows = [r for r in run.timeline if r["service"] == name]
        t = [r["t_s"] / div for r in rows]
        platform = rows[0]["platform"]
        ax.step(t, [r["running"] for r in rows], where="post", label="running", color=style.PALETTE[0])
        ax.step(t, [r["queued"] for r in rows], where="post", label="queued", color=style.PALETTE[1])
        ax.step(t, [r["running"] + r["warm_idle"] for r in rows], where="post", linestyle="--",
                label="capacity (running + free slots)", color=style.PALETTE[2])
        ax.step(t, [r["units_up"] for r in rows], where="post", color=style.PALETTE[3], alpha=0.7,
                label="units up (environments, instances, nodes)")
        ax.set_ylabel("count")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        style.legend_outside(ax, f"{name} ({platform})", ncol=4)
    axes[-1, 0].set_xlabel(f"time since start ({unit})")
    return style.save(fig, out_dir, "platform_timeline", formats), \
        "Per service, sampled every timeline interval: jobs running and queued, the parallel-job capacity, " \
        "and the units up (Lambda environments, Batch instances incl. booting)."
