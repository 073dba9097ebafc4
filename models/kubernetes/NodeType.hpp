// Machine types a Kubernetes cluster is built from (calibration `node_types:`, each citing
// its source): capacity, speed relative to the reference CPU the function profiles were
// measured on (a Skylake VM core = 1; a Raspberry Pi 4 core is slower), image-pull
// bandwidth, the system reservation, and optionally power draw and an hourly price so that
// node-up intervals carry energy and cost. A platform's node group may override any of these.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <string>
#include <vector>

namespace contsim::kubernetes {

struct NodeType {
  std::string name;
  double vcpus = 0;
  double memory_mib = 0;
  int gpus = 0;
  double cpu_speed = 1;
  double gpu_speed = 1;
  double image_pull_bytes_per_s = -1;   // < 0: the kubernetes section's default
  double reserved_cpu = -1;             // < 0: the kubernetes section's default (K1)
  double reserved_memory_mib = -1;
  double power_idle_w = -1;             // < 0: energy not modelled
  double power_max_w = -1;
  double usd_per_hour = 0;
  std::string source;
  int line = 0;

  /// Reads the hardware keys present in `ref` (a calibration entry), and checks the result.
  void update(const YamlRef& ref);
  /// Reads the hardware keys present in a reader shared with other keys (a platform node group).
  void read(MapReader& e);
  void check(const YamlRef& where) const;
};

class NodeCatalog {
public:
  /// Applies one layer of `node_types:`.
  void apply(const YamlRef& section);
  const NodeType* find(const std::string& name) const;
  std::string names() const;

private:
  std::vector<NodeType> types_;
};

} // namespace contsim::kubernetes
