// A sweep as a Slurm job array: one array task per chunk of points, each running
// `contsim sweep run DIR` (which reads SLURM_ARRAY_TASK_ID), at most `throttle` at once.
#pragma once
#include <cstddef>
#include <string>

namespace contsim::sweep {

struct SlurmOptions {
  std::string partition, time, account;  // passed through when given
  std::size_t throttle = 0;              // the array's %N; 0 = no limit
  int cpus_per_task = 1;
};

/// The sbatch script for `tasks` array tasks of the sweep in `sweep_dir` (absolute), run by the
/// contsim executable at `contsim` (absolute); logs in DIR/slurm/logs/%A_%a.out.
std::string slurm_script(const std::string& contsim, const std::string& sweep_dir, std::size_t tasks,
                         const SlurmOptions& options);

/// "1234" from sbatch --parsable's "1234" or "1234;cluster"; empty when it is no job id.
std::string parse_sbatch_job_id(const std::string& output);

} // namespace contsim::sweep
