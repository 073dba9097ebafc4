#include "sim/cli/CompareCommand.hpp"

#include "calibration/fit/KolmogorovSmirnov.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/core/Statistics.hpp"
#include "sim/core/TextLines.hpp"
#include "sim/schema/TraceReader.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace contsim {

namespace {

const char* const kPhases[] = {"wait", "start", "stage_in", "exec", "stage_out", "response"};
constexpr int kPhaseCount = 6;

struct Attempt {
  std::string function, input, status;
  double phase[kPhaseCount];  // NaN: that phase did not happen
  double t_first = NAN, t_last = NAN;
  double cost_usd = 0;
};

struct Run {
  std::string dir, trace;
  std::vector<Attempt> attempts;
  double total_cost_usd = NAN;  // summary.json's cost_usd.total, when there is one
};

double span(double a, double b) { return a >= 0 && b >= 0 ? b - a : NAN; }

Run read_run(const std::string& path)
{
  Run run;
  run.trace = fs::is_directory(path) ? plain_or_compressed((fs::path(path) / "trace.csv").string()) : path;
  run.dir = fs::path(run.trace).parent_path().string();
  if (!fs::exists(run.trace))
    throw InputError(path, 0, 0, "", "no trace.csv here: give a run directory or a trace.csv");
  TraceReader reader(run.trace);
  TraceRecord r;
  std::map<std::uint64_t, double> trigger_of;  // for the response's origin through parent_id
  while (reader.next(r)) {
    trigger_of[r.id] = r.t_trigger;
    Attempt a;
    a.function = std::string(r.function);
    a.input = std::string(r.input);
    a.status = to_string(r.status);
    double origin = r.t_trigger;
    if (r.parent_id && trigger_of.count(r.parent_id))
      origin = trigger_of[r.parent_id];
    double stage_in = r.t_stage_in >= 0 ? r.t_stage_in : r.t_exec_start;
    a.phase[0] = span(r.t_trigger, r.t_start);
    a.phase[1] = span(r.t_start, stage_in);
    a.phase[2] = span(stage_in, r.t_exec_start);
    a.phase[3] = span(r.t_exec_start, r.t_exec_end);
    a.phase[4] = span(r.t_exec_end, r.t_end);
    a.phase[5] = span(origin, r.t_end);
    a.t_first = r.t_trigger;
    a.t_last = r.t_end;
    a.cost_usd = r.cost_usd;
    run.attempts.push_back(std::move(a));
  }
  fs::path summary = fs::path(run.dir) / "summary.json";
  if (fs::exists(summary)) {
    std::ifstream in(summary);
    try {
      json s = json::parse(in);
      if (s.contains("cost_usd") && s["cost_usd"].contains("total") && s["cost_usd"]["total"].is_number())
        run.total_cost_usd = s["cost_usd"]["total"].get<double>();
    } catch (const json::exception&) {
      throw InputError(summary.string(), 0, 0, "", "not a JSON document");
    }
  }
  return run;
}

struct Summary {
  double mean = NAN, p50 = NAN, p95 = NAN;
  std::size_t n = 0;
};

Summary summarise(const std::vector<double>& x)
{
  Summary s;
  Distribution1D d;
  for (double v : x)
    d.add(v);
  s.n = x.size();
  if (!x.empty()) {
    s.mean = d.mean();
    s.p50 = d.percentile(50);
    s.p95 = d.percentile(95);
  }
  return s;
}

double rel(double sim, double real)
{
  if (std::isnan(sim) || std::isnan(real))
    return NAN;
  if (real == 0)
    return sim == 0 ? 0 : NAN;
  return (sim - real) / std::abs(real);
}

json num(double v) { return std::isnan(v) ? json() : json(v); }

} // namespace

