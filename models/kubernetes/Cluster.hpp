// The Kubernetes side of a cluster, as plain state and rules (no events): nodes with their
// allocatable resources (capacity minus the system reservation), what the pods bound to them
// request, and each node's image cache. The scheduler's policy lives here:
//   - a pod fits a node when the node is on (Ready), is not the control plane, and its
//     requests fit what the node has left (cpu in millicores, memory in KiB, whole GPUs),
//     as the default scheduler's NodeResourcesFit filter says;
//   - among the nodes it fits, the scoring strategy decides (sim/policy/NodePlacement: the
//     default LeastAllocated, mean of free CPU and free memory fractions, or MostAllocated),
//     then a node that already holds the image (ImageLocality), then the earlier node;
//   - pods are tried in creation order (the scheduling queue's FIFO); a pod that fits nowhere
//     stays pending without blocking later ones (see OscarService::dispatch).
// OSCAR sets only limits, which Kubernetes copies to requests (real-systems.md §4.2).
#pragma once
#include "models/common/ImageCache.hpp"
#include "models/common/Machine.hpp"
#include "models/kubernetes/NodeType.hpp"
#include "sim/policy/NodePlacement.hpp"

#include <string>
#include <vector>

namespace contsim::kubernetes {

struct Resources {
  long long cpu_m = 0;
  long long memory_kib = 0;
  int gpus = 0;

  static Resources of(double cpu_cores, double memory_mib, int gpus);
  bool fits_in(const Resources& room) const
  {
    return cpu_m <= room.cpu_m && memory_kib <= room.memory_kib && gpus <= room.gpus;
  }
  Resources minus(const Resources& o) const { return {cpu_m - o.cpu_m, memory_kib - o.memory_kib, gpus - o.gpus}; }
  bool operator==(const Resources& o) const
  {
    return cpu_m == o.cpu_m && memory_kib == o.memory_kib && gpus == o.gpus;
  }
};

struct Node {
  using State = common::MachineState;
  std::string name;
  std::string group;
  const NodeType* type = nullptr;
  bool control_plane = false;
  bool always_on = false;       // not managed by CLUES (the front-end, the first working nodes)
  Resources allocatable;
  Resources requested;          // by the pods bound here
  int pods = 0;
  int host = -1;                // compute host index (its CPU is a SimGrid host)
  double cpu_speed = 1;
  double gpu_speed = 1;
  double pull_bytes_per_s = 1;
  common::ImageCache images;    // the kubelet's pulled images

  common::Machine machine;      // its lifecycle: state, epoch, up interval, ∫ requested cores dt

  bool schedulable() const { return machine.state == State::ready && !control_plane; }
  Resources free() const { return allocatable.minus(requested); }
};

class Cluster {
public:
  std::vector<Node> nodes;
  /// The scheduler's scoring strategy (sim/policy/NodePlacement.hpp); null: least-allocated.
  const NodePlacement* placement = nullptr;

  /// The node the scheduler binds a pod to, or -1 when it fits no schedulable node.
  int choose_node(const Resources& request, const std::string& image) const;
  /// Would the pod fit some working node of the cluster if that node were on and empty?
  bool could_ever_fit(const Resources& request) const;
  void bind(int node, const Resources& request, double now);
  void unbind(int node, const Resources& request, double now);
  /// Brings the node's requested-core integral up to `now` (before its state changes).
  void accrue(int node, double now);
  int working_nodes_up() const;  // booting, on or draining; the control plane excluded

private:
  mutable std::vector<NodeView> view_;  // choose_node's snapshot, reused
};

} // namespace contsim::kubernetes
