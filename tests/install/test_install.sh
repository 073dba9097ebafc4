#!/bin/sh
# cmake --install puts contsim, SimGrid's engine module, its calibration files, report scripts and
# scenarios under a prefix; the installed binary then runs, reports and writes init skeletons from any directory
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
# A platform with links and Kubernetes nodes loads SimGrid's engine module from PREFIX/lib/contsim.
test -f "$scratch/prefix/lib/contsim/libcontsim_simgrid.so"
env -u CONTSIM_DATA_DIR "$contsim" run "$share/scenarios/paper/mask-detection-onprem.yaml" -q -o "$scratch/oscar" 2>/dev/null
test -f "$scratch/oscar/summary.json"
# Without the module, such a run stops and names where it looked; a Lambda benchmark needs none.
mkdir -p "$scratch/alone"
cp "$contsim" "$scratch/alone/contsim"
status=0
"$scratch/alone/contsim" run "$share/scenarios/paper/mask-detection-onprem.yaml" -q -o "$scratch/alone/oscar" 2>"$scratch/alone.err" || status=$?
test "$status" -eq 5  # a missing prerequisite, not an internal error
grep -q "libcontsim_simgrid.so" "$scratch/alone.err"
"$scratch/alone/contsim" run "$share/scenarios/bench/simfaas-example.yaml" -q -o "$scratch/alone/lambda" >/dev/null 2>&1
test -f "$scratch/alone/lambda/summary.json"
# A wrong interpreter is named, exit 2 (the report's Python is configurable).
status=0
CONTSIM_PYTHON=/nonexistent/python3 "$contsim" report "$scratch/run" 2>"$scratch/py.err" || status=$?
test "$status" -eq 2
grep -q "/nonexistent/python3" "$scratch/py.err"
# init's skeleton names the installed calibration files.
"$contsim" init "$share/scenarios/fdl/oscar-plant-classification.yaml" -o "$scratch/plants.yaml" >/dev/null
grep -q "share/contsim/calibration/upv-openstack.yaml" "$scratch/plants.yaml"
echo "install: ok ($scratch/prefix)"
