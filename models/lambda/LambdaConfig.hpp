// A Lambda service's typed configuration (sim/scenario/ServiceConfig.hpp), read once when the
// Plan is resolved: the platform entry's `keep_alive:` policy, the `lambda:` parameters, the
// region's price table, and each bound function checked against Lambda's limits. Engine-free.
#pragma once
#include "models/lambda/LambdaBilling.hpp"
#include "models/lambda/LambdaParameters.hpp"
#include "sim/policy/WarmPool.hpp"
#include "sim/scenario/ServiceConfig.hpp"

namespace contsim::lambda {

class LambdaConfig : public ServiceConfig {
public:
  static std::shared_ptr<const ServiceConfig> read(const ServiceConfigContext& context);
  /// Reads the calibration sections this model uses (ModelBinding::check_calibration).
  static void check_calibration(const CalibrationSource& calibration, const std::string& price_table_file);
  nlohmann::ordered_json describe() const override;

  WarmPool::Reuse reuse = WarmPool::Reuse::most_recent;  // the entry's keep_alive: policy
  ParameterSet param_set{parameter_specs()};            // with provenance, for summary.json
  LambdaParameters p{};
  PriceTable prices;
  BillingOptions billing;
};

} // namespace contsim::lambda
