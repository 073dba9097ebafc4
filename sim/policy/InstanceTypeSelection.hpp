// Which EC2 instance type an AWS Batch compute environment launches for jobs that no instance
// will take (its `allocation_strategy`, AWS's names, in the Batch service's platform entry):
//   BEST_FIT              (default) the lowest-cost type that fits the job: cheapest per job slot;
//   BEST_FIT_PROGRESSIVE  a type large enough for the job, preferring the lowest cost per vCPU.
// AWS differs further when a type runs out of capacity (BEST_FIT waits, BEST_FIT_PROGRESSIVE
// moves to the next type); EC2 capacity is not modelled, so only the preference differs here.
// Ties go to the type listed first. Spot strategies are not modelled (no Spot capacity).
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace contsim {

struct InstanceTypeView {
  double usd_per_hour = 0;
  double vcpus = 0;
  int job_slots = 0;        // jobs of the environment's shape that fit one instance (0: none)
  bool within_max = false;  // launching it stays within the environment's max vCPUs
};

class InstanceTypeSelection {
public:
  virtual ~InstanceTypeSelection() = default;
  virtual const char* name() const = 0;
  /// Index of the type to launch, or -1 when none fits.
  int choose(const std::vector<InstanceTypeView>& types) const;

protected:
  /// Lower is better.
  virtual double cost(const InstanceTypeView& t) const = 0;
};

/// The strategy an `allocation_strategy:` value names; null for an unknown or unmodelled one.
std::unique_ptr<InstanceTypeSelection> make_instance_type_selection(const std::string& name);
std::vector<std::string> instance_type_selection_names();

} // namespace contsim
