// OSCAR's KubeResourceManager (real-systems.md §2.4): every RESOURCE_MANAGER_INTERVAL it
// refreshes a cached view of each working node's free resources (allocatable − requests of
// the pods bound there); an event for a service with replicas is delegated when no node of
// that view has strictly more free CPU *and* memory than the service asks for. The view is
// not updated by the jobs created between refreshes, so a burst still over-schedules locally.
#pragma once
#include "models/kubernetes/Cluster.hpp"

#include <vector>

namespace contsim::oscar {

class ResourceManager {
public:
  void refresh(const kubernetes::Cluster& cluster);
  /// IsSchedulable(limits): some node with memLimit < freeMem && cpuLimit < freeCPU.
  bool is_schedulable(const kubernetes::Resources& limits) const;
  long long refreshes() const { return refreshes_; }

private:
  std::vector<kubernetes::Resources> free_;
  long long refreshes_ = 0;
};

} // namespace contsim::oscar
