"""Sweep figures (from sweep.csv and sweep.json, `contsim sweep gather`):
- curves of time and cost against the first axis, with 95 % confidence bands over replications
  (one curve per value of a second axis);
- power tuning, as AWS Lambda Power Tuning draws it: a categorical memory axis, average duration
  and average cost per invocation, the best-cost, best-time and balanced sizes marked;
- heat maps of response time and cost for two-axis grids;
- for any sweep, time against cost per invocation with the Pareto front."""
import style


def _float(v):
    return float(v) if v not in (None, "") else None


def _numeric(values):
    try:
        [float(v) for v in values]
        return True
    except ValueError:
        return False


def _series(rows, col):
    mean = [_float(r[col]) for r in rows]
    ci = [_float(r.get(col + "_ci95")) or 0.0 for r in rows]
    return mean, ci


def _band(ax, x, mean, ci, color, label, marker="o"):
    pts = [(a, m, c) for a, m, c in zip(x, mean, ci) if m is not None]
    if not pts:
        return
    xs, ms, cs = zip(*pts)
    ax.plot(xs, ms, marker=marker, color=color, label=label)
    if any(cs):
        ax.fill_between(xs, [m - c for m, c in zip(ms, cs)], [m + c for m, c in zip(ms, cs)], color=color, alpha=0.2,
                        linewidth=0)


def _axes(run):
    return [a["column"] for a in run.sweep_manifest.get("axes", [])]


def _curves(run, out_dir, formats):
    rows, axes = run.sweep, _axes(run)
    if len(axes) > 2:
        return None
    first = axes[0]
    values = list(dict.fromkeys(r[first] for r in rows))
    numeric = _numeric(values)
    position = {v: (float(v) if numeric else i) for i, v in enumerate(values)}
    groups = {}
    for r in rows:
        groups.setdefault(r[axes[1]] if len(axes) == 2 else None, []).append(r)
    fig, (t_ax, c_ax) = style.figure(5.6, nrows=2, sharex=True)
    for i, (key, group) in enumerate(groups.items()):
        x = [position[r[first]] for r in group]
        suffix = f" ({axes[1]} = {key})" if key is not None else ""
        colour = style.PALETTE[i % len(style.PALETTE)]
        mean, ci = _series(group, "mean_response_s")
        _band(t_ax, x, mean, ci, colour, "mean response" + suffix)
        if key is None:
            mean, ci = _series(group, "mean_exec_s")
            _band(t_ax, x, mean, ci, style.PALETTE[1], "mean exec", marker="s")
        mean, ci = _series(group, "cost_per_invocation_usd")
        _band(c_ax, x, mean, ci, colour, "cost per invocation" + suffix)
    t_ax.set_ylabel("seconds")
    c_ax.set_ylabel("USD per invocation")
    c_ax.set_xlabel(first)
    if not numeric:
        c_ax.set_xticks(list(position.values()))
        c_ax.set_xticklabels(values)
    style.legend_outside(t_ax, f"Sweep over {first}", ncol=2)
    c_ax.legend(fontsize=8)
    reps = run.sweep_manifest.get("replications", 1)
    caption = (f"Time and cost per invocation against {first}; bands: 95 % confidence interval of the mean over "
               f"{reps} replications" if reps > 1 else f"Time and cost per invocation against {first} (one replication: no bands)")
    return style.save(fig, out_dir, "sweep_curves", formats), caption + "."


