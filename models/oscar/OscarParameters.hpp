// Model parameters of OSCAR clusters, in three calibration sections: `kubernetes:` (node
// reservation, image pulls, container start), `oscar:` (job creation, delegation requests) and
// `clues:` (node power-on/off times and CLUES's policy settings). Each is declared once with
// unit, default and the source of the default (fact ids: docs/sources.md).
#pragma once
#include "sim/core/Parameters.hpp"

namespace contsim::oscar {

/// `kubernetes:`: the node reservation, image pulls and container start.
struct KubernetesParameters {
  double system_reserved_cpu;
  double system_reserved_memory_mb;
  double image_pull_mb_per_s;
  Distribution image_check;
  Distribution container_start;
};

/// `oscar:`: job creation, delegation requests, the synchronous path.
struct OscarModelParameters {
  Distribution job_creation;
  double delegation_timeout_s;
  double api_list_s;
  double sync_timeout_s;
  double knative_stable_window_s;
  double knative_scale_to_zero_grace_s;
};

/// `clues:`: node power-on/off times and CLUES's policy settings.
struct CluesParameters {
  Distribution power_on;
  Distribution power_off;
  double idle_time_s;
  double pending_threshold_s;
  double period_s;
  int max_booting_nodes;
  int min_nodes;
};

// Every parameter with the field that holds it (declared once, read by name).
const std::vector<ParamField<KubernetesParameters>>& kubernetes_parameter_table();
const std::vector<ParamField<OscarModelParameters>>& oscar_parameter_table();
const std::vector<ParamField<CluesParameters>>& clues_parameter_table();
std::vector<ParamSpec> kubernetes_parameter_specs();
std::vector<ParamSpec> oscar_parameter_specs();
std::vector<ParamSpec> clues_parameter_specs();

} // namespace contsim::oscar
