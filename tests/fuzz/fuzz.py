#!/usr/bin/python3
"""Structure-aware mutation fuzzing of contsim's inputs, deterministic from a seed.

Each case copies the bundled inputs (scenarios, FDLs, calibration files, price tables, an
arrivals CSV, the sample traces) into a workspace, mutates one file the way users and tools
get them wrong (YAML keys deleted, duplicated or renamed, wrong types, non-finite and huge
numbers, bad units, invalid UTF-8, control characters, unterminated quotes, alias bombs, deep
nesting, truncation, random bytes; CSV and trace cells and columns), runs the contsim command
that reads it, and classifies the outcome:

  crash      killed by a signal (abort, segfault) or a sanitizer report
  hang       still running after --timeout seconds
  internal   exit 3 ("internal error"): bad input must never be reported as a bug
  silent     a mutation that is invalid by construction (an oracle case) exited 0
  unclipped  an error message line longer than 2,000 characters (a value printed whole)
  ok         anything else: exit 0/1 for valid results, 2 (bad input) or 4 (unwritable output)

Exit status 1 when any case is not ok. Reproducers land in --keep (the mutated file, the
command, its output). Usage:

  tests/fuzz/fuzz.py --contsim build/contsim --cases 300 --seed 1           # CI
  tests/fuzz/fuzz.py --contsim build/contsim --cases 20000 --seed 7 -j 2    # before a release
"""
import argparse
import concurrent.futures
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Keys whose values are free text in every file kind (a number there is a name, not a quantity).
TEXT_KEYS = {"name", "description", "id", "image", "version", "note", "source", "date", "schema", "region",
             "cluster_id", "alpine", "script", "path", "storage_provider", "log_type", "input", "output",
             "suffix", "prefix", "endpoint", "hostname", "arn", "role", "bucket", "type", "kind", "site",
             "architecture", "environment", "Variables", "vars", "annotations", "labels", "secrets"}
NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*[A-Za-z%]*$")
KEY_LINE = re.compile(r"^(\s*)(- )?([A-Za-z0-9_.\-/]+)\s*:(\s+)(.*)$")
VALUES = ["-1", "0", "-0.5", "1e308", "-1e308", "1e-320", "9223372036854775808", "abc", '""', "[]", "{}",
          "null", "~", "true", "1e308Gi", "12XB", "5 parsecs", "10000000000000000000000000ms", "ünïcødé 😀",
          "'quoted'", "[1, 2, [3]]", "{a: 1}", "*undefined", "!!binary AAAA", "0x1F", "1_000", "+.5", "1e15",
          "2026-13-45T99:99:99Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1e10h"]
NONFINITE = [".nan", ".inf", "-.inf", "nan", "inf", "1e999", "-1e999"]


