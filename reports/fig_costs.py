"""Cost breakdown: per service (what the provider bills, split into the functions' attributed
costs and the rest: idle/boot instance time or a free-tier credit) and per function."""
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


def draw(run, out_dir, formats):
    s = run.summary
    if not s or "cost_usd" not in s or not run.groups:
        return None
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
    fig, (a1, a2) = style.figure(3.8, ncols=2)
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
    style.legend_outside(a1, "Cost per service (billed)", ncol=2)
    platforms = sorted({g.platform for g in run.groups.values()})
    bottoms = [0.0] * len(functions)
    for i, platform in enumerate(platforms):
        vals = [run.groups[(fn, platform)].cost if (fn, platform) in run.groups else 0.0 for fn in functions]
        a2.bar(range(len(functions)), vals, bottom=bottoms, label=platform,
               color=style.PALETTE[(i + 3) % len(style.PALETTE)])
        bottoms = [b + v for b, v in zip(bottoms, vals)]
    a2.set_xticks(range(len(functions)))
    a2.set_xticklabels(["-\n".join(f.rsplit("-", 1)) if len(f) > 18 else f for f in functions], fontsize=7)
    a2.set_ylabel("USD")
    style.legend_outside(a2, "Cost per function (its invocations' cost_usd)", ncol=3)
    credit = [n for n, r in zip(names, rest) if r < -1e-12]
    caption = price_caption(s)
    if credit:
        caption += " A free-tier credit lowers the bill of: " + ", ".join(credit) + "."
    return style.save(fig, out_dir, "costs", formats), caption
