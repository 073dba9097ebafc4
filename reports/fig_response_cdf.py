"""Response-time CDF per function and platform (t_end - t_trigger of the attempts that were not
delegated away), from the run's bounded sample (every response up to Group.SAMPLE, then a
deterministic reservoir)."""
import style


def draw(run, out_dir, formats):
    groups = [g for g in run.groups.values() if g.response_sample]
    if not groups:
        return None
    div, unit = style.time_unit(max(max(g.response_sample) for g in groups) or 1)
    fig, ax = style.figure(3.6)
    sampled = False
    for i, g in enumerate(groups):
        xs = sorted(x / div for x in g.response_sample)
        n = len(xs)
        ys = [(k + 1) / n for k in range(n)]
        label = f"{g.function} ({g.platform}, n={g.responses})"
        sampled = sampled or g.responses > n
        ax.step(xs, ys, where="post", label=label, color=style.PALETTE[i % len(style.PALETTE)])
    ax.set_xlabel(f"response time ({unit})")
    ax.set_ylabel("fraction of responses")
    ax.set_ylim(0, 1.02)
    style.legend_outside(ax, "Response-time CDF", ncol=2)
    caption = ("Empirical CDF of the response time (t_end - t_trigger) per function and platform, attempts "
               "delegated away excluded.")
    if sampled:
        caption += " Above 20,000 responses a uniform sample of 20,000 is drawn."
    return style.save(fig, out_dir, "response_cdf", formats), caption
