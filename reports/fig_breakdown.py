"""Response-time breakdown per function (and platform): mean seconds in each phase."""
import style
from rundata import phases


def draw(run, out_dir, formats):
    if not run.trace:
        return None
    names = ["queued", "start-up", "exec", "stage-out"]
    groups = []
    for fn in run.functions():
        for platform in sorted({r["platform"] for r in run.trace if r["function"] == fn}):
            g = [r for r in run.trace if r["function"] == fn and r["platform"] == platform]
            sums = [0.0] * 4
            for r in g:
                for i, d in enumerate(phases(r)):
                    sums[i] += d
            groups.append((f"{fn} ({platform}, n={len(g)})", [s / len(g) for s in sums]))
    div, unit = style.time_unit(max(sum(m) for _, m in groups) or 1)
    fig, ax = style.figure(max(2.2, 1.0 + 0.45 * len(groups)))
    left = [0.0] * len(groups)
    y = list(range(len(groups)))
    for i, name in enumerate(names):
        width = [m[i] / div for _, m in groups]
        ax.barh(y, width, left=left, color=style.PHASE_COLOURS[name], label=name, height=0.6)
        left = [a + b for a, b in zip(left, width)]
    ax.set_yticks(y)
    ax.set_yticklabels([g for g, _ in groups], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"mean time per invocation ({unit})")
    ax.set_title("Response-time breakdown", pad=22)
    style.legend_outside(ax)
    return style.save(fig, out_dir, "response_breakdown", formats), \
        "Mean time per invocation attempt in each phase. Start-up = cold start + image pull + stage-in."
