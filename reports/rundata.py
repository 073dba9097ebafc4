"""Reads a contsim run directory (simulated or from a real-runner: same files): summary.json,
trace.csv, timeline.csv, instances.csv, job_states.csv (each possibly NAME.zst: a run with
--compress zstd); or a sweep directory (sweep.csv)."""
import array
import csv
import heapq
import io
import itertools
import json
import os
import random
import subprocess

import schema


class ReportError(Exception):
    """Bad input: printed as one line, exit status 2."""


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        return value


def existing(path):
    """`path`, or `path`.zst when only the compressed file exists; None when neither does."""
    if os.path.exists(path):
        return path
    if os.path.exists(path + ".zst"):
        return path + ".zst"
    return None


def open_text(path):
    """A text file for reading; a NAME.zst is decompressed as it is read (Debian's
    python3-zstandard, else the zstd command)."""
    if not path.endswith(".zst"):
        return open(path, newline="")
    try:
        import zstandard
        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True),
                                encoding="utf-8", newline="")
    except ImportError:
        try:
            p = subprocess.Popen(["zstd", "-dcq", path], stdout=subprocess.PIPE)
        except FileNotFoundError:
            raise ReportError(f"{path}: reading a .zst file needs python3-zstandard or the zstd command")
        return io.TextIOWrapper(p.stdout, encoding="utf-8", newline="")


def skip_schema_line(f, path):
    """Reads the lines before the header: checks the `# schema: ID/VERSION` line of contsim's
    tables (schema.py, generated from sim/schema/Schema.cpp; files without one are read as version
    1) and keeps the other `#` lines (a sampled trace's `# sampled:` note). Returns (lines from
    the header on, the number of lines read before it, the comment lines)."""
    name = os.path.basename(path)
    if name.endswith(".zst"):
        name = name[:-4]
    comments = []
    for line in f:
        if not line.startswith("#"):
            return itertools.chain([line], f), len(comments), comments
        if line.startswith("# schema:") and not comments:
            expected = schema.SCHEMAS.get(name)
            got = line[len("# schema:"):].strip()
            sid, _, version = got.partition("/")
            if expected and (sid != expected["id"] or not version.isdigit()
                             or not 1 <= int(version) <= expected["version"]):
                raise ReportError(f"{path}:1: schema {got!r} is not one this report reads "
                                  f"({expected['id']}/1..{expected['version']})")
        comments.append(line.rstrip("\r\n"))
    return iter(()), len(comments), comments


def read_csv(path, numeric=True):
    path = existing(path)
    if path is None:
        return []
    with open_text(path) as f:
        lines, skipped, _ = skip_schema_line(f, path)
        first_line = 2 + skipped
        reader = csv.DictReader(lines)
        rows = []
        for line_no, row in enumerate(reader, start=first_line):
            if None in row:
                raise ReportError(f"{path}:{line_no}: more cells than the header has columns")
            rows.append({k: (_number(v) if numeric else v) for k, v in row.items()})
        return rows


class Group:
    """Aggregates of one (function, platform): bounded memory whatever the trace length."""
    SAMPLE = 20000  # waits kept for box plots (the first ones, then a deterministic reservoir)

    def __init__(self, function, platform):
        self.function, self.platform = function, platform
        self.count = 0
        self.phase_sums = [0.0] * len(PHASES)
        # Attempts that ran a script (t_exec_start set): a delegated or failed one that never ran
        # would count as a zero-length run in a mean (the breakdown's old bug).
        self.ran = 0
        self.ran_phase_sums = [0.0] * len(PHASES)
        self.cost = 0.0
        self.response_sum = 0.0
        self.responses = 0
        self.waits = []
        self.waits_seen = 0
        self.response_sample = []  # response times for CDFs: all of them up to SAMPLE, then a reservoir

    def add_wait(self, w, rng):
        self.waits_seen += 1
        _reservoir_add(self.waits, self.waits_seen, w, self.SAMPLE, rng)

    def add_response(self, r, rng):
        self.responses += 1
        self.response_sum += r
        _reservoir_add(self.response_sample, self.responses, r, self.SAMPLE, rng)


