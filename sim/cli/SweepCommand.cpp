#include "sim/cli/SweepCommand.hpp"

#include "models/Bindings.hpp"
#include "sim/cli/RunCommand.hpp"
#include "sim/cli/SweepExecutor.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/scenario/Overrides.hpp"
#include "sim/scenario/Plan.hpp"
#include "sim/scenario/Scenario.hpp"
#include "sim/sweep/KubernetesJob.hpp"
#include "sim/sweep/SlurmArray.hpp"
#include "sim/sweep/SweepDefinition.hpp"
#include "sim/sweep/SweepInputs.hpp"
#include "sim/sweep/SweepPlan.hpp"
#include "sim/sweep/SweepResults.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace contsim {

namespace fs = std::filesystem;
using namespace contsim::sweep;

namespace {

constexpr const char* kManifest = "sweep.json";
constexpr std::size_t kMaxValidatedAxisValues = 2000;

int default_jobs()
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

std::string read_text(const std::string& path)
{
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json read_manifest_json(const std::string& dir)
{
  const std::string path = (fs::path(dir) / kManifest).string();
  if (!fs::exists(path))
    throw InputError(path, 0, 0, "", "not a sweep directory (no sweep.json): plan one with `contsim sweep SCENARIO.yaml --grid ... -o " + dir + "`");
  try {
    return nlohmann::json::parse(read_text(path));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path, 0, 0, "", std::string("not valid JSON: ") + e.what());
  }
}

SweepPlan read_plan(const std::string& dir)
{
  return SweepPlan::from_json(read_manifest_json(dir), (fs::path(dir) / kManifest).string());
}

/// The manifest, plus what gather found when it has run.
void write_manifest(const std::string& dir, const SweepPlan& plan, const nlohmann::ordered_json* results,
                    bool keep_traces)
{
  nlohmann::ordered_json j = plan.to_json();
  j["keep_traces"] = keep_traces;
  if (results)
    j["results"] = *results;
  write_file_atomically((fs::path(dir) / kManifest).string(), j.dump(1) + "\n");
}

bool manifest_keeps_traces(const std::string& dir) { return read_manifest_json(dir).value("keep_traces", false); }

/// Every combination of a sweep is valid when each axis value is valid with the others at
/// their first value: bad input is found here, once, before any process is started.
void validate_axis_values(const SweepPlan& plan, const std::string& scenario, const std::vector<std::string>& calibrations)
{
  std::size_t checked = 0;
  auto check = [&](std::size_t axis, std::size_t value) {
    std::vector<Override> overrides;
    for (const auto& s : plan.sets)
      overrides.push_back(parse_override(s));
    for (std::size_t a = 0; a < plan.axes.size(); ++a) {
      const auto& values = plan.axes[a].values;
      std::size_t v = a == axis ? value : (plan.axes[a].kind == "zip" && plan.axes[axis].kind == "zip" ? value : 0);
      overrides.push_back(parse_override(plan.axes[a].path + "=" + values[v]));
    }
    overrides.push_back(parse_override("seed=" + std::to_string(plan.seeds.back())));
    Scenario sc = load_scenario(scenario, overrides, calibrations);
    resolve_plan(sc, builtin_model_bindings());
  };
  for (std::size_t a = 0; a < plan.axes.size(); ++a)
    for (std::size_t v = 0; v < plan.axes[a].values.size() && checked < kMaxValidatedAxisValues; ++v, ++checked)
      check(a, v);
}

void require(bool ok, const std::string& option, const std::string& why)
{
  if (!ok)
    throw InputError(option, 0, 0, "", why);
}

/// The definition from the command line and the sweep file. One multi-valued --set is a grid
/// axis (as earlier contsim read it); several are ambiguous and refused.
SweepDefinition definition_of(const SweepCommandOptions& o)
{
  SweepDefinition d;
  if (!o.sweep_file.empty())
    read_sweep_file(o.sweep_file, d);
  for (const auto& g : o.grid)
    d.grid.push_back(parse_axis(g, "--grid"));
  for (const auto& z : o.zip)
    d.zip.push_back(parse_axis(z, "--zip"));
  std::vector<std::string> multi;
  for (const auto& s : o.sets) {
    Override ov = parse_override(s);
    if (ov.value.find(',') != std::string::npos)
      multi.push_back(s);
    else
      d.sets.push_back(s);
  }
  if (multi.size() > 1)
    throw InputError("--set", 0, 0, redacted_override(multi[1]),
                     "several multi-valued --set: say how they combine, --grid P=V,... for every combination or --zip "
                     "P=V,... to pair the i-th values");
  if (multi.size() == 1)
    d.grid.push_back(parse_axis(multi[0], "--set"));
  if (o.replications)
    d.replications = *o.replications;
  require(d.replications >= 1 && d.replications <= 100000, "--replications", "must be between 1 and 100000");
  if (!o.sample.empty())
    d.sample = parse_sampling(o.sample, "--sample");
  return d;
}

/// Plans the sweep into `dir`, or finds the same sweep already planned there (a rerun resumes).
SweepPlan plan_sweep(const SweepCommandOptions& o, const std::string& dir)
{
  SweepDefinition d = definition_of(o);
  std::vector<Override> fixed;
  for (const auto& s : d.sets)
    fixed.push_back(parse_override(s));
  Scenario base = load_scenario(o.target, fixed, o.calibrations);
  check_real_section(base);
  SweepPlan plan = expand(d, base.seed);
  InputFiles inputs = input_files(base, o.calibrations);
  plan.inputs_hash = inputs.hash;
  plan.scenario = inputs.scenario;
  plan.calibrations = inputs.calibrations;
  if (o.chunk > 0)
    plan.chunk = o.chunk;
  else if (o.backend == "slurm")
    plan.chunk = (plan.points.size() + 999) / 1000;  // Slurm's default MaxArraySize is 1001
  validate_axis_values(plan, o.target, o.calibrations);

  prepare_output_directory(dir);
  const std::string manifest = (fs::path(dir) / kManifest).string();
  if (fs::exists(manifest)) {
    SweepPlan earlier = read_plan(dir);
    if (earlier.inputs_hash != plan.inputs_hash || earlier.definition_hash != plan.definition_hash)
      throw InputError(manifest, 0, 0, "",
                       std::string("this directory holds another sweep (") +
                           (earlier.inputs_hash != plan.inputs_hash ? "its scenario, FDL or calibration files differ"
                                                                    : "its axes, values, replications or seeds differ") +
                           "): choose another -o, or remove it to start again");
    if (earlier.chunk != plan.chunk && o.chunk > 0)
      throw InputError("--chunk", 0, 0, "", "the sweep in " + dir + " was planned with --chunk " + std::to_string(earlier.chunk));
    std::cerr << "sweep: " << dir << " holds this sweep already: finished runs are kept\n";
    return earlier;
  }
  copy_inputs(inputs, dir);
  write_manifest(dir, plan, nullptr, o.keep_traces);
  std::size_t combos = plan.points.size();
  std::cerr << "sweep: " << combos << " points x " << plan.replications << " replications over " << plan.axes.size()
            << (plan.axes.size() == 1 ? " axis" : " axes") << " (";
  for (std::size_t a = 0; a < plan.axes.size(); ++a)
    std::cerr << (a ? ", " : "") << plan.axes[a].path << ": " << plan.axes[a].values.size();
  std::cerr << "), manifest " << manifest << "\n";
  return plan;
}

std::vector<SweepRun> runs_of_points(const SweepPlan& plan, const std::string& results, std::size_t from, std::size_t to)
{
  std::vector<SweepRun> runs;
  for (std::size_t p = from; p < to && p < plan.points.size(); ++p)
    for (int r = 0; r < plan.replications; ++r)
      if (run_state(results, plan, p, r) != RunState::done)
        runs.push_back({p, r});
  return runs;
}

int gather_into(const std::string& dir, const SweepPlan& plan, bool print)
{
  SweepResults res = gather(plan, dir);
  auto json = results_json(plan, res);
  write_file_atomically((fs::path(dir) / "sweep.csv").string(), sweep_csv(plan, res));
  write_manifest(dir, plan, &json, manifest_keeps_traces(dir));
  if (print) {
    std::cout << results_text(plan, res);
    std::cout << "\n" << res.done << " runs done, " << res.failed << " failed, " << res.pending << " pending; table in "
              << dir << "/sweep.csv, statistics in " << dir << "/sweep.json\n";
    for (std::size_t p = 0; p < res.points.size(); ++p)
      for (const auto& e : res.points[p].errors)
        std::cout << "failed: point " << p << " (" << plan.point_dir(p) << ") " << e << "\n";
  }
  return 0;
}

std::string self_executable()
{
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("contsim") : p.string();
}

/// Output of a command run through the shell (sbatch, squeue); its status in `status`.
std::string capture(const std::string& command, int& status)
{
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    status = -1;
    return out;
  }
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
    out.append(buf.data(), n);
  status = pclose(pipe);
  return out;
}

