#!/usr/bin/python3
"""Real runs (real-runners/README.md), each a whole `contsim real` on this machine: s3rver,
bubblewrap, the use cases' tools. One test per subcommand (tests/CMakeLists.txt):

  test_real.py CONTSIM blast-loop   BLAST for real -> calibrate -> simulate with the fit -> compare passes
  test_real.py CONTSIM audio2srt    speech clips transcribed for real; the .srt objects are stored
  test_real.py CONTSIM use-case S   scenarios/real/S.yaml for real: every job ok, and as many invocations
                                    of each function as the simulation of the same file has
  test_real.py CONTSIM faults       error, timeout, out-of-memory and no-overwrite end as traced
  test_real.py CONTSIM sigterm      SIGTERM stops the run: running and waiting jobs traced interrupted
  test_real.py CONTSIM kill9        after kill -9 the trace is a valid CSV prefix and s3rver is gone
  test_real.py CONTSIM podman       BLAST in podman containers (image built here): the loop as blast-loop,
                                    the container start traced before stage-in; faults and SIGTERM in
                                    containers leave no container behind
"""
import csv
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONTSIM = sys.argv[1]
TRACE_HEADER = None


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(args, expect=0, **kw):
    p = subprocess.run([CONTSIM] + args, capture_output=True, text=True, **kw)
    if expect is not None and p.returncode != expect:
        fail(f"contsim {' '.join(args)} exited {p.returncode}, expected {expect}\n{p.stdout}\n{p.stderr}")
    return p


def rows(path):
    with open(path, newline="") as f:
        first = f.readline()
        if not first.startswith("# schema: contsim-trace/"):
            fail(f"{path}: no schema line")
        return list(csv.DictReader(f))


def sim_header():
    """trace.csv's columns as the simulator writes them."""
    with tempfile.TemporaryDirectory() as d:
        run(["run", os.path.join(ROOT, "scenarios/real/blast-local.yaml"), "-o", d])
        with open(os.path.join(d, "trace.csv")) as f:
            f.readline()
            return f.readline().strip()


def check_same_columns(trace):
    with open(trace) as f:
        f.readline()
        header = f.readline().strip()
    if header != sim_header():
        fail(f"{trace}: columns differ from the simulator's:\n{header}\n{sim_header()}")


def calibrate_simulate_compare(tmp, scenario, real, tolerance):
    """The loop on a real run: fit from its trace and inputs, simulate with the fit, compare."""
    cal = os.path.join(tmp, "fitted.yaml")
    run(["calibrate", os.path.join(real, "trace.csv"), "--attributes", os.path.join(real, "inputs.csv"), "-o", cal])
    sim = os.path.join(tmp, "sim")
    run(["run", scenario, "--calibration", cal, "-o", sim])
    p = run(["compare", sim, real, "--tolerance", tolerance], expect=None)
    print(p.stdout)
    if p.returncode != 0:
        fail(f"the simulation with the fitted calibration is more than {tolerance} off the real run")
    return sim, cal


