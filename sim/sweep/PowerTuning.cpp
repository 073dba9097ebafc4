#include "sim/sweep/PowerTuning.hpp"

#include <algorithm>
#include <cstdio>

namespace contsim::sweep {

std::optional<PowerTuning> power_tuning(const std::vector<PowerSample>& samples, double w)
{
  if (samples.empty())
    return std::nullopt;
  PowerTuning t;
  t.balanced_weight = w;
  t.best_cost = *std::min_element(samples.begin(), samples.end(), [](const auto& a, const auto& b) {
    return a.cost_per_invocation_usd != b.cost_per_invocation_usd ? a.cost_per_invocation_usd < b.cost_per_invocation_usd
                                                                  : a.duration_s < b.duration_s;
  });
  t.best_time = *std::min_element(samples.begin(), samples.end(), [](const auto& a, const auto& b) {
    return a.duration_s != b.duration_s ? a.duration_s < b.duration_s : a.cost_per_invocation_usd < b.cost_per_invocation_usd;
  });
  double max_cost = 0, max_duration = 0;
  for (const auto& s : samples) {
    max_cost = std::max(max_cost, s.cost_per_invocation_usd);
    max_duration = std::max(max_duration, s.duration_s);
  }
  auto value = [&](const PowerSample& s) {
    return (max_cost > 0 ? w * s.cost_per_invocation_usd / max_cost : 0) +
           (max_duration > 0 ? (1 - w) * s.duration_s / max_duration : 0);
  };
  // The first of equal values, in sweep order (the analyzer's sort is stable too).
  t.balanced = *std::min_element(samples.begin(), samples.end(),
                                 [&](const auto& a, const auto& b) { return value(a) < value(b); });
  return t;
}

nlohmann::ordered_json PowerTuning::to_json() const
{
  auto one = [](const PowerSample& s) {
    return nlohmann::ordered_json{{"memory_mb", s.memory},
                                  {"cost_per_invocation_usd", s.cost_per_invocation_usd},
                                  {"mean_exec_s", s.duration_s}};
  };
  return {{"best_cost", one(best_cost)},
          {"best_time", one(best_time)},
          {"balanced", one(balanced)},
          {"balanced_weight", balanced_weight},
          {"method", "AWS Lambda Power Tuning's analyzer: cheapest, fastest, and balanced = argmin w*cost/max cost + "
                     "(1-w)*duration/max duration; cost = mean cost per invocation, duration = mean execution time"}};
}

std::string PowerTuning::text() const
{
  char line[512];
  auto one = [&](const char* what, const PowerSample& s) {
    std::snprintf(line, sizeof line, "  %-10s %6s MB   %.10f USD/invocation   %.3f s mean exec\n", what, s.memory.c_str(),
                  s.cost_per_invocation_usd, s.duration_s);
    return std::string(line);
  };
  std::snprintf(line, sizeof line, "power tuning (as AWS Lambda Power Tuning; balanced weight %.2f):\n", balanced_weight);
  std::string text = line;  // `one` reuses the buffer
  text += one("best cost", best_cost);
  text += one("best time", best_time);
  text += one("balanced", balanced);
  return text;
}

} // namespace contsim::sweep