std::string shell_quoted(const std::string& s)
{
  std::string q = "'";
  for (char c : s)
    q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

int submit_slurm(const SweepCommandOptions& o, const std::string& dir, const SweepPlan& plan)
{
  const std::string abs = fs::absolute(dir).lexically_normal().string();
  fs::create_directories(abs + "/slurm/logs");
  SlurmOptions so;
  so.partition = o.partition;
  so.time = o.time;
  so.account = o.account;
  so.throttle = o.throttle;
  so.cpus_per_task = o.jobs > 0 ? o.jobs : 1;
  const std::string script = abs + "/slurm/sweep.sbatch";
  write_file_atomically(script, slurm_script(self_executable(), abs, plan.tasks(), so));
  int status = 0;
  std::string out = capture("sbatch --parsable " + shell_quoted(script) + " 2>&1", status);
  std::string id = parse_sbatch_job_id(out);
  if (status != 0 || id.empty()) {
    std::cerr << "contsim: sbatch did not accept " << script << ":\n" << out
              << (status == -1 || out.find("not found") != std::string::npos ? "(is Slurm's sbatch on PATH?)\n" : "");
    return 2;
  }
  write_file_atomically(abs + "/slurm/job_id", id + "\n");
  std::cout << "submitted Slurm array job " << id << ": " << plan.tasks() << " tasks of " << plan.chunk
            << (plan.chunk == 1 ? " point" : " points") << " (" << plan.points.size() << " points x " << plan.replications
            << " replications)\n  script " << script << "\n  logs   " << abs << "/slurm/logs/\n"
            << "then: contsim sweep status " << dir << "; contsim sweep gather " << dir << "; contsim report " << dir << "\n";
  return 0;
}

int write_kubernetes(const SweepCommandOptions& o, const std::string& dir, const SweepPlan& plan)
{
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(kManifest, read_text((fs::path(dir) / kManifest).string()));
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(dir) / "inputs"))
    if (entry.is_regular_file())
      files.emplace_back(fs::relative(entry.path(), dir).string(), read_text(entry.path().string()));
  std::sort(files.begin() + 1, files.end());
  KubernetesOptions ko;
  if (o.jobs > 0)
    ko.parallelism = static_cast<std::size_t>(o.jobs);
  fs::create_directories(fs::path(dir) / "kubernetes");
  const std::string job = (fs::path(dir) / "kubernetes" / "job.yaml").string();
  write_file_atomically(job, kubernetes_manifest(files, plan.tasks(), ko));
  write_file_atomically((fs::path(dir) / "kubernetes" / "Containerfile").string(), containerfile());
  std::cout << "wrote " << job << ": an Indexed Job of " << plan.tasks() << " completions (a ConfigMap holds sweep.json and "
            << files.size() - 1 << " input files; results go to the PVC " << ko.results_claim << ")\n"
            << "  image:  podman build -t " << ko.image << " -f " << dir << "/kubernetes/Containerfile CONTSIM_SOURCE_DIR\n"
            << "  run:    kubectl apply -f " << job << "\n"
            << "  then copy /results from the volume and: contsim sweep gather RESULTS_DIR\n";
  return 0;
}

