// contsim: command-line entry point.
//   contsim run SCENARIO.yaml [-o DIR] [--set PATH=VALUE]...
//   contsim sweep SCENARIO.yaml --set PATH=V1,V2,... [-o DIR]
//   contsim report RUN_DIR ... | calibrate TRACE... -o FILE | validate SCENARIO --against TRACE
// Exit codes: 0 success, 2 bad input (message names file, line and key), 3 internal error.
#include "models/Bindings.hpp"
#include "models/Registry.hpp"
#include "real-runners/core/RealSection.hpp"
#include "sim/cli/CalibrateCommand.hpp"
#include "sim/cli/CompareCommand.hpp"
#include "sim/cli/HelpCommand.hpp"
#include "sim/cli/ImportCommand.hpp"
#include "sim/cli/RealCommand.hpp"
#include "sim/cli/ReportCommand.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/Log.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/runtime/Simulation.hpp"
#include "sim/scenario/Overrides.hpp"
#include "sim/scenario/Scenario.hpp"
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
  contsim run SCENARIO.yaml [-o DIR] [--set PATH=VALUE]... [--calibration FILE]...
  contsim sweep SCENARIO.yaml --set PATH=V1,V2,... [--set PATH=VALUE]... [-o DIR]
  contsim real SCENARIO.yaml [-o DIR] [--time-scale X] [--set PATH=VALUE]... [--keep-scratch]
  contsim compare SIMULATED REAL [--tolerance 0.25] [-o DIR]
  contsim report RUN_DIR [--format png,svg,pdf] [-o DIR] [--compare OTHER_RUN_DIR]
  contsim calibrate TRACE... -o FILE [--name NAME] [--attributes CSV] [--image-size IMAGE=SIZE]...
  contsim validate SCENARIO.yaml --against TRACE [--tolerance 0.25] [-o DIR]
  contsim import TRACE... -o DIR
  contsim plan SCENARIO.yaml [--set PATH=VALUE]...
  contsim help outputs | outputs.py | params [MODEL]
  contsim --help | --version

run     simulates the scenario and writes DIR/trace.csv (one row per invocation),
        DIR/timeline.csv (per service over time), DIR/instances.csv (Batch instances),
        DIR/job_states.csv (Batch job states) and DIR/summary.json; prints a summary.
sweep   runs the scenario once per value of the multi-valued --set, each in
        DIR/<key>=<value>/, and prints time and cost per value (also DIR/sweep.csv).
        Several multi-valued --set with as many values each move together
        (point i takes the i-th value of each; the first names the directories).
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
help    prints reference text generated from the code: `outputs` documents every column of
        every output file (sim/schema/OUTPUTS.md), `outputs.py` the same for reports/,
        `params [MODEL]` every model parameter with type, unit, default, range and source
        (calibration/PARAMETERS.md).

--log CATEGORY:LEVEL[,...]  (run, sweep, validate) prints what a model decides on stderr, each
        line stamped with the simulated time: categories lambda, batch, oscar.delegation,
        oscar.rescheduler, oscar.clues (`oscar` sets all three); levels trace, debug, info, warn,
        error, off. E.g. --log=oscar.rescheduler:debug,batch:info

--calibration FILE  (run, sweep, plan, real; repeatable) layers a calibration file after the
        scenario's own: its values override theirs; a function's profile is taken whole from
        the last file that has it (e.g. one `contsim calibrate` fitted from a real run).

--set PATH=VALUE overrides a value before validation:
  functions.NAME.KEY        a key of FDL function NAME (memory, timeout, ...)
  OTHER.PATH                a key of the scenario (seed, horizon, parameters.lambda.keep_alive_s, ...)

Scenario format: scenarios/README.md; trace formats and calibration: traces/README.md.
Exit status: 0 ok, 1 validation above tolerance, 2 bad input (file:line: error: 'key': why),
3 internal error (a bug: please report it), 4 an output could not be written (disk full,
permissions); 130 interrupted. Outputs appear under their names only when complete.
)";

std::vector<Override> parse_overrides(const std::vector<std::string>& sets)
{
  std::vector<Override> out;
  for (const auto& s : sets)
    out.push_back(parse_override(s));
  return out;
}

