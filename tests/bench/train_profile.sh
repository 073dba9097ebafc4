#!/usr/bin/env bash
# The training runs of the profile-guided build (setup.sh; CMakeLists.txt, CONTSIM_PROFILE_*):
# an instrumented contsim runs the bundled scenarios and writes its profiles into PROFILE_DIR.
#   tests/bench/train_profile.sh INSTRUMENTED/contsim PROFILE_DIR
# The set is every bundled scenario but the benchmark lambda-1m itself, whose figures are quoted
# against the stick (tests/bench/README.md): its code paths are trained by simfaas-example, the
# same Lambda model at another rate. batch-100k runs 20,000 jobs. Runs with and without the
# trace's writer thread, as users run them.
set -euo pipefail
contsim="$(realpath "$1")"; profiles="$2"
cd "$(dirname "$0")/../.."
mkdir -p "$profiles"
# Counts from an earlier training would be added to (GCC merges into existing files).
find "$profiles" -name '*.gcda' -delete
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
run() {
  local out="$work/$((++runs))"
  if ! "$contsim" run "$@" -o "$out" -q >/dev/null 2>"$out.err"; then
    echo "train_profile: contsim run $* failed: $(tail -1 "$out.err")" >&2; exit 1
  fi
}
runs=0
while IFS= read -r scenario; do
  run "$scenario"
done < <(find scenarios -name '*.yaml' -not -path 'scenarios/fdl/*' -not -path 'scenarios/sweeps/*' \
           -not -path 'scenarios/real/*' -not -path 'scenarios/bench/*' | sort)
run scenarios/bench/simfaas-example.yaml
run scenarios/bench/simfaas-example.yaml --writer-thread off
run scenarios/bench/batch-100k.yaml --set workload.0.arrivals.poisson.count=20000
run scenarios/bench/batch-100k.yaml --set workload.0.arrivals.poisson.count=20000 --writer-thread off
echo "train_profile: $runs runs, $(find "$profiles" -name '*.gcda' | wc -l) profiles in $profiles"
