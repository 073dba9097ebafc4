// Which node a pod is bound to (the Kubernetes scheduler's NodeResourcesFit scoring strategy,
// chosen by name in the cluster's platform entry, `placement:`). Filtering is the same for all:
// a node that is on, not the control plane, with room for every requested resource. Scoring:
//   least-allocated  (Kubernetes' default) the mean of free CPU and free memory fractions after
//                    binding, highest first: pods spread;
//   most-allocated   the mean of used fractions after binding, highest first: pods pack.
// Ties go to a node that already holds the pod's image (ImageLocality), then to the earlier node.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace contsim {

/// One node as the scheduler sees it (cpu in millicores, memory in KiB, whole GPUs).
struct NodeView {
  bool schedulable = false;
  long long free_cpu_m = 0, free_memory_kib = 0;
  int free_gpus = 0;
  long long allocatable_cpu_m = 0, allocatable_memory_kib = 0;
  bool has_image = false;
};

struct PodRequest {
  long long cpu_m = 0, memory_kib = 0;
  int gpus = 0;
};

class NodePlacement {
public:
  virtual ~NodePlacement() = default;
  virtual const char* name() const = 0;
  /// The node to bind to, or -1 when the pod fits none.
  int choose(const std::vector<NodeView>& nodes, const PodRequest& pod) const;

protected:
  /// Higher is better; `after_*` are the node's free fractions once the pod is bound.
  virtual double score(double after_free_cpu, double after_free_memory) const = 0;
};

/// The strategy named `name`; null for an unknown one.
std::unique_ptr<NodePlacement> make_node_placement(const std::string& name);
/// The valid names, for messages.
std::vector<std::string> node_placement_names();

} // namespace contsim
