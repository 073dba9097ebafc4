#include "sim/policy/LoadBasedDelegation.hpp"

#include <cmath>

namespace contsim {

unsigned LoadBasedDelegation::priority(const ClusterStatus& s)
{
  double total_cpu = 0, total_memory = 0;
  for (const auto& n : s.nodes) {
    total_cpu += n.allocatable_cores_m;
    total_memory += n.allocatable_bytes;
  }
  double cpu_share = total_cpu > 0 ? s.total_free_cores_m / total_cpu : 0;
  double memory_share = total_memory > 0 ? s.total_free_bytes / total_memory : 0;
  double health = std::round(std::sqrt(std::max(0.0, cpu_share * memory_share)) * 100);
  return static_cast<unsigned>(100 - static_cast<int>(health));
}

std::vector<int> LoadBasedDelegation::order(const std::vector<ReplicaView>& replicas,
                                            const DelegationRequest& request, RandomEngine&) const
{
  return delegation::by_priority(replicas, delegation::status_priorities(replicas, request, priority));
}

} // namespace contsim
