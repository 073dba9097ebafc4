#!/usr/bin/python3
"""Nothing in the repository points outside it (issue 19): no path into a sibling checkout
(`../shared`, `../fdl-examples`, an absolute /work path); every Markdown file a text cites by name
(`real-systems.md §2.6`, `docs/sources.md`) exists in the repository; every fact id a calibration
file or parameter default cites (`L9`, `B2`, `K1`) is in docs/spec/facts.yaml, and every work
(`S2 §3.4`) in docs/spec/SOURCES.md.
  test_self_contained.py SOURCE_DIR"""
import os
import re
import subprocess
import sys

root = os.path.abspath(sys.argv[1])
os.chdir(root)
failures = []


def fail(what):
    print("FAIL " + what)
    failures.append(what)


files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], capture_output=True,
                       text=True, check=True).stdout.split()
names = {os.path.basename(f) for f in files}
outside = re.compile(r"\.\./shared\b|\.\./fdl-examples\b|/work/(main|shared)\b")
md_cite = re.compile(r"(?<![\w./-])([A-Za-z][\w-]*\.md)\b")
checked = 0
for f in files:
    if f.startswith(("tests/data/", "tests/golden/expected/")) or f == "tests/docs/test_self_contained.py":
        continue  # upstream data verbatim; generated outputs (regenerated from the sources checked here)
    try:
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
    except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
        continue
    checked += 1
    for n, line in enumerate(text.splitlines(), 1):
        if outside.search(line):
            fail(f"{f}:{n}: points outside the repository: {line.strip()[:120]}")
        # docs/spec cites upstream repositories' files as repo:path; report.md is an output's name
        for m in md_cite.finditer(line) if not f.startswith("docs/spec/") or "INDEX.md" in line else ():
            if m.group(1) not in names and m.group(1) not in ("report.md",):
                fail(f"{f}:{n}: cites {m.group(1)}, which is not in the repository")

# Fact ids and works cited by the calibration files and the parameter defaults.
facts = set(re.findall(r"\{id: ([A-Z]+[0-9]+[a-z]?)", open("docs/spec/facts.yaml").read()))
facts |= set(re.findall(r"^\| ([A-Z]+[0-9]+) \|", open("docs/sources.md").read(), re.M))
works = set(re.findall(r"^\| (S[0-9]) \|", open("docs/spec/SOURCES.md").read(), re.M))
sources = []
for f in files:
    if f.startswith("calibration/") and f.endswith(".yaml"):
        sources += [(f, m) for m in re.findall(r"source: *\"([^\"]*)\"", open(f).read())]
params = subprocess.run([sys.argv[2], "help", "params"], capture_output=True, text=True, check=True).stdout
sources += [("contsim help params", line) for line in params.splitlines()]
fact_id = re.compile(r"(?<![\w§./-])([LBIKCPG][0-9]{1,2}[a-z]?)\b(?![.:][0-9])")
for where, text in sources:
    text = re.sub(r"gpu\.md [A-Z-]*[0-9A-Za-z-]+", "", text)  # gpu.md's own ids (R8, U5, O6) live in gpu.md
    text = re.sub(r"\b(?:E|U|R|O)[0-9]+\b", "", text)
    for m in fact_id.finditer(text):
        if m.group(1) not in facts and m.group(1) not in ("K80", "K40"):  # GPUs (Tesla K80), not facts
            fail(f"{where}: cites fact {m.group(1)}, which docs/spec/facts.yaml does not list: {text[:100]}")
    for m in re.finditer(r"\b(S[0-9])\b", text):
        if m.group(1) not in works:
            fail(f"{where}: cites work {m.group(1)}, which docs/spec/SOURCES.md does not list")
print(f"{checked} files, {len(sources)} parameter sources checked; {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
