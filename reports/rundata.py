"""Reads a contsim run directory (simulated or from a real-runner: same files): summary.json,
trace.csv, timeline.csv, instances.csv, job_states.csv; or a sweep directory (sweep.csv)."""
import csv
import json
import os


class ReportError(Exception):
    """Bad input: printed as one line, exit status 2."""


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        return value


def read_csv(path, numeric=True):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        rows = []
        for line_no, row in enumerate(reader, start=2):
            if None in row:
                raise ReportError(f"{path}:{line_no}: more cells than the header has columns")
            rows.append({k: (_number(v) if numeric else v) for k, v in row.items()})
        return rows


class Run:
    def __init__(self, directory):
        if not os.path.isdir(directory):
            raise ReportError(f"{directory}: no such run directory")
        self.dir = directory.rstrip("/")
        self.name = os.path.basename(os.path.abspath(self.dir))
        self.summary = None
        path = os.path.join(self.dir, "summary.json")
        if os.path.exists(path):
            try:
                with open(path) as f:
                    self.summary = json.load(f)
            except json.JSONDecodeError as e:
                raise ReportError(f"{path}:{e.lineno}: not valid JSON ({e.msg})")
        self.trace = read_csv(os.path.join(self.dir, "trace.csv"))
        for row in self.trace:  # text columns stay text even when they look numeric
            for col in ("id", "function", "platform", "site", "node", "input", "status", "delegated_to", "mechanism"):
                if row.get(col) is not None and not isinstance(row[col], str):
                    row[col] = _text(row[col])
        self.timeline = read_csv(os.path.join(self.dir, "timeline.csv"))
        self.instances = read_csv(os.path.join(self.dir, "instances.csv"))
        self.job_states = read_csv(os.path.join(self.dir, "job_states.csv"))
        self.sweep = read_csv(os.path.join(self.dir, "sweep.csv"), numeric=False)
        if self.summary is None and not self.trace and not self.sweep:
            raise ReportError(f"{self.dir}: not a contsim run (no summary.json, trace.csv or sweep.csv)")

    @property
    def is_sweep(self):
        return bool(self.sweep)

    def title(self):
        if self.summary:
            return self.summary.get("provenance", {}).get("scenario", self.name)
        return self.name

    def functions(self):
        seen = []
        for row in self.trace:
            if row["function"] not in seen:
                seen.append(row["function"])
        return seen


def _text(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def phases(row):
    """(queued, start-up, exec, stage-out) durations in seconds of one trace row; a phase that
    never happened is 0. Start-up = cold start, image pull and stage-in."""
    t = [row.get(c) for c in ("t_trigger", "t_start", "t_exec_start", "t_exec_end", "t_end")]
    out = []
    last = t[0]
    for nxt in t[1:]:
        if last is None or nxt is None:
            out.append(0.0)
            continue
        out.append(max(0.0, nxt - last))
        last = nxt
    # A gateway or killed attempt has no exec end: its remaining time counts as start-up.
    if t[2] is None and t[1] is not None and t[4] is not None:
        out = [out[0], max(0.0, t[4] - t[1]), 0.0, 0.0]
    elif t[3] is None and t[2] is not None and t[4] is not None:
        out[2] = max(0.0, t[4] - t[2])
        out[3] = 0.0
    return out