std::string fmt(double v, int decimals)
{
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

void print_summary(const nlohmann::ordered_json& s, std::ostream& out)
{
  out << "scenario   " << s["provenance"]["scenario"].get<std::string>() << "  (seed "
      << s["provenance"]["seed"].get<long long>() << ")\n";
  out << "invocations " << s["invocations"].get<long long>() << "   cold starts " << s["cold_starts"].get<long long>()
      << "   makespan " << fmt(s["makespan_s"].get<double>(), 3) << " s\n";
  out << "wait       mean " << fmt(s["wait_s"]["mean"].get<double>(), 3) << " s   p95 "
      << fmt(s["wait_s"]["p95"].get<double>(), 3) << " s\n";
  out << "response   mean " << fmt(s["response_s"]["mean"].get<double>(), 3) << " s   p95 "
      << fmt(s["response_s"]["p95"].get<double>(), 3) << " s\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-32s %10s %7s %12s %12s %14s\n", "function", "invocations", "cold",
                "mean resp s", "mean exec s", "cost USD");
  out << line;
  for (auto& [name, f] : s["functions"].items()) {
    std::snprintf(line, sizeof line, "%-32s %10lld %7lld %12.3f %12.3f %14.8f\n", name.c_str(),
                  f["invocations"].get<long long>(), f["cold_starts"].get<long long>(),
                  f["response_s"]["mean"].get<double>(), f["exec_s"]["mean"].get<double>(),
                  f["cost_usd"].get<double>());
    out << line;
  }
  out << "\ncost per service:";
  for (auto& [name, c] : s["cost_usd"]["per_service"].items())
    out << "  " << name << " $" << fmt(c.get<double>(), 8);
  out << "   total $" << fmt(s["cost_usd"]["total"].get<double>(), 8) << "\n";
  // Services that rent machines bill more than their jobs carry (the per-function column).
  for (auto& [name, svc] : s["services"].items())
    if (svc.contains("billed_usd") && svc.contains("attributed_usd"))
      out << "  " << name << ": billed $" << fmt(svc["billed_usd"].get<double>(), 8) << " = jobs' running time $"
          << fmt(svc["attributed_usd"].get<double>(), 8) << " + boot/idle/scale-in $"
          << fmt(svc["unattributed_usd"].get<double>(), 8) << " (" << svc["instances_launched"].get<long long>()
          << " instances, instances.csv)\n";
  for (auto& w : s["warnings"])
    out << "warning: " << w.get<std::string>() << "\n";
}

/// A scenario's `real:` section is read by `contsim real`; a simulation checks it too, so that a
/// typo there is found when the scenario is first run, not when it is first run for real.
void check_real_section(const Scenario& scenario)
{
  if (scenario.real)
    real::RealSection::read(scenario);
}

