#!/usr/bin/env python3
"""Whole-process CPU time of commands run alternately (the machines are shared and noisy: one
command's runs are spread among the others'), as medians and the median of pairwise ratios.

  tests/bench/alternate.py -n 7 'limit:/tmp/limit -o /tmp/l.csv' 'contsim:build/contsim run S -o /tmp/o'

Each argument is NAME:COMMAND (a shell command line). CPU = user + sys of the process and its
children (resource.getrusage; their medians are shown too), wall from time.monotonic(); the first command is the reference.
The least CPU of each command's runs and its ratio are shown too: when other tenants load the
machine unevenly, the least-disturbed runs disagree less than the medians."""
import argparse
import resource
import statistics
import subprocess
import time


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    return user + system, wall, user, system


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=7, help="runs of each command (default 7)")
    ap.add_argument("commands", nargs="+", help="NAME:COMMAND")
    a = ap.parse_args()
    named = [c.split(":", 1) for c in a.commands]
    cpu = {n: [] for n, _ in named}
    wall = {n: [] for n, _ in named}
    user = {n: [] for n, _ in named}
    system = {n: [] for n, _ in named}
    for _ in range(a.n):
        for n, c in named:
            x, w, u, s = run(c)
            cpu[n].append(x)
            wall[n].append(w)
            user[n].append(u)
            system[n].append(s)
    ref = named[0][0]
    print(f"{'command':<14} {'median CPU s':>12} {'user s':>7} {'sys s':>6} {'median wall s':>13} {'CPU ratio':>9} "
          f"{'pairwise':>9} {'wall ratio':>10} {'min CPU s':>9} {'min ratio':>9}")
    for n, _ in named:
        pair = statistics.median(x / y for x, y in zip(cpu[n], cpu[ref]))
        print(f"{n:<14} {statistics.median(cpu[n]):>12.3f} {statistics.median(user[n]):>7.3f} "
              f"{statistics.median(system[n]):>6.3f} {statistics.median(wall[n]):>13.3f} "
              f"{statistics.median(cpu[n]) / statistics.median(cpu[ref]):>9.2f} {pair:>9.2f} "
              f"{statistics.median(wall[n]) / statistics.median(wall[ref]):>10.2f} "
              f"{min(cpu[n]):>9.3f} {min(cpu[n]) / min(cpu[ref]):>9.2f}")


if __name__ == "__main__":
    main()
