// Where an OSCAR service delegates an event among its replicas (FDL `delegation:`), as OSCAR's
// resourcemanager/delegate.go decides it: a pure function of the replicas' configured priorities
// and their clusters' status, returning the replicas to try in order. One file per policy:
//   static      the configured priorities (stable sort), every replica tried (OSCAR 2.5's rule);
//   random      a replica whose cluster has a node with room gets priority rand[0, 100], others
//               are not tried;
//   load-based  priority 100 − round(100·√(free CPU share × free memory share)) for a cluster with
//               room, others not tried;
//   topsis      TOPSIS over (status latency, nodes, free memory, free CPU, mean job time, pending
//               jobs) with OSCAR's weights; near-best alternatives (within 20 % of the best) shuffled.
// Endpoint replicas have no status: they keep their configured priority under every policy.
#pragma once
#include "sim/core/Random.hpp"
#include "sim/policy/ClusterStatus.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

struct ReplicaView {
  bool oscar = true;            // false: an endpoint replica
  unsigned priority = 0;        // as configured (0 = first)
  int declared = 0;             // position in the FDL's list (OSCAR sorts that list stably)
  bool status_known = false;    // the replica's cluster exists and answered /system/status
  ClusterStatus status;
};

/// What the delegated service asks of a node (its FDL cpu and memory).
struct DelegationRequest {
  double cpu_cores = 0;
  double memory_bytes = 0;
};

class DelegationPolicy {
public:
  virtual ~DelegationPolicy() = default;
  virtual const char* name() const = 0;
  /// Whether it reads ClusterStatus (static does not: no status requests are modelled for it).
  virtual bool needs_status() const { return true; }
  /// Indices into `replicas`, in the order DelegateJob tries them; a replica left out is not tried.
  virtual std::vector<int> order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                                 RandomEngine& rng) const = 0;
};

/// The policy of an FDL `delegation:` value (empty = static); null for an unknown name.
std::unique_ptr<DelegationPolicy> make_delegation_policy(const std::string& name);

namespace delegation {
/// OSCAR's noDelegateCode: a replica with this priority is not tried.
inline constexpr unsigned kNoDelegate = 101;
/// Does some node of the cluster have room for the request (allocatable − requested)?
bool has_room(const ClusterStatus& status, const DelegationRequest& request);
/// OSCAR getClusterStatus's priorities: `score(status)` for an OSCAR replica whose cluster has a
/// node with room, kNoDelegate for one without room or without a status; endpoints keep theirs.
template <class Score>
std::vector<unsigned> status_priorities(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                                        Score score)
{
  std::vector<unsigned> priorities;
  for (const auto& r : replicas) {
    if (!r.oscar)
      priorities.push_back(r.priority);
    else if (r.status_known && has_room(r.status, request))
      priorities.push_back(score(r.status));
    else
      priorities.push_back(kNoDelegate);
  }
  return priorities;
}
/// Indices of the replicas with priority < kNoDelegate (endpoints always), stably sorted by
/// (priority, declared position).
std::vector<int> by_priority(const std::vector<ReplicaView>& replicas, const std::vector<unsigned>& priorities);
} // namespace delegation

} // namespace contsim