std::optional<std::size_t> task_index(const SweepCommandOptions& o)
{
  if (o.index)
    return o.index;
  for (const char* var : {"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"})
    if (const char* v = std::getenv(var)) {
      std::string s = v;
      if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
        throw InputError(var, 0, 0, s, "expected a task index (a whole number)");
      return std::stoull(s);
    }
  return std::nullopt;
}

int cmd_run(const SweepCommandOptions& o)
{
  const std::string& dir = o.target;
  SweepPlan plan = read_plan(dir);
  const std::string results = o.results.empty() ? dir : o.results;
  if (results != dir) {
    prepare_output_directory(results, "--results");
    if (!fs::exists(fs::path(results) / kManifest))
      write_file_atomically((fs::path(results) / kManifest).string(), read_text((fs::path(dir) / kManifest).string()));
  }
  std::size_t from = 0, to = plan.points.size();
  if (auto index = task_index(o)) {
    if (*index >= plan.tasks())
      throw InputError("--index", 0, 0, std::to_string(*index),
                       "the sweep has " + std::to_string(plan.tasks()) + " tasks (0 to " + std::to_string(plan.tasks() - 1) + ")");
    from = *index * plan.chunk;
    to = from + plan.chunk;
  }
  ExecutorOptions eo;
  eo.inputs_dir = dir;
  eo.results_dir = results;
  eo.jobs = o.jobs > 0 ? o.jobs : default_jobs();
  eo.keep_traces = o.keep_traces || manifest_keeps_traces(dir);
  auto runs = runs_of_points(plan, results, from, to);
  if (runs.empty()) {
    std::cerr << "sweep: points " << from << " to " << std::min(to, plan.points.size()) - 1 << ": every run is done already\n";
    return 0;
  }
  return execute_runs(plan, runs, eo);
}

