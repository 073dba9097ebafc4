// The recommendation AWS Lambda Power Tuning gives for a memory sweep (its analyzer's three
// strategies): the cheapest size (ties: the faster), the fastest (ties: the cheaper), and the
// balanced one minimising w * cost / max cost + (1 - w) * duration / max duration, w = 0.5
// (alexcasalboni/aws-lambda-power-tuning, lambda/analyzer.js). Cost is the mean cost per
// invocation, duration the mean execution time, both over the point's replications.
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace contsim::sweep {

struct PowerSample {
  std::string memory;  // the axis value (MB)
  double cost_per_invocation_usd;
  double duration_s;
};

struct PowerTuning {
  PowerSample best_cost, best_time, balanced;
  double balanced_weight = 0.5;
  nlohmann::ordered_json to_json() const;
  std::string text() const;  // the console lines
};

/// None without samples.
std::optional<PowerTuning> power_tuning(const std::vector<PowerSample>& samples, double balanced_weight = 0.5);

} // namespace contsim::sweep
