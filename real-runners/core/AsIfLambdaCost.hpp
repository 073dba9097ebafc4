// What a real run would have cost on AWS Lambda, at each function's FDL memory, with the same
// price table the simulator's Lambda model uses (calibration/prices/*.yaml). On Lambda, SCAR's
// supervisor runs inside the handler, so its download, the script and its uploads are billed:
// each job is billed from its stage-in to its end (t_end − t_stage_in), rounded up to 1 ms, at
// the price per ms of its memory (Lambda's 128 MB minimum applied), plus the request fee. The
// free tier is not applied (as the simulator's per-invocation cost_usd). Written to real.json
// as `cost_as_if_lambda` when the scenario's `real.as_if_lambda` names a price table.
#pragma once
#include "models/lambda/LambdaBilling.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace contsim::real {

class AsIfLambdaCost {
public:
  explicit AsIfLambdaCost(lambda::PriceTable prices) : prices_(std::move(prices)) {}
  /// One job of `function` (FDL memory in MiB) billed for `seconds`.
  void add(const std::string& function, double memory_mb, double seconds);
  nlohmann::json to_json() const;

private:
  struct PerFunction {
    double memory_mb = 0;
    long long invocations = 0, billed_ms = 0;
    double usd = 0;
  };
  lambda::PriceTable prices_;
  std::map<std::string, PerFunction> functions_;
};

/// Lambda's smallest memory size, MB: a smaller FDL request is billed as it.
constexpr double kLambdaMinimumMemoryMb = 128;

} // namespace contsim::real
