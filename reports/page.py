"""report.html (static: no network, no external files but the figures beside it) and
report.md, laid out as a dashboard: headline numbers, a table per function (invocations, cold
starts, mean and p95 response, cost), the attempts by status, what each OSCAR cluster and GPU
server did (delegations by mechanism, duplicates, nodes powered on and off, node-hours, energy,
gCO2e), the run's warnings, every figure with its caption, and a comparison table."""
import html
import os

# Counts the images that loaded after the page has loaded; headless browsers (and the test
# suite) read the result from the DOM.
LOAD_CHECK = """<script>
window.addEventListener('load', function () {
  var imgs = document.images, ok = 0, broken = [];
  for (var i = 0; i < imgs.length; i++) {
    if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; else broken.push(imgs[i].getAttribute('src'));
  }
  var p = document.getElementById('load-check');
  p.textContent = 'images loaded: ' + ok + ' of ' + imgs.length + (broken.length ? '; broken: ' + broken.join(', ') : '');
  p.setAttribute('data-broken', String(broken.length));
});
</script>"""

CSS = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:2em 0}figcaption{font-size:90%;color:#444}
img{max-width:100%}#load-check{font-size:80%;color:#777}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}.card{border:1px solid #ccc;border-radius:6px;
padding:8px 14px;min-width:130px}.card .v{font-size:140%;font-weight:bold}.card .k{font-size:80%;color:#555}
.warnings li{color:#8a4b00}nav a{margin-right:1em}"""


def cards(s):
    """The headline numbers: (label, value text)."""
    if not s:
        return []
    out = [("invocations", fmt(s.get("invocations"))), ("cold starts", fmt(s.get("cold_starts"))),
           ("makespan", f"{s.get('makespan_s', 0):,.1f} s"),
           ("p95 response", f"{s.get('response_s', {}).get('p95', 0):,.2f} s"),
           ("total cost", f"${s.get('cost_usd', {}).get('total', 0):,.6f}")]
    energy = [v["energy_wh"] for v in s.get("services", {}).values() if isinstance(v.get("energy_wh"), (int, float))]
    co2e = [v["co2e_g"] for v in s.get("services", {}).values() if "co2e_g" in v]
    if energy:
        out.append(("energy", f"{sum(energy):,.1f} Wh"))
    if co2e:
        out.append(("emissions", f"{sum(co2e):,.1f} gCO2e"))
    return out


FUNCTION_HEADINGS = ("function", "invocations", "cold", "mean response s", "p95 response s", "mean exec s", "cost USD")


def function_rows(s):
    rows = []
    for name, f in (s or {}).get("functions", {}).items():
        rows.append([name, fmt(f.get("invocations")), fmt(f.get("cold_starts")),
                     fmt(f.get("response_s", {}).get("mean")), fmt(f.get("response_s", {}).get("p95")),
                     fmt(f.get("exec_s", {}).get("mean")), fmt(f.get("cost_usd"))])
    return rows


def status_rows(s):
    return [[k, fmt(v)] for k, v in (s or {}).get("by_status", {}).items()]


SERVICE_HEADINGS = ("service", "jobs", "delegated (by mechanism)", "duplicates", "nodes on / off", "node-hours",
                    "energy Wh", "gCO2e")


def service_rows(s):
    """What each OSCAR cluster and GPU server did (the console's lines, as a table)."""
    rows = []
    for name, svc in (s or {}).get("services", {}).items():
        if "jobs_created" in svc and "delegated" in svc:
            delegated = ", ".join(f"{n} {m}" for m, n in svc["delegated"].items()) or "0"
            rows.append([name, fmt(svc["jobs_created"]), delegated, fmt(svc.get("duplicates", 0)),
                         f"{svc.get('nodes_powered_on', 0)} / {svc.get('nodes_powered_off', 0)}",
                         f"{svc.get('node_seconds', 0) / 3600:,.2f}", fmt(svc.get("energy_wh")), fmt(svc.get("co2e_g"))])
        elif svc.get("kind") == "gpu-server":
            sessions = sum(d.get("sessions", 0) for d in svc.get("devices", []))
            rows.append([name, f"{sessions} rCUDA sessions", "", "", "", f"{svc.get('up_s', 0) / 3600:,.2f}",
                         fmt(svc.get("energy_wh")), fmt(svc.get("co2e_g"))])
    return rows


def html_table(headings, rows):
    head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headings) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return "<table>" + head + body + "</table>"


def md_table(headings, rows):
    return ["| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)] + \
        ["| " + " | ".join(str(c) for c in r) + " |" for r in rows] + [""]


def summary_rows(s):
    if not s:
        return []
    rows = [("invocations (attempts)", s.get("invocations")),
            ("cold starts", s.get("cold_starts")),
            ("makespan (s)", s.get("makespan_s")),
            ("mean wait (s)", s.get("wait_s", {}).get("mean")),
            ("mean response (s)", s.get("response_s", {}).get("mean")),
            ("p95 response (s)", s.get("response_s", {}).get("p95")),
            ("total cost (USD)", s.get("cost_usd", {}).get("total"))]
    for name, c in s.get("cost_usd", {}).get("per_service", {}).items():
        rows.append((f"cost: {name} (USD)", c))
    for name, c in s.get("cost_usd", {}).get("per_function", {}).items():
        rows.append((f"cost: {name} (USD)", c))
    return rows


def fmt(v):
    if isinstance(v, float):
        return f"{v:.8f}".rstrip("0").rstrip(".") if abs(v) < 1 else f"{v:,.3f}"
    return "" if v is None else str(v)


def preferred(files):
    """The file a page shows: PNG, else SVG; PDF only as a link."""
    for ext in (".png", ".svg"):
        for f in files:
            if f.endswith(ext):
                return f
    return None


def write_html(path, title, summary, figures, compare_rows, fig_dir_rel):
    out = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
           f"<style>{CSS}</style></head><body>", f"<h1>{html.escape(title)}</h1>"]
    if summary:
        prov = summary.get("provenance", {})
        out.append("<p>" + html.escape(f"scenario file {prov.get('scenario_file', '?')}, seed {prov.get('seed', '?')}, "
                                       f"contsim {prov.get('contsim_version', '?')} ({prov.get('git_sha', '?')})")
                   + "</p>")
        services = service_rows(summary)
        out.append("<nav><a href='#functions'>functions</a>" + ("<a href='#services'>clusters</a>" if services else "")
                   + "<a href='#warnings'>warnings</a><a href='#figures'>figures</a><a href='#details'>all numbers</a></nav>")
        out.append("<div class='cards'>" + "".join(
            f"<div class='card'><div class='v'>{html.escape(v)}</div><div class='k'>{html.escape(k)}</div></div>"
            for k, v in cards(summary)) + "</div>")
        out.append("<h2 id='functions'>Per function</h2>" + html_table(FUNCTION_HEADINGS, function_rows(summary)))
        out.append("<h2>Attempts by status</h2>" + html_table(("status", "attempts"), status_rows(summary)))
        if services:
            out.append("<h2 id='services'>Clusters and GPU servers</h2>" + html_table(SERVICE_HEADINGS, services))
        warnings = summary.get("warnings", [])
        out.append("<h2 id='warnings'>Warnings</h2>" + (
            "<ul class='warnings'>" + "".join(f"<li>{html.escape(w)}</li>" for w in warnings) + "</ul>"
            if warnings else "<p>none</p>"))
    if compare_rows:
        out.append(compare_table_html(compare_rows))
    out.append("<h2 id='figures'>Figures</h2>")
    for files, caption in figures:
        shown = preferred(files)
        links = " ".join(f"<a href='{fig_dir_rel}/{html.escape(f)}'>{html.escape(f.rsplit('.', 1)[1])}</a>"
                         for f in files)
        body = f"<img src='{fig_dir_rel}/{html.escape(shown)}' alt='{html.escape(caption)}'>" if shown else ""
        out.append(f"<figure>{body}<figcaption>{html.escape(caption)} [{links}]</figcaption></figure>")
    if summary:
        out.append("<h2 id='details'>All numbers</h2><table>" + "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(fmt(v))}</td></tr>" for k, v in summary_rows(summary))
            + "</table>")
    out.append("<p id='load-check'>images not checked (scripts disabled)</p>")
    out.append(LOAD_CHECK)
    out.append("</body></html>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


COMPARE_HEADINGS = ("function", "A response s", "B response s", "error %", "KS D", "A cost USD", "B cost USD",
                    "error %")


def compare_cells(r):
    """One comparison row as text; a function only one run has says so."""
    missing = f"only in {r['only_in']}" if r.get("only_in") else "n/a"
    return [fmt(r[k]) if r[k] is not None else (missing if k.startswith(("a_", "b_")) else "n/a") for k in (
        "function", "a_response_s", "b_response_s", "response_error_pct", "ks", "a_cost_usd", "b_cost_usd",
        "cost_error_pct")]


def compare_table_html(rows):
    head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in COMPARE_HEADINGS) + "</tr>"
    body = ""
    for r in rows:
        body += "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in compare_cells(r)) + "</tr>"
    return "<h2>Comparison (A vs B)</h2><table>" + head + body + "</table>"


