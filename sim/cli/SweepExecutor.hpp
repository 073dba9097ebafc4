// Runs a sweep's replications on this machine, N at once, one child process each (SimGrid's
// engine runs once per process): a progress line on stderr (done/total, failures, ETA); a
// failed run leaves points/NNNN/rep-R/error.txt; Ctrl-C stops launching, waits for the runs in
// flight and returns 130, and a rerun resumes (finished replications are skipped).
#pragma once
#include "sim/sweep/SweepPlan.hpp"

#include <string>
#include <vector>

namespace contsim {

struct SweepRun {
  std::size_t point;
  int replication;
};

struct ExecutorOptions {
  std::string inputs_dir;   // the sweep directory holding sweep.json and inputs/
  std::string results_dir;  // where points/ go (usually the same)
  int jobs = 1;
  bool keep_traces = false;
};

/// 0 when every run finished, 130 when interrupted, else the exit status of the first failed run.
int execute_runs(const sweep::SweepPlan& plan, const std::vector<SweepRun>& runs, const ExecutorOptions& options);

} // namespace contsim
