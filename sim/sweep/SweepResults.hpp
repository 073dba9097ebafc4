// `sweep gather`: every replication's summary.json reduced to sweep_metrics(), then per point
// mean, standard deviation and 95 % confidence interval (Estimate); failed replications listed
// with their reason; a memory sweep's power-tuning recommendation. Written as DIR/sweep.csv
// (schema contsim-sweep/2) and under `results` in DIR/sweep.json.
#pragma once
#include "sim/sweep/Estimate.hpp"
#include "sim/sweep/PowerTuning.hpp"
#include "sim/sweep/SweepPlan.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace contsim::sweep {

enum class RunState { pending, done, failed };

/// Where one replication stands: done when its summary.json exists (written last, whole),
/// failed when error.txt does instead, pending otherwise.
RunState run_state(const std::string& sweep_dir, const SweepPlan& plan, std::size_t point, int replication);

/// sweep_metrics() of one summary.json, in that order.
std::vector<double> metrics_of(const nlohmann::json& summary);

struct PointResult {
  int done = 0;
  int failed = 0;
  std::vector<Estimate> metrics;  // per sweep_metrics()
  std::vector<std::string> errors;  // "rep-R: first line of error.txt"
};

struct SweepResults {
  std::vector<PointResult> points;
  std::optional<PowerTuning> power_tuning;  // a sweep of one functions.NAME.memory axis
  std::size_t done = 0, failed = 0, pending = 0;  // replications
};

SweepResults gather(const SweepPlan& plan, const std::string& sweep_dir);
std::string sweep_csv(const SweepPlan& plan, const SweepResults& results);
nlohmann::ordered_json results_json(const SweepPlan& plan, const SweepResults& results);
/// The console table: one line per point (parameters, replications, time and cost with ±CI).
std::string results_text(const SweepPlan& plan, const SweepResults& results);

} // namespace contsim::sweep
