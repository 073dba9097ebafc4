#include "models/clues/Clues.hpp"

namespace contsim::clues {

using NodeState = kubernetes::Node::State;
using Seen = ScalableNode::State;
static_assert(static_cast<int>(NodeState::off) == static_cast<int>(Seen::off) &&
                  static_cast<int>(NodeState::booting) == static_cast<int>(Seen::booting) &&
                  static_cast<int>(NodeState::ready) == static_cast<int>(Seen::on) &&
                  static_cast<int>(NodeState::draining) == static_cast<int>(Seen::draining),
              "node states map one to one");

Decision decide(double now, const kubernetes::Cluster& cluster, const std::vector<PendingPod>& pending,
                const Settings& settings)
{
  Decision d;
  if (!settings.enabled)
    return d;
  // The snapshot CLUES reads (its monitoring of the cluster), then the rule itself.
  std::vector<ScalableNode> nodes;
  nodes.reserve(cluster.nodes.size());
  for (const auto& n : cluster.nodes)
    nodes.push_back(ScalableNode{static_cast<ScalableNode::State>(n.machine.state), n.control_plane, n.always_on, n.pods,
                                 n.machine.uptime.idle_since, n.allocatable.cpu_m, n.allocatable.memory_kib,
                                 n.allocatable.gpus});
  std::vector<WaitingPod> waiting;
  waiting.reserve(pending.size());
  for (const auto& p : pending)
    waiting.push_back(WaitingPod{p.created, p.request.cpu_m, p.request.memory_kib, p.request.gpus});
  ScalingDecision s = clues_decision(
      now, nodes, waiting, CluesSettings{settings.idle_time_s, settings.pending_threshold_s, settings.max_booting_nodes});
  d.power_on = std::move(s.power_on);
  d.power_off = std::move(s.power_off);
  return d;
}

} // namespace contsim::clues
