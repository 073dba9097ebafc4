#include "models/batch/JobShape.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace contsim::batch {

int job_slots(const InstanceType& t, const JobShape& job)
{
  // A small epsilon: 4 vCPUs hold exactly 4 jobs of 1 vCPU despite floating point.
  auto fit = [](double have, double need) {
    return need <= 0 ? std::numeric_limits<int>::max() : static_cast<int>(std::floor(have / need + 1e-9));
  };
  int slots = std::min(fit(t.vcpus, job.vcpus), fit(t.memory_mib, job.memory_mib));
  if (job.gpu)
    slots = std::min(slots, t.gpus);
  return std::max(slots, 0);
}

} // namespace contsim::batch
