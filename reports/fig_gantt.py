"""Gantt chart: one row per parallel invocation slot of each function (invocations stacked
greedily by trigger time), phases coloured, cold starts marked. Beyond a few thousand
invocations a Gantt chart is unreadable: the first ones (Run.GANTT_ROWS) are drawn."""
import style
from rundata import PHASES, phases

def lanes(rows):
    """Assigns each row (sorted by trigger) the first lane free at its trigger time."""
    ends = []
    out = []
    for r in rows:
        start, end = r["t_trigger"], r["t_end"] if r["t_end"] is not None else r["t_trigger"]
        for i, e in enumerate(ends):
            if e <= start:
                ends[i] = end
                out.append(i)
                break
        else:
            ends.append(end)
            out.append(len(ends) - 1)
    return out, len(ends)


def layout_of(run):
    """(label, rows, lane of each row, first lane, lanes) per function and platform."""
    rows = run.first_rows  # sorted by trigger time, at most Run.GANTT_ROWS
    groups = []
    for fn in run.functions():
        for platform in sorted({r["platform"] for r in rows if r["function"] == fn}):
            g = [r for r in rows if r["function"] == fn and r["platform"] == platform]
            if g:
                groups.append((f"{fn}\n({platform})", g))
    total_lanes = 0
    layout = []
    for label, g in groups:
        lane_of, n = lanes(g)
        layout.append((label, g, lane_of, total_lanes, n))
        total_lanes += n + 1  # a gap between groups
    return layout, total_lanes


def t_max_of(run):
    return max((r["t_end"] or r["t_trigger"] for r in run.first_rows), default=0.0)


def height_for(total_lanes, n_groups):
    return min(12.0, max(2.5, 0.9 + 0.12 * total_lanes + 0.35 * n_groups))


def draw_on(ax, run, div):
    """Draws the run's first invocations on `ax`, time divided by `div`."""
    layout, _ = layout_of(run)
    names = PHASES
    bars = {n: ([], [], []) for n in names}  # y, left, width
    cold_x, cold_y = [], []
    yticks, ylabels = [], []
    for label, g, lane_of, base, n in layout:
        yticks.append(base + (n - 1) / 2)
        ylabels.append(label)
        for r, lane in zip(g, lane_of):
            y = base + lane
            t = r["t_trigger"]
            for name, d in zip(names, phases(r)):
                if d > 0:
                    bars[name][0].append(y)
                    bars[name][1].append(t / div)
                    bars[name][2].append(d / div)
                t += d
            if r.get("cold_start") == 1 and r.get("t_start") is not None:
                cold_x.append(r["t_start"] / div)
                cold_y.append(y)
    for name in names:
        y, left, width = bars[name]
        if y:
            ax.barh(y, width, left=left, height=0.8, color=style.PHASE_COLOURS[name], label=name, linewidth=0)
    if cold_x:
        ax.scatter(cold_x, cold_y, marker="|", s=30, color="black", label="cold start", zorder=3)
    ax.set_yticks(yticks)
    ax.set_yticklabels(ylabels, fontsize=7)
    ax.invert_yaxis()


def note_of(run):
    rows = run.first_rows
    return f" (first {len(rows)} of {run.trace_rows} invocations)" if run.trace_rows > len(rows) else ""


CAPTION = "Each bar is one invocation, stacked by parallel invocations per function: queued (waiting for " \
    "resources), cold start (environment start, image pull), stage-in, exec, stage-out; | marks a cold start."


def draw(run, out_dir, formats):
    if not run.first_rows:
        return None
    note = note_of(run)
    div, unit = style.time_unit(t_max_of(run))
    layout, total_lanes = layout_of(run)
    fig, ax = style.figure(height_for(total_lanes, len(layout)))
    draw_on(ax, run, div)
    ax.set_xlabel(f"time since start ({unit})")
    style.legend_outside(ax, f"Invocations over time{note}", ncol=6)
    return style.save(fig, out_dir, "gantt", formats), CAPTION + note
