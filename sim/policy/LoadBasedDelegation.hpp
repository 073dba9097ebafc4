// `delegation: load-based` (OSCAR getClusterStatus): for a cluster with room on some node,
// health = √(free CPU / total CPU × free memory / total memory) over its nodes, priority =
// 100 − round(100 · health): the least loaded cluster first. Others are not tried.
#pragma once
#include "sim/policy/DelegationPolicy.hpp"

namespace contsim {

class LoadBasedDelegation : public DelegationPolicy {
public:
  const char* name() const override { return "load-based"; }
  std::vector<int> order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                         RandomEngine& rng) const override;
  /// The priority of one cluster with room (0 = idle, 100 = full).
  static unsigned priority(const ClusterStatus& status);
};

} // namespace contsim
