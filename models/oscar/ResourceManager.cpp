#include "models/oscar/ResourceManager.hpp"

namespace contsim::oscar {

void ResourceManager::refresh(const kubernetes::Cluster& cluster)
{
  // Ready, schedulable nodes only; the control plane is excluded (k8s.go's label filter).
  free_.clear();
  for (const auto& n : cluster.nodes)
    if (n.schedulable())
      free_.push_back(n.free());
  ++refreshes_;
}

bool ResourceManager::is_schedulable(const kubernetes::Resources& limits) const
{
  for (const auto& f : free_)
    if (limits.memory_kib < f.memory_kib && limits.cpu_m < f.cpu_m)
      return true;
  return false;
}

} // namespace contsim::oscar
