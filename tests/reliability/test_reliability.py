#!/usr/bin/python3
"""Regression tests for issue 18's findings: bad input never crashes, hangs, passes silently or
exits 3; an output that was not written completely never looks complete.

  test_reliability.py CONTSIM CASE     runs one case (CTest: Reliability.CASE)
  test_reliability.py CONTSIM --list   lists the cases

Each case copies the bundled scenarios, calibration files and sample traces into a temporary
workspace, breaks one thing there, and checks the exit code, the message (file, line, key) and
what is left in the output directory.
"""
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTSIM = None
WS = None
SCENARIO = "scenarios/mask-detector-lambda.yaml"


class Failure(Exception):
    pass


def fail(message):
    raise Failure(message)


def run(*args, timeout=60):
    p = subprocess.run([CONTSIM, *args], cwd=WS, capture_output=True, text=True, errors="replace", timeout=timeout)
    return p.returncode, p.stdout + p.stderr


def path(rel):
    return os.path.join(WS, rel)


def read(rel):
    return open(path(rel), encoding="utf-8", errors="surrogateescape").read()


def write(rel, text, mode="w"):
    os.makedirs(os.path.dirname(path(rel)) or ".", exist_ok=True)
    if isinstance(text, bytes):
        open(path(rel), "wb").write(text)
    else:
        open(path(rel), mode, encoding="utf-8", errors="surrogateescape").write(text)


def edit(rel, old, new, count=1):
    text = read(rel)
    if old not in text:
        fail(f"test setup: '{old}' not in {rel}")
    write(rel, text.replace(old, new, count))


def expect_bad(args, *needles, code=2):
    """contsim ARGS exits `code` and its message holds every needle (regular expressions)."""
    rc, out = run(*args)
    if rc != code:
        fail(f"contsim {' '.join(args)}: exit {rc}, expected {code}:\n{out[-2000:]}")
    for n in needles:
        if not re.search(n, out):
            fail(f"contsim {' '.join(args)}: the message lacks /{n}/:\n{out[-2000:]}")
    if any(len(line) > 2000 for line in out.split("\n")):
        fail(f"contsim {' '.join(args)}: a message line of more than 2,000 characters")
    return out


def expect_nothing_complete(out_dir):
    """After a failed run: no summary.json and no output under its final name."""
    left = sorted(os.listdir(path(out_dir))) if os.path.isdir(path(out_dir)) else []
    complete = [f for f in left if f in ("summary.json", "trace.csv", "timeline.csv", "instances.csv", "job_states.csv")]
    if complete:
        fail(f"{out_dir} holds {complete} after a failed run: they look complete")


def with_workload(rel, workload):
    """The scenario `rel` with its workload section replaced."""
    text = read(rel)
    write(rel, re.sub(r"\nworkload:.*?(?=\n[a-z_]+:|\Z)", "\nworkload:\n" + workload, text, count=1, flags=re.S))


# ---------------------------------------------------------------- the cases
def duplicate_keys():
    write("scenarios/dup.yaml", read(SCENARIO).replace("\nseed:", "\nseed: 2\nseed:"))
    expect_bad(["run", "scenarios/dup.yaml", "-o", "out"], r"dup\.yaml:\d+:\d+: error: duplicate key 'seed' \(first at line \d+\)")
    shutil.copytree(path("scenarios"), path("s2"))  # a clean FDL for the calibration case
    edit("scenarios/fdl/scar-mask-detector-workflow.yaml", "      memory: 1024\n", "      memory: 1024\n      memory: 512\n")
    expect_bad(["run", SCENARIO, "-o", "out"], r"scar-mask-detector-workflow\.yaml:\d+:\d+: error: duplicate key 'memory'")
    edit("calibration/aws-us-east-1.yaml", "    image_size: 219MB", "    image_size: 219MB\n    image_size: 1MB")
    expect_bad(["run", "s2/mask-detector-lambda.yaml", "-o", "out"], r"aws-us-east-1\.yaml:\d+:\d+: error: duplicate key 'image_size'")
    # JSON traces, arrivals CSV and trace.csv columns
    edit("traces/samples/kubectl-jobs-pods.json", '"kind": "List"', '"kind": "List", "kind": "List"')
    expect_bad(["import", "traces/samples/kubectl-jobs-pods.json", "-o", "imp"], r"kubectl-jobs-pods\.json:\d+:\d+: error: duplicate key 'kind'")
    text = read("traces/samples/contsim-trace.csv").split("\n")
    write("dupcol.csv", "\n".join([text[0] + ",cost_usd"] + [l + ",0" for l in text[1:] if l]) + "\n")
    expect_bad(["calibrate", "dupcol.csv", "-o", "cal.yaml"], r"dupcol\.csv:1:\d+: error: 'cost_usd': duplicate column")


