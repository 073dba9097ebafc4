"""Cost breakdown: per service (what the provider bills, split into the functions' attributed
costs and the rest: idle/boot instance time or a free-tier credit) and per function; and the
resources of on-premises clusters, which cost no USD unless their node types carry a price:
node-hours and energy per service (an on-premises run's cost figure used to be empty)."""
import style


def price_caption(summary):
    tables = []
    for svc in summary.get("services", {}).values():
        p = svc.get("price_table")
        if p:
            text = f"{p.get('name')} ({p.get('date')}, {p.get('region')})"
            if text not in tables:
                tables.append(text)
    return "Prices: " + "; ".join(tables) if tables else "No price table reported."


def resource_rows(summary):
    """[(service, node-hours, energy Wh or None)] for the services that report node time."""
    rows = []
    for name, svc in summary.get("services", {}).items():
        if "node_seconds" in svc:
            rows.append((name, svc["node_seconds"] / 3600.0, svc.get("energy_wh")))
        elif "up_s" in svc:  # an on-premises GPU server: one machine up for the whole run
            rows.append((name, svc["up_s"] / 3600.0, svc.get("energy_wh")))
    return rows


def grid_text(summary):
    g = summary.get("parameters", {}).get("energy", {}).get("grid_gco2e_per_kwh")
    return f"{g['value']:g} gCO2e/kWh ({g.get('source', 'no source')})" if g else "(not reported)"


def co2e_rows(summary):
    """{service: gCO2e} for the services whose energy is modelled (energy x the grid's intensity)."""
    return {name: svc["co2e_g"] for name, svc in summary.get("services", {}).items() if "co2e_g" in svc}


def _draw_resources(ax, rows, co2e):
    co2e_of = [co2e.get(r[0]) for r in rows]
    names = [r[0] for r in rows]
    x = list(range(len(rows)))
    ax.bar([i - 0.2 for i in x], [r[1] for r in rows], width=0.4, color=style.PALETTE[0], label="node-hours (h)")
    ax.set_ylabel("node-hours (h)")
    ax.set_xticks(x)
    ax.set_xticklabels(names, fontsize=7)
    energy = [r[2] for r in rows]
    handles, labels = ax.get_legend_handles_labels()
    if any(e is not None for e in energy):
        twin = ax.twinx()
        bars = twin.bar([i + 0.2 for i in x], [e or 0.0 for e in energy], width=0.4, color=style.PALETTE[1],
                        label="energy (Wh), labelled in gCO2e")
        for bar, co2e in zip(bars, co2e_of):
            if co2e is not None:
                twin.annotate(f"{co2e:,.1f} gCO2e", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                              ha="center", va="bottom", fontsize=7)
        twin.set_ylabel("energy (Wh)")
        twin.set_ylim(0, max(e or 0.0 for e in energy) * 1.15 or 1.0)
        twin.grid(False)
        h2, l2 = twin.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=1, fontsize=8)
    ax.set_title("On-premises resources per service", pad=8 + 15 * len(handles))


def draw(run, out_dir, formats):
    s = run.summary
    if not s or "cost_usd" not in s or not run.groups:
        return None
    resources = resource_rows(s)
    if s["cost_usd"].get("total", 0) <= 0:
        if not resources:
            return None
        # Nothing billed in USD (on-premises only): what the clusters used instead.
        fig, ax = style.figure(3.8)
        _draw_resources(ax, resources, co2e_rows(s))
        return style.save(fig, out_dir, "costs", formats), \
            "No USD cost: the run's clusters carry no price. Node-hours of powered-on nodes and their energy " \
            "(idle draw plus the requested cores' share; node types without power figures give none), labelled " \
            "with its emissions at the grid intensity " + grid_text(s) + "."
    services = s.get("services", {})
    per_service = s["cost_usd"]["per_service"]
    functions = run.functions()
    # Attribute trace costs to the service whose platform label matches (unique per label).
    by_platform = {}
    for name, svc in services.items():
        by_platform.setdefault(svc.get("platform"), []).append(name)
    attributed = {name: {fn: 0.0 for fn in functions} for name in per_service}
    for g in run.groups.values():
        owners = by_platform.get(g.platform, [])
        if len(owners) == 1 and owners[0] in attributed:
            attributed[owners[0]][g.function] += g.cost
    fig, axes = style.figure(3.8, ncols=3 if resources else 2)
    a1, a2 = axes[0], axes[1]
    if resources:
        _draw_resources(axes[2], resources, co2e_rows(s))
    names = list(per_service)
    bottoms = [0.0] * len(names)
    for i, fn in enumerate(functions):
        vals = [attributed[n][fn] for n in names]
        if any(v > 0 for v in vals):
            a1.bar(names, vals, bottom=bottoms, label=fn, color=style.PALETTE[i % len(style.PALETTE)])
            bottoms = [b + v for b, v in zip(bottoms, vals)]
    rest = [per_service[n] - b for n, b in zip(names, bottoms)]
    if any(abs(r) > 1e-12 for r in rest):
        a1.bar(names, [max(r, 0) for r in rest], bottom=bottoms, label="not attributed (idle, boot, scale-in)",
               color="#BBBBBB", hatch="//", edgecolor="white")
    a1.set_ylabel("USD")
    a1.tick_params(axis="x", labelsize=7, labelrotation=15)
    style.legend_outside(a1, "Cost per service (billed)", ncol=2)
    platforms = sorted({g.platform for g in run.groups.values()})
    bottoms = [0.0] * len(functions)
    for i, platform in enumerate(platforms):
        vals = [run.groups[(fn, platform)].cost if (fn, platform) in run.groups else 0.0 for fn in functions]
        a2.bar(range(len(functions)), vals, bottom=bottoms, label=platform,
               color=style.PALETTE[(i + 3) % len(style.PALETTE)])
        bottoms = [b + v for b, v in zip(bottoms, vals)]
    a2.set_xticks(range(len(functions)))
    a2.set_xticklabels([f.replace("@", "\n@") if "@" in f else ("-\n".join(f.rsplit("-", 1)) if len(f) > 18 else f)
                        for f in functions], fontsize=6, rotation=15, ha="right")
    a2.set_ylabel("USD")
    style.legend_outside(a2, "Cost per function (its invocations' cost_usd)", ncol=3)
    credit = [n for n, r in zip(names, rest) if r < -1e-12]
    caption = price_caption(s)
    if resources:
        caption += (" Right: node-hours and energy of the on-premises clusters, labelled with gCO2e at "
                    + grid_text(s) + ".")
    if credit:
        caption += " A free-tier credit lowers the bill of: " + ", ".join(credit) + "."
    return style.save(fig, out_dir, "costs", formats), caption
