"""report.html (static: no network, no external files but the figures beside it) and
report.md: the run's summary table, every figure with its caption, a comparison table."""
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
img{max-width:100%}#load-check{font-size:80%;color:#777}"""


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
        out.append("<table>" + "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(fmt(v))}</td></tr>"
                                       for k, v in summary_rows(summary)) + "</table>")
    if compare_rows:
        out.append(compare_table_html(compare_rows))
    for files, caption in figures:
        shown = preferred(files)
        links = " ".join(f"<a href='{fig_dir_rel}/{html.escape(f)}'>{html.escape(f.rsplit('.', 1)[1])}</a>"
                         for f in files)
        body = f"<img src='{fig_dir_rel}/{html.escape(shown)}' alt='{html.escape(caption)}'>" if shown else ""
        out.append(f"<figure>{body}<figcaption>{html.escape(caption)} [{links}]</figcaption></figure>")
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