def unterminated_quote():
    # yaml-cpp accepts both at the end of a file, swallowing everything after the quote
    write("scenarios/open.yaml", read(SCENARIO) + '\nnote: "no closing quote\nseed: 4\n')
    expect_bad(["plan", "scenarios/open.yaml"], r"open\.yaml:\d+:7: error: unterminated double-quoted string")
    write("scenarios/open2.yaml", read(SCENARIO) + "\nnote: 'no closing quote\n")
    expect_bad(["plan", "scenarios/open2.yaml"], r"open2\.yaml:\d+:7: error: unterminated single-quoted string")


def invalid_text():
    write("scenarios/bad-utf8.yaml", read(SCENARIO).encode() + b"\n# caf\xe9 in Latin-1\n")
    expect_bad(["plan", "scenarios/bad-utf8.yaml"], r"bad-utf8\.yaml:\d+:\d+: error: invalid UTF-8 \(byte 0xE9\)")
    write("scenarios/nul.yaml", read(SCENARIO).replace("name: mask", "name: ma\x00sk", 1))
    expect_bad(["plan", "scenarios/nul.yaml"], r"nul\.yaml:\d+:\d+: error: control character U\+0000")
    bomb = "[" + ", ".join(["&a0 [x, x, x, x, x, x, x, x, x, x]"] +
                           [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]) + "]"
    write("scenarios/bomb.yaml", read(SCENARIO).replace("simulate_only: [scar-mask-detector]", "simulate_only: " + bomb))
    expect_bad(["plan", "scenarios/bomb.yaml"], r"bomb\.yaml:\d+:\d+: error: aliases expand this value to more than 1000000 nodes")
    write("scenarios/deep.yaml", read(SCENARIO) + "\ndeep: " + "[" * 5000 + "]" * 5000 + "\n")
    expect_bad(["plan", "scenarios/deep.yaml"], r"deep\.yaml:\d+:\d+: error: ")


def arrivals_csv():
    with_workload(SCENARIO, "  - name: frames\n    arrivals: {csv: arrivals.csv}\n")
    good = "t_s,name,size_bytes\n0.0,a.jpg,100\n0.5,b.jpg,200\n1.0,c.jpg,300\n"
    write("scenarios/arrivals.csv", good)
    rc, out = run("run", SCENARIO, "-o", "good")
    if rc != 0:
        fail(f"the valid arrivals CSV: exit {rc}\n{out}")
    bad = {
        "not a number": ("t_s,name,size_bytes\n0.0,a.jpg,100\n0.5,b.jpg,lots\n", r"arrivals\.csv:3:3: error: 'size_bytes': expected a number"),
        "columns": ("t_s,name,size_bytes\n0.0,a.jpg,100\n0.5,b.jpg\n", r"arrivals\.csv:3: error: expected 3 columns, found 2"),
        "unsorted": ("t_s,name\n1.0,a.jpg\n0.5,b.jpg\n", r"arrivals\.csv:3:1: error: 't_s': arrivals must be sorted"),
        "negative": ("t_s,name\n-1,a.jpg\n", r"arrivals\.csv:2:1: error: 't_s': a time from 0"),
        "negative size": ("t_s,size_bytes\n0,-5\n", r"arrivals\.csv:2:2: error: 'size_bytes': a size from 0"),
        "NUL": ("t_s,name\n0,a\x00.jpg\n", r"arrivals\.csv:2:\d+: error: control character U\+0000"),
        "duplicate column": ("t_s,frames,frames\n0,1,2\n", r"arrivals\.csv:1:3: error: 'frames': duplicate column"),
        "nan": ("t_s\nnan\n", r"arrivals\.csv:2:1: error: 't_s': expected a number"),
        "hexadecimal": ("t_s,size_bytes\n0,0x10\n", r"arrivals\.csv:2:2: error: 'size_bytes': expected a number"),
        "late": ("t_s\n0\n5\n1e300\n", r"arrivals\.csv:4:1: error: 't_s': a time from 0 to 10\^10 s"),
    }
    for name, (text, needle) in bad.items():
        write("scenarios/arrivals.csv", text)
        shutil.rmtree(path("out"), ignore_errors=True)
        expect_bad(["run", SCENARIO, "-o", "out"], needle)
        expect_nothing_complete("out")
    os.remove(path("scenarios/arrivals.csv"))
    os.mkdir(path("scenarios/arrivals.csv"))
    expect_bad(["run", SCENARIO, "-o", "out"], r"mask-detector-lambda\.yaml:\d+:\d+: error: '.*csv': cannot read arrivals file .* it is a directory")