int cmd_status(const SweepCommandOptions& o)
{
  const std::string& dir = o.target;
  SweepPlan plan = read_plan(dir);
  std::size_t counts[3] = {0, 0, 0};
  std::size_t points_done = 0, points_failed = 0;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    bool all = true, any_failed = false;
    for (int r = 0; r < plan.replications; ++r) {
      RunState s = run_state(dir, plan, p, r);
      ++counts[static_cast<int>(s)];
      all = all && s == RunState::done;
      any_failed = any_failed || s == RunState::failed;
    }
    points_done += all;
    points_failed += any_failed;
  }
  std::size_t total = plan.points.size() * static_cast<std::size_t>(plan.replications);
  std::cout << "sweep " << dir << ": " << plan.points.size() << " points x " << plan.replications << " replications\n"
            << "  points: " << points_done << " done, " << points_failed << " with failures, "
            << plan.points.size() - points_done - points_failed << " not finished\n"
            << "  runs:   " << counts[1] << " done, " << counts[2] << " failed, " << counts[0] << " pending (of " << total
            << ")\n";
  const std::string job_file = (fs::path(dir) / "slurm" / "job_id").string();
  if (fs::exists(job_file)) {
    std::string id = read_text(job_file);
    id = id.substr(0, id.find('\n'));
    int status = 0;
    std::string queue = capture("squeue -h -r -j " + shell_quoted(id) + " -o %T 2>/dev/null", status);
    std::map<std::string, int> states;
    std::istringstream lines(queue);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty())
        ++states[line];
    std::cout << "  slurm:  array job " << id;
    if (status != 0)
      std::cout << " (squeue unavailable)";
    else if (states.empty())
      std::cout << " has no task in the queue";
    for (const auto& [state, n] : states)
      std::cout << ", " << n << " " << state;
    std::string acct = capture("sacct -n -X -P -j " + shell_quoted(id) + " -o State 2>/dev/null", status);
    if (status == 0 && !acct.empty()) {
      std::map<std::string, int> finished;
      std::istringstream al(acct);
      for (std::string line; std::getline(al, line);)
        if (!line.empty())
          ++finished[line];
      std::cout << "; sacct:";
      for (const auto& [state, n] : finished)
        std::cout << " " << n << " " << state;
    }
    std::cout << "\n";
  }
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (int r = 0; r < plan.replications; ++r)
      if (run_state(dir, plan, p, r) == RunState::failed) {
        std::string line = read_text((fs::path(dir) / plan.run_dir(p, r) / "error.txt").string());
        std::cout << "  failed: " << plan.run_dir(p, r) << ": " << line.substr(0, line.find('\n')) << "\n";
      }
  return 0;
}

