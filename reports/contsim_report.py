#!/usr/bin/python3
"""contsim report RUN_DIR [--format png,svg,pdf] [-o DIR] [--compare OTHER_RUN_DIR]

Turns a contsim run directory (simulated, or written by a real-runner in the same schema)
or a sweep directory into figures and one static page: DIR/report.html, DIR/report.md,
DIR/figures/*. A figure is drawn only when the run has its data. The C++ `contsim report`
calls this with Debian's /usr/bin/python3 and python3-matplotlib."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

FORMATS = ("png", "svg", "pdf")


def main(argv):
    parser = argparse.ArgumentParser(prog="contsim report", description=__doc__.split("\n\n")[1])
    parser.add_argument("run_dir")
    parser.add_argument("--format", default="png", help="comma-separated: png, svg, pdf (default png)")
    parser.add_argument("-o", "--output", help="where report.html and figures/ go (default: RUN_DIR)")
    parser.add_argument("--compare", metavar="OTHER_RUN_DIR", help="a second run (B) to compare with RUN_DIR (A): per function, CDFs, Gantt charts")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        print(f"contsim report: unknown format {', '.join(bad) or '(none)'} (valid: png, svg, pdf)", file=sys.stderr)
        return 2
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("contsim report: needs matplotlib for python3 (Debian: apt install python3-matplotlib)",
              file=sys.stderr)
        return 2
    import fig_breakdown
    import fig_compare
    import fig_costs
    import fig_delays
    import fig_delegations
    import fig_gantt
    import fig_nodes
    import fig_phases
    import fig_response_cdf
    import fig_platform
    import fig_sweep
    import page
    from rundata import ReportError, Run

    try:
        run = Run(args.run_dir)
        other = Run(args.compare) if args.compare else None
    except ReportError as e:
        print(f"contsim report: {e}", file=sys.stderr)
        return 2
    out_dir = args.output or run.dir
    fig_dir = os.path.join(out_dir, "figures")
    os.makedirs(fig_dir, exist_ok=True)

    figures = []
    drawers = [fig_sweep] if run.is_sweep else [fig_gantt, fig_breakdown, fig_response_cdf, fig_phases, fig_costs,
                                                          fig_platform, fig_nodes, fig_delegations, fig_delays]
    for module in drawers:
        result = module.draw(run, fig_dir, formats)
        if isinstance(result, list):  # a drawer of several figures (fig_sweep)
            figures += result
        elif result:
            figures.append(result)
    compare_rows = []
    if other:
        compare_figures, compare_rows = fig_compare.draw(run, other, fig_dir, formats)
        figures += compare_figures
        if not compare_figures:
            print("contsim report: the two runs share no function: nothing to compare", file=sys.stderr)
    title = f"contsim report: {run.title()}" + (f" vs {other.title()}" if other else "")
    rel = page.relative(fig_dir, out_dir)
    page.write_html(os.path.join(out_dir, "report.html"), title, run.summary, figures, compare_rows, rel)
    page.write_markdown(os.path.join(out_dir, "report.md"), title, run.summary, figures, compare_rows, rel)
    names = ", ".join(f[0][0].rsplit(".", 1)[0] for f in figures) or "none (no data to draw)"
    print(f"report: {os.path.join(out_dir, 'report.html')} (figures: {names})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
