"""Box plots of delays: queue wait per function and platform, and, where instances were
rented, their boot time and idle time before termination (e.g. AWS Batch launch/boot/scale-in)."""
import style


def draw(run, out_dir, formats):
    series = []
    for g in run.groups.values():
        if g.waits and max(g.waits) > 0:
            label = f"wait: {g.function}\n({g.platform})"
            if g.waits_seen > len(g.waits):
                label += f"\n{len(g.waits)} of {g.waits_seen}"
            series.append((label, g.waits))
    boot = [r["t_ready"] - r["t_launched"] for r in run.instances
            if r.get("t_ready") is not None and r.get("t_launched") is not None]
    idle = [r["idle_before_termination_s"] for r in run.instances
            if r.get("idle_before_termination_s") is not None and not r.get("up_at_end")]
    # Launch delay as its first job saw it: from that job's trigger to the instance's launch.
    launch = []
    for inst in run.instances:
        first = run.node_first_trigger.get(inst["instance"])
        if first is not None and inst.get("t_launched") is not None and first <= inst["t_launched"]:
            launch.append(inst["t_launched"] - first)
    if launch:
        series.append(("instance launch\n(after its first job)", launch))
    if boot:
        series.append(("instance boot", boot))
    if idle:
        series.append(("idle before\ntermination", idle))
    if not series:
        return None
    div, unit = style.time_unit(max(max(v) for _, v in series))
    fig, ax = style.figure(3.6)
    ax.boxplot([[x / div for x in v] for _, v in series], labels=[n for n, _ in series], showmeans=True)
    ax.set_ylabel(unit)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title("Delays")
    return style.save(fig, out_dir, "delays", formats), \
        "Box plots (median, quartiles, whiskers at 1.5 IQR, triangle = mean) of the queue wait per function " \
        "and, for rented instances, launch delay, boot and idle time before termination."
