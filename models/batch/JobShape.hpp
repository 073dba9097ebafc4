// What one AWS Batch job asks of an instance, and how many such jobs an instance type holds.
#pragma once
#include "models/batch/InstanceCatalog.hpp"

namespace contsim::batch {

struct JobShape {
  double vcpus = 1;
  double memory_mib = 1024;
  bool gpu = false;
};

/// Jobs of `job` that fit side by side on `t`: min over vCPUs, memory and (GPU jobs) GPUs.
int job_slots(const InstanceType& t, const JobShape& job);

} // namespace contsim::batch
