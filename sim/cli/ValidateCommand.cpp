// `contsim validate SCENARIO --against TRACE`: replays the trace's arrivals (the invocations of
// the scenario's entry functions, at their observed trigger times) through the scenario with
// its calibrated parameters, then compares simulated and observed per function: mean, median
// and p95 response time (t_end − t_trigger), mean execution time, a two-sample KS statistic on
// response times; overall: makespan and per-invocation cost. Exit 1 when a relative error is
// above the tolerance (for CI), 0 otherwise.
#include "calibration/fit/KolmogorovSmirnov.hpp"
#include "models/Registry.hpp"
#include "models/lambda/LambdaBilling.hpp"
#include "sim/cli/CalibrateCommand.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/TextLines.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/core/Statistics.hpp"
#include "sim/runtime/ServiceRegistry.hpp"
#include "sim/runtime/Simulation.hpp"
#include "sim/scenario/Scenario.hpp"
#include "traces/import/TraceImport.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace contsim {

namespace {

using traces::known;
using traces::ObservedInvocation;
using json = nlohmann::ordered_json;

struct Stats {
  std::vector<double> response, exec;
  double first = INFINITY, last = -INFINITY;
  double cost = 0;
  bool cost_known = true;
};

/// Mean and percentiles as the run summary computes them (sim/core/Statistics.hpp); NaN when empty.
double mean(const std::vector<double>& x)
{
  Distribution1D d;
  for (double v : x)
    d.add(v);
  return x.empty() ? NAN : d.mean();
}

double quantile(const std::vector<double>& x, double q)
{
  Distribution1D d;
  for (double v : x)
    d.add(v);
  return x.empty() ? NAN : d.percentile(100 * q);
}

std::map<std::string, Stats> collect(const traces::TraceTable& t, const std::function<double(const ObservedInvocation&)>& cost,
                                     Stats& overall)
{
  std::map<std::string, Stats> out;
  for (const auto& r : t.invocations) {
    if (r.status == "delegated" || !known(r.t_end) || !known(r.t_trigger))
      continue;
    Stats& s = out[r.function];
    for (Stats* x : {&s, &overall}) {
      x->response.push_back(r.t_end - r.t_trigger);
      if (known(r.t_exec_start) && known(r.t_exec_end))
        x->exec.push_back(r.t_exec_end - r.t_exec_start);
      x->first = std::min(x->first, r.t_trigger);
      x->last = std::max(x->last, r.t_end);
      double c = cost(r);
      if (known(c))
        x->cost += c;
      else
        x->cost_known = false;
    }
  }
  return out;
}

} // namespace