int run_once(const std::string& scenario_file, const std::vector<Override>& overrides, const std::string& out_dir,
             bool print, const std::vector<std::string>& calibrations)
{
  Scenario scenario = load_scenario(scenario_file, overrides, calibrations);
  check_real_section(scenario);
  ServiceRegistry registry;
  register_builtin_models(registry);
  Plan plan = resolve_plan(scenario, registry.bindings());
  prepare_output_directory(out_dir);
  Simulation sim(plan, registry, out_dir);
  auto t0 = std::chrono::steady_clock::now();
  sim.run();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (print) {
    print_summary(sim.summary(), std::cout);
    std::cout << "\noutputs in " << out_dir
              << "/ (trace.csv, timeline.csv, instances.csv, job_states.csv, summary.json)\n";
  }
  long long n = sim.summary()["invocations"].get<long long>();
  std::fprintf(stderr, "contsim: %lld invocations, %llu events in %.3f s wall (%.0f invocations/s)\n", n,
               static_cast<unsigned long long>(sim.events_processed()), wall, wall > 0 ? n / wall : 0.0);
  return 0;
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

int guarded(const std::function<int()>& body)
{
  try {
    return body();
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const po::error& e) {
    std::cerr << "contsim: " << e.what() << "\n(see contsim --help)\n";
    return 2;
  } catch (const WriteError& e) {
    std::cerr << "contsim: " << e.what() << " (nothing was left under that name)\n";
    return 4;
  } catch (const std::filesystem::filesystem_error& e) {
    // an output path that is a file, a directory that cannot be made: the user's to fix
    std::cerr << "contsim: cannot write " << e.path1().string() << ": " << e.code().message() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "contsim: internal error: " << e.what() << "\n";
    return 3;
  }
}

std::vector<std::string> split_values(const std::string& v)
{
  std::vector<std::string> values;
  std::size_t start = 0;
  while (true) {
    auto comma = v.find(',', start);
    values.push_back(v.substr(start, comma - start));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return values;
}

std::string dotted(const Override& o)
{
  std::string key;
  for (const auto& p : o.path)
    key += (key.empty() ? "" : ".") + p;
  return key;
}

int cmd_sweep(const std::string& scenario_file, const std::vector<std::string>& sets, const std::string& out_dir,
              const std::vector<std::string>& calibrations)
{
  std::vector<Override> fixed;
  std::vector<Override> axes;                   // swept together, point by point
  std::vector<std::vector<std::string>> axis_values;
  for (const auto& s : sets) {
    Override o = parse_override(s);
    if (o.value.find(',') == std::string::npos) {
      fixed.push_back(o);
      continue;
    }
    auto values = split_values(o.value);
    if (!axis_values.empty() && values.size() != axis_values.front().size())
      throw InputError("--set", 0, 0, redacted_override(s),
                       "has " + std::to_string(values.size()) + " values but " + axes.front().text.substr(0, axes.front().text.find('=')) +
                           " has " + std::to_string(axis_values.front().size()) +
                           ": multi-valued --set move together and need as many values each");
    axes.push_back(o);
    axis_values.push_back(values);
  }
  if (axes.empty())
    throw InputError("--set", 0, 0, "", "sweep needs one --set PATH=V1,V2,... to sweep over");
  const std::vector<std::string>& values = axis_values.front();
  auto point = [&](std::size_t i) {
    auto overrides = fixed;
    for (std::size_t a = 0; a < axes.size(); ++a)
      overrides.push_back(parse_override(dotted(axes[a]) + "=" + axis_values[a][i]));
    return overrides;
  };
  // Validate the first point in this process before forking, so bad input fails once, clearly.
  load_scenario(scenario_file, point(0));
  const Override& axis = axes.front();
  std::string key = dotted(axis);
  prepare_output_directory(out_dir);
  std::ostringstream csv;
  csv << schema::sweep_table().version_line() << "\n" << schema::sweep_table().header() << "\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-12s %11s %6s %12s %12s %13s %12s %15s\n", axis.path.back().c_str(),
                "invocations", "cold", "mean exec s", "mean resp s", "mean billed ms", "cost USD", "USD/invocation");
  std::cout << "sweep of " << key << " over " << values.size() << " values\n" << line;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    std::string dir = out_dir + "/" + axis.path.back() + "=" + v;
    auto overrides = point(i);
    std::cout.flush();
    pid_t pid = fork();
    if (pid == 0) {  // SimGrid's engine runs once per process: one child per point.
      std::freopen("/dev/null", "w", stderr);
      _exit(guarded([&] { return run_once(scenario_file, overrides, dir, false, calibrations); }));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      // Re-run in a child with errors visible, to show the user why.
      std::cerr << "contsim: sweep point " << key << "=" << v << " failed:\n";
      int code = guarded([&] { return run_once(scenario_file, overrides, dir, false, calibrations); });
      return code != 0 ? code : 3;
    }
    std::ifstream in(dir + "/summary.json");
    auto s = nlohmann::ordered_json::parse(in);
    double n = s["invocations"].get<double>();
    double exec = 0, executions = 0, billed = 0;
    double attributed = 0;  // what the invocations carry: billed minus idle/boot instance time
    for (auto& [name, c] : s["cost_usd"]["per_function"].items())
      attributed += c.get<double>();
    for (auto& [name, f] : s["functions"].items()) {
      // Gateway and delegated attempts run no script: the mean is over the runs that did.
      exec += f["exec_s"]["mean"].get<double>() * f["exec_s"]["count"].get<double>();
      executions += f["exec_s"]["count"].get<double>();
      billed += f["billed_ms"].get<double>();
    }
    double cost = s["cost_usd"]["total"].get<double>();
    std::snprintf(line, sizeof line, "%-12s %11.0f %6lld %12.3f %12.3f %13.1f %12.8f %15.10f\n", v.c_str(), n,
                  s["cold_starts"].get<long long>(), executions ? exec / executions : 0, s["response_s"]["mean"].get<double>(),
                  n ? billed / n : 0, cost, n ? cost / n : 0);
    std::cout << line;
    csv << key << "," << v << "," << n << "," << s["cold_starts"].get<long long>() << ","
        << s["makespan_s"].get<double>() << "," << fmt(executions ? exec / executions : 0, 6) << ","
        << s["response_s"]["mean"].get<double>() << "," << s["response_s"]["p95"].get<double>() << ","
        << fmt(n ? billed / n : 0, 3) << "," << fmt(cost, 12) << "," << fmt(n ? cost / n : 0, 12) << ","
        << fmt(attributed, 12) << "\n";
  }
  write_file_atomically(out_dir + "/sweep.csv", csv.str());
  std::cout << "\nper-point outputs in " << out_dir << "/, table in " << out_dir << "/sweep.csv\n";
  return 0;
}

} // namespace

