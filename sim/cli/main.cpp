// contsim: command-line entry point.
//   contsim run SCENARIO.yaml [-o DIR] [--set PATH=VALUE]...
//   contsim sweep SCENARIO.yaml --grid PATH=V1,V2,... [--replications N] [-j N] [-o DIR]
//   contsim report RUN_DIR ... | calibrate TRACE... -o FILE | validate SCENARIO --against TRACE
// Exit codes: 0 success, 2 bad input (message names file, line and key), 3 internal error,
// 5 a missing prerequisite.
#include "models/Bindings.hpp"
#include "models/Registry.hpp"
#include "real-runners/core/RealSection.hpp"
#include "sim/cli/CalibrateCommand.hpp"
#include "sim/cli/CommandHelp.hpp"
#include "sim/cli/CompareCommand.hpp"
#include "sim/cli/HelpCommand.hpp"
#include "sim/cli/ImportCommand.hpp"
#include "sim/cli/InitCommand.hpp"
#include "sim/cli/RealCommand.hpp"
#include "sim/cli/ReportCommand.hpp"
#include "sim/cli/RunCommand.hpp"
#include "sim/cli/SweepCommand.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/Log.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/runtime/Simulation.hpp"
#include "sim/scenario/Overrides.hpp"
#include "sim/scenario/Scenario.hpp"
#include "sim/schema/OutputOptions.hpp"
#include "sim/schema/Schema.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace po = boost::program_options;
using namespace contsim;

