// Machine types a Kubernetes cluster is built from (calibration `node_types:`, each citing
// its source): capacity, speed relative to the reference CPU the function profiles were
// measured on (a Skylake VM core = 1; a Raspberry Pi 4 core is slower), image-pull
// bandwidth, the system reservation, and optionally power draw and an hourly price so that
// node-up intervals carry energy and cost. A platform's node group may override any of these.
// The record and its reader are the shared machine layer's (models/common/MachineType.hpp).
#pragma once
#include "models/common/MachineType.hpp"

#include <string>

namespace contsim::kubernetes {

using NodeType = common::MachineType;

class NodeCatalog {
public:
  /// Applies one layer of `node_types:`.
  void apply(const YamlRef& section) { types_.apply(section); }
  const NodeType* find(const std::string& name) const { return types_.find(name); }
  /// The names, comma-separated ("none" when empty), for messages.
  std::string names() const;

private:
  common::MachineCatalog types_{common::MachineKeys::owned, "node type"};
};

} // namespace contsim::kubernetes