int run_compare(const CompareCommandOptions& o)
{
  Run sim = read_run(o.simulated), real = read_run(o.real);
  std::string dir = o.output_dir.empty() ? (sim.dir.empty() ? std::string(".") : sim.dir) : o.output_dir;
  prepare_output_directory(dir);
  // Only attempts that ran count for times (delegated hand-overs and interrupted ones do not).
  auto ran = [](const Attempt& a) { return a.status != "delegated" && a.status != "interrupted"; };
  std::map<std::string, std::pair<std::vector<const Attempt*>, std::vector<const Attempt*>>> by_function;
  for (const auto& a : sim.attempts)
    if (ran(a))
      by_function[a.function].first.push_back(&a);
  for (const auto& a : real.attempts)
    if (ran(a))
      by_function[a.function].second.push_back(&a);

  json report;
  report["simulated"] = sim.trace;
  report["real"] = real.trace;
  report["tolerance"] = o.tolerance;
  bool passed = true;
  std::vector<std::string> failures;
  json functions = json::object();
  std::printf("%-30s %-9s %5s %5s %10s %10s %8s %8s %8s\n", "function", "phase", "n sim", "n real", "mean sim",
              "mean real", "err mean", "err p50", "err p95");
  for (const auto& [name, runs] : by_function) {
    const auto& [s_att, r_att] = runs;
    json f;
    f["n_simulated"] = s_att.size();
    f["n_real"] = r_att.size();
    if (s_att.empty() || r_att.empty()) {
      f["note"] = s_att.empty() ? "only in the real run" : "only in the simulated run";
      failures.push_back(name + " (" + f["note"].get<std::string>() + ")");
      passed = false;
      functions[name] = f;
      continue;
    }
    json phases = json::object();
    for (int p = 0; p < kPhaseCount; ++p) {
      std::vector<double> xs, xr;
      for (const auto* a : s_att)
        if (!std::isnan(a->phase[p]))
          xs.push_back(a->phase[p]);
      for (const auto* a : r_att)
        if (!std::isnan(a->phase[p]))
          xr.push_back(a->phase[p]);
      Summary ss = summarise(xs), sr = summarise(xr);
      json ph = {{"simulated", {{"n", ss.n}, {"mean_s", num(ss.mean)}, {"p50_s", num(ss.p50)}, {"p95_s", num(ss.p95)}}},
                 {"real", {{"n", sr.n}, {"mean_s", num(sr.mean)}, {"p50_s", num(sr.p50)}, {"p95_s", num(sr.p95)}}},
                 {"relative_error", {{"mean", num(rel(ss.mean, sr.mean))},
                                     {"p50", num(rel(ss.p50, sr.p50))},
                                     {"p95", num(rel(ss.p95, sr.p95))}}}};
      bool checked = std::string(kPhases[p]) == "response" || std::string(kPhases[p]) == "exec";
      double err = rel(ss.mean, sr.mean);
      if (checked && !xs.empty() && !xr.empty() && (std::isnan(err) || std::abs(err) > o.tolerance)) {
        passed = false;
        failures.push_back(name + " " + kPhases[p] + " mean");
      }
      if (p == kPhaseCount - 1) {
        calibration::KsResult ks = calibration::ks_two_sample(xs, xr);
        ph["ks"] = {{"statistic", ks.statistic}, {"p_value", ks.p_value}};
      }
      phases[kPhases[p]] = ph;
      if (!xs.empty() || !xr.empty())
        std::printf("%-30s %-9s %5zu %5zu %10.3f %10.3f %7.1f%% %7.1f%% %7.1f%%\n", name.c_str(), kPhases[p], ss.n,
                    sr.n, ss.mean, sr.mean, 100 * rel(ss.mean, sr.mean), 100 * rel(ss.p50, sr.p50),
                    100 * rel(ss.p95, sr.p95));
    }
    f["phases"] = phases;
    // one to one by input object
    std::map<std::string, const Attempt*> real_by_input;
    for (const auto* a : r_att)
      real_by_input.emplace(a->input, a);
    double sum = 0;
    std::size_t matched = 0;
    for (const auto* a : s_att) {
      auto it = real_by_input.find(a->input);
      if (it == real_by_input.end())
        continue;
      double e = rel(a->phase[kPhaseCount - 1], it->second->phase[kPhaseCount - 1]);
      if (!std::isnan(e)) {
        sum += std::abs(e);
        ++matched;
      }
    }
    f["matched_by_input"] = matched;
    f["matched_response_mean_abs_relative_error"] = matched ? json(sum / matched) : json();
    functions[name] = f;
  }
  report["functions"] = functions;
  auto makespan = [](const Run& r) {
    double first = INFINITY, last = -INFINITY;
    for (const auto& a : r.attempts) {
      if (a.t_first >= 0)
        first = std::min(first, a.t_first);
      if (a.t_last >= 0)
        last = std::max(last, a.t_last);
    }
    return last >= first ? last - first : NAN;
  };
  double ms = makespan(sim), mr = makespan(real);
  json overall;
  overall["makespan_s"] = {{"simulated", num(ms)}, {"real", num(mr)}, {"relative_error", num(rel(ms, mr))}};
  if (std::isnan(rel(ms, mr)) || std::abs(rel(ms, mr)) > o.tolerance) {
    passed = false;
    failures.push_back("makespan");
  }
  overall["cost_usd"] = {{"simulated", num(sim.total_cost_usd)},
                         {"real", num(real.total_cost_usd)},
                         {"relative_error", num(rel(sim.total_cost_usd, real.total_cost_usd))}};
  report["overall"] = overall;
  report["passed"] = passed;
  report["failed_metrics"] = failures;
  std::printf("makespan: simulated %.3f s, real %.3f s (%+.1f%%)\n", ms, mr, 100 * rel(ms, mr));
  if (!std::isnan(sim.total_cost_usd) && !std::isnan(real.total_cost_usd))
    std::printf("cost:     simulated $%.8f, real $%.8f\n", sim.total_cost_usd, real.total_cost_usd);
  std::string out = dir + "/compare.json";
  write_file_atomically(out, report.dump(2) + "\n");
  std::printf("%s (tolerance %.0f%%)%s; details in %s\n", passed ? "PASSED" : "FAILED", 100 * o.tolerance,
              passed ? "" : ": see failed_metrics", out.c_str());
  return passed ? 0 : 1;
}

} // namespace contsim
