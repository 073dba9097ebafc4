// CLUES, the elasticity manager of OSCAR clusters (real-systems.md §4), as one decision taken
// every `period_s` from the cluster's state:
//   - power on (CLUES_Scheduler_Reconsider_Jobs + PowOn_Requests): pods pending for at least
//     `pending_threshold_s` (RECONSIDER_JOB_TIME) that the nodes already booting cannot take
//     get OFF nodes powered on, in node order, each new node packed with as many of those
//     pods as fit it; at most `max_booting_nodes` boot at once (0 = no limit);
//   - power off (PowOn_IDLE): a managed node that is on, runs no pod and has been idle for
//     `idle_time_s` is drained and powered off. Nodes marked always-on (the front-end and the
//     first `min_nodes` working nodes; C4: one working node kept on) are never powered off.
// Boot and power-off durations are drawn by the caller (OscarService).
#pragma once
#include "models/kubernetes/Cluster.hpp"

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
