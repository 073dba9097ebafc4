#include "sim/cli/CommandHelp.hpp"

#include <map>

namespace contsim {

namespace {

const std::map<std::string, const char*>& helps()
{
  static const std::map<std::string, const char*> h = {
      {"run", R"(contsim run SCENARIO.yaml [-o DIR] [--set PATH=VALUE]... [--calibration FILE]... [--seed N]
            [--trace full|sample:N|none] [--compress none|zstd] [--writer-thread on|off]
            [--log CATEGORY:LEVEL] [-v] [--dry-run] [-q] [--junit FILE] [--runs N]

Simulates the scenario (its FDL unmodified, on its platform and workload) and writes DIR
(default out/): trace.csv (a row per attempt), timeline.csv, instances.csv, job_states.csv,
phases.csv and summary.json (sim/schema/OUTPUTS.md); prints a summary. Same scenario and seed:
byte-identical files. --dry-run prints the resolved plan instead; -q prints no summary.
The scenario's `expect:` bounds are checked after the run: exit 1 when one does not hold;
--junit FILE writes them as a JUnit XML report. --runs N repeats the workload N times on the
same platform (summary.json `runs`: each run and the mean), like the experiments' "mean of 5 runs".

Examples:
  contsim run scenarios/mask-detector-lambda.yaml -o out/e5
  contsim run scenarios/mask-detector-lambda.yaml --set lambda.keep_alive_s=60 --seed 2 -o out/e5-ka60
  contsim run scenarios/paper/echo-oscar-rcuda.yaml --set workload.0.arrivals.schedule.0.count=4 -o out/e10
  contsim run scenarios/bench/lambda-1m.yaml --trace sample:100 --compress zstd -o out/big
  contsim run scenarios/paper/gpu-blast-lambda-rcuda.yaml --dry-run
  contsim run scenarios/ci/mask-detector-budget.yaml -q --junit out/junit.xml
)"},
      {"sweep", R"(contsim sweep SCENARIO.yaml [--grid PATH=V1,V2|A:B:STEP]... [--zip PATH=...]... [--sweep-file F]
              [--replications N] [--sample random:N[:SEED]|lhs:N[:SEED]] [-j N] [--keep-traces]
              [--backend local|slurm|kubernetes] [--partition P] [--time T] [--account A]
              [--throttle N] [--chunk N] [--set PATH=VALUE]... [--calibration FILE]... [-o DIR]
contsim sweep plan SCENARIO.yaml ... | run DIR [--index I] | status DIR | gather DIR

Runs the scenario at every point of a grid (each point --replications times with derived
seeds, -j at once), writes DIR/sweep.json, DIR/points/NNNN/rep-R/summary.json and DIR/sweep.csv
(mean, _sd and _ci95 per metric). A rerun resumes. scenarios/README.md, "Sweeps".

Examples:
  contsim sweep scenarios/mask-detector-lambda.yaml --sweep-file scenarios/sweeps/power-tuning.yaml -o out/pt
  contsim sweep scenarios/paper/echo-oscar-native-gpu.yaml --sweep-file scenarios/sweeps/echo-concurrency.yaml -o out/e10-k
  contsim sweep scenarios/paper/gpu-blast-lambda-rcuda.yaml --grid workload.0.file.attributes.length=2,1000,10000 \
      --replications 3 -j 2 -o out/e9-len
  contsim report out/pt
)"},
      {"real", R"(contsim real SCENARIO.yaml [-o DIR] [--time-scale X] [--set PATH=VALUE]... [--keep-scratch]

Runs the scenario for real on this machine (its `real:` section: s3rver, bubblewrap or podman,
the use cases' tools) and writes the same files as `run` (real-runners/README.md).

Example:
  contsim real scenarios/real/mask-detection-local.yaml -o out/real-mask
)"},
      {"compare", R"(contsim compare SIMULATED REAL [--tolerance 0.25] [-o DIR]

Compares two run directories (e.g. `run` and `real` of one scenario) phase by phase; writes
DIR/compare.json; exit 1 when a relative error exceeds --tolerance.

Example:
  contsim compare out/sim-mask out/real-mask --tolerance 30%
)"},
      {"report", R"(contsim report RUN_DIR [--format png,svg,pdf] [-o DIR] [--compare OTHER_RUN_DIR]

Draws the figures a run or a sweep has data for into DIR/figures/ and writes DIR/report.html
and DIR/report.md (DIR defaults to RUN_DIR). Needs /usr/bin/python3 with python3-matplotlib.

Examples:
  contsim report out/e10
  contsim report out/sim-mask --compare out/real-mask -o out/sim-vs-real
)"},
      {"calibrate", R"(contsim calibrate TRACE... -o FILE [--name NAME] [--attributes CSV] [--image-size IMAGE=SIZE]...

Fits execution times, cold starts, launch delays, boot times and image pulls from real traces
(CloudWatch REPORT lines or Lambda's JSON log format, filter-log-events JSON, Batch
describe-jobs, kubectl JSON, contsim trace.csv) into a calibration file (traces/README.md).
Attempts that timed out or failed are counted and left out of the fits.

Examples:
  contsim calibrate scar-mask-detector=traces/samples/cloudwatch-report.log -o out/fit.yaml
  contsim validate scenarios/mask-detector-lambda.yaml --calibration out/fit.yaml \
      --against scar-mask-detector=traces/samples/cloudwatch-report.log
)"},
      {"validate", R"(contsim validate SCENARIO.yaml --against TRACE [--tolerance 0.25] [--set PATH=VALUE]...
                 [--calibration FILE]... [-o DIR]

Replays the trace's arrivals through the scenario and compares response times, makespan and
cost with it; writes DIR/validation.json (default out/validate); exit 1 above --tolerance.

Example:
  contsim validate scenarios/mask-detector-lambda.yaml --calibration out/fit.yaml \
      --against scar-mask-detector=traces/samples/cloudwatch-report.log --tolerance 25%
)"},
      {"import", R"(contsim import TRACE... -o DIR

Writes real traces as a run directory (trace.csv in the simulator's schema, summary.json), for
`contsim report DIR` and `contsim report SIM --compare DIR`.

Example:
  contsim import traces/samples/kubectl-jobs-pods.json -o out/real-k8s
)"},
      {"plan", R"(contsim plan SCENARIO.yaml [--set PATH=VALUE]... [--calibration FILE]... [--seed N]

Resolves the scenario without simulating it and prints the plan as JSON (which service runs
each function, sites and hosts, storages, replicas, sources).

Example:
  contsim plan scenarios/paper/gpu-blast-lambda-rcuda.yaml
)"},
      {"init", R"(contsim init FDL.yaml [-o SCENARIO.yaml]

Writes a scenario skeleton for an unmodified FDL (default FDL-STEM.scenario.yaml here; never
overwrites): a site and a service per AWS region and OSCAR cluster (node types from the
shipped on-premises calibration, the smallest that fits), the storages its inputs and outputs
name, one workload source per entry input, and a function profile per function. Execution
times, image sizes, file sizes and upload counts are TODO with a comment naming each; a run
refuses a TODO with its file and line. Fill them in, then `contsim run`.

Examples:
  contsim init scenarios/fdl/oscar-plant-classification.yaml -o out/plants.yaml
  contsim init my-workflow.yaml -o scenarios/my-workflow.yaml && grep -n TODO scenarios/my-workflow.yaml
)"},
      {"help", R"(contsim help outputs | outputs.py | params [MODEL]

Reference text generated from the code: every output column (sim/schema/OUTPUTS.md), the same
for reports/ (reports/schema.py), every model parameter (calibration/PARAMETERS.md).

Example:
  contsim help params rcuda
)"},
  };
  return h;
}

} // namespace

const char* command_help(const std::string& command)
{
  auto it = helps().find(command);
  return it == helps().end() ? nullptr : it->second;
}

} // namespace contsim