namespace {

const char* kUsage = R"(contsim - simulate serverless data-processing workflows (SCAR/OSCAR FDL)

Usage:
  contsim run SCENARIO.yaml [-o DIR] [--set PATH=VALUE]... [--calibration FILE]... [--seed N] [--dry-run] [-q] [-v]
              [--junit FILE] [--runs N]
  contsim sweep SCENARIO.yaml [--grid PATH=V1,V2|A:B:STEP]... [--zip PATH=...]... [--sweep-file F]
                [--replications N] [--sample random:N[:SEED]|lhs:N[:SEED]] [-j N] [--keep-traces]
                [--backend local|slurm|kubernetes] [--partition P] [--time T] [--account A]
                [--throttle N] [--chunk N] [--set PATH=VALUE]... [--calibration FILE]... [-o DIR]
  contsim sweep plan SCENARIO.yaml ... | run DIR [--index I] [-j N] [--results R] | status DIR | gather DIR
  contsim real SCENARIO.yaml [-o DIR] [--time-scale X] [--set PATH=VALUE]... [--keep-scratch]
  contsim compare SIMULATED REAL [--tolerance 0.25] [-o DIR]
  contsim report RUN_DIR [--format png,svg,pdf] [-o DIR] [--compare OTHER_RUN_DIR]
  contsim calibrate TRACE... -o FILE [--name NAME] [--attributes CSV] [--image-size IMAGE=SIZE]...
  contsim validate SCENARIO.yaml --against TRACE [--tolerance 0.25] [--set PATH=VALUE]... [--calibration FILE]... [-o DIR]
  contsim import TRACE... -o DIR
  contsim plan SCENARIO.yaml [--set PATH=VALUE]...
  contsim init FDL.yaml [-o SCENARIO.yaml]
  contsim help outputs | outputs.py | params [MODEL]
  contsim --help | --version

run     simulates the scenario and writes DIR/trace.csv (one row per invocation),
        DIR/timeline.csv (per service over time), DIR/instances.csv (Batch instances),
        DIR/job_states.csv (Batch job states) and DIR/summary.json; prints a summary. A scenario's
        `expect:` bounds are checked after the run: a table of what held, exit 1 on a violation,
        --junit FILE writes them as JUnit XML (scenarios/README.md, "Expectations").
sweep   runs the scenario at every point of a grid (--grid axes combine, --zip axes pair their
        i-th values; A:B:STEP is an inclusive range; --sweep-file holds the same as YAML), each
        point --replications times with derived seeds, -j at once (default: every core), and
        writes DIR/sweep.json (the manifest), DIR/points/NNNN/rep-R/summary.json (traces too with
        --keep-traces) and DIR/sweep.csv (per point: mean, _sd and _ci95 of each metric); prints
        the table, and for a memory sweep AWS Lambda Power Tuning's recommendation. A rerun resumes;
        `--backend slurm` submits a job array (sbatch), `--backend kubernetes` writes an Indexed Job
        (DIR/kubernetes/); `sweep run DIR` runs task --index (or SLURM_ARRAY_TASK_ID,
        JOB_COMPLETION_INDEX); `sweep status`, `sweep gather` (scenarios/README.md, "Sweeps").
real    runs the same scenario for real on this machine (real-runners/README.md): its `real:`
        section maps each FDL image to a local runtime and each workload source to an input
        command; s3rver is the storage, bubblewrap the sandbox; writes the simulator's files
        from measurements (times are seconds since the run's start) plus DIR/real.json
        (machine, tools, limits) and DIR/real-errors.log. Ctrl-C stops it cleanly (exit 130).
compare how far SIMULATED was from REAL (run directories or trace.csv): per function and phase
        (wait, start, stage_in, exec, stage_out, response) mean, p50, p95 and relative errors,
        KS on response times, invocations matched by input, makespan and cost; writes
        DIR/compare.json (DIR defaults to SIMULATED's); exit 1 above --tolerance.
report  draws the figures a run (or a sweep) has data for into DIR/figures/ and writes
        DIR/report.html and DIR/report.md (DIR defaults to RUN_DIR); --compare adds
        per-function differences against a second run (e.g. simulated vs real).
        Needs /usr/bin/python3 with python3-matplotlib.
calibrate  imports real traces (format detected: CloudWatch REPORT lines or `aws logs
        filter-log-events` JSON, `aws batch describe-jobs` JSON, `kubectl get jobs,pods[,nodes]
        -o json`, contsim trace.csv), fits execution times (normal, lognormal, gamma, Weibull by
        AIC; linear in --attributes columns when R² >= 0.5), cold starts, Batch launch delays,
        node boot times and image pulls, and writes a calibration file that scenarios load;
        every value records its fit. A CloudWatch log does not name its function: pass
        FUNCTION=PATH (default: the file's stem). --attributes CSV: `input,ATTR...` per input.
validate   replays the trace's arrivals through SCENARIO and compares response times (mean,
        median, p95, KS statistic), makespan and cost with the trace; writes DIR/validation.json
        (DIR defaults to out/validate); exit 1 when a relative error exceeds --tolerance.
import  writes real traces (the formats calibrate reads) as a run directory with the simulator's
        writers: DIR/trace.csv (same schema; ids renumbered in trigger order, times from the first
        trigger) and DIR/summary.json, for `contsim report DIR` and `report SIM --compare DIR`.
plan    resolves the scenario without simulating it and prints the Plan as JSON: which
        service runs each function, storages and sites, replicas, what each workload source
        uploads or calls (what the simulator and real-runners execute).
init    writes a scenario skeleton for an FDL: a site and service per region and OSCAR cluster,
        its storages, a workload source per entry input, a function profile per function; the
        values only you know are TODO (a run refuses them, naming file and line).
help    prints reference text generated from the code: `outputs` documents every column of
        every output file (sim/schema/OUTPUTS.md), `outputs.py` the same for reports/,
        `params [MODEL]` every model parameter with type, unit, default, range and source
        (calibration/PARAMETERS.md).

--log CATEGORY:LEVEL[,...]  (run, sweep, validate) prints what a model decides on stderr, each
        line stamped with the simulated time: categories lambda, batch, oscar.delegation,
        oscar.rescheduler, oscar.clues (`oscar` sets all three); levels trace, debug, info, warn,
        error, off. E.g. --log=oscar.rescheduler:debug,batch:info

--calibration FILE  (run, sweep, plan, real, validate; repeatable) layers a calibration file after the
        scenario's own: its values override theirs; a function's profile is taken whole from
        the last file that has it (e.g. one `contsim calibrate` fitted from a real run).

-v, --verbose  (run, sweep, validate) = --log CATEGORY:debug for every category.
--seed N  (run, sweep, plan, real, validate) = --set seed=N.  --dry-run  (run) resolves the
        scenario and prints its plan (as `contsim plan`), running nothing.  -q, --quiet  (run)
        prints no summary. `run` with several values in one --set (PATH=V1,V2) stops and shows
        the `contsim sweep --grid` that runs each of them.

--set PATH=VALUE overrides a value before validation:
  functions.NAME.KEY        a key of FDL function NAME (memory, timeout, ...)
  OTHER.PATH                a key of the scenario (seed, horizon, parameters.lambda.keep_alive_s, ...)
  MODEL.KEY                 shorthand for parameters.MODEL.KEY (lambda.keep_alive_s)

Scenario format: scenarios/README.md; trace formats and calibration: traces/README.md.
Exit status: 0 ok, 1 validation above tolerance, 2 bad input (file:line: error: 'key': why),
3 internal error (a bug: please report it), 4 an output could not be written (disk full,
permissions), 5 a part of contsim or a tool it needs is not installed (the message says which);
130 interrupted. Outputs appear under their names only when complete.
)";

std::vector<Override> parse_overrides(const std::vector<std::string>& sets)
{
  std::vector<Override> out;
  for (const auto& s : sets)
    out.push_back(parse_override(s));
  return out;
}

/// --tolerance into `out` when given; false (after saying why) when it is negative.
bool read_tolerance(const po::variables_map& vm, double& out)
{
  if (!vm.count("tolerance"))
    return true;
  // A fraction (0.25) or a percentage (25%): a bare 25 is almost always meant as 25 %.
  const std::string text = vm["tolerance"].as<std::string>();
  bool percent = !text.empty() && text.back() == '%';
  std::string number = percent ? text.substr(0, text.size() - 1) : text;
  char* end = nullptr;
  double v = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(v) || v < 0) {
    std::cerr << "contsim: --tolerance '" << text << "': expected a relative error, 0 or more (0.25 or 25%)\n";
    return false;
  }
  if (!percent && v > 1) {
    std::cerr << "contsim: --tolerance " << text << " would allow " << v * 100 << " % error: write " << text
              << "% for " << text << " %, or a fraction (e.g. 0.25)\n";
    return false;
  }
  out = percent ? v / 100 : v;
  return true;
}

} // namespace

