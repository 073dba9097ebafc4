#!/usr/bin/python3
"""Whole-process tests of `contsim sweep` (scenarios/README.md, "Sweeps").

  test_sweep.py CONTSIM CASE     runs one case (CTest: Sweep.CASE)
  test_sweep.py CONTSIM --list   lists the cases

Each case works in its own temporary directory and runs the contsim binary. The `slurm` case
starts a single-node Slurm on localhost (slurmctld, slurmd and munged from Debian's slurm-wlm
and munge, on private ports, with a private configuration, key and socket), runs a 16-point
sweep through sbatch, compares the gathered sweep.csv with the local run's byte for byte, and
stops the daemons by PID.
"""
import csv
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTSIM = None
WS = None
MASK = os.path.join(ROOT, "scenarios/mask-detector-lambda.yaml")
BENCH = os.path.join(ROOT, "scenarios/bench/lambda-1m.yaml")
MEMORY16 = "functions.scar-mask-detector.memory=128:3008:192"  # 16 values
SKIP = 77


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(*args, timeout=300, env=None, expect=0):
    p = subprocess.run([CONTSIM, *args], cwd=WS, capture_output=True, text=True, timeout=timeout,
                       env=dict(os.environ, **(env or {})))
    out = p.stdout + p.stderr
    if expect is not None:
        check(p.returncode == expect, f"contsim {' '.join(args)}: exit {p.returncode}, expected {expect}:\n{out[-3000:]}")
    return p.returncode, out


