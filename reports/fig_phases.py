"""Phase breakdown of the attempts of phased functions (out/phases.csv), as E10's Fig. 8 draws
it: one stacked bar per attempt, the platform's steps (pending, initialize_container, stage_in,
stage_out) then the profile's phases, each segment labelled by where it ran (cpu, gpu, rcuda).
Beyond MAX_BARS attempts, one bar per function with the mean of each phase."""
import style

MAX_BARS = 40
PLATFORM_COLOURS = {"pending": "#E69F00", "initialize_container": "#CC79A7", "stage_in": "#56B4E9",
                    "stage_out": "#009E73"}
FUNCTION_COLOURS = ["#0072B2", "#D55E00", "#F0E442", "#000000", "#999999", "#56B4E9"]


def _light(colour):
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 150


def _attempts(rows):
    """[(label, [(phase, ran_on, seconds)])] per attempt, in first-seen order."""
    order, by_id = [], {}
    for r in rows:
        key = r["id"]
        if key not in by_id:
            by_id[key] = (r, [])
            order.append(key)
        by_id[key][1].append((r["phase"], r["ran_on"], float(r["t_end"]) - float(r["t_start"])))
    return [(f"{by_id[k][0]['function']} #{k}", by_id[k][1]) for k in order]


def _means(attempts):
    by_fn = {}
    for label, parts in attempts:
        fn = label.rsplit(" #", 1)[0]
        acc = by_fn.setdefault(fn, [0, {}])
        acc[0] += 1
        for phase, ran_on, t in parts:
            acc[1].setdefault((phase, ran_on), 0.0)
            acc[1][(phase, ran_on)] += t
    return [(f"{fn} (mean of {n})", [(p, o, t / n) for (p, o), t in sums.items()]) for fn, (n, sums) in by_fn.items()]


def draw(run, out_dir, formats):
    if not run.phases:
        return None
    attempts = _attempts(run.phases)
    if len(attempts) > MAX_BARS:
        attempts = _means(attempts)
    names = []
    for _, parts in attempts:
        for phase, _, _ in parts:
            if phase not in names:
                names.append(phase)
    colours, k = {}, 0
    for n in names:
        if n in PLATFORM_COLOURS:
            colours[n] = PLATFORM_COLOURS[n]
        else:
            colours[n] = FUNCTION_COLOURS[k % len(FUNCTION_COLOURS)]
            k += 1
    div, unit = style.time_unit(max(sum(t for _, _, t in parts) for _, parts in attempts) or 1)
    fig, ax = style.figure(max(2.2, 1.0 + 0.4 * len(attempts)))
    y = list(range(len(attempts)))
    drawn = set()
    for row, (_, parts) in enumerate(attempts):
        left = 0.0
        for phase, ran_on, t in parts:
            width = t / div
            label = phase if phase not in drawn else None
            drawn.add(phase)
            ax.barh(row, width, left=left, color=colours[phase], label=label, height=0.6,
                    hatch="//" if ran_on == "rcuda" else None, edgecolor="white", linewidth=0.5)
            if ran_on in ("gpu", "rcuda") and width > 0:
                ax.text(left + width / 2, row, ran_on, ha="center", va="center", fontsize=6,
                        color="black" if _light(colours[phase]) else "white")
            left += width
    ax.set_yticks(y)
    ax.set_yticklabels([label for label, _ in attempts], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(f"time in each phase ({unit})")
    style.legend_outside(ax, "Phases")
    return style.save(fig, out_dir, "phases", formats), \
        "Time of each attempt of a phased function in each phase (phases.csv): the platform's steps (pending, " \
        "initialize container: scheduling, image pull and start; stage-in; stage-out) and the profile's phases, " \
        "marked gpu on a local GPU and rcuda (hatched) on a remote one."
