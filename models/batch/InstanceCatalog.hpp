// EC2 instance types as AWS Batch sees them: hardware from the calibration file
// (`ec2_instance_types:`, each entry citing its source) joined with the on-demand hourly
// price of the dated price table (`ec2:` section). Speed factors say how fast a job runs
// there relative to the units its profile was measured in: `cpu_speed` per vCPU relative
// to one Lambda vCPU, `gpu_speed` relative to the GPU that gpu_exec_time profiles cite.
#pragma once
#include "models/common/Machine.hpp"
#include "models/common/MachineType.hpp"
#include "sim/core/YamlReader.hpp"

#include <string>
#include <vector>

namespace contsim::batch {

/// An EC2 instance type: the shared machine-type record (models/common/MachineType.hpp).
using InstanceType = common::MachineType;

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
  void apply(const YamlRef& section) { types_.apply(section); }
  /// Joins each type with its price; a type without one is only an error when used.
  void price_with(const Ec2Prices& prices);
  const InstanceType* find(const std::string& name) const { return types_.find(name); }
  std::vector<std::string> names() const { return types_.names(); }

private:
  common::MachineCatalog types_{common::MachineKeys::rented, "instance type"};
};

using common::ec2_billed_seconds;  // EC2 per-second billing (models/common/Machine.hpp)

} // namespace contsim::batch
