// An OSCAR cluster's server settings, spelled as the environment variables of OSCAR's
// deployment (oscar:pkg/types/config.go, real-systems.md §2.3) in the platform's cluster
// section, with OSCAR's defaults: both managers off, 15 s intervals, 30 s threshold (K7, K8).
#pragma once
#include "sim/core/YamlReader.hpp"

#include <nlohmann/json.hpp>

namespace contsim::oscar {

struct OscarSettings {
  bool resource_manager_enable = false;
  double resource_manager_interval_s = 15;
  bool rescheduler_enable = false;
  double rescheduler_interval_s = 15;   // K7
  double rescheduler_threshold_s = 30;  // K8; a service's rescheduler_threshold overrides it

  /// Reads the settings present in the cluster entry (the caller has declared no other key).
  static OscarSettings read(MapReader& entry);
  nlohmann::ordered_json to_json() const;
};

} // namespace contsim::oscar
