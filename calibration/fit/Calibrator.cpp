#include "calibration/fit/Calibrator.hpp"

#include "calibration/fit/DistributionFit.hpp"
#include "calibration/fit/LinearFit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

namespace contsim::calibration {

using traces::known;
using traces::ObservedInvocation;
using json = nlohmann::ordered_json;

namespace {

double round6(double v)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return std::strtod(buf, nullptr);
}

double mean(const std::vector<double>& x)
{
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double median(std::vector<double> x)
{
  std::sort(x.begin(), x.end());
  std::size_t n = x.size();
  return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

json distribution_yaml(const FittedDistribution& d)
{
  if (d.type == "constant")
    return {{"type", "constant"}, {"value", round6(d.p1)}};
  if (d.type == "normal")
    return {{"type", "normal"}, {"mean", round6(d.p1)}, {"sd", round6(d.p2)}};
  if (d.type == "lognormal")
    return {{"type", "lognormal"}, {"median", round6(std::exp(d.p1))}, {"sigma", round6(d.p2)}};
  return {{"type", d.type}, {"shape", round6(d.p1)}, {"scale", round6(d.p2)}};
}

std::string describe(const DistributionFitReport& r)
{
  const auto& b = r.best();
  char buf[160];
  if (b.type == "constant")
    std::snprintf(buf, sizeof buf, "constant (%zu equal samples)", r.n);
  else if (r.prior)
    std::snprintf(buf, sizeof buf, "wide prior (%zu samples)", r.n);
  else
    std::snprintf(buf, sizeof buf, "maximum likelihood, %s chosen by AIC (n = %zu, KS %.3f)", b.type.c_str(), r.n,
                  b.ks);
  return buf;
}

json fit_record(const DistributionFitReport& r, const std::vector<std::string>& traces, const std::string& measured)
{
  json aic = json::object();
  for (const auto& c : r.candidates)
    if (!r.prior)
      aic[c.type] = round6(c.aic);
  bool constant = r.best().type == "constant";
  json f = {{"measured", measured},
            {"method", constant  ? "every sample equal: a constant"
                       : r.prior ? "wide prior: lognormal with the sample mean and a coefficient of variation of at least 1"
                                 : "maximum likelihood"},
            {"selected_by", constant ? "no spread" : r.prior ? "too few samples" : "AIC"},
            {"n", r.n}};
  if (!r.prior && r.best().type != "constant") {
    f["ks"] = round6(r.best().ks);
    f["aic"] = aic;
  }
  f["traces"] = traces;
  return f;
}

struct Collector {
  CalibrationResult& out;
  std::vector<std::string> traces;
  void warn(const std::string& what, const DistributionFitReport& r)
  {
    if (!r.warning.empty())
      out.warnings.push_back(what + ": " + r.warning);
  }
  /// A platform parameter: a distribution where the model takes one, else its mean.
  void parameter(const std::string& section, const std::string& key, const std::vector<double>& sample,
                 const std::string& measured, bool distribution)
  {
    DistributionFitReport r = fit_distributions(sample);
    warn(section + "." + key, r);
    json entry;
    entry["value"] = distribution ? distribution_yaml(r.best()) : json(round6(r.best().mean()));
    entry["source"] = "fit: " + describe(r) + " of " + measured;
    entry["fit"] = fit_record(r, traces, measured);
    if (!sample.empty())
      entry["fit"]["sample_mean"] = round6(mean(sample));
    out.document[section][key] = entry;
    out.report.push_back(section + "." + key + ": " + describe(r) + ", mean " + std::to_string(round6(r.best().mean())) +
                         " s");
  }
};

std::vector<double> durations(const std::vector<const ObservedInvocation*>& rows, double ObservedInvocation::*from,
                              double ObservedInvocation::*to)
{
  std::vector<double> d;
  for (const auto* r : rows)
    if (known(r->*from) && known(r->*to) && r->*to >= r->*from)
      d.push_back(r->*to - r->*from);
  return d;
}

} // namespace

CalibrationResult calibrate(const traces::TraceTable& table, const CalibrateOptions& options)
{
  CalibrationResult out;
  out.document["schema"] = "contsim-calibration/1";
  out.document["name"] = options.name;
  Collector c{out, table.files};
  for (const auto& w : table.warnings)
    out.warnings.push_back(w);

  // Group by function and platform, in order of first appearance.
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::pair<std::string, std::string>, std::vector<const ObservedInvocation*>> groups;
  // (function, status) -> attempts left out of every fit: one that timed out or failed did not
  // run its script to the end, so its duration is the limit's or the failure's, not the work's.
  std::map<std::pair<std::string, std::string>, long long> excluded;
  for (const auto& inv : table.invocations) {
    if (inv.status == "delegated")
      continue;  // never ran here
    if (inv.status != "ok" && inv.status != "duplicate") {  // timeout, failed, error, interrupted
      ++excluded[{inv.function, inv.status}];
      continue;
    }
    auto key = std::make_pair(inv.function, inv.platform);
    if (!groups.count(key))
      keys.push_back(key);
    groups[key].push_back(&inv);
  }

  for (const auto& [key, n] : excluded)
    out.warnings.push_back(key.first + ": " + std::to_string(n) + " invocation(s) with status " + key.second +
                           " left out of the fits (a duration cut short is not the work's)");
  std::vector<double> lambda_init;         // CloudWatch Init Duration
  std::vector<double> lambda_cold_overhead;  // contsim traces: start → exec start of cold runs
  std::vector<double> batch_first_wait;
  std::vector<double> batch_round_wait;  // a queued job: its instance's previous job ended → it started
  std::vector<double> oscar_container_start;  // pod bound → supervisor's stage-in, no image pull
  json functions = json::object();
  for (const auto& key : keys) {
    const auto& rows = groups[key];
    const std::string& fn = key.first;
    const std::string& platform = key.second;
    bool cloudwatch = platform == "lambda" && std::any_of(rows.begin(), rows.end(), [](const auto* r) {
                        return known(r->init_duration_s) || known(r->max_memory_used_mb);
                      });
    std::vector<const ObservedInvocation*> warm, cold, ran;
    for (const auto* r : rows) {
      if (!known(r->t_exec_start) || !known(r->t_exec_end))
        continue;
      ran.push_back(r);
      (r->cold_start == 1 ? cold : warm).push_back(r);
    }
    if (ran.empty()) {
      out.warnings.push_back(fn + " (" + platform + "): no invocation that ran: nothing to fit");
      continue;
    }
    // The script's time. A CloudWatch cold Duration holds SCAR's image pull: warm runs only.
    const auto& exec_rows = cloudwatch && !warm.empty() ? warm : ran;
    std::vector<double> exec = durations(exec_rows, &ObservedInvocation::t_exec_start, &ObservedInvocation::t_exec_end);
    std::string measured = cloudwatch && !warm.empty() ? "the Duration of warm invocations"
                                                        : "t_exec_end - t_exec_start of every invocation that ran";
    json profile;
    profile["source"] = "fit: contsim calibrate from " + std::to_string(rows.size()) + " " + platform +
                        " invocations";
    json exec_time;
    DistributionFitReport dist = fit_distributions(exec);
    c.warn(fn + " exec_time", dist);
    // A linear model of the inputs' attributes, when every run has the same ones.
    std::vector<std::string> names;
    for (const auto& a : exec_rows.front()->attributes)
      names.push_back(a.first);
    bool linear_used = false;
    if (!names.empty() && exec_rows.size() > names.size() + 2) {
      std::vector<std::vector<double>> X;
      std::vector<double> y;
      for (const auto* r : exec_rows) {
        if (r->attributes.size() != names.size())
          continue;
        std::vector<double> row;
        for (const auto& a : r->attributes)
          row.push_back(a.second);
        X.push_back(row);
        y.push_back(r->t_exec_end - r->t_exec_start);
      }
      if (y.size() > names.size() + 1) {
        LinearFitResult lf = fit_linear(names, X, y);
        json per = json::object();
        for (const auto& [n, b] : lf.coefficients)
          per[n] = round6(b);
        if (lf.r_squared >= 0.5) {
          linear_used = true;
          exec_time["linear"] = {{"intercept_s", round6(lf.intercept)}, {"per", per}};
          exec_time["noise_sd_s"] = round6(lf.residual_sd);
          exec_time["source"] = "fit: least squares on the inputs' attributes (R² " +
                                std::to_string(round6(lf.r_squared)) + ", n = " + std::to_string(lf.n) + ")";
          exec_time["fit"] = {{"measured", measured},  {"method", "least squares (Eigen QR)"},
                              {"r_squared", round6(lf.r_squared)}, {"residual_sd_s", round6(lf.residual_sd)},
                              {"n", lf.n},             {"traces", table.files},
                              {"distribution_alternative", distribution_yaml(dist.best())}};
          out.report.push_back(fn + " exec_time: linear in " + names.front() + (names.size() > 1 ? "..." : "") +
                               ", R² " + std::to_string(round6(lf.r_squared)));
        } else {
          out.warnings.push_back(fn + ": the inputs' attributes explain little of the execution time (R² " +
                                 std::to_string(round6(lf.r_squared)) + "): a distribution is used");
        }
      }
    }
    if (!linear_used) {
      exec_time["seconds"] = distribution_yaml(dist.best());
      exec_time["source"] = "fit: " + describe(dist);
      exec_time["fit"] = fit_record(dist, table.files, measured);
      out.report.push_back(fn + " exec_time: " + describe(dist) + ", mean " + std::to_string(round6(dist.best().mean())) +
                           " s");
    }
    // Where the time was measured: a Lambda memory size, or a CPU request.
    const ObservedInvocation* first = exec_rows.front();
    if (platform == "lambda" && known(first->memory_mb))
      exec_time["reference_memory_mb"] = first->memory_mb;
    else if (known(first->vcpus) && first->vcpus > 0)
      exec_time["reference_vcpu"] = round6(first->vcpus);
    profile["exec_time"] = exec_time;

    json fit = json::object();
    fit["platform"] = platform;
    fit["invocations"] = rows.size();
    fit["cold_starts"] = cold.size();
    if (cloudwatch && !cold.empty()) {
      std::vector<double> cold_exec =
          durations(cold, &ObservedInvocation::t_exec_start, &ObservedInvocation::t_exec_end);
      DistributionFitReport cr = fit_distributions(cold_exec);
      c.warn(fn + " cold_exec_time", cr);
      json ce = distribution_yaml(cr.best());
      ce["source"] = "fit: " + describe(cr) + " of the Duration of cold invocations";
      ce["fit"] = fit_record(cr, table.files, "the Duration of cold invocations (image pull included)");
      profile["cold_exec_time"] = ce;
      for (const auto* r : cold)
        if (known(r->init_duration_s))
          lambda_init.push_back(r->init_duration_s);
      if (!warm.empty())
        fit["cold_start_overhead_s"] = round6(median(cold_exec) - median(exec) +
                                              (lambda_init.empty() ? 0 : median(lambda_init)));
    } else if (!cold.empty() && !warm.empty()) {
      // Start to script: cold runs pay the environment's start / image pull, warm ones little.
      std::vector<double> c_over = durations(cold, &ObservedInvocation::t_start, &ObservedInvocation::t_exec_start);
      std::vector<double> w_over = durations(warm, &ObservedInvocation::t_start, &ObservedInvocation::t_exec_start);
      if (!c_over.empty() && !w_over.empty()) {
        double overhead = median(c_over) - median(w_over);
        fit["cold_start_overhead_s"] = round6(overhead);
        if (platform == "lambda")
          lambda_cold_overhead.insert(lambda_cold_overhead.end(), c_over.begin(), c_over.end());
        if (platform == "oscar") {
          fit["image_pull_s"] = round6(overhead);
          auto size = options.image_size_bytes.find(first->image);
          if (size != options.image_size_bytes.end() && overhead > 0) {
            double rate = size->second / 1e6 / overhead;
            out.document["kubernetes"]["image_pull_mb_per_s"] = {
                {"value", round6(rate)},
                {"source", "fit: " + first->image + " (" + std::to_string(static_cast<long long>(size->second / 1e6)) +
                               " MB) pulled in the median cold-minus-warm start of " + fn},
                {"fit", {{"method", "image size / (median cold − median warm start→exec)"},
                         {"n", c_over.size() + w_over.size()},
                         {"traces", table.files}}}};
          }
        }
      }
    }
    if (platform == "oscar") {
      std::vector<const ObservedInvocation*> no_pull;
      for (const auto* r : rows)
        if (r->cold_start == 0)
          no_pull.push_back(r);
      std::vector<double> starts = durations(no_pull, &ObservedInvocation::t_start, &ObservedInvocation::t_stage_in);
      oscar_container_start.insert(oscar_container_start.end(), starts.begin(), starts.end());
    }
    std::vector<double> waits = durations(rows, &ObservedInvocation::t_trigger, &ObservedInvocation::t_start);
    if (!waits.empty()) {
      std::sort(waits.begin(), waits.end());
      fit["queue_wait_s"] = {{"median", round6(median(waits))},
                             {"p95", round6(waits[static_cast<std::size_t>(0.95 * (waits.size() - 1))])},
                             {"max", round6(waits.back())}};
    }
    if (platform == "batch") {
      // The first job on each instance waited for it to launch and boot; a later job that was
      // already queued when the instance's previous job ended waited for a scheduler round.
      std::map<std::string, std::vector<const ObservedInvocation*>> on_node;
      for (const auto* r : rows)
        if (known(r->t_start) && known(r->t_trigger))
          on_node[r->node].push_back(r);
      for (auto& [node, jobs] : on_node) {
        std::sort(jobs.begin(), jobs.end(), [](const auto* a, const auto* b) { return a->t_start < b->t_start; });
        batch_first_wait.push_back(jobs.front()->t_start - jobs.front()->t_trigger);
        double last_end = traces::kUnknown;  // latest end on the node before this job's start
        for (std::size_t j = 0; j < jobs.size(); ++j) {
          const ObservedInvocation* r = jobs[j];
          if (j > 0 && known(last_end) && r->t_trigger < last_end && r->t_start >= last_end)
            batch_round_wait.push_back(r->t_start - last_end);
          if (known(r->t_end) && (!known(last_end) || r->t_end > last_end))
            last_end = r->t_end;
        }
      }
    }
    profile["fit"] = fit;
    functions[fn] = profile;
  }

  if (!lambda_init.empty())
    c.parameter("lambda", "platform_init_s", lambda_init, "CloudWatch Init Duration of cold invocations", false);
  else if (!lambda_cold_overhead.empty())
    c.parameter("lambda", "platform_init_s", lambda_cold_overhead,
                "t_exec_start - t_start of cold Lambda invocations (image pull included)", false);
  if (!oscar_container_start.empty())
    c.parameter("kubernetes", "container_start_s", oscar_container_start,
                "t_stage_in - t_start of OSCAR jobs without an image pull (the container's start up to the supervisor's "
                "first step)",
                true);
  if (batch_round_wait.size() >= 2) {
    // The first wait holds a round too (the one that asked for the instance): take its mean out.
    c.parameter("batch", "scheduler_delay_s", batch_round_wait,
                "end of an instance's job → start of the next job already queued on it (one scheduler round)", true);
    double round_mean = mean(batch_round_wait);
    for (double& w : batch_first_wait)
      w = std::max(0.0, w - round_mean);
    c.parameter("batch", "launch_delay_s", batch_first_wait,
                "createdAt → startedAt of the first job on each instance (launch and boot together), less the "
                "mean scheduler round",
                true);
  } else if (!batch_first_wait.empty()) {
    out.document["batch"]["scheduler_delay_s"] = {
        {"value", 0},
        {"source", "fit: folded into launch_delay_s (no job waited on a busy instance in the traces)"}};
    c.parameter("batch", "launch_delay_s", batch_first_wait,
                "createdAt → startedAt of the first job on each instance (launch and boot together)", true);
  }
  if (!batch_first_wait.empty()) {
    out.document["batch"]["boot_s"] = {
        {"value", 0},
        {"source", "fit: folded into launch_delay_s (describe-jobs does not separate launch from boot)"}};
  }
  // Nodes powered on during their own trace (after its first event) show a boot.
  auto file_of = [](const std::string& source) { return source.substr(0, source.rfind(':')); };
  std::map<std::string, double> first_event;
  for (const auto& inv : table.invocations)
    if (known(inv.t_trigger)) {
      auto [it, fresh] = first_event.emplace(file_of(inv.source), inv.t_trigger);
      if (!fresh)
        it->second = std::min(it->second, inv.t_trigger);
    }
  std::vector<double> boots;
  for (const auto& n : table.nodes) {
    auto first = first_event.find(file_of(n.source));
    if (known(n.t_created) && known(n.t_ready) && first != first_event.end() && n.t_created >= first->second)
      boots.push_back(n.t_ready - n.t_created);
  }
  if (!boots.empty())
    c.parameter("clues", "power_on_s", boots,
                "node registration → Ready of nodes that joined during the trace (VM boot before registration "
                "not seen by kubectl)",
                true);
  if (!functions.empty())
    out.document["functions"] = functions;
  if (functions.empty() && table.nodes.empty())
    out.warnings.push_back("nothing to fit: no invocation ran in the traces");
  return out;
}

} // namespace contsim::calibration
