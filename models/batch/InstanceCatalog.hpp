// EC2 instance types as AWS Batch sees them: hardware from the calibration file
// (`ec2_instance_types:`, each entry citing its source) joined with the on-demand hourly
// price of the dated price table (`ec2:` section). Speed factors say how fast a job runs
// there relative to the units its profile was measured in: `cpu_speed` per vCPU relative
// to one Lambda vCPU, `gpu_speed` relative to the GPU that gpu_exec_time profiles cite.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <string>
#include <vector>

namespace contsim::batch {

struct InstanceType {
  std::string name;
  double vcpus = 0;
  double memory_mib = 0;
  int gpus = 0;
  std::string gpu_model;
  double cpu_speed = 1;
  double gpu_speed = 1;
  double usd_per_hour = 0;
  std::string source;
  int line = 0;  // where the calibration declared it (for messages)
};

struct Ec2Prices {
  std::string file;
  std::string name;
  std::string date;
  std::string region;
  double minimum_billed_s = 60;
  std::vector<std::pair<std::string, double>> usd_per_hour;

  /// Loads the `ec2:` section for `region`; InputError when the file or region lacks one.
  static Ec2Prices load(const std::string& file, const std::string& region);
  const double* price(const std::string& type) const;
};

class InstanceCatalog {
public:
  /// Applies one layer of `ec2_instance_types:` (calibration, then scenario overrides).
  void apply(const YamlRef& section);
  /// Joins each type with its price; a type without one is only an error when used.
  void price_with(const Ec2Prices& prices);
  const InstanceType* find(const std::string& name) const;
  std::vector<std::string> names() const;

private:
  std::vector<InstanceType> types_;
};

/// EC2 per-second billing: whole seconds, rounded up, with a minimum per instance (B3).
long long ec2_billed_seconds(double uptime_s, double minimum_s);

} // namespace contsim::batch
