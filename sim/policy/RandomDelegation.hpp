// `delegation: random` (OSCAR getClusterStatus): an OSCAR replica whose cluster has a node with
// room gets priority rand.Intn(101); one without room, or whose status is unknown, is not tried.
#pragma once
#include "sim/policy/DelegationPolicy.hpp"

namespace contsim {

class RandomDelegation : public DelegationPolicy {
public:
  const char* name() const override { return "random"; }
  std::vector<int> order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                         RandomEngine& rng) const override;
};

} // namespace contsim
