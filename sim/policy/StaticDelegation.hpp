// `delegation: static` (and no `delegation:`): the configured priorities, every replica tried.
#pragma once
#include "sim/policy/DelegationPolicy.hpp"

namespace contsim {

class StaticDelegation : public DelegationPolicy {
public:
  const char* name() const override { return "static"; }
  bool needs_status() const override { return false; }
  std::vector<int> order(const std::vector<ReplicaView>& replicas, const DelegationRequest&,
                         RandomEngine&) const override
  {
    std::vector<unsigned> priorities;
    for (const auto& r : replicas)
      priorities.push_back(r.priority);
    return delegation::by_priority(replicas, priorities);
  }
};

} // namespace contsim
