// What a delegating OSCAR cluster learns about a replica's cluster before choosing where to
// send an event: OSCAR's GET /system/status (per-node allocatable and requested resources,
// free totals) and, for TOPSIS, GET /system/logs/SERVICE (job durations, pending jobs).
// Plain data: policies read it, models fill it.
#pragma once
#include <vector>

namespace contsim {

struct NodeStatus {
  double allocatable_cores_m = 0;  // millicores
  double requested_cores_m = 0;
  double allocatable_bytes = 0;
  double requested_bytes = 0;
};

struct ClusterStatus {
  std::vector<NodeStatus> nodes;     // working nodes that are up (the control plane excluded)
  double total_free_cores_m = 0;     // Σ (allocatable − usage); usage ≈ the running pods' requests
  double total_free_bytes = 0;
  double max_free_on_node_cores_m = 0;
  double status_latency_s = 0;       // the /system/status round trip
  double mean_job_s = 1e6;           // mean creation → finish of succeeded jobs (1e6: none yet, as OSCAR)
  double pending_jobs = 0;
};

} // namespace contsim