def table(directory):
    with open(os.path.join(directory, "sweep.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    check(lines[0] == "# schema: contsim-sweep/2", f"sweep.csv starts with {lines[0]!r}")
    return list(csv.DictReader(lines[1:]))


def d(name):
    return os.path.join(WS, name)


def small_bench(count=3000):
    return ["--set", f"workload.0.arrivals.poisson.count={count}"]


# --- cases -------------------------------------------------------------------------------------

def case_grid():
    """Two grid axes (a list and a range) x 3 replications: every axis a column, every
    combination a row, mean/sd/CI recomputed from the replications' own summaries."""
    _, out = run("sweep", BENCH, *small_bench(), "--grid", "functions.simfaas-bench.memory=512,1024",
                 "--grid", "lambda.keep_alive_s=60:180:60", "--replications", "3", "-j", "2", "-o", d("grid"))
    rows = table(d("grid"))
    check(len(rows) == 6, f"{len(rows)} rows, expected 2 x 3")
    check(list(rows[0])[:5] == ["point", "memory", "keep_alive_s", "replications", "failed"], f"columns {list(rows[0])[:5]}")
    check([(r["memory"], r["keep_alive_s"]) for r in rows] ==
          [(m, k) for m in ("512", "1024") for k in ("60", "120", "180")], "points are not the grid in order")
    manifest = json.load(open(d("grid/sweep.json")))
    check(len(set(manifest["seeds"])) == 3, f"replication seeds {manifest['seeds']}")
    check(manifest["seeds"][0] == 1, "replication 0 does not run with the scenario's seed")
    for row in rows:
        p = int(row["point"])
        values = []
        for r in range(3):
            rep = d(f"grid/points/{p:04d}/rep-{r}")
            check(sorted(os.listdir(rep)) == ["summary.json"], f"{rep} holds {os.listdir(rep)} (summaries only by default)")
            values.append(json.load(open(os.path.join(rep, "summary.json")))["response_s"]["mean"])
        mean, sd = statistics.mean(values), statistics.stdev(values)
        check(sd > 0, f"point {p}: the replications' response times do not differ: {values}")
        check(math.isclose(float(row["mean_response_s"]), mean, rel_tol=1e-9), f"point {p}: mean {row['mean_response_s']} vs {mean}")
        check(math.isclose(float(row["mean_response_s_sd"]), sd, rel_tol=1e-9), f"point {p}: sd {row['mean_response_s_sd']} vs {sd}")
        t975_2 = 4.3026527297  # Student's t, 2 degrees of freedom, 97.5 %
        check(math.isclose(float(row["mean_response_s_ci95"]), t975_2 * sd / math.sqrt(3), rel_tol=1e-6), f"point {p}: CI")
    check("± " in out, "the console table shows no confidence interval")
    # replication 0 of a point is `contsim run` of that point
    run("run", BENCH, *small_bench(), "--set", "functions.simfaas-bench.memory=1024", "--set",
        "parameters.lambda.keep_alive_s=120", "-o", d("single"))
    a = json.load(open(d("single/summary.json")))
    b = json.load(open(d("grid/points/0004/rep-0/summary.json")))
    check(a["response_s"] == b["response_s"] and a["cost_usd"] == b["cost_usd"], "rep-0 differs from contsim run of the point")
    # same sweep, another directory, one job: byte-identical table
    run("sweep", BENCH, *small_bench(), "--grid", "functions.simfaas-bench.memory=512,1024",
        "--grid", "lambda.keep_alive_s=60:180:60", "--replications", "3", "-j", "1", "-o", d("grid2"))
    check(open(d("grid/sweep.csv")).read() == open(d("grid2/sweep.csv")).read(), "sweep.csv depends on -j or the directory")


def case_zip_and_sample():
    """--zip pairs values; sampling thins a grid deterministically; --keep-traces keeps traces."""
    run("sweep", MASK, "--zip", "functions.scar-mask-detector.memory=512,1024,2048", "--zip",
        "functions.scar-mask-detector.timeout=100,200,300", "--keep-traces", "-o", d("zip"))
    rows = table(d("zip"))
    check([(r["memory"], r["timeout"]) for r in rows] == [("512", "100"), ("1024", "200"), ("2048", "300")], "zip pairs")
    check(os.path.exists(d("zip/points/0000/rep-0/trace.csv")), "--keep-traces wrote no trace.csv")
    code, out = run("sweep", MASK, "--zip", "functions.scar-mask-detector.memory=512,1024", "--zip",
                    "functions.scar-mask-detector.timeout=100,200,300", "-o", d("zip-bad"), expect=2)
    check("as many values" in out, out)
    for sample, n in (("random:5:3", 5), ("lhs:4:2", 4)):
        args = ["sweep", "plan", MASK, "--grid", "functions.scar-mask-detector.memory=128:3008:64", "--grid",
                "lambda.keep_alive_s=60:600:60", "--sample", sample]
        run(*args, "-o", d(sample.replace(":", "-")))
        run(*args, "-o", d(sample.replace(":", "-") + "-again"))
        m1 = json.load(open(d(sample.replace(":", "-") + "/sweep.json")))
        m2 = json.load(open(d(sample.replace(":", "-") + "-again/sweep.json")))
        check(len(m1["points"]) == n, f"{sample}: {len(m1['points'])} points")
        check(m1["points"] == m2["points"], f"{sample} is not deterministic")
    lhs = json.load(open(d("lhs-4-2/sweep.json")))["points"]
    mem = [int(p["values"]["functions.scar-mask-detector.memory"]) for p in lhs]
    # one point in each quarter of the memory range: a Latin hypercube's strata
    check(sorted((m - 128) * 4 // (3008 - 128 + 64) for m in mem) == [0, 1, 2, 3], f"LHS strata {mem}")


def case_errors():
    """Bad sweeps fail before any run with exit 2 and a message that names the key."""
    cases = [
        (["--set", "functions.scar-mask-detector.memory=512,1024", "--set", "lambda.keep_alive_s=60,120"], "--grid"),
        (["--grid", "functions.scar-mask-detector.memory=512,abc"], "abc"),
        (["--grid", "seed=1,2"], "--replications"),
        (["--grid", "functions.scar-mask-detector.memory=512,512"], "twice"),
        (["--grid", "functions.scar-mask-detector.memory=600:100:100"], "never reaches"),
        (["--grid", "functions.scar-mask-detector.memory=512", "--replications", "0"], "replications"),
        (["--grid", "functions.scar-mask-detector.memory=512", "--sample", "grid:3"], "sampling"),
        (["--grid", "functions.scar-mask-detector.memory=512", "--index", "1"], "--index"),
        ([], "needs an axis"),
    ]
    for i, (args, needle) in enumerate(cases):
        out_dir = d(f"bad-{i}")
        _, out = run("sweep", MASK, *args, "-o", out_dir, expect=2)
        check(needle in out, f"{args}: message lacks {needle!r}:\n{out}")
        check(not os.path.exists(os.path.join(out_dir, "points")), f"{args}: points ran")
    sweep_file = d("bad.yaml")
    open(sweep_file, "w").write("grid:\n  functions.scar-mask-detector.memory: [512, 1024]\nreplicatoins: 3\n")
    _, out = run("sweep", MASK, "--sweep-file", sweep_file, "-o", d("bad-file"), expect=2)
    check("bad.yaml:3" in out and "replicatoins" in out, f"sweep file error without file:line and key:\n{out}")
    run("sweep", MASK, "--grid", "functions.scar-mask-detector.memory=512,1024", "-o", d("taken"))
    _, out = run("sweep", MASK, "--grid", "functions.scar-mask-detector.memory=256", "-o", d("taken"), expect=2)
    check("another sweep" in out, out)
    _, out = run("sweep", "status", d("nowhere"), expect=2)
    check("sweep.json" in out, out)


def case_resume():
    """Ctrl-C stops launching, waits for the runs in flight, exits 130; a rerun finishes the
    rest and the table equals an uninterrupted sweep's."""
    args = ["sweep", BENCH, "--set", "workload.0.arrivals.poisson.count=200000", "--grid", MEMORY16.replace(
        "scar-mask-detector", "simfaas-bench"), "-j", "1"]
    p = subprocess.Popen([CONTSIM, *args, "-o", d("resume")], cwd=WS, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and not os.path.exists(d("resume/points/0001/rep-0/summary.json")):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    check(p.returncode == 130, f"interrupted sweep exited {p.returncode}: {err.decode()[-2000:]}")
    _, out = run("sweep", "status", d("resume"))
    check("pending" in out and " 0 pending" not in out, f"nothing left pending after Ctrl-C:\n{out}")
    run(*args, "-o", d("resume"))
    run(*args, "-o", d("whole"))
    check(open(d("resume/sweep.csv")).read() == open(d("whole/sweep.csv")).read(), "resumed sweep differs")


def case_run_index():
    """`sweep run DIR` runs the task of --index, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX,
    skips finished points, and `gather` reports the rest as pending."""
    run("sweep", "plan", MASK, "--grid", "functions.scar-mask-detector.memory=256,512,1024,2048", "-o", d("idx"))
    run("sweep", "run", d("idx"), env={"JOB_COMPLETION_INDEX": "2"})
    check(os.path.exists(d("idx/points/0002/rep-0/summary.json")), "JOB_COMPLETION_INDEX=2 did not run point 2")
    check(not os.path.exists(d("idx/points/0001")), "point 1 ran too")
    _, out = run("sweep", "run", d("idx"), "--index", "2")
    check("done already" in out, out)
    run("sweep", "run", d("idx"), env={"SLURM_ARRAY_TASK_ID": "0"})
    _, out = run("sweep", "gather", d("idx"))
    rows = table(d("idx"))
    check([r["replications"] for r in rows] == ["1", "0", "1", "0"], f"gathered {[r['replications'] for r in rows]}")
    check("2 pending" in out, out)
    run("sweep", "run", d("idx"), "--index", "9", expect=2)


def case_kubernetes():
    """--backend kubernetes writes an Indexed Job with the inputs in a ConfigMap; a container
    started with JOB_COMPLETION_INDEX=i runs point i (run here directly, from the ConfigMap's
    files laid out as the pod would see them)."""
    import yaml
    _, out = run("sweep", MASK, "--grid", "functions.scar-mask-detector.memory=256,512,1024", "--backend",
                 "kubernetes", "-j", "2", "-o", d("k8s"))
    docs = list(yaml.safe_load_all(open(d("k8s/kubernetes/job.yaml"))))
    config, job = docs
    check(config["kind"] == "ConfigMap" and job["kind"] == "Job", f"kinds {config['kind']}, {job['kind']}")
    spec = job["spec"]
    check(spec["completionMode"] == "Indexed" and spec["completions"] == 3 and spec["parallelism"] == 2, f"spec {spec}")
    pod = spec["template"]["spec"]
    container = pod["containers"][0]
    check(container["command"][:4] == ["contsim", "sweep", "run", "/sweep"], container["command"])
    volumes = {v["name"]: v for v in pod["volumes"]}
    items = volumes["inputs"]["configMap"]["items"]
    check(volumes["inputs"]["configMap"]["name"] == config["metadata"]["name"], "the Job mounts another ConfigMap")
    check("persistentVolumeClaim" in volumes["results"], "results are not on a volume")
    paths = {i["path"] for i in items}
    check("sweep.json" in paths and any(p.endswith("mask-detector-lambda.yaml") for p in paths), f"ConfigMap paths {paths}")
    check(all(i["key"] in config["data"] for i in items), "an item names a key the ConfigMap lacks")
    check(os.path.exists(d("k8s/kubernetes/Containerfile")), "no Containerfile")
    # the pod's view: /sweep from the ConfigMap's items, /results empty
    pod_root = d("pod/sweep")
    for i in items:
        target = os.path.join(pod_root, i["path"])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "w").write(config["data"][i["key"]])
    run("sweep", "run", pod_root, "--results", d("pod/results"), "-j", "1", env={"JOB_COMPLETION_INDEX": "1"})
    check(os.path.exists(d("pod/results/points/0001/rep-0/summary.json")), "the pod did not run point 1")
    check(not os.path.exists(d("pod/results/points/0000")), "the pod ran point 0 too")
    for index in (0, 2):
        run("sweep", "run", pod_root, "--results", d("pod/results"), env={"JOB_COMPLETION_INDEX": str(index)})
    run("sweep", "gather", d("pod/results"))
    run("sweep", MASK, "--grid", "functions.scar-mask-detector.memory=256,512,1024", "-o", d("k8s-local"))
    check(open(d("pod/results/sweep.csv")).read() == open(d("k8s-local/sweep.csv")).read(), "pods' table differs from local")


def case_power_tuning():
    """The bundled power-tuning sweep: the recommendation in the console and in sweep.json
    follows AWS Lambda Power Tuning's rules applied to sweep.csv."""
    sweep_file = os.path.join(ROOT, "scenarios/sweeps/power-tuning.yaml")
    _, out = run("sweep", MASK, "--sweep-file", sweep_file, "-o", d("pt"))
    rows = table(d("pt"))
    pt = json.load(open(d("pt/sweep.json")))["results"]["power_tuning"]
    cost = {r["memory"]: float(r["cost_per_invocation_usd"]) for r in rows}
    dur = {r["memory"]: float(r["mean_exec_s"]) for r in rows}
    cheapest = min(cost, key=lambda m: (cost[m], dur[m]))
    fastest = min(dur, key=lambda m: (dur[m], cost[m]))
    value = {m: 0.5 * cost[m] / max(cost.values()) + 0.5 * dur[m] / max(dur.values()) for m in cost}
    balanced = min(value, key=value.get)
    check(pt["best_cost"]["memory_mb"] == cheapest, f"best cost {pt['best_cost']} vs {cheapest}")
    check(pt["best_time"]["memory_mb"] == fastest, f"best time {pt['best_time']} vs {fastest}")
    check(pt["balanced"]["memory_mb"] == balanced, f"balanced {pt['balanced']} vs {balanced}")
    check(cheapest != fastest, "the sweep shows no trade-off (cheapest = fastest)")
    check(f"balanced   {balanced:>6} MB" in out, f"console lacks the recommendation:\n{out}")


def case_parallel():
    """A 16-point sweep with -j 2 takes about half the wall time of -j 1 (alternating runs,
    medians); skipped on a single core."""
    if (os.cpu_count() or 1) < 2:
        print("skipped: one core")
        sys.exit(SKIP)
    args = ["sweep", BENCH, "--set", "workload.0.arrivals.poisson.count=400000",
            "--grid", MEMORY16.replace("scar-mask-detector", "simfaas-bench")]
    walls = {1: [], 2: []}
    for i in range(3):
        for j in (1, 2):
            shutil.rmtree(d("par"), ignore_errors=True)
            t0 = time.monotonic()
            run(*args, "-j", str(j), "-o", d("par"))
            walls[j].append(time.monotonic() - t0)
    ratio = statistics.median(walls[2]) / statistics.median(walls[1])
    print(f"16 points: -j 1 median {statistics.median(walls[1]):.2f} s, -j 2 median {statistics.median(walls[2]):.2f} s, "
          f"ratio {ratio:.2f} (walls {walls})")
    check(ratio < 0.75, f"-j 2 / -j 1 wall = {ratio:.2f}, expected about 0.5")


class LocalSlurm:
    """slurmctld + slurmd + munged on localhost, private to this test (ports, state, socket)."""

    def __init__(self, root):
        self.root = root
        self.pids = []
        self.env = {}

    def start(self):
        r = self.root
        os.makedirs(r)
        os.chmod(os.path.dirname(r), 0o755)  # munged (user munge) must reach its socket
        os.chmod(r, 0o755)
        for sub in ("state", "spool", "log"):
            os.makedirs(os.path.join(r, sub))
        sock_dir, key_dir = os.path.join(r, "munge"), os.path.join(r, "munge-key")
        for sub, mode in ((sock_dir, 0o755), (key_dir, 0o700)):
            os.makedirs(sub)
            shutil.chown(sub, "munge", "munge")
            os.chmod(sub, mode)
        key, sock = os.path.join(key_dir, "munge.key"), os.path.join(sock_dir, "munge.sock")
        as_munge = ["runuser", "-u", "munge", "--"]
        subprocess.run(as_munge + ["/usr/sbin/mungekey", "-c", "-k", key], check=True, capture_output=True)
        subprocess.run(as_munge + ["/usr/sbin/munged", f"--socket={sock}", f"--key-file={key}",
                                   f"--pid-file={key_dir}/munged.pid", f"--log-file={key_dir}/munged.log",
                                   f"--seed-file={key_dir}/munged.seed"], check=True, capture_output=True)
        self.pids.append(("munged", os.path.join(key_dir, "munged.pid")))
        conf = os.path.join(r, "slurm.conf")
        port = 16817 + os.getpid() % 1000 * 2
        open(conf, "w").write(f"""ClusterName=contsimtest
SlurmctldHost=localhost
SlurmctldPort={port}
SlurmdPort={port + 1}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={sock}
StateSaveLocation={r}/state
SlurmdSpoolDir={r}/spool
SlurmctldPidFile={r}/slurmctld.pid
SlurmdPidFile={r}/slurmd.pid
SlurmctldLogFile={r}/log/slurmctld.log
SlurmdLogFile={r}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs={os.cpu_count()} RealMemory=1000 State=UNKNOWN
PartitionName=short Nodes=localhost Default=YES MaxTime=INFINITE State=UP
""")
        self.env = {"SLURM_CONF": conf}
        env = dict(os.environ, **self.env)
        subprocess.run(["/usr/sbin/slurmctld"], check=True, env=env)
        self.pids.append(("slurmctld", os.path.join(r, "slurmctld.pid")))
        subprocess.run(["/usr/sbin/slurmd", "-N", "localhost"], check=True, env=env)
        self.pids.append(("slurmd", os.path.join(r, "slurmd.pid")))
        deadline = time.time() + 60
        while time.time() < deadline:
            p = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, env=env)
            if p.stdout.strip() == "idle":
                return
            time.sleep(0.5)
        raise Failure("the local Slurm did not come up: " + open(os.path.join(r, "log/slurmctld.log")).read()[-2000:])

    def stop(self):
        for name, pid_file in reversed(self.pids):
            try:
                pid = int(open(pid_file).read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
            for _ in range(100):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)


def case_slurm():
    """A 16-point sweep through a real (local, single-node) Slurm: sbatch array, status via
    squeue, gather; sweep.csv equals the local run's byte for byte."""
    missing = [t for t in ("/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/sbin/mungekey")
               if not os.path.exists(t)] + [t for t in ("sbatch", "squeue", "sinfo", "runuser") if not shutil.which(t)]
    if missing or os.geteuid() != 0:
        print(f"skipped: needs root and Debian's slurm-wlm + munge (missing: {missing or 'root'}); ./setup.sh test installs them")
        sys.exit(SKIP)
    slurm = LocalSlurm(d("slurm"))
    try:
        slurm.start()
        _, out = run("sweep", MASK, "--grid", MEMORY16, "--backend", "slurm", "--partition", "short", "--throttle", "4",
                     "--chunk", "2", "--time", "10", "-o", d("sw-slurm"), env=slurm.env)
        check("submitted Slurm array job" in out, out)
        script = open(d("sw-slurm/slurm/sweep.sbatch")).read()
        for line in ("#SBATCH --array=0-7%4", "#SBATCH --partition=short", "#SBATCH --time=10"):
            check(line in script, f"sbatch script lacks {line!r}:\n{script}")
        deadline = time.time() + 240
        while time.time() < deadline:
            _, status = run("sweep", "status", d("sw-slurm"), env=slurm.env)
            if "16 done" in status and "no task in the queue" in status:
                break
            time.sleep(1)
        else:
            raise Failure(f"the array did not finish:\n{status}\n" + open(d("slurm/log/slurmctld.log")).read()[-2000:])
        check("array job" in status, status)
        logs = os.listdir(d("sw-slurm/slurm/logs"))
        check(len(logs) == 8, f"{len(logs)} task logs, expected 8 tasks of 2 points")
        run("sweep", "gather", d("sw-slurm"))
    finally:
        slurm.stop()
    run("sweep", MASK, "--grid", MEMORY16, "-o", d("sw-local"))
    check(open(d("sw-slurm/sweep.csv"), "rb").read() == open(d("sw-local/sweep.csv"), "rb").read(),
          "sweep.csv through Slurm differs from the local run's")


def case_report():
    """contsim report draws a sweep: curves with CI bands, a heat map for 2-D, the Pareto front,
    power tuning with its markers."""
    run("sweep", BENCH, *small_bench(), "--grid", "functions.simfaas-bench.memory=512,1024",
        "--grid", "lambda.keep_alive_s=60:180:60", "--replications", "2", "-o", d("rep2d"))
    run("report", d("rep2d"), "--format", "svg")
    figures = set(os.listdir(d("rep2d/figures")))
    for f in ("sweep_heatmap.svg", "sweep_pareto.svg"):
        check(f in figures, f"2-D report lacks {f}: {figures}")
    run("sweep", MASK, "--sweep-file", os.path.join(ROOT, "scenarios/sweeps/power-tuning.yaml"), "-o", d("rep-pt"))
    run("report", d("rep-pt"), "--format", "svg")
    figures = set(os.listdir(d("rep-pt/figures")))
    for f in ("sweep_power_tuning.svg", "sweep_curves.svg", "sweep_pareto.svg"):
        check(f in figures, f"power-tuning report lacks {f}: {figures}")
    md = open(d("rep-pt/report.md")).read()
    check("balanced" in md and "MB" in md, "report.md lacks the recommendation")


CASES = {name[5:].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global CONTSIM, WS
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    CONTSIM = os.path.abspath(sys.argv[1])
    if sys.argv[2] == "--list":
        print("\n".join(CASES))
        return 0
    WS = tempfile.mkdtemp(prefix="contsim-sweep-")
    try:
        CASES[sys.argv[2]]()
        print(f"ok: {sys.argv[2]}")
        return 0
    except Failure as e:
        print(f"FAIL: {sys.argv[2]}: {e}")
        return 1
    finally:
        shutil.rmtree(WS, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
