"""What the fidelity scripts share: a named check that prints ok/FAIL and is remembered, and
the exit that reports them (1 when any failed)."""
import sys

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def finish():
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
