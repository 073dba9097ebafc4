// CLUES, the elasticity manager of OSCAR clusters: its rule is the pure policy
// sim/policy/NodeAutoscaler.hpp (clues_decision); this adapter gives it the cluster as CLUES's
// monitoring sees it and holds the settings read from the `clues:` parameters.
#pragma once
#include "models/kubernetes/Cluster.hpp"
#include "sim/policy/NodeAutoscaler.hpp"

#include <vector>

namespace contsim::clues {

/// Read from the `clues:` parameters (OscarParameters.cpp holds the defaults and their sources).
struct Settings {
  bool enabled = false;
  int min_nodes = 0;
  double idle_time_s = 0;
  double pending_threshold_s = 0;
  double period_s = 0;
  int max_booting_nodes = 0;
};

struct PendingPod {
  double created;
  kubernetes::Resources request;
};

struct Decision {
  std::vector<int> power_on;
  std::vector<int> power_off;
};

/// `pending` in creation order (pods not bound to any node).
Decision decide(double now, const kubernetes::Cluster& cluster, const std::vector<PendingPod>& pending,
                const Settings& settings);

} // namespace contsim::clues