def bomb():
    levels = ["&l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        levels.append(f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "[" + ", ".join(levels) + "]"


# ---------------------------------------------------------------- YAML mutations
def key_lines(lines):
    out = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        m = KEY_LINE.match(line)
        if m:
            out.append((i, m))
    return out


def strip_comment(value):
    # a '#' after a space starts a comment (outside quotes: good enough for the bundled files)
    cut = value.find(" #")
    return (value[:cut] if cut >= 0 else value).rstrip()


def exempt(m):
    return m.group(3) in TEXT_KEYS


def mutate_yaml(text, rng):
    """Returns (mutated text, mutation name, oracle: must it be rejected)."""
    lines = text.split("\n")
    keys = key_lines(lines)
    scalar_keys = [(i, m) for i, m in keys if strip_comment(m.group(5)) and strip_comment(m.group(5))[0] not in "[{|>&*"]
    kind = rng.choice(["delete_line", "delete_block", "duplicate_key", "rename_key", "value", "value", "nonfinite",
                       "unterminated_quote", "invalid_utf8", "control_char", "truncate", "random_bytes",
                       "deep_nesting", "alias_bomb", "long_value", "flow_value", "empty"])
    if not keys:
        kind = rng.choice(["truncate", "random_bytes", "invalid_utf8", "empty"])
    if kind == "delete_line":
        i, _ = rng.choice(keys)
        del lines[i]
        return "\n".join(lines), kind, False
    if kind == "delete_block":
        i, m = rng.choice(keys)
        indent = len(m.group(1)) + (2 if m.group(2) else 0)
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
            j += 1
        del lines[i:j]
        return "\n".join(lines), kind, False
    if kind == "duplicate_key" and scalar_keys:
        i, m = rng.choice(scalar_keys)
        indent = m.group(1) + ("  " if m.group(2) else "")
        lines.insert(i + 1, f"{indent}{m.group(3)}: {strip_comment(m.group(5))}")
        return "\n".join(lines), kind, True
    if kind == "rename_key":
        i, m = rng.choice(keys)
        lines[i] = lines[i].replace(m.group(3) + ":", m.group(3) + "_x:", 1)
        return "\n".join(lines), kind, False
    if kind in ("value", "nonfinite", "long_value", "alias_bomb") and scalar_keys:
        i, m = rng.choice(scalar_keys)
        value = strip_comment(m.group(5))
        oracle = False
        if kind == "nonfinite":
            if NUMBER.match(value) and not exempt(m):
                new, oracle = rng.choice(NONFINITE), True
            else:
                new = rng.choice(NONFINITE)
        elif kind == "long_value":
            new = "x" * 1_000_000
        elif kind == "alias_bomb":
            new, oracle = bomb(), True
        else:
            new = rng.choice(VALUES)
        lines[i] = f"{m.group(1)}{m.group(2) or ''}{m.group(3)}: {new}"
        return "\n".join(lines), kind, oracle
    if kind == "flow_value":
        spots = [(i, fm) for i, line in enumerate(lines) if not line.lstrip().startswith("#")
                 for fm in re.finditer(r"([A-Za-z_]+): ([^,{}\[\]#]+)", line) if "{" in line]
        if spots:
            i, fm = rng.choice(spots)
            new = rng.choice(VALUES + NONFINITE)
            lines[i] = lines[i][:fm.start(2)] + new + lines[i][fm.end(2):]
            return "\n".join(lines), kind, False
    if kind == "unterminated_quote" and scalar_keys:
        # only where no quote follows: yaml-cpp then runs the string to the end of the file
        rest_quotes = [i for i, _ in scalar_keys if '"' not in "\n".join(lines[i + 1:])]
        if rest_quotes:
            i = rng.choice(rest_quotes)
            m = KEY_LINE.match(lines[i])
            lines[i] = f"{m.group(1)}{m.group(2) or ''}{m.group(3)}: \"{strip_comment(m.group(5)).strip(chr(34))}"
            return "\n".join(lines), kind, True
    if kind == "deep_nesting":
        return text + "\ndeep: " + "[" * 5000 + "]" * 5000 + "\n", kind, True
    if kind == "empty":
        return rng.choice(["", "# only a comment\n", "---\n", "[]\n", "just a string\n"]), kind, True
    return mutate_bytes(text, rng)


def mutate_bytes(text, rng):
    data = text.encode("utf-8", "surrogateescape")
    kind = rng.choice(["truncate", "random_bytes", "invalid_utf8", "control_char"])
    pos = rng.randrange(max(1, len(data)))
    if kind == "truncate":
        return data[:pos].decode("utf-8", "surrogateescape"), kind, False
    if kind == "random_bytes":
        n = rng.randint(1, 16)
        junk = bytes(rng.randrange(256) for _ in range(n))
        return (data[:pos] + junk + data[pos + n:]).decode("utf-8", "surrogateescape"), kind, False
    if kind == "invalid_utf8":
        return (data[:pos] + b"\xff\xfe" + data[pos:]).decode("utf-8", "surrogateescape"), kind, True
    return (data[:pos] + b"\x01" + data[pos:]).decode("utf-8", "surrogateescape"), kind, True


# ---------------------------------------------------------------- CSV mutations
def mutate_arrivals(text, rng):
    """Every mutation of an arrivals CSV makes it invalid: all are oracle cases."""
    lines = [l for l in text.split("\n")]
    rows = [i for i in range(1, len(lines)) if lines[i].strip()]
    i = rng.choice(rows)
    cells = lines[i].split(",")
    kind = rng.choice(["not_a_number", "missing_cell", "extra_cell", "unsorted", "negative", "nul", "duplicate_column",
                       "nonfinite", "invalid_utf8", "huge_time"])
    if kind == "not_a_number":
        numeric = [c for c, name in enumerate(lines[0].split(",")) if name != "name"]
        cells[rng.choice(numeric)] = rng.choice(["abc", "", "1.2.3", "0x10", "1e5x"])
    elif kind == "missing_cell":
        cells.pop()
    elif kind == "extra_cell":
        cells.append("1")
    elif kind == "unsorted":
        j = rows[-1]
        lines[i], lines[j] = lines[j], lines[i]
        if i == j:
            cells[0] = "-5"
        else:
            return "\n".join(lines), kind, True
    elif kind == "negative":
        cells[0] = "-1"
    elif kind == "nul":
        cells[0] = cells[0] + "\x00"
    elif kind == "duplicate_column":
        lines[0] = lines[0] + ",t_s"
        lines = [lines[0]] + [l + ",1" if l.strip() else l for l in lines[1:]]
        return "\n".join(lines), kind, True
    elif kind == "nonfinite":
        cells[0] = rng.choice(["nan", "inf", "1e999"])
    elif kind == "invalid_utf8":
        cells[-1] = cells[-1] + "\udcff"
    elif kind == "huge_time":
        cells[0] = "1e300"
        for j in rows[rows.index(i) + 1:]:
            lines[j] = ""
    lines[i] = ",".join(cells)
    return "\n".join(lines), kind, True


def mutate_trace_csv(text, rng):
    lines = text.split("\n")
    header = lines[1].split(",") if lines[0].startswith("#") else lines[0].split(",")
    h = 1 if lines[0].startswith("#") else 0
    rows = [i for i in range(h + 1, len(lines)) if lines[i].strip()]
    kind = rng.choice(["cell", "cell", "nonfinite", "negative", "rename_column", "drop_column", "no_header", "bom",
                       "truncate", "duplicate_column"])
    numeric = [c for c, name in enumerate(header) if name.startswith("t_") or name in ("billed_ms", "cost_usd", "memory_mb")]
    if kind in ("cell", "nonfinite", "negative") and rows:
        i = rng.choice(rows)
        cells = lines[i].split(",")
        if kind == "cell":
            c = rng.randrange(len(cells))
            cells[c] = rng.choice(VALUES)
            lines[i] = ",".join(cells)
            return "\n".join(lines), kind, False
        c = rng.choice(numeric)
        cells[c] = rng.choice(["nan", "inf", "-inf"]) if kind == "nonfinite" else "-5"
        lines[i] = ",".join(cells)
        return "\n".join(lines), kind, True
    if kind == "rename_column":
        c = rng.randrange(len(header))
        header[c] = header[c] + "_x"
        lines[h] = ",".join(header)
        return "\n".join(lines), kind, False
    if kind == "drop_column":
        c = rng.randrange(len(header))
        lines = [",".join(l.split(",")[:c] + l.split(",")[c + 1:]) if j >= h and l.strip() else l for j, l in enumerate(lines)]
        return "\n".join(lines), kind, False
    if kind == "duplicate_column":
        lines[h] = lines[h] + "," + header[0]
        lines = [l + ",1" if j > h and l.strip() else l for j, l in enumerate(lines)]
        return "\n".join(lines), kind, True
    if kind == "no_header":
        return "\n".join(lines[h + 1:]), kind, True
    if kind == "bom":
        return "\ufeff" + text, kind, False
    return mutate_bytes(text, rng)


def mutate_log(text, rng):
    """CloudWatch logs: a log line may hold anything (the function's own output), so no byte-level
    mutation is invalid by construction; REPORT lines lose or garble their fields."""
    lines = text.split("\n")
    reports = [i for i, l in enumerate(lines) if "REPORT RequestId:" in l]
    if reports and rng.random() < 0.6:
        i = rng.choice(reports)
        field = rng.choice(["Duration", "Billed Duration", "Memory Size", "Max Memory Used", "Init Duration"])
        lines[i] = re.sub(field + r": [0-9.]+", field + ": " + rng.choice(["-5", "nan", "1e400", "x", ""]), lines[i])
        return "\n".join(lines), "report_field", False
    mutated, kind, _ = mutate_bytes(text, rng)
    return mutated, kind, False


def mutate_text(text, rng):  # JSON traces: byte-level and value edits
    if rng.random() < 0.5:
        nums = list(re.finditer(r"(?<=[:\s])-?\d+(\.\d+)?(?=[,\s}\]])", text))
        if nums:
            m = rng.choice(nums)
            new = rng.choice(["-1", "1e308", "0", "99999999999999999", "\"x\"", "null", "[]", "{}", "NaN"])
            return text[:m.start()] + new + text[m.end():], "number", False
    if rng.random() < 0.3:
        return "\ufeff" + text, "bom", False
    return mutate_bytes(text, rng)


# ---------------------------------------------------------------- targets
def build_targets(ws):
    """(file to mutate, mutator, commands) relative to the workspace."""
    def rel(p):
        return os.path.relpath(p, ws)
    scenarios = sorted(glob.glob(os.path.join(ws, "scenarios", "*.yaml")) + glob.glob(os.path.join(ws, "scenarios", "paper", "*.yaml")))
    planned = sorted(glob.glob(os.path.join(ws, "scenarios", "real", "*.yaml")) + glob.glob(os.path.join(ws, "scenarios", "bench", "*.yaml")))
    targets = []
    for s in scenarios:
        targets.append((rel(s), mutate_yaml, [["run", rel(s), "-o", "{out}"]]))
    for s in planned:
        targets.append((rel(s), mutate_yaml, [["plan", rel(s)]]))
    # the FDLs, calibration files and price tables, each through a scenario that reads it
    def refs(path):  # the text of a scenario without its comments: where it names its files
        return "\n".join(strip_comment(l) for l in open(path).read().split("\n") if not l.lstrip().startswith("#"))
    texts = {s: refs(s) for s in scenarios}
    for pattern in ("scenarios/fdl/*.yaml", "calibration/*.yaml", "calibration/prices/*.yaml"):
        for f in sorted(glob.glob(os.path.join(ws, pattern))):
            base = os.path.basename(f)
            users = [s for s in scenarios if re.search(r"[/\s\[,]" + re.escape(base), texts[s])]
            if not users and "prices" in f:
                users = [s for s in scenarios if "aws-us-east-1.yaml" in texts[s]]
            if users:
                targets.append((rel(f), mutate_yaml, [["run", rel(users[0]), "-o", "{out}"]]))
                continue
            users = [s for s in planned if re.search(r"[/\s\[,]" + re.escape(base), refs(s))]
            if users:
                targets.append((rel(f), mutate_yaml, [["plan", rel(users[0])]]))
    # sweep files, planned (not run) against the scenario they were written for
    for f in sorted(glob.glob(os.path.join(ws, "scenarios", "sweeps", "*.yaml"))):
        targets.append((rel(f), mutate_yaml, [["sweep", "plan", "scenarios/mask-detector-lambda.yaml", "--sweep-file",
                                               rel(f), "-o", "{out}"]]))
    targets.append(("fuzz/arrivals.csv", mutate_arrivals, [["run", "fuzz/csv-arrivals.yaml", "-o", "{out}"]]))
    samples = os.path.join("traces", "samples")
    targets.append((os.path.join(samples, "contsim-trace.csv"), mutate_trace_csv,
                    [["calibrate", os.path.join(samples, "contsim-trace.csv"), "-o", "{out}/cal.yaml"],
                     ["validate", "scenarios/mask-detector-lambda.yaml", "--against",
                      os.path.join(samples, "contsim-trace.csv"), "-o", "{out}"]]))
    for f in ("cloudwatch-report.log", "cloudwatch-filter-log-events.json", "batch-describe-jobs.json", "kubectl-jobs-pods.json"):
        p = os.path.join(samples, f)
        targets.append((p, mutate_log if f.endswith(".log") else mutate_text,
                        [["calibrate", p, "-o", "{out}/cal.yaml"], ["import", p, "-o", "{out}"]]))
    return targets


def make_workspace(dst):
    for d in ("scenarios", "calibration"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(dst, d), ignore=shutil.ignore_patterns("fit", "*.md", "CMakeLists.txt"))
    shutil.copytree(os.path.join(ROOT, "traces", "samples"), os.path.join(dst, "traces", "samples"))
    os.makedirs(os.path.join(dst, "fuzz"))
    with open(os.path.join(dst, "fuzz", "arrivals.csv"), "w") as f:
        f.write("t_s,name,size_bytes,frames\n")
        for i in range(12):
            f.write(f"{i * 0.5:.1f},frame-{i}.jpg,{100000 + i},{i + 1}\n")
    scenario = open(os.path.join(ROOT, "scenarios", "mask-detector-lambda.yaml")).read()
    scenario = scenario.replace("../calibration", "../calibration").replace("fdl: fdl/", "fdl: ../scenarios/fdl/")
    scenario = re.sub(r"\nworkload:.*", "\nworkload:\n  - name: frames\n    arrivals: {csv: arrivals.csv}\n", scenario, flags=re.S)
    with open(os.path.join(dst, "fuzz", "csv-arrivals.yaml"), "w") as f:
        f.write(scenario)


def classify(rc, out, oracle, timed_out):
    if timed_out:
        return "hang"
    if rc < 0 or rc >= 128 or "AddressSanitizer" in out or "runtime error:" in out or "LeakSanitizer" in out:
        return "crash"
    if rc == 3 or "internal error" in out:
        return "internal"
    if oracle and rc == 0:
        return "silent"
    if rc != 0 and any(len(line) > 2000 for line in out.split("\n")):  # a message, not a result
        return "unclipped"
    return "ok"


def run_case(args, ws, targets, case):
    rng = random.Random(f"{args.seed}-{case}")
    path, mutator, commands = targets[case % len(targets)] if args.target is None else targets[args.target]
    full = os.path.join(ws, path)
    original = open(full, encoding="utf-8", errors="surrogateescape", newline="").read()
    mutated, kind, oracle = mutator(original, rng)
    with open(full, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        f.write(mutated)
    results = []
    try:
        for command in commands:
            out_dir = os.path.join(ws, "out", str(case))
            cmd = [args.contsim] + [c.replace("{out}", out_dir) for c in command]
            try:
                p = subprocess.run(cmd, cwd=ws, capture_output=True, timeout=args.timeout)
                rc, out, timed_out = p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace"), False
            except subprocess.TimeoutExpired as e:
                rc, out, timed_out = -9, ((e.stdout or b"") + (e.stderr or b"")).decode("utf-8", "replace"), True
            shutil.rmtree(out_dir, ignore_errors=True)
            verdict = classify(rc, out, oracle, timed_out)
            results.append((verdict, rc, " ".join(command), out[-3000:]))
            if verdict != "ok":
                break
    finally:
        with open(full, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            f.write(original)
    return case, path, kind, oracle, mutated, results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--contsim", required=True)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds before a case counts as a hang")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--keep", help="directory for the reproducers of failing cases")
    ap.add_argument("--target", type=int, help="fuzz only this target index (see --list)")
    ap.add_argument("--list", action="store_true", help="list the targets and exit")
    args = ap.parse_args()
    args.contsim = os.path.abspath(args.contsim)
    with tempfile.TemporaryDirectory(prefix="contsim-fuzz-") as tmp:
        workspaces = []
        for j in range(args.jobs):
            ws = os.path.join(tmp, f"ws{j}")
            make_workspace(ws)
            workspaces.append(ws)
        targets = build_targets(workspaces[0])
        if args.list:
            for i, (path, mutator, commands) in enumerate(targets):
                print(i, path, mutator.__name__, [c[0] for c in commands])
            return 0
        counts, failures = {}, []
        cases = list(range(args.cases))
        chunks = [cases[j::args.jobs] for j in range(args.jobs)]

        def worker(j):
            return [run_case(args, workspaces[j], targets, c) for c in chunks[j]]

        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            done = 0
            for results in pool.map(worker, range(args.jobs)):
                for case, path, kind, oracle, mutated, runs in results:
                    done += 1
                    for verdict, rc, command, out in runs:
                        counts[verdict] = counts.get(verdict, 0) + 1
                        if verdict != "ok":
                            failures.append({"case": case, "file": path, "mutation": kind, "oracle": oracle,
                                             "verdict": verdict, "exit": rc, "command": command, "output": out})
                            if args.keep:
                                d = os.path.join(args.keep, f"case-{case}")
                                os.makedirs(d, exist_ok=True)
                                with open(os.path.join(d, os.path.basename(path)), "w", encoding="utf-8",
                                          errors="surrogateescape", newline="") as f:
                                    f.write(mutated)
                                json.dump(failures[-1], open(os.path.join(d, "case.json"), "w"), indent=2)
        print(f"fuzz: {args.cases} cases (seed {args.seed}), {sum(counts.values())} runs over {len(targets)} targets: "
              + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for f in failures:
            print(f"\n[{f['verdict']}] case {f['case']}: {f['mutation']} of {f['file']} (oracle {f['oracle']}), "
                  f"exit {f['exit']}: contsim {f['command']}\n  " + f["output"].strip()[-600:].replace("\n", "\n  "))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