int main(int argc, char** argv)
{
  std::vector<std::string> cli_sets;  // the --set arguments, for errors about the values they set
  return guarded([&]() -> int {
    po::options_description opts("options");
    opts.add_options()("help,h", "show help")("version", "show version")(
        "output,o", po::value<std::string>(), "output directory (run: out, sweep: out/sweep)")(
        "set", po::value<std::vector<std::string>>()->composing(), "PATH=VALUE override (repeatable)")(
        "seed", po::value<std::string>(), "run, sweep, plan, real, validate: the scenario's seed (= --set seed=N)")(
        "runs", po::value<std::string>(), "run, sweep, plan, validate: repeat the workload N times on the same platform (= --set runs=N)")(
        "dry-run", "run: resolve the scenario and print its plan (as `contsim plan`); run nothing")(
        "quiet,q", "run: no summary on stdout (errors and warnings still on stderr)")(
        "junit", po::value<std::string>(), "run: write the scenario's expect: results as JUnit XML to FILE")(
        "verbose,v", "run, sweep, validate: every model's decisions on stderr (= --log CATEGORY:debug for each)")(
        "log", po::value<std::vector<std::string>>()->composing(), "CATEGORY:LEVEL[,...] (repeatable)")(
        "format", po::value<std::string>(), "report: figure formats")(
        "compare", po::value<std::string>(), "report: a second run directory")(
        "against", po::value<std::string>(), "validate: the real trace")(
        "tolerance", po::value<std::string>(), "validate, compare: relative error allowed, as a fraction or a percentage (default 0.25 = 25%)")(
        "name", po::value<std::string>(), "calibrate: the calibration set's name")(
        "attributes", po::value<std::string>(), "calibrate: CSV of input attributes")(
        "image-size", po::value<std::vector<std::string>>()->composing(), "calibrate: IMAGE=SIZE (repeatable)")(
        "calibration", po::value<std::vector<std::string>>()->composing(),
        "a calibration file layered after the scenario's (repeatable)")(
        "time-scale", po::value<double>(), "real: divide the schedule's gaps by this factor")(
        "keep-scratch", "real: keep the scratch directory (inputs, job directories, S3 data)")(
        "grid", po::value<std::vector<std::string>>()->composing(), "sweep: PATH=V1,V2,... or START:STOP:STEP, combined with every other grid axis")(
        "zip", po::value<std::vector<std::string>>()->composing(), "sweep: PATH=V1,V2,..., paired with the other zip axes")(
        "sweep-file", po::value<std::string>(), "sweep: a YAML file of grid:, zip:, set:, replications:, sample:")(
        "replications", po::value<int>(), "sweep: runs per point, each with its own seed")(
        "sample", po::value<std::string>(), "sweep: random:N[:SEED] or lhs:N[:SEED]")(
        "jobs,j", po::value<int>(), "sweep: runs at once (default: the machine's cores)")(
        "backend", po::value<std::string>(), "sweep: local, slurm or kubernetes")(
        "partition", po::value<std::string>(), "sweep --backend slurm: sbatch --partition")(
        "time", po::value<std::string>(), "sweep --backend slurm: sbatch --time per array task")(
        "account", po::value<std::string>(), "sweep --backend slurm: sbatch --account")(
        "throttle", po::value<std::size_t>(), "sweep --backend slurm: array tasks at once (%N)")(
        "chunk", po::value<std::size_t>(), "sweep: points per array task or pod")(
        "index", po::value<std::size_t>(), "sweep run: the task to run")(
        "results", po::value<std::string>(), "sweep run: where points are written")(
        "keep-traces", "sweep: keep every point's trace.csv, timeline.csv, ... (default: summary.json only)")(
        "trace", po::value<std::string>(), "run: full (default), sample:N (every Nth attempt) or none; = --set output.trace=...")(
        "compress", po::value<std::string>(), "run: none (default) or zstd (NAME.csv.zst); = --set output.compress=...")(
        "writer-thread", po::value<std::string>(), "run: on or off (default: on with 2+ cores); = --set output.writer_thread=...")(
        "command", po::value<std::string>(), "run | sweep | report | calibrate | validate")(
        "args", po::value<std::vector<std::string>>(), "scenario file, run directory or traces");
    po::positional_options_description pos;
    pos.add("command", 1).add("args", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("set"))
      cli_sets = vm["set"].as<std::vector<std::string>>();
    if (vm.count("seed"))
      cli_sets.push_back("seed=" + vm["seed"].as<std::string>());
    if (vm.count("runs"))
      cli_sets.push_back("runs=" + vm["runs"].as<std::string>());
    if (vm.count("version")) {
      std::cout << "contsim " << CONTSIM_VERSION << "\n";
      return 0;
    }
    if (vm.count("help") && vm.count("command")) {  // contsim COMMAND --help
      if (const char* help = command_help(vm["command"].as<std::string>())) {
        std::cout << help << "\nThe whole reference: contsim --help\n";
        return 0;
      }
    }
    if (vm.count("help") || !vm.count("command")) {
      std::cout << kUsage;
      return vm.count("help") ? 0 : 2;
    }
    std::string command = vm["command"].as<std::string>();
    static const std::set<std::string> commands = {"run",    "sweep", "report", "calibrate", "validate",
                                                   "import", "plan",  "help",   "real",      "compare", "init"};
    if (!commands.count(command)) {
      std::cerr << "contsim: unknown command '" << command
                << "' (run, sweep, real, compare, report, calibrate, validate, import, plan, init, help; see contsim --help)\n";
      return 2;
    }
    std::vector<std::string> args = vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
    // Options that belong to one command only are refused elsewhere, never silently ignored.
    const std::map<std::string, std::set<std::string>> owners = {
        {"format", {"report"}},        {"compare", {"report"}},         {"against", {"validate"}},
        {"tolerance", {"validate", "compare"}}, {"name", {"calibrate"}}, {"attributes", {"calibrate"}},
        {"image-size", {"calibrate"}}, {"set", {"run", "sweep", "plan", "real", "validate"}},
        {"log", {"run", "sweep", "validate"}}, {"calibration", {"run", "sweep", "plan", "real", "validate"}},
        {"time-scale", {"real"}}, {"keep-scratch", {"real"}}, {"trace", {"run"}}, {"compress", {"run"}},
        {"writer-thread", {"run"}}, {"seed", {"run", "sweep", "plan", "real", "validate"}},
        {"runs", {"run", "sweep", "plan", "validate"}},
        {"dry-run", {"run"}}, {"quiet", {"run"}}, {"junit", {"run"}}, {"verbose", {"run", "sweep", "validate"}}};
    for (const char* option : {"grid", "zip", "sweep-file", "replications", "sample", "jobs", "backend", "partition", "time",
                               "account", "throttle", "chunk", "index", "results", "keep-traces"})
      if (vm.count(option) && command != "sweep") {
        std::cerr << "contsim: --" << option << " does not apply to `contsim " << command << "` (a sweep option)\n";
        return 2;
      }
    for (const auto& [option, allowed] : owners)
      if (vm.count(option) && !allowed.count(command)) {
        std::cerr << "contsim: --" << option << " does not apply to `contsim " << command << "`\n";
        return 2;
      }
    if (vm.count("verbose"))  // before --log, which refines it
      for (const auto& category : log::categories())
        log::configure(category + ":debug");
    if (vm.count("log"))
      for (const auto& spec : vm["log"].as<std::vector<std::string>>())
        log::configure(spec);
    // Output choices are scenario keys (output.trace, ...); the options are checked here, where
    // an error can name them, and become overrides.
    std::vector<std::string> output_sets;
    {
      OutputOptions check;
      if (vm.count("trace")) {
        if (auto e = parse_trace_mode(vm["trace"].as<std::string>(), check); !e.empty()) {
          std::cerr << "--trace: error: " << e << "\n";
          return 2;
        }
        output_sets.push_back("output.trace=" + vm["trace"].as<std::string>());
      }
      if (vm.count("compress")) {
        if (auto e = parse_compression(vm["compress"].as<std::string>(), check); !e.empty()) {
          std::cerr << "--compress: error: " << e << "\n";
          return 2;
        }
        output_sets.push_back("output.compress=" + vm["compress"].as<std::string>());
      }
      if (vm.count("writer-thread")) {
        const std::string& v = vm["writer-thread"].as<std::string>();
        if (v != "on" && v != "off") {
          std::cerr << "--writer-thread: error: '" << v << "': on or off\n";
          return 2;
        }
        output_sets.push_back(std::string("output.writer_thread=") + (v == "on" ? "true" : "false"));
      }
    }
    if (command == "help")
      return run_help(args);
    if (command == "init") {
      if (args.size() != 1) {
        std::cerr << "contsim: init needs one FDL file (contsim init FDL.yaml [-o SCENARIO.yaml])\n";
        return 2;
      }
      InitOptions o;
      o.fdl = args[0];
      if (vm.count("output"))
        o.output = vm["output"].as<std::string>();
      return run_init(o);
    }
    if (command == "import") {
      ImportCommandOptions o;
      o.traces = args;
      if (vm.count("output"))
        o.output_dir = vm["output"].as<std::string>();
      return run_import(o);
    }
    if (command == "calibrate") {
      CalibrateCommandOptions o;
      o.traces = args;
      if (vm.count("output"))
        o.output = vm["output"].as<std::string>();
      if (vm.count("name"))
        o.name = vm["name"].as<std::string>();
      if (vm.count("attributes"))
        o.attributes_csv = vm["attributes"].as<std::string>();
      if (vm.count("image-size"))
        o.image_sizes = vm["image-size"].as<std::vector<std::string>>();
      return run_calibrate(o);
    }
    if (command == "compare") {
      if (args.size() != 2) {
        std::cerr << "contsim: compare needs two runs: SIMULATED REAL (run directories or trace.csv files)\n";
        return 2;
      }
      CompareCommandOptions o;
      o.simulated = args[0];
      o.real = args[1];
      if (!read_tolerance(vm, o.tolerance))
        return 2;
      if (vm.count("output"))
        o.output_dir = vm["output"].as<std::string>();
      return run_compare(o);
    }
    if (command == "sweep") {
      SweepCommandOptions o;
      static const std::set<std::string> actions = {"plan", "run", "status", "gather"};
      if (!args.empty() && actions.count(args[0]) && !std::filesystem::is_regular_file(args[0])) {
        o.action = args[0];
        args.erase(args.begin());
      }
      if (args.size() != 1) {
        std::cerr << "contsim: sweep " << (o.action.empty() || o.action == "plan" ? "needs one scenario file" : o.action + " needs one sweep directory")
                  << (args.empty() ? "" : ", got " + std::to_string(args.size()) + " arguments") << " (see contsim --help)\n";
        return 2;
      }
      o.target = args[0];
      auto strings = [&](const char* k) {
        return vm.count(k) ? vm[k].as<std::vector<std::string>>() : std::vector<std::string>{};
      };
      auto text = [&](const char* k) { return vm.count(k) ? vm[k].as<std::string>() : std::string(); };
      o.grid = strings("grid");
      o.zip = strings("zip");
      o.sets = cli_sets;  // --set, then --seed
      o.calibrations = strings("calibration");
      o.sweep_file = text("sweep-file");
      if (vm.count("replications"))
        o.replications = vm["replications"].as<int>();
      o.sample = text("sample");
      if (vm.count("jobs")) {
        o.jobs = vm["jobs"].as<int>();
        if (o.jobs < 1) {
          std::cerr << "contsim: -j must be at least 1\n";
          return 2;
        }
      }
      if (vm.count("backend"))
        o.backend = text("backend");
      o.partition = text("partition");
      o.time = text("time");
      o.account = text("account");
      if (vm.count("throttle"))
        o.throttle = vm["throttle"].as<std::size_t>();
      if (vm.count("chunk")) {
        o.chunk = vm["chunk"].as<std::size_t>();
        if (o.chunk < 1) {
          std::cerr << "contsim: --chunk must be at least 1\n";
          return 2;
        }
      }
      if (vm.count("index"))
        o.index = vm["index"].as<std::size_t>();
      o.results = text("results");
      o.keep_traces = vm.count("keep-traces") > 0;
      if (vm.count("output"))
        o.output_dir = text("output");
      if (vm.count("output") && !o.action.empty() && o.action != "plan") {
        std::cerr << "contsim: -o does not apply to `contsim sweep " << o.action << "` (it reads and writes the sweep directory)\n";
        return 2;
      }
      return run_sweep(o);
    }
    if (args.size() != 1) {
      std::cerr << "contsim: " << command << " needs one " << (command == "report" ? "run directory" : "scenario file")
                << (args.empty() ? "" : ", got " + std::to_string(args.size()) + " arguments") << " (see contsim --help)\n";
      return 2;
    }
    if (command == "validate") {
      ValidateCommandOptions o;
      o.scenario = args[0];
      if (!vm.count("against")) {
        std::cerr << "contsim: validate needs --against TRACE (see contsim --help)\n";
        return 2;
      }
      o.against = vm["against"].as<std::string>();
      if (!read_tolerance(vm, o.tolerance))
        return 2;
      if (vm.count("output"))
        o.output_dir = vm["output"].as<std::string>();
      o.sets = cli_sets;  // --set, then --seed
      if (vm.count("calibration"))
        o.calibrations = vm["calibration"].as<std::vector<std::string>>();
      return run_validate(o);
    }
    if (command == "report") {
      ReportOptions o;
      o.run_dir = args[0];
      if (vm.count("format"))
        o.formats = vm["format"].as<std::string>();
      if (vm.count("output"))
        o.output_dir = vm["output"].as<std::string>();
      if (vm.count("compare"))
        o.compare_dir = vm["compare"].as<std::string>();
      return run_report(o);
    }
    std::string scenario = args[0];
    std::vector<std::string> sets = cli_sets;  // --set, then --seed
    // One scenario, one value per key: several values are a sweep's axis.
    for (const auto& s : sets) {
      std::size_t eq = s.find('=');
      std::string value = eq == std::string::npos ? "" : s.substr(eq + 1);
      if (!value.empty() && value.find(',') != std::string::npos && value.front() != '[' && value.front() != '{') {
        std::cerr << "contsim: --set " << redacted_override(s) << " gives several values, and `contsim " << command
                  << "` takes one scenario; to run each of them: contsim sweep " << scenario << " --grid "
                  << redacted_override(s) << " (see contsim --help, sweep)\n";
        return 2;
      }
    }
    std::vector<std::string> calibrations =
        vm.count("calibration") ? vm["calibration"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (command == "real") {
      RealCommandOptions o;
      o.scenario = scenario;
      o.sets = sets;
      o.calibrations = calibrations;
      if (vm.count("output"))
        o.output_dir = vm["output"].as<std::string>();
      if (vm.count("time-scale")) {
        o.time_scale = vm["time-scale"].as<double>();
        if (!(o.time_scale > 0)) {
          std::cerr << "contsim: --time-scale must be a positive factor (10: the schedule ten times faster)\n";
          return 2;
        }
      }
      o.keep_scratch = vm.count("keep-scratch") > 0;
      return run_real(o);
    }
    if (command == "plan" || vm.count("dry-run")) {  // run --dry-run: the plan, nothing run
      Scenario sc = load_scenario(scenario, parse_overrides(sets), calibrations);
      check_real_section(sc);
      std::cout << plan_json(resolve_plan(sc, builtin_model_bindings()));
      return 0;
    }
    RunOptions run;
    run.scenario = scenario;
    run.print = vm.count("quiet") == 0;
    run.sets = sets;
    run.sets.insert(run.sets.end(), output_sets.begin(), output_sets.end());
    run.calibrations = calibrations;
    if (vm.count("output"))
      run.out_dir = vm["output"].as<std::string>();
    run.check_expectations = true;
    if (vm.count("junit"))
      run.junit_file = vm["junit"].as<std::string>();
    return run_scenario(run);
  }, &cli_sets);
}
