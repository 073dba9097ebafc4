#include "sim/policy/RandomDelegation.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace contsim {

std::vector<int> RandomDelegation::order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                                         RandomEngine& rng) const
{
  std::vector<unsigned> priorities;
  for (const auto& r : replicas) {
    if (!r.oscar)
      priorities.push_back(r.priority);
    else if (r.status_known && delegation::has_room(r.status, request))
      priorities.push_back(boost::random::uniform_int_distribution<unsigned>(0, delegation::kNoDelegate - 1)(rng));
    else
      priorities.push_back(delegation::kNoDelegate);
  }
  return delegation::by_priority(replicas, priorities);
}

} // namespace contsim