def _reservoir_add(sample, seen, value, size, rng):
    """Keeps a uniform sample of `size` values out of `seen` (Vitter's algorithm R)."""
    if len(sample) < size:
        sample.append(value)
    else:
        j = rng.randrange(seen)
        if j < size:
            sample[j] = value


class Run:
    GANTT_ROWS = 3000  # the first invocations by trigger time are kept for the Gantt chart

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
        self.timeline = read_csv(os.path.join(self.dir, "timeline.csv"))
        self.instances = read_csv(os.path.join(self.dir, "instances.csv"))
        self.phases = read_csv(os.path.join(self.dir, "phases.csv"), numeric=False)  # phased functions only
        self.sweep = read_csv(os.path.join(self.dir, "sweep.csv"), numeric=False)
        self.sweep_manifest = None  # sweep.json: axes, points, results (contsim sweep gather)
        if self.sweep:
            path = os.path.join(self.dir, "sweep.json")
            try:
                with open(path) as f:
                    self.sweep_manifest = json.load(f)
            except FileNotFoundError:
                raise ReportError(f"{path}: missing beside sweep.csv (run `contsim sweep gather {self.dir}`)")
            except json.JSONDecodeError as e:
                raise ReportError(f"{path}:{e.lineno}: not valid JSON ({e.msg})")
        self.groups = {}          # (function, platform) -> Group, in first-seen order
        self.first_rows = []      # the GANTT_ROWS earliest rows, as dicts
        self.trace_rows = 0
        self.trace_notes = []     # "sampled: every Nth attempt ..." when the trace is sampled
        self.node_first_trigger = {}  # instance name -> earliest trigger of a job it ran
        # (function's platform site, mechanism, delegated_to) -> when each delegation happened
        # (the delegated attempt's t_end); 8 bytes a delegation
        self.delegations = {}
        self._read_trace(os.path.join(self.dir, "trace.csv"))
        if self.summary is None and not self.trace_rows and not self.sweep:
            raise ReportError(f"{self.dir}: not a contsim run (no summary.json, trace.csv or sweep.csv)")

    def _read_trace(self, path):
        path = existing(path)
        if path is None:
            return
        instance_nodes = {r["instance"] for r in self.instances if r.get("instance") is not None}
        rng = random.Random(1)
        response_rng = random.Random(2)  # its own stream: the wait sample stays as it was
        heap = []  # max-heap on (t_trigger, id) of the earliest rows
        with open_text(path) as f:
            lines, skipped, comments = skip_schema_line(f, path)
            self.trace_notes = [c[1:].strip() for c in comments if c.startswith("# sampled:")]
            first_line = 2 + skipped
            reader = csv.reader(lines)
            header = next(reader, None)
            if header is None:
                return
            col = {name: i for i, name in enumerate(header)}
            missing = [c for c in ("id", "function", "platform", "t_trigger", "t_end", "status") if c not in col]
            if missing:
                raise ReportError(f"{path}:1: missing columns {', '.join(missing)}")
            for line_no, cells in enumerate(reader, start=first_line):
                if len(cells) != len(header):
                    raise ReportError(f"{path}:{line_no}: {len(cells)} cells, the header has {len(header)}")
                row = {name: cells[i] for name, i in col.items()}
                for c in TIME_COLUMNS + ("cost_usd", "cold_start", "billed_ms"):
                    if c in row:
                        try:
                            row[c] = float(row[c]) if row[c] != "" else None
                        except ValueError:
                            raise ReportError(f"{path}:{line_no}: column {c}: not a number ({row[c]!r})")
                self._add(row, rng, response_rng, heap, instance_nodes)
                self.trace_rows += 1
        self.first_rows = [e[3] for e in sorted(heap, key=lambda e: (-e[0], -e[1], -e[2]))]

    def _add(self, row, rng, response_rng, heap, instance_nodes):
        key = (row["function"], row["platform"])
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = Group(*key)
        g.count += 1
        ran = row.get("t_exec_start") is not None
        g.ran += ran
        for i, d in enumerate(phases(row)):
            g.phase_sums[i] += d
            if ran:
                g.ran_phase_sums[i] += d
        g.cost += row.get("cost_usd") or 0.0
        if row.get("t_start") is not None and row.get("t_trigger") is not None:
            g.add_wait(row["t_start"] - row["t_trigger"], rng)
        if row["status"] != "delegated" and row.get("t_end") is not None and row.get("t_trigger") is not None:
            g.add_response(row["t_end"] - row["t_trigger"], response_rng)
        if row["status"] == "delegated":
            t = row.get("t_end") if row.get("t_end") is not None else row.get("t_trigger")
            if t is not None:
                key = (row.get("site") or "", row.get("mechanism") or "?", row.get("delegated_to") or "?")
                self.delegations.setdefault(key, array.array("d")).append(t)
        node = row.get("node")
        if node in instance_nodes and row.get("t_trigger") is not None:
            prev = self.node_first_trigger.get(node)
            if prev is None or row["t_trigger"] < prev:
                self.node_first_trigger[node] = row["t_trigger"]
        if row.get("t_trigger") is None:
            return
        entry = (-row["t_trigger"], _id_key(row["id"]), -self.trace_rows, row)
        if len(heap) < self.GANTT_ROWS:
            heapq.heappush(heap, entry)
        elif entry > heap[0]:
            heapq.heapreplace(heap, entry)

    @property
    def is_sweep(self):
        return bool(self.sweep)

    @property
    def is_real(self):
        """A real run (`contsim real` wrote real.json beside its trace)."""
        return os.path.exists(os.path.join(self.dir, "real.json"))

    def title(self):
        if self.sweep_manifest:
            return "sweep of " + os.path.basename(self.sweep_manifest.get("scenario", self.name))
        name = self.summary.get("provenance", {}).get("scenario", self.name) if self.summary else self.name
        return name + (" (real)" if self.is_real else "")

    def functions(self):
        seen = []
        for fn, _ in self.groups:
            if fn not in seen:
                seen.append(fn)
        return seen


