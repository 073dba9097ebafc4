#!/usr/bin/env python3
"""Checks the code against the map in sim/README.md (the table between the layers markers).

Fails (exit 1, one line per violation, file:line) when
  - an #include "..." reaches a folder its layer's row does not allow,
  - a folder holding C++ sources has no row,
  - a file outside sim/engine includes SimGrid,
  - a model includes a sibling model its libraries do not link in models/CMakeLists.txt,
  - a model's configuration library (contsim_model_X_config: read when the Plan is resolved,
    linked without SimGrid) or a real-runner reaches sim/engine or sim/runtime through its
    includes.
Usage: check_layers.py [SOURCE_DIR]"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
SKIP = {"build", ".git", "out", "reports", "scenarios", "calibration/prices", "real-runners/local/node_modules"}


def read_table():
    text = open(os.path.join(root, "sim", "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- layers:begin -->(.*?)<!-- layers:end -->", text, re.S)
    if not m:
        sys.exit("sim/README.md: no <!-- layers:begin --> ... <!-- layers:end --> table")
    rows = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        folder = cells[0].strip("`")
        allowed = re.findall(r"`([^`]+)`", cells[1])
        rows[folder] = "everything" if cells[1] == "everything" else allowed
    return rows


def layer_of(path, rows):
    """The longest row folder that is a prefix of `path` (a file or folder, relative to root)."""
    best = None
    for folder in rows:
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def model_of(library):
    """contsim_model_X and contsim_model_X_config are both model X's."""
    return library[:-len("_config")] if library.endswith("_config") else library


def model_links():
    """models/CMakeLists.txt: model X -> the sibling models its two libraries link."""
    text = open(os.path.join(root, "models", "CMakeLists.txt"), encoding="utf-8").read()
    links = {}
    for m in re.finditer(r"target_link_libraries\(contsim_model_(\w+)([^)]*)\)", text):
        me = model_of(m.group(1))
        links.setdefault(me, set()).update(model_of(x) for x in re.findall(r"contsim_model_(\w+)", m.group(2)))
    return links


def config_sources():
    """The sources of every contsim_model_X_config library, relative to root."""
    text = open(os.path.join(root, "models", "CMakeLists.txt"), encoding="utf-8").read()
    out = []
    for m in re.finditer(r"add_library\(contsim_model_\w+_config\s+STATIC([^)]*)\)", text):
        out += ["models/" + f for f in m.group(1).split()]
    return out


def real_runner_sources():
    """Every source of real-runners/: they run Plans without the engine."""
    out = []
    for dirpath, _, filenames in os.walk(os.path.join(root, "real-runners")):
        for f in filenames:
            if f.endswith((".cpp", ".hpp")) and "node_modules" not in dirpath:
                out.append(os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/"))
    return sorted(out)


def engine_free_problems():
    """Follows the quoted includes of each configuration and real-runner source (and its header)
    through the tree."""
    include = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
    problems = []
    for source in config_sources() + real_runner_sources():
        start = [source] + ([source[:-4] + ".hpp"] if source.endswith(".cpp") else [])
        seen, stack = set(), [(f, [f]) for f in start if os.path.exists(os.path.join(root, f))]
        while stack:
            path, chain = stack.pop()
            if path in seen:
                continue
            seen.add(path)
            if path.startswith(("sim/engine/", "sim/runtime/")):
                problems.append(f"{source}: reaches {path} ({' -> '.join(chain)}); configurations and "
                                "real-runners must stay engine-free")
                continue
            with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = include.match(line)
                    if m and os.path.exists(os.path.join(root, m.group(1))):
                        stack.append((m.group(1), chain + [m.group(1)]))
    return problems


def main():
    rows = read_table()
    links = model_links()
    problems = []
    include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        # build trees (build/, build-sanitize/, ...) hold CMake's probe sources, not ours
        dirnames[:] = [d for d in dirnames if (d if rel_dir == "." else rel_dir + "/" + d) not in SKIP
                       and not (rel_dir == "." and d.startswith("build"))
                       and not d.startswith(".")]
        sources = [f for f in filenames if f.endswith((".cpp", ".hpp", ".h"))]
        if not sources:
            continue
        layer = layer_of(rel_dir, rows)
        if layer is None:
            problems.append(f"{rel_dir}/: C++ sources in a folder the map (sim/README.md) does not list")
            continue
        allowed = rows[layer]
        for name in sources:
            rel = f"{rel_dir}/{name}"
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                for no, line in enumerate(f, 1):
                    m = include.match(line)
                    if not m:
                        continue
                    kind, target = m.groups()
                    if kind == "<":
                        if target.startswith("simgrid") and layer != "sim/engine":
                            problems.append(f"{rel}:{no}: includes SimGrid <{target}>; only sim/engine may")
                        continue
                    target_layer = layer_of(os.path.dirname(target), rows)
                    if target_layer is None:
                        if not os.path.exists(os.path.join(root, target)) and not os.path.exists(
                                os.path.join(dirpath, target)):
                            problems.append(f"{rel}:{no}: includes \"{target}\", which is no file of the tree")
                        continue
                    if target_layer == layer or allowed == "everything" or target_layer in allowed or target in allowed:
                        continue
                    if "models/*" in allowed and target_layer.startswith("models/"):
                        continue
                    if layer.startswith("models/") and target_layer.startswith("models/"):
                        me, other = layer.split("/")[1], target_layer.split("/")[1]
                        if other in links.get(me, set()):
                            continue
                        problems.append(f"{rel}:{no}: models/{me} includes \"{target}\" but no library of "
                                        f"models/{me} links contsim_model_{other} (models/CMakeLists.txt)")
                        continue
                    problems.append(f"{rel}:{no}: {layer} includes \"{target}\" ({target_layer}); "
                                    f"the map allows {', '.join(allowed) or 'third-party only'}")
    problems += engine_free_problems()
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} violation(s) of the map in sim/README.md")
        return 1
    print(f"the includes follow the map ({len(rows)} layers)")
    return 0


sys.exit(main())