def blast_loop(tmp):
    scenario = os.path.join(ROOT, "scenarios/real/blast-local.yaml")
    real = os.path.join(tmp, "real")
    run(["real", scenario, "-o", real])
    r = rows(os.path.join(real, "trace.csv"))
    if len(r) != 12 or any(x["status"] != "ok" for x in r):
        fail(f"expected 12 ok BLAST rows, got {[(x['input'], x['status']) for x in r]}")
    for x in r:
        t = [float(x[k]) for k in ("t_trigger", "t_start", "t_stage_in", "t_exec_start", "t_exec_end", "t_end")]
        if t != sorted(t):
            fail(f"times out of order in {x}")
    check_same_columns(os.path.join(real, "trace.csv"))
    meta = json.load(open(os.path.join(real, "real.json")))
    for key in ("machine", "tools", "limits", "runtimes", "start_time_utc"):
        if key not in meta:
            fail(f"real.json has no {key}")
    if not meta["tools"]["blastp"].startswith("blastp"):
        fail(f"blastp's version not recorded: {meta['tools']}")
    summary = json.load(open(os.path.join(real, "summary.json")))
    if summary["invocations"] != 12:
        fail("summary.json does not count the 12 invocations")
    # as if on Lambda: each job's stage-in to end, rounded up to 1 ms, at 1024 MB's per-ms price + the request fee
    lam = meta["cost_as_if_lambda"]["per_function"]["blast"]
    billed = sum(-(-round((float(x["t_end"]) - float(x["t_stage_in"])) * 1e6) // 1000) for x in r)
    # (the trace's times are printed to 1 µs: a job's rounding may differ by 1 ms)
    if lam["invocations"] != 12 or lam["memory_mb"] != 1024 or abs(lam["billed_ms"] - billed) > 12:
        fail(f"cost_as_if_lambda {lam}, expected 12 jobs, 1024 MB, {billed} ms")
    if abs(lam["usd"] - (lam["billed_ms"] * 0.0000000167 + 12 * 0.0000002)) > 1e-10:
        fail(f"cost_as_if_lambda usd {lam['usd']} is not {billed} ms at 1.67e-8 + 12 requests")
    # 30 %: the fitted profile reproduces the real execution times; the simulation adds no
    # storage latency (a few ms of the real stage-in/out), which the response includes.
    sim, _ = calibrate_simulate_compare(tmp, scenario, real, "30%")
    report = json.load(open(os.path.join(sim, "compare.json")))
    if report["functions"]["blast"]["matched_by_input"] != 12:
        fail("invocations were not matched by input")


def audio2srt(tmp):
    real = os.path.join(tmp, "real")
    p = run(["real", os.path.join(ROOT, "scenarios/real/audio2srt-local.yaml"), "-o", real, "--keep-scratch"])
    meta = json.load(open(os.path.join(real, "real.json")))
    scratch = meta["scratch_dir"]
    try:
        r = rows(os.path.join(real, "trace.csv"))
        if len(r) != 3 or any(x["status"] != "ok" for x in r):
            fail(f"expected 3 ok rows, got {[(x['input'], x['status']) for x in r]}")
        srts = glob.glob(os.path.join(scratch, "s3", "audio2srt", "subtitles", "*.srt._S3rver_object"))
        if len(srts) != 3:
            fail(f"expected 3 .srt objects in s3rver's store, found {srts}")
        text = open(srts[0]).read()
        if "-->" not in text:
            fail(f"not a SubRip file: {text[:200]}")
        # a longer clip takes longer to transcribe
        by = {x["input"]: float(x["t_exec_end"]) - float(x["t_exec_start"]) for x in r}
        if not by["audio2srt/audio/clip-08s.wav"] > by["audio2srt/audio/clip-04s.wav"]:
            fail(f"an 8 s clip was not slower than a 4 s one: {by}")
    finally:
        subprocess.run(["rm", "-rf", scratch])


def faults(tmp):
    real = os.path.join(tmp, "real")
    run(["real", os.path.join(ROOT, "tests/real/faults/faults.yaml"), "-o", real])
    status = {x["input"].split("/")[-1]: x["status"] for x in rows(os.path.join(real, "trace.csv"))}
    want = {"ok-1.txt": "ok", "ok-2.txt": "ok", "fail-1.txt": "error", "slow-1.txt": "timeout",
            "hog-1.txt": "failed", "same-1.txt": "ok", "same-2.txt": "error"}
    if status != want:
        fail(f"statuses {status}, expected {want}")
    log = open(os.path.join(real, "real-errors.log")).read()
    for needle in ("exit code 3", "boom: fail-1", "job timeout", "out of memory", "same.out exists already"):
        if needle not in log:
            fail(f"real-errors.log does not say '{needle}':\n{log}")


def start_slow(tmp, extra=(), scenario=None):
    real = os.path.join(tmp, "real")
    proc = subprocess.Popen([CONTSIM, "real", scenario or os.path.join(ROOT, "tests/real/faults/slow.yaml"), "-o", real,
                             "--set", "functions.faulty.cpu=1", "--keep-scratch", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    trace = os.path.join(real, "trace.csv")
    deadline = time.time() + 60
    while time.time() < deadline:  # until ok-1 and ok-2 are traced and the slow jobs run
        if os.path.exists(trace) and len(open(trace).read().splitlines()) >= 4:
            break
        time.sleep(0.1)
    else:
        proc.kill()
        fail("the run did not get going: " + proc.stderr.read())
    time.sleep(1.0)
    return proc, real


def scratch_of(stderr_text):
    for line in stderr_text.splitlines():
        if "scratch directory" in line:
            return line.split("scratch directory ")[1].split(" ")[0]
    return None


def sigterm(tmp, scenario=None):
    proc, real = start_slow(tmp, scenario=scenario)
    t = time.time()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    if proc.returncode != 130:
        fail(f"exit {proc.returncode} after SIGTERM, expected 130\n{err}")
    if time.time() - t > 10:
        fail("the run took more than 10 s to stop")
    r = rows(os.path.join(real, "trace.csv"))
    status = {x["input"].split("/")[-1]: x for x in r}
    if status["ok-1.txt"]["status"] != "ok" or status["ok-2.txt"]["status"] != "ok":
        fail("finished invocations were not kept as they were")
    slow = [status[f"slow-{i}.txt"] for i in (1, 2, 3)]
    if any(x["status"] != "interrupted" for x in slow):
        fail(f"running/waiting jobs not traced interrupted: {[x['status'] for x in slow]}")
    if not any(x["t_start"] == "" for x in slow):
        fail("the job that never started should have no t_start")
    if "ok-3.txt" in status:
        fail("an upload due after the stop was made")
    summary = json.load(open(os.path.join(real, "summary.json")))
    if not any("interrupted" in w for w in summary["warnings"]):
        fail("summary.json does not say the run was interrupted")
    scratch = scratch_of(err)
    subprocess.run(["rm", "-rf", scratch or "/nonexistent"])


def kill9(tmp):
    proc, real = start_slow(tmp)
    proc.kill()
    proc.wait()
    err = proc.stderr.read()
    scratch = scratch_of(err)
    time.sleep(1.0)
    try:
        with open(os.path.join(real, "trace.csv"), newline="") as f:
            text = f.read()
        if not text.endswith("\n"):
            fail("trace.csv ends inside a row after kill -9")
        lines = text.splitlines()
        width = len(lines[1].split(","))
        for line in lines[2:]:
            if len(next(csv.reader([line]))) != width:
                fail(f"a partial row after kill -9: {line}")
        if len(lines) < 4:
            fail("the finished rows were lost")
        left = subprocess.run(["pgrep", "-f", f"s3rver.js {scratch}"], capture_output=True, text=True).stdout
        if scratch and left.strip():
            fail(f"s3rver outlived the killed runner: pids {left.split()}")
        left = subprocess.run(["pgrep", "-f", "faulty.sh"], capture_output=True, text=True).stdout
        if left.strip():
            fail(f"scripts outlived the killed runner: pids {left.split()}")
    finally:
        subprocess.run(["rm", "-rf", scratch or "/nonexistent"])


def use_case(tmp, name):
    scenario = os.path.join(ROOT, "scenarios", "real", name + ".yaml")
    real, sim = os.path.join(tmp, "real"), os.path.join(tmp, "sim")
    run(["real", scenario, "-o", real])
    run(["run", scenario, "-o", sim])
    r, s = rows(os.path.join(real, "trace.csv")), rows(os.path.join(sim, "trace.csv"))
    bad = [(x["function"], x["input"], x["status"]) for x in r if x["status"] != "ok"]
    if bad:
        fail(f"jobs did not succeed: {bad}\n" + open(os.path.join(real, "real-errors.log")).read())
    count = lambda rows_: {f: sum(1 for x in rows_ if x["function"] == f) for f in {x["function"] for x in rows_}}
    if count(r) != count(s):
        fail(f"invocations per function: real {count(r)}, simulated {count(s)}")
    print(f"{name}: {count(r)}")


PODMAN_BASE = "localhost/contsim-debian:bookworm"  # made by real-runners/images/build-image.sh


def in_podman(tmp, name):
    """tests/real/faults/NAME.yaml with its function in a podman container of the base image."""
    faults = os.path.join(ROOT, "tests", "real", "faults")
    text = open(os.path.join(faults, name + ".yaml")).read()
    process = "test/faulty: {runtime: process}"
    if process not in text:
        fail(f"{name}.yaml does not map test/faulty to the process runtime")
    text = text.replace(process, "test/faulty: {runtime: podman, image: " + PODMAN_BASE + "}")
    text = text.replace("fdl: fdl.yaml", f"fdl: {faults}/fdl.yaml")
    text = text.replace("calibration: ../../../", f"calibration: {ROOT}/")
    text = text.replace("{command: make-input.sh}", f"{{command: {faults}/make-input.sh}}")
    path = os.path.join(tmp, name + "-podman.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def containers_left():
    out = subprocess.run(["podman", "ps", "--all", "--filter", "name=^contsim-", "--format", "{{.Names}}"],
                         capture_output=True, text=True).stdout
    return out.split()


def podman(tmp):
    if subprocess.run(["sh", "-c", "command -v podman && command -v runc && command -v debootstrap"],
                      capture_output=True).returncode != 0 or os.geteuid() != 0:
        print("podman, runc and debootstrap as root are needed (./setup.sh test installs them)")
        sys.exit(77)
    build = subprocess.run([os.path.join(ROOT, "real-runners/images/build-image.sh"), "blast"],
                           capture_output=True, text=True)
    if build.returncode != 0:
        fail("building the BLAST image failed:\n" + build.stderr)
    scenario = os.path.join(ROOT, "scenarios/real/blast-podman.yaml")
    real = os.path.join(tmp, "real")
    run(["real", scenario, "-o", real, "--keep-scratch"])
    meta = json.load(open(os.path.join(real, "real.json")))
    scratch = meta["scratch_dir"]
    try:
        r = rows(os.path.join(real, "trace.csv"))
        if len(r) != 6 or any(x["status"] != "ok" for x in r):
            fail(f"expected 6 ok BLAST rows, got {[(x['input'], x['status']) for x in r]}\n"
                 + open(os.path.join(real, "real-errors.log")).read())
        for x in r:
            t = [float(x[k]) for k in ("t_trigger", "t_start", "t_stage_in", "t_exec_start", "t_exec_end", "t_end")]
            if t != sorted(t):
                fail(f"times out of order in {x}")
            # the container starts between the pod's binding and the supervisor's stage-in
            if not float(x["t_stage_in"]) - float(x["t_start"]) > 0.05:
                fail(f"no container start before stage-in: {x}")
        tsv = glob.glob(os.path.join(scratch, "s3", "blast", "results", "*.tsv._S3rver_object"))
        if len(tsv) != 6:
            fail(f"expected 6 .tsv objects in s3rver's store, found {tsv}")
        if meta["runtimes"]["grycap/blast"]["runtime"] != "podman" or not meta["script_cpu_s"]["blast"] > 0:
            fail(f"real.json: runtimes {meta['runtimes']}, script CPU {meta['script_cpu_s']}")
    finally:
        subprocess.run(["rm", "-rf", scratch])
    _, cal = calibrate_simulate_compare(tmp, scenario, real, "30%")
    if "container_start_s" not in open(cal).read():
        fail("calibrate did not fit the container start")
    if containers_left():
        fail(f"containers left after the run: {containers_left()}")

    # faults in containers: a failing script, the job timeout (the container is removed), no overwrite
    faults_real = os.path.join(tmp, "faults")
    run(["real", in_podman(tmp, "faults"), "-o", faults_real])
    status = {x["input"].split("/")[-1]: x["status"] for x in rows(os.path.join(faults_real, "trace.csv"))}
    want = {"ok-1.txt": "ok", "ok-2.txt": "ok", "fail-1.txt": "error", "slow-1.txt": "timeout"}
    got = {k: v for k, v in status.items() if k in want}
    if got != want:
        fail(f"statuses in podman {got}, expected {want}")
    # Two jobs write the same output: whichever stages out second fails. Which one that is
    # depends on the containers' start times (seconds under load), not on the arrival order.
    same = sorted([status.get("same-1.txt"), status.get("same-2.txt")], key=str)
    if same != ["error", "ok"]:
        fail(f"same-1/same-2 in podman: {same}, expected one ok and one error (no overwrite)")
    if "boom: fail-1" not in open(os.path.join(faults_real, "real-errors.log")).read():
        fail("the failing script's stderr is not in real-errors.log")
    if containers_left():
        fail(f"containers left after the fault run: {containers_left()}")
    os.makedirs(os.path.join(tmp, "stop"))
    sigterm(os.path.join(tmp, "stop"), scenario=in_podman(tmp, "slow"))
    time.sleep(0.5)
    if containers_left():
        fail(f"containers left after SIGTERM: {containers_left()}")


TESTS = {"podman": podman, "blast-loop": blast_loop, "audio2srt": audio2srt, "faults": faults, "sigterm": sigterm, "kill9": kill9}

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "use-case":
        with tempfile.TemporaryDirectory(prefix="contsim-real-test-") as tmp:
            use_case(tmp, sys.argv[3])
        print("ok")
        sys.exit(0)
    if len(sys.argv) != 3 or sys.argv[2] not in TESTS:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="contsim-real-test-") as tmp:
        TESTS[sys.argv[2]](tmp)
    print("ok")