def bounds():
    write("scenarios/b.yaml", read(SCENARIO) + "\nhorizon: 1e300\n")
    expect_bad(["plan", "scenarios/b.yaml"], r"b\.yaml:\d+:\d+: error: 'horizon': a duration above 10\^10 s")
    # once an overflow to inf, then undefined behaviour in the cluster's integer arithmetic
    edit("calibration/upv-openstack.yaml", "memory: 8GiB", "memory: 1e308Gi")
    expect_bad(["plan", "scenarios/paper/mask-detection-onprem.yaml"],
               r"upv-openstack\.yaml:\d+:\d+: error: '.*memory': a size above 1 EB")
    edit("calibration/upv-openstack.yaml", "memory: 1e308Gi", "memory: 8GiB")
    write("scenarios/rate.yaml", read(SCENARIO))
    with_workload("scenarios/rate.yaml", "  - name: frames\n    arrivals: {poisson: {rate_per_s: 9223372036854775808}}\n")
    write("scenarios/rate.yaml", read("scenarios/rate.yaml") + "\nhorizon: 1h\n")
    expect_bad(["plan", "scenarios/rate.yaml"], r"rate\.yaml:\d+: error: 'workload\[0\]\.arrivals': this source would upload about")
    edit("calibration/prices/aws-2023.yaml", "          1024: 0.0000000167", "          1024MB: 0.0000000167")
    expect_bad(["plan", SCENARIO], r"aws-2023\.yaml:\d+:\d+: error: '.*per_ms_by_memory_mb\.1024MB': expected a number")
    edit("calibration/prices/aws-2023.yaml", "          1024MB: 0.0000000167", "          1024: 0.0000000167")
    edit("calibration/aws-us-east-1.yaml", "        count: 1\n", "        count: 1e15\n")
    expect_bad(["run", SCENARIO, "-o", "out"], r"aws-us-east-1\.yaml:\d+:\d+: error: '.*count': count must be from 0 to 10\^6")


def drain_limit():
    # 1 PB over a 100 Mbps link: 9 years of transfer. The run stops a week after the last
    # arrival (the default drain limit), quickly, and says so.
    write("scenarios/big.yaml", re.sub(r"size_bytes: [^,}\n]+", "size_bytes: 1e15", read(SCENARIO), count=1))
    if "1e15" not in read("scenarios/big.yaml"):
        fail("test setup: no size_bytes in the scenario's workload")
    t0 = time.monotonic()
    rc, out = run("run", "scenarios/big.yaml", "-o", "big")
    if rc != 0 or time.monotonic() - t0 > 30:
        fail(f"exit {rc} after {time.monotonic() - t0:.1f} s:\n{out[-2000:]}")
    summary = json.load(open(path("big/summary.json")))
    if not any("drain limit" in w for w in summary["warnings"]):
        fail(f"summary.json does not say the run stopped at the drain limit: {summary['warnings']}")
    if not summary["makespan_s"] <= 7 * 86400 + 100:
        fail(f"makespan {summary['makespan_s']} s past the drain limit")
    write("scenarios/big2.yaml", read("scenarios/big.yaml") + "\ndrain_limit: 1h\n")
    rc, out = run("run", "scenarios/big2.yaml", "-o", "big2")
    summary = json.load(open(path("big2/summary.json")))
    if rc != 0 or not any("drain limit, 3600" in w for w in summary["warnings"]):
        fail(f"drain_limit: 1h not applied: exit {rc}, {summary['warnings']}")