TIME_COLUMNS = tuple(name for name, unit in schema.SCHEMAS["trace.csv"]["columns"] if unit == "s")


def _id_key(v):
    """Later ids sort first in the max-heap, so ties on t_trigger keep the smaller id."""
    try:
        return -int(v)
    except ValueError:
        return 0


PHASES = ["queued", "cold start", "stage-in", "exec", "stage-out"]


def phases(row):
    """Durations in seconds of PHASES for one trace row; a phase that never happened is 0.
    Cold start = t_start to the input download (environment start, image pull; a warm start's
    routing); a gateway or killed attempt's time after t_start without a script run counts
    there too."""
    t_trigger, t_start, t_stage_in, t_exec_start, t_exec_end, t_end = (
        row.get(c) for c in ("t_trigger", "t_start", "t_stage_in", "t_exec_start", "t_exec_end", "t_end"))

    def span(a, b):
        return max(0.0, b - a) if a is not None and b is not None else 0.0

    if t_start is None:
        return [span(t_trigger, t_end), 0.0, 0.0, 0.0, 0.0]
    if t_exec_start is None:  # no script ran: a gateway submission, a failure before stage-in
        return [span(t_trigger, t_start), span(t_start, t_end), 0.0, 0.0, 0.0]
    stage_in_from = t_stage_in if t_stage_in is not None else t_exec_start
    exec_end = t_exec_end if t_exec_end is not None else t_end
    return [span(t_trigger, t_start), span(t_start, stage_in_from), span(stage_in_from, t_exec_start),
            span(t_exec_start, exec_end), span(exec_end, t_end)]
