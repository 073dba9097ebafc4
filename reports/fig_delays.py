"""Box plots of delays: queue wait per function and platform, and, where instances were
rented, their boot time and idle time before termination (e.g. AWS Batch launch/boot/scale-in)."""
import style


def draw(run, out_dir, formats):
    series = []
    for fn in run.functions():
        for platform in sorted({r["platform"] for r in run.trace if r["function"] == fn}):
            waits = [r["t_start"] - r["t_trigger"] for r in run.trace
                     if r["function"] == fn and r["platform"] == platform and r.get("t_start") is not None]
            if waits and max(waits) > 0:
                series.append((f"wait: {fn}\n({platform})", waits))
    boot = [r["t_ready"] - r["t_launched"] for r in run.instances
            if r.get("t_ready") is not None and r.get("t_launched") is not None]
    idle = [r["idle_before_termination_s"] for r in run.instances
            if r.get("idle_before_termination_s") is not None and not r.get("up_at_end")]
    launch = []
    jobs_by_node = {}
    for r in run.trace:
        if r.get("t_start") is not None:
            jobs_by_node.setdefault(r["node"], []).append(r)
    for inst in run.instances:
        # Launch delay as its first job saw it: from that job's trigger to the instance's launch.
        jobs = [j for j in jobs_by_node.get(inst["instance"], []) if j["t_trigger"] <= inst["t_launched"]]
        if jobs:
            launch.append(inst["t_launched"] - min(j["t_trigger"] for j in jobs))
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
