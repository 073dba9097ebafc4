"""Comparison of two runs per function (sim vs real, before vs after): mean response time and
cost side by side, with the relative error of A against B."""
import style


def per_function(run):
    out = {}
    for fn in run.functions():
        groups = [g for g in run.groups.values() if g.function == fn]
        responses = sum(g.responses for g in groups)
        out[fn] = {
            "invocations": sum(g.count for g in groups),
            "mean_response_s": sum(g.response_sum for g in groups) / responses if responses else 0.0,
            "cost_usd": sum(g.cost for g in groups),
        }
    return out


def error_pct(a, b):
    return None if b == 0 else 100.0 * (a - b) / b


def table(a, b):
    pa, pb = per_function(a), per_function(b)
    rows = []
    for fn in [f for f in pa if f in pb]:
        rows.append({"function": fn,
                     "a_response_s": pa[fn]["mean_response_s"], "b_response_s": pb[fn]["mean_response_s"],
                     "response_error_pct": error_pct(pa[fn]["mean_response_s"], pb[fn]["mean_response_s"]),
                     "a_cost_usd": pa[fn]["cost_usd"], "b_cost_usd": pb[fn]["cost_usd"],
                     "cost_error_pct": error_pct(pa[fn]["cost_usd"], pb[fn]["cost_usd"])})
    return rows


def draw(a, b, out_dir, formats):
    rows = table(a, b)
    if not rows:
        return None, rows
    fig, (t_ax, c_ax) = style.figure(3.8, ncols=2)
    x = list(range(len(rows)))
    w = 0.38
    for ax, key, unit in ((t_ax, "response_s", "s"), (c_ax, "cost_usd", "USD")):
        ax.bar([i - w / 2 for i in x], [r["a_" + key] for r in rows], w, label=f"A: {a.title()}",
               color=style.PALETTE[0])
        ax.bar([i + w / 2 for i in x], [r["b_" + key] for r in rows], w, label=f"B: {b.title()}",
               color=style.PALETTE[1])
        err_key = "response_error_pct" if key == "response_s" else "cost_error_pct"
        for i, r in zip(x, rows):
            if r[err_key] is not None:
                top = max(r["a_" + key], r["b_" + key])
                ax.annotate(f"{r[err_key]:+.1f}%", (i, top), ha="center", va="bottom", fontsize=7)
        ax.set_xticks(x)
        ax.set_xticklabels([r["function"] for r in rows], fontsize=7, rotation=15)
        ax.set_ylabel(unit)
        style.legend_outside(ax, "Mean response per function" if key == "response_s" else "Cost per function",
                             ncol=1)
    return (style.save(fig, out_dir, "compare", formats),
            "A vs B per function; labels give A's error relative to B."), rows
