#include "sim/policy/DelegationPolicy.hpp"

#include "sim/policy/LoadBasedDelegation.hpp"
#include "sim/policy/RandomDelegation.hpp"
#include "sim/policy/StaticDelegation.hpp"
#include "sim/policy/TopsisDelegation.hpp"

#include <algorithm>
#include <numeric>

namespace contsim {

std::unique_ptr<DelegationPolicy> make_delegation_policy(const std::string& name)
{
  if (name.empty() || name == "static")
    return std::make_unique<StaticDelegation>();
  if (name == "random")
    return std::make_unique<RandomDelegation>();
  if (name == "load-based")
    return std::make_unique<LoadBasedDelegation>();
  if (name == "topsis")
    return std::make_unique<TopsisDelegation>();
  return nullptr;
}

namespace delegation {

bool has_room(const ClusterStatus& status, const DelegationRequest& request)
{
  for (const auto& n : status.nodes)
    if (n.allocatable_cores_m - n.requested_cores_m - 1000 * request.cpu_cores >= 0 &&
        n.allocatable_bytes - n.requested_bytes - request.memory_bytes >= 0)
      return true;
  return false;
}

std::vector<int> by_priority(const std::vector<ReplicaView>& replicas, const std::vector<unsigned>& priorities)
{
  std::vector<int> order;
  for (std::size_t i = 0; i < replicas.size(); ++i)
    if (!replicas[i].oscar || priorities[i] < kNoDelegate)
      order.push_back(static_cast<int>(i));
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (priorities[a] != priorities[b])
      return priorities[a] < priorities[b];
    return replicas[a].declared < replicas[b].declared;
  });
  return order;
}

} // namespace delegation
} // namespace contsim
