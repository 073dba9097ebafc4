"""Comparison of two runs (sim vs real, before vs after): per function, mean response time and
cost side by side with A's error relative to B; response-time CDFs with the Kolmogorov-Smirnov
distance; the two runs' Gantt charts one above the other on one time axis. A function only one
run has is listed, not dropped."""
import bisect

import fig_gantt
import style

MAX_CDF_PANELS = 8  # functions drawn in the CDF figure (the first ones, in A's order then B's)


def per_function(run):
    out = {}
    for fn in run.functions():
        groups = [g for g in run.groups.values() if g.function == fn]
        responses = sum(g.responses for g in groups)
        out[fn] = {
            "invocations": sum(g.count for g in groups),
            "mean_response_s": sum(g.response_sum for g in groups) / responses if responses else 0.0,
            "cost_usd": sum(g.cost for g in groups),
            "responses": sorted(x for g in groups for x in g.response_sample),
        }
    return out


def error_pct(a, b):
    return None if a is None or b is None or b == 0 else 100.0 * (a - b) / b


def ks_distance(a, b):
    """Largest gap between the empirical CDFs of two sorted samples."""
    if not a or not b:
        return None
    d = 0.0
    for x in sorted(set(a) | set(b)):
        d = max(d, abs(bisect.bisect_right(a, x) / len(a) - bisect.bisect_right(b, x) / len(b)))
    return d


def union_functions(pa, pb):
    return list(pa) + [f for f in pb if f not in pa]


def table(a, b):
    pa, pb = per_function(a), per_function(b)
    rows = []
    for fn in union_functions(pa, pb):
        fa, fb = pa.get(fn), pb.get(fn)
        ra = fa["mean_response_s"] if fa else None
        rb = fb["mean_response_s"] if fb else None
        ca = fa["cost_usd"] if fa else None
        cb = fb["cost_usd"] if fb else None
        rows.append({"function": fn, "only_in": None if fa and fb else ("A" if fa else "B"),
                     "a_response_s": ra, "b_response_s": rb, "response_error_pct": error_pct(ra, rb),
                     "ks": ks_distance(fa["responses"], fb["responses"]) if fa and fb else None,
                     "a_cost_usd": ca, "b_cost_usd": cb, "cost_error_pct": error_pct(ca, cb)})
    return rows, pa, pb


def draw_bars(a, b, rows, out_dir, formats):
    fig, (t_ax, c_ax) = style.figure(3.8, ncols=2)
    x = list(range(len(rows)))
    w = 0.38
    for ax, key, unit in ((t_ax, "response_s", "s"), (c_ax, "cost_usd", "USD")):
        for side, offset, colour, run in (("a", -w / 2, style.PALETTE[0], a), ("b", w / 2, style.PALETTE[1], b)):
            xs = [i + offset for i, r in zip(x, rows) if r[side + "_" + key] is not None]
            ys = [r[side + "_" + key] for r in rows if r[side + "_" + key] is not None]
            ax.bar(xs, ys, w, label=f"{side.upper()}: {run.title()}", color=colour)
        err_key = "response_error_pct" if key == "response_s" else "cost_error_pct"
        for i, r in zip(x, rows):
            top = max(v for v in (r["a_" + key], r["b_" + key], 0.0) if v is not None)
            if r["only_in"]:
                ax.annotate(f"only in {r['only_in']}", (i, top), ha="center", va="bottom", fontsize=7)
            elif r[err_key] is not None:
                ax.annotate(f"{r[err_key]:+.1f}%", (i, top), ha="center", va="bottom", fontsize=7)
        ax.set_xticks(x)
        ax.set_xticklabels([r["function"] for r in rows], fontsize=7, rotation=15)
        ax.set_ylabel(f"mean response ({unit})" if key == "response_s" else f"cost ({unit})")
        style.legend_outside(ax, "Mean response per function" if key == "response_s" else "Cost per function",
                             ncol=1)
    return (style.save(fig, out_dir, "compare", formats),
            "A vs B per function; labels give A's error relative to B, or the run a function is only in.")


def draw_cdfs(a, b, rows, pa, pb, out_dir, formats):
    shown = [r for r in rows if (pa.get(r["function"]) or {}).get("responses")
             or (pb.get(r["function"]) or {}).get("responses")][:MAX_CDF_PANELS]
    if not shown:
        return None
    ncols = min(4, len(shown))
    nrows = -(-len(shown) // ncols)
    fig, axes = style.figure(2.6 * nrows + 0.4, ncols=ncols, nrows=nrows, squeeze=False)
    for k, r in enumerate(shown):
        ax = axes[k // ncols][k % ncols]
        fn = r["function"]
        for side, colour, p, run in (("A", style.PALETTE[0], pa, a), ("B", style.PALETTE[1], pb, b)):
            xs = (p.get(fn) or {}).get("responses") or []
            if xs:
                ys = [(i + 1) / len(xs) for i in range(len(xs))]
                ax.step(xs, ys, where="post", color=colour, label=f"{side}: {run.title()}")
        ax.set_title(fn + (f"  (KS D = {r['ks']:.2f})" if r["ks"] is not None else f"  (only in {r['only_in']})"),
                     fontsize=8)
        ax.set_xlabel("response time (s)")
        ax.set_ylabel("fraction of invocations")
        ax.set_ylim(0, 1.02)
    for k in range(len(shown), nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    axes[0][0].legend(fontsize=7, loc="lower right")
    more = len(rows) - len(shown)
    note = f" The first {len(shown)} of {len(rows)} functions are drawn." if more > 0 else ""
    return (style.save(fig, out_dir, "compare_cdf", formats),
            "Response-time CDF per function, A vs B (trigger to end; delegated attempts left out); KS D is the "
            "largest vertical gap between the two curves." + note)


def draw_gantts(a, b, out_dir, formats):
    if not a.first_rows or not b.first_rows:
        return None
    div, unit = style.time_unit(max(fig_gantt.t_max_of(a), fig_gantt.t_max_of(b)))
    la, lanes_a = fig_gantt.layout_of(a)
    lb, lanes_b = fig_gantt.layout_of(b)
    ha = fig_gantt.height_for(lanes_a, len(la))
    hb = fig_gantt.height_for(lanes_b, len(lb))
    fig, (ax_a, ax_b) = style.figure(min(14.0, ha + hb), nrows=2, sharex=True,
                                     gridspec_kw={"height_ratios": [ha, hb]})
    fig_gantt.draw_on(ax_a, a, div)
    fig_gantt.draw_on(ax_b, b, div)
    ax_b.set_xlabel(f"time since start ({unit})")
    style.legend_outside(ax_a, f"A: {a.title()}{fig_gantt.note_of(a)}", ncol=6)
    ax_b.set_title(f"B: {b.title()}{fig_gantt.note_of(b)}")
    return (style.save(fig, out_dir, "compare_gantt", formats),
            "The two runs' invocations on one time axis, A above B. " + fig_gantt.CAPTION)


def draw(a, b, out_dir, formats):
    """Returns (figures, table rows); no figures when the runs share no function."""
    rows, pa, pb = table(a, b)
    if not any(r["only_in"] is None for r in rows):
        return [], rows
    figures = [draw_bars(a, b, rows, out_dir, formats)]
    for extra in (draw_cdfs(a, b, rows, pa, pb, out_dir, formats), draw_gantts(a, b, out_dir, formats)):
        if extra:
            figures.append(extra)
    return figures, rows
