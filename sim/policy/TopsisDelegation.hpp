// `delegation: topsis` (OSCAR DelegateJob, 2024-11): TOPSIS over six criteria per OSCAR replica,
//   status latency (min), nodes (max), free memory (max), free CPU (max), mean job time (min),
//   pending jobs + 0.1 (min), weights {1, 8, 18, 65, 2, 6};
// a cluster whose status is unknown, or with no node that has room for the service's CPU
// (max free CPU on a node), scores {latency or 20 s, 0, 0, 0, 1e6, 1e6}. Alternatives are
// ranked by preference; those within 20 % of the best (the best included) are shuffled;
// priority = 100 − ⌊100 · preference⌋, tried in that order.
// The released code then assigns priorities with a 1-based index into the 0-based replica list
// (an index out of range at the last alternative) and does not re-sort: this is the method as
// its comments and the paper intend, not that defect.
#pragma once
#include "sim/policy/DelegationPolicy.hpp"

namespace contsim {

class TopsisDelegation : public DelegationPolicy {
public:
  const char* name() const override { return "topsis"; }
  std::vector<int> order(const std::vector<ReplicaView>& replicas, const DelegationRequest& request,
                         RandomEngine& rng) const override;
  /// The TOPSIS closeness of each alternative (rows) over criteria (columns); columns 0, 4 and 5
  /// are minimised, the others maximised.
  static std::vector<double> preferences(const std::vector<std::vector<double>>& matrix,
                                         const std::vector<double>& weights);
};

} // namespace contsim