def references():
    os.makedirs(path("adir"))
    write("r.yaml", re.sub(r"\nfdl: [^\n]*", "\nfdl: ../adir", read(SCENARIO)))
    write("scenarios/r.yaml", read("r.yaml"))
    expect_bad(["plan", "scenarios/r.yaml"], r"r\.yaml:\d+:\d+: error: 'fdl': cannot read FDL file .*adir.*: it is a directory")
    os.mkfifo(path("calibration/fifo.yaml"))
    write("scenarios/c.yaml", re.sub(r"\ncalibration: [^\n]*", "\ncalibration: ../calibration/fifo.yaml", read(SCENARIO)))
    expect_bad(["plan", "scenarios/c.yaml"], r"c\.yaml:\d+:\d+: error: 'calibration': cannot read calibration file .*: not a regular file")
    write("scenarios/m.yaml", re.sub(r"\ncalibration: [^\n]*", "\ncalibration: ../calibration/missing.yaml", read(SCENARIO)))
    expect_bad(["plan", "scenarios/m.yaml"], r"m\.yaml:\d+:\d+: error: 'calibration': cannot open calibration file .*missing\.yaml.*: it does not exist")
    expect_bad(["calibrate", "adir", "-o", "cal.yaml"], r"adir: error: cannot read trace file: it is a directory")


def unused_sections():
    # a profile of a function no bundled scenario of this test runs
    edit("calibration/aws-us-east-1.yaml", "  scar-av-workflow-ffmpeg:\n", "  scar-av-workflow-ffmpeg:\n    colour: blue\n")
    expect_bad(["plan", SCENARIO], r"aws-us-east-1\.yaml:\d+:\d+: error: 'functions\.scar-av-workflow-ffmpeg\.colour': unknown key")
    edit("calibration/aws-us-east-1.yaml", "    colour: blue\n", "")
    # a model section of a model the scenario does not use (OSCAR's node types, Batch's
    # instance types, in a Lambda-only scenario)
    write("scenarios/u.yaml", re.sub(r"\ncalibration: [^\n]*",
                                     "\ncalibration: [../calibration/aws-us-east-1.yaml, ../calibration/upv-openstack.yaml]",
                                     read(SCENARIO)))
    edit("calibration/upv-openstack.yaml", "cpu_speed: 1.0, power_idle_w: 12.5", "cpu_speed: .nan, power_idle_w: 12.5")
    expect_bad(["plan", "scenarios/u.yaml"], r"upv-openstack\.yaml:\d+:\d+: error: '.*cpu_speed': expected a number")
    edit("calibration/upv-openstack.yaml", "cpu_speed: .nan, power_idle_w: 12.5", "cpu_speed: 1.0, power_idle_w: 12.5")
    text = read("calibration/aws-us-east-1.yaml")
    write("calibration/aws-us-east-1.yaml", text.replace("\nec2_instance_types:\n", "\nec2_instance_types:\n  m9.huge: {vcpus: -4}\n", 1))
    expect_bad(["plan", SCENARIO], r"aws-us-east-1\.yaml:\d+:\d+: error: '.*vcpus'")
    write("calibration/aws-us-east-1.yaml", text)
    # the price table's EC2 section in a Lambda-only scenario
    edit("calibration/prices/aws-2023.yaml", "m3.medium: 0.067", "m3.medium: -0.067")
    expect_bad(["plan", SCENARIO], r"aws-2023\.yaml:\d+:\d+: error: '.*m3\.medium': must not be negative")
    edit("calibration/prices/aws-2023.yaml", "m3.medium: -0.067", "m3.medium: 0.067")
    # the `real:` section, read by `contsim real`, is checked by a simulation too
    real = read("scenarios/real/blast-local.yaml").replace("../../real-runners", os.path.join(ROOT, "real-runners"))
    write("scenarios/real/typo.yaml", real.replace("\nreal:\n", "\nreal:\n  colour: blue\n", 1))
    expect_bad(["run", "scenarios/real/typo.yaml", "-o", "out"], r"typo\.yaml:\d+:\d+: error: 'real\.colour': unknown key")
    fdl = read("scenarios/fdl/scar-mask-detector-workflow.yaml")
    write("scenarios/fdl/scar-mask-detector-workflow.yaml",
          fdl + "\nclusters:\n  oscar-x:\n    endpoint: https://x.example\n    auth_user: u\n    auth_pasword: p\n")
    expect_bad(["plan", SCENARIO], r"scar-mask-detector-workflow\.yaml:\d+:\d+: error: 'clusters\.oscar-x\.auth_pasword': unknown key; did you mean 'auth_password'")


