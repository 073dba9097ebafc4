// An OSCAR cluster's server settings, spelled as the environment variables of OSCAR's
// deployment (oscar:pkg/types/config.go, real-systems.md §2.3) in the platform's cluster
// section, with OSCAR's defaults: both managers off, 15 s intervals, 30 s threshold (K7, K8).
// One key is not an environment variable but a choice of OSCAR version, where versions differ:
// `rescheduler_threshold_from` (see below).
#pragma once
#include "sim/core/YamlReader.hpp"

#include <nlohmann/json.hpp>

namespace contsim::oscar {

struct OscarSettings {
  bool resource_manager_enable = false;
  double resource_manager_interval_s = 15;
  bool rescheduler_enable = false;
  double rescheduler_interval_s = 15;   // K7
  double rescheduler_threshold_s = 30;  // K8
  /// Which threshold a job's pod carries. OSCAR 2.5.0 (oscar:pkg/resourcemanager/rescheduler.go
  /// @v2.5.0) compares every pod with RESCHEDULER_THRESHOLD and its FDL has no
  /// `rescheduler_threshold`; from 2.5.1 (commit 0d2468d1) the job handler labels the pod with the
  /// service's `rescheduler_threshold` when set, else RESCHEDULER_THRESHOLD.
  enum class ThresholdFrom { service, global };
  ThresholdFrom rescheduler_threshold_from = ThresholdFrom::service;

  /// Reads the settings present in the cluster entry (the caller has declared no other key).
  static OscarSettings read(MapReader& entry);
  nlohmann::ordered_json to_json() const;
};

} // namespace contsim::oscar
