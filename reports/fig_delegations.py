"""Delegations over time: the cumulative count of events each cluster handed over, one line
per mechanism (resource-manager, rescheduler: OSCAR replicas; gateway, timeout, failure: SCAR
and lambda-batch) and target, from the trace's delegated attempts (their t_end)."""
import style

LINESTYLES = {"resource-manager": "-", "rescheduler": "--", "gateway": ":", "timeout": "-.", "failure": "-."}


def draw(run, out_dir, formats):
    if not run.delegations:
        return None
    t_max = max(max(ts) for ts in run.delegations.values())
    div, unit = style.time_unit(t_max)
    fig, ax = style.figure(3.8)
    total = 0
    for i, (key, times) in enumerate(sorted(run.delegations.items())):
        site, mechanism, target = key
        ts = sorted(times)
        total += len(ts)
        ax.step([0.0] + [t / div for t in ts], list(range(len(ts) + 1)), where="post",
                linestyle=LINESTYLES.get(mechanism, "-"), color=style.PALETTE[i % len(style.PALETTE)],
                label=f"{site or '?'} → {target} by {mechanism} ({len(ts)})")
    ax.set_xlabel(f"time since start ({unit})")
    ax.set_ylabel("delegations (cumulative)")
    ax.set_ylim(bottom=0)
    style.legend_outside(ax, "Delegations over time by mechanism and target", ncol=2)
    return style.save(fig, out_dir, "delegations", formats), \
        f"Cumulative delegations ({total} in all) from each site to each target, by mechanism; the time is " \
        "when the delegating attempt ended (trace.csv rows with status delegated). Attempts that ran although " \
        "their event was also delegated (status duplicate) are not drawn; the clusters table counts them."
