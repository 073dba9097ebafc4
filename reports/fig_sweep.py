"""Sweep plot: time and cost against the swept value, on two axes (a power-tuning curve)."""
import style


def _x(values):
    try:
        return [float(v) for v in values], True
    except ValueError:
        return list(range(len(values))), False


def draw(run, out_dir, formats):
    if not run.sweep:
        return None
    rows = run.sweep
    values = [r["value"] for r in rows]
    x, numeric = _x(values)
    param = rows[0]["parameter"].split(".")[-1]
    fig, ax = style.figure(3.8)
    time_cols = [("mean_exec_s", "mean exec"), ("mean_response_s", "mean response")]
    for i, (col, label) in enumerate(time_cols):
        ax.plot(x, [float(r[col]) for r in rows], marker="o", color=style.PALETTE[i], label=f"{label} (s)")
    ax.set_xlabel(param)
    ax.set_ylabel("seconds")
    cost = ax.twinx()
    cost.grid(False)
    cost.plot(x, [float(r["cost_usd"]) for r in rows], marker="s", color=style.PALETTE[3], label="cost billed (USD)")
    if "attributed_cost_usd" in rows[0] and any(r["attributed_cost_usd"] != r["cost_usd"] for r in rows):
        cost.plot(x, [float(r["attributed_cost_usd"]) for r in rows], marker="^", linestyle="--",
                  color=style.PALETTE[4], label="cost attributed to invocations (USD)")
    cost.set_ylabel("USD")
    if not numeric:
        ax.set_xticks(x)
        ax.set_xticklabels(values)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = cost.get_legend_handles_labels()
    style.legend_outside(ax, f"Sweep over {rows[0]['parameter']}", ncol=2, handles=h1 + h2, labels=l1 + l2)
    return style.save(fig, out_dir, "sweep", formats), \
        "Time (left axis) and cost (right axis) for each swept value; one contsim run per point."
