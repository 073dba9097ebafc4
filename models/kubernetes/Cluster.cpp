#include "models/kubernetes/Cluster.hpp"

#include <cmath>

namespace contsim::kubernetes {

Resources Resources::of(double cpu_cores, double memory_mib, int gpus)
{
  // Kubernetes rounds quantities to millicores; memory is kept to the KiB.
  return {std::llround(cpu_cores * 1000.0), std::llround(memory_mib * 1024.0), gpus};
}

int Cluster::choose_node(const Resources& request, const std::string& image) const
{
  view_.resize(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    Resources free = n.free();
    view_[i] = NodeView{n.schedulable(), free.cpu_m, free.memory_kib, free.gpus, n.allocatable.cpu_m,
                        n.allocatable.memory_kib, n.schedulable() && n.images.has(image)};
  }
  static const auto kDefault = make_node_placement("least-allocated");
  return (placement ? placement : kDefault.get())->choose(view_, PodRequest{request.cpu_m, request.memory_kib, request.gpus});
}

bool Cluster::could_ever_fit(const Resources& request) const
{
  for (const auto& n : nodes)
    if (!n.control_plane && request.fits_in(n.allocatable))
      return true;
  return false;
}

void Cluster::accrue(int node, double now)
{
  Node& n = nodes[node];
  n.machine.requested_core_s += static_cast<double>(n.requested.cpu_m) / 1000.0 * (now - n.machine.last_change);
  n.machine.last_change = now;
}

void Cluster::bind(int node, const Resources& request, double now)
{
  Node& n = nodes[node];
  accrue(node, now);
  n.machine.uptime.job_started(now, n.pods == 0);
  n.requested = Resources{n.requested.cpu_m + request.cpu_m, n.requested.memory_kib + request.memory_kib,
                          n.requested.gpus + request.gpus};
  ++n.pods;
}

void Cluster::unbind(int node, const Resources& request, double now)
{
  Node& n = nodes[node];
  accrue(node, now);
  n.requested = n.requested.minus(request);
  --n.pods;
  n.machine.uptime.job_ended(now, n.pods == 0);
}

int Cluster::working_nodes_up() const
{
  int up = 0;
  for (const auto& n : nodes)
    if (!n.control_plane && n.machine.state != Node::State::off)
      ++up;
  return up;
}

} // namespace contsim::kubernetes
