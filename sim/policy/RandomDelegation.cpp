#include "sim/policy/RandomDelegation.hpp"

#include <boost/random/uniform_int_distribution.hpp>

namespace contsim {

std::vector<int> RandomDelegation::order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                                         RandomEngine& rng) const
{
  boost::random::uniform_int_distribution<unsigned> draw(0, delegation::kNoDelegate - 1);  // rand.Intn(101)
  auto priorities = delegation::status_priorities(replicas, request, [&](const ClusterStatus&) { return draw(rng); });
  return delegation::by_priority(replicas, priorities);
}

} // namespace contsim
