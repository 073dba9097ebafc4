#!/bin/sh
# cmake --install puts contsim, its calibration files, report scripts and scenarios under a
# prefix; the installed binary then runs, reports and writes init skeletons from any directory
# (here /, with the source tree out of reach of relative paths and the build's environment).
# Usage: test_install.sh BUILD_DIR SCRATCH_DIR
set -eu
build=$1
scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
contsim="$scratch/prefix/bin/contsim"
share="$scratch/prefix/share/contsim"
test -f "$share/calibration/aws-us-east-1.yaml"
test -f "$share/reports/contsim_report.py"
test -f "$share/scenarios/ci/mask-detector-budget.yaml"
cd /
env -u CONTSIM_DATA_DIR -u CONTSIM_REPORTS_DIR "$contsim" run "$share/scenarios/mask-detector-lambda.yaml" -q -o "$scratch/run" 2>/dev/null
test -f "$scratch/run/summary.json"
env -u CONTSIM_DATA_DIR -u CONTSIM_REPORTS_DIR "$contsim" report "$scratch/run" >/dev/null
test -f "$scratch/run/report.html"
# A wrong interpreter is named, exit 2 (the report's Python is configurable).
status=0
CONTSIM_PYTHON=/nonexistent/python3 "$contsim" report "$scratch/run" 2>"$scratch/py.err" || status=$?
test "$status" -eq 2
grep -q "/nonexistent/python3" "$scratch/py.err"
# init's skeleton names the installed calibration files.
"$contsim" init "$share/scenarios/fdl/oscar-plant-classification.yaml" -o "$scratch/plants.yaml" >/dev/null
grep -q "share/contsim/calibration/upv-openstack.yaml" "$scratch/plants.yaml"
echo "install: ok ($scratch/prefix)"