def traces():
    sample = read("traces/samples/contsim-trace.csv").split("\n")
    header = sample[0].split(",")
    t_end = header.index("t_end")
    for value, needle in (("-5", r"must not be negative"), ("nan", r"not a number"), ("inf", r"not a number")):
        row = sample[1].split(",")
        row[t_end] = value
        write("t.csv", "\n".join([sample[0], ",".join(row)] + sample[2:]))
        expect_bad(["calibrate", "t.csv", "-o", "cal.yaml"], r"t\.csv:2:\d+: error: 't_end': " + needle)
    renamed = sample[0].replace("memory_mb", "memory_mib")
    write("renamed.csv", "\n".join([renamed] + sample[1:]))
    rc, out = run("calibrate", "renamed.csv", "-o", "cal.yaml")
    if rc != 0 or "column 'memory_mib' is not a trace.csv column" not in out:
        fail(f"a renamed trace column: exit {rc}, no warning:\n{out[-1500:]}")
    write("noheader.csv", "\n".join(sample[1:]))
    expect_bad(["calibrate", "noheader.csv", "-o", "cal.yaml"], r"not a CloudWatch Lambda log \(a CSV\? .*header is missing\)")
    write("bom.json", b"\xef\xbb\xbf" + read("traces/samples/kubectl-jobs-pods.json").encode())
    rc, out = run("import", "bom.json", "-o", "bom")
    if rc != 0:
        fail(f"a JSON trace with a byte order mark: exit {rc}\n{out[-1500:]}")
    # wrong shapes in JSON traces are bad input, never internal errors
    edit("traces/samples/kubectl-jobs-pods.json", '"name": "plants-classification-a1x7k2"', '"name": {"x": 1}', 1)
    expect_bad(["import", "traces/samples/kubectl-jobs-pods.json", "-o", "k"], r"kubectl-jobs-pods\.json:\d+:\d+: error: ")
    edit("traces/samples/batch-describe-jobs.json", '"jobId":', '"jobId": [1, 2], "was":', 1)
    expect_bad(["import", "traces/samples/batch-describe-jobs.json", "-o", "b"], r"batch-describe-jobs\.json:\d+:\d+: error: ")
    # an impossible date
    edit("traces/samples/kubectl-jobs-pods.json", '"creationTimestamp": "20', '"creationTimestamp": "99', 1)
    expect_bad(["import", "traces/samples/kubectl-jobs-pods.json", "-o", "k"], r"ISO 8601 time in 2000-2100")
    # one timestamp far from the others: validate refuses to replay years
    log = read("traces/samples/cloudwatch-report.log")
    first = re.search(r"^(\S+) REPORT", log, re.M).group(1)
    write("far.log", log.replace(first + " REPORT", "2099-01-01T00:00:00.000Z REPORT", 1))
    expect_bad(["validate", SCENARIO, "--against", "scar-mask-detector=far.log", "-o", "v"],
               r"far\.log: error: the invocations to replay span \d+\.\d+ days, from far\.log:\d+ to far\.log:\d+")
    # a CloudWatch REPORT line with an overflowing value
    log = read("traces/samples/cloudwatch-report.log")
    write("cw.log", re.sub(r"Billed Duration: \d+", "Billed Duration: 1e400", log, count=1))
    expect_bad(["calibrate", "cw.log", "-o", "cal.yaml"], r"cw\.log:\d+: error: 'Billed Duration': value out of range")
    # calibrate on a constant trace: a constant, not a failed fit
    rc, out = run("run", SCENARIO, "-o", "const")
    rc2, out2 = run("calibrate", "const/trace.csv", "-o", "const/cal.yaml")
    if rc != 0 or rc2 != 0 or "constant" not in out2:
        fail(f"calibrate on a constant trace: exit {rc2}\n{out2[-1500:]}")