int run_validate(const ValidateCommandOptions& o)
{
  auto [function, path] = split_trace_argument(o.against);
  traces::TraceTable real = traces::import_trace(path, function);
  std::vector<Override> overrides;
  for (const auto& s : o.sets)
    overrides.push_back(parse_override(s));
  // The calibrate -> run -> validate loop: a fitted file is layered over the scenario's own.
  Scenario scenario = load_scenario(o.scenario, overrides, o.calibrations);
  ServiceRegistry registry;
  register_builtin_models(registry);
  std::string dir = o.output_dir.empty() ? "out/validate" : o.output_dir;
  prepare_output_directory(dir);

  // The functions the workload feeds: their observed invocations are the arrivals to replay.
  std::set<std::string> entry;
  {
    Plan probe = resolve_plan(scenario, registry.bindings());
    for (auto [f, in] : probe.workflow.entry_inputs())
      entry.insert(probe.workflow.functions[f].name);
  }
  for (const auto& w : scenario.workload)
    if (!w.invoke_function.empty())
      entry.insert(w.invoke_function);
  std::vector<const ObservedInvocation*> arrivals;
  std::set<std::string> seen;
  for (const auto& r : real.invocations) {
    seen.insert(r.function);
    if (entry.count(r.function) && r.parent_id.empty() && known(r.t_trigger))
      arrivals.push_back(&r);
  }
  if (arrivals.empty()) {
    std::string names, in_trace;
    for (const auto& e : entry)
      names += (names.empty() ? "" : ", ") + e;
    for (const auto& e : seen)
      in_trace += (in_trace.empty() ? "" : ", ") + e;
    throw InputError(path, 0, 0, "function",
                     "no invocation of the scenario's entry function(s) " + names + " (the trace has: " + in_trace +
                         "; name the function of a CloudWatch log with FUNCTION=" + path + ")");
  }
  std::stable_sort(arrivals.begin(), arrivals.end(),
                   [](const auto* a, const auto* b) { return a->t_trigger < b->t_trigger; });
  double t0 = arrivals.front()->t_trigger;
  // A replay of more than 30 days is a timestamp far from the others (a broken clock, a typo),
  // not an experiment: say which one rather than simulate decades.
  if (double span = arrivals.back()->t_trigger - t0; span > 30 * 86400.0)
    throw InputError(path, 0, 0, "", "the invocations to replay span " + std::to_string(span / 86400.0) +
                                         " days, from " + arrivals.front()->source + " to " + arrivals.back()->source +
                                         ": is one timestamp far from the others?");
  std::string arrivals_csv = std::filesystem::absolute(dir + "/arrivals.csv").string();
  {
    std::ostringstream csv;
    csv << "t_s,name\n";
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
      std::string name = std::filesystem::path(arrivals[i]->input).filename().string();
      char t[32];
      std::snprintf(t, sizeof t, "%.6f", arrivals[i]->t_trigger - t0);
      csv << t << "," << (name.empty() ? "request-" + std::to_string(i + 1) : name) << "\n";
    }
    write_file_atomically(arrivals_csv, csv.str());
  }
  if (scenario.workload.empty())
    throw InputError(o.scenario, 0, 0, "workload", "the scenario has no workload source to replay the arrivals with");
  if (scenario.workload.size() > 1)
    std::cerr << "contsim: warning: the replay uses the first workload source's settings for every arrival\n";
  scenario.workload.resize(1);
  scenario.workload[0].kind = WorkloadSource::Kind::csv;
  scenario.workload[0].csv_file = arrivals_csv;
  scenario.horizon_s = std::max(scenario.horizon_s, arrivals.back()->t_trigger - t0 + 1);

  std::string sim_dir = dir + "/sim";
  prepare_output_directory(sim_dir);
  {
    Plan plan = resolve_plan(scenario, registry.bindings());
    Simulation sim(plan, registry, sim_dir);
    sim.run();
  }
  traces::TraceTable simulated = traces::import_contsim_csv(plain_or_compressed(sim_dir + "/trace.csv"));

  // Costs per invocation: what the trace says, else Lambda's billed duration at the scenario's prices.
  std::optional<lambda::PriceTable> prices;
  auto observed_cost = [&](const ObservedInvocation& r) -> double {
    if (known(r.cost_usd))
      return r.cost_usd;
    if (r.platform == "lambda" && known(r.billed_ms) && known(r.memory_mb)) {
      if (!prices)
        prices = lambda::PriceTable::load(scenario.price_table_file, "us-east-1", "x86_64");
      return r.billed_ms * prices->price_per_ms(r.memory_mb) + (scenario.billing.request_fees ? prices->per_request : 0);
    }
    return traces::kUnknown;
  };
  Stats real_all, sim_all;
  auto real_fn = collect(real, observed_cost, real_all);
  auto sim_fn = collect(simulated, [](const ObservedInvocation& r) { return r.cost_usd; }, sim_all);

  json report;
  report["scenario"] = o.scenario;
  report["against"] = path;
  report["tolerance"] = o.tolerance;
  bool passed = true;
  std::vector<std::string> failures;
  auto compare = [&](json& into, const std::string& what, double real_v, double sim_v, bool checked) {
    double err = real_v != 0 ? (sim_v - real_v) / std::abs(real_v) : (sim_v == 0 ? 0 : NAN);
    into[what] = {{"real", real_v}, {"simulated", sim_v}, {"relative_error", std::isnan(err) ? json() : json(err)}};
    if (checked && (std::isnan(err) || std::abs(err) > o.tolerance)) {
      passed = false;
      failures.push_back(what);
    }
  };
  std::printf("%-28s %6s %6s %11s %11s %8s %8s %8s %7s\n", "function", "n real", "n sim", "mean resp s", "sim", "err mean",
              "err p50", "err p95", "KS");
  json functions = json::object();
  for (const auto& [name, rs] : real_fn) {
    auto it = sim_fn.find(name);
    if (it == sim_fn.end()) {
      functions[name] = {{"n_real", rs.response.size()}, {"n_simulated", 0}};
      failures.push_back(name + " (not simulated)");
      passed = false;
      continue;
    }
    const Stats& ss = it->second;
    json f = {{"n_real", rs.response.size()}, {"n_simulated", ss.response.size()}};
    compare(f, "response_mean_s", mean(rs.response), mean(ss.response), true);
    compare(f, "response_median_s", quantile(rs.response, 0.5), quantile(ss.response, 0.5), true);
    compare(f, "response_p95_s", quantile(rs.response, 0.95), quantile(ss.response, 0.95), true);
    compare(f, "exec_mean_s", mean(rs.exec), mean(ss.exec), false);
    calibration::KsResult ks = calibration::ks_two_sample(rs.response, ss.response);
    f["ks_response"] = {{"statistic", ks.statistic}, {"p_value", ks.p_value}};
    auto err = [&](const char* k) { return f[k]["relative_error"].is_null() ? NAN : f[k]["relative_error"].get<double>(); };
    std::printf("%-28s %6zu %6zu %11.3f %11.3f %7.1f%% %7.1f%% %7.1f%% %7.3f\n", name.c_str(), rs.response.size(),
                ss.response.size(), mean(rs.response), mean(ss.response), 100 * err("response_mean_s"),
                100 * err("response_median_s"), 100 * err("response_p95_s"), ks.statistic);
    functions[name] = f;
  }
  report["functions"] = functions;
  json overall = json::object();
  compare(overall, "makespan_s", real_all.last - real_all.first, sim_all.last - sim_all.first, true);
  if (real_all.cost_known && sim_all.cost_known)
    compare(overall, "cost_usd", real_all.cost, sim_all.cost, true);
  else
    overall["cost_usd"] = "not compared: the trace does not give every invocation's cost";
  report["overall"] = overall;
  report["passed"] = passed;
  report["failed_metrics"] = failures;
  std::printf("makespan: real %.3f s, simulated %.3f s (%+.1f%%)\n", real_all.last - real_all.first,
              sim_all.last - sim_all.first,
              100 * ((sim_all.last - sim_all.first) / (real_all.last - real_all.first) - 1));
  if (overall["cost_usd"].is_object())
    std::printf("cost:     real $%.8f, simulated $%.8f\n", real_all.cost, sim_all.cost);
  write_file_atomically(dir + "/validation.json", report.dump(2) + "\n");
  std::printf("%s (tolerance %.0f%%)%s; details in %s/validation.json, simulated run in %s\n",
              passed ? "PASSED" : "FAILED", 100 * o.tolerance, passed ? "" : ": see failed_metrics", dir.c_str(),
              sim_dir.c_str());
  return passed ? 0 : 1;
}

} // namespace contsim
