// Which cluster nodes to power on and off: a pure function of the nodes' state and the pods
// waiting, taken every period by the cluster's elasticity manager. One variant:
//   clues  CLUES as OSCAR deploys it (real-systems.md §4):
//          - power on (CLUES_Scheduler_Reconsider_Jobs + PowOn_Requests): pods pending for at
//            least `pending_threshold_s` (RECONSIDER_JOB_TIME) that the nodes already booting
//            cannot take get OFF nodes powered on, in node order, each new node packed with as
//            many of those pods as fit it; at most `max_booting_nodes` boot at once (0 = no limit);
//          - power off (PowOn_IDLE): a managed node that is on, runs no pod and has been idle for
//            `idle_time_s` is drained and powered off; always-on nodes (the front-end and the
//            first `min_nodes` working nodes; C4) never are.
// Boot and power-off durations are drawn by the caller.
#pragma once
#include <vector>

namespace contsim {

/// One node as the elasticity manager sees it (cpu in millicores, memory in KiB, whole GPUs).
struct ScalableNode {
  enum class State { off, booting, on, draining } state = State::off;
  bool control_plane = false;
  bool always_on = false;
  int pods = 0;
  double idle_since = 0;
  long long cpu_m = 0, memory_kib = 0;  // allocatable
  int gpus = 0;
};

/// A pod not bound to any node, in creation order.
struct WaitingPod {
  double created = 0;
  long long cpu_m = 0, memory_kib = 0;
  int gpus = 0;
};

struct ScalingDecision {
  std::vector<int> power_on;   // node indices
  std::vector<int> power_off;
};

struct CluesSettings {
  double idle_time_s = 0;
  double pending_threshold_s = 0;
  int max_booting_nodes = 0;  // 0: no limit
};

/// CLUES's decision (see the header comment).
ScalingDecision clues_decision(double now, const std::vector<ScalableNode>& nodes,
                               const std::vector<WaitingPod>& pending, const CluesSettings& settings);

} // namespace contsim
