// The local backend of `contsim real`: this machine plays the scenario's OSCAR cluster.
//   storage   s3rver on 127.0.0.1 (S3Server), reached through the S3 API (S3Client); a storage
//             event is emitted right after each successful PUT whose key falls under a
//             function's input path, as MinIO's webhook would (no event latency is added);
//   workload  the scenario's sources, at their scheduled times on the wall clock (divided by
//             `time_scale`); each file is made beforehand by the source's input command;
//   jobs      a pod-like slot scheduler: pending jobs in trigger order, each started as soon
//             as its FDL cpu and memory fit in what the cluster's node has allocatable (the
//             same fit rule as the Kubernetes model), skipping the ones that do not fit yet;
//   execution faas-supervisor's steps (Supervisor), in the sandbox (Sandbox).
// Records go to the simulator's own sinks: trace.csv (rows written whole, as they end),
// timeline.csv, job_states.csv, instances.csv (the node: uptime priced and powered as the
// calibration's node type says), summary.json; plus real.json and real-errors.log.
// SIGINT/SIGTERM stop it cleanly: scripts are killed, unfinished invocations are traced as
// `interrupted`, s3rver is stopped.
#pragma once
#include "real-runners/core/RealSection.hpp"
#include "sim/scenario/Plan.hpp"

#include <iosfwd>
#include <string>

namespace contsim::real {

struct RealRunOptions {
  std::string out_dir = "out/real";
  double time_scale = 0;        // > 0: overrides the scenario's real.time_scale
  bool keep_scratch = false;    // keep the run's scratch directory (inputs, job directories, S3 data)
  std::ostream* progress = nullptr;
};

/// Runs the Plan for real; returns the process exit code (0 done, 130 interrupted).
int run_local(const Plan& plan, const RealSection& real, const RealRunOptions& options);

} // namespace contsim::real