def _power_tuning(run, out_dir, formats):
    pt = run.sweep_manifest.get("results", {}).get("power_tuning")
    if not pt:
        return None
    rows = [r for r in run.sweep if r["mean_exec_s"] not in ("", None)]
    memory = [r[_axes(run)[0]] for r in rows]
    x = list(range(len(rows)))
    fig, ax = style.figure(3.8)
    duration = [float(r["mean_exec_s"]) * 1000 for r in rows]
    ax.plot(x, duration, marker="o", color=style.PALETTE[0], label="average duration (ms)")
    ax.set_ylabel("ms")
    ax.set_xlabel("memory (MB)")
    ax.set_xticks(x)
    ax.set_xticklabels(memory)
    cost_ax = ax.twinx()
    cost_ax.grid(False)
    cost = [float(r["cost_per_invocation_usd"]) for r in rows]
    cost_ax.plot(x, cost, marker="s", color=style.PALETTE[3], label="average cost per invocation (USD)")
    cost_ax.set_ylabel("USD per invocation")
    marks = [("best_cost", "best cost", "v", style.PALETTE[3], cost_ax, cost),
             ("best_time", "best time", "^", style.PALETTE[0], ax, duration),
             ("balanced", "balanced", "*", style.PALETTE[2], cost_ax, cost)]
    for key, label, marker, colour, axis, ys in marks:
        m = pt[key]["memory_mb"]
        if m in memory:
            i = memory.index(m)
            axis.scatter([i], [ys[i]], s=140, marker=marker, color=colour, zorder=5, edgecolor="black",
                         label=f"{label}: {m} MB")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = cost_ax.get_legend_handles_labels()
    style.legend_outside(ax, "Power tuning", ncol=2, handles=h1 + h2, labels=l1 + l2)
    text = "; ".join(f"{label} {pt[key]['memory_mb']} MB ({pt[key]['cost_per_invocation_usd']:.3g} USD/invocation, "
                     f"{pt[key]['mean_exec_s']:.3f} s)" for key, label, *_ in marks)
    caption = (f"Power tuning as AWS Lambda Power Tuning draws it: average duration and cost per invocation per memory "
               f"size. Recommendation: {text}; balanced weight {pt['balanced_weight']}.")
    return style.save(fig, out_dir, "sweep_power_tuning", formats), caption


def _heatmap(run, out_dir, formats):
    axes = _axes(run)
    if len(axes) != 2:
        return None
    rows = run.sweep
    xs = list(dict.fromkeys(r[axes[0]] for r in rows))
    ys = list(dict.fromkeys(r[axes[1]] for r in rows))
    fig, panels = style.figure(3.6, ncols=2)
    for panel, (col, label) in zip(panels, (("mean_response_s", "mean response (s)"),
                                             ("cost_per_invocation_usd", "USD per invocation"))):
        grid = [[float("nan")] * len(xs) for _ in ys]
        for r in rows:
            if r[col] not in ("", None):
                grid[ys.index(r[axes[1]])][xs.index(r[axes[0]])] = float(r[col])
        image = panel.imshow(grid, origin="lower", aspect="auto", cmap="viridis")
        panel.set_xticks(range(len(xs)))
        panel.set_xticklabels(xs, rotation=45, fontsize=7)
        panel.set_yticks(range(len(ys)))
        panel.set_yticklabels(ys, fontsize=7)
        panel.set_xlabel(axes[0])
        panel.set_ylabel(axes[1])
        panel.set_title(label, fontsize=9)
        panel.grid(False)
        fig.colorbar(image, ax=panel)
    return style.save(fig, out_dir, "sweep_heatmap", formats), \
        f"Mean response time and cost per invocation over the {axes[0]} x {axes[1]} grid (means over replications)."


def pareto_front(points):
    """Indices of the points no other point beats on both time and cost (both minimised)."""
    front = []
    for i, (t, c) in enumerate(points):
        if not any((t2 <= t and c2 <= c) and (t2 < t or c2 < c) for t2, c2 in points):
            front.append(i)
    return sorted(front, key=lambda i: points[i])


def _pareto(run, out_dir, formats):
    rows = [r for r in run.sweep if r["mean_response_s"] not in ("", None)]
    if len(rows) < 2:
        return None
    axes = _axes(run)
    points = [(float(r["mean_response_s"]), float(r["cost_per_invocation_usd"])) for r in rows]
    front = pareto_front(points)
    fig, ax = style.figure(3.8)
    ax.scatter([p[0] for p in points], [p[1] for p in points], color=style.PALETTE[5], label="sweep points")
    ax.plot([points[i][0] for i in front], [points[i][1] for i in front], marker="o", color=style.PALETTE[3],
            label="Pareto front")
    for i in front:
        ax.annotate(", ".join(rows[i][a] for a in axes), points[i], textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.set_xlabel("mean response (s)")
    ax.set_ylabel("USD per invocation")
    style.legend_outside(ax, "Time vs cost", ncol=2)
    names = "; ".join(", ".join(f"{a}={rows[i][a]}" for a in axes) for i in front)
    return style.save(fig, out_dir, "sweep_pareto", formats), \
        f"Mean response time against cost per invocation for every point; the Pareto front (no point is both faster " \
        f"and cheaper): {names}."


def draw(run, out_dir, formats):
    """Every sweep figure the sweep has data for, as (files, caption) pairs."""
    if not run.sweep or not run.sweep_manifest:
        return []
    out = []
    for fn in (_power_tuning, _curves, _heatmap, _pareto):
        result = fn(run, out_dir, formats)
        if result:
            out.append(result)
    return out
