// An AWS Batch service's typed configuration (sim/scenario/ServiceConfig.hpp), read once when
// the Plan is resolved: the entry's `allocation_strategy:`, the `batch:` parameters, the EC2
// instance types priced from the region's table, and per bound function its compute
// environment (job shape, the allowed types that fit it, min/desired/max vCPUs), checked so
// that no job could stay RUNNABLE forever. Engine-free.
#pragma once
#include "models/batch/BatchParameters.hpp"
#include "models/batch/InstanceCatalog.hpp"
#include "models/batch/JobShape.hpp"
#include "sim/scenario/ServiceConfig.hpp"

namespace contsim::batch {

/// One function's managed compute environment as configured (SCAR creates one per function).
struct EnvironmentConfig {
  int function = -1;                          // workflow function index
  JobShape shape;
  std::vector<const InstanceType*> fitting;   // allowed types a job fits on, into the catalog
  double min_vcpus = 0, desired_vcpus = 0, max_vcpus = 0;
};

class BatchConfig : public ServiceConfig {
public:
  static std::shared_ptr<const ServiceConfig> read(const ServiceConfigContext& context);
  /// Reads the calibration sections this model uses (ModelBinding::check_calibration).
  static void check_calibration(const CalibrationSource& calibration, const std::string& price_table_file);
  nlohmann::ordered_json describe() const override;

  std::string allocation_strategy = "BEST_FIT";  // AWS's default for on-demand compute environments
  ParameterSet param_set{parameter_specs()};
  BatchParameters p{};
  InstanceCatalog catalog;
  Ec2Prices prices;
  double lambda_mb_per_vcpu = 0;  // profiles measured on Lambda name a memory size: its vCPU share
  std::vector<EnvironmentConfig> environments;  // in the order of the bound functions
};

} // namespace contsim::batch
