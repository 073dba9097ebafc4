#include "models/oscar/OscarParameters.hpp"

namespace contsim::oscar {

const std::vector<ParamField<KubernetesParameters>>& kubernetes_parameter_table()
{
  static const std::vector<ParamField<KubernetesParameters>> table{
      {{"system_reserved_cpu", 0.2, "vCPU", "CPU every node keeps for system pods (not allocatable to jobs)",
       "K1 (a 4-vCPU node fits 3 one-vCPU jobs)", 0, 1024}, &KubernetesParameters::system_reserved_cpu},
      {{"system_reserved_memory_mb", 250, "MiB", "memory every node keeps for system pods", "K1", 0, 1e9}, &KubernetesParameters::system_reserved_memory_mb},
      {{"image_pull_mb_per_s", 50, "MB/s",
       "image pull throughput of a node whose type gives no image_pull_bandwidth (first job of an image there)",
       "assumed: no published pull throughput in docs/spec", 1e-6, 1e9}, &KubernetesParameters::image_pull_mb_per_s},
      {{"image_check_s", 0, "s",
       "imagePullPolicy Always re-checks the registry when the image is cached (OSCAR's async jobs)",
       "assumed 0: not measured in the sources", 0, 3600, ParamType::distribution}, &KubernetesParameters::image_check},
      {{"container_start_s", 0, "s", "from the image being on the node to the supervisor starting",
       "0 unless a calibration file sets it (upv-openstack.yaml derives 7.75 s from K6 and B4)", 0, 3600, ParamType::distribution}, &KubernetesParameters::container_start},
  };
  return table;
}

std::vector<ParamSpec> kubernetes_parameter_specs()
{
  return specs_of(kubernetes_parameter_table());
}

const std::vector<ParamField<OscarModelParameters>>& oscar_parameter_table()
{
  static const std::vector<ParamField<OscarModelParameters>> table{
      {{"job_creation_s", 0, "s", "from the MinIO webhook reaching OSCAR to the Kubernetes Job being created",
       "assumed 0: not measured in the sources", 0, 3600, ParamType::distribution}, &OscarModelParameters::job_creation},
      {{"delegation_timeout_s", 20, "s", "HTTP client timeout of a delegation POST (then the next replica is tried)",
       "real-systems.md §2.6 (oscar:pkg/resourcemanager/delegate.go)", 0.001, 3600, ParamType::seconds}, &OscarModelParameters::delegation_timeout_s},
      {{"api_list_s", 0.05, "s",
       "a Resource Manager or Rescheduler round's list calls to the Kubernetes API server; the loop sleeps its interval after them",
       "assumed: tens of ms for a small cluster's API server (not measured in the sources)", 0, 3600, ParamType::seconds},
       &OscarModelParameters::api_list_s},
      {{"sync_timeout_s", 300, "s",
       "a synchronous request (/run) answered later fails on the caller's side (the pod still finishes it)",
       "real-systems.md §2.3 (OSCAR's HTTP READ_TIMEOUT / WRITE_TIMEOUT, 300 s)", 0.001, 1e9, ParamType::seconds}, &OscarModelParameters::sync_timeout_s},
      {{"knative_stable_window_s", 60, "s", "a Knative pod idle this long is removed (above min_scale)",
       "Knative config-autoscaler default stable-window (knative.dev docs)", 0, 1e9, ParamType::seconds}, &OscarModelParameters::knative_stable_window_s},
      {{"knative_scale_to_zero_grace_s", 30, "s", "extra time the last Knative pod stays before scaling to zero",
       "Knative config-autoscaler default scale-to-zero-grace-period (knative.dev docs)", 0, 1e9, ParamType::seconds}, &OscarModelParameters::knative_scale_to_zero_grace_s},
  };
  return table;
}

std::vector<ParamSpec> oscar_parameter_specs()
{
  return specs_of(oscar_parameter_table());
}

const std::vector<ParamField<CluesParameters>>& clues_parameter_table()
{
  static const std::vector<ParamField<CluesParameters>> table{
      {{"power_on_s", 300, "s", "from CLUES powering a node on to the node being Ready (VM boot + configuration)",
       "C1 (one deployment; C2 = 540 s without a prepared VM image)", 0, 86400, ParamType::distribution}, &CluesParameters::power_on},
      {{"power_off_s", 10, "s", "from CLUES deciding to power a node off (drain) to the node being gone",
       "assumed: CLUES's DELAY_POWOFF default (real-systems.md §4.1); not measured", 0, 86400, ParamType::distribution}, &CluesParameters::power_off},
      {{"idle_time_s", 180, "s", "a node idle this long is powered off (IDLE_TIME)",
       "C3 (OSCAR's template sets 300, CLUES's code 1800: real-systems.md §4.1)", 0, 1e9, ParamType::seconds}, &CluesParameters::idle_time_s},
      {{"pending_threshold_s", 60, "s", "a pod pending this long makes CLUES ask for a node (RECONSIDER_JOB_TIME)",
       "real-systems.md §4.1 (OSCAR's template and CLUES's default)", 0, 1e9, ParamType::seconds}, &CluesParameters::pending_threshold_s},
      {{"period_s", 5, "s", "how often CLUES takes its power decisions (PERIOD_SCHEDULE)",
       "real-systems.md §4.1 (CLUES's default)", 0.001, 1e9, ParamType::seconds}, &CluesParameters::period_s},
      {{"max_booting_nodes", 0, "nodes", "nodes booting at once (0 = no limit; MAX_BOOTING_NODES)",
       "real-systems.md §4.1 (OSCAR's template: = max nodes, i.e. no limit)", 0, 1e6, ParamType::integer}, &CluesParameters::max_booting_nodes},
      {{"min_nodes", 1, "nodes", "working nodes kept on, never powered off", "C4", 0, 1e6, ParamType::integer}, &CluesParameters::min_nodes},
  };
  return table;
}

std::vector<ParamSpec> clues_parameter_specs()
{
  return specs_of(clues_parameter_table());
}

} // namespace contsim::oscar