int main(int argc, char** argv)
{
  return guarded([&]() -> int {
    po::options_description opts("options");
    opts.add_options()("help,h", "show help")("version", "show version")(
        "output,o", po::value<std::string>(), "output directory (run: out, sweep: out/sweep)")(
        "set", po::value<std::vector<std::string>>()->composing(), "PATH=VALUE override (repeatable)")(
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
        "command", po::value<std::string>(), "run | sweep | report | calibrate | validate")(
        "args", po::value<std::vector<std::string>>(), "scenario file, run directory or traces");
    po::positional_options_description pos;
    pos.add("command", 1).add("args", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("version")) {
      std::cout << "contsim " << CONTSIM_VERSION << "\n";
      return 0;
    }
    if (vm.count("help") || !vm.count("command")) {
      std::cout << kUsage;
      return vm.count("help") ? 0 : 2;
    }
    std::string command = vm["command"].as<std::string>();
    static const std::set<std::string> commands = {"run",    "sweep", "report", "calibrate", "validate",
                                                   "import", "plan",  "help",   "real",      "compare"};
    if (!commands.count(command)) {
      std::cerr << "contsim: unknown command '" << command
                << "' (run, sweep, real, compare, report, calibrate, validate, import, plan, help; see contsim --help)\n";
      return 2;
    }
    std::vector<std::string> args = vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
    // Options that belong to one command only are refused elsewhere, never silently ignored.
    const std::map<std::string, std::set<std::string>> owners = {
        {"format", {"report"}},        {"compare", {"report"}},         {"against", {"validate"}},
        {"tolerance", {"validate", "compare"}}, {"name", {"calibrate"}}, {"attributes", {"calibrate"}},
        {"image-size", {"calibrate"}}, {"set", {"run", "sweep", "plan", "real"}},
        {"log", {"run", "sweep", "validate"}}, {"calibration", {"run", "sweep", "plan", "real"}},
        {"time-scale", {"real"}}, {"keep-scratch", {"real"}}};
    for (const auto& [option, allowed] : owners)
      if (vm.count(option) && !allowed.count(command)) {
        std::cerr << "contsim: --" << option << " does not apply to `contsim " << command << "`\n";
        return 2;
      }
    if (vm.count("log"))
      for (const auto& spec : vm["log"].as<std::vector<std::string>>())
        log::configure(spec);
    if (command == "help")
      return run_help(args);
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
    std::vector<std::string> sets = vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
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
    if (command == "plan") {
      Scenario sc = load_scenario(scenario, parse_overrides(sets), calibrations);
      check_real_section(sc);
      std::cout << plan_json(resolve_plan(sc, builtin_model_bindings()));
      return 0;
    }
    if (command == "sweep")
      return cmd_sweep(scenario, sets, vm.count("output") ? vm["output"].as<std::string>() : "out/sweep", calibrations);
    return run_once(scenario, parse_overrides(sets), vm.count("output") ? vm["output"].as<std::string>() : "out", true,
                    calibrations);
  });
}