def writes():
    write("afile", "x")
    expect_bad(["run", SCENARIO, "-o", "afile/out"], r"(?m)^-o: error: cannot use 'afile/out' as the output directory")
    # disk full: the trace (then the summary) written into /dev/full
    for name in ("trace.csv", "timeline.csv", "summary.json"):
        d = path("full-" + name)
        os.makedirs(d)
        write("full-" + name + "/summary.json", '{"stale": true}')  # an earlier run's
        os.symlink("/dev/full", os.path.join(d, name + ".partial"))
        expect_bad(["run", SCENARIO, "-o", "full-" + name], r"cannot write .*" + re.escape(name) + r": No space left on device", code=4)
        expect_nothing_complete("full-" + name)
    # kill -9 in the middle of a long run: nothing under a final name
    p = subprocess.Popen([CONTSIM, "run", "scenarios/bench/lambda-1m.yaml", "-o", "killed"], cwd=WS,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # killed as soon as rows reach the disk (the first 1 MB of ~170): well before the end
    deadline = time.monotonic() + 60
    partial = path("killed/trace.csv.partial")
    while not (os.path.exists(partial) and os.path.getsize(partial) > 0) and time.monotonic() < deadline:
        time.sleep(0.01)
    p.send_signal(signal.SIGKILL)
    p.wait()
    expect_nothing_complete("killed")
    if not os.path.exists(path("killed/trace.csv.partial")):
        fail("no trace.csv.partial during the run")
    expect_bad(["calibrate", "traces/samples/contsim-trace.csv", "-o", "/dev/full/cal.yaml"], r"(?m)^-o: error: ")


def messages():
    write("scenarios/long.yaml", read(SCENARIO).replace("name: mask-detector-lambda", "name: mask-detector-lambda\nsites_x: " + "y" * 1_000_000))
    expect_bad(["plan", "scenarios/long.yaml"], r"long\.yaml:\d+:\d+: error: 'sites_x': unknown key")
    write("scenarios/long2.yaml", re.sub(r"from: \w+", "from: " + "z" * 1_000_000, read(SCENARIO), count=1))
    expect_bad(["plan", "scenarios/long2.yaml"], r"unknown site 'z+\.\.\.\(1000000 bytes\)'")
    rc, out = run("run", SCENARIO, "-o", "secret", "--set", "functions.scar-mask-detector.environment.Variables.AWS_SECRET_ACCESS_KEY=hunter2")
    if rc != 0:
        fail(f"--set of an environment variable: exit {rc}\n{out[-1500:]}")
    for f in os.listdir(path("secret")):
        if "hunter2" in open(os.path.join(path("secret"), f), errors="replace").read():
            fail(f"the --set secret is in secret/{f}")
    overrides = json.load(open(path("secret/summary.json")))["provenance"]["overrides"]
    if overrides != ["functions.scar-mask-detector.environment.Variables.AWS_SECRET_ACCESS_KEY=(redacted)"]:
        fail(f"provenance.overrides: {overrides}")


def calibrate_memory():
    # 10^6 attempts (a 170 MB trace.csv): calibrate read it whole into 1.2 GB; a sample keeps it bounded
    rc, out = run("run", "scenarios/bench/lambda-1m.yaml", "-o", "big", timeout=300)
    if rc != 0:
        fail(f"lambda-1m: exit {rc}\n{out[-1500:]}")
    size_mb = os.path.getsize(path("big/trace.csv")) / 1e6
    p = subprocess.Popen([CONTSIM, "calibrate", "big/trace.csv", "-o", "big/cal.yaml"], cwd=WS,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.communicate(timeout=300)[0]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    if p.returncode != 0 or "uniform sample of 100000" not in out:
        fail(f"calibrate on 10^6 rows: exit {p.returncode}\n{out[-1500:]}")
    if peak_mb > 2 * size_mb:
        fail(f"calibrate used {peak_mb:.0f} MB on a {size_mb:.0f} MB trace")
    print(f"calibrate: {peak_mb:.0f} MB peak on a {size_mb:.0f} MB trace of 10^6 rows")


CASES = {f.__name__.replace("_", "-"): f for f in (calibrate_memory, duplicate_keys, unterminated_quote, invalid_text, arrivals_csv, bounds,
                                                   drain_limit, references, unused_sections, traces, writes, messages)}


def main():
    global CONTSIM, WS
    if len(sys.argv) == 3 and sys.argv[2] == "--list":
        print("\n".join(CASES))
        return 0
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    CONTSIM = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="contsim-reliability-") as tmp:
        WS = tmp
        for d in ("scenarios", "calibration"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d), ignore=shutil.ignore_patterns("fit", "*.md", "CMakeLists.txt"))
        shutil.copytree(os.path.join(ROOT, "traces", "samples"), os.path.join(tmp, "traces", "samples"))
        try:
            CASES[sys.argv[2]]()
        except Failure as e:
            print(f"FAIL {sys.argv[2]}: {e}", file=sys.stderr)
            return 1
    print(f"ok {sys.argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
