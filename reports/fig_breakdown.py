"""Response-time breakdown per function (and platform): mean seconds in each phase."""
import style
from rundata import PHASES


def draw(run, out_dir, formats):
    if not run.groups:
        return None
    names = PHASES

    def bar(g):
        if g.ran == 0:  # a gateway (SCAR batch mode) or a service whose attempts were all delegated
            return f"{g.function} ({g.platform}, n={g.count}, no script run)", [x / g.count for x in g.phase_sums]
        never = g.count - g.ran
        label = f"{g.function} ({g.platform}, n={g.ran}" + (f"; {never} never ran)" if never else ")")
        return label, [x / g.ran for x in g.ran_phase_sums]

    groups = [bar(g) for g in run.groups.values()]
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
    style.legend_outside(ax, "Response-time breakdown")
    return style.save(fig, out_dir, "response_breakdown", formats), \
        "Mean time per attempt that ran its script, in each phase: queued, cold start (environment start and " \
        "image pull; a warm start's routing), stage-in, exec, stage-out. Attempts that never ran (delegated " \
        "before starting, failed before stage-in) are counted in the label, not the means; a group that never " \
        "runs a script (a gateway's submissions) shows its own attempts."