void refuse_unless(bool allowed, bool given, const char* option, const std::string& action)
{
  if (given && !allowed)
    throw InputError(option, 0, 0, "", "does not apply to `contsim sweep " + action + "`");
}

} // namespace

int run_sweep(const SweepCommandOptions& o)
{
  const std::string action = o.action.empty() ? "SCENARIO" : o.action;
  const bool planning = o.action.empty() || o.action == "plan";
  refuse_unless(planning, !o.grid.empty(), "--grid", action);
  refuse_unless(planning, !o.zip.empty(), "--zip", action);
  refuse_unless(planning, !o.sets.empty(), "--set", action);
  refuse_unless(planning, !o.sweep_file.empty(), "--sweep-file", action);
  refuse_unless(planning, o.replications.has_value(), "--replications", action);
  refuse_unless(planning, !o.sample.empty(), "--sample", action);
  refuse_unless(planning, !o.calibrations.empty(), "--calibration", action);
  refuse_unless(planning, o.chunk > 0, "--chunk", action);
  refuse_unless(o.action.empty(), o.backend != "local", "--backend", action);
  refuse_unless(o.action.empty() && o.backend == "slurm", !o.partition.empty(), "--partition", action + " (Slurm only)");
  refuse_unless(o.action.empty() && o.backend == "slurm", !o.time.empty(), "--time", action + " (Slurm only)");
  refuse_unless(o.action.empty() && o.backend == "slurm", !o.account.empty(), "--account", action + " (Slurm only)");
  refuse_unless(o.action.empty() && o.backend == "slurm", o.throttle > 0, "--throttle", action + " (Slurm only)");
  refuse_unless(o.action == "run", o.index.has_value(), "--index", action);
  refuse_unless(o.action == "run", !o.results.empty(), "--results", action);
  refuse_unless(o.action != "status" && o.action != "gather", o.jobs > 0, "-j", action);
  if (o.backend != "local" && o.backend != "slurm" && o.backend != "kubernetes")
    throw InputError("--backend", 0, 0, o.backend, "expected local, slurm or kubernetes");
  if (o.action == "run")
    return cmd_run(o);
  if (o.action == "status")
    return cmd_status(o);
  if (o.action == "gather") {
    gather_into(o.target, read_plan(o.target), true);
    return 0;
  }
  const std::string& dir = o.output_dir;
  SweepPlan plan = plan_sweep(o, dir);
  if (o.action == "plan") {
    std::cout << "planned " << plan.points.size() << " points x " << plan.replications << " replications in " << dir
              << "/ (" << plan.tasks() << " tasks of " << plan.chunk << "): contsim sweep run " << dir << "\n";
    return 0;
  }
  if (o.backend == "slurm")
    return submit_slurm(o, dir, plan);
  if (o.backend == "kubernetes")
    return write_kubernetes(o, dir, plan);
  ExecutorOptions eo;
  eo.inputs_dir = dir;
  eo.results_dir = dir;
  eo.jobs = o.jobs > 0 ? o.jobs : default_jobs();
  eo.keep_traces = o.keep_traces || manifest_keeps_traces(dir);
  auto runs = runs_of_points(plan, dir, 0, plan.points.size());
  int rc = runs.empty() ? 0 : execute_runs(plan, runs, eo);
  if (rc == 130)
    return rc;
  gather_into(dir, plan, true);
  if (rc != 0)
    std::cerr << "contsim: some runs failed (their error.txt says why; `contsim sweep status " << dir << "` lists them)\n";
  return rc;
}

} // namespace contsim
