#!/usr/bin/python3
"""Loading contsim runs with pandas, and one figure redrawn from them.

    /usr/bin/python3 reports/examples/pandas_example.py RUN_DIR [RUN_DIR...] [-o FIGURE.png]

Each run directory's trace.csv becomes a DataFrame with a `run_id` column (summary.json's
`run_id`: the same scenario files, seed and overrides give the same id), so several runs,
simulated and real, concatenate into one table. The first line of a contsim table is
`# schema: ID/VERSION` (sim/schema/OUTPUTS.md documents every column); `skiprows=1` passes it.
The script prints the mean and p95 response per run and function, and redraws the report's
response-time CDF (reports/fig_response_cdf.py) from the DataFrame. Its responses are per
attempt (trigger to end); summary.json's count an event delegated to a replica from its first
trigger (the attempt its parent_id names), so the two differ for delegated events only. Debian: apt install
python3-pandas python3-matplotlib."""
import argparse
import json
import os
import sys


def load_table(run_dir, name):
    """NAME (trace.csv, instances.csv, ...) of a run as a DataFrame, with the run's id."""
    import pandas as pd
    path = os.path.join(run_dir, name)
    if not os.path.exists(path) and os.path.exists(path + ".zst"):
        path += ".zst"  # a run with --compress zstd: pandas reads zstd frames itself
    with open(os.path.join(run_dir, "summary.json")) as f:
        summary = json.load(f)
    df = pd.read_csv(path, skiprows=1, dtype={"node": str, "input": str, "delegated_to": str, "mechanism": str})
    df.insert(0, "run_id", summary["run_id"])
    df.insert(1, "scenario", summary["provenance"]["scenario"])
    return df


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", help="contsim run directories")
    parser.add_argument("-o", "--output", default="response_cdf_pandas.png", help="the figure (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        import pandas as pd
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        print(f"pandas_example: {e} (Debian: apt install python3-pandas python3-matplotlib)", file=sys.stderr)
        return 2
    trace = pd.concat([load_table(d, "trace.csv") for d in args.runs], ignore_index=True)
    # A response is trigger to end of an attempt that was not handed over to another service.
    answered = trace[trace["status"] != "delegated"].copy()
    answered["response_s"] = answered["t_end"] - answered["t_trigger"]
    table = answered.groupby(["run_id", "scenario", "function"])["response_s"].agg(
        invocations="count", mean_response_s="mean", p95_response_s=lambda s: s.quantile(0.95))
    print(table.to_string(float_format=lambda v: f"{v:.3f}"))

    fig, ax = plt.subplots(figsize=(8, 4))
    for (run_id, scenario, function), group in answered.groupby(["run_id", "scenario", "function"]):
        xs = group["response_s"].sort_values().to_numpy()
        ax.step(xs, [(i + 1) / len(xs) for i in range(len(xs))], where="post", label=f"{scenario}: {function}")
    ax.set_xlabel("response time (s)")
    ax.set_ylabel("fraction of invocations")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.output, metadata={"Software": None})
    print(f"figure: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
