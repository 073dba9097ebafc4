#include "sim/policy/NodeAutoscaler.hpp"

namespace contsim {
namespace {

struct Room {
  long long cpu_m = 0, memory_kib = 0;
  int gpus = 0;
  bool fits(const WaitingPod& p) const { return p.cpu_m <= cpu_m && p.memory_kib <= memory_kib && p.gpus <= gpus; }
  void take(const WaitingPod& p)
  {
    cpu_m -= p.cpu_m;
    memory_kib -= p.memory_kib;
    gpus -= p.gpus;
  }
};

} // namespace

ScalingDecision clues_decision(double now, const std::vector<ScalableNode>& nodes,
                               const std::vector<WaitingPod>& pending, const CluesSettings& settings)
{
  using State = ScalableNode::State;
  ScalingDecision d;
  // Room that will appear: nodes booting now, then nodes chosen by this decision.
  std::vector<Room> room(nodes.size());
  std::vector<bool> incoming(nodes.size(), false);
  int booting = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].state == State::booting && !nodes[i].control_plane) {
      room[i] = Room{nodes[i].cpu_m, nodes[i].memory_kib, nodes[i].gpus};
      incoming[i] = true;
      ++booting;
    }
  auto absorbed = [&](const WaitingPod& p) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (incoming[i] && room[i].fits(p)) {
        room[i].take(p);
        return true;
      }
    return false;
  };
  for (const auto& pod : pending) {
    if (now - pod.created < settings.pending_threshold_s)
      continue;
    if (absorbed(pod))
      continue;
    if (settings.max_booting_nodes > 0 && booting + static_cast<int>(d.power_on.size()) >= settings.max_booting_nodes)
      break;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const ScalableNode& n = nodes[i];
      Room whole{n.cpu_m, n.memory_kib, n.gpus};
      if (n.control_plane || n.state != State::off || incoming[i] || !whole.fits(pod))
        continue;
      incoming[i] = true;
      room[i] = whole;
      room[i].take(pod);
      d.power_on.push_back(static_cast<int>(i));
      break;
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const ScalableNode& n = nodes[i];
    if (n.always_on || n.control_plane || n.state != State::on || n.pods > 0)
      continue;
    if (now - n.idle_since >= settings.idle_time_s)
      d.power_off.push_back(static_cast<int>(i));
  }
  return d;
}

} // namespace contsim
