#include "real-runners/core/AsIfLambdaCost.hpp"

#include <algorithm>
#include <cmath>

namespace contsim::real {

void AsIfLambdaCost::add(const std::string& function, double memory_mb, double seconds)
{
  PerFunction& f = functions_[function];
  f.memory_mb = std::max(kLambdaMinimumMemoryMb, memory_mb);
  long long ms = lambda::billed_ms(seconds);
  ++f.invocations;
  f.billed_ms += ms;
  f.usd += ms * prices_.price_per_ms(f.memory_mb) + prices_.per_request;
}

nlohmann::json AsIfLambdaCost::to_json() const
{
  nlohmann::json per = nlohmann::json::object();
  double total = 0;
  for (const auto& [name, f] : functions_) {
    per[name] = {{"memory_mb", f.memory_mb},
                 {"invocations", f.invocations},
                 {"billed_ms", f.billed_ms},
                 {"usd", std::round(f.usd * 1e12) / 1e12}};
    total += f.usd;
  }
  return {{"price_table", prices_.name},
          {"price_table_date", prices_.date},
          {"region", prices_.region},
          {"architecture", prices_.architecture},
          {"billed_as", "t_end - t_stage_in of each job that started (SCAR's supervisor runs in the handler), "
                        "rounded up to 1 ms, plus the request fee; no free tier"},
          {"per_function", per},
          {"total_usd", std::round(total * 1e12) / 1e12}};
}

} // namespace contsim::real
