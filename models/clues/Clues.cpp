#include "models/clues/Clues.hpp"

namespace contsim::clues {

using kubernetes::Node;
using kubernetes::Resources;

Decision decide(double now, const kubernetes::Cluster& cluster, const std::vector<PendingPod>& pending,
                const Settings& settings)
{
  Decision d;
  if (!settings.enabled)
    return d;
  const auto& nodes = cluster.nodes;

  // Room that will appear: nodes booting now, then nodes chosen by this decision.
  std::vector<Resources> room(nodes.size());
  std::vector<bool> incoming(nodes.size(), false);
  int booting = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].state == Node::State::booting && !nodes[i].control_plane) {
      room[i] = nodes[i].allocatable;
      incoming[i] = true;
      ++booting;
    }
  auto absorbed = [&](const Resources& r) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (incoming[i] && r.fits_in(room[i])) {
        room[i] = room[i].minus(r);
        return true;
      }
    return false;
  };
  for (const auto& pod : pending) {
    if (now - pod.created < settings.pending_threshold_s)
      continue;
    if (absorbed(pod.request))
      continue;
    if (settings.max_booting_nodes > 0 &&
        booting + static_cast<int>(d.power_on.size()) >= settings.max_booting_nodes)
      break;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const Node& n = nodes[i];
      if (n.control_plane || n.state != Node::State::off || incoming[i] || !pod.request.fits_in(n.allocatable))
        continue;
      incoming[i] = true;
      room[i] = n.allocatable.minus(pod.request);
      d.power_on.push_back(static_cast<int>(i));
      break;
    }
  }

  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.always_on || n.control_plane || n.state != Node::State::on || n.pods > 0)
      continue;
    if (now - n.uptime.idle_since >= settings.idle_time_s)
      d.power_off.push_back(static_cast<int>(i));
  }
  return d;
}

} // namespace contsim::clues
