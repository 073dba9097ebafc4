#include "sim/policy/NodePlacement.hpp"

#include <cmath>

namespace contsim {
namespace {

class LeastAllocated : public NodePlacement {
public:
  const char* name() const override { return "least-allocated"; }

protected:
  double score(double free_cpu, double free_memory) const override { return 0.5 * (free_cpu + free_memory); }
};

class MostAllocated : public NodePlacement {
public:
  const char* name() const override { return "most-allocated"; }

protected:
  double score(double free_cpu, double free_memory) const override
  {
    return 0.5 * ((1 - free_cpu) + (1 - free_memory));
  }
};

} // namespace

int NodePlacement::choose(const std::vector<NodeView>& nodes, const PodRequest& pod) const
{
  int best = -1;
  double best_score = -1;
  bool best_has_image = false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const NodeView& n = nodes[i];
    if (!n.schedulable || pod.cpu_m > n.free_cpu_m || pod.memory_kib > n.free_memory_kib || pod.gpus > n.free_gpus)
      continue;
    double s = score(static_cast<double>(n.free_cpu_m - pod.cpu_m) / static_cast<double>(n.allocatable_cpu_m),
                     static_cast<double>(n.free_memory_kib - pod.memory_kib) /
                         static_cast<double>(n.allocatable_memory_kib));
    if (best < 0 || s > best_score + 1e-12 || (std::fabs(s - best_score) <= 1e-12 && n.has_image && !best_has_image)) {
      best = static_cast<int>(i);
      best_score = s;
      best_has_image = n.has_image;
    }
  }
  return best;
}

std::unique_ptr<NodePlacement> make_node_placement(const std::string& name)
{
  if (name == "least-allocated")
    return std::make_unique<LeastAllocated>();
  if (name == "most-allocated")
    return std::make_unique<MostAllocated>();
  return nullptr;
}

std::vector<std::string> node_placement_names()
{
  return {"least-allocated", "most-allocated"};
}

} // namespace contsim