def write_markdown(path, title, summary, figures, compare_rows, fig_dir_rel):
    out = [f"# {title}", ""]
    rows = summary_rows(summary)
    if rows:
        out += ["| quantity | value |", "|---|---|"] + [f"| {k} | {fmt(v)} |" for k, v in rows] + [""]
        out += ["## Per function", ""] + md_table(FUNCTION_HEADINGS, function_rows(summary))
        out += ["## Attempts by status", ""] + md_table(("status", "attempts"), status_rows(summary))
        if service_rows(summary):
            out += ["## Clusters and GPU servers", ""] + md_table(SERVICE_HEADINGS, service_rows(summary))
        out += ["## Warnings", ""] + ([f"- {w}" for w in summary.get("warnings", [])] or ["none"]) + [""]
    if compare_rows:
        out += ["## Comparison (A vs B)", "", "| " + " | ".join(COMPARE_HEADINGS) + " |",
                "|" + "---|" * len(COMPARE_HEADINGS)]
        for r in compare_rows:
            out.append("| " + " | ".join(compare_cells(r)) + " |")
        out.append("")
    for files, caption in figures:
        shown = preferred(files)
        if shown:
            out.append(f"![{caption}]({fig_dir_rel}/{shown})")
        else:
            out.append(" ".join(f"[{f}]({fig_dir_rel}/{f})" for f in files))
        out += ["", f"*{caption}*", ""]
    with open(path, "w") as f:
        f.write("\n".join(out))


def relative(target_dir, page_dir):
    return os.path.relpath(target_dir, page_dir)
